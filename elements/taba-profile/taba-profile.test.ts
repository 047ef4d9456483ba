import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ApiError, AuthenticationError } from '../../sdk/errors.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, part, textOf } from '../test-support/dom.js';
import { PortalApiDouble } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import type { TabaProfile } from './taba-profile.component.js';
import './taba-profile.js';

async function renderProfile(double: PortalApiDouble): Promise<TabaProfile> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}><taba-profile></taba-profile></test-portal-provider>
  `);
  return provider.querySelector('taba-profile')!;
}

describe('<taba-profile>', () => {
  it('shows a loading status, then the contact and their customer, read-only', async () => {
    const double = new PortalApiDouble();
    const release = double.hold();
    const profile = await renderProfile(double);
    expect(part(profile, 'loading')?.getAttribute('role')).to.equal('status');
    release();

    await waitUntil(() => part(profile, 'details'), 'profile shown');
    expect(textOf(part(profile, 'name'))).to.equal('Ada Lovelace');
    expect(textOf(part(profile, 'email'))).to.equal('ada@example.com');
    expect(textOf(part(profile, 'role'))).to.equal('Finance lead');
    expect(textOf(part(profile, 'customer'))).to.equal('Analytical Engines Ltd');
    const terms = Array.from(part(profile, 'details')!.querySelectorAll('dt')).map(textOf);
    expect(terms).to.deep.equal(['Name', 'Email', 'Role', 'Customer']);
    expect(profile.shadowRoot!.querySelector('input, textarea, button'), 'nothing to edit').to.equal(null);
  });

  it('shows the reason in an alert with Retry when loading fails', async () => {
    const double = new PortalApiDouble();
    double.failNext(
      'me',
      new AuthenticationError({ type: 'about:blank', title: 'The portal session has ended', status: 401, code: 'session_ended' }),
    );
    const profile = await renderProfile(double);
    await waitUntil(() => part(profile, 'error'), 'error alert');
    expect(part(profile, 'error')!.getAttribute('role')).to.equal('alert');
    expect(textOf(part(profile, 'error'))).to.contain('The portal session has ended');

    buttonByText(profile, 'Retry')!.click();
    await waitUntil(() => part(profile, 'details'), 'profile shown after retry');
    expect(textOf(part(profile, 'customer'))).to.equal('Analytical Engines Ltd');
  });
});

describe('<taba-profile> states and accessibility (WCAG 2.2 AA)', () => {
  it('says "Not on file" for a role the business has not filled in', async () => {
    const double = new PortalApiDouble();
    double.profile = { ...double.profile, contact: { ...double.profile.contact, role: '' } };
    const profile = await renderProfile(double);
    await waitUntil(() => part(profile, 'details'), 'profile shown');
    expect(textOf(part(profile, 'role'))).to.equal('Not on file');
    expect(part(profile, 'not-on-file')).to.equal(part(profile, 'role'));
    expect(textOf(part(profile, 'name'))).to.equal('Ada Lovelace');
    await expectAccessible(profile, 'role not on file');
  });

  it('has no violations while loading and once loaded', async () => {
    const double = new PortalApiDouble();
    const release = double.hold();
    const profile = await renderProfile(double);
    await expectAccessible(profile, 'loading');
    release();
    await waitUntil(() => part(profile, 'details'), 'profile shown');
    expect(part(profile, 'not-on-file')).to.equal(null);
    await expectAccessible(profile, 'loaded');
  });

  it('has no violations when loading failed, or without a client', async () => {
    const double = new PortalApiDouble();
    double.failNext(
      'me',
      new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable', requestId: 'req_1' }),
    );
    const failed = await renderProfile(double);
    await waitUntil(() => part(failed, 'error'), 'error alert');
    expect(textOf(part(failed, 'error'))).to.contain('Could not load your profile.');
    expect(textOf(part(failed, 'error-advice')), 'what to do').to.contain('Try again in a few minutes.');
    expect(part(failed, 'retry')).not.to.equal(null);
    await expectAccessible(failed, 'error');

    const alone = await fixture<TabaProfile>(html`<taba-profile></taba-profile>`);
    expect(textOf(part(alone, 'notice'))).to.equal('Not connected to a portal session.');
    await expectAccessible(alone, 'not connected');
  });
});

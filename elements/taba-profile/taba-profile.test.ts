import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { AuthenticationError } from '../../sdk/errors.js';
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

import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { NotFoundError } from '../../sdk/errors.js';
import { acceptanceFixture, serveAcceptances } from '../test-support/acceptances.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, part, textOf } from '../test-support/dom.js';
import { PortalApiDouble } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import type { TabaAcceptanceCard } from './taba-acceptance-card.component.js';
import './taba-acceptance-card.js';

function mediumDate(timestamp: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(timestamp)).replace(/\s+/g, ' ');
}

async function renderCard(double: PortalApiDouble, acceptanceId: string | undefined): Promise<TabaAcceptanceCard> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-acceptance-card acceptance-id=${acceptanceId ?? ''}></taba-acceptance-card>
    </test-portal-provider>
  `);
  return provider.querySelector('taba-acceptance-card')!;
}

describe('<taba-acceptance-card>', () => {
  it('loads the one acceptance it is given and shows it as the list does', async () => {
    const soon = acceptanceFixture({
      title: 'Statement of work',
      documentName: 'SOW v3.pdf',
      expiresSoon: true,
      sentAt: '2026-11-02T09:30:00.000Z',
      expiresAt: '2026-11-03T09:30:00.000Z',
    });
    const double = new PortalApiDouble();
    serveAcceptances(double, [acceptanceFixture(), soon]);
    const release = double.hold();
    const card = await renderCard(double, soon.id);
    expect(textOf(part(card, 'loading'))).to.equal('Loading acceptance…');
    expect(part(card, 'loading')!.getAttribute('role')).to.equal('status');
    release();

    await waitUntil(() => part(card, 'card'), 'card shown');
    expect(textOf(part(card, 'title'))).to.equal('Statement of work');
    expect(textOf(part(card, 'status'))).to.equal('Pending');
    expect(textOf(part(card, 'document-name'))).to.equal('SOW v3.pdf');
    expect(textOf(part(card, 'sent'))).to.equal(`Sent ${mediumDate('2026-11-02T09:30:00.000Z')}`);
    const expiry = part(card, 'expires')!;
    expect(expiry.getAttribute('part')).to.equal('expires expires-soon');
    expect(textOf(expiry)).to.equal(`Expires ${mediumDate('2026-11-03T09:30:00.000Z')} (less than 48 hours left)`);
    expect(getComputedStyle(expiry).color, 'amber').to.equal('rgb(122, 74, 0)');
    expect(textOf(part(card, 'select'))).to.equal('Review & Accept Statement of work');
    expect(double.callsOf('retrievePortalAcceptance').map(([input]) => (input as { params: unknown }).params)).to.deep.equal([
      { acceptanceId: soon.id },
    ]);
  });

  it('emits taba-acceptance-select with the keyboard alone', async () => {
    const acceptance = acceptanceFixture({ title: 'Statement of work' });
    const double = new PortalApiDouble();
    serveAcceptances(double, [acceptance]);
    const card = await renderCard(double, acceptance.id);
    await waitUntil(() => part(card, 'select'), 'card shown');

    await sendKeys({ press: 'Tab' });
    expect(card.shadowRoot!.activeElement).to.equal(part(card, 'select'));
    const heard = oneEvent(document, 'taba-acceptance-select');
    await sendKeys({ press: 'Enter' });
    const event = await heard;
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
    expect(event.detail.acceptance.id).to.equal(acceptance.id);
  });

  it('offers "View" once accepted, with the date it was accepted', async () => {
    const acceptance = acceptanceFixture({ title: 'Design sign-off', status: 'accepted', acceptedAt: '2026-11-05T15:00:00.000Z', acceptedName: 'Ada' });
    const double = new PortalApiDouble();
    serveAcceptances(double, [acceptance]);
    const card = await renderCard(double, acceptance.id);
    await waitUntil(() => part(card, 'card'), 'card shown');
    expect(textOf(part(card, 'status'))).to.equal('Accepted');
    expect(textOf(part(card, 'accepted-on'))).to.equal(`Accepted ${mediumDate('2026-11-05T15:00:00.000Z')}`);
    expect(textOf(part(card, 'select'))).to.equal('View Design sign-off');
  });

  it('shows an alert with Retry when the acceptance cannot be loaded, and recovers', async () => {
    const acceptance = acceptanceFixture({ title: 'Statement of work' });
    const double = new PortalApiDouble();
    serveAcceptances(double, [acceptance]);
    double.failNext(
      'retrievePortalAcceptance',
      new NotFoundError({ type: 'about:blank', title: 'Acceptance not found', status: 404, code: 'not_found', requestId: 'req_7' }),
    );
    const card = await renderCard(double, acceptance.id);
    await waitUntil(() => part(card, 'error'), 'error alert');
    expect(textOf(part(card, 'error'))).to.contain('Could not load this acceptance.');
    expect(textOf(part(card, 'error'))).to.contain('Acceptance not found');
    expect(textOf(part(card, 'error-advice'))).to.equal(
      'It may have been withdrawn. Go back to the list, or ask the business that shares this portal with you.',
    );
    await expectAccessible(card, 'load error');

    buttonByText(card, 'Retry')!.click();
    await waitUntil(() => part(card, 'card'), 'card shown after retry');
    expect(textOf(part(card, 'title'))).to.equal('Statement of work');
  });

  it('says which input is missing when there is no acceptance-id or no client', async () => {
    const withoutId = await renderCard(new PortalApiDouble(), undefined);
    expect(textOf(part(withoutId, 'notice'))).to.equal('No acceptance selected.');
    await expectAccessible(withoutId, 'no acceptance selected');

    const alone = await fixture<TabaAcceptanceCard>(html`<taba-acceptance-card acceptance-id="acc_x1"></taba-acceptance-card>`);
    expect(textOf(part(alone, 'notice'))).to.equal('Not connected to a portal session.');
    await expectAccessible(alone, 'not connected');
  });
});

describe('<taba-acceptance-card> accessibility (WCAG 2.2 AA)', () => {
  it('has no violations while loading and for every status', async () => {
    const all = [
      acceptanceFixture({ expiresSoon: true }),
      acceptanceFixture(),
      acceptanceFixture({ status: 'accepted', acceptedAt: '2026-11-05T15:00:00.000Z', acceptedName: 'Ada Lovelace' }),
      acceptanceFixture({ status: 'expired', projectName: null }),
    ];
    const double = new PortalApiDouble();
    serveAcceptances(double, all);
    const release = double.hold();
    const loading = await renderCard(double, all[0]!.id);
    await expectAccessible(loading, 'loading');
    release();
    for (const acceptance of all) {
      const card = await renderCard(double, acceptance.id);
      await waitUntil(() => part(card, 'card'), 'card shown');
      await expectAccessible(card, `${acceptance.status}${acceptance.expiresSoon ? ', expiring soon' : ''}`);
    }
  });
});

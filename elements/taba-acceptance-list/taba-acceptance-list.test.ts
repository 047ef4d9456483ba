import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../sdk/errors.js';
import { acceptanceCardOf, acceptanceFixture, serveAcceptances } from '../test-support/acceptances.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, part, parts, textOf } from '../test-support/dom.js';
import { PortalApiDouble } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import { spokenText } from '../test-support/spoken.js';
import type { TabaAcceptanceList } from './taba-acceptance-list.component.js';
import './taba-acceptance-list.js';

function mediumDate(timestamp: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(timestamp)).replace(/\s+/g, ' ');
}

/** The text of a named part inside a card. */
function cell(card: Element | undefined, name: string): string {
  return textOf(card?.querySelector(`[part~='${name}']`));
}

async function renderList(double: PortalApiDouble, pageSize = 20): Promise<TabaAcceptanceList> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-acceptance-list page-size=${pageSize}></taba-acceptance-list>
    </test-portal-provider>
  `);
  return provider.querySelector('taba-acceptance-list')!;
}

async function cardsOf(list: TabaAcceptanceList, count: number): Promise<HTMLElement[]> {
  await waitUntil(() => parts(list, 'card').length === count, `expected ${count} cards`);
  return parts(list, 'card');
}

describe('<taba-acceptance-list>', () => {
  it('shows a loading status, then one card per acceptance with what a contact needs to see', async () => {
    const double = new PortalApiDouble();
    serveAcceptances(double, [
      acceptanceFixture({
        title: 'Statement of work',
        documentName: 'SOW v3.pdf',
        projectName: 'Website redesign',
        sentAt: '2026-11-02T09:30:00.000Z',
        expiresAt: '2026-11-16T09:30:00.000Z',
      }),
      acceptanceFixture({
        title: 'Design sign-off',
        status: 'accepted',
        projectName: null,
        acceptedAt: '2026-11-05T15:00:00.000Z',
        acceptedName: 'Ada Lovelace',
      }),
      acceptanceFixture({ title: 'Old terms', status: 'expired', expiresAt: '2026-10-01T09:30:00.000Z' }),
    ]);
    const release = double.hold();
    const list = await renderList(double);
    const loading = part(list, 'loading');
    expect(loading, 'loading state').not.to.equal(null);
    expect(loading!.getAttribute('role')).to.equal('status');
    expect(textOf(loading)).to.equal('Loading acceptances…');
    release();

    const [pending, accepted, expired] = await cardsOf(list, 3);
    expect(cell(pending, 'title')).to.equal('Statement of work');
    expect(pending!.querySelector("[part~='title']")!.localName).to.equal('h3');
    expect(cell(pending, 'status')).to.equal('Pending');
    expect(cell(pending, 'document-name')).to.equal('SOW v3.pdf');
    expect(cell(pending, 'project')).to.equal('Website redesign');
    expect(cell(pending, 'sent')).to.equal(`Sent ${mediumDate('2026-11-02T09:30:00.000Z')}`);
    expect(cell(pending, 'expires')).to.equal(`Expires ${mediumDate('2026-11-16T09:30:00.000Z')}`);
    // Visibly "Review & Accept"; the title after it is for screen readers, so each button says which acceptance.
    expect(cell(pending, 'select')).to.equal('Review & Accept Statement of work');
    expect(pending!.querySelector("[part~='select'] .visually-hidden")!.textContent!.trim()).to.equal('Statement of work');

    expect(cell(accepted, 'status')).to.equal('Accepted');
    expect(accepted!.querySelector("[part~='project']"), 'no project, no empty line').to.equal(null);
    expect(cell(accepted, 'accepted-on')).to.equal(`Accepted ${mediumDate('2026-11-05T15:00:00.000Z')}`);
    expect(accepted!.querySelector("[part~='expires']")).to.equal(null);
    expect(cell(accepted, 'select')).to.equal('View Design sign-off');

    expect(cell(expired, 'status')).to.equal('Expired');
    expect(expired!.querySelector("[part~='status']")!.getAttribute('part')).to.equal('status status-expired');
    expect(cell(expired, 'expires')).to.equal(`Expired ${mediumDate('2026-10-01T09:30:00.000Z')}`);
    expect(cell(expired, 'select')).to.equal('View Old terms');
    expect(part(list, 'load-more'), 'no further pages').to.equal(null);
  });

  it('shows an expiry less than 48 hours away in amber and says so in words', async () => {
    const double = new PortalApiDouble();
    serveAcceptances(double, [
      acceptanceFixture({ title: 'Soon', expiresSoon: true, expiresAt: '2026-11-03T09:30:00.000Z' }),
      acceptanceFixture({ title: 'Later' }),
    ]);
    const list = await renderList(double);
    const [soon, later] = await cardsOf(list, 2);

    const expiry = soon!.querySelector<HTMLElement>("[part~='expires']")!;
    expect(expiry.getAttribute('part')).to.equal('expires expires-soon');
    expect(textOf(expiry)).to.equal(`Expires ${mediumDate('2026-11-03T09:30:00.000Z')} (less than 48 hours left)`);
    expect(getComputedStyle(expiry).color, 'amber text').to.equal('rgb(122, 74, 0)');
    expect(getComputedStyle(expiry).backgroundColor, 'amber background').to.equal('rgb(255, 244, 204)');

    const calm = later!.querySelector<HTMLElement>("[part~='expires']")!;
    expect(calm.getAttribute('part')).to.equal('expires');
    expect(textOf(calm)).not.to.contain('48 hours');
    expect(getComputedStyle(calm).color).not.to.equal('rgb(122, 74, 0)');
  });

  it('says so when there is nothing to accept', async () => {
    const list = await renderList(new PortalApiDouble());
    await waitUntil(() => part(list, 'empty'), 'empty state');
    expect(textOf(part(list, 'empty'))).to.equal('Nothing to accept yet');
    expect(part(list, 'empty')!.getAttribute('role')).to.equal('status');
    expect(part(list, 'list')).to.equal(null);
  });

  it('shows an alert with the reason and a Retry button when loading fails, and recovers', async () => {
    const double = new PortalApiDouble();
    serveAcceptances(double, [acceptanceFixture({ title: 'Statement of work' })]);
    double.failNext(
      'listPortalAcceptances',
      new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable' }),
    );
    const list = await renderList(double);
    await waitUntil(() => part(list, 'error'), 'error state');
    const alert = part(list, 'error')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(textOf(alert)).to.contain('Could not load your acceptances.');
    expect(textOf(alert)).to.contain('Service unavailable');
    expect(textOf(part(list, 'error-advice'))).to.contain('Try again in a few minutes.');

    buttonByText(list, 'Retry')!.click();
    const [card] = await cardsOf(list, 1);
    expect(cell(card, 'title')).to.equal('Statement of work');
    expect(part(list, 'error')).to.equal(null);
  });

  it('loads further pages with "Load more", moving focus to the first new card', async () => {
    const double = new PortalApiDouble();
    serveAcceptances(double, [
      acceptanceFixture({ title: 'First' }),
      acceptanceFixture({ title: 'Second' }),
      acceptanceFixture({ title: 'Third' }),
    ]);
    const list = await renderList(double, 2);
    await cardsOf(list, 2);

    const loadMore = part<HTMLButtonElement>(list, 'load-more')!;
    expect(textOf(loadMore)).to.equal('Load more');
    const release = double.hold();
    loadMore.focus();
    loadMore.click();
    await waitUntil(() => textOf(part(list, 'load-more')) === 'Loading more acceptances…', 'busy button');
    expect(part(list, 'load-more')!.getAttribute('aria-disabled')).to.equal('true');
    release();

    const cards = await cardsOf(list, 3);
    expect(cards.map((card) => cell(card, 'title'))).to.deep.equal(['First', 'Second', 'Third']);
    expect(part(list, 'load-more')).to.equal(null);
    await waitUntil(() => list.shadowRoot!.activeElement === cards[2]!.querySelector("[part~='select']"), 'focus on the new card');
    expect(double.callsOf('listPortalAcceptances').map(([input]) => (input as { query: unknown }).query)).to.deep.equal([
      { limit: 2 },
      { limit: 2, cursor: '2' },
    ]);
  });

  it('emits taba-acceptance-select (bubbling, composed) from "Review & Accept"', async () => {
    const chosen = acceptanceFixture({ title: 'Statement of work' });
    const double = new PortalApiDouble();
    serveAcceptances(double, [chosen]);
    const list = await renderList(double);
    const [card] = await cardsOf(list, 1);

    const heard = oneEvent(document, 'taba-acceptance-select');
    card!.querySelector<HTMLButtonElement>("[part~='select']")!.click();
    const event = await heard;
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
    expect(event.detail.acceptance).to.deep.equal(acceptanceCardOf(chosen));
  });

  it('works with the keyboard alone: Tab to a card’s button, Enter selects it', async () => {
    const chosen = acceptanceFixture({ title: 'Keyboard pick' });
    const double = new PortalApiDouble();
    serveAcceptances(double, [chosen, acceptanceFixture({ status: 'accepted', acceptedAt: '2026-11-05T15:00:00.000Z' })]);
    const list = await renderList(double);
    await cardsOf(list, 2);

    await sendKeys({ press: 'Tab' });
    expect(spokenText(list.shadowRoot!.activeElement)).to.equal('Review & Accept Keyboard pick');
    const heard = oneEvent(list, 'taba-acceptance-select');
    await sendKeys({ press: 'Enter' });
    expect((await heard).detail.acceptance.id).to.equal(chosen.id);

    await sendKeys({ press: 'Tab' });
    expect(textOf(list.shadowRoot!.activeElement)).to.contain('View');
  });

  it('says it is not connected without a portal client', async () => {
    const list = await fixture<TabaAcceptanceList>(html`<taba-acceptance-list></taba-acceptance-list>`);
    expect(textOf(part(list, 'notice'))).to.equal('Not connected to a portal session.');
    await expectAccessible(list, 'not connected');
  });
});

describe('<taba-acceptance-list> accessibility (WCAG 2.2 AA)', () => {
  it('has no violations while loading, with every kind of card, and with Load more', async () => {
    const double = new PortalApiDouble();
    serveAcceptances(double, [
      acceptanceFixture({ expiresSoon: true }),
      acceptanceFixture(),
      acceptanceFixture({ status: 'accepted', acceptedAt: '2026-11-05T15:00:00.000Z', acceptedName: 'Ada Lovelace' }),
      acceptanceFixture({ status: 'expired', projectName: null }),
    ]);
    const release = double.hold();
    const list = await renderList(double, 3);
    await expectAccessible(list, 'loading');
    release();
    await cardsOf(list, 3);
    await expectAccessible(list, 'loaded, with Load more');

    double.failNext('listPortalAcceptances', new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable' }));
    part<HTMLButtonElement>(list, 'load-more')!.click();
    await waitUntil(() => part(list, 'error'), 'load more failed');
    await expectAccessible(list, 'load more failed');
  });

  it('has no violations when empty or when loading failed', async () => {
    const empty = await renderList(new PortalApiDouble());
    await waitUntil(() => part(empty, 'empty'), 'empty state');
    await expectAccessible(empty, 'empty');

    const double = new PortalApiDouble();
    double.failNext('listPortalAcceptances', new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable', requestId: 'req_1' }));
    const failed = await renderList(double);
    await waitUntil(() => part(failed, 'error'), 'error state');
    await expectAccessible(failed, 'load error');
  });
});

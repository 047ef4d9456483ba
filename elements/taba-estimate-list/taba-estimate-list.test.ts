import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../sdk/errors.js';
import { setPortalLocale } from '../shared/localize.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, hasFocus, part, parts, textOf } from '../test-support/dom.js';
import { EstimateDesk, estimateFixture, lineFixture } from '../test-support/finance-desk.js';
import { PortalApiDouble } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import type { TabaEstimateList } from './taba-estimate-list.component.js';
import './taba-estimate-list.js';

function cell(card: Element | undefined, name: string): string {
  return textOf(card?.querySelector(`[part~='${name}']`));
}

function deskWith(...estimates: ReturnType<typeof estimateFixture>[]): { double: PortalApiDouble; desk: EstimateDesk } {
  const double = new PortalApiDouble();
  return { double, desk: new EstimateDesk(double, estimates) };
}

async function renderList(double: PortalApiDouble, pageSize = 20): Promise<TabaEstimateList> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-estimate-list page-size=${pageSize}></taba-estimate-list>
    </test-portal-provider>
  `);
  return provider.querySelector('taba-estimate-list')!;
}

async function cardsOf(list: TabaEstimateList, count: number): Promise<HTMLElement[]> {
  await waitUntil(() => parts(list, 'card').length === count, `expected ${count} cards`);
  return parts(list, 'card');
}

function tabs(list: TabaEstimateList): HTMLElement[] {
  return parts(list, 'tab');
}

function normalised(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

describe('<taba-estimate-list>', () => {
  afterEach(async () => {
    await setPortalLocale();
  });

  it('shows the open estimates: number, title, status in words, total, valid-until date and project', async () => {
    const website = estimateFixture({ title: 'Website redesign', projectId: 'prj_web', projectName: 'New website', validUntil: '2026-12-31' });
    const logo = estimateFixture({ title: 'Logo', currency: 'JPY', lines: [lineFixture({ quantity: '1', unitAmount: 125_000 })] });
    const old = estimateFixture({ title: 'Old one', status: 'approved', approvedAt: '2026-11-21T10:00:00.000Z', approvedName: 'Ada' });
    const { double } = deskWith(website, logo, old);
    await setPortalLocale('en-US');
    const release = double.hold();
    const list = await renderList(double);
    expect(part(list, 'loading')?.getAttribute('role')).to.equal('status');
    expect(textOf(part(list, 'loading'))).to.equal('Loading estimates…');
    release();

    const [first, second] = await cardsOf(list, 2);
    expect(cell(first, 'name')).to.equal(`${website.number} Website redesign`);
    expect(first!.querySelector("[part~='name']")!.localName, 'each card is headed').to.equal('h3');
    expect(cell(first, 'status')).to.equal('Awaiting decision');
    // 10 × 120.00 + 20 % tax, and 240.00 − 10 %: 1,440.00 + 216.00.
    expect(cell(first, 'total')).to.equal('Total: $1,656.00');
    expect(cell(first, 'valid-until')).to.equal('Valid until Dec 31, 2026');
    expect(first!.querySelector('time')!.getAttribute('datetime')).to.equal('2026-12-31');
    expect(cell(first, 'project')).to.equal('New website');
    expect(cell(second, 'total'), 'yen have no decimals').to.equal('Total: ¥125,000');
    expect(second!.querySelector("[part~='project']"), 'no project, no line').to.equal(null);
    expect(double.callsOf('listPortalEstimates').map(([input]) => (input as { query: unknown }).query)).to.deep.equal([{ limit: 20, tab: 'open' }]);
  });

  it('shows money and dates in the locale: de-DE writes 1.656,00 € and 31.12.2026', async () => {
    await setPortalLocale('de-DE');
    const { double } = deskWith(estimateFixture({ currency: 'EUR', validUntil: '2026-12-31' }));
    const list = await renderList(double);
    const [card] = await cardsOf(list, 1);
    expect(normalised(cell(card, 'total'))).to.equal('Gesamt: 1.656,00 €');
    expect(cell(card, 'valid-until')).to.equal('Gültig bis 31.12.2026');
  });

  it('is a proper ARIA tablist: Open and Closed, each controlling its labelled panel; Closed lists decided ones', async () => {
    const { double } = deskWith(
      estimateFixture({ title: 'Open one' }),
      estimateFixture({ title: 'Approved', status: 'approved', approvedAt: '2026-11-21T10:00:00.000Z', approvedName: 'Ada' }),
      estimateFixture({ title: 'Declined', status: 'declined', declinedAt: '2026-11-21T10:00:00.000Z', declineReason: 'Too dear' }),
      estimateFixture({ title: 'Expired', status: 'expired', validUntil: '2026-11-01' }),
      estimateFixture({ title: 'Invoiced', status: 'converted', approvedAt: '2026-11-21T10:00:00.000Z', approvedName: 'Ada' }),
    );
    const list = await renderList(double);
    await cardsOf(list, 1);
    const tablist = part(list, 'tabs')!;
    expect(tablist.getAttribute('role')).to.equal('tablist');
    expect(tablist.getAttribute('aria-label')).to.equal('Estimates');
    expect(tabs(list).map(textOf)).to.deep.equal(['Open', 'Closed']);
    for (const tab of tabs(list)) {
      const panel = list.shadowRoot!.getElementById(tab.getAttribute('aria-controls')!)!;
      expect(panel.getAttribute('role')).to.equal('tabpanel');
      expect(panel.getAttribute('aria-labelledby')).to.equal(tab.id);
    }
    buttonByText(list, 'Closed')!.click();
    const cards = await cardsOf(list, 4);
    expect(list.tab).to.equal('closed');
    expect(tabs(list).map((tab) => tab.getAttribute('aria-selected'))).to.deep.equal(['false', 'true']);
    expect(cards.map((card) => cell(card, 'status'))).to.deep.equal(['Approved', 'Declined', 'Expired', 'Invoiced']);
    expect(parts(list, 'panel').map((panel) => panel.hidden)).to.deep.equal([true, false]);
  });

  it('moves between tabs with the arrow keys, Home and End, and Tab goes on to the first estimate', async () => {
    const { double } = deskWith(estimateFixture({ title: 'Open one' }), estimateFixture({ title: 'Done', status: 'declined', declinedAt: '2026-11-21T10:00:00.000Z', declineReason: 'No' }));
    const list = await renderList(double);
    await cardsOf(list, 1);
    await sendKeys({ press: 'Tab' });
    expect(list.shadowRoot!.activeElement).to.equal(tabs(list)[0]);
    const focused = () => tabs(list).indexOf(list.shadowRoot!.activeElement as HTMLElement);
    for (const [key, expected] of [
      ['ArrowRight', 1],
      ['ArrowRight', 0],
      ['ArrowLeft', 1],
      ['Home', 0],
      ['End', 1],
    ] as const) {
      await sendKeys({ press: key });
      await waitUntil(() => focused() === expected, `${key}: focus on tab ${expected}`);
      expect(list.tab).to.equal(expected === 0 ? 'open' : 'closed');
    }
    await waitUntil(() => cell(parts(list, 'card')[0], 'name').endsWith('Done'), 'the closed estimate');
    await sendKeys({ press: 'Tab' });
    expect(hasFocus(list, 'open'), 'Tab goes on to the estimate').to.equal(true);
  });

  it('says so when a tab has no estimates', async () => {
    const list = await renderList(deskWith().double);
    await waitUntil(() => part(list, 'empty'), 'empty state');
    expect(textOf(part(list, 'empty'))).to.equal('No estimates awaiting your decision. When the team sends you one, it shows here.');
    buttonByText(list, 'Closed')!.click();
    await waitUntil(() => textOf(part(list, 'empty')) === 'No approved, declined or expired estimates yet', 'empty closed tab');
    expect(part(list, 'list')).to.equal(null);
  });

  it('shows an alert with the reason and Retry when loading fails, and recovers', async () => {
    const { double } = deskWith(estimateFixture({ title: 'Website' }));
    double.failNext('listPortalEstimates', new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable' }));
    const list = await renderList(double);
    await waitUntil(() => part(list, 'error'), 'error state');
    expect(part(list, 'error')!.getAttribute('role')).to.equal('alert');
    expect(textOf(part(list, 'error'))).to.contain('Could not load your estimates.');
    expect(textOf(part(list, 'error'))).to.contain('Service unavailable');
    buttonByText(list, 'Retry')!.click();
    const [card] = await cardsOf(list, 1);
    expect(cell(card, 'name')).to.contain('Website');
  });

  it('loads further pages with "Load more" and focuses the first new estimate', async () => {
    const { double } = deskWith(estimateFixture({ title: 'First' }), estimateFixture({ title: 'Second' }), estimateFixture({ title: 'Third' }));
    const list = await renderList(double, 2);
    await cardsOf(list, 2);
    part<HTMLButtonElement>(list, 'load-more')!.focus();
    await sendKeys({ press: 'Enter' });
    const cards = await cardsOf(list, 3);
    await waitUntil(() => list.shadowRoot!.activeElement === cards[2]!.querySelector("[part~='open']"), 'focus on the first new estimate');
    expect(double.callsOf('listPortalEstimates').map(([input]) => (input as { query: unknown }).query)).to.deep.equal([
      { limit: 2, tab: 'open' },
      { limit: 2, cursor: '2', tab: 'open' },
    ]);
  });

  it('opens an estimate by click or keyboard: taba-estimate-select with its id (bubbling, composed)', async () => {
    const chosen = estimateFixture({ title: 'Keyboard pick' });
    const { double } = deskWith(estimateFixture(), chosen);
    const list = await renderList(double);
    const cards = await cardsOf(list, 2);
    const clicked = oneEvent(document, 'taba-estimate-select');
    cards[0]!.querySelector<HTMLButtonElement>("[part~='open']")!.click();
    const event = await clicked;
    expect([event.bubbles, event.composed]).to.deep.equal([true, true]);

    cards[1]!.querySelector<HTMLButtonElement>("[part~='open']")!.focus();
    const keyed = oneEvent(list, 'taba-estimate-select');
    await sendKeys({ press: 'Enter' });
    const { detail } = await keyed;
    expect(detail.estimateId).to.equal(chosen.id);
    expect(detail.estimate).to.deep.include({ id: chosen.id, title: 'Keyboard pick', version: 1, total: 165_600 });
  });

  it('refresh() shows what changed on the server', async () => {
    const { double, desk } = deskWith(estimateFixture());
    const list = await renderList(double);
    await cardsOf(list, 1);
    desk.estimates[0]!.status = 'approved';
    await list.refresh();
    await waitUntil(() => part(list, 'empty'), 'moved to Closed');
  });

  it('explains that it is not connected when nothing provides a client', async () => {
    const list = await fixture<TabaEstimateList>(html`<taba-estimate-list></taba-estimate-list>`);
    expect(textOf(part(list, 'notice'))).to.equal('Not connected to a portal session.');
    expect(part(list, 'tabs')).to.equal(null);
  });
});

describe('<taba-estimate-list> accessibility (WCAG 2.2 AA)', () => {
  it('has no violations while loading, loaded with Load more, and on the Closed tab with every status', async function () {
    this.timeout(20_000);
    const { double } = deskWith(
      estimateFixture({ projectName: 'New website', projectId: 'prj_a' }),
      estimateFixture(),
      estimateFixture(),
      estimateFixture({ status: 'approved', approvedAt: '2026-11-21T10:00:00.000Z', approvedName: 'Ada' }),
      estimateFixture({ status: 'declined', declinedAt: '2026-11-21T10:00:00.000Z', declineReason: 'No' }),
      estimateFixture({ status: 'expired' }),
      estimateFixture({ status: 'converted', approvedAt: '2026-11-21T10:00:00.000Z', approvedName: 'Ada' }),
    );
    const release = double.hold();
    const list = await renderList(double, 2);
    await expectAccessible(list, 'loading');
    release();
    await cardsOf(list, 2);
    await expectAccessible(list, 'loaded');
    buttonByText(list, 'Closed')!.click();
    await waitUntil(() => parts(list, 'card').length === 2 && cell(parts(list, 'card')[0], 'status') === 'Approved', 'closed tab');
    part<HTMLButtonElement>(list, 'load-more')!.click();
    await cardsOf(list, 4);
    await expectAccessible(list, 'closed tab');
  });

  it('has no violations when empty, when loading failed, and without a client', async function () {
    this.timeout(10_000);
    const empty = await renderList(deskWith().double);
    await waitUntil(() => part(empty, 'empty'), 'empty state');
    await expectAccessible(empty, 'empty');
    const { double } = deskWith(estimateFixture());
    double.failNext('listPortalEstimates', new TypeError('Failed to fetch'));
    const failed = await renderList(double);
    await waitUntil(() => part(failed, 'error'), 'error state');
    await expectAccessible(failed, 'error');
    const alone = await fixture<TabaEstimateList>(html`<taba-estimate-list></taba-estimate-list>`);
    await expectAccessible(alone, 'not connected');
  });
});

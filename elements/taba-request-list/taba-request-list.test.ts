import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../sdk/errors.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, hasFocus, part, parts, textOf } from '../test-support/dom.js';
import { PortalApiDouble } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import { RequestDesk, requestFixture, requestItemFixture } from '../test-support/request-desk.js';
import type { TabaRequestList } from './taba-request-list.component.js';
import './taba-request-list.js';

function cell(card: Element | undefined, name: string): string {
  return textOf(card?.querySelector(`[part~='${name}']`));
}

function items(total: number, accepted: number) {
  return Array.from({ length: total }, (_, index) => requestItemFixture({ state: index < accepted ? 'accepted' : 'awaiting_response' }));
}

function deskWith(...requests: ReturnType<typeof requestFixture>[]): { double: PortalApiDouble; desk: RequestDesk } {
  const double = new PortalApiDouble();
  return { double, desk: new RequestDesk(double, requests) };
}

async function renderList(double: PortalApiDouble, pageSize = 20): Promise<TabaRequestList> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-request-list page-size=${pageSize}></taba-request-list>
    </test-portal-provider>
  `);
  return provider.querySelector('taba-request-list')!;
}

async function cardsOf(list: TabaRequestList, count: number): Promise<HTMLElement[]> {
  await waitUntil(() => parts(list, 'card').length === count, `expected ${count} cards`);
  return parts(list, 'card');
}

function tabs(list: TabaRequestList): HTMLElement[] {
  return parts(list, 'tab');
}

describe('<taba-request-list>', () => {
  it('shows the open requests first: number, title, status, project, progress in text and bar, sent date', async () => {
    const vat = requestFixture({
      title: 'VAT registration',
      status: 'in_progress',
      projectId: 'prj_accounts',
      projectName: 'Annual accounts',
      sentAt: '2026-11-24T15:00:00.000Z',
      items: items(5, 2),
    });
    const logo = requestFixture({ title: 'Logo files', status: 'sent', items: items(1, 0) });
    const done = requestFixture({ title: 'Old one', status: 'completed', items: items(1, 1) });
    const { double } = deskWith(vat, logo, done);
    const release = double.hold();
    const list = await renderList(double);
    expect(part(list, 'loading')?.getAttribute('role')).to.equal('status');
    expect(textOf(part(list, 'loading'))).to.equal('Loading requests…');
    release();

    const [first, second] = await cardsOf(list, 2);
    expect(cell(first, 'name')).to.equal(`${vat.number} VAT registration`);
    expect(first!.querySelector("[part~='name']")!.localName, 'each card is headed').to.equal('h3');
    expect(cell(first, 'number')).to.equal(vat.number);
    expect(cell(first, 'status')).to.equal('In Progress');
    expect(cell(first, 'project')).to.equal('Annual accounts');
    expect(cell(first, 'progress-text')).to.equal('2 of 5 accepted');
    const bar = first!.querySelector<HTMLProgressElement>("[part~='progress-bar']")!;
    expect([bar.value, bar.max]).to.deep.equal([2, 5]);
    expect(bar.labels[0]!.textContent).to.contain('2 of 5 accepted');
    const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date('2026-11-24T15:00:00.000Z'));
    expect(cell(first, 'sent')).to.equal(`Sent ${date}`);
    expect(first!.querySelector('time')!.getAttribute('datetime')).to.equal('2026-11-24T15:00:00.000Z');

    expect(cell(second, 'status')).to.equal('Sent');
    expect(second!.querySelector("[part~='project']"), 'no project, no line').to.equal(null);
    expect(cell(second, 'progress-text')).to.equal('0 of 1 accepted');
    expect(part(list, 'list')!.getAttribute('aria-label')).to.equal('Open');
    expect(part(list, 'load-more')).to.equal(null);
    expect(double.callsOf('listPortalRequests').map(([input]) => (input as { query: unknown }).query)).to.deep.equal([{ limit: 20, tab: 'open' }]);
  });

  it('is a proper ARIA tablist: Open and Completed, each controlling its labelled panel; Completed lists closed requests', async () => {
    const { double } = deskWith(
      requestFixture({ title: 'Open one' }),
      requestFixture({ title: 'Done', status: 'completed', items: items(2, 2) }),
      requestFixture({ title: 'Dropped', status: 'cancelled' }),
    );
    const list = await renderList(double);
    await cardsOf(list, 1);

    const tablist = part(list, 'tabs')!;
    expect(tablist.getAttribute('role')).to.equal('tablist');
    expect(tablist.getAttribute('aria-label')).to.equal('Requests');
    expect(tabs(list).map(textOf)).to.deep.equal(['Open', 'Completed']);
    for (const tab of tabs(list)) {
      expect(tab.getAttribute('role')).to.equal('tab');
      const panel = list.shadowRoot!.getElementById(tab.getAttribute('aria-controls')!)!;
      expect(panel.getAttribute('role')).to.equal('tabpanel');
      expect(panel.getAttribute('aria-labelledby')).to.equal(tab.id);
    }
    expect(tabs(list).map((tab) => tab.getAttribute('aria-selected'))).to.deep.equal(['true', 'false']);

    buttonByText(list, 'Completed')!.click();
    const cards = await cardsOf(list, 2);
    expect(list.tab).to.equal('completed');
    expect(tabs(list).map((tab) => tab.getAttribute('aria-selected'))).to.deep.equal(['false', 'true']);
    expect(cards.map((card) => cell(card, 'status'))).to.deep.equal(['Completed', 'Cancelled']);
    expect(cell(cards[0], 'progress-text')).to.equal('2 of 2 accepted');
    expect(parts(list, 'panel').map((panel) => panel.hidden)).to.deep.equal([true, false]);
  });

  it('moves between tabs with the arrow keys, Home and End, with focus following, and Tab goes on to the first request', async () => {
    const { double } = deskWith(requestFixture({ title: 'Open one' }), requestFixture({ title: 'Done', status: 'completed' }));
    const list = await renderList(double);
    await cardsOf(list, 1);

    await sendKeys({ press: 'Tab' });
    expect(list.shadowRoot!.activeElement, 'Tab enters the tab list at the open tab').to.equal(tabs(list)[0]);
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
      expect(list.tab).to.equal(expected === 0 ? 'open' : 'completed');
    }
    await waitUntil(() => cell(parts(list, 'card')[0], 'name').endsWith('Done'), 'the completed request');
    await sendKeys({ press: 'Tab' });
    expect(hasFocus(list, 'open'), 'Tab goes on to the request').to.equal(true);
  });

  it('says so when a tab has no requests', async () => {
    const list = await renderList(deskWith().double);
    await waitUntil(() => part(list, 'empty'), 'empty state');
    expect(textOf(part(list, 'empty'))).to.equal('No open requests. When the team asks you for information, it shows here.');
    buttonByText(list, 'Completed')!.click();
    await waitUntil(() => textOf(part(list, 'empty')) === 'No completed requests yet', 'empty completed tab');
    expect(part(list, 'list')).to.equal(null);
  });

  it('shows an alert with the reason and Retry when loading fails, and recovers', async () => {
    const { double } = deskWith(requestFixture({ title: 'VAT registration' }));
    double.failNext(
      'listPortalRequests',
      new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable' }),
    );
    const list = await renderList(double);
    await waitUntil(() => part(list, 'error'), 'error state');
    expect(part(list, 'error')!.getAttribute('role')).to.equal('alert');
    expect(textOf(part(list, 'error'))).to.contain('Could not load your requests.');
    expect(textOf(part(list, 'error'))).to.contain('Service unavailable');
    buttonByText(list, 'Retry')!.click();
    const [card] = await cardsOf(list, 1);
    expect(cell(card, 'name')).to.contain('VAT registration');
  });

  it('loads further pages with "Load more" and focuses the first new request', async () => {
    const { double } = deskWith(requestFixture({ title: 'First' }), requestFixture({ title: 'Second' }), requestFixture({ title: 'Third' }));
    const list = await renderList(double, 2);
    await cardsOf(list, 2);
    part<HTMLButtonElement>(list, 'load-more')!.focus();
    await sendKeys({ press: 'Enter' });
    const cards = await cardsOf(list, 3);
    expect(cards.map((card) => cell(card, 'name').split(' ').slice(1).join(' '))).to.deep.equal(['First', 'Second', 'Third']);
    await waitUntil(() => list.shadowRoot!.activeElement === cards[2]!.querySelector("[part~='open']"), 'focus on the first new request');
    expect(double.callsOf('listPortalRequests').map(([input]) => (input as { query: unknown }).query)).to.deep.equal([
      { limit: 2, tab: 'open' },
      { limit: 2, cursor: '2', tab: 'open' },
    ]);
  });

  it('opens a request by click, or by keyboard: taba-request-select with its id (bubbling, composed)', async () => {
    const chosen = requestFixture({ title: 'Keyboard pick', items: items(3, 1) });
    const { double } = deskWith(requestFixture(), chosen);
    const list = await renderList(double);
    const cards = await cardsOf(list, 2);

    const clicked = oneEvent(document, 'taba-request-select');
    cards[0]!.querySelector<HTMLButtonElement>("[part~='open']")!.click();
    const event = await clicked;
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);

    cards[1]!.querySelector<HTMLButtonElement>("[part~='open']")!.focus();
    const keyed = oneEvent(list, 'taba-request-select');
    await sendKeys({ press: 'Enter' });
    const { detail } = await keyed;
    expect(detail.requestId).to.equal(chosen.id);
    expect(detail.request).to.deep.include({ id: chosen.id, title: 'Keyboard pick', itemCount: 3, acceptedCount: 1 });
  });

  it('refresh() shows what changed on the server', async () => {
    const { double, desk } = deskWith(requestFixture({ items: items(2, 0) }));
    const list = await renderList(double);
    await cardsOf(list, 1);
    desk.requests[0]!.acceptedCount = 1;
    await list.refresh();
    await list.updateComplete;
    expect(textOf(part(list, 'progress-text'))).to.equal('1 of 2 accepted');
  });

  it('explains that it is not connected when nothing provides a client', async () => {
    const list = await fixture<TabaRequestList>(html`<taba-request-list></taba-request-list>`);
    expect(textOf(part(list, 'notice'))).to.equal('Not connected to a portal session.');
    expect(part(list, 'tabs')).to.equal(null);
  });
});

describe('<taba-request-list> accessibility (WCAG 2.2 AA)', () => {
  it('has no violations while loading, loaded with Load more, loading more, and on the Completed tab', async function () {
    this.timeout(20_000);
    const { double } = deskWith(
      requestFixture({ status: 'in_progress', projectName: 'Annual accounts', projectId: 'prj_a', items: items(3, 1) }),
      requestFixture({ items: [] }),
      requestFixture(),
      requestFixture({ status: 'completed', items: items(2, 2) }),
      requestFixture({ status: 'cancelled' }),
    );
    const release = double.hold();
    const list = await renderList(double, 2);
    await expectAccessible(list, 'loading');
    release();
    await cardsOf(list, 2);
    await expectAccessible(list, 'loaded');

    const holdMore = double.hold();
    part<HTMLButtonElement>(list, 'load-more')!.click();
    await waitUntil(() => part(list, 'load-more')?.getAttribute('aria-disabled') === 'true', 'busy button');
    await expectAccessible(list, 'loading more');
    holdMore();
    await cardsOf(list, 3);

    buttonByText(list, 'Completed')!.click();
    await waitUntil(() => parts(list, 'card').length === 2 && cell(parts(list, 'card')[0], 'status') === 'Completed', 'completed tab');
    await expectAccessible(list, 'completed tab');
  });

  it('has no violations when empty, when loading failed, and without a client', async function () {
    this.timeout(10_000);
    const empty = await renderList(deskWith().double);
    await waitUntil(() => part(empty, 'empty'), 'empty state');
    await expectAccessible(empty, 'empty');

    const { double } = deskWith(requestFixture());
    double.failNext('listPortalRequests', new TypeError('Failed to fetch'));
    const failed = await renderList(double);
    await waitUntil(() => part(failed, 'error'), 'error state');
    await expectAccessible(failed, 'error');

    const alone = await fixture<TabaRequestList>(html`<taba-request-list></taba-request-list>`);
    await expectAccessible(alone, 'not connected');
  });
});

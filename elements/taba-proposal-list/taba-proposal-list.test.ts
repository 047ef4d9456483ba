import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../sdk/errors.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, hasFocus, part, parts, textOf } from '../test-support/dom.js';
import { PortalApiDouble, proposalFixture } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import type { TabaProposalList } from './taba-proposal-list.component.js';
import './taba-proposal-list.js';

/** What Intl makes of an amount in the browser's locale, whitespace collapsed like textOf(). */
function money(major: number, currency: string): string {
  return normalised(new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(major));
}

function normalised(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The text of a named part inside a row. */
function cell(row: Element | undefined, name: string): string {
  return textOf(row?.querySelector(`[part~='${name}']`));
}

async function renderList(double: PortalApiDouble, pageSize = 20): Promise<TabaProposalList> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-proposal-list page-size=${pageSize}></taba-proposal-list>
    </test-portal-provider>
  `);
  return provider.querySelector('taba-proposal-list')!;
}

async function rowsOf(list: TabaProposalList, count: number): Promise<HTMLElement[]> {
  await waitUntil(() => parts(list, 'row').length === count, `expected ${count} rows`);
  return parts(list, 'row');
}

describe('<taba-proposal-list>', () => {
  it('shows a loading status, then one row per proposal with what a customer needs to see', async () => {
    const double = new PortalApiDouble([
      proposalFixture({
        title: 'Website redesign',
        number: 'PRP-0042',
        feeModel: 'fixed_fee',
        fee: { amount: 125000, currency: 'USD' },
        sentAt: '2026-11-02T09:30:00.000Z',
      }),
      proposalFixture({
        title: 'Monthly support',
        status: 'accepted',
        feeModel: 'retainer',
        fee: { amount: 98000, currency: 'EUR' },
      }),
    ]);
    const release = double.hold();
    const list = await renderList(double);

    const loading = part(list, 'loading');
    expect(loading, 'loading state').not.to.equal(null);
    expect(loading!.getAttribute('role')).to.equal('status');
    release();

    const [first, second] = await rowsOf(list, 2);
    expect(cell(first, 'title')).to.equal('Website redesign');
    expect(cell(first, 'status')).to.equal('Pending');
    expect(cell(first, 'number')).to.equal('PRP-0042');
    expect(cell(first, 'fee-model')).to.equal('Fixed Fee');
    expect(cell(first, 'amount')).to.equal(money(1250, 'USD'));
    const sentDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date('2026-11-02T09:30:00.000Z'));
    expect(cell(first, 'sent')).to.equal(normalised(`Sent ${sentDate}`));

    expect(cell(second, 'title')).to.equal('Monthly support');
    expect(cell(second, 'status')).to.equal('Accepted');
    expect(cell(second, 'fee-model')).to.equal('Retainer');
    expect(cell(second, 'amount')).to.equal(money(980, 'EUR'));
    expect(part(list, 'loading')).to.equal(null);
    expect(part(list, 'load-more'), 'no further pages').to.equal(null);
  });

  it('formats the en-US amounts customers expect', async () => {
    if (new Intl.NumberFormat().resolvedOptions().locale !== 'en-US') return;
    const double = new PortalApiDouble([
      proposalFixture({ fee: { amount: 125000, currency: 'USD' } }),
      proposalFixture({ fee: { amount: 98000, currency: 'EUR' } }),
    ]);
    const list = await renderList(double);
    const rows = await rowsOf(list, 2);
    expect(rows.map((row) => cell(row, 'amount'))).to.deep.equal(['$1,250.00', '€980.00']);
  });

  it('labels every status and fee model with words', async () => {
    const double = new PortalApiDouble([
      proposalFixture({ status: 'pending', feeModel: 'fixed_fee' }),
      proposalFixture({ status: 'accepted', feeModel: 'hourly_rate' }),
      proposalFixture({ status: 'declined', feeModel: 'retainer' }),
      proposalFixture({ status: 'expired', feeModel: 'milestone' }),
    ]);
    const list = await renderList(double);
    const rows = await rowsOf(list, 4);
    expect(rows.map((row) => cell(row, 'status'))).to.deep.equal([
      'Pending',
      'Accepted',
      'Declined',
      'Expired',
    ]);
    expect(rows.map((row) => cell(row, 'fee-model'))).to.deep.equal([
      'Fixed Fee',
      'Hourly Rate',
      'Retainer',
      'Milestone',
    ]);
    expect(rows[3]!.querySelector("[part~='status']")!.getAttribute('part')).to.equal('status status-expired');
  });

  it('says so when there are no proposals', async () => {
    const list = await renderList(new PortalApiDouble([]));
    await waitUntil(() => part(list, 'empty'), 'empty state');
    expect(textOf(part(list, 'empty'))).to.equal('No proposals yet');
    expect(part(list, 'list')).to.equal(null);
    expect(part(list, 'error')).to.equal(null);
  });

  it('shows an alert with the reason and a Retry button when loading fails, and recovers', async () => {
    const double = new PortalApiDouble([proposalFixture({ title: 'Website redesign' })]);
    double.failNext(
      'proposals.list',
      new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable', requestId: 'req_123' }),
    );
    const list = await renderList(double);

    await waitUntil(() => part(list, 'error'), 'error state');
    const alert = part(list, 'error')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(textOf(alert)).to.contain('Could not load your proposals.');
    expect(textOf(alert)).to.contain('Service unavailable');
    expect(textOf(alert)).to.contain('req_123');
    expect(textOf(part(list, 'error-advice')), 'what to do').to.equal(
      'Try again in a few minutes. If it keeps failing, tell the business that shares this portal with you and quote the reference.',
    );
    expect(part(list, 'list')).to.equal(null);

    buttonByText(list, 'Retry')!.click();
    const [row] = await rowsOf(list, 1);
    expect(cell(row, 'title')).to.equal('Website redesign');
    expect(part(list, 'error')).to.equal(null);
  });

  it('loads further pages with "Load more" until there is no next cursor', async () => {
    const double = new PortalApiDouble([
      proposalFixture({ title: 'First' }),
      proposalFixture({ title: 'Second' }),
      proposalFixture({ title: 'Third' }),
    ]);
    const list = await renderList(double, 2);
    await rowsOf(list, 2);

    const loadMore = part<HTMLButtonElement>(list, 'load-more')!;
    expect(textOf(loadMore)).to.equal('Load more');
    const release = double.hold();
    loadMore.click();
    await waitUntil(() => textOf(part(list, 'load-more')) === 'Loading more proposals…', 'busy button');
    expect(part(list, 'load-more')!.getAttribute('aria-disabled')).to.equal('true');
    release();

    const rows = await rowsOf(list, 3);
    expect(rows.map((row) => cell(row, 'title'))).to.deep.equal(['First', 'Second', 'Third']);
    expect(part(list, 'load-more')).to.equal(null);
    expect(double.callsOf('proposals.list')).to.deep.equal([[{ limit: 2 }], [{ limit: 2, cursor: '2' }]]);
  });

  it('emits taba-proposal-select (bubbling, composed) when a row is clicked', async () => {
    const chosen = proposalFixture({ title: 'Website redesign' });
    const list = await renderList(new PortalApiDouble([chosen]));
    const [row] = await rowsOf(list, 1);

    const heard = oneEvent(document, 'taba-proposal-select');
    row!.querySelector<HTMLButtonElement>("[part~='title']")!.click();
    const event = await heard;
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
    expect(event.detail.proposal).to.deep.equal(chosen);
  });

  it('works with the keyboard alone: Tab to a proposal, Enter selects it', async () => {
    const chosen = proposalFixture({ title: 'Keyboard pick' });
    const list = await renderList(new PortalApiDouble([proposalFixture(), chosen]));
    const rows = await rowsOf(list, 2);

    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(list.shadowRoot!.activeElement).to.equal(rows[1]!.querySelector("[part~='title']"));
    const heard = oneEvent(list, 'taba-proposal-select');
    await sendKeys({ press: 'Enter' });
    expect((await heard).detail.proposal.id).to.equal(chosen.id);
  });

  it('loads more from the keyboard and moves focus to the first proposal it brought', async () => {
    const double = new PortalApiDouble([
      proposalFixture({ title: 'First' }),
      proposalFixture({ title: 'Second' }),
      proposalFixture({ title: 'Third' }),
    ]);
    const list = await renderList(double, 2);
    await rowsOf(list, 2);

    for (let press = 0; press < 3; press++) await sendKeys({ press: 'Tab' });
    expect(hasFocus(list, 'load-more'), 'focus on Load more').to.equal(true);
    await sendKeys({ press: 'Enter' });

    const rows = await rowsOf(list, 3);
    expect(part(list, 'load-more'), 'no further pages').to.equal(null);
    const third = rows[2]!.querySelector("[part~='title']");
    await waitUntil(() => list.shadowRoot!.activeElement === third, 'focus on the first new proposal');
  });

  it('refresh() shows what changed on the server', async () => {
    const double = new PortalApiDouble([proposalFixture({ title: 'Website redesign' })]);
    const list = await renderList(double);
    const [row] = await rowsOf(list, 1);
    expect(cell(row, 'status')).to.equal('Pending');

    double.proposalStore[0]!.status = 'accepted';
    await list.refresh();
    await list.updateComplete;
    expect(textOf(part(list, 'status'))).to.equal('Accepted');
  });

  it('explains that it is not connected when nothing provides a client', async () => {
    const list = await fixture<TabaProposalList>(html`<taba-proposal-list></taba-proposal-list>`);
    await waitUntil(() => part(list, 'notice'), 'notice');
    expect(textOf(part(list, 'notice'))).to.equal('Not connected to a portal session.');
  });
});

describe('<taba-proposal-list> accessibility (WCAG 2.2 AA)', () => {
  it('has no violations while loading, and with rows of every status and a Load more button', async () => {
    const double = new PortalApiDouble([
      proposalFixture({ status: 'pending' }),
      proposalFixture({ status: 'accepted', feeModel: 'hourly_rate' }),
      proposalFixture({ status: 'declined', feeModel: 'retainer' }),
      proposalFixture({ status: 'expired', feeModel: 'milestone' }),
      proposalFixture(),
    ]);
    const release = double.hold();
    const list = await renderList(double, 4);
    expect(part(list, 'loading')).not.to.equal(null);
    await expectAccessible(list, 'loading');
    release();
    await rowsOf(list, 4);
    expect(part(list, 'load-more')).not.to.equal(null);
    await expectAccessible(list, 'loaded');

    const holdMore = double.hold();
    part<HTMLButtonElement>(list, 'load-more')!.click();
    await waitUntil(() => part(list, 'load-more')?.getAttribute('aria-disabled') === 'true', 'busy button');
    await expectAccessible(list, 'loading more');
    holdMore();
    await rowsOf(list, 5);
  });

  it('has no violations when empty', async () => {
    const list = await renderList(new PortalApiDouble([]));
    await waitUntil(() => part(list, 'empty'), 'empty state');
    await expectAccessible(list, 'empty');
  });

  it('has no violations when loading failed, or loading more failed', async () => {
    const failing = new PortalApiDouble([proposalFixture()]);
    failing.failNext('proposals.list', new TypeError('Failed to fetch'));
    const failed = await renderList(failing);
    await waitUntil(() => part(failed, 'error'), 'error state');
    expect(textOf(part(failed, 'error-message'))).to.equal('Something went wrong. Please try again.');
    await expectAccessible(failed, 'error');

    const double = new PortalApiDouble([proposalFixture(), proposalFixture(), proposalFixture()]);
    const list = await renderList(double, 2);
    await rowsOf(list, 2);
    double.failNext(
      'proposals.list',
      new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable', requestId: 'req_9' }),
    );
    part<HTMLButtonElement>(list, 'load-more')!.click();
    await waitUntil(() => part(list, 'error'), 'load-more error');
    expect(textOf(part(list, 'error'))).to.contain('Could not load more proposals.');
    expect(part(list, 'load-more'), 'Load more stays, to try again').not.to.equal(null);
    await expectAccessible(list, 'loading more failed');
  });

  it('has no violations without a client', async () => {
    const list = await fixture<TabaProposalList>(html`<taba-proposal-list></taba-proposal-list>`);
    await expectAccessible(list, 'not connected');
  });
});

import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../sdk/errors.js';
import { setPortalLocale } from '../shared/localize.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, hasFocus, part, parts, textOf } from '../test-support/dom.js';
import { InvoiceDesk, invoiceFixture, lineFixture } from '../test-support/finance-desk.js';
import { PortalApiDouble } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import type { TabaInvoiceList } from './taba-invoice-list.component.js';
import './taba-invoice-list.js';

function cell(card: Element | undefined, name: string): string {
  return textOf(card?.querySelector(`[part~='${name}']`));
}

function deskWith(...invoices: ReturnType<typeof invoiceFixture>[]): { double: PortalApiDouble; desk: InvoiceDesk } {
  const double = new PortalApiDouble();
  return { double, desk: new InvoiceDesk(double, invoices) };
}

async function renderList(double: PortalApiDouble, pageSize = 20): Promise<TabaInvoiceList> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-invoice-list page-size=${pageSize}></taba-invoice-list>
    </test-portal-provider>
  `);
  return provider.querySelector('taba-invoice-list')!;
}

async function cardsOf(list: TabaInvoiceList, count: number): Promise<HTMLElement[]> {
  await waitUntil(() => parts(list, 'card').length === count, `expected ${count} cards`);
  return parts(list, 'card');
}

function normalised(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const payment = (amount: number) => ({ id: `pay_${amount}`, amount, currency: 'USD', paidOn: '2026-11-10', method: 'bank_transfer' as const, reference: 'T-1' });

describe('<taba-invoice-list>', () => {
  beforeEach(async () => {
    await setPortalLocale('en-US');
  });
  afterEach(async () => {
    await setPortalLocale();
  });

  it('shows outstanding invoices first: number, status in words, total, amount due, due date; overdue in words and red', async () => {
    const open = invoiceFixture({ projectId: 'prj_web', projectName: 'New website', dueDate: '2026-12-31' });
    const partly = invoiceFixture({ payments: [payment(20_000)] });
    const late = invoiceFixture({ status: 'overdue', dueDate: '2026-11-15' });
    const paid = invoiceFixture({ payments: [payment(120_000)] });
    const { double } = deskWith(open, partly, late, paid);
    const release = double.hold();
    const list = await renderList(double);
    expect(textOf(part(list, 'loading'))).to.equal('Loading invoices…');
    release();

    const [first, second, third] = await cardsOf(list, 3);
    expect(cell(first, 'name')).to.equal(`Invoice ${open.number}`);
    expect(first!.querySelector("[part~='name']")!.localName).to.equal('h3');
    expect(cell(first, 'status')).to.equal('Open');
    expect(cell(first, 'total')).to.equal('Total: $1,200.00');
    expect(cell(first, 'amount-due')).to.equal('Amount due: $1,200.00');
    expect(cell(first, 'due')).to.equal('Due Dec 31, 2026');
    expect(first!.querySelector("[part~='due'] time")!.getAttribute('datetime')).to.equal('2026-12-31');
    expect(cell(first, 'project')).to.equal('New website');
    expect(cell(second, 'status')).to.equal('Partially paid');
    expect(cell(second, 'amount-due')).to.equal('Amount due: $1,000.00');
    expect(cell(third, 'status')).to.equal('Overdue');
    expect(cell(third, 'due')).to.equal('Was due Nov 15, 2026');
    expect(third!.querySelector("[part~='due']")!.getAttribute('part')).to.equal('due due-overdue');
    expect(getComputedStyle(third!.querySelector("[part~='due-overdue']")!).color, 'in the danger colour').to.equal('rgb(180, 35, 24)');
    expect(tabsText(list)).to.deep.equal(['Outstanding', 'All']);
    expect(double.callsOf('listPortalInvoices').map(([input]) => (input as { query: unknown }).query)).to.deep.equal([{ limit: 20, tab: 'outstanding' }]);
  });

  it('All lists every invoice; paid and void ones show no amount due and no due date', async () => {
    const { double } = deskWith(invoiceFixture(), invoiceFixture({ payments: [payment(120_000)] }), invoiceFixture({ status: 'void' }));
    const list = await renderList(double);
    await cardsOf(list, 1);
    buttonByText(list, 'All')!.click();
    const [, paid, voided] = await cardsOf(list, 3);
    expect(list.tab).to.equal('all');
    expect([cell(paid, 'status'), cell(voided, 'status')]).to.deep.equal(['Paid', 'Void']);
    for (const card of [paid!, voided!]) {
      expect(card.querySelector("[part~='amount-due']")).to.equal(null);
      expect(card.querySelector("[part~='due']")).to.equal(null);
    }
  });

  it('speaks German for de-DE and formats money for it and the currency: EUR, JPY, KWD', async () => {
    await setPortalLocale('de-DE');
    const { double } = deskWith(
      invoiceFixture({ currency: 'EUR', lines: [lineFixture({ quantity: '1', unitAmount: 123_450 })] }),
      invoiceFixture({ currency: 'JPY', lines: [lineFixture({ quantity: '3', unitAmount: 1_000 })] }),
      invoiceFixture({ currency: 'KWD', lines: [lineFixture({ quantity: '1', unitAmount: 1_234_567 })] }),
    );
    const list = await renderList(double);
    const cards = await cardsOf(list, 3);
    expect(cards.map((card) => normalised(cell(card, 'total')))).to.deep.equal(['Gesamt: 1.234,50 €', 'Gesamt: 3.000 ¥', 'Gesamt: 1.234,567 KWD']);
  });

  it('moves between tabs with the arrow keys, and Tab goes on to the first invoice', async () => {
    const { double } = deskWith(invoiceFixture());
    const list = await renderList(double);
    await cardsOf(list, 1);
    await sendKeys({ press: 'Tab' });
    expect(list.shadowRoot!.activeElement).to.equal(parts(list, 'tab')[0]);
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => list.tab === 'all' && list.shadowRoot!.activeElement === parts(list, 'tab')[1], 'All, focused');
    await sendKeys({ press: 'Home' });
    await waitUntil(() => list.tab === 'outstanding', 'Outstanding');
    await cardsOf(list, 1);
    await sendKeys({ press: 'Tab' });
    expect(hasFocus(list, 'open')).to.equal(true);
  });

  it('says so when a tab has no invoices', async () => {
    const { double } = deskWith(invoiceFixture({ payments: [payment(120_000)] }));
    const list = await renderList(double);
    await waitUntil(() => part(list, 'empty'), 'empty');
    expect(textOf(part(list, 'empty'))).to.equal('Nothing to pay: no outstanding invoices.');
    const none = await renderList(deskWith().double);
    buttonByText(none, 'All')!.click();
    await waitUntil(() => textOf(part(none, 'empty')) === 'No invoices yet', 'empty All');
  });

  it('shows an alert with Retry when loading fails, and recovers', async () => {
    const { double } = deskWith(invoiceFixture());
    double.failNext('listPortalInvoices', new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable' }));
    const list = await renderList(double);
    await waitUntil(() => part(list, 'error'), 'error');
    expect(textOf(part(list, 'error'))).to.contain('Could not load your invoices.');
    buttonByText(list, 'Retry')!.click();
    await cardsOf(list, 1);
  });

  it('loads further pages and opens an invoice by keyboard: taba-invoice-select', async () => {
    const invoices = [invoiceFixture(), invoiceFixture(), invoiceFixture()];
    const { double } = deskWith(...invoices);
    const list = await renderList(double, 2);
    await cardsOf(list, 2);
    part<HTMLButtonElement>(list, 'load-more')!.click();
    const cards = await cardsOf(list, 3);
    await waitUntil(() => list.shadowRoot!.activeElement === cards[2]!.querySelector("[part~='open']"), 'focus on the new invoice');
    const chosen = oneEvent(document, 'taba-invoice-select');
    await sendKeys({ press: 'Enter' });
    const event = await chosen;
    expect([event.bubbles, event.composed]).to.deep.equal([true, true]);
    expect(event.detail.invoiceId).to.equal(invoices[2]!.id);
    expect(event.detail.invoice).to.deep.include({ number: invoices[2]!.number, amountDue: 120_000 });
  });

  it('explains that it is not connected when nothing provides a client', async () => {
    const list = await fixture<TabaInvoiceList>(html`<taba-invoice-list></taba-invoice-list>`);
    expect(textOf(part(list, 'notice'))).to.equal('Not connected to a portal session.');
  });
});

function tabsText(list: TabaInvoiceList): string[] {
  return parts(list, 'tab').map(textOf);
}

describe('<taba-invoice-list> accessibility (WCAG 2.2 AA)', () => {
  it('has no violations loading, loaded with every status, empty, failed and without a client', async function () {
    this.timeout(20_000);
    const { double } = deskWith(
      invoiceFixture({ projectName: 'New website', projectId: 'prj_a' }),
      invoiceFixture({ payments: [payment(20_000)] }),
      invoiceFixture({ status: 'overdue', dueDate: '2026-11-15' }),
      invoiceFixture({ payments: [payment(120_000)] }),
      invoiceFixture({ status: 'void' }),
    );
    const release = double.hold();
    const list = await renderList(double, 3);
    await expectAccessible(list, 'loading');
    release();
    await cardsOf(list, 3);
    await expectAccessible(list, 'outstanding, with Load more');
    buttonByText(list, 'All')!.click();
    await waitUntil(() => part(list, 'load-more') && cell(parts(list, 'card')[1], 'status') === 'Partially paid' && list.tab === 'all', 'all');
    part<HTMLButtonElement>(list, 'load-more')!.click();
    await cardsOf(list, 5);
    await expectAccessible(list, 'all statuses');

    const empty = await renderList(deskWith().double);
    await waitUntil(() => part(empty, 'empty'), 'empty');
    await expectAccessible(empty, 'empty');
    const failing = deskWith(invoiceFixture()).double;
    failing.failNext('listPortalInvoices', new TypeError('Failed to fetch'));
    const failed = await renderList(failing);
    await waitUntil(() => part(failed, 'error'), 'error');
    await expectAccessible(failed, 'error');
    await expectAccessible(await fixture(html`<taba-invoice-list></taba-invoice-list>`), 'not connected');
  });
});

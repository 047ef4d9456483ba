import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { PortalStatement, PortalStatementPageQuery, StatementEntry } from '../../sdk/contract/statements.js';
import { ApiError } from '../../sdk/errors.js';
import { setPortalLocale } from '../shared/localize.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, hasFocus, part, parts, textOf } from '../test-support/dom.js';
import { PortalApiDouble } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import type { TabaStatement } from './taba-statement.component.js';
import './taba-statement.js';

const INVOICE_ID = 'inv_k3x9q2m7p4t8v6w5y2z3';

/** What anchors were clicked (a download started), instead of letting the test page follow them. */
const opened: { href: string; download: string }[] = [];
const realClick = HTMLAnchorElement.prototype.click;
before(async () => {
  // Amounts and dates as an English (US) reader sees them, whatever the browser's own locale.
  await setPortalLocale('en-US');
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    opened.push({ href: this.href, download: this.download });
  };
});
after(async () => {
  await setPortalLocale();
  HTMLAnchorElement.prototype.click = realClick;
});
beforeEach(() => {
  opened.length = 0;
});

function statementFixture(overrides: Partial<PortalStatement> = {}): PortalStatement {
  return {
    customerName: 'Acme Ltd',
    currency: 'EUR',
    currencies: ['EUR', 'USD'],
    from: '2026-01-01',
    to: '2026-12-03',
    openingBalance: 10_000,
    invoicedTotal: 150_000,
    paidTotal: 50_000,
    closingBalance: 110_000,
    entries: [
      {
        date: '2026-02-01',
        kind: 'invoice',
        invoiceId: INVOICE_ID,
        invoiceNumber: 'INV-0001',
        reference: 'INV-0001',
        description: 'Invoice INV-0001, due 2026-03-03',
        dueDate: '2026-03-03',
        method: null,
        debit: 150_000,
        credit: 0,
        balance: 160_000,
      },
      {
        date: '2026-02-15',
        kind: 'payment',
        invoiceId: INVOICE_ID,
        invoiceNumber: 'INV-0001',
        reference: 'TR-889',
        description: 'Payment for INV-0001 (bank transfer)',
        dueDate: null,
        method: 'bank_transfer',
        debit: 0,
        credit: 50_000,
        balance: 110_000,
      },
    ],
    nextCursor: null,
    aging: { current: 0, days1To30: 0, days31To60: 0, days61To90: 0, days90Plus: 110_000 },
    credit: 0,
    generatedAt: '2026-12-03T10:00:00.000Z',
    ...overrides,
  };
}

/** A double whose statement answers what `make` builds for each query, recording the queries. */
function serveStatement(make: (query: PortalStatementPageQuery) => PortalStatement = () => statementFixture()) {
  const double = new PortalApiDouble();
  const queries: PortalStatementPageQuery[] = [];
  double.answer('retrievePortalStatement', ({ query }) => {
    queries.push({ ...query });
    return make(query ?? {});
  });
  return { double, queries };
}

function invoiceEntry(number: string, date: string, due: string, debit: number, balance: number): StatementEntry {
  const invoiceNumber = `INV-${number}`;
  return { date, kind: 'invoice', invoiceId: INVOICE_ID, invoiceNumber, reference: invoiceNumber, description: `Invoice ${invoiceNumber}, due ${due}`, dueDate: due, method: null, debit, credit: 0, balance };
}

function paymentEntry(number: string, date: string, reference: string, credit: number, balance: number): StatementEntry {
  const invoiceNumber = `INV-${number}`;
  return { date, kind: 'payment', invoiceId: INVOICE_ID, invoiceNumber, reference, description: `Payment for ${invoiceNumber} (bank transfer)`, dueDate: null, method: 'bank_transfer', debit: 0, credit, balance };
}

/**
 * A period's entries in three pages (opening €100.00): what the first page of the fixture holds,
 * then two further pages, each entry with its running balance.
 */
const PAGES: StatementEntry[][] = [
  statementFixture().entries,
  [invoiceEntry('0002', '2026-03-01', '2026-03-31', 20_000, 130_000), paymentEntry('0002', '2026-03-10', 'TR-900', 30_000, 100_000)],
  [invoiceEntry('0003', '2026-04-01', '2026-05-01', 10_000, 110_000)],
];

/**
 * A double answering the statement page by page: without a cursor the first of `pagesFor(query)`,
 * with `page-N` the Nth (from 0), each naming the next one's cursor until the last. The figures are
 * the whole period's on every page, as the server gives them.
 */
function servePages(pagesFor: (query: PortalStatementPageQuery) => StatementEntry[][] = () => PAGES) {
  return serveStatement((query) => {
    const pages = pagesFor(query);
    const index = query.cursor ? Number(query.cursor.replace('page-', '')) : 0;
    return statementFixture({
      from: query.from ?? '2026-01-01',
      to: query.to ?? '2026-12-03',
      invoicedTotal: 180_000,
      paidTotal: 80_000,
      closingBalance: 110_000,
      entries: pages[index]!,
      nextCursor: index + 1 < pages.length ? `page-${index + 1}` : null,
    });
  });
}

async function renderStatement(double: PortalApiDouble, attributes: { currency?: string; from?: string; to?: string } = {}): Promise<TabaStatement> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-statement currency=${attributes.currency ?? ''} from=${attributes.from ?? ''} to=${attributes.to ?? ''}></taba-statement>
    </test-portal-provider>
  `);
  return provider.querySelector('taba-statement')!;
}

async function loaded(statement: TabaStatement): Promise<void> {
  await waitUntil(() => part(statement, 'title') || part(statement, 'empty') || part(statement, 'error'), 'statement shown');
}

function rows(statement: TabaStatement): string[][] {
  return parts(statement, 'entry').map((row) => Array.from(row.querySelectorAll('td')).map((cell) => textOf(cell)));
}

function focused(statement: TabaStatement): Element | null {
  return statement.shadowRoot!.activeElement;
}

const FIRST_PAGE_ROWS = [
  ['Feb 1, 2026', 'INV-0001', 'Invoice: Invoice INV-0001, due Mar 3, 2026', '€1,500.00', '', '€1,600.00'],
  ['Feb 15, 2026', 'TR-889', 'Payment: Payment for INV-0001 (Bank transfer)', '', '€500.00', '€1,100.00'],
];
const SECOND_PAGE_ROWS = [
  ['Mar 1, 2026', 'INV-0002', 'Invoice: Invoice INV-0002, due Mar 31, 2026', '€200.00', '', '€1,300.00'],
  ['Mar 10, 2026', 'TR-900', 'Payment: Payment for INV-0002 (Bank transfer)', '', '€300.00', '€1,000.00'],
];
const THIRD_PAGE_ROWS = [['Apr 1, 2026', 'INV-0003', 'Invoice: Invoice INV-0003, due May 1, 2026', '€100.00', '', '€1,100.00']];

function isoDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

describe('<taba-statement>', () => {
  it('shows a loading status, then the balances, every entry with its running balance, and the aging', async () => {
    const { double, queries } = serveStatement();
    const release = double.hold();
    const statement = await renderStatement(double);
    expect(textOf(part(statement, 'loading'))).to.equal('Loading your statement…');
    expect(part(statement, 'loading')!.getAttribute('role')).to.equal('status');
    await expectAccessible(statement, 'loading');
    release();
    await loaded(statement);

    expect(queries, 'the server picks currency and period; the first 100 entries').to.deep.equal([{ limit: 100 }]);
    expect(textOf(part(statement, 'title'))).to.equal('Acme Ltd, EUR');
    expect(textOf(part(statement, 'period'))).to.contain('Jan 1, 2026 to Dec 3, 2026');
    expect(textOf(part(statement, 'opening-balance'))).to.equal('€100.00');
    expect(textOf(part(statement, 'invoiced'))).to.equal('€1,500.00');
    expect(textOf(part(statement, 'paid'))).to.equal('€500.00');
    expect(textOf(part(statement, 'closing-balance'))).to.equal('€1,100.00');
    expect(textOf(part(statement, 'summary'))).to.contain('Opening balance on Jan 1, 2026');
    expect(textOf(part(statement, 'summary'))).to.contain('Closing balance on Dec 3, 2026');
    expect(part(statement, 'credit'), 'no credit, no line').to.equal(null);

    const table = part(statement, 'entries')!;
    expect(textOf(table.querySelector('caption'))).to.equal('Invoices and payments, Jan 1, 2026 to Dec 3, 2026');
    expect(Array.from(table.querySelectorAll('th')).map((th) => textOf(th))).to.deep.equal(['Date', 'Reference', 'Description', 'Debit', 'Credit', 'Balance']);
    expect(rows(statement)).to.deep.equal([
      ['Feb 1, 2026', 'INV-0001', 'Invoice: Invoice INV-0001, due Mar 3, 2026', '€1,500.00', '', '€1,600.00'],
      ['Feb 15, 2026', 'TR-889', 'Payment: Payment for INV-0001 (Bank transfer)', '', '€500.00', '€1,100.00'],
    ]);

    expect(textOf(part(statement, 'aging-current'))).to.equal('€0.00');
    expect(textOf(part(statement, 'aging-days90Plus'))).to.equal('€1,100.00');
    expect(textOf(part(statement, 'aging'))).to.contain('Over 90 days overdue');
    expect(Array.from(part<HTMLSelectElement>(statement, 'currency')!.options).map((option) => option.value)).to.deep.equal(['EUR', 'USD']);
    expect(part<HTMLSelectElement>(statement, 'currency')!.value).to.equal('EUR');
    expect(part<HTMLInputElement>(statement, 'from')!.value).to.equal('2026-01-01');
    expect(part<HTMLInputElement>(statement, 'to')!.value).to.equal('2026-12-03');
    expect(part(statement, 'load-more'), 'every entry on one page: no button').to.equal(null);
    await expectAccessible(statement, 'loaded');
  });

  it('words each entry in the page’s language, not in the server’s English', async () => {
    const { double } = serveStatement();
    const statement = await renderStatement(double);
    await loaded(statement);
    try {
      await setPortalLocale('de');
      await waitUntil(() => textOf(part(statement, 'summary')).includes('Anfangssaldo'), 'the statement speaks German');
      expect(rows(statement).map((row) => row[2])).to.deep.equal(['Rechnung: Rechnung INV-0001, fällig am 03.03.2026', 'Zahlung: Zahlung für INV-0001 (Überweisung)']);
    } finally {
      await setPortalLocale('en-US');
    }
  });

  it('shows a credit when the customer paid ahead, and a negative balance as such', async () => {
    const { double } = serveStatement(() =>
      statementFixture({ closingBalance: -2_500, credit: 2_500, aging: { current: 0, days1To30: 0, days31To60: 0, days61To90: 0, days90Plus: 0 } }),
    );
    const statement = await renderStatement(double);
    await loaded(statement);
    expect(textOf(part(statement, 'closing-balance'))).to.equal('-€25.00');
    expect(textOf(part(statement, 'credit'))).to.equal('€25.00');
    expect(textOf(part(statement, 'summary'))).to.contain('Paid in advance (credit)');
  });

  it('asks for the currency and period the contact chooses, and for the presets', async () => {
    const { double, queries } = serveStatement((query) =>
      statementFixture({ currency: query.currency ?? 'EUR', from: query.from ?? '2026-01-01', to: query.to ?? '2026-12-03' }),
    );
    const statement = await renderStatement(double, { currency: 'EUR' });
    await loaded(statement);
    expect(queries).to.deep.equal([{ currency: 'EUR', limit: 100 }]);

    part<HTMLSelectElement>(statement, 'currency')!.value = 'USD';
    part<HTMLInputElement>(statement, 'from')!.value = '2025-07-01';
    part<HTMLInputElement>(statement, 'to')!.value = '2025-12-31';
    buttonByText(statement, 'Show statement')!.click();
    await waitUntil(() => textOf(part(statement, 'title')) === 'Acme Ltd, USD', 'the USD statement');
    expect(queries.at(-1)).to.deep.equal({ currency: 'USD', from: '2025-07-01', to: '2025-12-31', limit: 100 });
    expect(textOf(part(statement, 'closing-balance'))).to.equal('$1,100.00');

    const today = new Date();
    buttonByText(statement, 'This year')!.click();
    await waitUntil(() => queries.length === 3, 'this year asked for');
    expect(queries.at(-1)).to.deep.equal({ currency: 'USD', from: `${today.getFullYear()}-01-01`, to: isoDay(today), limit: 100 });

    buttonByText(statement, 'Last 12 months')!.click();
    await waitUntil(() => queries.length === 4, 'last 12 months asked for');
    const first = new Date(today.getFullYear(), today.getMonth() - 11, 1);
    expect(queries.at(-1)).to.deep.equal({ currency: 'USD', from: isoDay(first), to: isoDay(today), limit: 100 });
    await loaded(statement);
    expect(part<HTMLInputElement>(statement, 'from')!.value, 'the form shows the period shown').to.equal(isoDay(first));
  });

  it('says what is wrong with a period it cannot ask for, next to the dates', async () => {
    const { double, queries } = serveStatement();
    const statement = await renderStatement(double);
    await loaded(statement);
    part<HTMLInputElement>(statement, 'from')!.value = '2026-12-31';
    part<HTMLInputElement>(statement, 'to')!.value = '2026-01-01';
    buttonByText(statement, 'Show statement')!.click();
    await waitUntil(() => part(statement, 'period-error'), 'period error');
    expect(textOf(part(statement, 'period-error'))).to.equal('The start date must be on or before the end date.');
    expect(part(statement, 'period-error')!.getAttribute('role')).to.equal('alert');
    expect(part(statement, 'from')!.getAttribute('aria-invalid')).to.equal('true');
    expect(part(statement, 'from')!.getAttribute('aria-describedby')).to.equal('period-error');
    await waitUntil(() => hasFocus(statement, 'to'), 'focus on the date to fix');
    expect(queries, 'nothing asked for').to.have.length(1);
    await expectAccessible(statement, 'period error');

    part<HTMLInputElement>(statement, 'from')!.value = '';
    buttonByText(statement, 'Show statement')!.click();
    await waitUntil(() => textOf(part(statement, 'period-error')) === 'Enter both dates.', 'dates required');
    await waitUntil(() => hasFocus(statement, 'from'), 'focus on the missing date');
  });

  it('says when there are no invoices at all, and when the period has no entries', async () => {
    const none = serveStatement(() => statementFixture({ currencies: [], entries: [], openingBalance: 0, invoicedTotal: 0, paidTotal: 0, closingBalance: 0 }));
    const empty = await renderStatement(none.double);
    await loaded(empty);
    expect(textOf(part(empty, 'empty'))).to.equal('There are no invoices on your account yet.');
    expect(part(empty, 'empty')!.getAttribute('role')).to.equal('status');
    expect(part(empty, 'controls'), 'nothing to choose').to.equal(null);
    expect(part(empty, 'downloads'), 'nothing to download').to.equal(null);
    await expectAccessible(empty, 'no invoices');

    const quiet = serveStatement(() => statementFixture({ entries: [], invoicedTotal: 0, paidTotal: 0, openingBalance: 110_000 }));
    const period = await renderStatement(quiet.double);
    await loaded(period);
    expect(textOf(part(period, 'empty'))).to.equal('No invoices or payments in this period.');
    expect(part(period, 'entries')).to.equal(null);
    expect(textOf(part(period, 'opening-balance')), 'balances still shown').to.equal('€1,100.00');
    expect(textOf(part(period, 'aging-days90Plus'))).to.equal('€1,100.00');
    await expectAccessible(period, 'empty period');
  });

  it('shows an alert with the reason and a Retry button when loading fails, and recovers', async () => {
    const { double } = serveStatement();
    double.failNext('retrievePortalStatement', new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable' }));
    const statement = await renderStatement(double);
    await loaded(statement);
    const alert = part(statement, 'error')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(textOf(alert)).to.contain('Could not load your statement.');
    expect(textOf(alert)).to.contain('Service unavailable');
    await expectAccessible(statement, 'error');
    buttonByText(statement, 'Retry')!.click();
    await waitUntil(() => part(statement, 'title'), 'loaded after retry');
    expect(part(statement, 'error')).to.equal(null);
  });

  it('downloads the statement shown as a PDF and as CSV from object URLs', async () => {
    const { double } = serveStatement();
    const asked: { kind: string; query: unknown }[] = [];
    double.answer('downloadPortalStatementPdf', ({ query }) => {
      asked.push({ kind: 'pdf', query });
      return new Blob(['%PDF-1.7 statement'], { type: 'application/pdf' });
    });
    double.answer('downloadPortalStatementCsv', ({ query }) => {
      asked.push({ kind: 'csv', query });
      return new Blob(['date,type\r\n'], { type: 'text/csv' });
    });
    const statement = await renderStatement(double);
    await loaded(statement);

    const made: Blob[] = [];
    const { createObjectURL } = URL;
    URL.createObjectURL = (blob: Blob) => {
      made.push(blob);
      return createObjectURL(blob);
    };
    try {
      buttonByText(statement, 'Download PDF')!.click();
      await waitUntil(() => opened.length === 1, 'PDF link opened');
      buttonByText(statement, 'Download CSV')!.click();
      await waitUntil(() => opened.length === 2, 'CSV link opened');
    } finally {
      URL.createObjectURL = createObjectURL;
    }
    const period = { currency: 'EUR', from: '2026-01-01', to: '2026-12-03' };
    expect(asked).to.deep.equal([
      { kind: 'pdf', query: period },
      { kind: 'csv', query: period },
    ]);
    expect(opened.map((link) => link.download)).to.deep.equal(['statement-EUR-2026-01-01-2026-12-03.pdf', 'statement-EUR-2026-01-01-2026-12-03.csv']);
    expect(opened.every((link) => link.href.startsWith('blob:'))).to.equal(true);
    expect(await made[0]!.text()).to.equal('%PDF-1.7 statement');
    expect(made[1]!.type).to.equal('text/csv');
  });

  it('says so when a download fails, and keeps the statement', async () => {
    const { double } = serveStatement();
    double.failNext('downloadPortalStatementPdf', new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable' }));
    const statement = await renderStatement(double);
    await loaded(statement);
    buttonByText(statement, 'Download PDF')!.click();
    await waitUntil(() => part(statement, 'error'), 'download error');
    expect(textOf(part(statement, 'error'))).to.contain('Could not download the statement.');
    expect(part(statement, 'title'), 'the statement stays').not.to.equal(null);
    expect(opened).to.have.length(0);
    await expectAccessible(statement, 'download failed');
  });

  it('works from the keyboard: fields, Show, presets and downloads in order', async () => {
    const { double, queries } = serveStatement((query) => statementFixture({ from: query.from ?? '2026-01-01', to: query.to ?? '2026-12-03' }));
    double.answer('downloadPortalStatementPdf', () => new Blob(['%PDF-1.7'], { type: 'application/pdf' }));
    const statement = await renderStatement(double);
    await loaded(statement);
    part<HTMLSelectElement>(statement, 'currency')!.focus();
    // What Tab reaches, each control once (a date field takes a Tab per segment of it).
    const reached: Element[] = [];
    for (let press = 0; press < 20 && !reached.some((element) => element.getAttribute('part') === 'download-csv'); press++) {
      await sendKeys({ press: 'Tab' });
      const active = statement.shadowRoot!.activeElement;
      if (active && reached.at(-1) !== active) reached.push(active);
    }
    expect(reached.map((element) => `${element.getAttribute('part')}${element.localName === 'button' ? ` ${textOf(element)}` : ''}`)).to.deep.equal([
      'from',
      'to',
      'show Show statement',
      'preset This year',
      'preset Last 12 months',
      'entries-scroll',
      'download-pdf Download PDF',
      'download-csv Download CSV',
    ]);

    buttonByText(statement, 'Last 12 months')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => queries.length === 2, 'preset by Enter');
    await loaded(statement);
    buttonByText(statement, 'Download PDF')!.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => opened.length === 1, 'download by Space');
  });

  it('appends further pages in order with their running balances, keeping the whole period\'s figures, until the last', async () => {
    const { double, queries } = servePages();
    const statement = await renderStatement(double);
    await loaded(statement);
    expect(queries).to.deep.equal([{ limit: 100 }]);
    expect(rows(statement)).to.deep.equal(FIRST_PAGE_ROWS);
    const button = part<HTMLButtonElement>(statement, 'load-more')!;
    expect(textOf(button)).to.equal('Show more entries');
    expect(part(statement, 'more')!.previousElementSibling, 'under the entries table').to.equal(part(statement, 'entries-scroll'));
    expect(textOf(part(statement, 'more-status')), 'nothing said yet').to.equal('');
    await expectAccessible(statement, 'with Show more entries');

    button.focus();
    const release = double.hold();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => textOf(part(statement, 'load-more')) === 'Loading more entries…', 'busy button');
    expect(part(statement, 'load-more')!.getAttribute('aria-disabled')).to.equal('true');
    expect(hasFocus(statement, 'load-more'), 'the busy button keeps focus').to.equal(true);
    part<HTMLButtonElement>(statement, 'load-more')!.click();
    expect(rows(statement), 'the shown entries stay while the next page loads').to.deep.equal(FIRST_PAGE_ROWS);
    await expectAccessible(statement, 'loading more entries');
    release();
    await waitUntil(() => rows(statement).length === 4, 'second page appended');

    expect(queries, 'one request for the second page, however often clicked').to.have.length(2);
    expect(queries[1], 'the statement shown, from the cursor').to.deep.equal({ currency: 'EUR', from: '2026-01-01', to: '2026-12-03', limit: 100, cursor: 'page-1' });
    expect(rows(statement)).to.deep.equal([...FIRST_PAGE_ROWS, ...SECOND_PAGE_ROWS]);
    expect(textOf(part(statement, 'load-more'))).to.equal('Show more entries');
    expect(hasFocus(statement, 'load-more'), 'more remain: focus stays on the button').to.equal(true);
    expect(textOf(part(statement, 'more-status'))).to.equal('2 more entries shown');
    expect(part(statement, 'more-status')!.getAttribute('role')).to.equal('status');
    expect(textOf(part(statement, 'opening-balance')), 'the figures stay the whole period\'s').to.equal('€100.00');
    expect(textOf(part(statement, 'invoiced'))).to.equal('€1,800.00');
    expect(textOf(part(statement, 'closing-balance'))).to.equal('€1,100.00');

    await sendKeys({ press: 'Space' });
    await waitUntil(() => rows(statement).length === 5, 'third page appended');
    expect(queries.at(-1)).to.deep.equal({ currency: 'EUR', from: '2026-01-01', to: '2026-12-03', limit: 100, cursor: 'page-2' });
    expect(rows(statement)).to.deep.equal([...FIRST_PAGE_ROWS, ...SECOND_PAGE_ROWS, ...THIRD_PAGE_ROWS]);
    expect(part(statement, 'load-more'), 'the last page: no button').to.equal(null);
    expect(part(statement, 'more')).to.equal(null);
    expect(textOf(part(statement, 'more-status'))).to.equal('1 more entry shown');
    await waitUntil(() => focused(statement) === parts(statement, 'entry')[4], 'focus on the first row the last page brought');
    await expectAccessible(statement, 'every entry shown');
  });

  it('shows an alert with Retry when the next page fails, keeping the entries shown, and recovers', async () => {
    const { double, queries } = servePages();
    const statement = await renderStatement(double);
    await loaded(statement);
    double.failNext('retrievePortalStatement', new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable' }));
    part<HTMLButtonElement>(statement, 'load-more')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(statement, 'error'), 'next page error');

    const alert = part(statement, 'error')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.closest("[part~='more']"), 'under the table, in place of the button').not.to.equal(null);
    expect(textOf(alert)).to.contain('Could not load more entries.');
    expect(textOf(alert)).to.contain('Service unavailable');
    expect(rows(statement), 'the first page stays').to.deep.equal(FIRST_PAGE_ROWS);
    expect(textOf(part(statement, 'closing-balance'))).to.equal('€1,100.00');
    expect(part(statement, 'load-more')).to.equal(null);
    expect(textOf(part(statement, 'more-status'))).to.equal('');
    await waitUntil(() => focused(statement) === alert.querySelector("[part~='retry']"), 'focus on Retry');
    await expectAccessible(statement, 'next page failed');

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rows(statement).length === 4, 'second page appended after Retry');
    // The failed call never reached the answer (`queries`); the double records every call.
    const cursors = double.callsOf('retrievePortalStatement').map(([input]) => (input as { query: PortalStatementPageQuery }).query.cursor ?? null);
    expect(cursors, 'the same page asked for again').to.deep.equal([null, 'page-1', 'page-1']);
    expect(queries.at(-1)).to.deep.equal({ currency: 'EUR', from: '2026-01-01', to: '2026-12-03', limit: 100, cursor: 'page-1' });
    expect(rows(statement)).to.deep.equal([...FIRST_PAGE_ROWS, ...SECOND_PAGE_ROWS]);
    expect(part(statement, 'error')).to.equal(null);
    expect(textOf(part(statement, 'more-status'))).to.equal('2 more entries shown');
    await waitUntil(() => hasFocus(statement, 'load-more'), 'focus back on the button, more remain');
  });

  it('starts again from the first page for a new period, and drops a page that arrives for the old one', async () => {
    // The second period has its own entries; its first page continues with one more.
    const july = [paymentEntry('0009', '2025-07-02', 'TR-700', 5_000, 5_000)];
    const { double, queries } = servePages((query) => (query.from === '2025-07-01' ? [july, [invoiceEntry('0010', '2025-08-01', '2025-09-01', 1_000, 6_000)]] : PAGES));
    const statement = await renderStatement(double);
    await loaded(statement);
    part<HTMLButtonElement>(statement, 'load-more')!.click();
    await waitUntil(() => rows(statement).length === 4, 'second page appended');

    part<HTMLInputElement>(statement, 'from')!.value = '2025-07-01';
    part<HTMLInputElement>(statement, 'to')!.value = '2025-12-31';
    buttonByText(statement, 'Show statement')!.click();
    await waitUntil(() => rows(statement).length === 1, 'the new period shown');
    expect(queries.at(-1), 'its first page, without a cursor').to.deep.equal({ currency: 'EUR', from: '2025-07-01', to: '2025-12-31', limit: 100 });
    expect(rows(statement)).to.deep.equal([['Jul 2, 2025', 'TR-700', 'Payment: Payment for INV-0009 (Bank transfer)', '', '€50.00', '€50.00']]);
    expect(textOf(part(statement, 'load-more')), 'its own next page').to.equal('Show more entries');
    expect(textOf(part(statement, 'more-status')), 'nothing said for the new period').to.equal('');

    // A next page still on its way when another period is asked for is not appended to it.
    const release = double.hold();
    part<HTMLButtonElement>(statement, 'load-more')!.click();
    buttonByText(statement, 'This year')!.click();
    release();
    await waitUntil(() => queries.length === 5 && part(statement, 'title') !== null && rows(statement).length === 2, 'this year shown');
    expect(queries.slice(3).map((query) => query.cursor ?? null)).to.deep.equal(['page-1', null]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rows(statement), 'only this year\'s first page').to.deep.equal(FIRST_PAGE_ROWS);
    expect(textOf(part(statement, 'load-more'))).to.equal('Show more entries');
  });
});

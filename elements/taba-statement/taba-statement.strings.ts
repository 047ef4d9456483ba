import { formatNumber } from '../shared/format.js';
import { msg, plural, str } from '../shared/localize.js';

/**
 * `<taba-statement>`'s own words, in the portal's language (ids `statement.*`; see
 * elements/shared/strings.ts); shared words such as Retry come from `strings.common`.
 */
export const statementStrings = {
  get loading() { return msg('Loading your statement…', { id: 'statement.loading' }); },
  get loadFailed() { return msg('Could not load your statement.', { id: 'statement.loadFailed' }); },
  /** The customer has no issued invoice in any currency. */
  get noInvoices() { return msg('There are no invoices on your account yet.', { id: 'statement.noInvoices' }); },
  /** The period holds no invoice and no payment; balances and aging still show. */
  get emptyPeriod() { return msg('No invoices or payments in this period.', { id: 'statement.emptyPeriod' }); },
  title: (customerName: string, currency: string) => msg(str`${customerName}, ${currency}`, { id: 'statement.title' }),
  periodShown: (from: string, to: string) => msg(str`${from} to ${to}`, { id: 'statement.periodShown' }),
  generatedAt: (time: string) => msg(str`Generated ${time}`, { id: 'statement.generatedAt' }),
  get periodLegend() { return msg('Period and currency', { id: 'statement.periodLegend' }); },
  get currency() { return msg('Currency', { id: 'statement.currency' }); },
  get from() { return msg('From', { id: 'statement.from' }); },
  get to() { return msg('To', { id: 'statement.to' }); },
  get show() { return msg('Show statement', { id: 'statement.show' }); },
  get presetsLabel() { return msg('Quick periods', { id: 'statement.presetsLabel' }); },
  get thisYear() { return msg('This year', { id: 'statement.thisYear' }); },
  get last12Months() { return msg('Last 12 months', { id: 'statement.last12Months' }); },
  get datesRequired() { return msg('Enter both dates.', { id: 'statement.datesRequired' }); },
  get fromAfterTo() { return msg('The start date must be on or before the end date.', { id: 'statement.fromAfterTo' }); },
  get summaryLabel() { return msg('Balances', { id: 'statement.summaryLabel' }); },
  openingBalance: (from: string) => msg(str`Opening balance on ${from}`, { id: 'statement.openingBalance' }),
  get invoiced() { return msg('Invoiced', { id: 'statement.invoiced' }); },
  get paid() { return msg('Paid', { id: 'statement.paid' }); },
  closingBalance: (to: string) => msg(str`Closing balance on ${to}`, { id: 'statement.closingBalance' }),
  get credit() { return msg('Paid in advance (credit)', { id: 'statement.credit' }); },
  entriesCaption: (from: string, to: string) => msg(str`Invoices and payments, ${from} to ${to}`, { id: 'statement.entriesCaption' }),
  get date() { return msg('Date', { id: 'statement.date' }); },
  get reference() { return msg('Reference', { id: 'statement.reference' }); },
  get description() { return msg('Description', { id: 'statement.description' }); },
  get debit() { return msg('Debit', { id: 'statement.debit' }); },
  get creditColumn() { return msg('Credit', { id: 'statement.creditColumn' }); },
  get balance() { return msg('Balance', { id: 'statement.balance' }); },
  /** An invoice's line: its number and due date. */
  invoiceEntry: (number: string, due: string) => msg(str`Invoice ${number}, due ${due}`, { id: 'statement.entry.invoice' }),
  /** A payment's line: the invoice it paid and how it was paid. */
  paymentEntry: (number: string, method: string) => msg(str`Payment for ${number} (${method})`, { id: 'statement.entry.payment' }),
  kind: {
    get invoice() { return msg('Invoice', { id: 'statement.kind.invoice' }); },
    get payment() { return msg('Payment', { id: 'statement.kind.payment' }); },
  },
  get loadMore() { return msg('Show more entries', { id: 'statement.loadMore' }); },
  get loadingMore() { return msg('Loading more entries…', { id: 'statement.loadingMore' }); },
  get loadMoreFailed() { return msg('Could not load more entries.', { id: 'statement.loadMoreFailed' }); },
  /** Said by the live region once a further page of entries is shown. */
  moreShown: (count: number) =>
    plural(count, 'statement.moreShown', { one: str`${formatNumber(count)} more entry shown`, other: str`${formatNumber(count)} more entries shown` }),
  agingHeading: (to: string) => msg(str`Outstanding on ${to}, by age`, { id: 'statement.agingHeading' }),
  aging: {
    get current() { return msg('Not yet due', { id: 'statement.aging.current' }); },
    get days1To30() { return msg('1–30 days overdue', { id: 'statement.aging.days1To30' }); },
    get days31To60() { return msg('31–60 days overdue', { id: 'statement.aging.days31To60' }); },
    get days61To90() { return msg('61–90 days overdue', { id: 'statement.aging.days61To90' }); },
    get days90Plus() { return msg('Over 90 days overdue', { id: 'statement.aging.days90Plus' }); },
  },
  get downloadsLabel() { return msg('Download this statement', { id: 'statement.downloadsLabel' }); },
  get downloadPdf() { return msg('Download PDF', { id: 'statement.downloadPdf' }); },
  get downloadCsv() { return msg('Download CSV', { id: 'statement.downloadCsv' }); },
  get preparingPdf() { return msg('Preparing PDF…', { id: 'statement.preparingPdf' }); },
  get preparingCsv() { return msg('Preparing CSV…', { id: 'statement.preparingCsv' }); },
  get downloadFailed() { return msg('Could not download the statement.', { id: 'statement.downloadFailed' }); },
  /** The downloaded file's name, without its extension. */
  fileName: (currency: string, from: string, to: string) => msg(str`statement-${currency}-${from}-${to}`, { id: 'statement.fileName' }),
};

export type StatementStrings = typeof statementStrings;

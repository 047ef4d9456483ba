/**
 * `<taba-statement>`'s own words (shared words such as Retry come from `strings.common`). To
 * localise, replace values before the element renders, e.g.
 * `Object.assign(statementStrings, { downloadPdf: 'PDF herunterladen' })`; amounts and dates follow
 * `strings.locale`.
 */
export const statementStrings = {
  loading: 'Loading your statement…',
  loadFailed: 'Could not load your statement.',
  /** The customer has no issued invoice in any currency. */
  noInvoices: 'There are no invoices on your account yet.',
  /** The period holds no invoice and no payment; balances and aging still show. */
  emptyPeriod: 'No invoices or payments in this period.',
  title: (customerName: string, currency: string) => `${customerName}, ${currency}`,
  periodShown: (from: string, to: string) => `${from} to ${to}`,
  generatedAt: (time: string) => `Generated ${time}`,
  periodLegend: 'Period and currency',
  currency: 'Currency',
  from: 'From',
  to: 'To',
  show: 'Show statement',
  presetsLabel: 'Quick periods',
  thisYear: 'This year',
  last12Months: 'Last 12 months',
  datesRequired: 'Enter both dates.',
  fromAfterTo: 'The start date must be on or before the end date.',
  summaryLabel: 'Balances',
  openingBalance: (from: string) => `Opening balance on ${from}`,
  invoiced: 'Invoiced',
  paid: 'Paid',
  closingBalance: (to: string) => `Closing balance on ${to}`,
  credit: 'Paid in advance (credit)',
  entriesCaption: (from: string, to: string) => `Invoices and payments, ${from} to ${to}`,
  date: 'Date',
  reference: 'Reference',
  description: 'Description',
  debit: 'Debit',
  creditColumn: 'Credit',
  balance: 'Balance',
  kind: { invoice: 'Invoice', payment: 'Payment' },
  loadMore: 'Show more entries',
  loadingMore: 'Loading more entries…',
  loadMoreFailed: 'Could not load more entries.',
  /** Said by the live region once a further page of entries is shown. */
  moreShown: (count: number) => (count === 1 ? '1 more entry shown' : `${count} more entries shown`),
  agingHeading: (to: string) => `Outstanding on ${to}, by age`,
  aging: {
    current: 'Not yet due',
    days1To30: '1–30 days overdue',
    days31To60: '31–60 days overdue',
    days61To90: '61–90 days overdue',
    days90Plus: 'Over 90 days overdue',
  },
  downloadsLabel: 'Download this statement',
  downloadPdf: 'Download PDF',
  downloadCsv: 'Download CSV',
  preparingPdf: 'Preparing PDF…',
  preparingCsv: 'Preparing CSV…',
  downloadFailed: 'Could not download the statement.',
  /** The downloaded file's name, without its extension. */
  fileName: (currency: string, from: string, to: string) => `statement-${currency}-${from}-${to}`,
};

export type StatementStrings = typeof statementStrings;

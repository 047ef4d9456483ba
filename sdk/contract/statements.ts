import { Type, type Static } from 'typebox';
import { Id, Timestamp } from './common.js';
import { endpoint } from './endpoint.js';
import { CurrencyCode, MinorAmount, PaymentMethod } from './money.js';

/**
 * A customer's statement of account in one currency: what was invoiced and paid in a period, the
 * balance before and after it, and what is outstanding by age. Money in minor units of `currency`.
 * See docs/statements.md for the rules.
 */

/** A calendar date, `YYYY-MM-DD`. */
const CalendarDate = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
/** In the query: the shape only, so a date that does not exist (2026-02-30) is the server's 422 `invalid_period`. */
const QueryDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a calendar date, YYYY-MM-DD' });

/** The longest period a statement covers. */
export const STATEMENT_MAX_YEARS = 10;

/**
 * Defaults: `currency` is the one of the customer's most recent issued invoice (USD without any);
 * `to` is today (UTC); `from` is the first day of the month eleven months before `to`'s, so the
 * default covers twelve calendar months. `from` after `to`, a date that does not exist, or a
 * period over 10 years answers 422 `invalid_period`; an unknown currency 422 `unknown_currency`.
 */
export const PortalStatementQuery = Type.Object(
  {
    currency: Type.Optional(CurrencyCode),
    from: Type.Optional(QueryDate),
    to: Type.Optional(QueryDate),
  },
  { additionalProperties: false },
);
export type PortalStatementQuery = Static<typeof PortalStatementQuery>;

/** The most entries one page of the JSON statement holds; the PDF and CSV always hold them all. */
export const STATEMENT_PAGE_MAX = 500;

/**
 * The JSON statement's query: the period as above, and a page of its entries. Every figure
 * (opening, invoiced, paid, closing, aging, credit) is the whole period's on every page; `entries`
 * is one page of them, each with its true running balance. Pass `nextCursor` back as `cursor`
 * (with the same currency and period) for the next page.
 */
export const PortalStatementPageQuery = Type.Object(
  {
    ...PortalStatementQuery.properties,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: STATEMENT_PAGE_MAX, description: 'entries per page, 1–500; 100 by default' })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 400 })),
  },
  { additionalProperties: false },
);
export type PortalStatementPageQuery = Static<typeof PortalStatementPageQuery>;

export const StatementEntryKind = Type.Enum(['invoice', 'payment']);
export type StatementEntryKind = Static<typeof StatementEntryKind>;

/** One line of the statement: an invoice (on its issue date) or a payment (on the date it was paid). */
export const StatementEntry = Type.Object({
  date: CalendarDate,
  kind: StatementEntryKind,
  invoiceId: Id,
  invoiceNumber: Type.String(),
  /** The invoice's number for an invoice; the payment's reference ('' when none) for a payment. */
  reference: Type.String(),
  /**
   * In English, e.g. `Invoice INV-0004, due 2026-12-31` or `Payment for INV-0004 (bank transfer)`,
   * as the PDF and CSV say it; a page in another language words it from `dueDate` and `method`.
   */
  description: Type.String(),
  /** The invoice's due date for an invoice; null for a payment. */
  dueDate: Type.Union([CalendarDate, Type.Null()]),
  /** How the payment was made for a payment; null for an invoice. */
  method: Type.Union([PaymentMethod, Type.Null()]),
  /** The invoice's total; 0 for a payment. */
  debit: MinorAmount,
  /** The payment's amount; 0 for an invoice. */
  credit: MinorAmount,
  /** The balance after this entry: opening balance + debits − credits so far. */
  balance: MinorAmount,
});
export type StatementEntry = Static<typeof StatementEntry>;

/**
 * What is outstanding at the statement's `to` date, by days past each invoice's due date: not yet
 * due (`current`), 1–30, 31–60, 61–90, over 90. Each invoice counts with what is still unpaid of it
 * on `to` (payments after `to` do not count).
 */
export const AgingBuckets = Type.Object({
  current: MinorAmount,
  days1To30: MinorAmount,
  days31To60: MinorAmount,
  days61To90: MinorAmount,
  days90Plus: MinorAmount,
});
export type AgingBuckets = Static<typeof AgingBuckets>;

export const PortalStatement = Type.Object({
  customerName: Type.String(),
  currency: CurrencyCode,
  /** Every currency the customer has issued invoices in, alphabetically: the statements there are. */
  currencies: Type.Array(Type.String()),
  from: CalendarDate,
  to: CalendarDate,
  /** Invoiced − paid before `from`. */
  openingBalance: MinorAmount,
  /** Σ debits of the period. */
  invoicedTotal: MinorAmount,
  /** Σ credits of the period. */
  paidTotal: MinorAmount,
  /** opening + invoiced − paid, always; negative when the customer paid more than was invoiced. */
  closingBalance: MinorAmount,
  /** One page of the period's entries, oldest first; on one day invoices before payments, then by invoice number. */
  entries: Type.Array(StatementEntry),
  /** The next page's `cursor`; null on the last page. */
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  aging: AgingBuckets,
  /**
   * What was paid beyond invoices' totals by `to` (overpayments), which no aging bucket holds:
   * current + days1To30 + days31To60 + days61To90 + days90Plus − credit = closingBalance.
   */
  credit: MinorAmount,
  generatedAt: Timestamp,
});
export type PortalStatement = Static<typeof PortalStatement>;

/** The statement as the team reads it: the same, naming the customer. */
export const CustomerStatement = Type.Object({
  customerId: Id,
  ...PortalStatement.properties,
});
export type CustomerStatement = Static<typeof CustomerStatement>;

export const CustomerStatementParams = Type.Object({ customerId: Id });

// Described per content type (Fastify's form): the body is the file's bytes.
const StatementPdf = Type.Unsafe<unknown>({
  description: 'The statement as a PDF, an attachment',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
});
const StatementCsv = Type.Unsafe<unknown>({
  description:
    'The statement as CSV (RFC 4180, UTF-8, CRLF, one header row): date, type, invoice, reference, description, debit, credit, balance; amounts as exact decimals in major units (`1234.50`). A cell beginning with = + - or @ is written with a leading single quote so no spreadsheet runs it as a formula.',
  content: { 'text/csv': { schema: { type: 'string' } } },
});

const queryNote = 'Same query as the JSON statement: `currency`, `from`, `to` (422 `invalid_period`, `unknown_currency`).';

// ---------------------------------------------------------------- portal endpoints

export const portalStatementEndpoints = {
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/portal/statement',
    operationId: 'retrievePortalStatement',
    summary: "The signed-in customer's statement of account for a period, in one currency",
    description:
      'Only issued invoices count (never drafts, never voided ones): each on its issue date, each payment on the date it was paid. Every figure is the whole period\'s; `entries` is one page (`limit`, 100 by default, at most 500; pass `nextCursor` back as `cursor`). Defaults: the currency of the most recent invoice, the twelve calendar months up to today. A period of at most 10 years; `from` after `to` or a date that does not exist answers 422 `invalid_period`, an unknown currency 422 `unknown_currency`.',
    surface: 'portal',
    query: PortalStatementPageQuery,
    status: 200,
    response: PortalStatement,
    extraProblems: [422],
  }),
  pdf: endpoint({
    method: 'GET',
    path: '/v1/portal/statement/pdf',
    operationId: 'downloadPortalStatementPdf',
    summary: 'The statement as a PDF',
    description: queryNote,
    surface: 'portal',
    query: PortalStatementQuery,
    status: 200,
    response: StatementPdf,
    extraProblems: [422],
  }),
  csv: endpoint({
    method: 'GET',
    path: '/v1/portal/statement/csv',
    operationId: 'downloadPortalStatementCsv',
    summary: 'The statement as CSV',
    description: queryNote,
    surface: 'portal',
    query: PortalStatementQuery,
    status: 200,
    response: StatementCsv,
    extraProblems: [422],
  }),
};

// ---------------------------------------------------------------- workspace endpoints

export const statementEndpoints = {
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/workspace/customers/:customerId/statement',
    operationId: 'retrieveCustomerStatement',
    summary: "A customer's statement of account for a period, in one currency",
    description: `The statement the customer sees in the portal. ${queryNote}`,
    surface: 'workspace',
    permission: 'statements.read',
    params: CustomerStatementParams,
    query: PortalStatementPageQuery,
    status: 200,
    response: CustomerStatement,
    extraProblems: [422],
  }),
};

import type { CustomerStatement, PortalStatement, PortalStatementPageQuery, PortalStatementQuery } from '../../../sdk/contract/statements.js';
import { STATEMENT_MAX_YEARS } from '../../../sdk/contract/statements.js';
import type { Database } from '../../db/database.js';
import { notFound, Problem } from '../../lib/problem.js';
import { isoNow } from '../../lib/time.js';
import { todayUtc } from '../finance/repository.js';
import { checkedCurrency } from '../finance/money.js';
import { invalidCursor } from '../../lib/cursor.js';
import { ageOutstanding, assembleStatement, keyedEntriesOf, type EntryKey } from './ledger.js';
import { agingItems, customerCurrencies, latestInvoiceCurrency, openingBalance, pageInvoices, pagePayments, periodInvoices, periodPayments, periodSums, statementNames } from './repository.js';

/** Without invoices, a statement is in the workspace's default currency. */
export const DEFAULT_STATEMENT_CURRENCY = 'USD';

const invalidPeriod = (detail: string, field: string) => new Problem(422, 'invalid_period', 'Invalid period', detail, [{ field, message: detail }]);

/** A `YYYY-MM-DD` that names a real day (2026-02-30 does not). */
function isCalendarDate(text: string): boolean {
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

/** `date` moved by whole months, on the first of that month. */
function firstOfMonth(date: string, monthsBack: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 - monthsBack;
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
}

/** `date` plus whole years; Feb 29 becomes Mar 1 in a common year. */
function addYears(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

export interface ResolvedPeriod {
  from: string;
  to: string;
  today: string;
}

/**
 * The period of a query: `to` defaults to today (UTC), `from` to the first of the month eleven
 * months before `to`'s (twelve calendar months). Refused with 422 `invalid_period`: a date that
 * does not exist, `from` after `to`, a period longer than 10 years (`to` on or after `from` + 10 years).
 */
export function resolvePeriod(query: Pick<PortalStatementQuery, 'from' | 'to'>, today: string = todayUtc()): ResolvedPeriod {
  if (query.to !== undefined && !isCalendarDate(query.to)) throw invalidPeriod(`${query.to} is not a date.`, 'to');
  if (query.from !== undefined && !isCalendarDate(query.from)) throw invalidPeriod(`${query.from} is not a date.`, 'from');
  const to = query.to ?? today;
  const from = query.from ?? firstOfMonth(to, 11);
  if (from > to) throw invalidPeriod('The period starts after it ends.', 'from');
  if (to >= addYears(from, STATEMENT_MAX_YEARS)) throw invalidPeriod(`A statement covers at most ${STATEMENT_MAX_YEARS} years.`, 'to');
  return { from, to, today };
}

/** The customer's names, the currency and the scope of a statement; undefined when the customer is not the workspace's. */
async function statementScope(db: Database['db'], workspaceId: string, customerId: string, query: PortalStatementQuery) {
  const period = resolvePeriod(query);
  if (query.currency !== undefined) checkedCurrency(query.currency);
  const names = await statementNames(db, workspaceId, customerId);
  if (!names) return undefined;
  const currency = query.currency ?? (await latestInvoiceCurrency(db, workspaceId, customerId)) ?? DEFAULT_STATEMENT_CURRENCY;
  return { period, names, currency, scope: { workspaceId, customerId, currency } };
}

/**
 * The whole statement with every entry of the period, for the PDF and the CSV; undefined when the
 * customer is not the workspace's.
 */
async function fullStatementOf(db: Database['db'], workspaceId: string, customerId: string, query: PortalStatementQuery): Promise<PortalStatement | undefined> {
  const resolved = await statementScope(db, workspaceId, customerId, query);
  if (!resolved) return undefined;
  const { period, names, currency, scope } = resolved;
  const [currencies, opening, invoices, payments, aging] = await Promise.all([
    customerCurrencies(db, workspaceId, customerId),
    openingBalance(db, scope, period.from),
    periodInvoices(db, scope, period.from, period.to),
    periodPayments(db, scope, period.from, period.to),
    agingItems(db, scope, period.to),
  ]);
  const figures = assembleStatement({ openingBalance: opening, invoices, payments, agingItems: aging }, period);
  return { customerName: names.customerName, currency, currencies, from: period.from, to: period.to, ...figures, nextCursor: null, generatedAt: isoNow() };
}

export const STATEMENT_PAGE_DEFAULT = 100;

const CURSOR_DATE = /^\d{4}-\d{2}-\d{2}$/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNFIT = /[\u0000-\u001f\u007f]|[\ud800-\udfff]/;

export function encodeEntryCursor(key: EntryKey): string {
  return Buffer.from(JSON.stringify([key.date, key.rank, key.number, key.id])).toString('base64url');
}

/** The key a `nextCursor` carries; anything this server did not write is 400 `invalid_cursor`. */
export function decodeEntryCursor(value: string | undefined): EntryKey | undefined {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw invalidCursor();
  const [date, rank, number, id] = parsed as unknown[];
  const text = (part: unknown): part is string => typeof part === 'string' && part.length > 0 && part.length <= 100 && !UNFIT.test(part);
  if (typeof date !== 'string' || !CURSOR_DATE.test(date) || (rank !== 0 && rank !== 1) || !text(number) || !text(id)) throw invalidCursor();
  return { date, rank, number, id };
}

/**
 * The statement's figures for the whole period, and one page of its entries: the page's invoices
 * and payments are read from their keyset position, merged, and their running balance starts from
 * the opening balance plus everything up to the cursor, summed in the database.
 */
async function statementPageOf(db: Database['db'], workspaceId: string, customerId: string, query: PortalStatementPageQuery): Promise<PortalStatement | undefined> {
  const after = decodeEntryCursor(query.cursor);
  const limit = query.limit ?? STATEMENT_PAGE_DEFAULT;
  const resolved = await statementScope(db, workspaceId, customerId, query);
  if (!resolved) return undefined;
  const { period, names, currency, scope } = resolved;
  const currencies = await customerCurrencies(db, workspaceId, customerId);
  const opening = await openingBalance(db, scope, period.from);
  const totals = await periodSums(db, scope, period.from, period.to);
  const before = after ? await periodSums(db, scope, period.from, period.to, after) : { invoiced: 0, paid: 0 };
  const invoices = await pageInvoices(db, scope, period.from, period.to, after, limit + 1);
  const payments = await pagePayments(db, scope, period.from, period.to, after, limit + 1);
  const keyed = keyedEntriesOf(opening + before.invoiced - before.paid, invoices, payments);
  const page = keyed.slice(0, limit);
  const last = page.at(-1);
  const { aging, credit } = ageOutstanding(await agingItems(db, scope, period.to), period.to < period.today ? period.to : period.today);
  return {
    customerName: names.customerName,
    currency,
    currencies,
    from: period.from,
    to: period.to,
    openingBalance: opening,
    invoicedTotal: totals.invoiced,
    paidTotal: totals.paid,
    closingBalance: opening + totals.invoiced - totals.paid,
    entries: page.map(({ entry }) => entry),
    nextCursor: keyed.length > limit && last ? encodeEntryCursor(last.key) : null,
    aging,
    credit,
    generatedAt: isoNow(),
  };
}

/** The signed-in customer's statement: the period's figures and one page of entries. */
export async function portalStatement({ db }: Database, principal: { workspaceId: string; customerId: string }, query: PortalStatementPageQuery): Promise<PortalStatement> {
  const statement = await statementPageOf(db, principal.workspaceId, principal.customerId, query);
  if (!statement) throw notFound('customer');
  return statement;
}

/** The signed-in customer's whole statement, every entry: what the PDF and the CSV hold. */
export async function portalStatementDocument({ db }: Database, principal: { workspaceId: string; customerId: string }, query: PortalStatementQuery): Promise<PortalStatement> {
  const statement = await fullStatementOf(db, principal.workspaceId, principal.customerId, query);
  if (!statement) throw notFound('customer');
  return statement;
}

/** A customer's statement for the team, a page of entries at a time; another workspace's customer is 404. */
export async function customerStatement({ db }: Database, workspaceId: string, customerId: string, query: PortalStatementPageQuery): Promise<CustomerStatement> {
  const statement = await statementPageOf(db, workspaceId, customerId, query);
  if (!statement) throw notFound('customer');
  return { customerId, ...statement };
}

/** The tenant's name as the statement's PDF shows it. */
export async function tenantNameOf({ db }: Database, workspaceId: string, customerId: string): Promise<string> {
  return (await statementNames(db, workspaceId, customerId))?.tenantName ?? '';
}

import type { CustomerStatement, PortalStatement, PortalStatementQuery } from '../../../sdk/contract/statements.js';
import { STATEMENT_MAX_YEARS } from '../../../sdk/contract/statements.js';
import type { Database } from '../../db/database.js';
import { notFound, Problem } from '../../lib/problem.js';
import { isoNow } from '../../lib/time.js';
import { todayUtc } from '../finance/repository.js';
import { checkedCurrency } from '../finance/money.js';
import { assembleStatement } from './ledger.js';
import { agingItems, customerCurrencies, latestInvoiceCurrency, openingBalance, periodInvoices, periodPayments, statementNames } from './repository.js';

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

/** The statement of one customer of the workspace; undefined when the customer is not the workspace's. */
async function statementOf(db: Database['db'], workspaceId: string, customerId: string, query: PortalStatementQuery): Promise<PortalStatement | undefined> {
  const period = resolvePeriod(query);
  if (query.currency !== undefined) checkedCurrency(query.currency);
  const names = await statementNames(db, workspaceId, customerId);
  if (!names) return undefined;
  const currency = query.currency ?? (await latestInvoiceCurrency(db, workspaceId, customerId)) ?? DEFAULT_STATEMENT_CURRENCY;
  const scope = { workspaceId, customerId, currency };
  const [currencies, opening, invoices, payments, aging] = await Promise.all([
    customerCurrencies(db, workspaceId, customerId),
    openingBalance(db, scope, period.from),
    periodInvoices(db, scope, period.from, period.to),
    periodPayments(db, scope, period.from, period.to),
    agingItems(db, scope, period.to),
  ]);
  const figures = assembleStatement({ openingBalance: opening, invoices, payments, agingItems: aging }, period);
  return { customerName: names.customerName, currency, currencies, from: period.from, to: period.to, ...figures, generatedAt: isoNow() };
}

/** The signed-in customer's statement. */
export async function portalStatement({ db }: Database, principal: { workspaceId: string; customerId: string }, query: PortalStatementQuery): Promise<PortalStatement> {
  const statement = await statementOf(db, principal.workspaceId, principal.customerId, query);
  if (!statement) throw notFound('customer');
  return statement;
}

/** A customer's statement for the team; another workspace's customer is 404. */
export async function customerStatement({ db }: Database, workspaceId: string, customerId: string, query: PortalStatementQuery): Promise<CustomerStatement> {
  const statement = await statementOf(db, workspaceId, customerId, query);
  if (!statement) throw notFound('customer');
  return { customerId, ...statement };
}

/** The tenant's name as the statement's PDF shows it. */
export async function tenantNameOf({ db }: Database, workspaceId: string, customerId: string): Promise<string> {
  return (await statementNames(db, workspaceId, customerId))?.tenantName ?? '';
}

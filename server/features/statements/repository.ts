import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AgingItem, EntryKey, LedgerInvoice, LedgerPayment } from './ledger.js';

/**
 * The statement's reads, each bounded by the customer, the currency and the period so that a
 * customer with years of invoices costs two aggregates, the period's rows and the few invoices
 * still open (or paid after `to`), never the whole history:
 * - invoices: `invoices_customer_currency` (customer_id, currency, issue_date);
 * - payments: `payments_customer` (customer_id, currency, paid_on, id), each joined to its invoice
 *   by primary key to leave out payments of voided invoices.
 */

interface Scope {
  workspaceId: string;
  customerId: string;
  currency: string;
}

const n = (value: unknown) => Number(value ?? 0);

/** The currencies the customer has issued invoices in, alphabetically. */
export async function customerCurrencies(db: Kysely<DB>, workspaceId: string, customerId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('invoices')
    .select('currency')
    .distinct()
    .where('customer_id', '=', customerId)
    .where('workspace_id', '=', workspaceId)
    .where('state', '=', 'issued')
    .orderBy('currency')
    .execute();
  return rows.map((row) => row.currency);
}

/** The currency of the customer's most recent issued invoice, if any. */
export async function latestInvoiceCurrency(db: Kysely<DB>, workspaceId: string, customerId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('invoices')
    .select('currency')
    .where('customer_id', '=', customerId)
    .where('workspace_id', '=', workspaceId)
    .where('state', '=', 'issued')
    .orderBy('issue_date', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.currency;
}

/** Invoiced − paid before `from`, summed in the database. */
export async function openingBalance(db: Kysely<DB>, scope: Scope, from: string): Promise<number> {
  const invoiced = await db
    .selectFrom('invoices')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string | number>('total'), sql<number>`0`).as('sum'))
    .where('customer_id', '=', scope.customerId)
    .where('currency', '=', scope.currency)
    .where('issue_date', '<', from)
    .where('workspace_id', '=', scope.workspaceId)
    .where('state', '=', 'issued')
    .executeTakeFirstOrThrow();
  const paid = await db
    .selectFrom('payments')
    .innerJoin('invoices', 'invoices.id', 'payments.invoice_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string | number>('payments.amount'), sql<number>`0`).as('sum'))
    .where('payments.customer_id', '=', scope.customerId)
    .where('payments.currency', '=', scope.currency)
    .where('payments.paid_on', '<', from)
    .where('payments.workspace_id', '=', scope.workspaceId)
    .where('invoices.state', '=', 'issued')
    .executeTakeFirstOrThrow();
  return n(invoiced.sum) - n(paid.sum);
}

/** The issued invoices of the period, only the columns an entry needs: the query both reads start from. */
function invoicesOfPeriod(db: Kysely<DB>, scope: Scope, from: string, to: string) {
  return db
    .selectFrom('invoices')
    .select(['id', 'number', 'issue_date', 'due_date', 'total'])
    .where('customer_id', '=', scope.customerId)
    .where('currency', '=', scope.currency)
    .where('issue_date', '>=', from)
    .where('issue_date', '<=', to)
    .where('workspace_id', '=', scope.workspaceId)
    .where('state', '=', 'issued');
}

const ledgerInvoice = (row: { id: string; number: string; issue_date: string; due_date: string; total: unknown }): LedgerInvoice => ({
  id: row.id,
  number: row.number,
  issueDate: row.issue_date,
  dueDate: row.due_date,
  total: n(row.total),
});

/** The period's payments on issued invoices (a voided invoice's are left out): the query both reads start from. */
function paymentsOfPeriod(db: Kysely<DB>, scope: Scope, from: string, to: string) {
  return db
    .selectFrom('payments')
    .innerJoin('invoices', 'invoices.id', 'payments.invoice_id')
    .select(['payments.id', 'payments.invoice_id', 'invoices.number', 'payments.paid_on', 'payments.amount', 'payments.method', 'payments.reference'])
    .where('payments.customer_id', '=', scope.customerId)
    .where('payments.currency', '=', scope.currency)
    .where('payments.paid_on', '>=', from)
    .where('payments.paid_on', '<=', to)
    .where('payments.workspace_id', '=', scope.workspaceId)
    .where('invoices.state', '=', 'issued');
}

const ledgerPayment = (row: { id: string; invoice_id: string; number: string; paid_on: string; amount: unknown; method: LedgerPayment['method']; reference: string }): LedgerPayment => ({
  id: row.id,
  invoiceId: row.invoice_id,
  invoiceNumber: row.number,
  paidOn: row.paid_on,
  amount: n(row.amount),
  method: row.method,
  reference: row.reference,
});

/** Every issued invoice of the period (the PDF and CSV). */
export async function periodInvoices(db: Kysely<DB>, scope: Scope, from: string, to: string): Promise<LedgerInvoice[]> {
  return (await invoicesOfPeriod(db, scope, from, to).execute()).map(ledgerInvoice);
}

/** Every payment of the period on issued invoices (the PDF and CSV). */
export async function periodPayments(db: Kysely<DB>, scope: Scope, from: string, to: string): Promise<LedgerPayment[]> {
  return (await paymentsOfPeriod(db, scope, from, to).execute()).map(ledgerPayment);
}

// ---------------------------------------------------------------- one page of entries

/**
 * Rows of a table whose entries have `rank` that sort after `key` (compareKeys in ledger.ts):
 * later day; on the key's day, invoices (0) before payments (1); then invoice number in numbering
 * order (shorter first, then by text) and id.
 */
function sortsAfter(rank: 0 | 1, dateRef: string, numberRef: string, idRef: string, key: EntryKey): RawBuilder<SqlBool> {
  const date = sql.ref(dateRef);
  if (rank < key.rank) return sql<SqlBool>`${date} > ${key.date}`;
  if (rank > key.rank) return sql<SqlBool>`${date} >= ${key.date}`;
  const number = sql.ref(numberRef);
  const id = sql.ref(idRef);
  const length = key.number.length;
  return sql<SqlBool>`(${date} > ${key.date} or (${date} = ${key.date} and (length(${number}) > ${length} or (length(${number}) = ${length} and (${number} > ${key.number} or (${number} = ${key.number} and ${id} > ${key.id}))))))`;
}

/** The period's next `limit` invoices after `after`, in entry order. */
export async function pageInvoices(db: Kysely<DB>, scope: Scope, from: string, to: string, after: EntryKey | undefined, limit: number): Promise<LedgerInvoice[]> {
  let query = invoicesOfPeriod(db, scope, from, to);
  if (after) query = query.where(sortsAfter(0, 'issue_date', 'number', 'id', after));
  const rows = await query.orderBy('issue_date').orderBy(sql`length(${sql.ref('number')})`).orderBy('number').orderBy('id').limit(limit).execute();
  return rows.map(ledgerInvoice);
}

/** The period's next `limit` payments (on issued invoices) after `after`, in entry order. */
export async function pagePayments(db: Kysely<DB>, scope: Scope, from: string, to: string, after: EntryKey | undefined, limit: number): Promise<LedgerPayment[]> {
  let query = paymentsOfPeriod(db, scope, from, to);
  if (after) query = query.where(sortsAfter(1, 'payments.paid_on', 'invoices.number', 'payments.id', after));
  const rows = await query
    .orderBy('payments.paid_on')
    .orderBy(sql`length(${sql.ref('invoices.number')})`)
    .orderBy('invoices.number')
    .orderBy('payments.id')
    .limit(limit)
    .execute();
  return rows.map(ledgerPayment);
}

/**
 * Σ invoiced and Σ paid in the period, summed in the database; with `through`, only the entries up
 * to and including that key (the balance before the page after it).
 */
export async function periodSums(db: Kysely<DB>, scope: Scope, from: string, to: string, through?: EntryKey): Promise<{ invoiced: number; paid: number }> {
  let invoices = db
    .selectFrom('invoices')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string | number>('total'), sql<number>`0`).as('sum'))
    .where('customer_id', '=', scope.customerId)
    .where('currency', '=', scope.currency)
    .where('issue_date', '>=', from)
    .where('issue_date', '<=', to)
    .where('workspace_id', '=', scope.workspaceId)
    .where('state', '=', 'issued');
  if (through) invoices = invoices.where(sql<SqlBool>`not ${sortsAfter(0, 'issue_date', 'number', 'id', through)}`);
  let payments = db
    .selectFrom('payments')
    .innerJoin('invoices', 'invoices.id', 'payments.invoice_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string | number>('payments.amount'), sql<number>`0`).as('sum'))
    .where('payments.customer_id', '=', scope.customerId)
    .where('payments.currency', '=', scope.currency)
    .where('payments.paid_on', '>=', from)
    .where('payments.paid_on', '<=', to)
    .where('payments.workspace_id', '=', scope.workspaceId)
    .where('invoices.state', '=', 'issued');
  if (through) payments = payments.where(sql<SqlBool>`not ${sortsAfter(1, 'payments.paid_on', 'invoices.number', 'payments.id', through)}`);
  const [invoiced, paid] = [await invoices.executeTakeFirstOrThrow(), await payments.executeTakeFirstOrThrow()];
  return { invoiced: n(invoiced.sum), paid: n(paid.sum) };
}

/**
 * Every invoice whose billed and paid amounts differ on `to`: those issued by `to` and not fully
 * paid today, or paid (in part) after `to`, or issued after `to` and paid before. An invoice issued
 * by `to` whose `amount_paid` equals its total and that has no payment after `to` was settled on
 * `to` and is skipped without summing its payments.
 */
export async function agingItems(db: Kysely<DB>, scope: Scope, to: string): Promise<AgingItem[]> {
  const rows = await db
    .selectFrom('invoices as i')
    .leftJoin('payments as p', (join) => join.onRef('p.invoice_id', '=', 'i.id').on('p.paid_on', '<=', to))
    .select((eb) => [
      'i.due_date',
      sql<string | number>`case when ${eb.ref('i.issue_date')} <= ${to} then ${eb.ref('i.total')} else 0 end`.as('billed'),
      eb.fn.coalesce(eb.fn.sum<string | number>('p.amount'), sql<number>`0`).as('paid'),
    ])
    .where('i.customer_id', '=', scope.customerId)
    .where('i.currency', '=', scope.currency)
    .where('i.workspace_id', '=', scope.workspaceId)
    .where('i.state', '=', 'issued')
    .where((eb) => {
      const paymentOf = (alias: 'later' | 'early') => eb.selectFrom(`payments as ${alias}`).select(sql`1`.as('one')).whereRef(`${alias}.invoice_id`, '=', 'i.id');
      return eb.or([
        eb.and([
          eb('i.issue_date', '<=', to),
          eb.or([eb('i.amount_paid', '<>', eb.ref('i.total')), eb.exists(paymentOf('later').where('later.paid_on', '>', to))]),
        ]),
        eb.and([eb('i.issue_date', '>', to), eb.exists(paymentOf('early').where('early.paid_on', '<=', to))]),
      ]);
    })
    .groupBy(['i.id', 'i.due_date', 'i.issue_date', 'i.total'])
    .execute();
  return rows.map((row) => ({ dueDate: row.due_date, billed: n(row.billed), paid: n(row.paid) })).filter((item) => item.billed !== item.paid);
}

/** The customer's name and the tenant's name as the portal shows it (brand name, else the workspace's). */
export async function statementNames(db: Kysely<DB>, workspaceId: string, customerId: string): Promise<{ customerName: string; tenantName: string } | undefined> {
  const row = await db
    .selectFrom('customers')
    .innerJoin('workspaces', 'workspaces.id', 'customers.workspace_id')
    .select(['customers.name as customerName', 'workspaces.name as workspaceName', 'workspaces.brand_name as brandName'])
    .where('customers.id', '=', customerId)
    .where('customers.workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row && { customerName: row.customerName, tenantName: row.brandName ?? row.workspaceName };
}

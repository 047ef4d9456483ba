import { sql, type Kysely } from 'kysely';
import type { LineItem, MoneyTotals, WorkspaceLineItem } from '../../../sdk/contract/money.js';
import type { DB } from '../../db/schema.js';
import { quantityMilli } from './money.js';
import type { FinanceCounterKind, InvoiceRow, LineRow, PaymentRow, TotalColumns } from './schema.js';

const PREFIX: Record<FinanceCounterKind, string> = { estimate: 'EST', invoice: 'INV' };

/**
 * The workspace's next EST- or INV- number, taken in the caller's transaction: the counter row is
 * inserted or incremented in one statement that holds its lock until commit, so concurrent
 * creations get consecutive numbers and a rolled-back creation gives its number back (gapless).
 */
export async function takeFinanceNumber(trx: Kysely<DB>, workspaceId: string, kind: FinanceCounterKind): Promise<string> {
  const counter = await trx
    .insertInto('finance_counters')
    .values({ workspace_id: workspaceId, kind, next_number: 2 })
    .onConflict((conflict) => conflict.columns(['workspace_id', 'kind']).doUpdateSet({ next_number: sql<number>`${sql.ref('finance_counters.next_number')} + 1` }))
    .returning('next_number')
    .executeTakeFirstOrThrow();
  return `${PREFIX[kind]}-${String(Number(counter.next_number) - 1).padStart(4, '0')}`;
}

/** A computed line as columns (the unit cost is the team's, internal). */
export function lineColumns(workspaceId: string, line: LineItem, input: { unitCost?: number | null }): LineRow {
  return {
    workspace_id: workspaceId,
    position: line.position,
    description: line.description,
    quantity_milli: Number(quantityMilli(line.quantity)),
    unit_amount: line.unitAmount,
    tax_rate_bp: line.taxRateBasisPoints,
    discount_bp: line.discountBasisPoints,
    gross_amount: line.grossAmount,
    discount_amount: line.discountAmount,
    net_amount: line.netAmount,
    tax_amount: line.taxAmount,
    total_amount: line.totalAmount,
    unit_cost: input.unitCost ?? null,
  };
}

export function totalColumns(totals: MoneyTotals): TotalColumns {
  return { currency: totals.currency, subtotal: totals.subtotal, discount_total: totals.discountTotal, tax_total: totals.taxTotal, total: totals.total };
}

export function toTotals(row: TotalColumns): MoneyTotals {
  return { currency: row.currency, subtotal: Number(row.subtotal), discountTotal: Number(row.discount_total), taxTotal: Number(row.tax_total), total: Number(row.total) };
}

/** A stored line as the portal sees it: no unit cost. */
export function toLineItem(row: LineRow): LineItem {
  const milli = Number(row.quantity_milli);
  const whole = Math.trunc(milli / 1000);
  const fraction = String(milli % 1000).padStart(3, '0').replace(/0+$/, '');
  return {
    position: Number(row.position),
    description: row.description,
    quantity: fraction ? `${whole}.${fraction}` : `${whole}`,
    unitAmount: Number(row.unit_amount),
    taxRateBasisPoints: Number(row.tax_rate_bp),
    discountBasisPoints: Number(row.discount_bp),
    grossAmount: Number(row.gross_amount),
    discountAmount: Number(row.discount_amount),
    netAmount: Number(row.net_amount),
    taxAmount: Number(row.tax_amount),
    totalAmount: Number(row.total_amount),
  };
}

/** A stored line as the team sees it: with the unit cost and the margin it leaves (null without a cost). */
export function toWorkspaceLineItem(row: LineRow): WorkspaceLineItem {
  const line = toLineItem(row);
  const unitCost = row.unit_cost === null ? null : Number(row.unit_cost);
  // Margin = net − quantity × unit cost, rounded like the line (half to even, minor units).
  let marginAmount: number | null = null;
  if (unitCost !== null) {
    const cost = BigInt(row.quantity_milli) * BigInt(unitCost);
    const costRounded = cost / 1000n + ((cost % 1000n) * 2n > 1000n || ((cost % 1000n) * 2n === 1000n && (cost / 1000n) % 2n === 1n) ? 1n : 0n);
    marginAmount = line.netAmount - Number(costRounded);
  }
  return { ...line, unitCost, marginAmount };
}

// ---------------------------------------------------------------- invoice status and payments

/** An invoice's status as customers and the team see it, derived when read. */
export type InvoiceStatus = 'draft' | 'open' | 'partially_paid' | 'paid' | 'overdue' | 'void';

/** Today as `YYYY-MM-DD` in UTC: due dates and paid-on dates are calendar dates. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Draft and void as stored; otherwise paid when nothing is due, overdue when something is due
 * after the due date, partially paid when something was paid, open before any payment.
 */
export function invoiceStatus(row: Pick<InvoiceRow, 'state' | 'total' | 'amount_paid' | 'due_date'>, today: string = todayUtc()): InvoiceStatus {
  if (row.state !== 'issued') return row.state;
  const due = Number(row.total) - Number(row.amount_paid);
  if (due <= 0) return 'paid';
  if (row.due_date < today) return 'overdue';
  return Number(row.amount_paid) > 0 ? 'partially_paid' : 'open';
}

/** What is still due; never below zero (an overpayment leaves a credit, not a negative due). */
export function amountDue(row: Pick<InvoiceRow, 'total' | 'amount_paid'>): number {
  return Math.max(0, Number(row.total) - Number(row.amount_paid));
}

/**
 * Records a payment against an issued invoice in the caller's transaction and moves the invoice's
 * `amount_paid` (and `paid_at` once nothing is due) in the same statement order every writer
 * uses: lock the invoice row by updating it first, then insert the payment. Answers the invoice as
 * the update left it. The caller writes the audit event, follow-up and outbox row.
 */
export async function insertPayment(trx: Kysely<DB>, payment: Omit<PaymentRow, 'created_at'> & { created_at: string }): Promise<InvoiceRow> {
  const invoice = await trx
    .updateTable('invoices')
    .set({
      amount_paid: sql<number>`${sql.ref('amount_paid')} + ${payment.amount}`,
      paid_at: sql<string | null>`case when ${sql.ref('amount_paid')} + ${payment.amount} >= ${sql.ref('total')} then coalesce(${sql.ref('paid_at')}, ${payment.created_at}) else null end`,
      updated_at: payment.created_at,
    })
    .where('id', '=', payment.invoice_id)
    .where('workspace_id', '=', payment.workspace_id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx.insertInto('payments').values(payment).execute();
  return invoice;
}

import type { AgingBuckets, StatementEntry } from '../../../sdk/contract/statements.js';
import type { PaymentMethod } from '../finance/schema.js';

/**
 * The statement of account as arithmetic on integers (minor units), with no database in sight:
 * `buildStatement` takes a customer's whole ledger in one currency and is what the property tests
 * check; the repository gets the same result from SQL aggregates and the period's rows and hands
 * them to `assembleStatement`, which `buildStatement` also ends in.
 */

/** An issued invoice (never a draft or a voided one). */
export interface LedgerInvoice {
  id: string;
  number: string;
  issueDate: string;
  dueDate: string;
  total: number;
}

/** A payment on an issued invoice. */
export interface LedgerPayment {
  id: string;
  invoiceId: string;
  invoiceNumber: string;
  paidOn: string;
  amount: number;
  method: PaymentMethod;
  reference: string;
}

/** One invoice as the aging sees it on `to`: what it billed by then (0 before its issue date) and what was paid on it by then. */
export interface AgingItem {
  dueDate: string;
  billed: number;
  paid: number;
}

export interface StatementPeriod {
  from: string;
  to: string;
  /** Today (UTC): an invoice cannot be more overdue than it is today, so aging counts days up to the earlier of `to` and today. */
  today: string;
}

export interface StatementFigures {
  openingBalance: number;
  invoicedTotal: number;
  paidTotal: number;
  closingBalance: number;
  entries: StatementEntry[];
  aging: AgingBuckets;
  credit: number;
}

const METHOD_LABELS: Record<PaymentMethod, string> = { bank_transfer: 'bank transfer', card: 'card', cash: 'cash', cheque: 'cheque', other: 'other' };

/** Invoice numbers in numbering order: `INV-9999` before `INV-10000`. */
export function compareNumbers(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Whole days from `a` to `b`, both `YYYY-MM-DD`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * Where an entry sorts: by date; on one day invoices (rank 0) before payments (rank 1); then by
 * invoice number in numbering order; then by the invoice's or payment's id. A page of the statement
 * starts after the key of the previous page's last entry.
 */
export interface EntryKey {
  date: string;
  rank: 0 | 1;
  number: string;
  id: string;
}

export function compareKeys(a: EntryKey, b: EntryKey): number {
  return compareText(a.date, b.date) || a.rank - b.rank || compareNumbers(a.number, b.number) || compareText(a.id, b.id);
}

/** Sorts one period's invoices and payments into entries with the running balance. */
function entriesOf(opening: number, invoices: readonly LedgerInvoice[], payments: readonly LedgerPayment[]): StatementEntry[] {
  return keyedEntriesOf(opening, invoices, payments).map(({ entry }) => entry);
}

/** The same entries with each one's sort key, `opening` being the balance before the first. */
export function keyedEntriesOf(opening: number, invoices: readonly LedgerInvoice[], payments: readonly LedgerPayment[]): { key: EntryKey; entry: StatementEntry }[] {
  const rows: { date: string; order: 0 | 1; number: string; id: string; entry: Omit<StatementEntry, 'balance'> }[] = [];
  for (const invoice of invoices) {
    rows.push({
      date: invoice.issueDate,
      order: 0,
      number: invoice.number,
      id: invoice.id,
      entry: {
        date: invoice.issueDate,
        kind: 'invoice',
        invoiceId: invoice.id,
        invoiceNumber: invoice.number,
        reference: invoice.number,
        description: `Invoice ${invoice.number}, due ${invoice.dueDate}`,
        dueDate: invoice.dueDate,
        method: null,
        debit: invoice.total,
        credit: 0,
      },
    });
  }
  for (const payment of payments) {
    rows.push({
      date: payment.paidOn,
      order: 1,
      number: payment.invoiceNumber,
      id: payment.id,
      entry: {
        date: payment.paidOn,
        kind: 'payment',
        invoiceId: payment.invoiceId,
        invoiceNumber: payment.invoiceNumber,
        reference: payment.reference,
        description: `Payment for ${payment.invoiceNumber} (${METHOD_LABELS[payment.method]})`,
        dueDate: null,
        method: payment.method,
        debit: 0,
        credit: payment.amount,
      },
    });
  }
  // By date; on one day invoices before payments; then by invoice number, then id (a stable order).
  rows.sort((a, b) => compareText(a.date, b.date) || a.order - b.order || compareNumbers(a.number, b.number) || compareText(a.id, b.id));
  let balance = opening;
  return rows.map(({ date, order, number, id, entry }) => {
    balance += entry.debit - entry.credit;
    return { key: { date, rank: order, number, id }, entry: { ...entry, balance } };
  });
}

/**
 * Ages what is outstanding on `to`: each invoice's unpaid part (billed − paid, when positive) goes
 * to the bucket of its days past due, counted up to the earlier of `to` and today. What was paid
 * beyond an invoice's total is `credit`, so Σ buckets − credit = billed − paid.
 */
export function ageOutstanding(items: readonly AgingItem[], asOf: string): { aging: AgingBuckets; credit: number } {
  const aging: AgingBuckets = { current: 0, days1To30: 0, days31To60: 0, days61To90: 0, days90Plus: 0 };
  let credit = 0;
  for (const item of items) {
    const outstanding = item.billed - item.paid;
    if (outstanding < 0) {
      credit -= outstanding;
      continue;
    }
    if (outstanding === 0) continue;
    const late = daysBetween(item.dueDate, asOf);
    if (late <= 0) aging.current += outstanding;
    else if (late <= 30) aging.days1To30 += outstanding;
    else if (late <= 60) aging.days31To60 += outstanding;
    else if (late <= 90) aging.days61To90 += outstanding;
    else aging.days90Plus += outstanding;
  }
  return { aging, credit };
}

/** The statement from its parts: the opening balance, the period's rows, the aging items on `to`. */
export function assembleStatement(
  parts: { openingBalance: number; invoices: readonly LedgerInvoice[]; payments: readonly LedgerPayment[]; agingItems: readonly AgingItem[] },
  period: StatementPeriod,
): StatementFigures {
  const invoicedTotal = parts.invoices.reduce((sum, invoice) => sum + invoice.total, 0);
  const paidTotal = parts.payments.reduce((sum, payment) => sum + payment.amount, 0);
  const { aging, credit } = ageOutstanding(parts.agingItems, period.to < period.today ? period.to : period.today);
  return {
    openingBalance: parts.openingBalance,
    invoicedTotal,
    paidTotal,
    // Always this sum, whatever the entries say: the entries end on it by construction.
    closingBalance: parts.openingBalance + invoicedTotal - paidTotal,
    entries: entriesOf(parts.openingBalance, parts.invoices, parts.payments),
    aging,
    credit,
  };
}

/**
 * A statement from a customer's whole ledger in one currency (issued invoices and the payments on
 * them). Opening balance: invoiced before `from` − paid before `from`; the entries: the period
 * `from`…`to` inclusive; aging and credit: every invoice as it stood on `to`.
 */
export function buildStatement(invoices: readonly LedgerInvoice[], payments: readonly LedgerPayment[], period: StatementPeriod): StatementFigures {
  const before = (date: string) => date < period.from;
  const within = (date: string) => date >= period.from && date <= period.to;
  const openingBalance =
    invoices.filter((invoice) => before(invoice.issueDate)).reduce((sum, invoice) => sum + invoice.total, 0) -
    payments.filter((payment) => before(payment.paidOn)).reduce((sum, payment) => sum + payment.amount, 0);
  const paidByInvoice = new Map<string, number>();
  for (const payment of payments) {
    if (payment.paidOn <= period.to) paidByInvoice.set(payment.invoiceId, (paidByInvoice.get(payment.invoiceId) ?? 0) + payment.amount);
  }
  const agingItems = invoices
    .map((invoice) => ({ dueDate: invoice.dueDate, billed: invoice.issueDate <= period.to ? invoice.total : 0, paid: paidByInvoice.get(invoice.id) ?? 0 }))
    .filter((item) => item.billed !== 0 || item.paid !== 0);
  return assembleStatement(
    {
      openingBalance,
      invoices: invoices.filter((invoice) => within(invoice.issueDate)),
      payments: payments.filter((payment) => within(payment.paidOn)),
      agingItems,
    },
    period,
  );
}

import { sql, type Kysely } from 'kysely';
import type { Page } from '../../../sdk/contract/common.js';
import type {
  Invoice,
  InvoiceStatus,
  InvoiceSummary,
  Payment,
  PortalInvoice,
  PortalInvoiceCard,
  PortalInvoiceStatus,
  PortalPayment,
} from '../../../sdk/contract/invoices.js';
import type { PortalPaymentProof } from '../../../sdk/contract/payment-proofs.js';
import type { DB } from '../../db/schema.js';
import type { QueryParameters } from '../../lib/compiled-query.js';
import { compiledKeysetList, keysetPage, type PageRequest } from '../../lib/keyset.js';
import { amountDue, invoiceStatus, toLineItem, toTotals, toWorkspaceLineItem, todayUtc } from '../finance/repository.js';
import type { InvoiceRow, LineRow, PaymentProofRow, PaymentRow } from '../finance/schema.js';

// ---------------------------------------------------------------- mappers

/** The columns a portal card shows: a list reads only these. */
const CARD_COLUMNS = ['id', 'number', 'state', 'project_id', 'currency', 'total', 'amount_paid', 'issue_date', 'due_date'] as const;
type CardRow = Pick<InvoiceRow, (typeof CARD_COLUMNS)[number]> & { project_name: string | null };

export function toPortalInvoiceCard(row: CardRow, today = todayUtc()): PortalInvoiceCard {
  const status = invoiceStatus(row, today);
  if (status === 'draft') throw new Error(`draft invoice ${row.id} reached the portal mapper`);
  return {
    id: row.id,
    number: row.number,
    status: status satisfies PortalInvoiceStatus,
    projectId: row.project_id,
    projectName: row.project_name,
    currency: row.currency,
    total: Number(row.total),
    amountPaid: Number(row.amount_paid),
    amountDue: amountDue(row),
    issueDate: row.issue_date,
    dueDate: row.due_date,
  };
}

export function toPortalPayment(row: PaymentRow): PortalPayment {
  return { id: row.id, amount: Number(row.amount), currency: row.currency, paidOn: row.paid_on, method: row.method, reference: row.reference };
}

export function toPayment(row: PaymentRow): Payment {
  return {
    ...toPortalPayment(row),
    source: row.source,
    paymentProofId: row.payment_proof_id,
    recordedBy: { type: row.recorded_by_type, id: row.recorded_by_id },
    createdAt: row.created_at,
  };
}

export type PaymentProofWithFile = PaymentProofRow & { file_name: string | null };

export function toPortalPaymentProof(row: PaymentProofWithFile): PortalPaymentProof {
  return {
    id: row.id,
    invoiceId: row.invoice_id,
    amount: Number(row.amount),
    currency: row.currency,
    paidOn: row.paid_on,
    method: row.method,
    reference: row.reference,
    status: row.status,
    rejectReason: row.status === 'rejected' ? row.reject_reason : null,
    fileName: row.file_name ?? '',
    submittedAt: row.submitted_at,
  };
}

export function toPortalInvoice(
  row: CardRow & Pick<InvoiceRow, 'notes' | 'subtotal' | 'discount_total' | 'tax_total'>,
  lines: LineRow[],
  payments: PaymentRow[],
  proofs: PaymentProofWithFile[],
  today = todayUtc(),
): PortalInvoice {
  return {
    ...toPortalInvoiceCard(row, today),
    notes: row.notes,
    lines: lines.map(toLineItem),
    totals: toTotals(row),
    payments: payments.map(toPortalPayment),
    paymentProofs: proofs.map(toPortalPaymentProof),
  };
}

export function toInvoiceSummary(row: InvoiceRow, today = todayUtc()): InvoiceSummary {
  return {
    id: row.id,
    number: row.number,
    customerId: row.customer_id,
    projectId: row.project_id,
    estimateId: row.estimate_id,
    status: invoiceStatus(row, today),
    currency: row.currency,
    total: Number(row.total),
    amountPaid: Number(row.amount_paid),
    amountDue: amountDue(row),
    issueDate: row.issue_date,
    dueDate: row.due_date,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
    paidAt: row.paid_at,
    voidedAt: row.voided_at,
  };
}

export function toInvoice(row: InvoiceRow, lines: LineRow[], payments: PaymentRow[], today = todayUtc()): Invoice {
  return {
    ...toInvoiceSummary(row, today),
    notes: row.notes,
    internalNote: row.internal_note,
    voidReason: row.void_reason,
    lines: lines.map(toWorkspaceLineItem),
    totals: toTotals(row),
    payments: payments.map(toPayment),
  };
}

// ---------------------------------------------------------------- lines, payments, proofs

export function listInvoiceLines(db: Kysely<DB>, invoiceId: string): Promise<LineRow[]> {
  return db
    .selectFrom('invoice_lines')
    .select([
      'workspace_id',
      'position',
      'description',
      'quantity_milli',
      'unit_amount',
      'tax_rate_bp',
      'discount_bp',
      'gross_amount',
      'discount_amount',
      'net_amount',
      'tax_amount',
      'total_amount',
      'unit_cost',
    ])
    .where('invoice_id', '=', invoiceId)
    .orderBy('position')
    .execute();
}

/** Oldest first: by the day paid, then when recorded. */
export function listInvoicePayments(db: Kysely<DB>, invoiceId: string): Promise<PaymentRow[]> {
  return db.selectFrom('payments').selectAll().where('invoice_id', '=', invoiceId).orderBy('paid_on').orderBy('created_at').orderBy('id').execute();
}

/** The contacts' proofs of payment for the invoice, newest first, with the uploaded file's name. */
export function listInvoicePaymentProofs(db: Kysely<DB>, customerId: string, invoiceId: string): Promise<PaymentProofWithFile[]> {
  return db
    .selectFrom('payment_proofs')
    .leftJoin('intake_items', 'intake_items.id', 'payment_proofs.intake_item_id')
    .selectAll('payment_proofs')
    .select('intake_items.file_name as file_name')
    .where('payment_proofs.invoice_id', '=', invoiceId)
    .where('payment_proofs.customer_id', '=', customerId)
    .orderBy('payment_proofs.submitted_at', 'desc')
    .orderBy('payment_proofs.id', 'desc')
    .execute();
}

// ---------------------------------------------------------------- workspace reads

export function findWorkspaceInvoice(db: Kysely<DB>, workspaceId: string, invoiceId: string): Promise<InvoiceRow | undefined> {
  return db.selectFrom('invoices').selectAll().where('id', '=', invoiceId).where('workspace_id', '=', workspaceId).executeTakeFirst();
}

/**
 * Takes the invoice's row lock for the rest of the transaction (every change to an invoice starts
 * here, so they apply one after the other) and answers the row as it is now.
 */
export function lockWorkspaceInvoice(trx: Kysely<DB>, workspaceId: string, invoiceId: string, at: string): Promise<InvoiceRow | undefined> {
  return trx.updateTable('invoices').set({ updated_at: at }).where('id', '=', invoiceId).where('workspace_id', '=', workspaceId).returningAll().executeTakeFirst();
}

export async function readWorkspaceInvoice(db: Kysely<DB>, row: InvoiceRow, today = todayUtc()): Promise<Invoice> {
  const [lines, payments] = await Promise.all([listInvoiceLines(db, row.id), listInvoicePayments(db, row.id)]);
  return toInvoice(row, lines, payments, today);
}

export interface InvoiceFilter {
  customerId?: string | undefined;
  status?: InvoiceStatus | undefined;
}

/** The team's list, newest first; a status filter follows the same derivation as `invoiceStatus`. */
export function listWorkspaceInvoices(db: Kysely<DB>, workspaceId: string, filter: InvoiceFilter, page: PageRequest): Promise<Page<InvoiceSummary>> {
  const today = todayUtc();
  let query = db.selectFrom('invoices').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.customerId !== undefined) query = query.where('customer_id', '=', filter.customerId);
  const due = sql<boolean>`${sql.ref('amount_paid')} < ${sql.ref('total')}`;
  switch (filter.status) {
    case 'draft':
    case 'void':
      query = query.where('state', '=', filter.status);
      break;
    case 'paid':
      query = query.where('state', '=', 'issued').where(sql<boolean>`${sql.ref('amount_paid')} >= ${sql.ref('total')}`);
      break;
    case 'overdue':
      query = query.where('state', '=', 'issued').where(due).where('due_date', '<', today);
      break;
    case 'partially_paid':
      query = query.where('state', '=', 'issued').where(due).where('due_date', '>=', today).where('amount_paid', '>', 0);
      break;
    case 'open':
      query = query.where('state', '=', 'issued').where(due).where('due_date', '>=', today).where('amount_paid', '<=', 0);
      break;
  }
  return keysetPage(query, [['created_at', 'desc'], ['id', 'desc']], page, (row) => toInvoiceSummary(row, today));
}

// ---------------------------------------------------------------- portal reads

function portalInvoiceColumns(db: Kysely<DB>) {
  return db
    .selectFrom('invoices')
    .leftJoin('projects', 'projects.id', 'invoices.project_id')
    .select(CARD_COLUMNS.map((column) => `invoices.${column}` as const))
    .select('projects.name as project_name');
}

/** The portal's two tabs, compiled once each: `all` issued (and void) ones, `outstanding` ones with something due. */
const customerInvoiceLists = {
  all: compiledKeysetList(
    (db: Kysely<DB>, p: QueryParameters<{ customerId: string }>) =>
      portalInvoiceColumns(db).where('invoices.customer_id', '=', p.customerId).where('invoices.state', 'in', ['issued', 'void']),
    [['invoices.issue_date', 'desc'], ['invoices.id', 'desc']],
  ),
  outstanding: compiledKeysetList(
    (db: Kysely<DB>, p: QueryParameters<{ customerId: string }>) =>
      portalInvoiceColumns(db)
        .where('invoices.customer_id', '=', p.customerId)
        .where('invoices.state', '=', 'issued')
        .where(sql<boolean>`${sql.ref('invoices.amount_paid')} < ${sql.ref('invoices.total')}`),
    [['invoices.issue_date', 'desc'], ['invoices.id', 'desc']],
  ),
};

/** The customer's invoices on one tab, newest issue date first; never a draft. */
export function listCustomerInvoices(db: Kysely<DB>, customerId: string, tab: 'all' | 'outstanding', page: PageRequest): Promise<Page<PortalInvoiceCard>> {
  const today = todayUtc();
  return customerInvoiceLists[tab].page(db, { customerId }, page, (row) => toPortalInvoiceCard(row, today));
}

/** The invoice row as the portal may see it: the customer's, and not a draft. */
export function findCustomerInvoice(db: Kysely<DB>, customerId: string, invoiceId: string): Promise<InvoiceRow | undefined> {
  return db.selectFrom('invoices').selectAll().where('id', '=', invoiceId).where('customer_id', '=', customerId).where('state', 'in', ['issued', 'void']).executeTakeFirst();
}

/** One invoice as the contact sees it; undefined for a draft or another customer's. */
export async function readCustomerInvoice(db: Kysely<DB>, customerId: string, invoiceId: string): Promise<PortalInvoice | undefined> {
  const row = await portalInvoiceColumns(db)
    .select(['invoices.notes', 'invoices.subtotal', 'invoices.discount_total', 'invoices.tax_total'])
    .where('invoices.id', '=', invoiceId)
    .where('invoices.customer_id', '=', customerId)
    .where('invoices.state', 'in', ['issued', 'void'])
    .executeTakeFirst();
  if (!row) return undefined;
  const [lines, payments, proofs] = await Promise.all([listInvoiceLines(db, row.id), listInvoicePayments(db, row.id), listInvoicePaymentProofs(db, customerId, row.id)]);
  return toPortalInvoice(row, lines, payments, proofs);
}

import type { Kysely, Transaction } from 'kysely';
import {
  INVOICE_VOID_REASON_MAX_LENGTH,
  type CreateInvoice,
  type Invoice,
  type RecordPayment,
  type UpdateInvoice,
  type VoidInvoice,
} from '../../../sdk/contract/invoices.js';
import { MAX_LINE_ITEMS, type WorkspaceLineItemInput } from '../../../sdk/contract/money.js';
import type { Database, Dialect } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { notFound, Problem } from '../../lib/problem.js';
import { isoNow } from '../../lib/time.js';
import type { PortalPrincipal, WorkspacePrincipal } from '../../plugins/auth.js';
import { appendAuditEvent } from '../audit/repository.js';
import { computeDocument, quantityText } from '../finance/money.js';
import { amountDue, insertPayment, invoiceStatus, lineColumns, takeFinanceNumber, toLineItem, toTotals, totalColumns } from '../finance/repository.js';
import type { InvoiceRow, LineRow } from '../finance/schema.js';
import { enqueueWebhookEvent } from '../outbox/repository.js';
import { fetchLogo } from './logo.js';
import { enqueueInvoiceSent, invoiceContacts, invoiceEventData, moneyText } from './notifications.js';
import { renderInvoicePdf } from './pdf.js';
import { findCustomerInvoice, findWorkspaceInvoice, listInvoiceLines, listInvoicePayments, lockWorkspaceInvoice, readWorkspaceInvoice } from './repository.js';

/** What a new invoice is made of; the estimates feature converts an approved estimate with it. */
export interface CreateInvoiceInput {
  customerId: string;
  projectId?: string | null;
  /** The estimate it comes from (one invoice per estimate). */
  estimateId?: string | null;
  currency: string;
  lines: WorkspaceLineItemInput[];
  /** `YYYY-MM-DD`. */
  issueDate: string;
  /** `YYYY-MM-DD`, on or after the issue date. */
  dueDate: string;
  notes?: string;
  internalNote?: string;
}

export const INVOICE_NOTES_MAX_LENGTH = 5_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date as `YYYY-MM-DD`, or 422 `invalid_date`. */
export function checkedDate(value: string, field: string): string {
  const match = DATE.exec(value);
  // `2026-13-01` is an Invalid Date: compare its time first (toISOString would throw).
  const time = match === null ? Number.NaN : Date.parse(`${value}T00:00:00.000Z`);
  const valid = !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
  if (!valid) throw new Problem(422, 'invalid_date', 'Invalid date', `${field} must be a calendar date as YYYY-MM-DD.`, [{ field, message: 'not a YYYY-MM-DD date' }]);
  return value;
}

export function checkedDates(issueDate: string, dueDate: string): { issueDate: string; dueDate: string } {
  checkedDate(issueDate, 'issueDate');
  checkedDate(dueDate, 'dueDate');
  if (dueDate < issueDate) {
    throw new Problem(422, 'due_before_issue', 'Due before issue', 'The due date must be on or after the issue date.', [{ field: 'dueDate', message: 'before issueDate' }]);
  }
  return { issueDate, dueDate };
}

export function checkedNote(text: string | undefined, field: 'notes' | 'internalNote'): string {
  const value = (text ?? '').trim();
  if ([...value].length > INVOICE_NOTES_MAX_LENGTH) {
    throw new Problem(422, 'note_too_long', 'Note too long', `${field} has at most ${INVOICE_NOTES_MAX_LENGTH} characters.`, [{ field, message: 'too long' }]);
  }
  return value;
}

export function checkedLineCount(lines: readonly unknown[]): void {
  if (lines.length < 1 || lines.length > MAX_LINE_ITEMS) {
    throw new Problem(422, 'invalid_lines', 'Invalid lines', `An invoice has 1 to ${MAX_LINE_ITEMS} lines.`, [{ field: 'lines', message: `1 to ${MAX_LINE_ITEMS} lines` }]);
  }
}

/** A project named in a body: one of the invoice's customer's, or 422 `project_not_found`. */
export async function requireCustomerProject(trx: Transaction<DB>, workspaceId: string, customerId: string, projectId: string): Promise<string> {
  const project = await trx.selectFrom('projects').select(['id', 'customer_id']).where('id', '=', projectId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  if (!project || project.customer_id !== customerId) {
    throw new Problem(422, 'project_not_found', 'Project not found', "Name a project of the invoice's customer.", [{ field: 'projectId', message: "not a project of the invoice's customer" }]);
  }
  return project.id;
}

/** Replaces (or writes) an invoice's lines: computed by the one rounding rule, with their internal unit costs. */
export async function writeInvoiceLines(trx: Transaction<DB>, invoice: Pick<InvoiceRow, 'id' | 'workspace_id'>, currency: string, inputs: readonly WorkspaceLineItemInput[]) {
  const document = computeDocument(currency, inputs);
  await trx.deleteFrom('invoice_lines').where('invoice_id', '=', invoice.id).execute();
  await trx
    .insertInto('invoice_lines')
    .values(document.lines.map((line, index) => ({ ...lineColumns(invoice.workspace_id, line, { unitCost: inputs[index]!.unitCost ?? null }), invoice_id: invoice.id })))
    .execute();
  return document;
}

/**
 * Drafts an invoice in the caller's transaction: checks the customer (404), the project (422),
 * the dates (422 `due_before_issue`), the currency and lines (422), takes the next INV- number
 * (gapless: a rolled-back transaction gives it back), writes the lines and totals and the
 * `invoice.created` audit event. The caller commits.
 */
export async function createInvoiceInTransaction(
  trx: Transaction<DB>,
  dialect: Dialect,
  principal: WorkspacePrincipal,
  input: CreateInvoiceInput,
  at: string,
): Promise<InvoiceRow> {
  const { issueDate, dueDate } = checkedDates(input.issueDate, input.dueDate);
  const notes = checkedNote(input.notes, 'notes');
  const internalNote = checkedNote(input.internalNote, 'internalNote');
  checkedLineCount(input.lines);
  // Computed once before anything is written, so bad lines or currency leave no trace.
  const { totals } = computeDocument(input.currency, input.lines);
  const customer = await trx.selectFrom('customers').select('id').where('id', '=', input.customerId).where('workspace_id', '=', principal.workspaceId).executeTakeFirst();
  if (!customer) throw notFound('customer');
  const projectId = input.projectId ? await requireCustomerProject(trx, principal.workspaceId, customer.id, input.projectId) : null;
  const number = await takeFinanceNumber(trx, principal.workspaceId, 'invoice');
  const row: InvoiceRow = {
    id: newId('inv'),
    workspace_id: principal.workspaceId,
    customer_id: customer.id,
    project_id: projectId,
    estimate_id: input.estimateId ?? null,
    number,
    notes,
    internal_note: internalNote,
    state: 'draft',
    issue_date: issueDate,
    due_date: dueDate,
    ...totalColumns(totals),
    amount_paid: 0,
    sent_at: null,
    sent_by_type: null,
    sent_by_id: null,
    voided_at: null,
    void_reason: null,
    overdue_notified_at: null,
    paid_at: null,
    created_by_type: principal.actorType,
    created_by_id: principal.actorId,
    created_at: at,
    updated_at: at,
  };
  await trx.insertInto('invoices').values(row).execute();
  await writeInvoiceLines(trx, row, totals.currency, input.lines);
  await appendAuditEvent(trx, dialect, principal, {
    action: 'invoice.created',
    subjectType: 'invoice',
    subjectId: row.id,
    customerId: row.customer_id,
    data: { number, currency: row.currency, total: Number(row.total), estimateId: row.estimate_id },
  });
  return row;
}

// ---------------------------------------------------------------- the team

const notDraft = (row: InvoiceRow) =>
  new Problem(409, 'invoice_not_draft', 'Invoice already issued', `${row.number} is ${row.state === 'void' ? 'void' : 'issued'}; only a draft can be edited or sent.`);

/** Drafts an invoice, numbered in the same transaction (INV-0001, INV-0002, … without gaps). */
export function createInvoice(database: Database, principal: WorkspacePrincipal, input: CreateInvoice): Promise<Invoice> {
  return database.db.transaction().execute(async (trx) => {
    const at = isoNow();
    const row = await createInvoiceInTransaction(trx, database.dialect, principal, input, at);
    return readWorkspaceInvoice(trx, row);
  });
}

/** A stored line as the input that makes it again (to recompute lines in another currency). */
function storedLineInput(line: LineRow): WorkspaceLineItemInput {
  return {
    description: line.description,
    quantity: quantityText(line.quantity_milli),
    unitAmount: Number(line.unit_amount),
    taxRateBasisPoints: Number(line.tax_rate_bp),
    discountBasisPoints: Number(line.discount_bp),
    unitCost: line.unit_cost === null ? null : Number(line.unit_cost),
  };
}

/** Edits a draft; `lines` replace all of them, and a new currency recomputes the lines in it. */
export function updateDraftInvoice(database: Database, principal: WorkspacePrincipal, invoiceId: string, input: UpdateInvoice): Promise<Invoice> {
  return database.db.transaction().execute(async (trx) => {
    const at = isoNow();
    const row = await lockWorkspaceInvoice(trx, principal.workspaceId, invoiceId, at);
    if (!row) throw notFound('invoice');
    if (row.state !== 'draft') throw notDraft(row);
    const changes: Partial<InvoiceRow> = {};
    const { issueDate, dueDate } = checkedDates(input.issueDate ?? row.issue_date, input.dueDate ?? row.due_date);
    if (input.issueDate !== undefined) changes.issue_date = issueDate;
    if (input.dueDate !== undefined) changes.due_date = dueDate;
    if (input.notes !== undefined) changes.notes = checkedNote(input.notes, 'notes');
    if (input.internalNote !== undefined) changes.internal_note = checkedNote(input.internalNote, 'internalNote');
    if (input.projectId !== undefined) changes.project_id = input.projectId === null ? null : await requireCustomerProject(trx, principal.workspaceId, row.customer_id, input.projectId);
    const currency = input.currency ?? row.currency;
    if (input.lines !== undefined || currency !== row.currency) {
      const lines = input.lines ?? (await listInvoiceLines(trx, row.id)).map(storedLineInput);
      checkedLineCount(lines);
      const { totals } = await writeInvoiceLines(trx, row, currency, lines);
      Object.assign(changes, totalColumns(totals));
    }
    const updated = await trx.updateTable('invoices').set({ ...changes, updated_at: at }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
    await appendAuditEvent(trx, database.dialect, principal, {
      action: 'invoice.updated',
      subjectType: 'invoice',
      subjectId: row.id,
      customerId: row.customer_id,
      data: { fields: Object.keys(input).sort(), total: Number(updated.total) },
    });
    return readWorkspaceInvoice(trx, updated);
  });
}

/** Issues a draft: the portal shows it from now on, each portal contact is emailed, and `invoice.sent` goes out. */
export function sendInvoice(database: Database, principal: WorkspacePrincipal, invoiceId: string): Promise<Invoice> {
  return database.db.transaction().execute(async (trx) => {
    const at = isoNow();
    const row = await lockWorkspaceInvoice(trx, principal.workspaceId, invoiceId, at);
    if (!row) throw notFound('invoice');
    if (row.state !== 'draft') throw notDraft(row);
    const contacts = await invoiceContacts(trx, row.customer_id);
    if (!contacts.length) throw new Problem(409, 'no_portal_contact', 'Customer has no portal contact', 'Add a portal contact to the customer before sending invoices.');
    const sent = await trx
      .updateTable('invoices')
      .set({ state: 'issued', sent_at: at, sent_by_type: principal.actorType, sent_by_id: principal.actorId, updated_at: at })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAuditEvent(trx, database.dialect, principal, {
      action: 'invoice.sent',
      subjectType: 'invoice',
      subjectId: row.id,
      customerId: row.customer_id,
      data: { number: row.number, total: Number(row.total), currency: row.currency, contacts: contacts.length },
    });
    await enqueueInvoiceSent(trx, sent, contacts);
    return readWorkspaceInvoice(trx, sent);
  });
}

/** Voids a draft or issued invoice that has no payments; its number stays taken. */
export function voidInvoice(database: Database, principal: WorkspacePrincipal, invoiceId: string, input: VoidInvoice): Promise<Invoice> {
  const reason = input.reason.replace(/\s+/gu, ' ').trim();
  if (!reason) throw new Problem(422, 'void_reason_required', 'Reason required', 'Say why the invoice is void.', [{ field: 'reason', message: 'is blank' }]);
  if ([...reason].length > INVOICE_VOID_REASON_MAX_LENGTH) {
    throw new Problem(422, 'void_reason_too_long', 'Reason too long', `A reason has at most ${INVOICE_VOID_REASON_MAX_LENGTH} characters.`, [{ field: 'reason', message: 'too long' }]);
  }
  return database.db.transaction().execute(async (trx) => {
    const at = isoNow();
    const row = await lockWorkspaceInvoice(trx, principal.workspaceId, invoiceId, at);
    if (!row) throw notFound('invoice');
    if (row.state === 'void') throw new Problem(409, 'invoice_void', 'Invoice already void', `${row.number} was voided at ${row.voided_at ?? 'an earlier time'}.`);
    if (Number(row.amount_paid) > 0) {
      throw new Problem(409, 'invoice_has_payments', 'Invoice has payments', `${row.number} has payments recorded against it; it cannot be voided.`);
    }
    const voided = await trx.updateTable('invoices').set({ state: 'void', voided_at: at, void_reason: reason, updated_at: at }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
    await appendAuditEvent(trx, database.dialect, principal, {
      action: 'invoice.voided',
      subjectType: 'invoice',
      subjectId: row.id,
      customerId: row.customer_id,
      data: { number: row.number, reason, previousState: row.state },
    });
    return readWorkspaceInvoice(trx, voided);
  });
}

/**
 * Records a payment the team received. The invoice's row lock is taken first and the amount due is
 * checked after it, inside the transaction, so concurrent payments apply one after the other and
 * together never exceed the total. The payment that leaves nothing due sends `invoice.paid`.
 */
export function recordInvoicePayment(database: Database, principal: WorkspacePrincipal, invoiceId: string, input: RecordPayment): Promise<Invoice> {
  const paidOn = checkedDate(input.paidOn, 'paidOn');
  const reference = (input.reference ?? '').trim();
  return database.db.transaction().execute(async (trx) => {
    const at = isoNow();
    const row = await lockWorkspaceInvoice(trx, principal.workspaceId, invoiceId, at);
    if (!row) throw notFound('invoice');
    if (row.state !== 'issued') {
      throw new Problem(409, 'invoice_not_payable', 'Invoice not payable', `${row.number} is ${row.state}; payments are recorded against issued invoices only.`);
    }
    const due = amountDue(row);
    if (input.amount > due) {
      throw new Problem(422, 'payment_exceeds_amount_due', 'Payment exceeds the amount due', `${moneyText(input.amount, row.currency)} is more than the ${moneyText(due, row.currency)} due on ${row.number}.`, [
        { field: 'amount', message: `at most ${due}` },
      ]);
    }
    const paymentId = newId('pay');
    const updated = await insertPayment(trx, {
      id: paymentId,
      workspace_id: row.workspace_id,
      customer_id: row.customer_id,
      invoice_id: row.id,
      currency: row.currency,
      amount: input.amount,
      paid_on: paidOn,
      method: input.method,
      reference,
      source: 'team',
      payment_proof_id: null,
      recorded_by_type: principal.actorType,
      recorded_by_id: principal.actorId,
      created_at: at,
    });
    await appendAuditEvent(trx, database.dialect, principal, {
      action: 'invoice.payment_recorded',
      subjectType: 'invoice',
      subjectId: row.id,
      customerId: row.customer_id,
      data: { paymentId, amount: input.amount, currency: row.currency, paidOn, method: input.method, reference, amountDue: amountDue(updated) },
    });
    if (amountDue(updated) === 0) {
      await enqueueWebhookEvent(trx, { workspaceId: row.workspace_id, type: 'invoice.paid', data: { ...invoiceEventData(updated), paidAt: updated.paid_at } });
    }
    return readWorkspaceInvoice(trx, updated);
  });
}

// ---------------------------------------------------------------- the PDF

async function invoicePdf(db: Kysely<DB>, row: InvoiceRow): Promise<{ fileName: string; pdf: Uint8Array }> {
  const facts = await db
    .selectFrom('workspaces')
    .innerJoin('customers', 'customers.workspace_id', 'workspaces.id')
    .select(['workspaces.name as workspaceName', 'workspaces.brand_name as brandName', 'workspaces.brand_logo_url as logoUrl', 'customers.name as customerName'])
    .where('workspaces.id', '=', row.workspace_id)
    .where('customers.id', '=', row.customer_id)
    .executeTakeFirstOrThrow();
  const project = row.project_id ? await db.selectFrom('projects').select('name').where('id', '=', row.project_id).executeTakeFirst() : undefined;
  const [lines, payments, logo] = await Promise.all([listInvoiceLines(db, row.id), listInvoicePayments(db, row.id), facts.logoUrl ? fetchLogo(facts.logoUrl) : Promise.resolve(undefined)]);
  const pdf = await renderInvoicePdf({
    tenantName: facts.brandName ?? facts.workspaceName,
    logo,
    customerName: facts.customerName,
    projectName: project?.name ?? null,
    number: row.number,
    status: invoiceStatus(row),
    issueDate: row.issue_date,
    dueDate: row.due_date,
    notes: row.notes,
    lines: lines.map(toLineItem),
    totals: toTotals(row),
    amountPaid: Number(row.amount_paid),
    amountDue: amountDue(row),
    payments: payments.map((payment) => ({ paidOn: payment.paid_on, method: payment.method, reference: payment.reference, amount: Number(payment.amount) })),
    voidReason: row.state === 'void' ? row.void_reason : null,
  });
  return { fileName: `${row.number}.pdf`, pdf };
}

export async function portalInvoicePdf(db: Kysely<DB>, principal: PortalPrincipal, invoiceId: string) {
  const row = await findCustomerInvoice(db, principal.customerId, invoiceId);
  if (!row) throw notFound('invoice');
  return invoicePdf(db, row);
}

export async function teamInvoicePdf(db: Kysely<DB>, principal: WorkspacePrincipal, invoiceId: string) {
  const row = await findWorkspaceInvoice(db, principal.workspaceId, invoiceId);
  if (!row) throw notFound('invoice');
  return invoicePdf(db, row);
}

import type { Transaction } from 'kysely';
import {
  ESTIMATE_APPROVAL_NAME_MAX_LENGTH,
  ESTIMATE_DECLINE_REASON_MAX_LENGTH,
  ESTIMATE_NOTES_MAX_LENGTH,
  ESTIMATE_TITLE_MAX_LENGTH,
  type ConvertEstimate,
  type CreateEstimate,
  type Estimate,
  type PortalEstimate,
  type UpdateEstimate,
} from '../../../sdk/contract/estimates.js';
import { MAX_LINE_ITEMS, type WorkspaceLineItemInput } from '../../../sdk/contract/money.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { runIdempotent, type IdempotencyKey } from '../../lib/idempotency.js';
import { newId } from '../../lib/ids.js';
import { notFound, Problem } from '../../lib/problem.js';
import { isoNow } from '../../lib/time.js';
import type { PortalPrincipal, WorkspacePrincipal } from '../../plugins/auth.js';
import { appendAuditEvent } from '../audit/repository.js';
import { customerHasContact } from '../contacts/repository.js';
import { findCustomer } from '../customers/repository.js';
import { computeDocument } from '../finance/money.js';
import { takeFinanceNumber, todayUtc, totalColumns } from '../finance/repository.js';
import type { EstimateRow } from '../finance/schema.js';
import { createFollowUp } from '../follow-ups/repository.js';
import { createInvoiceInTransaction } from '../invoices/actions.js';
import { enqueueWebhookEvent } from '../outbox/repository.js';
import { findWorkspaceProject } from '../projects/repository.js';
import { emailAmount, enqueueEstimateDecidedEmails, enqueueEstimateSent, estimateEventData } from './notifications.js';
import {
  estimateStatus,
  findCustomerEstimate,
  findWorkspaceEstimate,
  insertEstimate,
  listEstimateLines,
  lockWorkspaceEstimate,
  portalEstimateOf,
  readCustomerEstimate,
  readWorkspaceEstimate,
  recordApproval,
  recordDecline,
  toEstimate,
  toLineInput,
  updateEstimateRow,
  writeEstimateLines,
} from './repository.js';

/** Where an approval came from, as the server saw the request. */
export interface DecidingClient {
  ip: string;
  userAgent: string;
}

/** A user agent is kept to this many characters: enough to identify a browser, not a place to store a payload. */
const USER_AGENT_MAX_LENGTH = 1_000;
/** A converted estimate's invoice is due this many days after its issue date unless the team says otherwise. */
const DEFAULT_PAYMENT_TERM_DAYS = 30;

// ---------------------------------------------------------------- checks

const codePoints = (text: string) => [...text].length;

/** A title is one line: whitespace runs collapse, so it cannot break an email subject. */
function checkedTitle(title: string): string {
  const text = title.replace(/\s+/g, ' ').trim();
  if (!text) throw new Problem(422, 'estimate_title_required', 'Title required', 'An estimate needs a title.', [{ field: 'title', message: 'is empty' }]);
  if (codePoints(text) > ESTIMATE_TITLE_MAX_LENGTH) {
    throw new Problem(422, 'estimate_title_too_long', 'Title too long', `A title has at most ${ESTIMATE_TITLE_MAX_LENGTH} characters.`, [{ field: 'title', message: 'too long' }]);
  }
  return text;
}

function checkedNotes(text: string | undefined, field: 'notes' | 'internalNote'): string {
  const value = (text ?? '').trim();
  if (codePoints(value) > ESTIMATE_NOTES_MAX_LENGTH) {
    throw new Problem(422, 'estimate_notes_too_long', 'Notes too long', `${field} has at most ${ESTIMATE_NOTES_MAX_LENGTH} characters.`, [{ field, message: 'too long' }]);
  }
  return value;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date as `YYYY-MM-DD`, or 422 `invalid_date`. */
function checkedDate(value: string, field: string): string {
  const real = DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00.000Z`)) && new Date(`${value}T00:00:00.000Z`).toISOString().slice(0, 10) === value;
  if (!real) throw new Problem(422, 'invalid_date', 'Invalid date', `${field} must be a calendar date as YYYY-MM-DD.`, [{ field, message: 'not a YYYY-MM-DD date' }]);
  return value;
}

const validUntilPast = (validUntil: string, today: string) =>
  new Problem(422, 'valid_until_past', 'Valid-until date in the past', `The estimate is valid until ${validUntil}, before today (${today}, UTC); choose a later date.`, [
    { field: 'validUntil', message: 'before today' },
  ]);

/** The lines as the server will store them: computed once before anything is written, so bad lines leave no trace. */
function checkedLines(currency: string, lines: readonly WorkspaceLineItemInput[]): readonly WorkspaceLineItemInput[] {
  if (lines.length < 1 || lines.length > MAX_LINE_ITEMS) {
    throw new Problem(422, 'invalid_lines', 'Invalid lines', `An estimate has 1 to ${MAX_LINE_ITEMS} lines.`, [{ field: 'lines', message: `1 to ${MAX_LINE_ITEMS} lines` }]);
  }
  computeDocument(currency, lines);
  return lines;
}

/** A project named in a body: one of the estimate's customer's, or 422. */
async function requireCustomerProject(db: Database['db'], workspaceId: string, customerId: string, projectId: string): Promise<string> {
  const project = await findWorkspaceProject(db, workspaceId, projectId);
  if (!project || project.customer_id !== customerId) {
    throw new Problem(422, 'project_not_found', 'Project not found', "Name a project of the estimate's customer.", [{ field: 'projectId', message: "not a project of the estimate's customer" }]);
  }
  return project.id;
}

/** A typed name as it is recorded: whitespace runs as one space, ends trimmed, NFC (as acceptances do). */
export function normaliseApprovalName(name: string): string {
  return name.replace(/\s+/gu, ' ').trim().normalize('NFC');
}

function checkedApprovalName(name: string): string {
  const text = normaliseApprovalName(name);
  if (!text) throw new Problem(422, 'approval_name_required', 'Name required', 'Type your full name to approve the estimate.', [{ field: 'name', message: 'is blank' }]);
  if (codePoints(text) > ESTIMATE_APPROVAL_NAME_MAX_LENGTH) {
    throw new Problem(422, 'approval_name_too_long', 'Name too long', `A name has at most ${ESTIMATE_APPROVAL_NAME_MAX_LENGTH} characters.`, [{ field: 'name', message: 'too long' }]);
  }
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0001-\u001f\u007f-\u009f]/u.test(text)) {
    throw new Problem(422, 'approval_name_invalid', 'Name invalid', 'A name cannot hold control characters.', [{ field: 'name', message: 'holds control characters' }]);
  }
  return text;
}

function checkedDeclineReason(reason: string): string {
  const text = reason.trim();
  if (!text) throw new Problem(422, 'decline_reason_required', 'Reason required', 'Tell the team why you decline the estimate.', [{ field: 'reason', message: 'is empty' }]);
  if (codePoints(text) > ESTIMATE_DECLINE_REASON_MAX_LENGTH) {
    throw new Problem(422, 'decline_reason_too_long', 'Reason too long', `A reason has at most ${ESTIMATE_DECLINE_REASON_MAX_LENGTH} characters.`, [{ field: 'reason', message: 'too long' }]);
  }
  return text;
}

const locked = (row: EstimateRow) =>
  new Problem(409, 'estimate_locked', 'Estimate locked', `This estimate is ${row.status}; only a draft or a sent estimate can be edited.`);

// ---------------------------------------------------------------- the team

/** Drafts an estimate, numbered in the same transaction (EST-0001, EST-0002, … without gaps). */
export async function createEstimate(database: Database, principal: WorkspacePrincipal, input: CreateEstimate): Promise<Estimate> {
  const title = checkedTitle(input.title);
  const notes = checkedNotes(input.notes, 'notes');
  const internalNote = checkedNotes(input.internalNote, 'internalNote');
  const validUntil = checkedDate(input.validUntil, 'validUntil');
  const lines = checkedLines(input.currency, input.lines);
  const customer = await findCustomer(database.db, principal.workspaceId, input.customerId);
  if (!customer) throw notFound('customer');
  const projectId = input.projectId ? await requireCustomerProject(database.db, principal.workspaceId, customer.id, input.projectId) : null;
  return database.db.transaction().execute(async (trx) => {
    const at = isoNow();
    const number = await takeFinanceNumber(trx, principal.workspaceId, 'estimate');
    const id = newId('est');
    const { totals } = computeDocument(input.currency, lines);
    const row = await insertEstimate(trx, {
      id,
      workspace_id: principal.workspaceId,
      customer_id: customer.id,
      project_id: projectId,
      number,
      title,
      notes,
      internal_note: internalNote,
      status: 'draft',
      valid_until: validUntil,
      version: 1,
      ...totalColumns(totals),
      sent_at: null,
      sent_by_type: null,
      sent_by_id: null,
      approved_at: null,
      approved_name: null,
      approved_version: null,
      approved_contact_id: null,
      approved_ip: null,
      approved_user_agent: null,
      declined_at: null,
      declined_reason: null,
      declined_contact_id: null,
      converted_invoice_id: null,
      converted_at: null,
      expiry_notified_at: null,
      created_by_type: principal.actorType,
      created_by_id: principal.actorId,
      created_at: at,
      updated_at: at,
    });
    const written = await writeEstimateLines(trx, row, input.currency, lines);
    await appendAuditEvent(trx, database.dialect, principal, {
      action: 'estimate.created',
      subjectType: 'estimate',
      subjectId: row.id,
      customerId: customer.id,
      data: { number, currency: row.currency, total: Number(row.total), lineCount: lines.length },
    });
    return toEstimate(row, written.lines, todayUtc());
  });
}

/**
 * Edits a draft or a sent estimate. A sent estimate's edit bumps its version, so a contact who
 * approves what they saw before gets 409 `estimate_changed`; the edit and the decision take the
 * same row lock, so one of them sees the other.
 */
export async function updateEstimate(database: Database, principal: WorkspacePrincipal, estimateId: string, input: UpdateEstimate): Promise<Estimate> {
  const changes: Partial<EstimateRow> = {};
  if (input.title !== undefined) changes.title = checkedTitle(input.title);
  if (input.notes !== undefined) changes.notes = checkedNotes(input.notes, 'notes');
  if (input.internalNote !== undefined) changes.internal_note = checkedNotes(input.internalNote, 'internalNote');
  if (input.validUntil !== undefined) changes.valid_until = checkedDate(input.validUntil, 'validUntil');
  if (input.lines !== undefined) checkedLines(input.currency ?? 'USD', input.lines);
  return database.db.transaction().execute(async (trx) => {
    const at = isoNow();
    const today = todayUtc();
    const row = await lockWorkspaceEstimate(trx, principal.workspaceId, estimateId, at);
    if (!row) throw notFound('estimate');
    if (row.status !== 'draft' && row.status !== 'sent') throw locked(row);
    if (row.status === 'sent' && changes.valid_until !== undefined && changes.valid_until < today) throw validUntilPast(changes.valid_until, today);
    if (input.projectId !== undefined) changes.project_id = input.projectId === null ? null : await requireCustomerProject(trx, principal.workspaceId, row.customer_id, input.projectId);
    const currency = input.currency ?? row.currency;
    let lines = undefined;
    if (input.lines !== undefined || input.currency !== undefined) {
      // New lines, or the stored ones under the new currency (checked before anything is written).
      const inputs = input.lines ?? (await listEstimateLines(trx, row.id)).map(toLineInput);
      checkedLines(currency, inputs);
      const written = await writeEstimateLines(trx, row, currency, inputs);
      lines = written.lines;
      Object.assign(changes, totalColumns(written.totals));
    }
    const fields = [
      ...Object.keys(input).filter((key) => (input as Record<string, unknown>)[key] !== undefined),
    ];
    if (row.status === 'sent' && fields.length) changes.version = Number(row.version) + 1;
    const updated = await updateEstimateRow(trx, row.id, changes, at);
    await appendAuditEvent(trx, database.dialect, principal, {
      action: 'estimate.updated',
      subjectType: 'estimate',
      subjectId: row.id,
      customerId: row.customer_id,
      data: { fields, version: Number(updated.version), ...(changes.total !== undefined ? { total: Number(updated.total), currency: updated.currency } : {}) },
    });
    return lines ? toEstimate(updated, lines, today) : readWorkspaceEstimate(trx, updated, today);
  });
}

/** Sends a draft: each portal contact of the customer is emailed, and the `estimate.sent` webhook goes out. */
export async function sendEstimate(database: Database, principal: WorkspacePrincipal, estimateId: string): Promise<Estimate> {
  return database.db.transaction().execute(async (trx) => {
    const at = isoNow();
    const today = todayUtc();
    const row = await lockWorkspaceEstimate(trx, principal.workspaceId, estimateId, at);
    if (!row) throw notFound('estimate');
    if (row.status !== 'draft') throw new Problem(409, 'estimate_not_draft', 'Estimate already sent', `This estimate is ${estimateStatus(row, today)}; only a draft can be sent.`);
    if (!(await customerHasContact(trx, row.customer_id))) {
      throw new Problem(409, 'no_portal_contact', 'Customer has no portal contact', 'Add a portal contact to the customer before sending estimates.');
    }
    if (row.valid_until < today) throw validUntilPast(row.valid_until, today);
    const sent = await updateEstimateRow(trx, row.id, { status: 'sent', sent_at: at, sent_by_type: principal.actorType, sent_by_id: principal.actorId }, at);
    const contacts = await enqueueEstimateSent(trx, sent);
    await appendAuditEvent(trx, database.dialect, principal, {
      action: 'estimate.sent',
      subjectType: 'estimate',
      subjectId: row.id,
      customerId: row.customer_id,
      data: { number: row.number, version: Number(row.version), total: Number(row.total), currency: row.currency, validUntil: row.valid_until, contacts },
    });
    return readWorkspaceEstimate(trx, sent, today);
  });
}

/**
 * An approved estimate becomes a draft invoice, in one transaction: the estimate is marked
 * converted first (its row lock decides between concurrent conversions), then the invoice is
 * drafted with the estimate's customer, project, currency, lines (with their unit costs) and notes.
 */
export async function convertEstimate(database: Database, principal: WorkspacePrincipal, estimateId: string, input: ConvertEstimate): Promise<Estimate> {
  return database.db.transaction().execute(async (trx) => {
    const at = isoNow();
    const today = todayUtc();
    const issueDate = checkedDate(input.issueDate ?? today, 'issueDate');
    const dueDate = checkedDate(input.dueDate ?? new Date(Date.parse(`${issueDate}T00:00:00.000Z`) + DEFAULT_PAYMENT_TERM_DAYS * 86_400_000).toISOString().slice(0, 10), 'dueDate');
    const row = await lockWorkspaceEstimate(trx, principal.workspaceId, estimateId, at);
    if (!row) throw notFound('estimate');
    if (row.status !== 'approved') {
      throw new Problem(409, 'estimate_not_approved', 'Estimate not approved', `This estimate is ${estimateStatus(row, today)}; only an approved estimate can be converted into an invoice.`);
    }
    const lines = await listEstimateLines(trx, row.id);
    const invoice = await createInvoiceInTransaction(
      trx as Transaction<DB>,
      database.dialect,
      principal,
      {
        customerId: row.customer_id,
        projectId: row.project_id,
        estimateId: row.id,
        currency: row.currency,
        lines: lines.map(toLineInput),
        issueDate,
        dueDate,
        notes: row.notes,
        internalNote: row.internal_note,
      },
      at,
    );
    const converted = await updateEstimateRow(trx, row.id, { status: 'converted', converted_invoice_id: invoice.id, converted_at: at }, at);
    await appendAuditEvent(trx, database.dialect, principal, {
      action: 'estimate.converted',
      subjectType: 'estimate',
      subjectId: row.id,
      customerId: row.customer_id,
      data: { invoiceId: invoice.id, invoiceNumber: invoice.number },
    });
    return toEstimate(converted, lines, today);
  });
}

export async function readTeamEstimate({ db }: Database, principal: WorkspacePrincipal, estimateId: string): Promise<Estimate> {
  const row = await findWorkspaceEstimate(db, principal.workspaceId, estimateId);
  if (!row) throw notFound('estimate');
  return readWorkspaceEstimate(db, row, todayUtc());
}

// ---------------------------------------------------------------- the contact

export async function readContactEstimate({ db }: Database, principal: PortalPrincipal, estimateId: string): Promise<PortalEstimate> {
  const estimate = await readCustomerEstimate(db, principal.customerId, estimateId, todayUtc());
  if (!estimate) throw notFound('estimate');
  return estimate;
}

/** Why a decision did not take: the estimate as it is now, read in the same transaction. */
function refusal(row: EstimateRow, today: string, version?: number): Problem {
  const status = estimateStatus(row, today);
  if (status === 'approved' || status === 'declined' || status === 'converted') {
    return new Problem(409, 'estimate_not_pending', 'Estimate already decided', `This estimate is ${status}; it no longer takes an approval or a decline.`);
  }
  if (status === 'expired') return new Problem(409, 'estimate_expired', 'Estimate expired', `This estimate was valid until ${row.valid_until}; ask the team to send it again.`);
  if (version !== undefined && version !== Number(row.version)) {
    return new Problem(409, 'estimate_changed', 'Estimate changed', `The team changed this estimate after you opened it (now version ${row.version}); reload it and review it again.`);
  }
  return new Problem(409, 'estimate_conflict', 'Estimate changed', 'The estimate changed while you were deciding; reload it.');
}

/**
 * What a decision sets off, in its transaction: the audit event, the follow-up for the team, the
 * team's emails and the webhook.
 */
async function recordDecision(trx: Transaction<DB>, database: Database, principal: PortalPrincipal, row: EstimateRow, kind: 'approved' | 'declined'): Promise<void> {
  const contact = await trx.selectFrom('portal_contacts').select('display_name').where('id', '=', principal.contactId).executeTakeFirstOrThrow();
  const total = emailAmount(Number(row.total), row.currency);
  const event = await appendAuditEvent(trx, database.dialect, principal, {
    action: `estimate.${kind}`,
    subjectType: 'estimate',
    subjectId: row.id,
    customerId: principal.customerId,
    data:
      kind === 'approved'
        ? { name: row.approved_name, version: Number(row.approved_version), total: Number(row.total), currency: row.currency, ipAddress: row.approved_ip }
        : { reason: row.declined_reason, version: Number(row.version) },
  });
  const followUp = await createFollowUp(trx, {
    workspaceId: principal.workspaceId,
    kind: `estimate.${kind}`,
    sourceType: 'estimate',
    sourceId: row.id,
    customerId: principal.customerId,
    contactId: principal.contactId,
    summary:
      kind === 'approved'
        ? `${row.number} "${row.title}" (${total}) approved by ${row.approved_name ?? contact.display_name}`
        : `${row.number} "${row.title}" (${total}) declined by ${contact.display_name}: ${row.declined_reason ?? ''}`,
  });
  await enqueueEstimateDecidedEmails(trx, row, followUp, { kind, auditEventId: event.id, contactName: contact.display_name });
  await enqueueWebhookEvent(trx, {
    workspaceId: principal.workspaceId,
    type: `estimate.${kind}`,
    data: {
      ...estimateEventData(row),
      contactId: principal.contactId,
      ...(kind === 'approved' ? { name: row.approved_name, approvedVersion: Number(row.approved_version), approvedAt: row.approved_at } : { reason: row.declined_reason, declinedAt: row.declined_at }),
    },
  });
}

/**
 * A contact approves the version of the estimate they saw, with their typed name. The conditional
 * update decides: of concurrent approvals (or an approval and a decline, or an edit) exactly one
 * takes, and only it writes the audit event, follow-up, emails and webhook.
 */
export function approveEstimate(
  database: Database,
  principal: PortalPrincipal,
  estimateId: string,
  input: { name: string; version: number },
  client: DecidingClient,
  key: IdempotencyKey | undefined,
): Promise<PortalEstimate> {
  const name = checkedApprovalName(input.name);
  return runIdempotent(database, key, async (trx) => {
    const at = isoNow();
    const today = todayUtc();
    const approved = await recordApproval(trx, principal.customerId, estimateId, today, input.version, {
      name,
      contactId: principal.contactId,
      ip: client.ip,
      userAgent: client.userAgent.slice(0, USER_AGENT_MAX_LENGTH),
      at,
    });
    if (!approved) {
      const current = await findCustomerEstimate(trx, principal.customerId, estimateId);
      if (!current) throw notFound('estimate');
      throw refusal(current, today, input.version);
    }
    await recordDecision(trx, database, principal, approved, 'approved');
    return portalEstimateOf(trx, approved, today);
  });
}

/** A contact declines with a reason; the same rules as approving, without a version. */
export function declineEstimate(database: Database, principal: PortalPrincipal, estimateId: string, input: { reason: string }, key: IdempotencyKey | undefined): Promise<PortalEstimate> {
  const reason = checkedDeclineReason(input.reason);
  return runIdempotent(database, key, async (trx) => {
    const at = isoNow();
    const today = todayUtc();
    const declined = await recordDecline(trx, principal.customerId, estimateId, today, { reason, contactId: principal.contactId, at });
    if (!declined) {
      const current = await findCustomerEstimate(trx, principal.customerId, estimateId);
      if (!current) throw notFound('estimate');
      throw refusal(current, today);
    }
    await recordDecision(trx, database, principal, declined, 'declined');
    return portalEstimateOf(trx, declined, today);
  });
}

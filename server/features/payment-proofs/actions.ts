import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { Page } from '../../../sdk/contract/common.js';
import type { IntakeItem } from '../../../sdk/contract/intake.js';
import { PAYMENT_PROOF_REJECT_REASON_MAX_LENGTH, type PaymentProof, type PaymentProofDetail, type PaymentProofListQuery, type PortalPaymentProof } from '../../../sdk/contract/payment-proofs.js';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { discardUpload, receiveUpload, withUploadCleanup, type FileStore, type ReceivedUpload } from '../../files/index.js';
import { idempotencyKeyOf, runIdempotent, type IdempotencyKey } from '../../lib/idempotency.js';
import { newId, sha256 } from '../../lib/ids.js';
import { apiKeyPermissions, rolePermissions } from '../../lib/permissions.js';
import { notFound, Problem } from '../../lib/problem.js';
import { isoNow } from '../../lib/time.js';
import type { PortalPrincipal, WorkspacePrincipal } from '../../plugins/auth.js';
import { appendAuditEvent } from '../audit/repository.js';
import { amountDue, insertPayment, todayUtc } from '../finance/repository.js';
import type { InvoiceRow, PaymentMethod, PaymentProofRow } from '../finance/schema.js';
import { enqueueFollowUpEvent, openFollowUpForSource } from '../follow-ups/repository.js';
import { intakeDownloadLink } from '../intake/actions.js';
import { findWorkspaceIntakeItem, insertIntakeItem, intakeKeyPrefix, reviewIntakeItem, toIntakeItem } from '../intake/repository.js';
import type { IntakeItemRow } from '../intake/schema.js';
import { invoiceEventData, moneyText } from '../invoices/notifications.js';
import { enqueueEmail, enqueueWebhookEvent } from '../outbox/repository.js';
import { INTAKE_FILE_TYPES, intakeMaxBytes } from '../requests/actions.js';
import { decideProof, findContactProofByKey, findCustomerProof, findWorkspaceProof, listWorkspaceProofs, referenceUsed, toPaymentProof, toPortalProof } from './repository.js';

/** The database and the file store, as the app carries them. */
export interface PaymentProofContext extends Database {
  fileStore: FileStore;
}

const METHODS: readonly PaymentMethod[] = ['bank_transfer', 'card', 'cash', 'cheque', 'other'];
const REFERENCE_MAX_LENGTH = 100;
const codePoints = (text: string) => [...text].length;

// ---------------------------------------------------------------- checks

/** The fields of a submission, checked; every refusal is a 422 with the field named. */
export interface ProofFields {
  amount: number;
  paidOn: string;
  method: PaymentMethod;
  reference: string;
}

const invalid = (code: string, title: string, detail: string, field: string) => new Problem(422, code, title, detail, [{ field, message: detail }]);

export function checkedProofFields(fields: Record<string, string | undefined>, today: string = todayUtc()): ProofFields {
  const amountText = (fields.amount ?? '').trim();
  const amount = /^[0-9]{1,15}$/.test(amountText) ? Number(amountText) : NaN;
  if (!Number.isSafeInteger(amount) || amount < 1) {
    throw invalid('invalid_amount', 'Invalid amount', "The amount is a whole number of the currency's minor units (cents), at least 1.", 'amount');
  }
  const paidOn = (fields.paidOn ?? '').trim();
  const ms = Date.parse(`${paidOn}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(paidOn) || !Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== paidOn) {
    throw invalid('invalid_paid_on', 'Invalid payment date', 'The payment date is a calendar date, YYYY-MM-DD.', 'paidOn');
  }
  // A day's grace: a contact east of UTC is already in tomorrow.
  if (paidOn > new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) {
    throw invalid('invalid_paid_on', 'Invalid payment date', 'The payment date cannot be in the future.', 'paidOn');
  }
  const method = (fields.method ?? '').trim() as PaymentMethod;
  if (!METHODS.includes(method)) throw invalid('invalid_method', 'Invalid method', `The method is one of ${METHODS.join(', ')}.`, 'method');
  const reference = (fields.reference ?? '').replace(/\s+/g, ' ').trim();
  // Tabs and line breaks become spaces above; any other control character (NUL included) is refused.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(fields.reference ?? '')) {
    throw invalid('reference_invalid', 'Invalid reference', 'The reference cannot hold control characters.', 'reference');
  }
  if (!reference) throw invalid('reference_required', 'Reference required', 'Give the transfer reference of the payment.', 'reference');
  if (codePoints(reference) > REFERENCE_MAX_LENGTH) throw invalid('reference_too_long', 'Reference too long', `A reference has at most ${REFERENCE_MAX_LENGTH} characters.`, 'reference');
  return { amount, paidOn, method, reference };
}

export function checkedRejectReason(text: string): string {
  const reason = text.trim();
  if (!reason) throw invalid('reject_reason_required', 'Reason required', 'Say why the proof is rejected; the contact sees it.', 'reason');
  if (codePoints(reason) > PAYMENT_PROOF_REJECT_REASON_MAX_LENGTH) {
    throw invalid('reject_reason_too_long', 'Reason too long', `A reason has at most ${PAYMENT_PROOF_REJECT_REASON_MAX_LENGTH} characters.`, 'reason');
  }
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/\u0000/.test(reason)) throw invalid('reject_reason_invalid', 'Invalid reason', 'The reason cannot hold NUL characters.', 'reason');
  return reason;
}

const notPayable = (invoice: Pick<InvoiceRow, 'number' | 'state'>) =>
  new Problem(409, 'invoice_not_payable', 'Invoice not payable', `${invoice.number} is ${invoice.state === 'void' ? 'void' : 'not issued'}; payment proof is for issued invoices only.`);

const alreadyReviewed = (row: Pick<PaymentProofRow, 'status'>) =>
  new Problem(409, 'payment_proof_already_reviewed', 'Payment proof already reviewed', `This proof is ${row.status.replace('_', ' ')}; only a proof under review can be accepted or rejected.`);

/** Whether the caller may accept or reject payment proof (`payment_proofs.review`): a team lead may not. */
export function mayReviewPaymentProofs(principal: WorkspacePrincipal): boolean {
  const granted = principal.actorType === 'member' ? rolePermissions[principal.role] : apiKeyPermissions[principal.scope];
  return granted.includes('payment_proofs.review');
}

function requireReviewer(principal: WorkspacePrincipal): void {
  if (!mayReviewPaymentProofs(principal)) {
    throw new Problem(403, 'forbidden', 'Forbidden', `Your ${principal.actorType === 'member' ? 'role' : 'API key scope'} does not allow payment_proofs.review.`);
  }
}

function customerInvoice(db: Kysely<DB>, principal: PortalPrincipal, invoiceId: string) {
  return db
    .selectFrom('invoices')
    .select(['id', 'number', 'state', 'currency', 'total', 'amount_paid', 'workspace_id', 'customer_id'])
    .where('id', '=', invoiceId)
    .where('customer_id', '=', principal.customerId)
    .where('workspace_id', '=', principal.workspaceId)
    .executeTakeFirst();
}

// ---------------------------------------------------------------- portal: submit

/**
 * A contact sends proof of a payment. The invoice is checked before a byte is read; the file is
 * streamed into quarantine (the intake prefix) with the upload checks of every contact file; the
 * fields are checked; then the proof, its intake item, the audit event, the finance team's
 * follow-up and the webhook commit together. If they cannot, the stored file is deleted again.
 */
export async function submitPaymentProof(context: PaymentProofContext, principal: PortalPrincipal, invoiceId: string, request: FastifyRequest): Promise<PortalPaymentProof> {
  const target = await customerInvoice(context.db, principal, invoiceId);
  if (!target) throw notFound('invoice');
  if (target.state !== 'issued') throw notPayable(target);
  const header = idempotencyKeyOf(request, `contact:${principal.contactId}`);

  const upload = await receiveUpload(request, context.fileStore, {
    keyPrefix: intakeKeyPrefix(principal.workspaceId),
    maxBytes: intakeMaxBytes(context.fileStore),
    allowedTypes: INTAKE_FILE_TYPES,
    fields: {
      amount: { maxLength: 20, required: true },
      paidOn: { maxLength: 20, required: true },
      method: { maxLength: 20, required: true },
      reference: { maxLength: 1000, required: true },
    },
  });
  let fields: ProofFields;
  try {
    fields = checkedProofFields(upload.fields);
  } catch (error) {
    await discardUpload(context.fileStore, upload.key);
    throw error;
  }
  // The same key answers the first proof again only for the same invoice, fields and bytes.
  const key: IdempotencyKey | undefined = header && {
    ...header,
    fingerprint: sha256(`POST /v1/portal/invoices/${invoiceId}/payment-proofs\n${JSON.stringify(fields)}\n${upload.sha256}`),
  };
  return recordPaymentProof(context, principal, invoiceId, fields, upload, key);
}

/** A file already in quarantine (as receiveUpload, or the demo, put it there under the intake prefix). */
export type ProofFile = Pick<ReceivedUpload, 'key' | 'size' | 'sha256' | 'contentType' | 'fileName'>;

/** The proof a stored file makes, in one transaction (see submitPaymentProof); a replayed key answers the first proof and drops this file. */
export async function recordPaymentProof(
  context: PaymentProofContext,
  principal: PortalPrincipal,
  invoiceId: string,
  fields: ProofFields,
  file: ProofFile,
  key: IdempotencyKey | undefined,
): Promise<PortalPaymentProof> {
  const proofId = newId('ppf');
  const answer = await withUploadCleanup(context.fileStore, file, () =>
    runIdempotent(context, key, async (trx) => {
      const at = isoNow();
      // Locks the invoice for the flag's amount due (a payment recorded meanwhile waits or is seen).
      const invoice = await trx
        .updateTable('invoices')
        .set({ updated_at: (eb) => eb.ref('updated_at') })
        .where('id', '=', invoiceId)
        .where('customer_id', '=', principal.customerId)
        .where('workspace_id', '=', principal.workspaceId)
        .returningAll()
        .executeTakeFirst();
      if (!invoice) throw notFound('invoice');
      if (invoice.state !== 'issued') throw notPayable(invoice);
      if (key && (await findContactProofByKey(trx, principal.contactId, key.key))) {
        throw new Problem(409, 'idempotency_key_reused', 'Idempotency-Key reused', 'This Idempotency-Key was already used for another proof; use a new key for a new request.');
      }
      const due = amountDue(invoice);
      const exceeds = fields.amount > due;
      const reused = await referenceUsed(trx, principal.workspaceId, fields.reference, proofId);
      const intakeId = newId('itk');
      await insertIntakeItem(trx, {
        id: intakeId,
        workspace_id: principal.workspaceId,
        customer_id: principal.customerId,
        contact_id: principal.contactId,
        kind: 'payment_proof',
        status: 'pending',
        // For a payment proof: the invoice and the proof (see server/features/intake/schema.ts).
        source_request_id: invoice.id,
        source_item_id: proofId,
        file_name: file.fileName,
        file_size: file.size,
        content_type: file.contentType,
        sha256: file.sha256,
        storage_key: file.key,
        reviewed_by_type: null,
        reviewed_by_id: null,
        reviewed_at: null,
        reject_reason: null,
        published_document_id: null,
        created_at: at,
        updated_at: at,
      });
      await trx
        .insertInto('payment_proofs')
        .values({
          id: proofId,
          workspace_id: principal.workspaceId,
          customer_id: principal.customerId,
          invoice_id: invoice.id,
          contact_id: principal.contactId,
          intake_item_id: intakeId,
          currency: invoice.currency,
          amount: fields.amount,
          paid_on: fields.paidOn,
          method: fields.method,
          reference: fields.reference,
          status: 'under_review',
          exceeds_amount_due: exceeds ? 1 : 0,
          reference_already_used: reused ? 1 : 0,
          reject_reason: null,
          payment_id: null,
          reviewed_by_type: null,
          reviewed_by_id: null,
          reviewed_at: null,
          submitted_at: at,
          idempotency_key: key?.key ?? null,
        })
        .execute();
      const amount = moneyText(fields.amount, invoice.currency);
      await appendAuditEvent(trx, context.dialect, principal, {
        action: 'payment_proof.submitted',
        subjectType: 'payment_proof',
        subjectId: proofId,
        customerId: principal.customerId,
        data: {
          invoiceId: invoice.id,
          number: invoice.number,
          amount: fields.amount,
          currency: invoice.currency,
          paidOn: fields.paidOn,
          method: fields.method,
          intakeId,
          fileName: file.fileName,
          sha256: file.sha256,
          exceedsAmountDue: exceeds,
          referenceAlreadyUsed: reused,
        },
      });
      const contact = await trx.selectFrom('portal_contacts').select('display_name').where('id', '=', principal.contactId).executeTakeFirstOrThrow();
      const warnings = [exceeds ? 'more than the amount due' : '', reused ? 'reference already used' : ''].filter(Boolean);
      await openFollowUpForSource(trx, {
        workspaceId: principal.workspaceId,
        kind: 'payment_proof.submitted',
        sourceType: 'payment_proof',
        sourceId: proofId,
        customerId: principal.customerId,
        contactId: principal.contactId,
        summary: `${contact.display_name} sent proof of a payment of ${amount} for ${invoice.number} (reference ${fields.reference})${warnings.length ? `: ${warnings.join(', ')}` : ''}`,
      });
      await enqueueWebhookEvent(trx, {
        workspaceId: principal.workspaceId,
        type: 'payment_proof.submitted',
        data: {
          paymentProofId: proofId,
          invoiceId: invoice.id,
          number: invoice.number,
          customerId: principal.customerId,
          contactId: principal.contactId,
          amount: fields.amount,
          currency: invoice.currency,
          paidOn: fields.paidOn,
          method: fields.method,
          reference: fields.reference,
          intakeId,
          flags: { exceedsAmountDue: exceeds, referenceAlreadyUsed: reused },
          submittedAt: at,
        },
      });
      const stored = await findCustomerProof(trx, principal.customerId, proofId);
      if (!stored) throw new Error(`payment proof ${proofId} not readable after insert`);
      return toPortalProof(stored);
    }),
  );
  // A replay answered an earlier proof: this upload is not anyone's file.
  if (answer.id !== proofId) await discardUpload(context.fileStore, file.key);
  return answer;
}

// ---------------------------------------------------------------- workspace: read

export function listProofs({ db }: Database, principal: WorkspacePrincipal, query: PaymentProofListQuery): Promise<Page<PaymentProof>> {
  return listWorkspaceProofs(db, principal.workspaceId, { status: query.status, invoiceId: query.invoiceId, customerId: query.customerId }, { limit: query.limit ?? 20, cursor: query.cursor });
}

/** A proof with a fresh link to its file for reviewers (the link is recorded in the audit log); null for readers. */
export async function readProof(context: PaymentProofContext, config: Pick<Config, 'publicUrl' | 'files'>, principal: WorkspacePrincipal, proofId: string): Promise<PaymentProofDetail> {
  const row = await findWorkspaceProof(context.db, principal.workspaceId, proofId);
  if (!row) throw notFound('payment proof');
  const downloadLink = mayReviewPaymentProofs(principal) ? await intakeDownloadLink(context, config, principal, row.intake_item_id) : null;
  return { ...toPaymentProof(row), downloadLink };
}

// ---------------------------------------------------------------- workspace: review

async function workspaceName(trx: Kysely<DB>, workspaceId: string): Promise<string> {
  const row = await trx.selectFrom('workspaces').select(['name', 'brand_name']).where('id', '=', workspaceId).executeTakeFirstOrThrow();
  return row.brand_name ?? row.name;
}

/** The contact who sent the proof; when that contact is gone, every contact of the customer. */
async function proofRecipients(trx: Kysely<DB>, proof: PaymentProofRow): Promise<{ email: string; display_name: string }[]> {
  const sender = await trx.selectFrom('portal_contacts').select(['email', 'display_name']).where('id', '=', proof.contact_id).where('customer_id', '=', proof.customer_id).executeTakeFirst();
  if (sender) return [sender];
  return trx.selectFrom('portal_contacts').select(['email', 'display_name']).where('customer_id', '=', proof.customer_id).orderBy('created_at').orderBy('id').execute();
}

async function enqueueVerdictEmails(trx: Kysely<DB>, proof: PaymentProofRow, invoice: InvoiceRow, reason: string | null): Promise<void> {
  const name = await workspaceName(trx, proof.workspace_id);
  for (const contact of await proofRecipients(trx, proof)) {
    await enqueueEmail(trx, {
      workspaceId: proof.workspace_id,
      to: contact.email,
      notification: {
        template: proof.status === 'accepted' ? 'payment_proof.accepted' : 'payment_proof.rejected',
        workspaceId: proof.workspace_id,
        workspaceName: name,
        contactName: contact.display_name,
        invoiceNumber: invoice.number,
        amount: moneyText(Number(proof.amount), proof.currency),
        paidOn: proof.paid_on,
        reference: proof.reference,
        amountDue: moneyText(amountDue(invoice), invoice.currency),
        reason,
      },
    });
  }
}

function proofEventData(proof: PaymentProofRow, invoice: InvoiceRow, at: string): Record<string, unknown> {
  return {
    paymentProofId: proof.id,
    invoiceId: invoice.id,
    number: invoice.number,
    customerId: proof.customer_id,
    contactId: proof.contact_id,
    amount: Number(proof.amount),
    currency: proof.currency,
    paidOn: proof.paid_on,
    method: proof.method,
    reference: proof.reference,
    reviewedAt: at,
  };
}

/** Closes the finance team's follow-up of the proof, if it is still open (with its `follow_up.completed` event). */
async function closeProofFollowUp(trx: Kysely<DB>, proof: PaymentProofRow, at: string): Promise<void> {
  const closed = await trx
    .updateTable('follow_ups')
    .set({ state: 'done', closed_at: at, updated_at: at })
    .where('workspace_id', '=', proof.workspace_id)
    .where('source_type', '=', 'payment_proof')
    .where('source_id', '=', proof.id)
    .where('state', '=', 'open')
    .returningAll()
    .execute();
  for (const row of closed) await enqueueFollowUpEvent(trx, 'follow_up.completed', row);
}

/** The verdict's common end: the intake item decided with it (it is pending as long as the proof is under review). */
async function decideIntake(trx: Kysely<DB>, proof: PaymentProofRow, principal: WorkspacePrincipal, reason: string | null, at: string): Promise<IntakeItemRow> {
  const decided = await reviewIntakeItem(trx, proof.intake_item_id, {
    status: proof.status === 'accepted' ? 'accepted' : 'rejected',
    reviewer: { type: principal.actorType, id: principal.actorId },
    rejectReason: reason,
    at,
  });
  if (!decided) throw alreadyReviewed({ status: proof.status });
  return decided;
}

async function proofNotUnderReview(trx: Kysely<DB>, principal: WorkspacePrincipal, proofId: string): Promise<Problem> {
  const row = await findWorkspaceProof(trx, principal.workspaceId, proofId);
  return row ? alreadyReviewed(row) : notFound('payment proof');
}

/**
 * Accepts a proof under review, in one transaction: the proof is claimed (concurrent verdicts find
 * it decided), the payment is recorded on the invoice (source `payment_proof`), the intake item is
 * accepted, the audit event, the contact's email and `payment_proof.accepted` go out, and
 * `invoice.paid` when this payment leaves nothing due. An amount over what is due is recorded as
 * it is (the reviewer saw the flag): the invoice is paid and the excess is the customer's credit.
 */
async function acceptInTransaction(trx: Transaction<DB>, database: Database, principal: WorkspacePrincipal, proofId: string): Promise<{ proof: PaymentProofRow; intake: IntakeItemRow }> {
  const at = isoNow();
  const paymentId = newId('pay');
  const proof = await decideProof(trx, principal.workspaceId, proofId, { status: 'accepted', reviewer: { type: principal.actorType, id: principal.actorId }, rejectReason: null, paymentId, at });
  if (!proof) throw await proofNotUnderReview(trx, principal, proofId);
  const before = await trx.selectFrom('invoices').selectAll().where('id', '=', proof.invoice_id).where('workspace_id', '=', principal.workspaceId).executeTakeFirstOrThrow();
  if (before.state !== 'issued') throw notPayable(before);
  const invoice = await insertPayment(trx, {
    id: paymentId,
    workspace_id: proof.workspace_id,
    customer_id: proof.customer_id,
    invoice_id: proof.invoice_id,
    currency: proof.currency,
    amount: Number(proof.amount),
    paid_on: proof.paid_on,
    method: proof.method,
    reference: proof.reference,
    source: 'payment_proof',
    payment_proof_id: proof.id,
    recorded_by_type: principal.actorType,
    recorded_by_id: principal.actorId,
    created_at: at,
  });
  const intake = await decideIntake(trx, proof, principal, null, at);
  await appendAuditEvent(trx, database.dialect, principal, {
    action: 'payment_proof.accepted',
    subjectType: 'payment_proof',
    subjectId: proof.id,
    customerId: proof.customer_id,
    data: { invoiceId: invoice.id, number: invoice.number, paymentId, amount: Number(proof.amount), currency: proof.currency, paidOn: proof.paid_on, amountDue: amountDue(invoice), intakeId: intake.id },
  });
  await closeProofFollowUp(trx, proof, at);
  await enqueueVerdictEmails(trx, proof, invoice, null);
  await enqueueWebhookEvent(trx, { workspaceId: proof.workspace_id, type: 'payment_proof.accepted', data: { ...proofEventData(proof, invoice, at), paymentId, amountDue: amountDue(invoice) } });
  if (amountDue(before) > 0 && amountDue(invoice) === 0) {
    await enqueueWebhookEvent(trx, { workspaceId: proof.workspace_id, type: 'invoice.paid', data: { ...invoiceEventData(invoice), paidAt: invoice.paid_at } });
  }
  return { proof, intake };
}

/** Rejects a proof under review with a reason the contact sees: nothing moves on the invoice. */
async function rejectInTransaction(trx: Transaction<DB>, database: Database, principal: WorkspacePrincipal, proofId: string, reason: string): Promise<{ proof: PaymentProofRow; intake: IntakeItemRow }> {
  const at = isoNow();
  const proof = await decideProof(trx, principal.workspaceId, proofId, { status: 'rejected', reviewer: { type: principal.actorType, id: principal.actorId }, rejectReason: reason, paymentId: null, at });
  if (!proof) throw await proofNotUnderReview(trx, principal, proofId);
  const invoice = await trx.selectFrom('invoices').selectAll().where('id', '=', proof.invoice_id).where('workspace_id', '=', principal.workspaceId).executeTakeFirstOrThrow();
  const intake = await decideIntake(trx, proof, principal, reason, at);
  await appendAuditEvent(trx, database.dialect, principal, {
    action: 'payment_proof.rejected',
    subjectType: 'payment_proof',
    subjectId: proof.id,
    customerId: proof.customer_id,
    data: { invoiceId: invoice.id, number: invoice.number, amount: Number(proof.amount), currency: proof.currency, reason, intakeId: intake.id },
  });
  await closeProofFollowUp(trx, proof, at);
  await enqueueVerdictEmails(trx, proof, invoice, reason);
  await enqueueWebhookEvent(trx, { workspaceId: proof.workspace_id, type: 'payment_proof.rejected', data: { ...proofEventData(proof, invoice, at), reason } });
  return { proof, intake };
}

async function readDecided(db: Kysely<DB>, principal: WorkspacePrincipal, proofId: string): Promise<PaymentProof> {
  const row = await findWorkspaceProof(db, principal.workspaceId, proofId);
  if (!row) throw notFound('payment proof');
  return toPaymentProof(row);
}

export function acceptProof(database: Database, principal: WorkspacePrincipal, proofId: string): Promise<PaymentProof> {
  return database.db.transaction().execute(async (trx) => {
    await acceptInTransaction(trx, database, principal, proofId);
    return readDecided(trx, principal, proofId);
  });
}

export function rejectProof(database: Database, principal: WorkspacePrincipal, proofId: string, input: { reason: string }): Promise<PaymentProof> {
  const reason = checkedRejectReason(input.reason);
  return database.db.transaction().execute(async (trx) => {
    await rejectInTransaction(trx, database, principal, proofId, reason);
    return readDecided(trx, principal, proofId);
  });
}

// ---------------------------------------------------------------- through the intake queue

/**
 * The intake routes' accept and reject of a payment proof's file: the same review as above, under
 * the same permission (`payment_proofs.review`, which a team lead holding `intake.review` lacks).
 */
export async function acceptProofIntake(database: Database, principal: WorkspacePrincipal, intake: IntakeItemRow, input: { publishToProjectId?: string | undefined; shared?: boolean | undefined }): Promise<IntakeItem> {
  requireReviewer(principal);
  if (input.publishToProjectId !== undefined || input.shared !== undefined) {
    throw new Problem(422, 'publish_not_supported', 'Cannot publish a payment proof', 'A payment proof is not published as a project document.', [{ field: 'publishToProjectId', message: 'not for payment proof' }]);
  }
  return database.db.transaction().execute(async (trx) => toIntakeItem((await acceptInTransaction(trx, database, principal, intake.source_item_id)).intake));
}

export async function rejectProofIntake(database: Database, principal: WorkspacePrincipal, intake: IntakeItemRow, input: { reason: string }): Promise<IntakeItem> {
  requireReviewer(principal);
  const reason = checkedRejectReason(input.reason);
  return database.db.transaction().execute(async (trx) => toIntakeItem((await rejectInTransaction(trx, database, principal, intake.source_item_id, reason)).intake));
}

/** The intake item when it holds a payment proof's file (so the intake routes hand it over), else undefined. */
export async function paymentProofIntake(db: Kysely<DB>, workspaceId: string, intakeId: string): Promise<IntakeItemRow | undefined> {
  const row = await findWorkspaceIntakeItem(db, workspaceId, intakeId);
  return row?.kind === 'payment_proof' ? row : undefined;
}

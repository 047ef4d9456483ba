import type { Kysely } from 'kysely';
import { ACCEPTANCE_FULL_NAME_MAX_LENGTH, type Acceptance, type PortalAcceptance, type ResendAcceptance, type SendAcceptance } from '../../../sdk/contract/acceptances.js';
import type { DownloadLink } from '../../../sdk/contract/documents.js';
import type { Database } from '../../db/database.js';
import type { DB, DocumentRow } from '../../db/schema.js';
import type { FileStore } from '../../files/index.js';
import { newId } from '../../lib/ids.js';
import { notFound, Problem } from '../../lib/problem.js';
import { isoNow } from '../../lib/time.js';
import type { PortalPrincipal, WorkspacePrincipal } from '../../plugins/auth.js';
import { appendAuditEvent } from '../audit/repository.js';
import { customerHasContact } from '../contacts/repository.js';
import { findWorkspaceDocument } from '../documents/repository.js';
import { createFollowUp } from '../follow-ups/repository.js';
import { enqueueWebhookEvent } from '../outbox/repository.js';
import { renderCertificate } from './certificate.js';
import { acceptanceEventData, enqueueAcceptanceAcceptedEmail, enqueueAcceptanceSent } from './notifications.js';
import {
  acceptanceStatus,
  currentDocumentSha256,
  findCustomerAcceptance,
  findWorkspaceAcceptance,
  insertAcceptance,
  projectName,
  recordAcceptance,
  supersedeAcceptance,
  toAcceptance,
  toPortalAcceptance,
  type AcceptanceWithProject,
} from './repository.js';
import type { AcceptanceRow } from './schema.js';

/** The database and the file store, as the app carries them. */
export interface AcceptancesContext extends Database {
  fileStore: FileStore;
}

/** Where an accept came from, as the server saw the request. */
export interface AcceptingClient {
  ip: string;
  userAgent: string;
}

/** A user agent is kept to this many characters: enough to identify a browser, not a place to store a payload. */
const USER_AGENT_MAX_LENGTH = 1_000;
const SHA256_HEX = /^[0-9a-f]{64}$/i;

// ---------------------------------------------------------------- the team

function checkTitle(title: string): string {
  const trimmed = title.trim();
  if (!trimmed) throw new Problem(422, 'title_required', 'Title required', 'An acceptance needs a title the customer recognises.', [{ field: 'body.title', message: 'is blank' }]);
  return trimmed;
}

function checkExpiry(expiresAt: string, now: string): string {
  const normalised = new Date(expiresAt).toISOString();
  if (normalised <= now) {
    throw new Problem(422, 'expiry_in_past', 'Expiry in the past', 'Choose an expiry after now: the customer needs time to review the document.', [{ field: 'body.expiresAt', message: 'is not in the future' }]);
  }
  return normalised;
}

const noPortalContact = () => new Problem(409, 'no_portal_contact', 'Customer has no portal contact', 'Add a portal contact to the customer before sending documents for acceptance.');

/** The row of a new acceptance of `document` as it is now. */
export function newAcceptanceRow(
  principal: WorkspacePrincipal,
  document: DocumentRow,
  fields: { title: string; message: string; expiresAt: string; at: string; resendOf: string | null },
  id = newId('acc'),
): AcceptanceRow {
  return {
    id,
    workspace_id: principal.workspaceId,
    customer_id: document.customer_id,
    project_id: document.project_id,
    document_id: document.id,
    document_name: document.name,
    document_size: Number(document.size),
    document_content_type: document.content_type,
    document_sha256: document.sha256,
    title: fields.title,
    message: fields.message,
    status: 'pending',
    sent_by_type: principal.actorType,
    sent_by_id: principal.actorId,
    sent_at: fields.at,
    expires_at: fields.expiresAt,
    resend_of: fields.resendOf,
    superseded_by: null,
    superseded_at: null,
    accepted_at: null,
    accepted_name: null,
    accepted_contact_id: null,
    accepted_contact_name: null,
    accepted_contact_email: null,
    accepted_ip: null,
    accepted_user_agent: null,
    accepted_document_sha256: null,
    expiry_reminded_at: null,
    created_at: fields.at,
  };
}

/**
 * Sends a project document to the project's customer for formal acceptance: the acceptance keeps
 * the document's name, size, type and SHA-256 as they are now, and each portal contact is emailed.
 */
export async function sendAcceptance({ db, dialect }: Database, principal: WorkspacePrincipal, input: SendAcceptance): Promise<Acceptance> {
  const title = checkTitle(input.title);
  const at = isoNow();
  const expiresAt = checkExpiry(input.expiresAt, at);
  const { row, project } = await db.transaction().execute(async (trx) => {
    const document = await findWorkspaceDocument(trx, principal.workspaceId, input.documentId);
    if (!document) throw notFound('document');
    if (!(await customerHasContact(trx, document.customer_id))) throw noPortalContact();
    const created = await insertAcceptance(trx, newAcceptanceRow(principal, document, { title, message: (input.message ?? '').trim(), expiresAt, at, resendOf: null }));
    await appendAuditEvent(trx, dialect, principal, {
      action: 'acceptance.sent',
      subjectType: 'acceptance',
      subjectId: created.id,
      customerId: created.customer_id,
      data: { documentId: created.document_id, documentSha256: created.document_sha256, expiresAt: created.expires_at },
    });
    await enqueueAcceptanceSent(trx, created);
    return { row: created, project: await projectName(trx, created.project_id) };
  });
  return toAcceptance({ ...row, project_name: project, current_document_sha256: row.document_sha256 }, at);
}

/**
 * Re-sends a pending or expired acceptance: a new one of the document as it is now, with a new
 * expiry, and the old one marked superseded, in one transaction. The old one leaves the portal.
 */
export async function resendAcceptance({ db, dialect }: Database, principal: WorkspacePrincipal, acceptanceId: string, input: ResendAcceptance): Promise<Acceptance> {
  const at = isoNow();
  const expiresAt = checkExpiry(input.expiresAt, at);
  const title = input.title === undefined ? undefined : checkTitle(input.title);
  const { row, project } = await db.transaction().execute(async (trx) => {
    const old = await findWorkspaceAcceptance(trx, principal.workspaceId, acceptanceId);
    if (!old) throw notFound('acceptance');
    const refusal = resendRefusal(old.status, old.superseded_by);
    if (refusal) throw refusal;
    const document = await findWorkspaceDocument(trx, principal.workspaceId, old.document_id);
    if (!document) throw new Problem(409, 'document_deleted', 'Document deleted', 'The document of this acceptance was deleted; upload it again and send the new one for acceptance.');
    if (!(await customerHasContact(trx, document.customer_id))) throw noPortalContact();
    const replacementId = newId('acc');
    // The update decides: of concurrent re-sends only one supersedes the old acceptance.
    const superseded = await supersedeAcceptance(trx, old.id, replacementId, at);
    if (!superseded) {
      const now = await findWorkspaceAcceptance(trx, principal.workspaceId, acceptanceId);
      throw resendRefusal(now?.status ?? 'superseded', now?.superseded_by ?? null) ?? new Problem(409, 'acceptance_superseded', 'Acceptance already re-sent', 'Another request re-sent it first.');
    }
    const created = await insertAcceptance(
      trx,
      newAcceptanceRow(principal, document, { title: title ?? old.title, message: input.message === undefined ? old.message : input.message.trim(), expiresAt, at, resendOf: old.id }, replacementId),
    );
    await appendAuditEvent(trx, dialect, principal, {
      action: 'acceptance.superseded',
      subjectType: 'acceptance',
      subjectId: old.id,
      customerId: old.customer_id,
      data: { supersededBy: created.id },
    });
    await appendAuditEvent(trx, dialect, principal, {
      action: 'acceptance.sent',
      subjectType: 'acceptance',
      subjectId: created.id,
      customerId: created.customer_id,
      data: { documentId: created.document_id, documentSha256: created.document_sha256, expiresAt: created.expires_at, resendOf: old.id },
    });
    await enqueueAcceptanceSent(trx, created);
    return { row: created, project: old.project_name };
  });
  return toAcceptance({ ...row, project_name: project, current_document_sha256: row.document_sha256 }, at);
}

function resendRefusal(status: AcceptanceRow['status'], supersededBy: string | null): Problem | undefined {
  if (status === 'accepted') return new Problem(409, 'acceptance_already_accepted', 'Acceptance already accepted', 'An accepted acceptance stands; send the document again as a new acceptance if something changed.');
  if (status === 'superseded') return new Problem(409, 'acceptance_superseded', 'Acceptance superseded', `It was re-sent as ${supersededBy ?? 'a newer acceptance'}; re-send that one instead.`);
  return undefined;
}

// ---------------------------------------------------------------- the contact

/** A typed full name as it is recorded: whitespace runs as one space, ends trimmed, NFC. */
export function normaliseFullName(fullName: string): string {
  return fullName.replace(/\s+/gu, ' ').trim().normalize('NFC');
}

/**
 * The accept body's rules that its schema cannot say with a stable code: checked before schema
 * validation, so an unticked box is 422 `confirmation_required` rather than a generic 400. What
 * has the wrong type is left to the schema.
 */
export function checkAcceptBody(body: unknown): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return;
  const { fullName, confirmed, documentSha256 } = body as Record<string, unknown>;
  if (fullName === undefined || (typeof fullName === 'string' && normaliseFullName(fullName) === '')) {
    throw new Problem(422, 'full_name_required', 'Full name required', 'Type your full name to accept the document.', [{ field: 'body.fullName', message: 'is blank' }]);
  }
  if (typeof fullName === 'string') {
    const name = normaliseFullName(fullName);
    if ([...name].length > ACCEPTANCE_FULL_NAME_MAX_LENGTH) {
      throw new Problem(422, 'full_name_too_long', 'Full name too long', `A full name has at most ${ACCEPTANCE_FULL_NAME_MAX_LENGTH} characters.`, [{ field: 'body.fullName', message: 'is too long' }]);
    }
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    if (/[\u0001-\u001f\u007f-\u009f]/u.test(name)) {
      throw new Problem(422, 'full_name_invalid', 'Full name invalid', 'A full name cannot hold control characters.', [{ field: 'body.fullName', message: 'holds control characters' }]);
    }
  }
  if (confirmed === undefined || confirmed === false) {
    throw new Problem(422, 'confirmation_required', 'Confirmation required', 'Confirm that you have read and accept the document.', [{ field: 'body.confirmed', message: 'must be true' }]);
  }
  if (typeof documentSha256 === 'string' && !SHA256_HEX.test(documentSha256)) {
    throw new Problem(422, 'document_sha256_invalid', 'Invalid document fingerprint', 'documentSha256 is the 64 hexadecimal characters of document.sha256.', [{ field: 'body.documentSha256', message: 'is not a SHA-256 in hex' }]);
  }
}

const documentChanged = () =>
  new Problem(409, 'document_changed', 'Document changed', 'The document changed after it was sent for acceptance; reload it, and ask the team to send the current version if it is not there.');

const expired = (row: AcceptanceRow) =>
  new Problem(409, 'acceptance_expired', 'Acceptance expired', `This acceptance expired at ${row.expires_at}; ask the team to send it again.`);

const acceptedByAnother = (row: AcceptanceRow) =>
  new Problem(409, 'acceptance_already_accepted', 'Already accepted', `${row.accepted_name ?? 'Another contact'} accepted this document at ${row.accepted_at ?? 'an earlier time'}.`);

/**
 * A contact accepts the document with their typed full name. Idempotent for that contact:
 * accepting what they already accepted answers it as it is, with no second audit event. The
 * status change, the evidence, the audit event, the team's follow-up, the webhook and the
 * contact's receipt commit in one transaction, and the conditional update decides which of
 * concurrent accepts records it.
 */
export function acceptAcceptance(
  { db, dialect }: Database,
  principal: PortalPrincipal,
  acceptanceId: string,
  input: { fullName: string; documentSha256: string },
  client: AcceptingClient,
): Promise<PortalAcceptance> {
  const fullName = normaliseFullName(input.fullName);
  const reviewedSha256 = input.documentSha256.toLowerCase();
  return db.transaction().execute(async (trx) => {
    const row = await findCustomerAcceptance(trx, principal.customerId, acceptanceId);
    if (!row) throw notFound('acceptance');
    const at = isoNow();
    const settled = alreadySettled(row, principal, at);
    if (settled) return settled;
    if (reviewedSha256 !== row.document_sha256) throw documentChanged();
    if ((await currentDocumentSha256(trx, row.workspace_id, row.document_id)) !== row.document_sha256) throw documentChanged();
    const contact = await trx.selectFrom('portal_contacts').select(['display_name', 'email']).where('id', '=', principal.contactId).executeTakeFirstOrThrow();
    const accepted = await recordAcceptance(trx, row.id, {
      fullName,
      contactId: principal.contactId,
      contactName: contact.display_name,
      contactEmail: contact.email,
      at,
      ip: client.ip,
      userAgent: client.userAgent.slice(0, USER_AGENT_MAX_LENGTH),
      documentSha256: row.document_sha256,
    });
    if (!accepted) {
      // Another request got there first: answer from what it left.
      const current = await findCustomerAcceptance(trx, principal.customerId, acceptanceId);
      if (!current) throw notFound('acceptance');
      const answer = alreadySettled(current, principal, at);
      if (answer) return answer;
      throw new Problem(409, 'acceptance_conflict', 'Acceptance changed', 'The acceptance changed while you were accepting it; reload it.');
    }
    await appendAuditEvent(trx, dialect, principal, {
      action: 'acceptance.accepted',
      subjectType: 'acceptance',
      subjectId: accepted.id,
      customerId: principal.customerId,
      data: { fullName, documentId: accepted.document_id, documentSha256: accepted.accepted_document_sha256, ipAddress: accepted.accepted_ip },
    });
    await createFollowUp(trx, {
      workspaceId: principal.workspaceId,
      kind: 'acceptance.accepted',
      sourceType: 'acceptance',
      sourceId: accepted.id,
      customerId: principal.customerId,
      contactId: principal.contactId,
      summary: `"${accepted.title}" (${accepted.document_name}) accepted by ${fullName}`,
    });
    await enqueueWebhookEvent(trx, {
      workspaceId: principal.workspaceId,
      type: 'acceptance.accepted',
      data: { ...acceptanceEventData(accepted), contactId: principal.contactId, fullName, acceptedAt: accepted.accepted_at },
    });
    await enqueueAcceptanceAcceptedEmail(trx, accepted);
    return toPortalAcceptance({ ...accepted, project_name: row.project_name }, at);
  });
}

/** The answer for an acceptance that can no longer be accepted: itself when this contact accepted it, else why not. */
function alreadySettled(row: AcceptanceWithProject, principal: PortalPrincipal, at: string): PortalAcceptance | undefined {
  const status = acceptanceStatus(row, at);
  if (status === 'accepted') {
    if (row.accepted_contact_id === principal.contactId) return toPortalAcceptance(row, at);
    throw acceptedByAnother(row);
  }
  if (status === 'expired') throw expired(row);
  return undefined;
}

/** A short-lived link to the exact document under acceptance: refused once its bytes are not the ones sent. */
export async function acceptanceDocumentLink(context: AcceptancesContext, principal: PortalPrincipal, acceptanceId: string): Promise<DownloadLink> {
  const row = await findCustomerAcceptance(context.db, principal.customerId, acceptanceId);
  if (!row) throw notFound('acceptance');
  const document = await findWorkspaceDocument(context.db, row.workspace_id, row.document_id);
  if (!document || document.sha256 !== row.document_sha256) throw documentChanged();
  return context.fileStore.downloadUrl({ key: document.storage_key, workspaceId: document.workspace_id, documentId: document.id, fileName: document.name, contentType: document.content_type });
}

// ---------------------------------------------------------------- the certificate

/** The evidence certificate of an accepted acceptance, from what was recorded when it was accepted. */
export async function acceptanceCertificate(db: Kysely<DB>, row: AcceptanceRow): Promise<{ fileName: string; pdf: Uint8Array }> {
  if (row.status !== 'accepted' || row.accepted_at === null || row.accepted_name === null) {
    throw new Problem(409, 'acceptance_not_accepted', 'Not accepted yet', 'The evidence certificate exists once the document is accepted.');
  }
  const names = await db
    .selectFrom('workspaces')
    .innerJoin('customers', 'customers.workspace_id', 'workspaces.id')
    .select(['workspaces.name as workspaceName', 'customers.name as customerName'])
    .where('workspaces.id', '=', row.workspace_id)
    .where('customers.id', '=', row.customer_id)
    .executeTakeFirstOrThrow();
  const pdf = await renderCertificate({
    acceptanceId: row.id,
    title: row.title,
    workspaceName: names.workspaceName,
    customerName: names.customerName,
    document: { id: row.document_id, name: row.document_name, size: Number(row.document_size), contentType: row.document_content_type, sha256: row.document_sha256 },
    sentAt: row.sent_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    fullName: row.accepted_name,
    contactName: row.accepted_contact_name ?? '',
    contactEmail: row.accepted_contact_email ?? '',
    ipAddress: row.accepted_ip ?? '',
    userAgent: row.accepted_user_agent ?? '',
    acceptedDocumentSha256: row.accepted_document_sha256 ?? row.document_sha256,
  });
  return { fileName: `acceptance-certificate-${row.id}.pdf`, pdf };
}

export async function portalAcceptanceCertificate(db: Kysely<DB>, principal: PortalPrincipal, acceptanceId: string) {
  const row = await findCustomerAcceptance(db, principal.customerId, acceptanceId);
  if (!row) throw notFound('acceptance');
  return acceptanceCertificate(db, row);
}

export async function teamAcceptanceCertificate(db: Kysely<DB>, principal: WorkspacePrincipal, acceptanceId: string) {
  const row = await findWorkspaceAcceptance(db, principal.workspaceId, acceptanceId);
  if (!row) throw notFound('acceptance');
  return acceptanceCertificate(db, row);
}

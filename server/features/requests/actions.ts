import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import {
  REQUEST_ANSWER_MAX_LENGTH,
  REQUEST_MAX_ITEMS,
  REQUEST_MESSAGE_MAX_LENGTH,
  REQUEST_PROMPT_MAX_LENGTH,
  REQUEST_TITLE_MAX_LENGTH,
  requestAnswerLength,
  type CreateInformationRequest,
  type InformationRequest,
  type NewInformationRequestItem,
  type PortalRequest,
  type UpdateInformationRequest,
} from '../../../sdk/contract/requests.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { receiveUpload, withUploadCleanup, type FileStore, type FileTypeId, type ReceivedUpload } from '../../files/index.js';
import { runIdempotent, type IdempotencyKey } from '../../lib/idempotency.js';
import { newId } from '../../lib/ids.js';
import { notFound, Problem } from '../../lib/problem.js';
import { isoNow } from '../../lib/time.js';
import type { PortalPrincipal, WorkspacePrincipal } from '../../plugins/auth.js';
import { appendAuditEvent } from '../audit/repository.js';
import { findCustomer } from '../customers/repository.js';
import { openFollowUpForSource } from '../follow-ups/repository.js';
import { insertIntakeItem, intakeKeyPrefix, supersedePendingIntake } from '../intake/repository.js';
import { enqueueWebhookEvent } from '../outbox/repository.js';
import { findWorkspaceProject } from '../projects/repository.js';
import { customerContacts, enqueueItemAnsweredEmails, enqueueRequestSentEmails } from './emails.js';
import {
  deleteRequestItems,
  findCustomerRequest,
  findRequestItem,
  findWorkspaceRequest,
  insertItems,
  insertRequest,
  isOpen,
  lockCustomerRequest,
  lockWorkspaceRequest,
  markInProgress,
  readCustomerRequest,
  readWorkspaceRequest,
  toInformationRequest,
  updateItemRow,
  updateRequestRow,
} from './repository.js';
import { acceptAnswer, checkedReturnReason, itemAlreadyAccepted, requestClosed, returnAnswer } from './review.js';
import type { InformationRequestItemRow, InformationRequestRow, RequestItemKind } from './schema.js';

/** The database and the file store, as the app carries them. */
export interface RequestsContext extends Database {
  fileStore: FileStore;
}

// ---------------------------------------------------------------- limits on what contacts upload

/**
 * Files from the internet get the strictest limits: at most 25 MiB (or the server's lower
 * MAX_UPLOAD_BYTES), and only documents, images and plain data — the files mechanism's allow-list,
 * sniffed from the bytes, which already refuses HTML, SVG, archives, executables and macros.
 */
export const INTAKE_MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
export const INTAKE_FILE_TYPES: readonly FileTypeId[] = ['pdf', 'png', 'jpeg', 'gif', 'webp', 'text', 'csv', 'docx', 'xlsx', 'pptx'];

export function intakeMaxBytes(store: FileStore): number {
  return Math.min(INTAKE_MAX_UPLOAD_BYTES, store.maxUploadBytes);
}

// ---------------------------------------------------------------- checks

const codePoints = (text: string) => [...text].length;

/** A title is one line: whitespace runs collapse, so it cannot break an email subject. */
function checkedTitle(title: string): string {
  const text = title.replace(/\s+/g, ' ').trim();
  if (!text) throw new Problem(422, 'request_title_required', 'Title required', 'A request needs a title.', [{ field: 'title', message: 'is empty' }]);
  if (codePoints(text) > REQUEST_TITLE_MAX_LENGTH) {
    throw new Problem(422, 'request_title_too_long', 'Title too long', `A title has at most ${REQUEST_TITLE_MAX_LENGTH} characters.`, [{ field: 'title', message: 'too long' }]);
  }
  return text;
}

function checkedMessage(message: string | undefined): string {
  const text = (message ?? '').trim();
  if (codePoints(text) > REQUEST_MESSAGE_MAX_LENGTH) {
    throw new Problem(422, 'request_message_too_long', 'Message too long', `A message has at most ${REQUEST_MESSAGE_MAX_LENGTH} characters.`, [{ field: 'message', message: 'too long' }]);
  }
  return text;
}

function checkedItems(items: readonly NewInformationRequestItem[]): { kind: RequestItemKind; prompt: string }[] {
  if (items.length < 1 || items.length > REQUEST_MAX_ITEMS) {
    throw new Problem(422, 'request_items_invalid', 'Invalid items', `A request has 1 to ${REQUEST_MAX_ITEMS} items.`, [{ field: 'items', message: `1 to ${REQUEST_MAX_ITEMS} items` }]);
  }
  return items.map((item, index) => {
    const prompt = item.prompt.trim();
    if (!prompt) throw new Problem(422, 'request_prompt_required', 'Prompt required', `Item ${index + 1} needs a question or a description of the file.`, [{ field: `items.${index}.prompt`, message: 'is empty' }]);
    if (codePoints(prompt) > REQUEST_PROMPT_MAX_LENGTH) {
      throw new Problem(422, 'request_prompt_too_long', 'Prompt too long', `Item ${index + 1}: a prompt has at most ${REQUEST_PROMPT_MAX_LENGTH} characters.`, [{ field: `items.${index}.prompt`, message: 'too long' }]);
    }
    return { kind: item.kind, prompt };
  });
}

/** A text answer as stored: trimmed, 1 to 10,000 code points. */
export function checkedAnswer(text: string): string {
  const trimmed = text.trim();
  const length = requestAnswerLength(trimmed);
  if (length === 0) throw new Problem(422, 'answer_empty', 'Answer is empty', 'Write an answer before sending.', [{ field: 'text', message: 'is empty' }]);
  if (length > REQUEST_ANSWER_MAX_LENGTH) {
    throw new Problem(422, 'answer_too_long', 'Answer too long', `This answer has ${length} characters; the limit is ${REQUEST_ANSWER_MAX_LENGTH}.`, [{ field: 'text', message: 'too long' }]);
  }
  return trimmed;
}

/** A project named in a body: one of the request's customer's, or 422. */
async function requireCustomerProject(db: Database['db'], workspaceId: string, customerId: string, projectId: string): Promise<string> {
  const project = await findWorkspaceProject(db, workspaceId, projectId);
  if (!project || project.customer_id !== customerId) {
    throw new Problem(422, 'project_not_found', 'Project not found', "Name a project of the request's customer.", [{ field: 'projectId', message: "not a project of the request's customer" }]);
  }
  return project.id;
}

const notDraft = (request: InformationRequestRow) =>
  new Problem(409, 'request_not_draft', 'Request already sent', `This request is ${request.status.replace('_', ' ')}; only a draft can be edited or sent.`);

// ---------------------------------------------------------------- workspace

/** Drafts a request, numbered in the same transaction (REQ-0001, REQ-0002, … without gaps). */
export async function createRequest(database: Database, principal: WorkspacePrincipal, input: CreateInformationRequest): Promise<InformationRequest> {
  const title = checkedTitle(input.title);
  const message = checkedMessage(input.message);
  const items = checkedItems(input.items);
  const customer = await findCustomer(database.db, principal.workspaceId, input.customerId);
  if (!customer) throw notFound('customer');
  const projectId = input.projectId ? await requireCustomerProject(database.db, principal.workspaceId, customer.id, input.projectId) : null;
  return database.db.transaction().execute(async (trx) => {
    const created = await insertRequest(
      trx,
      { workspace_id: principal.workspaceId, customer_id: customer.id, project_id: projectId, title, message, created_by_type: principal.actorType, created_by_id: principal.actorId, at: isoNow() },
      items,
    );
    await appendAuditEvent(trx, database.dialect, principal, {
      action: 'request.created',
      subjectType: 'information_request',
      subjectId: created.request.id,
      customerId: customer.id,
      data: { number: created.request.number, itemCount: items.length },
    });
    return toInformationRequest(created.request, created.items);
  });
}

export async function updateDraft(database: Database, principal: WorkspacePrincipal, requestId: string, input: UpdateInformationRequest): Promise<InformationRequest> {
  const changes: { title?: string; message?: string; project_id?: string | null; item_count?: number } = {};
  if (input.title !== undefined) changes.title = checkedTitle(input.title);
  if (input.message !== undefined) changes.message = checkedMessage(input.message);
  const items = input.items === undefined ? undefined : checkedItems(input.items);
  return database.db.transaction().execute(async (trx) => {
    const at = isoNow();
    const request = await lockWorkspaceRequest(trx, principal.workspaceId, requestId, at);
    if (!request) throw notFound('request');
    if (request.status !== 'draft') throw notDraft(request);
    if (input.projectId !== undefined) changes.project_id = input.projectId === null ? null : await requireCustomerProject(trx, principal.workspaceId, request.customer_id, input.projectId);
    let itemRows: InformationRequestItemRow[] | undefined;
    if (items) {
      await deleteRequestItems(trx, request.id);
      itemRows = await insertItems(trx, request, items, at);
      changes.item_count = items.length;
    }
    const updated = await updateRequestRow(trx, request.id, changes, at);
    await appendAuditEvent(trx, database.dialect, principal, {
      action: 'request.updated',
      subjectType: 'information_request',
      subjectId: request.id,
      customerId: request.customer_id,
      data: { fields: [...Object.keys(changes).filter((field) => field !== 'item_count'), ...(items ? ['items'] : [])] },
    });
    return itemRows ? toInformationRequest(updated, itemRows) : readWorkspaceRequest(trx, updated);
  });
}

/** Sends a draft: each portal contact of the customer is emailed, and the `request.sent` webhook goes out. */
export async function sendRequest(database: Database, principal: WorkspacePrincipal, requestId: string): Promise<InformationRequest> {
  return database.db.transaction().execute(async (trx) => {
    const at = isoNow();
    const request = await lockWorkspaceRequest(trx, principal.workspaceId, requestId, at);
    if (!request) throw notFound('request');
    if (request.status !== 'draft') throw notDraft(request);
    const contacts = await customerContacts(trx, request.customer_id);
    if (!contacts.length) throw new Problem(409, 'no_portal_contact', 'Customer has no portal contact', 'Add a portal contact to the customer before sending requests.');
    const sent = await updateRequestRow(trx, request.id, { status: 'sent', sent_at: at, sent_by_type: principal.actorType, sent_by_id: principal.actorId }, at);
    await appendAuditEvent(trx, database.dialect, principal, {
      action: 'request.sent',
      subjectType: 'information_request',
      subjectId: request.id,
      customerId: request.customer_id,
      data: { number: request.number, contacts: contacts.length },
    });
    await enqueueRequestSentEmails(trx, sent, contacts);
    await enqueueWebhookEvent(trx, {
      workspaceId: request.workspace_id,
      type: 'request.sent',
      data: { requestId: request.id, number: request.number, title: request.title, customerId: request.customer_id, projectId: request.project_id, itemCount: Number(request.item_count), sentAt: at },
    });
    return readWorkspaceRequest(trx, sent);
  });
}

export async function cancelRequest(database: Database, principal: WorkspacePrincipal, requestId: string): Promise<InformationRequest> {
  return database.db.transaction().execute(async (trx) => {
    const at = isoNow();
    const request = await lockWorkspaceRequest(trx, principal.workspaceId, requestId, at);
    if (!request) throw notFound('request');
    if (request.status === 'completed' || request.status === 'cancelled') throw requestClosed(request);
    const cancelled = await updateRequestRow(trx, request.id, { status: 'cancelled', cancelled_at: at }, at);
    await appendAuditEvent(trx, database.dialect, principal, {
      action: 'request.cancelled',
      subjectType: 'information_request',
      subjectId: request.id,
      customerId: request.customer_id,
      data: { previousStatus: request.status },
    });
    return readWorkspaceRequest(trx, cancelled);
  });
}

/** Locks the request and finds the item in it, for a verdict. */
async function lockedItem(trx: Transaction<DB>, principal: WorkspacePrincipal, requestId: string, itemId: string, at: string) {
  const request = await lockWorkspaceRequest(trx, principal.workspaceId, requestId, at);
  if (!request) throw notFound('request');
  const item = await findRequestItem(trx, request.id, itemId);
  if (!item) throw notFound('item');
  return { request, item };
}

export async function acceptItem(database: Database, principal: WorkspacePrincipal, requestId: string, itemId: string): Promise<InformationRequest> {
  return database.db.transaction().execute(async (trx) => {
    const at = isoNow();
    const { request, item } = await lockedItem(trx, principal, requestId, itemId, at);
    const verdict = await acceptAnswer(trx, database.dialect, principal, request, item, at);
    return readWorkspaceRequest(trx, verdict.request);
  });
}

export async function returnItem(database: Database, principal: WorkspacePrincipal, requestId: string, itemId: string, input: { reason: string }): Promise<InformationRequest> {
  const reason = checkedReturnReason(input.reason);
  return database.db.transaction().execute(async (trx) => {
    const at = isoNow();
    const { request, item } = await lockedItem(trx, principal, requestId, itemId, at);
    const verdict = await returnAnswer(trx, database.dialect, principal, request, item, reason, at);
    return readWorkspaceRequest(trx, verdict.request);
  });
}

export async function readTeamRequest({ db }: Database, principal: WorkspacePrincipal, requestId: string): Promise<InformationRequest> {
  const request = await findWorkspaceRequest(db, principal.workspaceId, requestId);
  if (!request) throw notFound('request');
  return readWorkspaceRequest(db, request);
}

// ---------------------------------------------------------------- portal

export async function readContactRequest({ db }: Database, principal: PortalPrincipal, requestId: string): Promise<PortalRequest> {
  const request = await readCustomerRequest(db, principal.customerId, requestId);
  if (!request) throw notFound('request');
  return request;
}

/** Why an item cannot take this kind of answer now; the checks run again under the lock. */
function checkAnswerable(request: InformationRequestRow, item: InformationRequestItemRow, kind: RequestItemKind): void {
  if (!isOpen(request.status)) throw requestClosed(request);
  if (item.kind !== kind) {
    throw new Problem(422, 'item_kind_mismatch', 'Wrong kind of answer', item.kind === 'file' ? 'This item asks for a file; upload one.' : 'This item asks for a text answer, not a file.');
  }
  if (item.state === 'accepted') throw itemAlreadyAccepted();
}

/** The customer's request locked for an answer, and the item in it. */
async function lockForAnswer(trx: Transaction<DB>, principal: PortalPrincipal, requestId: string, itemId: string, kind: RequestItemKind, at: string) {
  const request = await lockCustomerRequest(trx, principal.customerId, requestId, at);
  if (!request) throw notFound('request');
  const item = await findRequestItem(trx, request.id, itemId);
  if (!item) throw notFound('item');
  checkAnswerable(request, item, kind);
  return { request, item };
}

/**
 * What every answer sets off, in its transaction: the request moves to in progress on the first
 * one, the audit event, the request's one open follow-up for the team, the team's emails and the
 * webhook.
 */
async function recordAnswer(
  trx: Transaction<DB>,
  database: Database,
  principal: PortalPrincipal,
  request: InformationRequestRow,
  item: InformationRequestItemRow,
  answer: { text: string | null; file: { name: string; size: number; contentType: string; sha256: string; intakeId: string } | null },
  at: string,
): Promise<void> {
  const first = await markInProgress(trx, request.id, at);
  const contact = await trx.selectFrom('portal_contacts').select('display_name').where('id', '=', principal.contactId).executeTakeFirstOrThrow();
  const event = await appendAuditEvent(trx, database.dialect, principal, {
    action: 'request.item_answered',
    subjectType: 'information_request',
    subjectId: request.id,
    customerId: principal.customerId,
    data: {
      itemId: item.id,
      position: Number(item.position),
      kind: item.kind,
      ...(answer.file ? { intakeId: answer.file.intakeId, fileName: answer.file.name, size: answer.file.size, sha256: answer.file.sha256 } : { length: requestAnswerLength(answer.text ?? '') }),
      ...(item.state === 'returned' ? { afterReturn: true } : {}),
      ...(first ? { firstResponse: true } : {}),
    },
  });
  const { followUp } = await openFollowUpForSource(trx, {
    workspaceId: principal.workspaceId,
    kind: 'request.item_answered',
    sourceType: 'information_request',
    sourceId: request.id,
    customerId: principal.customerId,
    contactId: principal.contactId,
    summary: `${contact.display_name} ${answer.file ? 'provided a file' : 'answered'} on ${request.number} "${request.title}": ${item.prompt}`,
  });
  await enqueueItemAnsweredEmails(trx, request, item, followUp, { auditEventId: event.id, contactName: contact.display_name });
  await enqueueWebhookEvent(trx, {
    workspaceId: principal.workspaceId,
    type: 'request.item_answered',
    data: {
      requestId: request.id,
      number: request.number,
      itemId: item.id,
      position: Number(item.position),
      kind: item.kind,
      customerId: principal.customerId,
      contactId: principal.contactId,
      text: answer.text,
      file: answer.file,
      answeredAt: at,
    },
  });
}

async function readAfterAnswer(trx: Transaction<DB>, principal: PortalPrincipal, requestId: string): Promise<PortalRequest> {
  const request = await readCustomerRequest(trx, principal.customerId, requestId);
  if (!request) throw notFound('request');
  return request;
}

/** A contact answers a text item (again, after it was returned, or replacing an answer under review). */
export function answerItem(database: Database, principal: PortalPrincipal, requestId: string, itemId: string, input: { text: string }, key: IdempotencyKey | undefined): Promise<PortalRequest> {
  const text = checkedAnswer(input.text);
  return runIdempotent(database, key, async (trx) => {
    const at = isoNow();
    const { request, item } = await lockForAnswer(trx, principal, requestId, itemId, 'text', at);
    const answered = await updateItemRow(
      trx,
      item.id,
      { state: 'under_review', answer_text: text, answered_at: at, answered_by_contact_id: principal.contactId, return_reason: null, reviewed_by_type: null, reviewed_by_id: null, reviewed_at: null },
      at,
    );
    await recordAnswer(trx, database, principal, request, { ...answered, state: item.state }, { text, file: null }, at);
    return readAfterAnswer(trx, principal, request.id);
  });
}

/**
 * A contact provides the file a file item asks for. The target is checked before a byte is read;
 * the file is streamed into quarantine (the intake prefix), then the item, its intake item and
 * everything an answer sets off commit together. If they cannot, the stored file is deleted again.
 */
export async function uploadItemFile(context: RequestsContext, principal: PortalPrincipal, requestId: string, itemId: string, request: FastifyRequest): Promise<PortalRequest> {
  const target = await findCustomerRequest(context.db, principal.customerId, requestId);
  if (!target) throw notFound('request');
  const targetItem = await findRequestItem(context.db, target.id, itemId);
  if (!targetItem) throw notFound('item');
  checkAnswerable(target, targetItem, 'file');

  const upload = await receiveUpload(request, context.fileStore, {
    keyPrefix: intakeKeyPrefix(principal.workspaceId),
    maxBytes: intakeMaxBytes(context.fileStore),
    allowedTypes: INTAKE_FILE_TYPES,
  });
  return recordProvidedFile(context, principal, requestId, itemId, upload);
}

/** A file already in quarantine (as receiveUpload, or the demo, put it there under the intake prefix). */
export type ProvidedFile = Pick<ReceivedUpload, 'key' | 'size' | 'sha256' | 'contentType' | 'fileName'>;

/**
 * The answer a stored file makes, in one transaction: its intake item (pending; an earlier one
 * still pending for the item is superseded), the item under review, and everything an answer sets
 * off. If it cannot commit, the stored file is deleted again.
 */
export function recordProvidedFile(context: RequestsContext, principal: PortalPrincipal, requestId: string, itemId: string, file: ProvidedFile): Promise<PortalRequest> {
  return withUploadCleanup(context.fileStore, file, () =>
    context.db.transaction().execute(async (trx) => {
      const at = isoNow();
      const { request: locked, item } = await lockForAnswer(trx, principal, requestId, itemId, 'file', at);
      const intakeId = newId('itk');
      await insertIntakeItem(trx, {
        id: intakeId,
        workspace_id: principal.workspaceId,
        customer_id: principal.customerId,
        contact_id: principal.contactId,
        kind: 'request_item',
        status: 'pending',
        source_request_id: locked.id,
        source_item_id: item.id,
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
      await supersedePendingIntake(trx, item.id, intakeId, at);
      const answered = await updateItemRow(
        trx,
        item.id,
        {
          state: 'under_review',
          answer_text: null,
          answer_intake_id: intakeId,
          answer_file_name: file.fileName,
          answer_file_size: file.size,
          answer_file_type: file.contentType,
          answer_file_sha256: file.sha256,
          answered_at: at,
          answered_by_contact_id: principal.contactId,
          return_reason: null,
          reviewed_by_type: null,
          reviewed_by_id: null,
          reviewed_at: null,
        },
        at,
      );
      await recordAnswer(
        trx,
        context,
        principal,
        locked,
        { ...answered, state: item.state },
        { text: null, file: { name: file.fileName, size: file.size, contentType: file.contentType, sha256: file.sha256, intakeId } },
        at,
      );
      return readAfterAnswer(trx, principal, locked.id);
    }),
  );
}


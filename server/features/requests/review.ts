/**
 * The team's verdict on an answer, shared by the request routes (accept / return an item) and the
 * intake routes (accept / reject a provided file): the item, its intake item, the request's
 * progress, the audit events and the notifications change together in the caller's transaction,
 * which has locked the request first (lockWorkspaceRequest).
 */
import type { Transaction } from 'kysely';
import { RETURN_REASON_MAX_LENGTH } from '../../../sdk/contract/requests.js';
import type { Dialect } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { Problem } from '../../lib/problem.js';
import type { WorkspacePrincipal } from '../../plugins/auth.js';
import { appendAuditEvent } from '../audit/repository.js';
import { reviewIntakeItem } from '../intake/repository.js';
import type { IntakeItemRow } from '../intake/schema.js';
import { enqueueWebhookEvent } from '../outbox/repository.js';
import { enqueueItemReturnedEmails } from './emails.js';
import { countAccepted, isOpen, updateItemRow, updateRequestRow } from './repository.js';
import type { InformationRequestItemRow, InformationRequestRow } from './schema.js';

export const requestClosed = (request: Pick<InformationRequestRow, 'status'>) =>
  new Problem(409, 'request_closed', 'Request closed', `This request is ${request.status === 'completed' ? 'completed' : request.status === 'cancelled' ? 'cancelled' : 'not sent yet'}; nothing can be answered or reviewed on it.`);

export const itemAlreadyAccepted = () => new Problem(409, 'item_already_accepted', 'Item already accepted', 'This item was accepted; its answer can no longer change.');

/** A reason as stored: trimmed, 1 to 1,000 code points. */
export function checkedReturnReason(reason: string): string {
  const text = reason.trim();
  const length = [...text].length;
  if (length === 0) throw new Problem(422, 'return_reason_required', 'Reason required', 'Say what the contact should change.', [{ field: 'reason', message: 'is empty' }]);
  if (length > RETURN_REASON_MAX_LENGTH) {
    throw new Problem(422, 'return_reason_too_long', 'Reason too long', `The reason has ${length} characters; the limit is ${RETURN_REASON_MAX_LENGTH}.`, [{ field: 'reason', message: 'too long' }]);
  }
  return text;
}

/** The item can be decided: its request is open and it holds an answer nobody decided yet. */
function requireUnderReview(request: InformationRequestRow, item: InformationRequestItemRow): void {
  if (!isOpen(request.status)) throw requestClosed(request);
  if (item.state === 'accepted') throw itemAlreadyAccepted();
  if (item.state !== 'under_review') {
    throw new Problem(409, 'item_not_under_review', 'Nothing to review', item.state === 'returned' ? 'This answer was already returned; wait for the contact to answer again.' : 'The contact has not answered this item yet.');
  }
}

const reviewerOf = (principal: WorkspacePrincipal) => ({ type: principal.actorType, id: principal.actorId });

export interface Verdict {
  request: InformationRequestRow;
  item: InformationRequestItemRow;
  /** The file's intake item, decided with it (file items). */
  intake: IntakeItemRow | undefined;
}

/**
 * Accepts the item's answer (and its pending file); the last accepted item completes the request.
 * `publishedDocumentId` records the document an accepted file was published as.
 */
export async function acceptAnswer(
  trx: Transaction<DB>,
  dialect: Dialect,
  principal: WorkspacePrincipal,
  request: InformationRequestRow,
  item: InformationRequestItemRow,
  at: string,
  publishedDocumentId: string | null = null,
): Promise<Verdict> {
  requireUnderReview(request, item);
  const reviewer = reviewerOf(principal);
  const accepted = await updateItemRow(trx, item.id, { state: 'accepted', return_reason: null, reviewed_by_type: reviewer.type, reviewed_by_id: reviewer.id, reviewed_at: at }, at);
  let intake: IntakeItemRow | undefined;
  if (item.kind === 'file' && item.answer_intake_id) {
    intake = await reviewIntakeItem(trx, item.answer_intake_id, { status: 'accepted', reviewer, publishedDocumentId, at });
    if (!intake) throw new Problem(409, 'intake_already_reviewed', 'File already reviewed', 'The provided file was already reviewed.');
    await appendAuditEvent(trx, dialect, principal, {
      action: 'intake.accepted',
      subjectType: 'intake_item',
      subjectId: intake.id,
      customerId: request.customer_id,
      data: { requestId: request.id, itemId: item.id, sha256: intake.sha256, ...(publishedDocumentId ? { documentId: publishedDocumentId } : {}) },
    });
  }
  await appendAuditEvent(trx, dialect, principal, {
    action: 'request.item_accepted',
    subjectType: 'information_request',
    subjectId: request.id,
    customerId: request.customer_id,
    data: { itemId: item.id, position: Number(item.position) },
  });
  let counted = await countAccepted(trx, request.id, at);
  if (Number(counted.accepted_count) >= Number(counted.item_count)) {
    counted = await updateRequestRow(trx, request.id, { status: 'completed', completed_at: at }, at);
    await appendAuditEvent(trx, dialect, principal, { action: 'request.completed', subjectType: 'information_request', subjectId: request.id, customerId: request.customer_id });
    await enqueueWebhookEvent(trx, {
      workspaceId: request.workspace_id,
      type: 'request.completed',
      data: { requestId: request.id, number: request.number, title: request.title, customerId: request.customer_id, projectId: request.project_id, itemCount: Number(counted.item_count), completedAt: at },
    });
  }
  return { request: counted, item: accepted, intake };
}

/** Returns the item's answer to the contact with a reason (its pending file is rejected with it); they answer again. */
export async function returnAnswer(
  trx: Transaction<DB>,
  dialect: Dialect,
  principal: WorkspacePrincipal,
  request: InformationRequestRow,
  item: InformationRequestItemRow,
  reason: string,
  at: string,
): Promise<Verdict> {
  requireUnderReview(request, item);
  const reviewer = reviewerOf(principal);
  const returned = await updateItemRow(trx, item.id, { state: 'returned', return_reason: reason, reviewed_by_type: reviewer.type, reviewed_by_id: reviewer.id, reviewed_at: at }, at);
  let intake: IntakeItemRow | undefined;
  if (item.kind === 'file' && item.answer_intake_id) {
    intake = await reviewIntakeItem(trx, item.answer_intake_id, { status: 'rejected', reviewer, rejectReason: reason, at });
    if (!intake) throw new Problem(409, 'intake_already_reviewed', 'File already reviewed', 'The provided file was already reviewed.');
    await appendAuditEvent(trx, dialect, principal, {
      action: 'intake.rejected',
      subjectType: 'intake_item',
      subjectId: intake.id,
      customerId: request.customer_id,
      data: { requestId: request.id, itemId: item.id, reason },
    });
  }
  await appendAuditEvent(trx, dialect, principal, {
    action: 'request.item_returned',
    subjectType: 'information_request',
    subjectId: request.id,
    customerId: request.customer_id,
    data: { itemId: item.id, position: Number(item.position), reason },
  });
  await enqueueItemReturnedEmails(trx, request, item, reason);
  await enqueueWebhookEvent(trx, {
    workspaceId: request.workspace_id,
    type: 'request.item_returned',
    data: { requestId: request.id, number: request.number, itemId: item.id, position: Number(item.position), kind: item.kind, customerId: request.customer_id, reason, returnedAt: at },
  });
  return { request, item: returned, intake };
}

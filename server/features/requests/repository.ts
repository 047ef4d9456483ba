import { sql, type Kysely } from 'kysely';
import type { Page } from '../../../sdk/contract/common.js';
import type {
  InformationRequest,
  InformationRequestItem,
  InformationRequestSummary,
  PortalRequest,
  PortalRequestCard,
  PortalRequestItem,
  RequestReviewer,
} from '../../../sdk/contract/requests.js';
import type { DB } from '../../db/schema.js';
import type { QueryParameters } from '../../lib/compiled-query.js';
import { newId } from '../../lib/ids.js';
import { compiledKeysetList, keysetPage, type PageRequest } from '../../lib/keyset.js';
import type { InformationRequestItemRow, InformationRequestRow, InformationRequestStatus, RequestItemKind, TeamActorType } from './schema.js';

/** What the portal shows: everything but drafts. */
export const PORTAL_STATUSES = ['sent', 'in_progress', 'completed', 'cancelled'] as const satisfies readonly InformationRequestStatus[];
/** A contact can still answer; the team can still review. */
export const OPEN_STATUSES = ['sent', 'in_progress'] as const satisfies readonly InformationRequestStatus[];

export const isOpen = (status: InformationRequestStatus) => (OPEN_STATUSES as readonly string[]).includes(status);

// ---------------------------------------------------------------- mappers

type CardRow = Pick<InformationRequestRow, 'id' | 'number' | 'title' | 'status' | 'project_id' | 'item_count' | 'accepted_count' | 'sent_at'> & {
  project_name: string | null;
};

export function toPortalRequestCard(row: CardRow): PortalRequestCard {
  if (row.status === 'draft' || row.sent_at === null) throw new Error(`draft request ${row.id} reached the portal mapper`);
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    status: row.status,
    projectId: row.project_id,
    projectName: row.project_name,
    itemCount: Number(row.item_count),
    acceptedCount: Number(row.accepted_count),
    sentAt: row.sent_at,
  };
}

/** An item as the contact sees it: their latest answer and the team's verdict, never who gave it. */
export function toPortalRequestItem(row: InformationRequestItemRow): PortalRequestItem {
  return {
    id: row.id,
    position: Number(row.position),
    kind: row.kind,
    prompt: row.prompt,
    state: row.state,
    returnReason: row.state === 'returned' ? row.return_reason : null,
    answer:
      row.answered_at === null
        ? null
        : {
            text: row.kind === 'text' ? row.answer_text : null,
            file:
              row.kind === 'file' && row.answer_file_name !== null
                ? { name: row.answer_file_name, size: Number(row.answer_file_size), contentType: row.answer_file_type ?? 'application/octet-stream' }
                : null,
            answeredAt: row.answered_at,
          },
  };
}

export function toPortalRequest(row: CardRow & Pick<InformationRequestRow, 'message'>, items: InformationRequestItemRow[]): PortalRequest {
  return { ...toPortalRequestCard(row), message: row.message, items: items.map(toPortalRequestItem) };
}

function reviewerOf(type: TeamActorType | null, id: string | null): RequestReviewer | null {
  if (id === null || (type !== 'member' && type !== 'api_key')) return null;
  return { type, id };
}

export function toInformationRequestItem(row: InformationRequestItemRow): InformationRequestItem {
  return {
    id: row.id,
    position: Number(row.position),
    kind: row.kind,
    prompt: row.prompt,
    state: row.state,
    returnReason: row.state === 'returned' ? row.return_reason : null,
    answer:
      row.answered_at === null || row.answered_by_contact_id === null
        ? null
        : {
            text: row.kind === 'text' ? row.answer_text : null,
            file:
              row.kind === 'file' && row.answer_intake_id !== null && row.answer_file_name !== null
                ? {
                    name: row.answer_file_name,
                    size: Number(row.answer_file_size),
                    contentType: row.answer_file_type ?? 'application/octet-stream',
                    sha256: row.answer_file_sha256 ?? '',
                    intakeId: row.answer_intake_id,
                  }
                : null,
            answeredAt: row.answered_at,
            contactId: row.answered_by_contact_id,
          },
    reviewedBy: reviewerOf(row.reviewed_by_type, row.reviewed_by_id),
    reviewedAt: row.reviewed_at,
  };
}

export function toInformationRequestSummary(row: InformationRequestRow): InformationRequestSummary {
  return {
    id: row.id,
    number: row.number,
    customerId: row.customer_id,
    projectId: row.project_id,
    title: row.title,
    status: row.status,
    itemCount: Number(row.item_count),
    acceptedCount: Number(row.accepted_count),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
    completedAt: row.completed_at,
    cancelledAt: row.cancelled_at,
  };
}

export function toInformationRequest(row: InformationRequestRow, items: InformationRequestItemRow[]): InformationRequest {
  return { ...toInformationRequestSummary(row), message: row.message, items: items.map(toInformationRequestItem) };
}

// ---------------------------------------------------------------- numbering

/**
 * The workspace's next number, taken in the caller's transaction: the counter row is inserted or
 * incremented in one statement, which holds its lock until commit, so concurrent creations get
 * consecutive numbers and a rolled-back one gives its number back.
 */
export async function takeRequestNumber(trx: Kysely<DB>, workspaceId: string): Promise<string> {
  const counter = await trx
    .insertInto('information_request_counters')
    .values({ workspace_id: workspaceId, next_number: 2 })
    .onConflict((conflict) =>
      conflict.column('workspace_id').doUpdateSet({ next_number: sql<number>`${sql.ref('information_request_counters.next_number')} + 1` }),
    )
    .returning('next_number')
    .executeTakeFirstOrThrow();
  return `REQ-${String(Number(counter.next_number) - 1).padStart(4, '0')}`;
}

// ---------------------------------------------------------------- requests

export async function insertRequest(
  trx: Kysely<DB>,
  request: Pick<InformationRequestRow, 'workspace_id' | 'customer_id' | 'project_id' | 'title' | 'message' | 'created_by_type' | 'created_by_id'> & { at: string },
  items: readonly { kind: RequestItemKind; prompt: string }[],
): Promise<{ request: InformationRequestRow; items: InformationRequestItemRow[] }> {
  const number = await takeRequestNumber(trx, request.workspace_id);
  const row = await trx
    .insertInto('information_requests')
    .values({
      id: newId('req'),
      workspace_id: request.workspace_id,
      customer_id: request.customer_id,
      project_id: request.project_id,
      number,
      title: request.title,
      message: request.message,
      status: 'draft',
      item_count: items.length,
      accepted_count: 0,
      created_by_type: request.created_by_type,
      created_by_id: request.created_by_id,
      created_at: request.at,
      updated_at: request.at,
      sent_at: null,
      sent_by_type: null,
      sent_by_id: null,
      completed_at: null,
      cancelled_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { request: row, items: await insertItems(trx, row, items, request.at) };
}

export async function insertItems(
  trx: Kysely<DB>,
  request: Pick<InformationRequestRow, 'id' | 'workspace_id'>,
  items: readonly { kind: RequestItemKind; prompt: string }[],
  at: string,
): Promise<InformationRequestItemRow[]> {
  if (!items.length) return [];
  return trx
    .insertInto('information_request_items')
    .values(
      items.map((item, index) => ({
        id: newId('rqi'),
        workspace_id: request.workspace_id,
        request_id: request.id,
        position: index + 1,
        kind: item.kind,
        prompt: item.prompt,
        state: 'awaiting_response' as const,
        return_reason: null,
        answer_text: null,
        answer_intake_id: null,
        answer_file_name: null,
        answer_file_size: null,
        answer_file_type: null,
        answer_file_sha256: null,
        answered_at: null,
        answered_by_contact_id: null,
        reviewed_by_type: null,
        reviewed_by_id: null,
        reviewed_at: null,
        created_at: at,
        updated_at: at,
      })),
    )
    .returningAll()
    .execute()
    .then((rows) => rows.sort((a, b) => Number(a.position) - Number(b.position)));
}

export function findWorkspaceRequest(db: Kysely<DB>, workspaceId: string, requestId: string): Promise<InformationRequestRow | undefined> {
  return db.selectFrom('information_requests').selectAll().where('id', '=', requestId).where('workspace_id', '=', workspaceId).executeTakeFirst();
}

/**
 * Takes the request's row lock for the rest of the transaction (every change to a request or its
 * items starts here, so they apply one after the other) and answers the row as it is now.
 */
export function lockWorkspaceRequest(trx: Kysely<DB>, workspaceId: string, requestId: string, at: string): Promise<InformationRequestRow | undefined> {
  return trx
    .updateTable('information_requests')
    .set({ updated_at: at })
    .where('id', '=', requestId)
    .where('workspace_id', '=', workspaceId)
    .returningAll()
    .executeTakeFirst();
}

/** The same for a contact: only a request of their customer that the portal shows. */
export function lockCustomerRequest(trx: Kysely<DB>, customerId: string, requestId: string, at: string): Promise<InformationRequestRow | undefined> {
  return trx
    .updateTable('information_requests')
    .set({ updated_at: at })
    .where('id', '=', requestId)
    .where('customer_id', '=', customerId)
    .where('status', 'in', PORTAL_STATUSES)
    .returningAll()
    .executeTakeFirst();
}

export function findCustomerRequest(db: Kysely<DB>, customerId: string, requestId: string): Promise<InformationRequestRow | undefined> {
  return db
    .selectFrom('information_requests')
    .selectAll()
    .where('id', '=', requestId)
    .where('customer_id', '=', customerId)
    .where('status', 'in', PORTAL_STATUSES)
    .executeTakeFirst();
}

export function updateRequestRow(
  trx: Kysely<DB>,
  requestId: string,
  changes: Partial<Pick<InformationRequestRow, 'title' | 'message' | 'project_id' | 'status' | 'item_count' | 'sent_at' | 'sent_by_type' | 'sent_by_id' | 'completed_at' | 'cancelled_at'>>,
  at: string,
): Promise<InformationRequestRow> {
  return trx
    .updateTable('information_requests')
    .set({ ...changes, updated_at: at })
    .where('id', '=', requestId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The first answer moves a sent request to in progress; answers whether this call moved it. */
export async function markInProgress(trx: Kysely<DB>, requestId: string, at: string): Promise<boolean> {
  const moved = await trx.updateTable('information_requests').set({ status: 'in_progress', updated_at: at }).where('id', '=', requestId).where('status', '=', 'sent').returning('id').executeTakeFirst();
  return moved !== undefined;
}

/** Counts one more accepted item; the request completes when it was the last one. */
export function countAccepted(trx: Kysely<DB>, requestId: string, at: string): Promise<InformationRequestRow> {
  return trx
    .updateTable('information_requests')
    .set((eb) => ({ accepted_count: eb('accepted_count', '+', 1), updated_at: at }))
    .where('id', '=', requestId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------- items

export function listRequestItems(db: Kysely<DB>, requestId: string): Promise<InformationRequestItemRow[]> {
  return db.selectFrom('information_request_items').selectAll().where('request_id', '=', requestId).orderBy('position').execute();
}

export function findRequestItem(db: Kysely<DB>, requestId: string, itemId: string): Promise<InformationRequestItemRow | undefined> {
  return db.selectFrom('information_request_items').selectAll().where('id', '=', itemId).where('request_id', '=', requestId).executeTakeFirst();
}

export function deleteRequestItems(trx: Kysely<DB>, requestId: string) {
  return trx.deleteFrom('information_request_items').where('request_id', '=', requestId).execute();
}

export function updateItemRow(
  trx: Kysely<DB>,
  itemId: string,
  changes: Partial<Omit<InformationRequestItemRow, 'id' | 'workspace_id' | 'request_id' | 'position' | 'kind' | 'prompt' | 'created_at' | 'updated_at'>>,
  at: string,
): Promise<InformationRequestItemRow> {
  return trx
    .updateTable('information_request_items')
    .set({ ...changes, updated_at: at })
    .where('id', '=', itemId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------- portal reads

function portalRequestColumns(db: Kysely<DB>) {
  return db
    .selectFrom('information_requests')
    .leftJoin('projects', 'projects.id', 'information_requests.project_id')
    .select([
      'information_requests.id',
      'information_requests.number',
      'information_requests.title',
      'information_requests.status',
      'information_requests.project_id',
      'information_requests.item_count',
      'information_requests.accepted_count',
      'information_requests.sent_at',
      'projects.name as project_name',
    ]);
}

/** The portal's two tabs, compiled once each: `open` (sent, in progress) and `completed` (completed, cancelled). */
const customerRequestLists = {
  open: compiledKeysetList(
    (db: Kysely<DB>, p: QueryParameters<{ customerId: string }>) =>
      portalRequestColumns(db).where('information_requests.customer_id', '=', p.customerId).where('information_requests.status', 'in', ['sent', 'in_progress']),
    [['information_requests.sent_at', 'desc'], ['information_requests.id', 'desc']],
  ),
  completed: compiledKeysetList(
    (db: Kysely<DB>, p: QueryParameters<{ customerId: string }>) =>
      portalRequestColumns(db).where('information_requests.customer_id', '=', p.customerId).where('information_requests.status', 'in', ['completed', 'cancelled']),
    [['information_requests.sent_at', 'desc'], ['information_requests.id', 'desc']],
  ),
};

/** The customer's requests on one tab, newest sent first. */
export function listCustomerRequests(db: Kysely<DB>, customerId: string, tab: 'open' | 'completed', page: PageRequest): Promise<Page<PortalRequestCard>> {
  return customerRequestLists[tab].page(db, { customerId }, page, toPortalRequestCard);
}

/** One request as the contact sees it, with its items; undefined for a draft or another customer's. */
export async function readCustomerRequest(db: Kysely<DB>, customerId: string, requestId: string): Promise<PortalRequest | undefined> {
  const row = await portalRequestColumns(db)
    .select('information_requests.message')
    .where('information_requests.id', '=', requestId)
    .where('information_requests.customer_id', '=', customerId)
    .where('information_requests.status', 'in', PORTAL_STATUSES)
    .executeTakeFirst();
  if (!row) return undefined;
  return toPortalRequest(row, await listRequestItems(db, row.id));
}

// ---------------------------------------------------------------- workspace reads

export interface RequestFilter {
  customerId?: string | undefined;
  projectId?: string | undefined;
  status?: InformationRequestStatus | undefined;
}

/** The workspace's requests, newest first. */
export function listWorkspaceRequests(db: Kysely<DB>, workspaceId: string, filter: RequestFilter, page: PageRequest): Promise<Page<InformationRequestSummary>> {
  let query = db.selectFrom('information_requests').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.customerId !== undefined) query = query.where('customer_id', '=', filter.customerId);
  if (filter.projectId !== undefined) query = query.where('project_id', '=', filter.projectId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  return keysetPage(query, [['created_at', 'desc'], ['id', 'desc']], page, toInformationRequestSummary);
}

export async function readWorkspaceRequest(db: Kysely<DB>, row: InformationRequestRow): Promise<InformationRequest> {
  return toInformationRequest(row, await listRequestItems(db, row.id));
}

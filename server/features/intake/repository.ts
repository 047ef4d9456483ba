import type { Kysely } from 'kysely';
import type { Page } from '../../../sdk/contract/common.js';
import type { IntakeItem } from '../../../sdk/contract/intake.js';
import type { DB } from '../../db/schema.js';
import { keysetPage, type PageRequest } from '../../lib/keyset.js';
import type { TeamActorType } from '../requests/schema.js';
import type { IntakeItemRow, IntakeKind, IntakeStatus } from './schema.js';

/**
 * Where quarantined files are kept in the store: a prefix of their own per workspace, so no
 * document key ever names one and the two can be told apart by key alone.
 */
export function intakeKeyPrefix(workspaceId: string): string {
  return `intake-${workspaceId}`;
}

export function toIntakeItem(row: IntakeItemRow): IntakeItem {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    customerId: row.customer_id,
    contactId: row.contact_id,
    file: { name: row.file_name, size: Number(row.file_size), contentType: row.content_type, sha256: row.sha256 },
    source:
      row.kind === 'payment_proof'
        ? { type: 'payment_proof', invoiceId: row.source_request_id, paymentProofId: row.source_item_id }
        : { type: 'request_item', requestId: row.source_request_id, itemId: row.source_item_id },
    reviewedBy: row.reviewed_by_id !== null && (row.reviewed_by_type === 'member' || row.reviewed_by_type === 'api_key') ? { type: row.reviewed_by_type, id: row.reviewed_by_id } : null,
    reviewedAt: row.reviewed_at,
    rejectReason: row.reject_reason,
    publishedDocumentId: row.published_document_id,
    createdAt: row.created_at,
  };
}

export function insertIntakeItem(trx: Kysely<DB>, row: IntakeItemRow): Promise<IntakeItemRow> {
  return trx.insertInto('intake_items').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findWorkspaceIntakeItem(db: Kysely<DB>, workspaceId: string, intakeId: string): Promise<IntakeItemRow | undefined> {
  return db.selectFrom('intake_items').selectAll().where('id', '=', intakeId).where('workspace_id', '=', workspaceId).executeTakeFirst();
}

/** Earlier files for the same item that nobody reviewed: the new one replaces them in the queue. */
export function supersedePendingIntake(trx: Kysely<DB>, itemId: string, exceptIntakeId: string, at: string) {
  return trx
    .updateTable('intake_items')
    .set({ status: 'superseded', updated_at: at })
    .where('source_item_id', '=', itemId)
    .where('status', '=', 'pending')
    .where('id', '!=', exceptIntakeId)
    .returning('id')
    .execute();
}

export interface IntakeReview {
  status: Extract<IntakeStatus, 'accepted' | 'rejected'>;
  reviewer: { type: TeamActorType; id: string };
  rejectReason?: string | null;
  publishedDocumentId?: string | null;
  at: string;
}

/** Decides a pending intake item; undefined when it was not pending (already reviewed or superseded). */
export function reviewIntakeItem(trx: Kysely<DB>, intakeId: string, review: IntakeReview): Promise<IntakeItemRow | undefined> {
  return trx
    .updateTable('intake_items')
    .set({
      status: review.status,
      reviewed_by_type: review.reviewer.type,
      reviewed_by_id: review.reviewer.id,
      reviewed_at: review.at,
      reject_reason: review.rejectReason ?? null,
      published_document_id: review.publishedDocumentId ?? null,
      updated_at: review.at,
    })
    .where('id', '=', intakeId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

export interface IntakeFilter {
  status?: IntakeStatus | undefined;
  kind?: IntakeKind | undefined;
  customerId?: string | undefined;
}

/** The workspace's queue, newest first. */
export function listWorkspaceIntake(db: Kysely<DB>, workspaceId: string, filter: IntakeFilter, page: PageRequest): Promise<Page<IntakeItem>> {
  let query = db.selectFrom('intake_items').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
  if (filter.customerId !== undefined) query = query.where('customer_id', '=', filter.customerId);
  return keysetPage(query, [['created_at', 'desc'], ['id', 'desc']], page, toIntakeItem);
}

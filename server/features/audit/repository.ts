import type { Kysely, Transaction } from 'kysely';
import type { AuditEventRow, AuditEventTable, DB } from '../../db/schema.js';
import type { Dialect } from '../../db/database.js';
import { newId, sha256 } from '../../lib/ids.js';
import { isoNow } from '../../lib/time.js';

export interface AuditEventInput {
  workspaceId: string;
  actorType: AuditEventTable['actor_type'];
  actorId: string;
  action: string;
  subjectType: string;
  subjectId: string;
  customerId: string | null;
  data?: Record<string, unknown>;
}

const GENESIS_HASH = '0'.repeat(64);

/**
 * Appends an event to the workspace's hash chain. Call it inside the transaction that makes the
 * change, so the change and its record commit together or not at all.
 */
export async function appendAuditEvent(trx: Transaction<DB>, dialect: Dialect, input: AuditEventInput): Promise<AuditEventRow> {
  if (dialect === 'postgres') {
    // Serialises appends per workspace so two transactions never chain onto the same event.
    await trx.selectFrom('workspaces').select('id').where('id', '=', input.workspaceId).forUpdate().execute();
  }
  const previous = await trx
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .where('workspace_id', '=', input.workspaceId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const event = {
    id: newId('evt'),
    workspace_id: input.workspaceId,
    seq: (previous?.seq ?? 0) + 1,
    actor_type: input.actorType,
    actor_id: input.actorId,
    action: input.action,
    subject_type: input.subjectType,
    subject_id: input.subjectId,
    customer_id: input.customerId,
    data: JSON.stringify(input.data ?? {}),
    created_at: isoNow(),
    prev_hash: previous?.hash ?? GENESIS_HASH,
  };
  const row = { ...event, hash: chainHash(event) };
  await trx.insertInto('audit_events').values(row).execute();
  return row;
}

/** The hash of an event covers every field and the previous hash, so any edit breaks the chain. */
export function chainHash(event: Omit<AuditEventRow, 'hash'>): string {
  return sha256(
    JSON.stringify([
      event.prev_hash,
      event.workspace_id,
      event.seq,
      event.id,
      event.actor_type,
      event.actor_id,
      event.action,
      event.subject_type,
      event.subject_id,
      event.customer_id,
      event.data,
      event.created_at,
    ]),
  );
}

export interface AuditEventFilter {
  subjectId?: string;
  afterSeq?: number;
  limit: number;
}

export function listAuditEvents(db: Kysely<DB>, workspaceId: string, filter: AuditEventFilter): Promise<AuditEventRow[]> {
  let query = db.selectFrom('audit_events').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
  if (filter.afterSeq !== undefined) query = query.where('seq', '>', filter.afterSeq);
  return query.orderBy('seq', 'asc').limit(filter.limit + 1).execute();
}

/** Recomputes the chain; returns the seq of the first broken event, or null when intact. */
export async function verifyAuditChain(db: Kysely<DB>, workspaceId: string): Promise<number | null> {
  const events = await db.selectFrom('audit_events').selectAll().where('workspace_id', '=', workspaceId).orderBy('seq').execute();
  let previous = GENESIS_HASH;
  for (const event of events) {
    if (event.prev_hash !== previous || chainHash(event) !== event.hash) return event.seq;
    previous = event.hash;
  }
  return null;
}

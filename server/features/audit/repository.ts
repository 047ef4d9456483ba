import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditEvent, AuditEventExportQuery } from '../../../sdk/contract/audit.js';
import type { Page } from '../../../sdk/contract/common.js';
import type { AuditEventRow, DB } from '../../db/schema.js';
import type { Dialect } from '../../db/database.js';
import { compiledQuery, type QueryParameters } from '../../lib/compiled-query.js';
import { newId, sha256 } from '../../lib/ids.js';
import { keysetPage, type PageRequest } from '../../lib/keyset.js';
import { isoNow } from '../../lib/time.js';
import type { PortalPrincipal, WorkspacePrincipal } from '../../plugins/auth.js';

/** The server itself acting, e.g. an operator's CLI command on the server's own database. */
export interface SystemPrincipal {
  workspaceId: string;
  actorType: 'system';
  actorId: string;
}

/** Who acted: a portal contact, an API key or member of the workspace, or the system. */
export type AuditPrincipal =
  | Pick<PortalPrincipal, 'workspaceId' | 'contactId'>
  | Pick<WorkspacePrincipal, 'workspaceId' | 'actorType' | 'actorId'>
  | SystemPrincipal;

/** What happened; the actor and the workspace come from the principal. */
export interface AuditEventInput {
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
export async function appendAuditEvent(trx: Transaction<DB>, dialect: Dialect, principal: AuditPrincipal, input: AuditEventInput): Promise<AuditEventRow> {
  const { workspaceId } = principal;
  if (dialect === 'postgres') {
    // Serialises appends per workspace so two transactions never chain onto the same event.
    await lockWorkspaceChain.all(trx, { workspaceId });
  }
  const previous = await lastEvent.first(trx, { workspaceId });
  const event = {
    id: newId('evt'),
    workspace_id: workspaceId,
    seq: (previous?.seq ?? 0) + 1,
    ...actorOf(principal),
    action: input.action,
    subject_type: input.subjectType,
    subject_id: input.subjectId,
    customer_id: input.customerId,
    data: JSON.stringify(input.data ?? {}),
    created_at: isoNow(),
    prev_hash: previous?.hash ?? GENESIS_HASH,
  };
  const row = { ...event, hash: chainHash(event) };
  await insertEvent.all(trx, row);
  return row;
}

// Every customer action appends an event, so its three statements are compiled once.
const lockWorkspaceChain = compiledQuery((db, p: QueryParameters<{ workspaceId: string }>) =>
  db.selectFrom('workspaces').select('id').where('id', '=', p.workspaceId).forUpdate(),
);
// `limit 1` written into the SQL: SQLite prepares a statement whose LIMIT is a bound parameter
// again on every run (server/lib/keyset.ts).
const lastEvent = compiledQuery((db, p: QueryParameters<{ workspaceId: string }>) =>
  db.selectFrom('audit_events').select(['seq', 'hash']).where('workspace_id', '=', p.workspaceId).orderBy('seq', 'desc').limit(sql.lit(1)),
);
const insertEvent = compiledQuery((db, p: QueryParameters<AuditEventRow>) =>
  db.insertInto('audit_events').values({
    id: p.id,
    workspace_id: p.workspace_id,
    seq: p.seq,
    actor_type: p.actor_type,
    actor_id: p.actor_id,
    action: p.action,
    subject_type: p.subject_type,
    subject_id: p.subject_id,
    customer_id: p.customer_id,
    data: p.data,
    created_at: p.created_at,
    prev_hash: p.prev_hash,
    hash: p.hash,
  }),
);

function actorOf(principal: AuditPrincipal): Pick<AuditEventRow, 'actor_type' | 'actor_id'> {
  return 'contactId' in principal
    ? { actor_type: 'contact', actor_id: principal.contactId }
    : { actor_type: principal.actorType, actor_id: principal.actorId };
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

export function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    seq: row.seq,
    actorType: row.actor_type,
    actorId: row.actor_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    customerId: row.customer_id,
    data: JSON.parse(row.data) as Record<string, unknown>,
    createdAt: row.created_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export type AuditEventFilter = AuditEventExportQuery;

/** Time filters compare as text, so they are put in the stored form first (`…T10:00:00Z` → `…T10:00:00.000Z`). */
function storedTime(timestamp: string): string {
  return new Date(timestamp).toISOString();
}

function filteredAuditEvents(db: Kysely<DB>, workspaceId: string, filter: AuditEventFilter) {
  let query = db.selectFrom('audit_events').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.subjectType) query = query.where('subject_type', '=', filter.subjectType);
  if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
  if (filter.actorType) query = query.where('actor_type', '=', filter.actorType);
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  if (filter.from) query = query.where('created_at', '>=', storedTime(filter.from));
  if (filter.to) query = query.where('created_at', '<', storedTime(filter.to));
  return query;
}

/** Oldest first, in chain order. */
export function listAuditEvents(db: Kysely<DB>, workspaceId: string, filter: PageRequest & AuditEventFilter): Promise<Page<AuditEvent>> {
  return keysetPage(filteredAuditEvents(db, workspaceId, filter), [['seq', 'asc', 'integer'], ['id', 'asc']], filter, toAuditEvent);
}

/** Events are read this many at a time, so neither a verification nor an export holds the whole trail. */
const BATCH_SIZE = 1000;

/** Every event matching the filter in chain order, up to the last one there was when it started; one batch in memory at a time. */
export async function* auditEventBatches(db: Kysely<DB>, workspaceId: string, filter: AuditEventFilter = {}): AsyncGenerator<AuditEventRow[]> {
  const last = await db.selectFrom('audit_events').select((eb) => eb.fn.max('seq').as('seq')).where('workspace_id', '=', workspaceId).executeTakeFirst();
  const lastSeq = Number(last?.seq ?? 0);
  let afterSeq = 0;
  while (afterSeq < lastSeq) {
    const batch = await filteredAuditEvents(db, workspaceId, filter)
      .where('seq', '>', afterSeq)
      .where('seq', '<=', lastSeq)
      .orderBy('seq')
      .limit(BATCH_SIZE)
      .execute();
    if (!batch.length) return;
    yield batch;
    afterSeq = batch[batch.length - 1]!.seq;
  }
}

export interface AuditChainCheck {
  intact: boolean;
  checked: number;
  firstBroken: AuditEventRow | null;
}

/** Recomputes the chain from its first event, a batch at a time; stops at the first broken event. */
export async function checkAuditChain(db: Kysely<DB>, workspaceId: string): Promise<AuditChainCheck> {
  let previous = GENESIS_HASH;
  let checked = 0;
  for await (const batch of auditEventBatches(db, workspaceId)) {
    for (const event of batch) {
      checked++;
      if (event.prev_hash !== previous || chainHash(event) !== event.hash) return { intact: false, checked, firstBroken: event };
      previous = event.hash;
    }
  }
  return { intact: true, checked, firstBroken: null };
}

/** Recomputes the chain; returns the seq of the first broken event, or null when intact. */
export async function verifyAuditChain(db: Kysely<DB>, workspaceId: string): Promise<number | null> {
  return (await checkAuditChain(db, workspaceId)).firstBroken?.seq ?? null;
}

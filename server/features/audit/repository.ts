import type { Kysely, Transaction } from 'kysely';
import type { AuditEvent } from '../../../sdk/contract/audit.js';
import type { Page } from '../../../sdk/contract/common.js';
import type { AuditEventRow, DB } from '../../db/schema.js';
import type { Dialect } from '../../db/database.js';
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
    await trx.selectFrom('workspaces').select('id').where('id', '=', workspaceId).forUpdate().execute();
  }
  const previous = await trx
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
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
  await trx.insertInto('audit_events').values(row).execute();
  return row;
}

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

/** Oldest first, in chain order. */
export function listAuditEvents(db: Kysely<DB>, workspaceId: string, filter: PageRequest & { subjectId?: string | undefined }): Promise<Page<AuditEvent>> {
  let query = db.selectFrom('audit_events').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
  return keysetPage(query, [['seq', 'asc', 'integer'], ['id', 'asc']], filter, toAuditEvent);
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

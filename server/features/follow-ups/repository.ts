import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { FollowUp, FollowUpCounts, FollowUpList, FollowUpListQuery, FollowUpState } from '../../../sdk/contract/follow-ups.js';
import type { Dialect } from '../../db/database.js';
import type { DB, FollowUpRow } from '../../db/schema.js';
import { compiledQuery, type QueryParameters } from '../../lib/compiled-query.js';
import { newId } from '../../lib/ids.js';
import { keysetPage } from '../../lib/keyset.js';
import { isoNow } from '../../lib/time.js';
import { enqueueWebhookEvent } from '../outbox/repository.js';

/** The customer action a follow-up comes from. */
export interface FollowUpSource {
  workspaceId: string;
  /** 'proposal.accepted' | 'proposal.declined' | 'message.received' | … */
  kind: string;
  /** 'proposal' | 'thread' | … */
  sourceType: string;
  sourceId: string;
  customerId: string;
  contactId: string | null;
  summary: string;
}

/** Kinds a finance reviewer sees and acts on; everything else answers 404 to them. */
export const FINANCE_KIND_PREFIXES = ['invoice.', 'payment_proof.'] as const;

/** Which follow-ups a principal may see: all of them, or the finance kinds only. */
export type FollowUpScope = 'all' | 'finance';

export function isFinanceKind(kind: string): boolean {
  return FINANCE_KIND_PREFIXES.some((prefix) => kind.startsWith(prefix));
}

export function toFollowUp(row: FollowUpRow): FollowUp {
  return {
    id: row.id,
    kind: row.kind,
    source: { type: row.source_type, id: row.source_id },
    customerId: row.customer_id,
    contactId: row.contact_id,
    summary: row.summary,
    state: row.state,
    assigneeMemberId: row.assignee_member_id,
    dueAt: row.due_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  };
}

export type FollowUpEventType = 'follow_up.created' | 'follow_up.updated' | 'follow_up.completed' | 'follow_up.reopened' | 'follow_up.dismissed';

/** A `follow_up.*` webhook carries the follow-up as the workspace API answers it. */
export async function enqueueFollowUpEvent(trx: Kysely<DB>, type: FollowUpEventType, row: FollowUpRow): Promise<void> {
  await enqueueWebhookEvent(trx, { workspaceId: row.workspace_id, type, data: { followUp: toFollowUp(row) } });
}

/** A summary is one line: line breaks collapse and it is cut to 200 characters. */
function oneLine(summary: string): string {
  const line = summary.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function newFollowUpValues(source: FollowUpSource, now: string): FollowUpRow {
  return {
    id: newId('fu'),
    workspace_id: source.workspaceId,
    kind: source.kind,
    source_type: source.sourceType,
    source_id: source.sourceId,
    customer_id: source.customerId,
    contact_id: source.contactId,
    summary: oneLine(source.summary),
    state: 'open',
    assignee_member_id: null,
    due_at: null,
    created_at: now,
    updated_at: now,
    closed_at: null,
  };
}

/** Every customer action makes a follow-up, so its insert is compiled once (server/lib/compiled-query.ts). */
const insertFollowUp = compiledQuery((db, p: QueryParameters<FollowUpRow>) =>
  db.insertInto('follow_ups').values({
    id: p.id,
    workspace_id: p.workspace_id,
    kind: p.kind,
    source_type: p.source_type,
    source_id: p.source_id,
    customer_id: p.customer_id,
    contact_id: p.contact_id,
    summary: p.summary,
    state: p.state,
    assignee_member_id: p.assignee_member_id,
    due_at: p.due_at,
    created_at: p.created_at,
    updated_at: p.updated_at,
    closed_at: p.closed_at,
  }),
);

/** A new open follow-up, in the caller's transaction (also enqueues its webhook event). */
export async function createFollowUp(trx: Transaction<DB> | Kysely<DB>, source: FollowUpSource): Promise<FollowUpRow> {
  // Every column is given (all text or null), so the stored row is this one; nothing to read back.
  const row = newFollowUpValues(source, isoNow());
  await insertFollowUp.all(trx, row);
  await enqueueFollowUpEvent(trx, 'follow_up.created', row);
  return row;
}

/**
 * One follow-up per source (and kind): the open one is kept (no new row), a done/dismissed one is
 * reopened with the new summary, none → created. Safe under concurrent calls for the same source:
 * the unique index decides which insert wins, the others fall through to reopen or keep.
 */
export async function openFollowUpForSource(
  trx: Transaction<DB> | Kysely<DB>,
  source: FollowUpSource,
): Promise<{ followUp: FollowUpRow; created: boolean; reopened: boolean }> {
  const now = isoNow();
  const inserted = await trx
    .insertInto('follow_ups')
    .values(newFollowUpValues(source, now))
    .onConflict((conflict) => conflict.columns(['workspace_id', 'source_type', 'source_id', 'kind']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) {
    await enqueueFollowUpEvent(trx, 'follow_up.created', inserted);
    return { followUp: inserted, created: true, reopened: false };
  }
  const reopened = await trx
    .updateTable('follow_ups')
    .set({ state: 'open', closed_at: null, updated_at: now, summary: oneLine(source.summary), contact_id: source.contactId })
    .where((eb) => sourceIs(eb, source))
    .where('state', '!=', 'open')
    .returningAll()
    .executeTakeFirst();
  if (reopened) {
    await enqueueFollowUpEvent(trx, 'follow_up.reopened', reopened);
    return { followUp: reopened, created: false, reopened: true };
  }
  const open = await trx.selectFrom('follow_ups').selectAll().where((eb) => sourceIs(eb, source)).executeTakeFirstOrThrow();
  return { followUp: open, created: false, reopened: false };
}

function sourceIs(eb: ExpressionBuilder<DB, 'follow_ups'>, source: FollowUpSource): Expression<SqlBool> {
  return eb.and([
    eb('workspace_id', '=', source.workspaceId),
    eb('source_type', '=', source.sourceType),
    eb('source_id', '=', source.sourceId),
    eb('kind', '=', source.kind),
  ]);
}

/** Restricts a query to the kinds the scope may see. */
function inScope(eb: ExpressionBuilder<DB, 'follow_ups'>, scope: FollowUpScope): Expression<SqlBool> {
  if (scope === 'all') return sql<SqlBool>`1 = 1`;
  return eb.or(FINANCE_KIND_PREFIXES.map((prefix) => eb('kind', 'like', `${prefix}%`)));
}

export function findFollowUp(db: Kysely<DB>, workspaceId: string, scope: FollowUpScope, followUpId: string): Promise<FollowUpRow | undefined> {
  return db
    .selectFrom('follow_ups')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', followUpId)
    .where((eb) => inScope(eb, scope))
    .executeTakeFirst();
}

export type FollowUpFilter = Omit<FollowUpListQuery, 'limit'> & { limit: number };

/** Newest first; the counts apply every filter but `state`, so an inbox can show its tabs. */
export async function listFollowUps(db: Kysely<DB>, workspaceId: string, scope: FollowUpScope, filter: FollowUpFilter): Promise<FollowUpList> {
  let matching = db
    .selectFrom('follow_ups')
    .where('workspace_id', '=', workspaceId)
    .where((eb) => inScope(eb, scope));
  if (filter.assigneeMemberId) matching = matching.where('assignee_member_id', '=', filter.assigneeMemberId);
  if (filter.customerId) matching = matching.where('customer_id', '=', filter.customerId);
  if (filter.kind) matching = matching.where('kind', '=', filter.kind);
  if (filter.sourceType) matching = matching.where('source_type', '=', filter.sourceType);
  if (filter.sourceId) matching = matching.where('source_id', '=', filter.sourceId);
  const listed = filter.state ? matching.where('state', '=', filter.state) : matching;
  const page = await keysetPage(listed.selectAll(), [['created_at', 'desc'], ['id', 'desc']], filter, toFollowUp);
  const rows = await matching.select((eb) => ['state', eb.fn.countAll<number | string | bigint>().as('count')]).groupBy('state').execute();
  const counts: FollowUpCounts = { open: 0, done: 0, dismissed: 0 };
  for (const row of rows) counts[row.state] = Number(row.count);
  return { ...page, counts };
}

/** The fields a member changes; undefined leaves a field as it is. */
export interface FollowUpChanges {
  assigneeMemberId?: string | null | undefined;
  dueAt?: string | null | undefined;
}

export function updateFollowUp(trx: Kysely<DB>, workspaceId: string, followUpId: string, changes: FollowUpChanges): Promise<FollowUpRow | undefined> {
  return trx
    .updateTable('follow_ups')
    .set({
      updated_at: isoNow(),
      ...(changes.assigneeMemberId !== undefined && { assignee_member_id: changes.assigneeMemberId }),
      ...(changes.dueAt !== undefined && { due_at: changes.dueAt }),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', followUpId)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Moves a follow-up from one of `from` to `to`; undefined when it was in none of them (another
 * request moved it first), so of concurrent requests exactly one changes it.
 */
export function moveFollowUp(
  trx: Kysely<DB>,
  workspaceId: string,
  followUpId: string,
  from: readonly FollowUpState[],
  to: FollowUpState,
): Promise<FollowUpRow | undefined> {
  const now = isoNow();
  return trx
    .updateTable('follow_ups')
    .set({ state: to, updated_at: now, closed_at: to === 'open' ? null : now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', followUpId)
    .where('state', 'in', from)
    .returningAll()
    .executeTakeFirst();
}

/** The follow-up as it is now, locked until the transaction ends (PostgreSQL; SQLite transactions already run one at a time). */
export function lockFollowUp(trx: Transaction<DB>, dialect: Dialect, workspaceId: string, scope: FollowUpScope, followUpId: string): Promise<FollowUpRow | undefined> {
  const query = trx
    .selectFrom('follow_ups')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', followUpId)
    .where((eb) => inScope(eb, scope));
  return (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
}

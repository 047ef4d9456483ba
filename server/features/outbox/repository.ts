import { sql, type Kysely } from 'kysely';
import type { Page } from '../../../sdk/contract/common.js';
import type { DeadLetter } from '../../../sdk/contract/webhooks.js';
import type { Database } from '../../db/database.js';
import type { DB, OutboxChannel, OutboxMessageRow, OutboxStatus } from '../../db/schema.js';
import { compiledQuery, type QueryParameters } from '../../lib/compiled-query.js';
import { newId } from '../../lib/ids.js';
import { keysetPage, type PageRequest } from '../../lib/keyset.js';
import { isoAfter, isoNow } from '../../lib/time.js';
import { withReaderLanguage } from '../notifications/language.js';
import type { EmailNotification } from '../notifications/templates.js';
import { endpointsSubscribedTo } from '../webhooks/repository.js';

export function toDeadLetter(row: OutboxMessageRow): DeadLetter {
  return {
    id: row.id,
    channel: row.channel,
    eventType: row.event_type,
    endpointId: row.endpoint_id,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    failedAt: row.updated_at,
  };
}

interface NewOutboxMessage {
  workspaceId: string;
  channel: OutboxChannel;
  eventType: string;
  payload: string;
  recipient?: string | null;
  endpointId?: string | null;
  dedupeKey?: string | null;
}

interface OutboxInsert {
  id: string;
  workspaceId: string;
  channel: OutboxChannel;
  eventType: string;
  payload: string;
  recipient: string | null;
  endpointId: string | null;
  dedupeKey: string | null;
  now: string;
}

/** Every change that notifies anyone inserts here, in its transaction, so the insert is compiled once. */
const insertOutboxMessage = compiledQuery((db, p: QueryParameters<OutboxInsert>) =>
  db
    .insertInto('outbox_messages')
    .values({
      id: p.id,
      workspace_id: p.workspaceId,
      channel: p.channel,
      event_type: p.eventType,
      payload: p.payload,
      recipient: p.recipient,
      endpoint_id: p.endpointId,
      dedupe_key: p.dedupeKey,
      next_attempt_at: p.now,
      created_at: p.now,
      updated_at: p.now,
    })
    .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
    .returning([
      'id',
      'workspace_id',
      'channel',
      'event_type',
      'payload',
      'recipient',
      'endpoint_id',
      'dedupe_key',
      'status',
      'attempts',
      'next_attempt_at',
      'claimed_by',
      'claimed_until',
      'last_error',
      'created_at',
      'updated_at',
      'delivered_at',
    ]),
);

/** Inserts one delivery, due now; with a `dedupeKey` already taken it inserts nothing and answers undefined. */
function insertMessage(db: Kysely<DB>, message: NewOutboxMessage): Promise<OutboxMessageRow | undefined> {
  return insertOutboxMessage.first(db, {
    id: newId('msg'),
    workspaceId: message.workspaceId,
    channel: message.channel,
    eventType: message.eventType,
    payload: message.payload,
    recipient: message.recipient ?? null,
    endpointId: message.endpointId ?? null,
    dedupeKey: message.dedupeKey ?? null,
    now: isoNow(),
  });
}

export interface EmailToEnqueue {
  workspaceId: string;
  to: string;
  notification: EmailNotification;
  /** Set when the same email must go out at most once, whoever enqueues it (e.g. `proposal.expiring:prop_…:ctc_…`). */
  dedupeKey?: string;
}

/**
 * Call inside the transaction that makes the change: the email is sent if and only if the change
 * commits. An email to a contact is stored with the contact's language, which renders it.
 */
export async function enqueueEmail(trx: Kysely<DB>, email: EmailToEnqueue): Promise<OutboxMessageRow | undefined> {
  const notification = await withReaderLanguage(trx, email.workspaceId, email.to, email.notification);
  return insertMessage(trx, {
    workspaceId: email.workspaceId,
    channel: 'email',
    eventType: notification.template,
    payload: JSON.stringify(notification),
    recipient: email.to,
    dedupeKey: email.dedupeKey ?? null,
  });
}

/** The body every webhook carries (Standard Webhooks' recommended shape). */
export interface WebhookEventBody {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/**
 * Call inside the transaction that makes the change. One delivery per enabled endpoint of the
 * workspace subscribed to `type` now; an endpoint added later does not receive past events.
 */
export async function enqueueWebhookEvent(trx: Kysely<DB>, event: { workspaceId: string; type: string; data: Record<string, unknown> }): Promise<OutboxMessageRow[]> {
  const endpoints = await endpointsSubscribedTo(trx, event.workspaceId, event.type);
  if (!endpoints.length) return [];
  const body: WebhookEventBody = { type: event.type, timestamp: isoNow(), data: event.data };
  const payload = JSON.stringify(body);
  const rows: OutboxMessageRow[] = [];
  for (const endpoint of endpoints) {
    const row = await insertMessage(trx, { workspaceId: event.workspaceId, channel: 'webhook', eventType: event.type, payload, endpointId: endpoint.id });
    if (row) rows.push(row);
  }
  return rows;
}

/**
 * Takes up to `limit` due deliveries for this worker until `leaseMs` from now and counts the
 * attempt. PostgreSQL: rows locked by another claim are skipped, so workers never wait on each
 * other. SQLite: one atomic update (SQLite has one writer at a time).
 */
export async function claimDueMessages({ db, dialect }: Database, workerId: string, options: { limit: number; leaseMs: number }): Promise<OutboxMessageRow[]> {
  const now = isoNow();
  const lease = { claimed_by: workerId, claimed_until: isoAfter(options.leaseMs), updated_at: now, attempts: sql<number>`attempts + 1` };
  const due = (query: Kysely<DB>) =>
    query
      .selectFrom('outbox_messages')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
      .orderBy('next_attempt_at')
      .limit(options.limit);
  if (dialect === 'postgres') {
    return db.transaction().execute(async (trx) => {
      const ids = (await due(trx).forUpdate().skipLocked().execute()).map((row) => row.id);
      if (!ids.length) return [];
      return trx.updateTable('outbox_messages').set(lease).where('id', 'in', ids).returningAll().execute();
    });
  }
  return db
    .updateTable('outbox_messages')
    .set(lease)
    .where('id', 'in', due(db))
    .returningAll()
    .execute();
}

/**
 * Fenced by the claim: a worker whose lease ran out and was taken over does not overwrite the
 * new owner's state. `claimed_by` stays, recording which worker delivered it.
 */
export async function markDelivered(db: Kysely<DB>, messageId: string, workerId: string): Promise<boolean> {
  const now = isoNow();
  const result = await db
    .updateTable('outbox_messages')
    .set({ status: 'delivered', delivered_at: now, updated_at: now, claimed_until: null, last_error: null })
    .where('id', '=', messageId)
    .where('claimed_by', '=', workerId)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** A failed attempt: due again at `retryAt`, or a dead letter when `retryAt` is null. */
export async function markFailed(db: Kysely<DB>, messageId: string, workerId: string, failure: { error: string; retryAt: string | null }): Promise<OutboxStatus | undefined> {
  const now = isoNow();
  const status: OutboxStatus = failure.retryAt === null ? 'dead' : 'pending';
  const result = await db
    .updateTable('outbox_messages')
    .set({ status, next_attempt_at: failure.retryAt ?? now, last_error: failure.error.slice(0, 500), updated_at: now, claimed_by: null, claimed_until: null })
    .where('id', '=', messageId)
    .where('claimed_by', '=', workerId)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n ? status : undefined;
}

/**
 * Gives back what a stopping worker still holds, due at once; the cut-short attempt is not
 * counted. Another worker (or this one after a restart) delivers it with the same id.
 */
export async function releaseClaims(db: Kysely<DB>, workerId: string, messageIds: string[]): Promise<number> {
  if (!messageIds.length) return 0;
  const now = isoNow();
  const result = await db
    .updateTable('outbox_messages')
    .set({ claimed_by: null, claimed_until: null, next_attempt_at: now, updated_at: now, attempts: sql<number>`attempts - 1` })
    .where('id', 'in', messageIds)
    .where('claimed_by', '=', workerId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Most recently failed first. */
export function listDeadLetters(db: Kysely<DB>, workspaceId: string, page: PageRequest): Promise<Page<DeadLetter>> {
  const query = db.selectFrom('outbox_messages').selectAll().where('workspace_id', '=', workspaceId).where('status', '=', 'dead');
  return keysetPage(query, [['updated_at', 'desc'], ['id', 'desc']], page, toDeadLetter);
}

/**
 * Puts a dead letter back in the queue with a fresh set of attempts and the same id (so the
 * receiver can still de-duplicate). Undefined when the workspace has no such dead letter.
 */
export async function redeliverDeadLetter(db: Kysely<DB>, workspaceId: string, messageId: string): Promise<DeadLetter | undefined> {
  const now = isoNow();
  const row = await db
    .updateTable('outbox_messages')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, updated_at: now, claimed_by: null, claimed_until: null })
    .where('id', '=', messageId)
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'dead')
    .returningAll()
    .executeTakeFirst();
  return row && toDeadLetter(row);
}

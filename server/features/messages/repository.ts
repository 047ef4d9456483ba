import { sql, type Kysely, type Transaction } from 'kysely';
import type { Page } from '../../../sdk/contract/common.js';
import type { Message, PortalMessage, PortalThread, Thread, ThreadSubject } from '../../../sdk/contract/messages.js';
import type { DB, MessageAuthorType, ThreadMessageRow, ThreadRow } from '../../db/schema.js';
import type { QueryParameters } from '../../lib/compiled-query.js';
import { newId } from '../../lib/ids.js';
import { compiledKeysetList, keysetPage, type PageRequest } from '../../lib/keyset.js';

/** The read marker of the team as a whole; a contact's marker is their contact id. */
export const TEAM_READER = 'team';

type ThreadWithUnread = ThreadRow & { unread_count: number };

function subjectOf(row: Pick<ThreadRow, 'subject_type' | 'subject_id'>): ThreadSubject | null {
  return row.subject_type !== null && row.subject_id !== null ? { type: row.subject_type, id: row.subject_id } : null;
}

export function toPortalThread(row: ThreadWithUnread): PortalThread {
  return {
    id: row.id,
    subject: subjectOf(row),
    title: row.title,
    createdAt: row.created_at,
    lastMessageAt: row.last_message_at,
    unreadCount: row.unread_count,
  };
}

export function toThread(row: ThreadWithUnread): Thread {
  return {
    id: row.id,
    subject: subjectOf(row),
    title: row.title,
    createdAt: row.created_at,
    customerId: row.customer_id,
    lastMessageAt: row.last_activity_at,
    unreadCount: row.unread_count,
  };
}

export function toPortalMessage(row: ThreadMessageRow, contactId: string): PortalMessage {
  if (row.internal) throw new Error(`internal note ${row.id} reached the portal mapper`);
  const byContact = row.author_type === 'contact';
  return {
    id: row.id,
    threadId: row.thread_id,
    body: row.body,
    author: { type: byContact ? 'contact' : 'team', name: row.author_name, isYou: byContact && row.author_id === contactId },
    createdAt: row.created_at,
  };
}

export function toMessage(row: ThreadMessageRow): Message {
  return {
    id: row.id,
    threadId: row.thread_id,
    body: row.body,
    internal: row.internal === 1,
    author: { type: row.author_type, id: row.author_id, name: row.author_name },
    createdAt: row.created_at,
  };
}

/** A thread with the unread count of one reader: of the team's visible messages for a contact, of the customer's for the team. */
export function threadsWithUnread(db: Kysely<DB>, reader: string, counted: 'team_message_count' | 'customer_message_count') {
  return db
    .selectFrom('threads')
    .leftJoin('thread_read_markers as marker', (join) => join.onRef('marker.thread_id', '=', 'threads.id').on('marker.reader', '=', reader))
    .selectAll('threads')
    .select(sql<number>`${sql.ref(`threads.${counted}`)} - coalesce(${sql.ref('marker.read_count')}, 0)`.as('unread_count'));
}

/** A thread of this customer, with the contact's unread count; undefined for anyone else's. */
export function findCustomerThread(db: Kysely<DB>, customerId: string, contactId: string, threadId: string): Promise<ThreadWithUnread | undefined> {
  return threadsWithUnread(db, contactId, 'team_message_count').where('threads.id', '=', threadId).where('threads.customer_id', '=', customerId).executeTakeFirst();
}

/** A thread of this workspace, with the team's unread count. */
export function findWorkspaceThread(db: Kysely<DB>, workspaceId: string, threadId: string): Promise<ThreadWithUnread | undefined> {
  return threadsWithUnread(db, TEAM_READER, 'customer_message_count').where('threads.id', '=', threadId).where('threads.workspace_id', '=', workspaceId).executeTakeFirst();
}

export interface SubjectFilter {
  subjectType?: string | undefined;
  subjectId?: string | undefined;
}

/** The portal's thread list with no filter, compiled once: it runs on every visit to the messages page. */
const customerThreads = compiledKeysetList(
  (db: Kysely<DB>, p: QueryParameters<{ customerId: string; contactId: string }>) =>
    threadsWithUnread(db, p.contactId, 'team_message_count').where('threads.customer_id', '=', p.customerId),
  [['threads.last_message_at', 'desc'], ['threads.id', 'desc']],
);

/** Most recent visible message first. */
export function listCustomerThreads(
  db: Kysely<DB>,
  principal: { customerId: string; contactId: string },
  filter: SubjectFilter,
  page: PageRequest,
): Promise<Page<PortalThread>> {
  if (filter.subjectType === undefined && filter.subjectId === undefined) {
    return customerThreads.page(db, { customerId: principal.customerId, contactId: principal.contactId }, page, toPortalThread);
  }
  const query = withSubject(threadsWithUnread(db, principal.contactId, 'team_message_count').where('threads.customer_id', '=', principal.customerId), filter);
  return keysetPage(query, [['threads.last_message_at', 'desc'], ['threads.id', 'desc']], page, toPortalThread);
}

/** Most recent activity (internal notes included) first. */
export function listWorkspaceThreads(
  db: Kysely<DB>,
  workspaceId: string,
  filter: SubjectFilter & { customerId?: string | undefined },
  page: PageRequest,
): Promise<Page<Thread>> {
  let query = withSubject(threadsWithUnread(db, TEAM_READER, 'customer_message_count').where('threads.workspace_id', '=', workspaceId), filter);
  if (filter.customerId !== undefined) query = query.where('threads.customer_id', '=', filter.customerId);
  return keysetPage(query, [['threads.last_activity_at', 'desc'], ['threads.id', 'desc']], page, toThread);
}

function withSubject<Q extends ReturnType<typeof threadsWithUnread>>(query: Q, filter: SubjectFilter): Q {
  let filtered = query;
  if (filter.subjectType !== undefined) filtered = filtered.where('threads.subject_type', '=', filter.subjectType) as Q;
  if (filter.subjectId !== undefined) filtered = filtered.where('threads.subject_id', '=', filter.subjectId) as Q;
  return filtered;
}

/** Newest first; the portal's list leaves internal notes out in the query itself. */
export function listThreadMessages<Item>(
  db: Kysely<DB>,
  threadId: string,
  options: { includeInternal: boolean },
  page: PageRequest,
  toItem: (row: ThreadMessageRow) => Item,
): Promise<Page<Item>> {
  let query = db.selectFrom('thread_messages').selectAll().where('thread_id', '=', threadId);
  if (!options.includeInternal) query = query.where('internal', '=', 0);
  return keysetPage(query, [['seq', 'desc', 'integer'], ['id', 'desc']], page, toItem);
}

export interface NewThread {
  workspaceId: string;
  customerId: string;
  subject: ThreadSubject | null;
  title: string;
  at: string;
}

export async function insertThread(trx: Transaction<DB>, thread: NewThread): Promise<ThreadRow> {
  return trx
    .insertInto('threads')
    .values({
      id: newId('thr'),
      workspace_id: thread.workspaceId,
      customer_id: thread.customerId,
      subject_type: thread.subject?.type ?? null,
      subject_id: thread.subject?.id ?? null,
      title: thread.title,
      last_message_at: thread.at,
      last_activity_at: thread.at,
      created_at: thread.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface NewMessage {
  body: string;
  internal: boolean;
  author: { type: MessageAuthorType; id: string; name: string };
  at: string;
}

/**
 * Adds a message and moves the thread's counters and times in the same transaction; answers the
 * message and the thread as the update left it (the counters a read marker needs).
 */
export async function insertMessage(trx: Transaction<DB>, thread: Pick<ThreadRow, 'id' | 'workspace_id'>, message: NewMessage): Promise<{ message: ThreadMessageRow; thread: ThreadRow }> {
  const byCustomer = message.author.type === 'contact';
  // The thread's row first: it numbers the message, and on PostgreSQL its lock orders concurrent posts.
  const updated = await trx
    .updateTable('threads')
    .set((eb) => ({
      message_count: eb('message_count', '+', 1),
      last_activity_at: message.at,
      ...(byCustomer
        ? { customer_message_count: eb('customer_message_count', '+', 1), last_message_at: message.at }
        : message.internal
          ? {}
          : { team_message_count: eb('team_message_count', '+', 1), last_message_at: message.at }),
    }))
    .where('id', '=', thread.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const row: ThreadMessageRow = {
    id: newId('tmsg'),
    thread_id: thread.id,
    workspace_id: thread.workspace_id,
    seq: updated.message_count,
    body: message.body,
    internal: message.internal ? 1 : 0,
    author_type: message.author.type,
    author_id: message.author.id,
    author_name: message.author.name,
    created_at: message.at,
  };
  await trx.insertInto('thread_messages').values(row).execute();
  return { message: row, thread: updated };
}

/**
 * Marks the other side's messages read up to `readCount` for one reader. Idempotent, and never
 * moves a marker back: a slower, older read cannot make read messages unread again.
 */
export async function markThreadRead(db: Kysely<DB>, threadId: string, reader: string, readCount: number, at: string): Promise<void> {
  await db
    .insertInto('thread_read_markers')
    .values({ thread_id: threadId, reader, read_count: readCount, updated_at: at })
    .onConflict((conflict) =>
      conflict
        .columns(['thread_id', 'reader'])
        .doUpdateSet({ read_count: readCount, updated_at: at })
        .where('thread_read_markers.read_count', '<', readCount),
    )
    .execute();
}

/** Contacts who wrote in the thread: whom a team reply notifies. */
export function threadContactEmails(trx: Kysely<DB>, threadId: string): Promise<{ email: string; display_name: string }[]> {
  return trx
    .selectFrom('portal_contacts')
    .select(['email', 'display_name'])
    .where('id', 'in', trx.selectFrom('thread_messages').select('author_id').where('thread_id', '=', threadId).where('author_type', '=', 'contact'))
    .orderBy('created_at')
    .execute();
}

/** Every portal contact of the customer: whom a thread the team starts notifies. */
export function customerContactEmails(trx: Kysely<DB>, customerId: string): Promise<{ email: string; display_name: string }[]> {
  return trx.selectFrom('portal_contacts').select(['email', 'display_name']).where('customer_id', '=', customerId).orderBy('created_at').execute();
}

import type { Kysely, Transaction } from 'kysely';
import type { Page } from '../../../sdk/contract/common.js';
import {
  MESSAGE_BODY_MAX_LENGTH,
  messageBodyLength,
  type CreateMessage,
  type CreatePortalThread,
  type CreateThread,
  type Message,
  type NewThreadSubject,
  type PortalMessage,
  type PortalThreadCreated,
  type ThreadCreated,
  type ThreadSubject,
} from '../../../sdk/contract/messages.js';
import type { Database, Dialect } from '../../db/database.js';
import type { DB, MessageAuthorType, ThreadRow } from '../../db/schema.js';
import { runIdempotent, type IdempotencyKey } from '../../lib/idempotency.js';
import type { PageRequest } from '../../lib/keyset.js';
import { notFound, Problem } from '../../lib/problem.js';
import { isoNow } from '../../lib/time.js';
import type { PortalPrincipal, WorkspacePrincipal } from '../../plugins/auth.js';
import { appendAuditEvent } from '../audit/repository.js';
import { customerHasContact } from '../contacts/repository.js';
import { findCustomer } from '../customers/repository.js';
import { openFollowUpForSource } from '../follow-ups/repository.js';
import { enqueueEmail, enqueueWebhookEvent } from '../outbox/repository.js';
import { findCustomerProposal } from '../proposals/repository.js';
import {
  TEAM_READER,
  customerContactEmails,
  findCustomerThread,
  findWorkspaceThread,
  insertMessage,
  insertThread,
  listThreadMessages,
  markThreadRead,
  threadContactEmails,
  toMessage,
  toPortalMessage,
  toPortalThread,
  toThread,
} from './repository.js';

/** A body as stored: trimmed, 1 to 2,000 code points; anything else is refused before a transaction starts. */
export function checkedMessageBody(body: string): string {
  const text = body.trim();
  const length = messageBodyLength(text);
  if (length === 0) throw new Problem(422, 'message_empty', 'Message is empty', 'Write something before sending.');
  if (length > MESSAGE_BODY_MAX_LENGTH) {
    throw new Problem(422, 'message_too_long', 'Message too long', `This message has ${length} characters; the limit is ${MESSAGE_BODY_MAX_LENGTH}.`);
  }
  return text;
}

/**
 * The record a new thread is about, which must be one the customer can see (a sent proposal of
 * theirs); its title is the thread's default title.
 */
async function subjectRecord(trx: Kysely<DB>, customerId: string, subject: NewThreadSubject | null | undefined): Promise<{ subject: ThreadSubject; title: string } | null> {
  if (!subject) return null;
  switch (subject.type) {
    case 'proposal': {
      const proposal = await findCustomerProposal(trx, customerId, subject.id);
      if (!proposal) throw notFound('proposal');
      return { subject: { type: 'proposal', id: proposal.id }, title: proposal.title };
    }
  }
}

function threadTitle(title: string | undefined, record: { title: string } | null): string {
  const chosen = title?.trim() || record?.title;
  if (!chosen) throw new Problem(422, 'thread_title_required', 'Thread title required', 'A thread about no record needs a title.');
  return chosen;
}

async function workspaceDisplayName(trx: Kysely<DB>, workspaceId: string): Promise<string> {
  const row = await trx.selectFrom('workspaces').select(['name', 'brand_name']).where('id', '=', workspaceId).executeTakeFirstOrThrow();
  return row.brand_name ?? row.name;
}

async function contactAuthor(trx: Kysely<DB>, principal: PortalPrincipal) {
  const contact = await trx.selectFrom('portal_contacts').select('display_name').where('id', '=', principal.contactId).executeTakeFirstOrThrow();
  return { type: 'contact' as const, id: principal.contactId, name: contact.display_name };
}

/** A member signs with their name; an API key writes for the business, under the workspace's name. */
async function teamAuthor(trx: Kysely<DB>, principal: WorkspacePrincipal): Promise<{ type: MessageAuthorType; id: string; name: string }> {
  if (principal.actorType === 'api_key') return { type: 'api_key', id: principal.actorId, name: await workspaceDisplayName(trx, principal.workspaceId) };
  const member = await trx
    .selectFrom('members')
    .leftJoin('people', 'people.id', 'members.person_id')
    .select(['people.name', 'members.email'])
    .where('members.id', '=', principal.actorId)
    .executeTakeFirstOrThrow();
  return { type: 'member', id: principal.actorId, name: member.name ?? member.email };
}

/**
 * A customer's message, with everything it sets off in the same transaction: the audit event,
 * the thread's one follow-up (opened, or reopened once done) and the `message.received` webhook.
 */
async function addCustomerMessage(
  trx: Transaction<DB>,
  dialect: Dialect,
  principal: PortalPrincipal,
  thread: Pick<ThreadRow, 'id' | 'workspace_id' | 'customer_id' | 'title' | 'subject_type' | 'subject_id'>,
  body: string,
  auditAction: 'thread.created' | 'message.sent',
) {
  const author = await contactAuthor(trx, principal);
  const at = isoNow();
  const posted = await insertMessage(trx, thread, { body, internal: false, author, at });
  // Writing in a thread means having read it.
  await markThreadRead(trx, thread.id, principal.contactId, posted.thread.team_message_count, at);
  await appendAuditEvent(trx, dialect, principal, {
    action: auditAction,
    subjectType: 'thread',
    subjectId: thread.id,
    customerId: principal.customerId,
    data: { messageId: posted.message.id },
  });
  await openFollowUpForSource(trx, {
    workspaceId: principal.workspaceId,
    kind: 'message.received',
    sourceType: 'thread',
    sourceId: thread.id,
    customerId: principal.customerId,
    contactId: principal.contactId,
    summary: `Message from ${author.name}: ${thread.title}`,
  });
  await enqueueWebhookEvent(trx, {
    workspaceId: principal.workspaceId,
    type: 'message.received',
    data: {
      threadId: thread.id,
      messageId: posted.message.id,
      customerId: principal.customerId,
      contactId: principal.contactId,
      subject: thread.subject_type && thread.subject_id ? { type: thread.subject_type, id: thread.subject_id } : null,
      title: thread.title,
      body,
      createdAt: at,
    },
  });
  return posted;
}

/**
 * Tells the customer the team wrote: the contacts who wrote in the thread, or every portal
 * contact of the customer when none has (a thread the team started). The email carries a link
 * to the portal, not the message.
 */
async function enqueueReplyEmails(trx: Transaction<DB>, thread: Pick<ThreadRow, 'id' | 'workspace_id' | 'customer_id' | 'title'>): Promise<void> {
  const writers = await threadContactEmails(trx, thread.id);
  const recipients = writers.length ? writers : await customerContactEmails(trx, thread.customer_id);
  if (!recipients.length) return;
  const workspaceName = await workspaceDisplayName(trx, thread.workspace_id);
  for (const contact of recipients) {
    await enqueueEmail(trx, {
      workspaceId: thread.workspace_id,
      to: contact.email,
      notification: { template: 'message.replied', workspaceId: thread.workspace_id, workspaceName, contactName: contact.display_name, threadTitle: thread.title },
    });
  }
}

/** A contact starts a thread, optionally about a record of their customer, with its first message. */
export function startCustomerThread(database: Database, principal: PortalPrincipal, input: CreatePortalThread, key: IdempotencyKey | undefined): Promise<PortalThreadCreated> {
  const body = checkedMessageBody(input.body);
  return runIdempotent(database, key, async (trx) => {
    const record = await subjectRecord(trx, principal.customerId, input.subject);
    const thread = await insertThread(trx, {
      workspaceId: principal.workspaceId,
      customerId: principal.customerId,
      subject: record?.subject ?? null,
      title: threadTitle(input.title, record),
      at: isoNow(),
    });
    const posted = await addCustomerMessage(trx, database.dialect, principal, thread, body, 'thread.created');
    return { thread: toPortalThread({ ...posted.thread, unread_count: 0 }), message: toPortalMessage(posted.message, principal.contactId) };
  });
}

/** A contact writes in one of their customer's threads. */
export function postCustomerMessage(database: Database, principal: PortalPrincipal, threadId: string, input: { body: string }, key: IdempotencyKey | undefined): Promise<PortalMessage> {
  const body = checkedMessageBody(input.body);
  return runIdempotent(database, key, async (trx) => {
    const thread = await findCustomerThread(trx, principal.customerId, principal.contactId, threadId);
    if (!thread) throw notFound('thread');
    const posted = await addCustomerMessage(trx, database.dialect, principal, thread, body, 'message.sent');
    return toPortalMessage(posted.message, principal.contactId);
  });
}

/** The team starts a thread with a customer; its first message is one the customer sees. */
export function startTeamThread(database: Database, principal: WorkspacePrincipal, input: CreateThread, key: IdempotencyKey | undefined): Promise<ThreadCreated> {
  const body = checkedMessageBody(input.body);
  return runIdempotent(database, key, async (trx) => {
    const customer = await findCustomer(trx, principal.workspaceId, input.customerId);
    if (!customer) throw notFound('customer');
    // As with proposals: nobody could read it.
    if (!(await customerHasContact(trx, customer.id))) {
      throw new Problem(409, 'no_portal_contact', 'Customer has no portal contact', 'Add a portal contact to the customer before writing to them.');
    }
    const record = await subjectRecord(trx, customer.id, input.subject);
    const at = isoNow();
    const thread = await insertThread(trx, { workspaceId: principal.workspaceId, customerId: customer.id, subject: record?.subject ?? null, title: threadTitle(input.title, record), at });
    const posted = await insertMessage(trx, thread, { body, internal: false, author: await teamAuthor(trx, principal), at });
    await appendAuditEvent(trx, database.dialect, principal, {
      action: 'thread.created',
      subjectType: 'thread',
      subjectId: thread.id,
      customerId: customer.id,
      data: { messageId: posted.message.id },
    });
    await enqueueReplyEmails(trx, thread);
    return { thread: toThread({ ...posted.thread, unread_count: 0 }), message: toMessage(posted.message) };
  });
}

/** A member or API key replies to the customer, or adds an internal note that only the team sees. */
export function postTeamMessage(database: Database, principal: WorkspacePrincipal, threadId: string, input: CreateMessage, key: IdempotencyKey | undefined): Promise<Message> {
  const body = checkedMessageBody(input.body);
  const internal = input.internal ?? false;
  return runIdempotent(database, key, async (trx) => {
    const thread = await findWorkspaceThread(trx, principal.workspaceId, threadId);
    if (!thread) throw notFound('thread');
    const at = isoNow();
    const posted = await insertMessage(trx, thread, { body, internal, author: await teamAuthor(trx, principal), at });
    // A member who writes has read the thread; an integration's post says nothing about the people.
    if (principal.actorType === 'member') await markThreadRead(trx, thread.id, TEAM_READER, posted.thread.customer_message_count, at);
    await appendAuditEvent(trx, database.dialect, principal, {
      action: internal ? 'message.internal_note_added' : 'message.sent',
      subjectType: 'thread',
      subjectId: thread.id,
      customerId: thread.customer_id,
      data: { messageId: posted.message.id },
    });
    if (!internal) await enqueueReplyEmails(trx, thread);
    return toMessage(posted.message);
  });
}

/** The contact's view of a thread's messages; reading them marks the team's messages read for this contact. */
export async function readCustomerMessages({ db }: Database, principal: PortalPrincipal, threadId: string, page: PageRequest): Promise<Page<PortalMessage>> {
  // Read before the messages: a message arriving meanwhile stays unread rather than being marked read unseen.
  const thread = await findCustomerThread(db, principal.customerId, principal.contactId, threadId);
  if (!thread) throw notFound('thread');
  const messages = await listThreadMessages(db, thread.id, { includeInternal: false }, page, (row) => toPortalMessage(row, principal.contactId));
  if (thread.unread_count > 0) await markThreadRead(db, thread.id, principal.contactId, thread.team_message_count, isoNow());
  return messages;
}

/** The team's view of a thread's messages, internal notes included; a member's read marks the customer's messages read. */
export async function readTeamMessages({ db }: Database, principal: WorkspacePrincipal, threadId: string, page: PageRequest): Promise<Page<Message>> {
  const thread = await findWorkspaceThread(db, principal.workspaceId, threadId);
  if (!thread) throw notFound('thread');
  const messages = await listThreadMessages(db, thread.id, { includeInternal: true }, page, toMessage);
  if (principal.actorType === 'member' && thread.unread_count > 0) await markThreadRead(db, thread.id, TEAM_READER, thread.customer_message_count, isoNow());
  return messages;
}

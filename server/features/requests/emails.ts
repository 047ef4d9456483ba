import type { Kysely } from 'kysely';
import type { DB, FollowUpRow } from '../../db/schema.js';
import { enqueueEmail } from '../outbox/repository.js';
import type { InformationRequestItemRow, InformationRequestRow } from './schema.js';

async function workspaceName(trx: Kysely<DB>, workspaceId: string): Promise<string> {
  const row = await trx.selectFrom('workspaces').select(['name', 'brand_name']).where('id', '=', workspaceId).executeTakeFirstOrThrow();
  return row.brand_name ?? row.name;
}

type Contact = { email: string; display_name: string };

/** The customer's portal contacts, oldest first: who a request is for. */
export function customerContacts(trx: Kysely<DB>, customerId: string): Promise<Contact[]> {
  return trx.selectFrom('portal_contacts').select(['email', 'display_name']).where('customer_id', '=', customerId).orderBy('created_at').orderBy('id').execute();
}

/** One email per contact; call in the transaction that sends the request. */
export async function enqueueRequestSentEmails(trx: Kysely<DB>, request: InformationRequestRow, contacts: readonly Contact[]): Promise<void> {
  const name = await workspaceName(trx, request.workspace_id);
  for (const contact of contacts) {
    await enqueueEmail(trx, {
      workspaceId: request.workspace_id,
      to: contact.email,
      notification: {
        template: 'request.sent',
        workspaceId: request.workspace_id,
        workspaceName: name,
        contactName: contact.display_name,
        requestNumber: request.number,
        requestTitle: request.title,
        itemCount: Number(request.item_count),
      },
    });
  }
}

/**
 * Tells the contact who answered that their answer came back, with the reason; when that contact
 * is gone, every contact of the customer, so the request does not stall unseen.
 */
export async function enqueueItemReturnedEmails(trx: Kysely<DB>, request: InformationRequestRow, item: InformationRequestItemRow, reason: string): Promise<void> {
  const answeredBy = item.answered_by_contact_id
    ? await trx.selectFrom('portal_contacts').select(['email', 'display_name']).where('id', '=', item.answered_by_contact_id).where('customer_id', '=', request.customer_id).executeTakeFirst()
    : undefined;
  const contacts = answeredBy ? [answeredBy] : await customerContacts(trx, request.customer_id);
  const name = await workspaceName(trx, request.workspace_id);
  for (const contact of contacts) {
    await enqueueEmail(trx, {
      workspaceId: request.workspace_id,
      to: contact.email,
      notification: {
        template: 'request.item_returned',
        workspaceId: request.workspace_id,
        workspaceName: name,
        contactName: contact.display_name,
        requestNumber: request.number,
        requestTitle: request.title,
        itemPrompt: item.prompt,
        reason,
      },
    });
  }
}

/**
 * Tells the team a contact answered an item: the member who sent the request and, when it is
 * someone else, the assignee of the request's open follow-up (active members only). A request sent
 * with an API key whose follow-up nobody is assigned emails nobody: the webhook serves backends.
 * Each answer has its own audit event, and the dedupe key names it and the member, so one answer
 * is one email per member; a retry with the same Idempotency-Key never gets here again.
 */
export async function enqueueItemAnsweredEmails(
  trx: Kysely<DB>,
  request: InformationRequestRow,
  item: InformationRequestItemRow,
  followUp: FollowUpRow,
  answer: { auditEventId: string; contactName: string },
): Promise<number> {
  const memberIds = [...new Set([request.sent_by_type === 'member' ? request.sent_by_id : null, followUp.assignee_member_id].filter((id): id is string => id !== null))];
  if (!memberIds.length) return 0;
  const members = await trx
    .selectFrom('members as m')
    .leftJoin('people as p', 'p.id', 'm.person_id')
    .select(['m.id', 'm.email', 'p.name'])
    .where('m.workspace_id', '=', request.workspace_id)
    .where('m.status', '=', 'active')
    .where('m.id', 'in', memberIds)
    .execute();
  if (!members.length) return 0;
  const names = await trx
    .selectFrom('workspaces')
    .innerJoin('customers', 'customers.workspace_id', 'workspaces.id')
    .select(['workspaces.name as workspaceName', 'customers.name as customerName'])
    .where('workspaces.id', '=', request.workspace_id)
    .where('customers.id', '=', request.customer_id)
    .executeTakeFirstOrThrow();
  let enqueued = 0;
  // The sender first, then the assignee: the order the team reads them in the outbox.
  for (const memberId of memberIds) {
    const member = members.find((candidate) => candidate.id === memberId);
    if (!member) continue;
    const inserted = await enqueueEmail(trx, {
      workspaceId: request.workspace_id,
      to: member.email,
      dedupeKey: `request.item_answered:${answer.auditEventId}:${member.id}`,
      notification: {
        template: 'request.item_answered',
        // The team knows its workspace by its own name, not the brand the portal shows customers.
        workspaceName: names.workspaceName,
        memberName: member.name ?? member.email,
        contactName: answer.contactName,
        customerName: names.customerName,
        requestNumber: request.number,
        requestTitle: request.title,
        itemPosition: Number(item.position),
        itemPrompt: item.prompt,
        itemKind: item.kind,
      },
    });
    if (inserted) enqueued++;
  }
  return enqueued;
}

import type { Kysely } from 'kysely';
import { toMajorString } from '../../../sdk/contract/money.js';
import type { DB, FollowUpRow } from '../../db/schema.js';
import type { EstimateRow } from '../finance/schema.js';
import { enqueueEmail, enqueueWebhookEvent } from '../outbox/repository.js';

/** An amount as an email states it: exact, in major units, with the currency code (`1234.50 USD`). */
export function emailAmount(amount: number, currency: string): string {
  return `${toMajorString(amount, currency)} ${currency}`;
}

/** What every estimate webhook carries about the estimate. */
export function estimateEventData(row: EstimateRow): Record<string, unknown> {
  return {
    estimateId: row.id,
    number: row.number,
    title: row.title,
    customerId: row.customer_id,
    projectId: row.project_id,
    currency: row.currency,
    total: Number(row.total),
    validUntil: row.valid_until,
    version: Number(row.version),
    sentAt: row.sent_at,
  };
}

/**
 * The "please review" email to every portal contact of the customer and the `estimate.sent`
 * webhook; call in the transaction that sends the estimate. Answers how many contacts it emailed.
 */
export async function enqueueEstimateSent(trx: Kysely<DB>, row: EstimateRow): Promise<number> {
  const contacts = await trx.selectFrom('portal_contacts').select(['email', 'display_name']).where('customer_id', '=', row.customer_id).orderBy('created_at').orderBy('id').execute();
  const workspace = await trx.selectFrom('workspaces').select(['name', 'brand_name']).where('id', '=', row.workspace_id).executeTakeFirstOrThrow();
  for (const contact of contacts) {
    await enqueueEmail(trx, {
      workspaceId: row.workspace_id,
      to: contact.email,
      notification: {
        template: 'estimate.sent',
        workspaceId: row.workspace_id,
        workspaceName: workspace.brand_name ?? workspace.name,
        contactName: contact.display_name,
        estimateNumber: row.number,
        estimateTitle: row.title,
        total: emailAmount(Number(row.total), row.currency),
        validUntil: row.valid_until,
      },
    });
  }
  await enqueueWebhookEvent(trx, { workspaceId: row.workspace_id, type: 'estimate.sent', data: estimateEventData(row) });
  return contacts.length;
}

/**
 * Tells the team a contact decided, as an answered request does: the member who sent the estimate
 * and, when it is someone else, the assignee of its follow-up (active members only). An estimate
 * sent with an API key whose follow-up nobody is assigned emails nobody: the webhook serves
 * backends. The dedupe key names the decision's audit event and the member: one email each.
 */
export async function enqueueEstimateDecidedEmails(
  trx: Kysely<DB>,
  row: EstimateRow,
  followUp: FollowUpRow,
  decision: { kind: 'approved' | 'declined'; auditEventId: string; contactName: string },
): Promise<number> {
  const memberIds = [...new Set([row.sent_by_type === 'member' ? row.sent_by_id : null, followUp.assignee_member_id].filter((id): id is string => id !== null))];
  if (!memberIds.length) return 0;
  const members = await trx
    .selectFrom('members as m')
    .leftJoin('people as p', 'p.id', 'm.person_id')
    .select(['m.id', 'm.email', 'p.name'])
    .where('m.workspace_id', '=', row.workspace_id)
    .where('m.status', '=', 'active')
    .where('m.id', 'in', memberIds)
    .execute();
  if (!members.length) return 0;
  const names = await trx
    .selectFrom('workspaces')
    .innerJoin('customers', 'customers.workspace_id', 'workspaces.id')
    .select(['workspaces.name as workspaceName', 'customers.name as customerName'])
    .where('workspaces.id', '=', row.workspace_id)
    .where('customers.id', '=', row.customer_id)
    .executeTakeFirstOrThrow();
  let enqueued = 0;
  for (const memberId of memberIds) {
    const member = members.find((candidate) => candidate.id === memberId);
    if (!member) continue;
    const inserted = await enqueueEmail(trx, {
      workspaceId: row.workspace_id,
      to: member.email,
      dedupeKey: `estimate.${decision.kind}:${decision.auditEventId}:${member.id}`,
      notification: {
        template: decision.kind === 'approved' ? 'estimate.approved' : 'estimate.declined',
        workspaceName: names.workspaceName,
        memberName: member.name ?? member.email,
        contactName: decision.contactName,
        customerName: names.customerName,
        estimateNumber: row.number,
        estimateTitle: row.title,
        total: emailAmount(Number(row.total), row.currency),
        version: Number(row.approved_version ?? row.version),
        approvedName: row.approved_name,
        reason: row.declined_reason,
      },
    });
    if (inserted) enqueued++;
  }
  return enqueued;
}

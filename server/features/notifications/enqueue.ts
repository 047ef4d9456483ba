import type { Kysely } from 'kysely';
import type { DB, ProposalRow, WorkspaceRole } from '../../db/schema.js';
import { enqueueEmail } from '../outbox/repository.js';

async function workspaceName(trx: Kysely<DB>, workspaceId: string): Promise<string> {
  const row = await trx.selectFrom('workspaces').select('name').where('id', '=', workspaceId).executeTakeFirstOrThrow();
  return row.name;
}

/** One email per portal contact of the proposal's customer; call in the transaction that sends it. */
export async function enqueueProposalSentEmails(trx: Kysely<DB>, proposal: ProposalRow): Promise<number> {
  const contacts = await trx.selectFrom('portal_contacts').select(['email', 'display_name']).where('customer_id', '=', proposal.customer_id).orderBy('created_at').execute();
  const name = await workspaceName(trx, proposal.workspace_id);
  for (const contact of contacts) {
    await enqueueEmail(trx, {
      workspaceId: proposal.workspace_id,
      to: contact.email,
      notification: {
        template: 'proposal.sent',
        workspaceId: proposal.workspace_id,
        workspaceName: name,
        contactName: contact.display_name,
        proposalNumber: proposal.number,
        proposalTitle: proposal.title,
        expiresAt: proposal.expires_at,
      },
    });
  }
  return contacts.length;
}

/** The invitation email; call in the transaction that creates the invitation. */
export async function enqueueInvitationEmail(
  trx: Kysely<DB>,
  invitation: { workspaceId: string; email: string; role: WorkspaceRole; expiresAt: string; invitedByName: string | null },
): Promise<void> {
  await enqueueEmail(trx, {
    workspaceId: invitation.workspaceId,
    to: invitation.email,
    notification: {
      template: 'member.invited',
      workspaceName: await workspaceName(trx, invitation.workspaceId),
      role: invitation.role,
      invitedByName: invitation.invitedByName,
      expiresAt: invitation.expiresAt,
    },
  });
}

/** Tells a member a follow-up is now theirs; call in the transaction that assigns it. */
export async function enqueueFollowUpAssignedEmail(
  trx: Kysely<DB>,
  assignment: { workspaceId: string; memberEmail: string; memberName: string; summary: string; customerName: string; dueAt: string | null },
): Promise<void> {
  await enqueueEmail(trx, {
    workspaceId: assignment.workspaceId,
    to: assignment.memberEmail,
    notification: {
      template: 'follow_up.assigned',
      workspaceName: await workspaceName(trx, assignment.workspaceId),
      memberName: assignment.memberName,
      summary: assignment.summary,
      customerName: assignment.customerName,
      dueAt: assignment.dueAt,
    },
  });
}

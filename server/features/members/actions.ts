import type { CreateInvitation } from '../../../sdk/contract/members.js';
import type { Database } from '../../db/database.js';
import type { WorkspaceRole } from '../../db/schema.js';
import { Problem } from '../../lib/problem.js';
import type { WorkspacePrincipal } from '../../plugins/auth.js';
import { appendAuditEvent } from '../audit/repository.js';
import { enqueueInvitationEmail } from '../notifications/enqueue.js';
import { countSeats, createInvitation, findMembership, findMembershipByEmail, lockWorkspace, WORKSPACE_SEATS, type MemberRow } from './repository.js';

/**
 * Invites a person by email with a role: a seat is taken, the invitation audited and its email
 * queued in one transaction, so an invitation is emailed if and only if it exists.
 */
export async function inviteMember({ db, dialect }: Database, principal: WorkspacePrincipal, input: CreateInvitation): Promise<MemberRow> {
  const { workspaceId } = principal;
  if (input.role === 'owner') requireOwner(principal);
  return db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, dialect, workspaceId);
    const existing = await findMembershipByEmail(trx, workspaceId, input.email);
    if (existing?.status === 'active') throw new Problem(409, 'already_member', 'Already a member', `${existing.email} is already a member of this workspace.`);
    if (existing) throw new Problem(409, 'invitation_exists', 'Already invited', `${existing.email} already has a pending invitation.`);
    if ((await countSeats(trx, workspaceId)) >= WORKSPACE_SEATS) {
      throw new Problem(
        409,
        'member_limit_reached',
        'Member limit reached',
        `A workspace has its owner plus at most ${WORKSPACE_SEATS - 1} more members, pending invitations included. Remove a member or revoke an invitation first.`,
      );
    }
    const inviter = principal.actorType === 'member' ? await findMembership(trx, workspaceId, principal.actorId, 'active') : undefined;
    const invitation = await createInvitation(trx, workspaceId, {
      email: input.email,
      role: input.role,
      invitedBy: principal.actorType === 'member' ? principal.actorId : null,
    });
    await appendAuditEvent(trx, dialect, principal, {
      action: 'member.invited',
      subjectType: 'member',
      subjectId: invitation.id,
      customerId: null,
      data: { email: invitation.email, role: invitation.role },
    });
    // createInvitation always sets it (INVITATION_VALID_MS); the column is nullable for active members.
    if (invitation.expires_at === null) throw new Error('an invitation without an expiry');
    await enqueueInvitationEmail(trx, {
      workspaceId,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expires_at,
      invitedByName: inviter ? (inviter.name ?? inviter.email) : null,
    });
    return invitation;
  });
}

/** The owner role is granted, taken away and removed only by an owner. */
export function requireOwner(principal: WorkspacePrincipal): void {
  const role: WorkspaceRole | null = principal.actorType === 'member' ? principal.role : null;
  if (role !== 'owner') throw new Problem(403, 'owner_role_required', 'Owner role required', 'Only an owner may grant, take away or remove the owner role.');
}

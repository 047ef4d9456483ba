import type { FastifyPluginAsync } from 'fastify';
import type { Transaction } from 'kysely';
import { invitationEndpoints, memberEndpoints } from '../../../sdk/contract/members.js';
import type { DB } from '../../db/schema.js';
import { notFound, Problem } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import type { WorkspacePrincipal } from '../../plugins/auth.js';
import { appendAuditEvent } from '../audit/repository.js';
import { inviteMember, requireOwner } from './actions.js';
import {
  countActiveOwners,
  deleteMembership,
  findMembership,
  listInvitations,
  listMembers,
  lockWorkspace,
  toInvitation,
  toMember,
  updateMemberRole,
  type MemberRow,
} from './repository.js';

export const memberWorkspaceRoutes: FastifyPluginAsync = async (app) => {
  route(app, memberEndpoints.list, (request) => listMembers(app.db, request.workspace.workspaceId, request.query.limit ?? 20, request.query.cursor));

  route(app, memberEndpoints.invite, async (request) => toInvitation(await inviteMember(app, request.workspace, request.body)));

  route(app, memberEndpoints.update, async (request) => {
    const { workspaceId } = request.workspace;
    const { role } = request.body;
    return app.db.transaction().execute(async (trx) => {
      await lockWorkspace(trx, app.dialect, workspaceId);
      const member = await findMembership(trx, workspaceId, request.params.memberId, 'active');
      if (!member) throw notFound('member');
      if (member.role === role) return toMember(member);
      if (member.role === 'owner' || role === 'owner') requireOwner(request.workspace);
      if (member.role === 'owner') await keepAnOwner(trx, workspaceId);
      await updateMemberRole(trx, member.id, role);
      await audit(trx, request.workspace, 'member.role_changed', member, { from: member.role, to: role });
      return toMember({ ...member, role });
    });
  });

  route(app, memberEndpoints.remove, async (request) => {
    const { workspaceId } = request.workspace;
    await app.db.transaction().execute(async (trx) => {
      await lockWorkspace(trx, app.dialect, workspaceId);
      const member = await findMembership(trx, workspaceId, request.params.memberId, 'active');
      if (!member) throw notFound('member');
      if (member.role === 'owner') {
        requireOwner(request.workspace);
        await keepAnOwner(trx, workspaceId);
      }
      // What the delete did decides the answer, not the read above.
      if (!(await deleteMembership(trx, member.id))) throw notFound('member');
      await audit(trx, request.workspace, 'member.removed', member, { email: member.email, role: member.role });
    });
    return null;
  });

  route(app, invitationEndpoints.list, (request) => listInvitations(app.db, request.workspace.workspaceId, request.query.limit ?? 20, request.query.cursor));

  route(app, invitationEndpoints.create, async (request) => toInvitation(await inviteMember(app, request.workspace, request.body)));

  route(app, invitationEndpoints.revoke, async (request) => {
    const { workspaceId } = request.workspace;
    await app.db.transaction().execute(async (trx) => {
      await lockWorkspace(trx, app.dialect, workspaceId);
      const invitation = await findMembership(trx, workspaceId, request.params.invitationId, 'invited');
      if (!invitation) throw notFound('invitation');
      if (invitation.role === 'owner') requireOwner(request.workspace);
      if (!(await deleteMembership(trx, invitation.id))) throw notFound('invitation');
      await audit(trx, request.workspace, 'invitation.revoked', invitation, { email: invitation.email, role: invitation.role });
    });
    return null;
  });

  function audit(trx: Transaction<DB>, principal: WorkspacePrincipal, action: string, member: MemberRow, data: Record<string, unknown>) {
    return appendAuditEvent(trx, app.dialect, principal, {
      action,
      subjectType: 'member',
      subjectId: member.id,
      customerId: null,
      data,
    });
  }
};

/** Call before an owner is demoted or removed, with the workspace locked. */
async function keepAnOwner(trx: Transaction<DB>, workspaceId: string): Promise<void> {
  if ((await countActiveOwners(trx, workspaceId)) <= 1) {
    throw new Problem(409, 'last_owner', 'Last owner', 'A workspace always keeps an owner: make someone else owner first.');
  }
}

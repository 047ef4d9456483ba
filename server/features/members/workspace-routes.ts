import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Transaction } from 'kysely';
import { Type } from 'typebox';
import { Page, PageQuery, ProblemResponses } from '../../../sdk/contract/common.js';
import { CreateInvitation, Invitation, InvitationParams, Member, MemberParams, UpdateMember } from '../../../sdk/contract/members.js';
import type { DB, WorkspaceRole } from '../../db/schema.js';
import { notFound, Problem } from '../../lib/problem.js';
import type { WorkspacePrincipal } from '../../plugins/auth.js';
import { appendAuditEvent } from '../audit/repository.js';
import {
  countActiveOwners,
  countSeats,
  createInvitation,
  deleteMembership,
  findMembership,
  findMembershipByEmail,
  listInvitations,
  listMembers,
  lockWorkspace,
  toInvitation,
  toMember,
  updateMemberRole,
  WORKSPACE_SEATS,
  type MemberRow,
} from './repository.js';

const INVITE_DESCRIPTION = `The invitee joins by signing in with Google as that email. A workspace has its owner plus at most ${WORKSPACE_SEATS - 1} more members, and pending invitations hold a seat: beyond that the answer is \`409 member_limit_reached\`. \`409 already_member\` / \`invitation_exists\` for an email already in the workspace. Only an owner may invite an owner (\`403 owner_role_required\`).`;

export const memberWorkspaceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/members',
    {
      config: { permission: 'members.read' },
      schema: {
        tags: ['workspace'],
        summary: 'List the members of the workspace, in the order they joined',
        description: 'Pending invitations are listed by `GET /v1/workspace/invitations`.',
        querystring: PageQuery,
        response: { 200: Page(Member), ...ProblemResponses },
      },
    },
    (request) => listMembers(app.db, request.workspace.workspaceId, request.query.limit ?? 20, request.query.cursor),
  );

  app.post(
    '/members',
    {
      config: { permission: 'members.manage' },
      schema: {
        tags: ['workspace'],
        summary: 'Invite a member by email (the same as POST /v1/workspace/invitations)',
        description: `Members are never added directly: this creates an invitation and answers with it. ${INVITE_DESCRIPTION}`,
        body: CreateInvitation,
        response: { 201: Invitation, ...ProblemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(toInvitation(await invite(request.workspace, request.body))),
  );

  app.patch(
    '/members/:memberId',
    {
      config: { permission: 'members.manage' },
      schema: {
        tags: ['workspace'],
        summary: "Change a member's role; it applies to their next request",
        description:
          'Only an owner may make someone an owner or change an owner\'s role (`403 owner_role_required`). The last owner cannot be demoted (`409 last_owner`).',
        params: MemberParams,
        body: UpdateMember,
        response: { 200: Member, ...ProblemResponses },
      },
    },
    async (request) => {
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
    },
  );

  app.delete(
    '/members/:memberId',
    {
      config: { permission: 'members.manage' },
      schema: {
        tags: ['workspace'],
        summary: 'Remove a member; their sessions end at once',
        description: 'Only an owner may remove an owner (`403 owner_role_required`); the last owner cannot be removed (`409 last_owner`).',
        params: MemberParams,
        response: { 204: Type.Null(), ...ProblemResponses },
      },
    },
    async (request, reply) => {
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
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/invitations',
    {
      config: { permission: 'members.read' },
      schema: {
        tags: ['workspace'],
        summary: 'List pending invitations, oldest first',
        querystring: PageQuery,
        response: { 200: Page(Invitation), ...ProblemResponses },
      },
    },
    (request) => listInvitations(app.db, request.workspace.workspaceId, request.query.limit ?? 20, request.query.cursor),
  );

  app.post(
    '/invitations',
    {
      config: { permission: 'members.manage' },
      schema: {
        tags: ['workspace'],
        summary: 'Invite a member by email with a role',
        description: INVITE_DESCRIPTION,
        body: CreateInvitation,
        response: { 201: Invitation, ...ProblemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(toInvitation(await invite(request.workspace, request.body))),
  );

  app.delete(
    '/invitations/:invitationId',
    {
      config: { permission: 'members.manage' },
      schema: {
        tags: ['workspace'],
        summary: 'Revoke a pending invitation and free its seat',
        description: 'Only an owner may revoke an invitation to become owner (`403 owner_role_required`). An accepted invitation is a member: remove it with `DELETE /v1/workspace/members/{memberId}`.',
        params: InvitationParams,
        response: { 204: Type.Null(), ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const { workspaceId } = request.workspace;
      await app.db.transaction().execute(async (trx) => {
        await lockWorkspace(trx, app.dialect, workspaceId);
        const invitation = await findMembership(trx, workspaceId, request.params.invitationId, 'invited');
        if (!invitation) throw notFound('invitation');
        if (invitation.role === 'owner') requireOwner(request.workspace);
        if (!(await deleteMembership(trx, invitation.id))) throw notFound('invitation');
        await audit(trx, request.workspace, 'invitation.revoked', invitation, { email: invitation.email, role: invitation.role });
      });
      return reply.code(204).send(null);
    },
  );

  function invite(principal: WorkspacePrincipal, input: CreateInvitation): Promise<MemberRow> {
    const { workspaceId } = principal;
    if (input.role === 'owner') requireOwner(principal);
    return app.db.transaction().execute(async (trx) => {
      await lockWorkspace(trx, app.dialect, workspaceId);
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
      const invitation = await createInvitation(trx, workspaceId, {
        email: input.email,
        role: input.role,
        invitedBy: principal.actorType === 'member' ? principal.actorId : null,
      });
      await audit(trx, principal, 'member.invited', invitation, { email: invitation.email, role: invitation.role });
      return invitation;
    });
  }

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

/** The owner role is granted, taken away and removed only by an owner. */
function requireOwner(principal: WorkspacePrincipal): void {
  const role: WorkspaceRole | null = principal.actorType === 'member' ? principal.role : null;
  if (role !== 'owner') throw new Problem(403, 'owner_role_required', 'Owner role required', 'Only an owner may grant, take away or remove the owner role.');
}

/** Call before an owner is demoted or removed, with the workspace locked. */
async function keepAnOwner(trx: Transaction<DB>, workspaceId: string): Promise<void> {
  if ((await countActiveOwners(trx, workspaceId)) <= 1) {
    throw new Problem(409, 'last_owner', 'Last owner', 'A workspace always keeps an owner: make someone else owner first.');
  }
}

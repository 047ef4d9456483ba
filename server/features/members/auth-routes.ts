import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { memberAuthEndpoints, type MemberSession } from '../../../sdk/contract/members.js';
import type { Transaction } from 'kysely';
import type { Config } from '../../config.js';
import type { DB, WorkspaceRole } from '../../db/schema.js';
import { Problem, unauthorized } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { serverSecret } from '../../lib/server-secrets.js';
import { ACCESS_TOKEN_TTL_SECONDS } from '../../plugins/auth.js';
import { appendAuditEvent } from '../audit/repository.js';
import { createWorkspace } from '../workspaces/repository.js';
import { googleIdTokenVerifier } from './google-id-token.js';
import { onboardingTokens } from './onboarding-token.js';
import { acceptInvitations, createOwner, findPerson, listMemberships, upsertPerson } from './repository.js';
import { openMemberSession, revokeMemberSession, rotateMemberRefreshToken, type OpenedMemberSession } from './sessions.js';

export interface MemberAuthOptions {
  google: Config['google'];
}

/** Unauthenticated: how a member obtains, renews and ends a session. Registered outside the workspace auth hook. */
export const memberAuthRoutes: FastifyPluginAsync<MemberAuthOptions> = async (app, options) => {
  const verifyGoogleIdToken = googleIdTokenVerifier(options.google);
  const onboarding = onboardingTokens(await serverSecret(app.db, 'member_onboarding_hs256'));

  route(app, memberAuthEndpoints.google, async (request) => {
    const identity = await verifyGoogleIdToken(request.body.idToken);
    const requested = request.body.workspaceId;
    const outcome = await app.db.transaction().execute(async (trx) => {
      const person = await upsertPerson(trx, identity);
      for (const member of await acceptInvitations(trx, person)) {
        await appendAuditEvent(trx, app.dialect, { workspaceId: member.workspace_id, actorType: 'member', actorId: member.id }, {
          action: 'member.joined',
          subjectType: 'member',
          subjectId: member.id,
          customerId: null,
          data: { email: member.email, role: member.role, invitedBy: member.invited_by },
        });
      }
      const memberships = await listMemberships(trx, person.id);
      const chosen = requested === undefined ? (memberships.length === 1 ? memberships[0] : undefined) : memberships.find((m) => m.workspaceId === requested);
      if (chosen) {
        return { status: 'signed_in' as const, session: await signIn(trx, { id: chosen.memberId, workspace_id: chosen.workspaceId, role: chosen.role }) };
      }
      if (requested !== undefined) return { status: 'not_a_member' as const };
      if (memberships.length === 0) return { status: 'onboarding' as const, person };
      return { status: 'choose_workspace' as const, workspaces: memberships.map((m) => ({ id: m.workspaceId, name: m.workspaceName, role: m.role })) };
    });
    switch (outcome.status) {
      case 'signed_in':
        return { status: outcome.status, session: memberSession(app, outcome.session) };
      case 'not_a_member':
        throw new Problem(403, 'not_a_member', 'Not a member', 'You are not a member of that workspace.');
      case 'onboarding': {
        const { token, expiresAt } = await onboarding.sign(outcome.person.id);
        return { status: outcome.status, onboardingToken: token, onboardingTokenExpiresAt: expiresAt, email: outcome.person.email };
      }
      case 'choose_workspace':
        return outcome;
    }
  });

  route(app, memberAuthEndpoints.onboard, async (request) => {
    const personId = await onboarding.verify(bearer(request) ?? '');
    const workspaceName = request.body.workspaceName.trim();
    const session = await app.db.transaction().execute(async (trx) => {
      // On PostgreSQL, a replayed token waits here and then finds the membership the first one made.
      if (app.dialect === 'postgres') await trx.selectFrom('people').select('id').where('id', '=', personId).forUpdate().execute();
      const person = await findPerson(trx, personId);
      if (!person) throw unauthorized('The onboarding token is invalid or expired; sign in with Google again.');
      if ((await listMemberships(trx, person.id)).length > 0) {
        throw new Problem(409, 'already_member', 'Already a member', 'You already belong to a workspace; sign in with Google again to enter it.');
      }
      const workspace = await createWorkspace(trx, workspaceName);
      const owner = await createOwner(trx, workspace.id, person);
      await appendAuditEvent(trx, app.dialect, { workspaceId: workspace.id, actorType: 'member', actorId: owner.id }, {
        action: 'workspace.created',
        subjectType: 'workspace',
        subjectId: workspace.id,
        customerId: null,
        data: { name: workspace.name, ownerEmail: owner.email },
      });
      return signIn(trx, owner);
    });
    return { status: 'signed_in' as const, session: memberSession(app, session) };
  });

  route(app, memberAuthEndpoints.refresh, async (request) => {
    const result = await rotateMemberRefreshToken(app.db, request.body.refreshToken);
    if (result.outcome !== 'rotated') {
      throw new Problem(401, 'invalid_refresh_token', 'Invalid refresh token', 'The refresh token is unknown, expired, revoked or already used.');
    }
    return memberSession(app, result.session);
  });

  route(app, memberAuthEndpoints.signOut, async (request) => {
    const claims = app.verifyMemberAccessToken(bearer(request));
    await app.db.transaction().execute(async (trx) => {
      const ended = await revokeMemberSession(trx, claims.sid, claims.sub);
      if (!ended) return;
      await appendAuditEvent(trx, app.dialect, { workspaceId: ended.workspace_id, actorType: 'member', actorId: claims.sub }, {
        action: 'member.signed_out',
        subjectType: 'member',
        subjectId: claims.sub,
        customerId: null,
        data: { sessionId: claims.sid },
      });
    });
    return null;
  });

  async function signIn(trx: Transaction<DB>, member: { id: string; workspace_id: string; role: WorkspaceRole }) {
    const session = await openMemberSession(trx, member);
    await appendAuditEvent(trx, app.dialect, { workspaceId: member.workspace_id, actorType: 'member', actorId: member.id }, {
      action: 'member.signed_in',
      subjectType: 'member',
      subjectId: member.id,
      customerId: null,
      data: { sessionId: session.sessionId },
    });
    return session;
  }
};

function memberSession(app: FastifyInstance, session: OpenedMemberSession): MemberSession {
  return {
    tokenType: 'Bearer',
    accessToken: app.signMemberAccessToken({ sub: session.memberId, ws: session.workspaceId, sid: session.sessionId }),
    accessTokenExpiresAt: new Date(Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000).toISOString(),
    refreshToken: session.refreshToken,
    refreshTokenExpiresAt: session.expiresAt,
    workspaceId: session.workspaceId,
    memberId: session.memberId,
    role: session.role,
  };
}

function bearer(request: FastifyRequest): string | undefined {
  return /^Bearer ([^\s]+)$/i.exec(request.headers.authorization ?? '')?.[1];
}

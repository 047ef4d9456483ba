import type { Kysely } from 'kysely';
import type { DB, WorkspaceRole } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { issueRefreshToken, rotateRefreshToken, type RefreshableSession } from '../../lib/refresh-tokens.js';
import { isoAfter, isoNow } from '../../lib/time.js';

/** However often it is refreshed, a member session ends this long after sign-in. */
export const MEMBER_SESSION_MAX_AGE_MS = 12 * 60 * 60_000;

export interface OpenedMemberSession {
  sessionId: string;
  workspaceId: string;
  memberId: string;
  role: WorkspaceRole;
  refreshToken: string;
  expiresAt: string;
}

/** Opens a session for an active member with its first refresh token (only its hash is stored). */
export async function openMemberSession(db: Kysely<DB>, member: { id: string; workspace_id: string; role: WorkspaceRole }): Promise<OpenedMemberSession> {
  const now = Date.now();
  const session = {
    id: newId('msess'),
    workspace_id: member.workspace_id,
    member_id: member.id,
    created_at: new Date(now).toISOString(),
    expires_at: isoAfter(MEMBER_SESSION_MAX_AGE_MS, now),
    revoked_at: null,
  };
  await db.insertInto('member_sessions').values(session).execute();
  // A member's refresh tokens live as long as the session: refreshing never extends it.
  const refreshToken = await issueRefreshToken(db, 'member', session.id, session.expires_at);
  return { sessionId: session.id, workspaceId: member.workspace_id, memberId: member.id, role: member.role, refreshToken, expiresAt: session.expires_at };
}

export type MemberRefreshResult = { outcome: 'rotated'; session: OpenedMemberSession } | { outcome: 'invalid' };

/** A member's session as rotation sees it (server/lib/refresh-tokens.ts). */
const memberSessions: RefreshableSession<Omit<OpenedMemberSession, 'refreshToken'>> = {
  kind: 'member',
  async load(trx, sessionId) {
    const found = await trx
      .selectFrom('member_sessions as s')
      .innerJoin('members as m', 'm.id', 's.member_id')
      .select(['s.id', 's.workspace_id', 's.member_id', 's.expires_at', 's.revoked_at', 'm.role', 'm.status'])
      .where('s.id', '=', sessionId)
      .executeTakeFirst();
    if (!found || found.revoked_at !== null || found.expires_at <= isoNow() || found.status !== 'active') return 'invalid';
    return { sessionId: found.id, workspaceId: found.workspace_id, memberId: found.member_id, role: found.role, expiresAt: found.expires_at };
  },
  nextExpiry: (session) => session.expiresAt,
  async revoke(db, sessionId) {
    await db.updateTable('member_sessions').set({ revoked_at: isoNow() }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
  },
};

/** Rotates a member's refresh token; a spent one presented again ends its session. */
export async function rotateMemberRefreshToken(db: Kysely<DB>, refreshToken: string): Promise<MemberRefreshResult> {
  const result = await rotateRefreshToken(db, memberSessions, refreshToken);
  return result.outcome === 'rotated' ? { outcome: 'rotated', session: { ...result.session, refreshToken: result.refreshToken } } : result;
}

/** Ends one session of a member; its access tokens are refused from the next request on. */
export async function revokeMemberSession(db: Kysely<DB>, sessionId: string, memberId: string): Promise<{ workspace_id: string } | undefined> {
  return db
    .updateTable('member_sessions')
    .set({ revoked_at: isoNow() })
    .where('id', '=', sessionId)
    .where('member_id', '=', memberId)
    .where('revoked_at', 'is', null)
    .returning('workspace_id')
    .executeTakeFirst();
}

import type { Kysely, Transaction } from 'kysely';
import type { DB, WorkspaceRole } from '../../db/schema.js';
import { hashSecret, newId } from '../../lib/ids.js';
import { newRefreshToken, rotateWithReuseDetection, spentOnce } from '../../lib/refresh-tokens.js';
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
  const { refreshToken, hash } = newRefreshToken('mrt');
  const now = Date.now();
  const session = {
    id: newId('msess'),
    workspace_id: member.workspace_id,
    member_id: member.id,
    created_at: new Date(now).toISOString(),
    expires_at: isoAfter(MEMBER_SESSION_MAX_AGE_MS, now),
    revoked_at: null,
    refresh_token_hash: hash,
    previous_refresh_token_hash: null,
  };
  await db.insertInto('member_sessions').values(session).execute();
  return { sessionId: session.id, workspaceId: member.workspace_id, memberId: member.id, role: member.role, refreshToken, expiresAt: session.expires_at };
}

export type MemberRefreshResult = { outcome: 'rotated'; session: OpenedMemberSession } | { outcome: 'invalid' };

/**
 * Rotates a member's refresh token (server/lib/refresh-tokens.ts). The session row holds the
 * current token's hash and the one it replaced: presenting that one again revokes the session.
 */
export async function rotateMemberRefreshToken(db: Kysely<DB>, refreshToken: string): Promise<MemberRefreshResult> {
  const presented = hashSecret(refreshToken);
  return rotateWithReuseDetection<MemberRefreshResult>(db, {
    invalid: { outcome: 'invalid' },
    rotate: (trx) => rotateMemberSession(trx, presented),
    revokeSession: async () => {
      await db
        .updateTable('member_sessions')
        .set({ revoked_at: isoNow() })
        .where((eb) => eb.or([eb('previous_refresh_token_hash', '=', presented), eb('refresh_token_hash', '=', presented)]))
        .where('revoked_at', 'is', null)
        .execute();
    },
  });
}

async function rotateMemberSession(trx: Transaction<DB>, presented: string): Promise<MemberRefreshResult | 'reused'> {
  const now = isoNow();
  const current = await trx
    .selectFrom('member_sessions as s')
    .innerJoin('members as m', 'm.id', 's.member_id')
    .select(['s.id', 's.workspace_id', 's.member_id', 's.expires_at', 's.revoked_at', 'm.role', 'm.status'])
    .where('s.refresh_token_hash', '=', presented)
    .executeTakeFirst();
  if (!current) {
    const replayed = await trx.selectFrom('member_sessions').select('id').where('previous_refresh_token_hash', '=', presented).executeTakeFirst();
    return replayed ? 'reused' : { outcome: 'invalid' };
  }
  if (current.revoked_at !== null || current.expires_at <= now || current.status !== 'active') return { outcome: 'invalid' };
  const next = newRefreshToken('mrt');
  const rotated = await trx
    .updateTable('member_sessions')
    .set({ refresh_token_hash: next.hash, previous_refresh_token_hash: presented })
    .where('id', '=', current.id)
    .where('refresh_token_hash', '=', presented)
    .executeTakeFirst();
  // A concurrent refresh with the same token got there first: the same token was used twice.
  if (!spentOnce(rotated)) return 'reused';
  return {
    outcome: 'rotated',
    session: { sessionId: current.id, workspaceId: current.workspace_id, memberId: current.member_id, role: current.role, refreshToken: next.refreshToken, expiresAt: current.expires_at },
  };
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

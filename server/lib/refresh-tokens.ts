import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { hashSecret, newSecret } from './ids.js';
import { isoNow } from './time.js';

/**
 * The one design for rotating refresh tokens, shared by portal contacts and workspace members.
 *
 * Every token is a row of `refresh_tokens`: only its hash is stored, with the session it renews (a
 * portal session or a member session; the session is the token family) and its expiry. Each use
 * spends the presented token and issues the next. Presenting a spent token means it was copied, so
 * the whole session is revoked, for the thief and the owner alike; signing out revokes it too.
 */
const SESSION_KINDS = {
  portal: { column: 'portal_session_id', prefix: 'prt' },
  member: { column: 'member_session_id', prefix: 'mrt' },
} as const;

export type RefreshSessionKind = keyof typeof SESSION_KINDS;

/** How one kind of session takes part in rotation. */
export interface RefreshableSession<Session extends object, Refusal extends string = never> {
  kind: RefreshSessionKind;
  /**
   * Reads, in the rotation's transaction, the session a presented token belongs to: the session
   * while it may be renewed, `invalid` once it has ended, or a refusal of its own (a portal that
   * is switched off), which is answered before anything else is checked or spent.
   */
  load(trx: Transaction<DB>, sessionId: string): Promise<Session | 'invalid' | Refusal>;
  /** When the next token stops working; never after its session ends. */
  nextExpiry(session: Session): string;
  /** Ends the session, once one of its spent tokens has been presented again. */
  revoke(db: Kysely<DB>, sessionId: string): Promise<void>;
}

export type Rotation<Session, Refusal extends string = never> =
  | { outcome: 'rotated'; session: Session; refreshToken: string; refreshTokenExpiresAt: string }
  | { outcome: 'invalid' | Refusal };

/** Stores a new refresh token for a session and answers it; only its hash is kept. */
export async function issueRefreshToken(db: Kysely<DB>, kind: RefreshSessionKind, sessionId: string, expiresAt: string): Promise<string> {
  const refreshToken = newSecret(SESSION_KINDS[kind].prefix);
  await db
    .insertInto('refresh_tokens')
    .values({
      token_hash: hashSecret(refreshToken),
      portal_session_id: kind === 'portal' ? sessionId : null,
      member_session_id: kind === 'member' ? sessionId : null,
      expires_at: expiresAt,
      used_at: null,
      created_at: isoNow(),
    })
    .execute();
  return refreshToken;
}

/**
 * Spends a presented refresh token and issues the next, in one transaction. A token that was
 * already spent revokes its session (after that transaction) and is answered like any unusable one.
 */
export async function rotateRefreshToken<Session extends object, Refusal extends string = never>(
  db: Kysely<DB>,
  subject: RefreshableSession<Session, Refusal>,
  refreshToken: string,
): Promise<Rotation<Session, Refusal>> {
  const presented = hashSecret(refreshToken);
  const outcome = await db.transaction().execute((trx) => spend(trx, subject, presented));
  if (!('reusedIn' in outcome)) return outcome;
  await subject.revoke(db, outcome.reusedIn);
  return { outcome: 'invalid' };
}

async function spend<Session extends object, Refusal extends string>(
  trx: Transaction<DB>,
  subject: RefreshableSession<Session, Refusal>,
  presented: string,
): Promise<Rotation<Session, Refusal> | { reusedIn: string }> {
  const now = isoNow();
  const { column } = SESSION_KINDS[subject.kind];
  const token = await trx
    .selectFrom('refresh_tokens')
    .select([`${column} as session_id`, 'expires_at', 'used_at'])
    .where('token_hash', '=', presented)
    .executeTakeFirst();
  // A member's token presented as a contact's (or the reverse) is unknown here.
  const sessionId = token?.session_id;
  if (!token || !sessionId) return { outcome: 'invalid' };
  const session = await subject.load(trx, sessionId);
  if (typeof session === 'string') return { outcome: session };
  if (token.expires_at <= now) return { outcome: 'invalid' };
  if (token.used_at !== null) return { reusedIn: sessionId };
  // The conditional update is also the check: of concurrent uses of one token, only one updates it.
  const spent = await trx.updateTable('refresh_tokens').set({ used_at: now }).where('token_hash', '=', presented).where('used_at', 'is', null).executeTakeFirst();
  if (spent.numUpdatedRows !== 1n) return { reusedIn: sessionId };
  const refreshTokenExpiresAt = subject.nextExpiry(session);
  const next = await issueRefreshToken(trx, subject.kind, sessionId, refreshTokenExpiresAt);
  return { outcome: 'rotated', session, refreshToken: next, refreshTokenExpiresAt };
}

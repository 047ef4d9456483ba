import type { Kysely, Transaction } from 'kysely';
import type { DB, PortalSessionTable } from '../../db/schema.js';
import { hashSecret, newId, newSecret } from '../../lib/ids.js';
import { newRefreshToken, rotateWithReuseDetection, spentOnce } from '../../lib/refresh-tokens.js';
import { isoAfter, isoNow } from '../../lib/time.js';

export const CLIENT_SECRET_TTL_MS = 5 * 60_000;
export const REFRESH_TOKEN_TTL_MS = 12 * 60 * 60_000;
/** However often it is refreshed, a session ends this long after sign-in. */
export const SESSION_MAX_AGE_MS = 30 * 24 * 60 * 60_000;

export async function mintClientSecret(db: Kysely<DB>, workspaceId: string, contactId: string, origin: string | null = null) {
  const clientSecret = newSecret('pcs');
  const expiresAt = isoAfter(CLIENT_SECRET_TTL_MS);
  await db
    .insertInto('portal_session_secrets')
    .values({
      id: newId('pss'),
      workspace_id: workspaceId,
      contact_id: contactId,
      secret_hash: hashSecret(clientSecret),
      origin,
      expires_at: expiresAt,
      used_at: null,
      created_at: isoNow(),
    })
    .execute();
  return { clientSecret, expiresAt };
}

type Session = Pick<PortalSessionTable, 'id' | 'workspace_id' | 'customer_id' | 'contact_id' | 'expires_at'>;

/**
 * Spends a client secret. The update that marks it used is also the check, so two concurrent
 * exchanges of one secret cannot both succeed. Returns what the caller must still verify.
 */
export async function spendClientSecret(trx: Transaction<DB>, clientSecret: string) {
  const now = isoNow();
  const spent = await trx
    .updateTable('portal_session_secrets')
    .set({ used_at: now })
    .where('secret_hash', '=', hashSecret(clientSecret))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['workspace_id', 'contact_id', 'origin'])
    .executeTakeFirst();
  if (!spent) return undefined;
  const contact = await trx
    .selectFrom('portal_contacts as c')
    .innerJoin('workspaces as w', 'w.id', 'c.workspace_id')
    .select(['c.id', 'c.customer_id', 'c.workspace_id', 'w.portal_enabled'])
    .where('c.id', '=', spent.contact_id)
    .where('c.workspace_id', '=', spent.workspace_id)
    .executeTakeFirst();
  return contact && { ...contact, origin: spent.origin };
}

/** Opens a session for a contact, bound to one customer, with its first refresh token. */
export async function openPortalSession(trx: Transaction<DB>, contact: { id: string; customer_id: string; workspace_id: string }) {
  const session: Session = {
    id: newId('sess'),
    workspace_id: contact.workspace_id,
    customer_id: contact.customer_id,
    contact_id: contact.id,
    expires_at: isoAfter(SESSION_MAX_AGE_MS),
  };
  await trx.insertInto('portal_sessions').values({ ...session, created_at: isoNow(), revoked_at: null }).execute();
  return { session, ...(await issueRefreshToken(trx, session)) };
}

/**
 * Signs a session out: its refresh tokens stop working and its access tokens are refused.
 * Returns the session only when this call ended it (undefined: unknown, or already ended).
 */
export async function revokePortalSession(db: Kysely<DB>, sessionId: string, contactId?: string) {
  return db
    .updateTable('portal_sessions')
    .set({ revoked_at: isoNow() })
    .where('id', '=', sessionId)
    .$if(contactId !== undefined, (q) => q.where('contact_id', '=', contactId ?? ''))
    .where('revoked_at', 'is', null)
    .returning(['id', 'workspace_id', 'customer_id', 'contact_id'])
    .executeTakeFirst();
}

/** Ends every session of a contact of this workspace's customer, e.g. when the workspace suspects a leaked link. */
export async function revokeContactSessions(db: Kysely<DB>, contactId: string, owner: { workspaceId: string; customerId?: string }): Promise<number> {
  const result = await db
    .updateTable('portal_sessions')
    .set({ revoked_at: isoNow() })
    .where('contact_id', '=', contactId)
    .where('workspace_id', '=', owner.workspaceId)
    .$if(owner.customerId !== undefined, (q) => q.where('customer_id', '=', owner.customerId ?? ''))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export type RefreshResult =
  | { outcome: 'rotated'; session: Session; refreshToken: string; refreshTokenExpiresAt: string }
  | { outcome: 'invalid' | 'portal_disabled' };

/**
 * Rotates a refresh token (server/lib/refresh-tokens.ts). Each token is a row of its own,
 * marked used when spent; presenting a used one revokes the session.
 */
export async function rotateRefreshToken(db: Kysely<DB>, refreshToken: string): Promise<RefreshResult> {
  const presented = hashSecret(refreshToken);
  return rotateWithReuseDetection<RefreshResult>(db, {
    invalid: { outcome: 'invalid' },
    rotate: (trx) => rotatePortalRefreshToken(trx, presented),
    revokeSession: async () => {
      const token = await db.selectFrom('portal_refresh_tokens').select('session_id').where('token_hash', '=', presented).executeTakeFirst();
      if (token) await revokePortalSession(db, token.session_id);
    },
  });
}

async function rotatePortalRefreshToken(trx: Transaction<DB>, presented: string): Promise<RefreshResult | 'reused'> {
  const now = isoNow();
  const token = await trx
    .selectFrom('portal_refresh_tokens as t')
    .innerJoin('portal_sessions as s', 's.id', 't.session_id')
    .innerJoin('portal_contacts as c', 'c.id', 's.contact_id')
    .innerJoin('workspaces as w', 'w.id', 's.workspace_id')
    .select(['w.portal_enabled', 't.id', 't.used_at', 't.expires_at', 's.id as session_id', 's.workspace_id', 's.customer_id', 's.contact_id', 's.expires_at as session_expires_at', 's.revoked_at'])
    .where('t.token_hash', '=', presented)
    .executeTakeFirst();
  if (token && !token.portal_enabled) return { outcome: 'portal_disabled' };
  if (!token || token.revoked_at !== null || token.session_expires_at <= now || token.expires_at <= now) return { outcome: 'invalid' };
  if (token.used_at !== null) return 'reused';
  const spent = await trx
    .updateTable('portal_refresh_tokens')
    .set({ used_at: now })
    .where('id', '=', token.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (!spentOnce(spent)) return 'reused';
  const session: Session = {
    id: token.session_id,
    workspace_id: token.workspace_id,
    customer_id: token.customer_id,
    contact_id: token.contact_id,
    expires_at: token.session_expires_at,
  };
  return { outcome: 'rotated', session, ...(await issueRefreshToken(trx, session)) };
}

async function issueRefreshToken(db: Kysely<DB>, session: Session) {
  const { refreshToken, hash } = newRefreshToken('prt');
  const expiry = Math.min(Date.now() + REFRESH_TOKEN_TTL_MS, Date.parse(session.expires_at));
  const refreshTokenExpiresAt = new Date(expiry).toISOString();
  await db
    .insertInto('portal_refresh_tokens')
    .values({
      id: newId('prt'),
      session_id: session.id,
      token_hash: hash,
      expires_at: refreshTokenExpiresAt,
      used_at: null,
      created_at: isoNow(),
    })
    .execute();
  return { refreshToken, refreshTokenExpiresAt };
}

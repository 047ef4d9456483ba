import type { Kysely, Transaction } from 'kysely';
import type { DB, PortalSessionTable } from '../../db/schema.js';
import { hashSecret, newId, newSecret } from '../../lib/ids.js';
import { issueRefreshToken, rotateRefreshToken, type RefreshableSession, type Rotation } from '../../lib/refresh-tokens.js';
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
  const refreshTokenExpiresAt = portalSessions.nextExpiry(session);
  return { session, refreshToken: await issueRefreshToken(trx, 'portal', session.id, refreshTokenExpiresAt), refreshTokenExpiresAt };
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

export type RefreshResult = Rotation<Session, 'portal_disabled'>;

/** A contact's session as rotation sees it (server/lib/refresh-tokens.ts). */
const portalSessions: RefreshableSession<Session, 'portal_disabled'> = {
  kind: 'portal',
  async load(trx, sessionId) {
    const found = await trx
      .selectFrom('portal_sessions as s')
      .innerJoin('portal_contacts as c', 'c.id', 's.contact_id')
      .innerJoin('workspaces as w', 'w.id', 's.workspace_id')
      .select(['w.portal_enabled', 's.id', 's.workspace_id', 's.customer_id', 's.contact_id', 's.expires_at', 's.revoked_at'])
      .where('s.id', '=', sessionId)
      .executeTakeFirst();
    if (found && !found.portal_enabled) return 'portal_disabled';
    if (!found || found.revoked_at !== null || found.expires_at <= isoNow()) return 'invalid';
    return { id: found.id, workspace_id: found.workspace_id, customer_id: found.customer_id, contact_id: found.contact_id, expires_at: found.expires_at };
  },
  nextExpiry: (session) => new Date(Math.min(Date.now() + REFRESH_TOKEN_TTL_MS, Date.parse(session.expires_at))).toISOString(),
  async revoke(db, sessionId) {
    await revokePortalSession(db, sessionId);
  },
};

/** Rotates a contact's refresh token; a spent one presented again ends its session. */
export function rotatePortalRefreshToken(db: Kysely<DB>, refreshToken: string): Promise<RefreshResult> {
  return rotateRefreshToken(db, portalSessions, refreshToken);
}

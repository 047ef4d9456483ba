import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { compiledQuery, type QueryParameters } from '../../lib/compiled-query.js';

interface LiveSessionParameters {
  sessionId: string;
  contactId: string;
  now: string;
}

/** The session is live: not signed out, revoked or expired, its contact not removed; with the module's switch. */
const liveSessionQuery = (db: Kysely<DB>, p: QueryParameters<LiveSessionParameters>) =>
  db
    .selectFrom('portal_sessions as s')
    .innerJoin('workspaces as w', 'w.id', 's.workspace_id')
    .select(['w.portal_enabled'])
    .where('s.id', '=', p.sessionId)
    .where('s.contact_id', '=', p.contactId)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', p.now);

/** Runs on every portal request, so compiled once (server/lib/compiled-query.ts). */
const liveSession = compiledQuery(liveSessionQuery);

/** The same, for a page on another site: also whether the workspace allows that page's origin. */
const liveSessionFromOrigin = compiledQuery((db, p: QueryParameters<LiveSessionParameters & { origin: string }>) =>
  liveSessionQuery(db, p).select((eb) =>
    eb.exists(eb.selectFrom('workspace_origins as o').select(sql.lit(1).as('one')).whereRef('o.workspace_id', '=', 's.workspace_id').where('o.origin', '=', p.origin)).as('origin_allowed'),
  ),
);

/** What decides whether a page may use a workspace's portal right now. */
export interface PortalGate {
  portalEnabled: boolean;
  /** Always true when no foreign origin is checked (hosted page, server, or no Origin header). */
  originAllowed: boolean;
}

/**
 * One indexed lookup: the session is live, with the module's switch and, when `origin` is given,
 * whether the workspace allows it. Undefined: the session has ended.
 */
export async function findLiveSession(db: Kysely<DB>, session: LiveSessionParameters, origin: string | undefined): Promise<PortalGate | undefined> {
  if (origin === undefined) {
    const row = await liveSession.first(db, session);
    return row && { portalEnabled: Boolean(row.portal_enabled), originAllowed: true };
  }
  const row = await liveSessionFromOrigin.first(db, { ...session, origin });
  return row && { portalEnabled: Boolean(row.portal_enabled), originAllowed: Boolean((row as { origin_allowed?: unknown }).origin_allowed) };
}

export interface PortalWorkspace extends PortalGate {
  id: string;
  name: string;
}

/** A workspace's portal switch and, when `origin` is given, whether it allows that origin; undefined if unknown. */
export async function findPortalWorkspace(db: Kysely<DB>, workspaceId: string, origin: string | undefined): Promise<PortalWorkspace | undefined> {
  const row = await db
    .selectFrom('workspaces as w')
    .select(['w.id', 'w.name', 'w.portal_enabled'])
    .$if(origin !== undefined, (q) =>
      q.select((eb) =>
        eb.exists(eb.selectFrom('workspace_origins as o').select(sql.lit(1).as('one')).whereRef('o.workspace_id', '=', 'w.id').where('o.origin', '=', origin ?? '')).as('origin_allowed'),
      ),
    )
    .where('w.id', '=', workspaceId)
    .executeTakeFirst();
  if (!row) return undefined;
  const originAllowed = origin === undefined || Boolean((row as { origin_allowed?: unknown }).origin_allowed);
  return { id: row.id, name: row.name, portalEnabled: row.portal_enabled === 1, originAllowed };
}

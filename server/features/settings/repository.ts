import type { Kysely } from 'kysely';
import type { UpdateWorkspaceSettings, WorkspaceSettings } from '../../../sdk/contract/settings.js';
import type { DB } from '../../db/schema.js';
import { Problem } from '../../lib/problem.js';
import { isoNow } from '../../lib/time.js';

export async function getSettings(db: Kysely<DB>, workspaceId: string): Promise<WorkspaceSettings> {
  const workspace = await db.selectFrom('workspaces').select('portal_enabled').where('id', '=', workspaceId).executeTakeFirstOrThrow();
  const origins = await db.selectFrom('workspace_origins').select('origin').where('workspace_id', '=', workspaceId).orderBy('origin').execute();
  return { portalEnabled: workspace.portal_enabled === 1, allowedOrigins: origins.map((row) => row.origin) };
}

/** Canonical form of an origin, or a 400 naming it: the comparison with `Origin` headers is exact. */
export function normaliseOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidOrigin(value);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== value.replace(/\/$/, '').toLowerCase()) throw invalidOrigin(value);
  return url.origin;
}

const invalidOrigin = (value: string) =>
  new Problem(400, 'invalid_origin', 'Invalid origin', `${value} is not an origin; use scheme://host[:port] with no path.`, [
    { field: 'body.allowedOrigins', message: 'must be scheme://host[:port]' },
  ]);

/** Call inside a transaction: origins are replaced as a whole. */
export async function updateSettings(db: Kysely<DB>, workspaceId: string, input: UpdateWorkspaceSettings): Promise<WorkspaceSettings> {
  const origins = input.allowedOrigins && [...new Set(input.allowedOrigins.map(normaliseOrigin))];
  if (input.portalEnabled !== undefined) {
    await db.updateTable('workspaces').set({ portal_enabled: input.portalEnabled ? 1 : 0 }).where('id', '=', workspaceId).execute();
  }
  if (origins) {
    await db.deleteFrom('workspace_origins').where('workspace_id', '=', workspaceId).execute();
    if (origins.length) {
      const now = isoNow();
      await db.insertInto('workspace_origins').values(origins.map((origin) => ({ workspace_id: workspaceId, origin, created_at: now }))).execute();
    }
  }
  return getSettings(db, workspaceId);
}

export async function isOriginAllowed(db: Kysely<DB>, workspaceId: string, origin: string): Promise<boolean> {
  const row = await db.selectFrom('workspace_origins').select('origin').where('workspace_id', '=', workspaceId).where('origin', '=', origin).executeTakeFirst();
  return row !== undefined;
}

/** Is this origin allowed by any workspace? Decides CORS preflights, which carry no token. */
export async function isOriginKnown(db: Kysely<DB>, origin: string): Promise<boolean> {
  const row = await db.selectFrom('workspace_origins').select('origin').where('origin', '=', origin).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function isPortalEnabled(db: Kysely<DB>, workspaceId: string): Promise<boolean> {
  const row = await db.selectFrom('workspaces').select('portal_enabled').where('id', '=', workspaceId).executeTakeFirst();
  return row?.portal_enabled === 1;
}

import type { Kysely, Selectable } from 'kysely';
import type { UpdateWorkspaceSettings, WorkspaceSettings } from '../../../sdk/contract/settings.js';
import type { DB, WorkspaceTable } from '../../db/schema.js';
import { isoNow } from '../../lib/time.js';
import { brandColumns, type BrandColumns } from './brand.js';
import { normaliseOrigin } from './origin.js';

const WORKSPACE_SETTINGS = ['portal_enabled', 'brand_name', 'brand_logo_url', 'brand_accent_color'] as const;
type WorkspaceSettingsRow = Pick<Selectable<WorkspaceTable>, (typeof WORKSPACE_SETTINGS)[number]>;

export { normaliseOrigin } from './origin.js';

export async function getSettings(db: Kysely<DB>, workspaceId: string): Promise<WorkspaceSettings> {
  const workspace = await db.selectFrom('workspaces').select(WORKSPACE_SETTINGS).where('id', '=', workspaceId).executeTakeFirstOrThrow();
  return toSettings(workspace, await listOrigins(db, workspaceId));
}

/** Call inside a transaction: origins are replaced as a whole, the brand field by field. */
export async function updateSettings(db: Kysely<DB>, workspaceId: string, input: UpdateWorkspaceSettings): Promise<WorkspaceSettings> {
  const origins = input.allowedOrigins && [...new Set(input.allowedOrigins.map((origin, index) => normaliseOrigin(origin, `body.allowedOrigins.${index}`)))].sort();
  const changes: BrandColumns & { portal_enabled?: number } = input.brand ? brandColumns(input.brand) : {};
  if (input.portalEnabled !== undefined) changes.portal_enabled = input.portalEnabled ? 1 : 0;
  const workspace = Object.keys(changes).length
    ? await db.updateTable('workspaces').set(changes).where('id', '=', workspaceId).returning(WORKSPACE_SETTINGS).executeTakeFirstOrThrow()
    : await db.selectFrom('workspaces').select(WORKSPACE_SETTINGS).where('id', '=', workspaceId).executeTakeFirstOrThrow();
  if (!origins) return toSettings(workspace, await listOrigins(db, workspaceId));
  await db.deleteFrom('workspace_origins').where('workspace_id', '=', workspaceId).execute();
  if (origins.length) {
    const now = isoNow();
    await db.insertInto('workspace_origins').values(origins.map((origin) => ({ workspace_id: workspaceId, origin, created_at: now }))).execute();
  }
  return toSettings(workspace, origins);
}

async function listOrigins(db: Kysely<DB>, workspaceId: string): Promise<string[]> {
  const rows = await db.selectFrom('workspace_origins').select('origin').where('workspace_id', '=', workspaceId).execute();
  // Sorted here, not by the database: PostgreSQL's collation would order them differently from SQLite.
  return rows.map((row) => row.origin).sort();
}

function toSettings(workspace: WorkspaceSettingsRow, allowedOrigins: string[]): WorkspaceSettings {
  return {
    portalEnabled: workspace.portal_enabled === 1,
    allowedOrigins,
    brand: { name: workspace.brand_name, logoUrl: workspace.brand_logo_url, accentColor: workspace.brand_accent_color },
  };
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


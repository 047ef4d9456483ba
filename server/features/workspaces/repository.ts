import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { isoNow } from '../../lib/time.js';

export async function createWorkspace(db: Kysely<DB>, name: string) {
  const row = { id: newId('ws'), name, created_at: isoNow() };
  await db.insertInto('workspaces').values(row).execute();
  return row;
}

export function findWorkspace(db: Kysely<DB>, workspaceId: string) {
  return db.selectFrom('workspaces').select(['id', 'name']).where('id', '=', workspaceId).executeTakeFirst();
}

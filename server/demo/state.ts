import type { Kysely } from 'kysely';
import { loadConfig } from '../config.js';
import { connectDatabase } from '../db/database.js';
import type { DB } from '../db/schema.js';
import { createApiKey } from '../features/api-keys/repository.js';
import { isoNow } from '../lib/time.js';

/** What `start --demo` prints at every start; kept in the database it seeded, so each database has its own. */
export interface DemoState {
  workspaceId: string;
  apiKey: string;
  contactId: string;
  contactName: string;
  contactEmail: string;
}

/** Remembers the demo workspace; call in the transaction that seeds it. */
export async function saveDemoState(db: Kysely<DB>, demo: { workspaceId: string; apiKeyId: string; apiKey: string; contactId: string }): Promise<void> {
  await db
    .insertInto('demo_workspace')
    .values({ workspace_id: demo.workspaceId, api_key_id: demo.apiKeyId, api_key: demo.apiKey, contact_id: demo.contactId, created_at: isoNow() })
    .execute();
}

/** This database's demo workspace, with a working key: a revoked demo key is replaced by a new one. */
export async function findDemoState(db: Kysely<DB>): Promise<DemoState | undefined> {
  const row = await db
    .selectFrom('demo_workspace as d')
    .innerJoin('portal_contacts as c', 'c.id', 'd.contact_id')
    .innerJoin('api_keys as k', 'k.id', 'd.api_key_id')
    .select(['d.workspace_id', 'd.api_key', 'd.contact_id', 'c.display_name', 'c.email', 'k.revoked_at'])
    // The newest: `seed-demo` adds another demo workspace, and start prints that one from then on.
    .orderBy('d.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  let apiKey = row.api_key;
  if (row.revoked_at !== null) {
    apiKey = await db.transaction().execute(async (trx) => {
      const key = await createApiKey(trx, row.workspace_id, 'Demo key');
      await trx.updateTable('demo_workspace').set({ api_key_id: key.id, api_key: key.secret }).where('workspace_id', '=', row.workspace_id).execute();
      return key.secret;
    });
  }
  return { workspaceId: row.workspace_id, apiKey, contactId: row.contact_id, contactName: row.display_name, contactEmail: row.email };
}

/**
 * The demo workspace of the database the environment names (DATABASE_URL, TABA_DATA_DIR), as the
 * server would open it; for tools beside the server such as examples/tenant-site.
 */
export async function loadDemoState(env: NodeJS.ProcessEnv = process.env): Promise<DemoState | undefined> {
  const { db } = await connectDatabase(loadConfig(env).database);
  try {
    const migrated = await db.introspection.getTables().then((tables) => tables.some((table) => table.name === 'demo_workspace'));
    return migrated ? await findDemoState(db) : undefined;
  } finally {
    await db.destroy();
  }
}

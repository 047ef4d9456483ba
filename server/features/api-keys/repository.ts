import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { hashSecret, newId, newSecret } from '../../lib/ids.js';
import { isoNow } from '../../lib/time.js';

/** Creates an API key; the returned secret is the only time it exists in clear. */
export async function createApiKey(db: Kysely<DB>, workspaceId: string, name: string) {
  const secret = newSecret('sk');
  const row = {
    id: newId('key'),
    workspace_id: workspaceId,
    name,
    token_prefix: secret.slice(0, 7),
    token_hash: hashSecret(secret),
    created_at: isoNow(),
    last_used_at: null,
    revoked_at: null,
  };
  await db.insertInto('api_keys').values(row).execute();
  return { id: row.id, secret };
}

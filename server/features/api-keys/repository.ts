import type { Kysely, Selectable } from 'kysely';
import type { ApiKey } from '../../../sdk/contract/api-keys.js';
import type { ApiKeyScope, ApiKeyTable, DB } from '../../db/schema.js';
import { hashSecret, newId, newSecret } from '../../lib/ids.js';
import { keysetPage } from '../../lib/keyset.js';
import { isoNow } from '../../lib/time.js';

export type ApiKeyRow = Selectable<ApiKeyTable>;

/** Enough of the secret to tell keys apart (`sk_` and 8 characters), far too little to guess it. */
const PREFIX_LENGTH = 11;

export function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.token_prefix,
    scope: row.scope,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Creates an API key; the returned secret is the only time it exists in clear. */
export async function createApiKey(db: Kysely<DB>, workspaceId: string, name: string, scope: ApiKeyScope = 'full') {
  const secret = newSecret('sk');
  const row: ApiKeyRow = {
    id: newId('key'),
    workspace_id: workspaceId,
    name,
    token_prefix: secret.slice(0, PREFIX_LENGTH),
    token_hash: hashSecret(secret),
    created_at: isoNow(),
    last_used_at: null,
    revoked_at: null,
    scope,
  };
  await db.insertInto('api_keys').values(row).execute();
  return { id: row.id, secret, row };
}

/** Newest first, revoked keys included so a tenant can see when a key stopped working. */
export function listApiKeys(db: Kysely<DB>, workspaceId: string, limit: number, cursor: string | undefined) {
  const query = db.selectFrom('api_keys').selectAll().where('workspace_id', '=', workspaceId);
  return keysetPage(query, [['created_at', 'desc'], ['id', 'desc']], { limit, cursor }, toApiKey);
}

export function findApiKey(db: Kysely<DB>, workspaceId: string, keyId: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('id', '=', keyId).where('workspace_id', '=', workspaceId).executeTakeFirst();
}

/** Revokes a key at once (auth reads the key on every request); false when it was already revoked. */
export async function revokeApiKey(db: Kysely<DB>, workspaceId: string, keyId: string): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: isoNow() })
    .where('id', '=', keyId)
    .where('workspace_id', '=', workspaceId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

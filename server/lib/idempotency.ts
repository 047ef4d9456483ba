import type { FastifyRequest } from 'fastify';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/schema.js';
import { sha256 } from './ids.js';
import { Problem } from './problem.js';
import { isoAfter, isoNow } from './time.js';

/** How long a key answers retries with its first result (Stripe keeps them as long). */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_KEY_LENGTH = 255;

/** An `Idempotency-Key` of one caller, and what the request it came with looked like. */
export interface IdempotencyKey {
  /** Who sent it (`contact:ctc_…`, `member:mem_…`, `api_key:key_…`): keys of different callers never meet. */
  scope: string;
  key: string;
  /** Method, path and body: the same key with another request is refused. */
  fingerprint: string;
}

/** The request's `Idempotency-Key`, scoped to `caller`; undefined when the header is absent. */
export function idempotencyKeyOf(request: FastifyRequest, caller: string): IdempotencyKey | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header.join(',') : header;
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key)) {
    throw new Problem(400, 'idempotency_key_invalid', 'Invalid Idempotency-Key', `An Idempotency-Key is 1 to ${MAX_KEY_LENGTH} visible ASCII characters.`);
  }
  const path = request.url.split('?', 1)[0];
  return { scope: caller, key, fingerprint: sha256(`${request.method} ${path}\n${JSON.stringify(request.body ?? null)}`) };
}

/** Thrown inside the transaction when another request holds or has used the key, to roll it back and replay. */
class KeyTaken extends Error {}

const MAX_ATTEMPTS = 3;

/**
 * Runs `work` in a transaction that also records the key, so the change and the key commit
 * together: a retry (or a concurrent duplicate, which waits for the first on the key's row)
 * gets the first answer back and changes nothing. A failure stores nothing, so it can be retried.
 * Without a key, `work` simply runs in a transaction.
 */
export async function runIdempotent<T>({ db }: Database, key: IdempotencyKey | undefined, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (!key) return db.transaction().execute(work);
  for (let attempt = 1; ; attempt++) {
    const earlier = await findLiveKey(db, key);
    if (earlier) return replay<T>(key, earlier);
    try {
      return await db.transaction().execute(async (trx) => {
        await claimKey(trx, key);
        const result = await work(trx);
        await trx.updateTable('idempotency_keys').set({ response: JSON.stringify(result) }).where('scope', '=', key.scope).where('key', '=', key.key).execute();
        return result;
      });
    } catch (error) {
      if (!(error instanceof KeyTaken) || attempt === MAX_ATTEMPTS) throw error;
    }
  }
}

/** Deletes up to `limit` expired keys; answers how many went. */
export async function pruneExpiredIdempotencyKeys({ db }: Database, limit = 1000): Promise<number> {
  const now = isoNow();
  const result = await db
    .deleteFrom('idempotency_keys')
    .where((eb) => eb(eb.refTuple('scope', 'key'), 'in', eb.selectFrom('idempotency_keys').select(['scope', 'key']).where('expires_at', '<=', now).limit(limit).$asTuple('scope', 'key')))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

function findLiveKey(db: Database['db'], key: IdempotencyKey) {
  return db
    .selectFrom('idempotency_keys')
    .select(['fingerprint', 'response'])
    .where('scope', '=', key.scope)
    .where('key', '=', key.key)
    .where('expires_at', '>', isoNow())
    .executeTakeFirst();
}

function replay<T>(key: IdempotencyKey, earlier: { fingerprint: string; response: string | null }): T {
  if (earlier.fingerprint !== key.fingerprint) {
    throw new Problem(409, 'idempotency_key_reused', 'Idempotency-Key reused', 'This Idempotency-Key was already used with a different request; use a new key for a new request.');
  }
  // Committed together with the key, so a visible key always has its answer.
  if (earlier.response === null) throw new Error('idempotency key committed without a response');
  return JSON.parse(earlier.response) as T;
}

/**
 * Inserts the key, or takes over an expired one. A live key of a concurrent request blocks this
 * insert until that request commits (PostgreSQL) or is seen at once (SQLite's single writer);
 * either way nothing is returned and the caller replays.
 */
async function claimKey(trx: Transaction<DB>, key: IdempotencyKey): Promise<void> {
  // One instant for both, so a key lives exactly its TTL.
  const nowMs = Date.now();
  const now = new Date(nowMs).toISOString();
  const fresh = { fingerprint: key.fingerprint, response: null, created_at: now, expires_at: isoAfter(IDEMPOTENCY_KEY_TTL_MS, nowMs) };
  const claimed = await trx
    .insertInto('idempotency_keys')
    .values({ scope: key.scope, key: key.key, ...fresh })
    .onConflict((conflict) => conflict.columns(['scope', 'key']).doUpdateSet(fresh).where(sql.ref('idempotency_keys.expires_at'), '<=', now))
    .returning('key')
    .executeTakeFirst();
  if (!claimed) throw new KeyTaken();
}

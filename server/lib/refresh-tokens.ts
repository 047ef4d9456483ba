import type { Kysely, Transaction, UpdateResult } from 'kysely';
import type { DB } from '../db/schema.js';
import { hashSecret, newSecret } from './ids.js';

/**
 * The one design for rotating refresh tokens, shared by portal contacts and workspace members:
 * each use spends the presented token and issues the next; only hashes are stored; presenting a
 * token that was already spent means it was copied, and the whole session is revoked.
 */
export interface RefreshRotation<Result> {
  /**
   * In one transaction: finds the presented token, answers `invalid` for an unusable one, spends
   * it with a conditional update (see `spentOnce`) and issues the next; `reused` if already spent.
   */
  rotate(trx: Transaction<DB>): Promise<Result | 'reused'>;
  /** Ends the session the presented token belongs to, for the thief and the owner alike. */
  revokeSession(): Promise<void>;
  /** The answer to a reused token, once its session is revoked. */
  invalid: Result;
}

export async function rotateWithReuseDetection<Result>(db: Kysely<DB>, rotation: RefreshRotation<Result>): Promise<Result> {
  const outcome = await db.transaction().execute((trx) => rotation.rotate(trx));
  if (outcome !== 'reused') return outcome;
  await rotation.revokeSession();
  return rotation.invalid;
}

/** A new refresh token and the hash stored in its place. */
export function newRefreshToken(prefix: 'prt' | 'mrt'): { refreshToken: string; hash: string } {
  const refreshToken = newSecret(prefix);
  return { refreshToken, hash: hashSecret(refreshToken) };
}

/** The conditional update that spends a token is also the check: a concurrent use of the same token updates nothing. */
export function spentOnce(result: UpdateResult): boolean {
  return result.numUpdatedRows === 1n;
}

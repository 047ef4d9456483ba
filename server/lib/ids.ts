import { createHash, randomBytes, randomFillSync, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** A prefixed identifier with 100 random bits, e.g. `prop_q2x…` (base32, 20 characters). */
const ID_BYTES = 20;
/** Random bytes are drawn in bulk: one system call per 200 ids instead of one per id. */
const pool = Buffer.alloc(ID_BYTES * 200);
let poolOffset = pool.length;

export function newId(prefix: string): string {
  if (poolOffset + ID_BYTES > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  let out = `${prefix}_`;
  // 256 is a multiple of 32, so `byte % 32` is unbiased.
  for (let i = poolOffset; i < poolOffset + ID_BYTES; i++) out += ALPHABET[pool[i]! % 32];
  poolOffset += ID_BYTES;
  return out;
}

/** A bearer secret with 256 random bits, e.g. `sk_…`; only its hash is ever stored. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** Secrets are high-entropy, so a plain SHA-256 is a sufficient one-way lookup key. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

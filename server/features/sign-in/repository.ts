import { createHmac, randomInt } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { constantTimeEqual, hashSecret, newId, newSecret } from '../../lib/ids.js';
import { isoAfter, isoNow } from '../../lib/time.js';

export const CHALLENGE_TTL_MS = 10 * 60_000;
export const CHOICE_TTL_MS = 5 * 60_000;
/** Wrong codes a challenge survives; the next attempt fails even with the right code. */
export const MAX_CODE_ATTEMPTS = 5;
/** Challenges one email may receive per workspace within the window. */
export const EMAIL_CHALLENGE_LIMIT = 5;
export const EMAIL_WINDOW_MS = 15 * 60_000;
/** Challenge rows of an email older than this are deleted when that email asks again. */
const CHALLENGE_RETENTION_MS = 24 * 60 * 60_000;

/** Emails are compared in one canonical form; contacts are stored the same way. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A 6-digit code has only a million values, so a plain hash would be reversed at once if the
 * table leaked: it is keyed with a server secret and bound to its challenge.
 */
export function codeHash(key: string, challengeId: string, code: string): string {
  return createHmac('sha256', key).update(`${challengeId}:${code}`).digest('hex');
}

export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export async function countRecentChallenges(db: Kysely<DB>, workspaceId: string, email: string): Promise<number> {
  const row = await db
    .selectFrom('portal_sign_in_challenges')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email)
    .where('created_at', '>', isoAfter(-EMAIL_WINDOW_MS))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Creates a challenge, ending the email's earlier open ones. Written the same way whether or not
 * the email belongs to a contact, so the database work does not tell the two apart.
 */
export async function createChallenge(trx: Transaction<DB>, hmacKey: string, workspaceId: string, email: string) {
  const nowMs = Date.now();
  const now = new Date(nowMs).toISOString();
  await trx
    .updateTable('portal_sign_in_challenges')
    .set({ expires_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
  await trx
    .deleteFrom('portal_sign_in_challenges')
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email)
    .where('created_at', '<', isoAfter(-CHALLENGE_RETENTION_MS, nowMs))
    .execute();
  const id = newId('sic');
  const code = newCode();
  const linkToken = newSecret('psl');
  await trx
    .insertInto('portal_sign_in_challenges')
    .values({
      id,
      workspace_id: workspaceId,
      email,
      code_hash: codeHash(hmacKey, id, code),
      link_hash: hashSecret(linkToken),
      expires_at: isoAfter(CHALLENGE_TTL_MS, nowMs),
      used_at: null,
      choice_hash: null,
      choice_expires_at: null,
      created_at: now,
    })
    .execute();
  return { code, linkToken };
}

export interface VerifiedChallenge {
  id: string;
  workspace_id: string;
  email: string;
}

/**
 * Why a code or link was refused. Only what leaks nothing is told apart (docs/sign-in.md): a code
 * is refused alike whether the email is unknown or the code wrong, while a link token is a long
 * secret, so its holder may learn what became of it.
 */
export type SignInRefusal = 'invalid' | 'too_many_attempts' | 'link_expired' | 'link_replaced' | 'link_used';

export type SpentChallenge = { challenge: VerifiedChallenge; refusal?: never } | { challenge?: never; refusal: SignInRefusal };

/**
 * Checks a code against the email's newest open challenge. The attempt is counted before the
 * comparison and commits on its own, so parallel guesses cannot exceed the limit together. Every
 * email that asked has a challenge, contact or not, so "too many attempts" tells nothing about who
 * is a contact; without an open challenge the answer is the same as for a wrong code.
 */
export async function spendCode(db: Kysely<DB>, hmacKey: string, workspaceId: string, email: string, code: string): Promise<SpentChallenge> {
  const now = isoNow();
  const challenge = await db
    .selectFrom('portal_sign_in_challenges')
    .select(['id', 'workspace_id', 'email', 'code_hash'])
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!challenge) return { refusal: 'invalid' };
  const attempt = await db
    .updateTable('portal_sign_in_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', challenge.id)
    .where('attempts', '<', MAX_CODE_ATTEMPTS)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (attempt.numUpdatedRows !== 1n) {
    // Not counted: the attempts ran out, or (rarely) the challenge was used or ended meanwhile.
    const after = await db.selectFrom('portal_sign_in_challenges').select('attempts').where('id', '=', challenge.id).executeTakeFirst();
    return { refusal: after && after.attempts >= MAX_CODE_ATTEMPTS ? 'too_many_attempts' : 'invalid' };
  }
  if (!constantTimeEqual(codeHash(hmacKey, challenge.id, code), challenge.code_hash)) return { refusal: 'invalid' };
  return { challenge: { id: challenge.id, workspace_id: challenge.workspace_id, email: challenge.email } };
}

/** Marks a verified challenge used; the update is the check, so only one caller wins. */
export async function markChallengeUsed(trx: Transaction<DB>, challengeId: string): Promise<boolean> {
  const result = await trx
    .updateTable('portal_sign_in_challenges')
    .set({ used_at: isoNow() })
    .where('id', '=', challengeId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Spends a link token: once, before expiry, and not after the challenge died of wrong codes. A
 * refused token that matches a challenge says why: used, dead of wrong codes, replaced by a newer
 * email (a request ends the earlier challenges at the moment the newer one is created), or expired.
 */
export async function spendLinkToken(trx: Transaction<DB>, linkToken: string): Promise<SpentChallenge> {
  const now = isoNow();
  const linkHash = hashSecret(linkToken);
  const spent = await trx
    .updateTable('portal_sign_in_challenges')
    .set({ used_at: now })
    .where('link_hash', '=', linkHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', MAX_CODE_ATTEMPTS)
    .returning(['id', 'workspace_id', 'email'])
    .executeTakeFirst();
  if (spent) return { challenge: spent };
  const refused = await trx
    .selectFrom('portal_sign_in_challenges')
    .select(['id', 'workspace_id', 'email', 'created_at', 'expires_at', 'used_at', 'attempts'])
    .where('link_hash', '=', linkHash)
    .executeTakeFirst();
  if (!refused) return { refusal: 'invalid' };
  if (refused.used_at !== null) return { refusal: 'link_used' };
  if (refused.attempts >= MAX_CODE_ATTEMPTS) return { refusal: 'too_many_attempts' };
  const newer = await trx
    .selectFrom('portal_sign_in_challenges')
    .select('id')
    .where('workspace_id', '=', refused.workspace_id)
    .where('email', '=', refused.email)
    .where('created_at', '>', refused.created_at)
    .where('created_at', '<=', refused.expires_at)
    .limit(1)
    .executeTakeFirst();
  return { refusal: newer ? 'link_replaced' : 'link_expired' };
}

/** Gives a verified challenge a single-use token for choosing one of several customers. */
export async function issueChoiceToken(trx: Transaction<DB>, challengeId: string): Promise<string> {
  const choiceToken = newSecret('psc');
  await trx
    .updateTable('portal_sign_in_challenges')
    .set({ choice_hash: hashSecret(choiceToken), choice_expires_at: isoAfter(CHOICE_TTL_MS) })
    .where('id', '=', challengeId)
    .execute();
  return choiceToken;
}

export async function spendChoiceToken(trx: Transaction<DB>, choiceToken: string): Promise<VerifiedChallenge | undefined> {
  return trx
    .updateTable('portal_sign_in_challenges')
    .set({ choice_hash: null, choice_expires_at: null })
    .where('choice_hash', '=', hashSecret(choiceToken))
    .where('choice_expires_at', '>', isoNow())
    .returning(['id', 'workspace_id', 'email'])
    .executeTakeFirst();
}

/** Every contact record this email has in the workspace, one per customer, by customer name. */
export function contactsForEmail(db: Kysely<DB>, workspaceId: string, email: string) {
  return db
    .selectFrom('portal_contacts as c')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .select(['c.id', 'c.workspace_id', 'c.customer_id', 'cu.name as customer_name'])
    .where('c.workspace_id', '=', workspaceId)
    .where('c.email', '=', email)
    .orderBy('cu.name')
    .orderBy('cu.id')
    .execute();
}

/** Whether the email belongs to any contact: the only question the request step asks. */
export async function isContactEmail(db: Kysely<DB>, workspaceId: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('portal_contacts')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

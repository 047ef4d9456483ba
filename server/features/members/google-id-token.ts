import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { Config } from '../../config.js';
import { Problem } from '../../lib/problem.js';
import type { GoogleIdentity } from './repository.js';

export type GoogleIdTokenVerifier = (idToken: string) => Promise<GoogleIdentity>;

/** Google writes the issuer with or without the scheme; both are its own. */
const GOOGLE_ISSUER_ALIASES: Record<string, string[]> = {
  'https://accounts.google.com': ['https://accounts.google.com', 'accounts.google.com'],
};

/** Seconds of clock difference tolerated between Google and this server. */
const CLOCK_TOLERANCE_SECONDS = 30;

export const invalidIdToken = (detail = 'The Google ID token is invalid or expired.') => new Problem(401, 'invalid_id_token', 'Invalid Google ID token', detail);

/**
 * Verifies Google ID tokens against the configured key set (fetched once and cached, refetched
 * when Google rotates keys), issuer and audience. RS256 only: `none` and HMAC are refused.
 */
export function googleIdTokenVerifier(google: Config['google']): GoogleIdTokenVerifier {
  const keySet = createRemoteJWKSet(new URL(google.jwksUrl), { timeoutDuration: 5_000 });
  const issuer = GOOGLE_ISSUER_ALIASES[google.issuer] ?? [google.issuer];
  return async (idToken) => {
    if (!google.clientId) throw googleSignInNotConfigured();
    let payload;
    try {
      ({ payload } = await jwtVerify(idToken, keySet, {
        algorithms: ['RS256'],
        issuer,
        audience: google.clientId,
        requiredClaims: ['sub', 'email', 'exp', 'iat'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      if (keySetUnavailable(error)) {
        throw new Problem(503, 'google_unavailable', 'Google sign-in unavailable', "Google's signing keys could not be fetched; try again shortly.");
      }
      throw invalidIdToken();
    }
    const { sub, email, email_verified: emailVerified, name } = payload;
    if (typeof sub !== 'string' || !sub || typeof email !== 'string' || !email) throw invalidIdToken('The Google ID token names no account or email.');
    if (emailVerified !== true) throw invalidIdToken('Google has not verified this email address.');
    return { googleSub: sub, email, name: typeof name === 'string' && name.trim() ? name.trim() : email };
  };
}

export const googleSignInNotConfigured = () =>
  new Problem(503, 'google_sign_in_not_configured', 'Google sign-in not configured', 'Set GOOGLE_CLIENT_ID to let workspace members sign in with Google.');

/** A network failure, timeout or unreadable key set is our side's trouble, not a bad token. */
function keySetUnavailable(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) return true;
  return error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error.code === 'ERR_JOSE_GENERIC';
}

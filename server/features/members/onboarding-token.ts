import { jwtVerify, SignJWT } from 'jose';
import { TOKEN_ISSUER } from '../../plugins/auth.js';
import { unauthorized } from '../../lib/problem.js';

export const ONBOARDING_AUDIENCE = 'taba-portal/onboarding';
export const ONBOARDING_TOKEN_TYPE = 'member_onboarding';
export const ONBOARDING_TOKEN_TTL_SECONDS = 10 * 60;

export interface OnboardingTokens {
  sign(personId: string): Promise<{ token: string; expiresAt: string }>;
  /** The person the token was issued to; 401 for anything but a live onboarding token. */
  verify(token: string): Promise<string>;
}

/** Short-lived tokens that allow one thing: creating the first workspace of a signed-in person. */
export function onboardingTokens(secret: string): OnboardingTokens {
  const key = new TextEncoder().encode(secret);
  return {
    async sign(personId) {
      const issuedAt = Math.floor(Date.now() / 1000);
      const expiresAt = issuedAt + ONBOARDING_TOKEN_TTL_SECONDS;
      const token = await new SignJWT({ typ: ONBOARDING_TOKEN_TYPE })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(personId)
        .setIssuer(TOKEN_ISSUER)
        .setAudience(ONBOARDING_AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .sign(key);
      return { token, expiresAt: new Date(expiresAt * 1000).toISOString() };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: TOKEN_ISSUER,
          audience: ONBOARDING_AUDIENCE,
          requiredClaims: ['sub', 'typ', 'exp', 'iat'],
          maxTokenAge: ONBOARDING_TOKEN_TTL_SECONDS,
        });
        if (payload.typ !== ONBOARDING_TOKEN_TYPE || typeof payload.sub !== 'string') throw new Error('not an onboarding token');
        return payload.sub;
      } catch {
        throw unauthorized('The onboarding token is invalid or expired; sign in with Google again.');
      }
    },
  };
}

import { randomInt } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { GoogleSignInResult, MemberSession } from '../../sdk/contract/members.js';

export const TEST_GOOGLE_CLIENT_ID = 'test-client.apps.googleusercontent.com';
export const TEST_GOOGLE_ISSUER = 'https://accounts.test.example';

export interface IdTokenOptions {
  audience?: string;
  issuer?: string;
  /** Seconds since the epoch. */
  expiresAt?: number;
  issuedAt?: number;
  /** Sign with another key than the one the JWKS serves. */
  key?: CryptoKey;
  kid?: string;
}

export interface GoogleIssuer {
  /** What to put in `Config.google` so the app trusts this issuer. */
  config: Config['google'];
  /** An ID token as Google would issue it for this person; the claims can be overridden. */
  idToken(claims: Record<string, unknown> & { email: string }, options?: IdTokenOptions): Promise<string>;
  close(): Promise<void>;
}

/** A stand-in for Google: an RSA key whose public half is served as a JWKS on 127.0.0.1, no network. */
export async function startGoogleIssuer(): Promise<GoogleIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = 'test-key-1';
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] });
  const server = http.createServer((request, response) => {
    if (request.url !== '/certs') return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    config: { clientId: TEST_GOOGLE_CLIENT_ID, issuer: TEST_GOOGLE_ISSUER, jwksUrl: `http://127.0.0.1:${port}/certs` },
    idToken(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ sub: `google-${claims.email.toLowerCase()}`, email_verified: true, name: claims.email.split('@')[0], ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? kid, typ: 'JWT' })
        .setIssuer(options.issuer ?? TEST_GOOGLE_ISSUER)
        .setAudience(options.audience ?? TEST_GOOGLE_CLIENT_ID)
        .setIssuedAt(options.issuedAt ?? now)
        .setExpirationTime(options.expiresAt ?? now + 3600)
        .sign(options.key ?? privateKey);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // The app's key-set fetches keep their connection alive; do not wait for it to idle out.
        server.closeAllConnections();
      }),
  };
}

/**
 * A client address of its own for each simulated person: the credential routes are rate-limited
 * per IP, and tests sign in many people from one process.
 */
export function clientAddress(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

/** Signs a person in through `POST /v1/workspace/auth/google` with a token from the test issuer. */
export async function signInWithGoogle(app: FastifyInstance, issuer: GoogleIssuer, email: string, workspaceId?: string): Promise<GoogleSignInResult> {
  const response = await app.inject({ method: 'POST', url: '/v1/workspace/auth/google', remoteAddress: clientAddress(), payload: { idToken: await issuer.idToken({ email }), workspaceId } });
  if (response.statusCode !== 200) throw new Error(`Google sign-in failed: ${response.statusCode} ${response.body}`);
  return response.json<GoogleSignInResult>();
}

/** A new person signs in and founds a workspace; answers the owner's session. */
export async function onboardOwner(app: FastifyInstance, issuer: GoogleIssuer, email: string, workspaceName = 'Northwind'): Promise<MemberSession> {
  const signedIn = await signInWithGoogle(app, issuer, email);
  if (signedIn.status !== 'onboarding') throw new Error(`expected onboarding, got ${signedIn.status}`);
  const response = await app.inject({
    method: 'POST',
    url: '/v1/workspace/onboarding',
    remoteAddress: clientAddress(),
    headers: { authorization: `Bearer ${signedIn.onboardingToken}` },
    payload: { workspaceName },
  });
  if (response.statusCode !== 201) throw new Error(`onboarding failed: ${response.statusCode} ${response.body}`);
  return response.json<{ session: MemberSession }>().session;
}

/** Invites `email` with the owner's session and signs them in; answers their session. */
export async function joinAs(app: FastifyInstance, issuer: GoogleIssuer, owner: MemberSession, email: string, role: MemberSession['role']): Promise<MemberSession> {
  const invited = await app.inject({ method: 'POST', url: '/v1/workspace/invitations', headers: { authorization: `Bearer ${owner.accessToken}` }, payload: { email, role } });
  if (invited.statusCode !== 201) throw new Error(`invitation failed: ${invited.statusCode} ${invited.body}`);
  const signedIn = await signInWithGoogle(app, issuer, email, owner.workspaceId);
  if (signedIn.status !== 'signed_in') throw new Error(`expected signed_in, got ${signedIn.status}`);
  return signedIn.session;
}

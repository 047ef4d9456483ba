import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import type { Problem } from '../../../sdk/contract/common.js';
import type { PortalSessionSecret, PortalTokens } from '../../../sdk/contract/sessions.js';
import { ACCESS_TOKEN_TTL_SECONDS, PORTAL_ACCESS_TYPE, PORTAL_AUDIENCE, TOKEN_ISSUER } from '../../plugins/auth.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { asContact, asWorkspace, customerWithContact, signInContact } from '../../test-support/portal.js';

const JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';
const encoder = new TextEncoder();

for (const dialect of testDialects) {
  describe(`portal sessions (${dialect})`, () => {
    let t: TestApp;
    let apiKey: string;
    let acme: Awaited<ReturnType<typeof customerWithContact>>;
    let claims: { sub: string; ws: string; cus: string; sid: string; typ: string };

    const mint = async () => {
      const response = await asWorkspace(t.app, apiKey)('POST', '/v1/workspace/portal-sessions', { contactId: acme.contactId });
      assert.equal(response.statusCode, 201);
      return response.json<PortalSessionSecret>();
    };
    const exchange = (clientSecret: string) => t.app.inject({ method: 'POST', url: '/v1/portal/sessions', payload: { clientSecret } });
    const refresh = (refreshToken: string) => t.app.inject({ method: 'POST', url: '/v1/portal/sessions/refresh', payload: { refreshToken } });
    const me = (token: string) => asContact(t.app, token)('GET', '/v1/portal/me');

    before(async () => {
      t = await createTestApp(dialect, { jwtSecret: JWT_SECRET });
      const workspace = await t.newWorkspace();
      apiKey = workspace.apiKey;
      acme = await customerWithContact(t.app, apiKey, 'Acme');
      const tokens = await signInContact(t.app, apiKey, acme.contactId);
      const payload = JSON.parse(Buffer.from(tokens.accessToken.split('.')[1] ?? '', 'base64url').toString()) as typeof claims;
      claims = { sub: payload.sub, ws: payload.ws, cus: payload.cus, sid: payload.sid, typ: payload.typ };
    });
    after(() => t.close());

    test('a client secret is long, short-lived and stored only as a hash', async () => {
      const minted = await mint();
      assert.match(minted.clientSecret, /^pcs_[A-Za-z0-9_-]{43}$/, '256 random bits');
      const ttl = Date.parse(minted.expiresAt) - Date.now();
      assert.ok(ttl > 4 * 60_000 && ttl <= 5 * 60_000, `expires in ${ttl} ms`);
      const stored = await t.app.db.selectFrom('portal_session_secrets').selectAll().execute();
      assert.ok(stored.every((row) => row.secret_hash !== minted.clientSecret && !row.secret_hash.includes(minted.clientSecret.slice(4))));
    });

    test('a client secret works once', async () => {
      const { clientSecret } = await mint();
      const first = await exchange(clientSecret);
      assert.equal(first.statusCode, 200);
      const tokens = first.json<PortalTokens>();
      assert.equal(tokens.tokenType, 'Bearer');
      assert.equal((await me(tokens.accessToken)).json<{ contact: { id: string } }>().contact.id, acme.contactId);
      const second = await exchange(clientSecret);
      assert.equal(second.statusCode, 401);
      assert.equal(second.json<Problem>().code, 'invalid_client_secret');
    });

    test('concurrent exchanges of one secret: exactly one wins', async () => {
      const { clientSecret } = await mint();
      const results = await Promise.all(Array.from({ length: 6 }, () => exchange(clientSecret)));
      assert.equal(results.filter((r) => r.statusCode === 200).length, 1);
      assert.equal(results.filter((r) => r.statusCode === 401).length, 5);
    });

    test('an expired client secret is refused', async () => {
      const { clientSecret } = await mint();
      await t.app.db.updateTable('portal_session_secrets').set({ expires_at: new Date(Date.now() - 1).toISOString() }).where('used_at', 'is', null).execute();
      const response = await exchange(clientSecret);
      assert.equal(response.statusCode, 401);
      assert.equal(response.json<Problem>().code, 'invalid_client_secret');
    });

    test('a client secret for an unknown contact cannot be minted', async () => {
      const response = await asWorkspace(t.app, apiKey)('POST', '/v1/workspace/portal-sessions', { contactId: 'ctc_doesnotexist00000000' });
      assert.equal(response.statusCode, 404);
    });

    test('the access token lives at most 15 minutes and names its customer', async () => {
      const tokens = await signInContact(t.app, apiKey, acme.contactId);
      const ttl = Date.parse(tokens.accessTokenExpiresAt) - Date.now();
      assert.ok(ttl <= 15 * 60_000 && ttl > 14 * 60_000, `access token ttl ${ttl}`);
      const [header, payload] = tokens.accessToken.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
      assert.equal(header?.alg, 'HS256');
      assert.equal(payload?.iss, TOKEN_ISSUER);
      assert.equal(payload?.aud, PORTAL_AUDIENCE);
      assert.equal(payload?.typ, PORTAL_ACCESS_TYPE);
      assert.equal(payload?.cus, acme.customerId);
      assert.equal((payload?.exp as number) - (payload?.iat as number), ACCESS_TOKEN_TTL_SECONDS);
    });

    test('refresh rotates the refresh token; reusing an old one ends the session', async () => {
      const tokens = await signInContact(t.app, apiKey, acme.contactId);
      const rotated = await refresh(tokens.refreshToken);
      assert.equal(rotated.statusCode, 200);
      const next = rotated.json<PortalTokens>();
      assert.notEqual(next.refreshToken, tokens.refreshToken);
      assert.equal((await me(next.accessToken)).statusCode, 200);

      const replay = await refresh(tokens.refreshToken);
      assert.equal(replay.statusCode, 401);
      assert.equal(replay.json<Problem>().code, 'invalid_refresh_token');
      // The legitimate holder's newer token died with the session.
      assert.equal((await refresh(next.refreshToken)).statusCode, 401);
    });

    test('garbage refresh tokens are refused', async () => {
      for (const token of ['prt_nope', 'x', 'sk_abc']) {
        const response = await refresh(token);
        assert.equal(response.statusCode, 401, token);
      }
    });

    describe('forged and misused access tokens answer 401', () => {
      const now = () => Math.floor(Date.now() / 1000);
      const sign = (overrides: Record<string, unknown> = {}, options: { secret?: string; alg?: string; exp?: number; nbf?: number; aud?: string; iss?: string } = {}) => {
        const jwt = new SignJWT({ ...claims, ...overrides })
          .setProtectedHeader({ alg: options.alg ?? 'HS256' })
          .setIssuer(options.iss ?? TOKEN_ISSUER)
          .setAudience(options.aud ?? PORTAL_AUDIENCE)
          .setIssuedAt(now() - 10)
          .setExpirationTime(options.exp ?? now() + 600);
        if (options.nbf) jwt.setNotBefore(options.nbf);
        return jwt.sign(encoder.encode(options.secret ?? JWT_SECRET));
      };
      const unsigned = (payload: object, alg = 'none') =>
        `${Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;

      test('a correctly signed control token is accepted (so the cases below can fail)', async () => {
        assert.equal((await me(await sign())).statusCode, 200);
      });

      const cases: [string, () => Promise<string> | string][] = [
        ['no token', () => ''],
        ['alg none', () => unsigned({ ...claims, iss: TOKEN_ISSUER, aud: PORTAL_AUDIENCE, iat: now(), exp: now() + 600 })],
        ['alg NONE with signature stripped', () => unsigned({ ...claims, iss: TOKEN_ISSUER, aud: PORTAL_AUDIENCE, iat: now(), exp: now() + 600 }, 'NONE')],
        ['tampered payload', async () => {
          const [h, , s] = (await sign()).split('.');
          const payload = Buffer.from(JSON.stringify({ ...claims, cus: 'cus_someoneelse0000000', iss: TOKEN_ISSUER, aud: PORTAL_AUDIENCE, iat: now(), exp: now() + 600 })).toString('base64url');
          return `${h}.${payload}.${s}`;
        }],
        ['signed with another secret', () => sign({}, { secret: 'another-secret-that-is-long-enough-012345' })],
        ['HS384 instead of HS256', () => sign({}, { alg: 'HS384' })],
        ['expired', () => sign({}, { exp: now() - 60 })],
        ['not yet valid', () => sign({}, { nbf: now() + 3600 })],
        ['wrong audience', () => sign({}, { aud: 'taba-portal/workspace' })],
        ['wrong issuer', () => sign({}, { iss: 'https://evil.example' })],
        ['wrong token type', () => sign({ typ: 'refresh' })],
        ['missing customer claim', () => sign({ cus: undefined })],
        ['an API key on a portal route', () => apiKey],
        ['RS256 signed with a foreign key', async () => {
          const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
          return new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256' }).setIssuer(TOKEN_ISSUER).setAudience(PORTAL_AUDIENCE).setIssuedAt().setExpirationTime('5m').sign(privateKey);
        }],
      ];
      for (const [name, make] of cases) {
        test(name, async () => {
          const token = await make();
          const response = await t.app.inject({ method: 'GET', url: '/v1/portal/proposals', headers: token ? { authorization: `Bearer ${token}` } : {} });
          assert.equal(response.statusCode, 401);
          assert.equal(response.json<Problem>().code, 'unauthorized');
        });
      }

      test('a portal access token on a workspace route', async () => {
        const response = await t.app.inject({ method: 'GET', url: '/v1/workspace/proposals', headers: { authorization: `Bearer ${await sign()}` } });
        assert.equal(response.statusCode, 401);
      });
    });
  });
}

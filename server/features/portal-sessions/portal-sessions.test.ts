import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Problem } from '../../../sdk/contract/common.js';
import type { PortalSessionSecret, PortalTokens } from '../../../sdk/contract/sessions.js';
import { ACCESS_TOKEN_TTL_SECONDS, PORTAL_ACCESS_TYPE, PORTAL_AUDIENCE, TOKEN_ISSUER } from '../../plugins/auth.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { asContact, asWorkspace, customerWithContact, signInContact } from '../../test-support/portal.js';

const JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

for (const dialect of testDialects) {
  describe(`portal sessions (${dialect})`, () => {
    let t: TestApp;
    let apiKey: string;
    let acme: Awaited<ReturnType<typeof customerWithContact>>;

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

    test('20 concurrent refreshes with one token: exactly one rotates it, and the reuse ends the session', async () => {
      const tokens = await signInContact(t.app, apiKey, acme.contactId);
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          t.app.inject({ method: 'POST', url: '/v1/portal/sessions/refresh', remoteAddress: '10.20.0.1', payload: { refreshToken: tokens.refreshToken } }),
        ),
      );
      assert.equal(results.filter((r) => r.statusCode === 200).length, 1);
      const refused = results.filter((r) => r.statusCode === 401);
      assert.equal(refused.length, 19);
      assert.ok(refused.every((r) => r.json<Problem>().code === 'invalid_refresh_token'));
      // The losers presented a token that was spent: a copy, so the session is over for the winner too.
      const winner = results.find((r) => r.statusCode === 200)?.json<PortalTokens>();
      assert.ok(winner);
      assert.equal((await refresh(winner.refreshToken)).statusCode, 401);
      assert.equal((await me(winner.accessToken)).statusCode, 401);
    });

    test('garbage refresh tokens are refused', async () => {
      for (const token of ['prt_nope', 'x', 'sk_abc']) {
        const response = await refresh(token);
        assert.equal(response.statusCode, 401, token);
      }
    });

    // Forged and misused access tokens, on every signed-in route: server/security/tokens.test.ts.
  });
}

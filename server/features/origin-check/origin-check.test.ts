/**
 * What a page on a foreign origin can learn when the browser blocks its portal calls: the CORS
 * preflight answers (never 404) but allows nothing, and `GET /v1/portal/origin-check` says why.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Problem } from '../../../sdk/contract/common.js';
import type { OriginCheck } from '../../../sdk/contract/origin-check.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { customerWithContact } from '../../test-support/portal.js';

const ALLOWED = 'https://shop.example';
const FOREIGN = 'http://localhost:13000';

const preflight = (t: TestApp, origin: string, url = '/v1/portal/sessions') =>
  t.app.inject({
    method: 'OPTIONS',
    url,
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });

for (const dialect of testDialects) {
  describe(`origin check and CORS preflight (${dialect})`, () => {
    let t: TestApp;
    let workspaceId: string;
    let otherWorkspaceId: string;
    let apiKey: string;

    before(async () => {
      t = await createTestApp(dialect, { rateLimit: { store: 'memory', redisUrl: undefined, apiPerMinute: 5 } });
      ({ workspaceId, apiKey } = await t.newWorkspace('Shop', { portalEnabled: true, allowedOrigins: [ALLOWED] }));
      ({ workspaceId: otherWorkspaceId } = await t.newWorkspace('Other', { portalEnabled: true, allowedOrigins: [] }));
    });
    after(() => t.close());

    test('a preflight from an allowed origin is answered with that origin and the allowed methods', async () => {
      const response = await preflight(t, ALLOWED);
      assert.equal(response.statusCode, 204);
      assert.equal(response.headers['access-control-allow-origin'], ALLOWED);
      assert.match(String(response.headers['access-control-allow-methods']), /POST/);
    });

    test('a preflight from an origin no workspace allows answers 204, not 404, and allows nothing', async () => {
      for (const url of ['/v1/portal/sessions', '/v1/portal/proposals', '/v1/portal/no-such-route']) {
        const response = await preflight(t, FOREIGN, url);
        assert.equal(response.statusCode, 204, `${url}: ${response.body}`);
        assert.equal(response.body, '');
        // Without these the browser still refuses the call: the security property stays.
        assert.equal(response.headers['access-control-allow-origin'], undefined, url);
        assert.equal(response.headers['access-control-allow-methods'], undefined, url);
        assert.equal(response.headers['access-control-allow-headers'], undefined, url);
      }
    });

    test('origin-check answers any page whether its origin may use the portal', async () => {
      let caller = 0;
      const check = async (origin: string | undefined, query = '') => {
        const response = await t.app.inject({
          method: 'GET',
          url: `/v1/portal/origin-check${query}`,
          headers: origin ? { origin } : {},
          remoteAddress: `10.1.0.${++caller}`,
        });
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.headers['access-control-allow-origin'], '*');
        assert.equal(response.headers['access-control-allow-credentials'], undefined);
        return response.json<OriginCheck>();
      };
      assert.deepEqual(await check(FOREIGN), { origin: FOREIGN, allowed: false });
      assert.deepEqual(await check(ALLOWED), { origin: ALLOWED, allowed: true });
      assert.deepEqual(await check(ALLOWED, `?workspace=${workspaceId}`), { origin: ALLOWED, allowed: true });
      assert.deepEqual(await check(ALLOWED, `?workspace=${otherWorkspaceId}`), { origin: ALLOWED, allowed: false });
      assert.deepEqual(await check(ALLOWED, '?workspace=ws_doesnotexist0000'), { origin: ALLOWED, allowed: false });
      // The hosted page is on the server's own origin (inject's host is localhost:80).
      assert.deepEqual(await check('http://localhost:80'), { origin: 'http://localhost:80', allowed: true });
      assert.deepEqual(await check(undefined), { origin: null, allowed: false });
    });

    test('origin-check refuses a malformed workspace id with problem+json a page can read', async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: '/v1/portal/origin-check?workspace=not-an-id',
        headers: { origin: FOREIGN },
        remoteAddress: '10.2.0.1',
      });
      assert.equal(response.statusCode, 400);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      assert.equal(response.headers['access-control-allow-origin'], '*');
    });

    test('origin-check is rate limited per IP like other public routes, and the 429 is readable by the page', async () => {
      const ip = '10.3.0.1';
      const answers = [];
      // 12 calls at 5 a minute: even across a window boundary some are refused.
      for (let i = 0; i < 12; i++) {
        answers.push(await t.app.inject({ method: 'GET', url: '/v1/portal/origin-check', headers: { origin: FOREIGN }, remoteAddress: ip }));
      }
      assert.equal(answers[0]!.statusCode, 200);
      const last = answers.find((answer) => answer.statusCode === 429);
      assert.ok(last, `statuses: ${answers.map((answer) => answer.statusCode).join(' ')}`);
      assert.equal(last.json<Problem>().code, 'rate_limited');
      assert.equal(last.headers['access-control-allow-origin'], '*');
      assert.ok(Number(last.headers['retry-after']) >= 1);
    });

    test('origin-check is in /openapi.json with its schemas', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
      const operation = JSON.stringify(doc.paths['/v1/portal/origin-check']?.get);
      assert.ok(operation, 'GET /v1/portal/origin-check is documented');
      assert.ok(operation.includes('"allowed"') && operation.includes('"workspace"'), operation);
    });

    test('origin_not_allowed names the origin and how to allow it', async () => {
      const { contactId } = await customerWithContact(t.app, apiKey);
      const minted = await t.app.inject({
        method: 'POST',
        url: '/v1/workspace/portal-sessions',
        headers: { authorization: `Bearer ${apiKey}` },
        payload: { contactId, origin: ALLOWED },
      });
      assert.equal(minted.statusCode, 201, minted.body);
      const exchanged = await t.app.inject({
        method: 'POST',
        url: '/v1/portal/sessions',
        headers: { origin: FOREIGN },
        payload: { clientSecret: minted.json<{ clientSecret: string }>().clientSecret },
        remoteAddress: '10.4.0.1',
      });
      assert.equal(exchanged.statusCode, 403);
      const problem = exchanged.json<Problem>();
      assert.equal(problem.code, 'origin_not_allowed');
      assert.equal(
        problem.detail,
        `This site's origin, ${FOREIGN}, is not allowed to use this workspace's portal; add it to the workspace's allowed origins ` +
          `(PATCH /v1/workspace/settings or \`taba-portal settings --workspace ${workspaceId} --allow-origin ${FOREIGN}\`).`,
      );
    });
  });
}

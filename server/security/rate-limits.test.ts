/**
 * Rate limits: the strict per-IP limits trip with 429 problem+json and Retry-After; counts are
 * shared by app instances on one database (and through Redis); the API limit counts per caller.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Redis } from 'ioredis';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { createApiKey } from '../features/api-keys/repository.js';
import { createWorkspace } from '../features/workspaces/repository.js';
import { hashSecret } from '../lib/ids.js';
import { RATE_LIMIT_WINDOW_MS, strictLimits } from '../plugins/rate-limit.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../test-support/databases.js';
import { randomIp, securityApp, type SecurityApp } from './harness.js';

const REDIS_URL = process.env.TABA_TEST_REDIS ?? 'redis://127.0.0.1:6379';

/** Windows are fixed minutes: start a burst early enough in one that it cannot straddle two. */
async function freshWindow(needMs = 8_000): Promise<void> {
  const left = RATE_LIMIT_WINDOW_MS - (Date.now() % RATE_LIMIT_WINDOW_MS);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

/** A request each strict route counts, whatever it then answers. */
function strictRequest(app: FastifyInstance, route: string, ip: string, headers: Record<string, string> = {}) {
  const [method, url] = route.split(' ') as ['POST', string];
  const payload: Record<string, object> = {
    '/v1/portal/sessions': { clientSecret: 'pcs_not-a-secret' },
    '/v1/portal/sessions/refresh': { refreshToken: 'prt_not-a-token' },
    '/v1/portal/sign-in': { workspaceId: 'ws_doesnotexist000000000', email: 'nobody@example.com' },
    '/v1/portal/sign-in/verify': { linkToken: 'not-a-link' },
    '/v1/workspace/auth/google': { idToken: 'not-an-id-token' },
    '/v1/workspace/auth/refresh': { refreshToken: 'mrt_not-a-token' },
    '/v1/workspace/onboarding': { workspaceName: 'Nope' },
  };
  return app.inject({ method, url, payload: payload[url] ?? {}, remoteAddress: ip, headers });
}

function assertRateLimited(response: LightMyRequestResponse, where: string): void {
  assert.equal(response.statusCode, 429, `${where}: ${response.statusCode} ${response.body}`);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/, where);
  const body = response.json<{ code: string; status: number; type: string }>();
  assert.equal(body.code, 'rate_limited', where);
  assert.equal(body.status, 429, where);
  const retryAfter = Number(response.headers['retry-after']);
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `${where}: Retry-After ${response.headers['retry-after']}`);
}

/** Two apps on one database, as two server processes behind a load balancer would be. */
async function twoNodes(dialect: Config['database']['dialect'], overrides: Partial<Config['rateLimit']> = {}) {
  const database: TestDatabase = await createTestDatabase(dialect);
  const base = loadConfig({ TABA_DATA_DIR: database.dataDir });
  const config: Config = { ...base, database: database.config, jwtSecret: 'rate-limit-suite-secret-0123456789abcdef', rateLimit: { ...base.rateLimit, ...overrides } };
  const first = await buildApp(config, { logger: false });
  const second = await buildApp(config, { logger: false });
  return {
    first,
    second,
    async close() {
      await first.close();
      await second.close();
      await database.drop();
    },
  };
}

for (const dialect of testDialects) {
  describe(`rate limits (${dialect})`, () => {
    let s: SecurityApp;

    before(async () => {
      s = await securityApp(dialect);
    });
    after(() => s.close());

    test('each strict limit trips at its maximum with 429 problem+json and Retry-After, per IP', async (t) => {
      const present = strictLimits.filter((rule) => s.routes.some((route) => route.id === rule.route));
      assert.ok(present.some((rule) => rule.route === 'POST /v1/portal/sessions'));
      for (const rule of present) {
        await freshWindow();
        const ip = randomIp();
        for (let i = 1; i <= rule.max; i++) {
          const response = await strictRequest(s.app, rule.route, ip);
          assert.notEqual(response.statusCode, 429, `${rule.route}: request ${i} of ${rule.max} was limited`);
          assert.equal(Number(response.headers['x-ratelimit-remaining']), rule.max - i, rule.route);
        }
        assertRateLimited(await strictRequest(s.app, rule.route, ip), rule.route);
        assert.notEqual((await strictRequest(s.app, rule.route, randomIp())).statusCode, 429, `${rule.route}: another IP is not limited`);
      }
      t.diagnostic(`strict limits tripped: ${present.map((rule) => `${rule.route} at ${rule.max}/min`).join('; ')}`);
    });

    test('a 429 on the portal API still carries the CORS headers of an allowed origin', async () => {
      const tenant = await s.tenant('Cors');
      assert.equal((await (await tenant.asOwner())('PATCH', '/v1/workspace/settings', { allowedOrigins: ['https://shop.example'] })).statusCode, 200);
      await freshWindow();
      const ip = randomIp();
      const max = strictLimits.find((rule) => rule.route === 'POST /v1/portal/sessions')!.max;
      for (let i = 0; i < max; i++) await strictRequest(s.app, 'POST /v1/portal/sessions', ip);
      const limited = await strictRequest(s.app, 'POST /v1/portal/sessions', ip, { origin: 'https://shop.example' });
      assertRateLimited(limited, 'exchange from an allowed origin');
      assert.equal(limited.headers['access-control-allow-origin'], 'https://shop.example');
      assert.match(String(limited.headers['access-control-expose-headers']), /retry-after/);
    });

    test('the hosted page, /health and the OpenAPI document are not limited', async () => {
      for (const url of ['/health', '/portal', '/openapi.json']) {
        const response = await s.app.inject({ method: 'GET', url, remoteAddress: randomIp() });
        assert.equal(response.headers['x-ratelimit-limit'], undefined, url);
      }
      const api = await s.app.inject({ method: 'GET', url: '/v1/portal/me', remoteAddress: randomIp() });
      assert.equal(api.statusCode, 401);
    });

    test('database store: two app instances on one database share the strict count', async () => {
      const nodes = await twoNodes(dialect);
      try {
        await freshWindow();
        const ip = randomIp();
        const max = strictLimits.find((rule) => rule.route === 'POST /v1/portal/sessions')!.max;
        for (let i = 0; i < max; i++) {
          const node = i % 2 === 0 ? nodes.first : nodes.second;
          assert.notEqual((await strictRequest(node, 'POST /v1/portal/sessions', ip)).statusCode, 429, `request ${i + 1}`);
        }
        assertRateLimited(await strictRequest(nodes.first, 'POST /v1/portal/sessions', ip), 'first node');
        assertRateLimited(await strictRequest(nodes.second, 'POST /v1/portal/sessions', ip), 'second node');
      } finally {
        await nodes.close();
      }
    });

    test('database store: the API limit is per caller and shared between instances through batched writes', async () => {
      const nodes = await twoNodes(dialect, { apiPerMinute: 40 });
      try {
        const workspace = await createWorkspace(nodes.first.db, 'Limited');
        const key = await createApiKey(nodes.first.db, workspace.id, 'busy backend', 'full');
        const other = await createApiKey(nodes.first.db, workspace.id, 'quiet backend', 'full');
        const get = (node: FastifyInstance, secret = key.secret) =>
          node.inject({ method: 'GET', url: '/v1/workspace/customers', headers: { authorization: `Bearer ${secret}` }, remoteAddress: randomIp() });
        await freshWindow();
        for (let i = 0; i < 30; i++) assert.equal((await get(nodes.first)).statusCode, 200, `first node, request ${i + 1}`);
        await nodes.first.rateLimitCounters.flush();
        // The second node shares a key once it has used 5% of the limit there (2 of 40), and
        // learns the shared total at that flush; then it allows only what is left.
        for (let i = 0; i < 2; i++) assert.equal((await get(nodes.second)).statusCode, 200);
        await nodes.second.rateLimitCounters.flush();
        let allowed = 0;
        let response = await get(nodes.second);
        while (response.statusCode === 200) {
          allowed += 1;
          response = await get(nodes.second);
        }
        assert.equal(allowed, 8, 'the 32 requests counted so far leave 8 of 40');
        assertRateLimited(response, 'second node over the API limit');
        // The other key, from the same IPs, is another caller.
        assert.equal((await get(nodes.second, other.secret)).statusCode, 200);
        // Counters are stored under the caller's id, never its secret or the hash of it.
        const keys = (await nodes.first.db.selectFrom('rate_limits').select('key').execute()).map((row) => row.key);
        assert.ok(keys.includes(`api:api_key:${key.id}`), keys.join(', '));
        assert.ok(keys.every((stored) => !stored.includes(key.secret) && !stored.includes(hashSecret(key.secret))));
      } finally {
        await nodes.close();
      }
    });
  });
}

describe('rate limits in memory (one process)', () => {
  test('the strict limit trips', async () => {
    const s = await securityApp('sqlite', { rateLimit: { store: 'memory', redisUrl: undefined, apiPerMinute: 600 } });
    try {
      await freshWindow();
      const ip = randomIp();
      const { max } = strictLimits.find((rule) => rule.route === 'POST /v1/portal/sessions')!;
      for (let i = 0; i < max; i++) assert.notEqual((await strictRequest(s.app, 'POST /v1/portal/sessions', ip)).statusCode, 429);
      assertRateLimited(await strictRequest(s.app, 'POST /v1/portal/sessions', ip), 'memory store');
      assert.equal(await s.app.db.selectFrom('rate_limits').select('key').executeTakeFirst(), undefined, 'nothing written to the database');
    } finally {
      await s.close();
    }
  });
});

describe('rate limits in Redis', () => {
  let reason: string | undefined;
  before(async () => {
    const probe = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.ping();
    } catch (error) {
      reason = `Redis at ${REDIS_URL} is unreachable (${(error as Error).message}); set TABA_TEST_REDIS to test the Redis store`;
      console.log(`# skipping the Redis store tests: ${reason}`);
    } finally {
      probe.disconnect();
    }
  });

  test('two app instances share the strict count and the API count through Redis', async (t) => {
    if (reason) return t.skip(reason);
    const nodes = await twoNodes('sqlite', { store: 'redis', redisUrl: REDIS_URL, apiPerMinute: 20 });
    try {
      await freshWindow();
      const ip = randomIp();
      const { max } = strictLimits.find((rule) => rule.route === 'POST /v1/portal/sessions')!;
      for (let i = 0; i < max; i++) {
        assert.notEqual((await strictRequest(i % 2 ? nodes.first : nodes.second, 'POST /v1/portal/sessions', ip)).statusCode, 429, `request ${i + 1}`);
      }
      assertRateLimited(await strictRequest(nodes.first, 'POST /v1/portal/sessions', ip), 'first node');
      assertRateLimited(await strictRequest(nodes.second, 'POST /v1/portal/sessions', ip), 'second node');

      // The API limit, per caller, is exact across nodes in Redis.
      const workspace = await createWorkspace(nodes.first.db, 'Redis');
      const key = await createApiKey(nodes.first.db, workspace.id, 'backend', 'full');
      const get = (node: FastifyInstance) => node.inject({ method: 'GET', url: '/v1/workspace/customers', headers: { authorization: `Bearer ${key.secret}` }, remoteAddress: randomIp() });
      for (let i = 0; i < 20; i++) assert.equal((await get(i % 2 ? nodes.first : nodes.second)).statusCode, 200, `API request ${i + 1}`);
      assertRateLimited(await get(nodes.first), 'API limit through Redis');
      assert.equal(await nodes.first.db.selectFrom('rate_limits').select('key').executeTakeFirst(), undefined, 'nothing written to the database');
    } finally {
      await nodes.close();
    }
  });
});

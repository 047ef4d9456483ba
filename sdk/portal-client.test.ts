import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { seedCustomerWithProposals } from '../server/test-support/fixtures.js';
import { startTestServer, type TestServer } from '../server/test-support/server.js';
import type { PortalTokens } from './contract/sessions.js';
import {
  AuthenticationError,
  ClientSecretError,
  ConflictError,
  ConnectionError,
  NotFoundError,
  OriginNotAllowedError,
  RateLimitError,
  ValidationError,
} from './errors.js';
import { PortalClient } from './portal-client.js';
import { Transport } from './transport.js';

describe('PortalClient and WorkspaceClient against a real server', () => {
  let server: TestServer;
  let seeded: Awaited<ReturnType<typeof seedCustomerWithProposals>>;
  const secret = async () => (await server.workspace.portalSessions.create({ contactId: seeded.contactId })).clientSecret;

  /** Records the paths the client calls; `rewriteTokens` alters token responses to simulate time passing. */
  const recordingFetch = (calls: string[], rewriteTokens?: (tokens: PortalTokens) => PortalTokens): typeof fetch =>
    (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : input);
      calls.push(`${init?.method ?? 'GET'} ${url.pathname}`);
      const response = await fetch(input, init);
      if (!rewriteTokens || !url.pathname.startsWith('/v1/portal/sessions') || !response.ok) return response;
      const tokens = rewriteTokens((await response.json()) as PortalTokens);
      return new Response(JSON.stringify(tokens), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;

  before(async () => {
    server = await startTestServer();
    seeded = await seedCustomerWithProposals(server.workspace);
  });
  after(() => server.close());

  test('signs in from a client secret and acts on proposals', async () => {
    const portal = new PortalClient({ apiBase: server.url, clientSecret: await secret() });
    const profile = await portal.me();
    assert.equal(profile.customer.id, seeded.customerId);
    const page = await portal.proposals.list();
    assert.deepEqual(page.items.map((p) => p.title).sort(), ['Monthly support', 'Website redesign']);
    const target = seeded.proposals[1];
    assert.ok(target);
    const declined = await portal.proposals.decline(target.id, { reason: 'Not now' });
    assert.equal(declined.status, 'declined');
    assert.equal((await server.workspace.proposals.list()).items.find((p) => p.id === target.id)?.status, 'declined');
  });

  test('errors are typed and carry the server’s code and request id', async () => {
    const portal = new PortalClient({ apiBase: server.url, clientSecret: await secret() });
    await assert.rejects(portal.proposals.retrieve('prop_doesnotexist0000000'), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.code, 'not_found');
      assert.match(error.requestId ?? '', /^req_/);
      return true;
    });
    const target = seeded.proposals[1];
    assert.ok(target);
    await assert.rejects(portal.proposals.accept(target.id), (error: unknown) => error instanceof ConflictError && error.code === 'proposal_already_decided');
    await assert.rejects(
      server.workspace.customers.create({ name: '' }),
      (error: unknown) => error instanceof ValidationError && error.errors.some((e) => e.field === 'body.name'),
    );
    await assert.rejects(
      new PortalClient({ apiBase: server.url, clientSecret: 'pcs_wrong' }).me(),
      (error: unknown) => error instanceof AuthenticationError && error.code === 'invalid_client_secret',
    );
  });

  test('refreshes the access token shortly before it expires, not on every call', async () => {
    const calls: string[] = [];
    const nearlyExpired = (tokens: PortalTokens) => ({ ...tokens, accessTokenExpiresAt: new Date(Date.now() + 5_000).toISOString() });
    const portal = new PortalClient({ apiBase: server.url, clientSecret: await secret(), fetch: recordingFetch(calls, nearlyExpired) });
    await portal.me();
    await portal.me();
    assert.deepEqual(calls, ['POST /v1/portal/sessions', 'GET /v1/portal/me', 'POST /v1/portal/sessions/refresh', 'GET /v1/portal/me']);

    const steady: string[] = [];
    const fresh = new PortalClient({ apiBase: server.url, clientSecret: await secret(), fetch: recordingFetch(steady) });
    await Promise.all([fresh.me(), fresh.proposals.list(), fresh.me()]);
    assert.equal(steady.filter((c) => c.startsWith('POST /v1/portal/sessions')).length, 1, 'one sign-in shared by concurrent calls');
  });

  test('renews once on a 401 and retries the call', async () => {
    const calls: string[] = [];
    let broken = true;
    const revokedOnce = (tokens: PortalTokens) => {
      if (!broken) return tokens;
      broken = false;
      return { ...tokens, accessToken: `${tokens.accessToken}x` };
    };
    const portal = new PortalClient({ apiBase: server.url, clientSecret: await secret(), fetch: recordingFetch(calls, revokedOnce) });
    assert.equal((await portal.me()).contact.id, seeded.contactId);
    assert.deepEqual(calls, ['POST /v1/portal/sessions', 'GET /v1/portal/me', 'POST /v1/portal/sessions/refresh', 'GET /v1/portal/me']);
  });

  test('asks fetchClientSecret again when the session cannot be refreshed', async () => {
    let asked = 0;
    const calls: string[] = [];
    const unusable = (tokens: PortalTokens) => ({ ...tokens, accessTokenExpiresAt: new Date(0).toISOString(), refreshToken: 'prt_revoked' });
    const portal = new PortalClient({
      apiBase: server.url,
      fetchClientSecret: async () => {
        asked++;
        return secret();
      },
      fetch: recordingFetch(calls, unusable),
    });
    await portal.me();
    await portal.me();
    assert.equal(asked, 2);
    assert.ok(calls.includes('POST /v1/portal/sessions/refresh'));
  });

  test('a used-up client secret without a callback ends with AuthenticationError', async () => {
    const clientSecret = await secret();
    await new PortalClient({ apiBase: server.url, clientSecret }).me();
    await assert.rejects(new PortalClient({ apiBase: server.url, clientSecret }).me(), AuthenticationError);
  });

  test("an error thrown by fetchClientSecret arrives as ClientSecretError with that error's message", async () => {
    const relayed = new Error("This site's origin, http://localhost:13000, is not allowed to use this workspace's portal");
    const portal = new PortalClient({ apiBase: server.url, fetchClientSecret: () => Promise.reject(relayed) });
    const error = await portal.me().catch((caught: unknown) => caught);
    assert.ok(error instanceof ClientSecretError, String(error));
    assert.equal(error.code, 'client_secret_unavailable');
    assert.equal(error.detail, relayed.message);
    assert.equal(error.cause, relayed);
  });

  test('a call the browser blocks for its origin becomes OriginNotAllowedError naming the origin', async () => {
    const page = 'http://localhost:13000';
    const probed: string[] = [];
    // As a browser does when the preflight allows nothing: the call fails like a network error,
    // while the simple GET to origin-check goes out with the page's Origin and may be read.
    const browserFetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : input);
      if (url.pathname !== '/v1/portal/origin-check') throw new TypeError('Failed to fetch');
      probed.push(url.pathname);
      return fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), origin: page } });
    }) as typeof fetch;
    const portal = new PortalClient({ apiBase: server.url, clientSecret: await secret(), fetch: browserFetch });
    const error = await portal.me().catch((caught: unknown) => caught);
    assert.ok(error instanceof OriginNotAllowedError, String(error));
    assert.equal(error.status, 403);
    assert.equal(error.code, 'origin_not_allowed');
    assert.equal(error.origin, page);
    assert.match(error.message, /This site's origin, http:\/\/localhost:13000, is not allowed to use this portal; add it to the workspace's allowed origins/);
    assert.deepEqual(probed, ['/v1/portal/origin-check']);
  });

  test('a server that cannot be reached gives ConnectionError naming the address tried', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const apiBase = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await new PortalClient({ apiBase, clientSecret: 'pcs_whatever' }).me().catch((caught: unknown) => caught);
    assert.ok(error instanceof ConnectionError, String(error));
    assert.equal(error.status, 0);
    assert.equal(error.apiBase, apiBase);
    assert.ok(error.message.includes(`No answer from ${apiBase}`), error.message);
  });

  test('a given client secret replaces the session the storage kept', async () => {
    const items = new Map<string, string>();
    const storage = { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), removeItem: (key: string) => void items.delete(key) };
    await new PortalClient({ apiBase: server.url, clientSecret: await secret(), storage }).me();
    const kept = [...items.values()][0];
    assert.ok(kept, 'the session is kept');
    const restored = new PortalClient({ apiBase: server.url, storage });
    assert.equal(restored.canAuthenticate, true);
    await restored.me();
    const replaced = new PortalClient({ apiBase: server.url, clientSecret: 'pcs_unknown', storage });
    assert.equal(items.size, 0, 'the kept session is dropped as soon as another secret is given');
    await assert.rejects(replaced.me(), AuthenticationError);
    assert.equal(new PortalClient({ apiBase: server.url, storage }).canAuthenticate, false);
  });
});

describe('Transport retries', () => {
  let hits = 0;
  let busy = 1;
  const stub = http.createServer((_request, response) => {
    hits++;
    if (busy-- > 0) {
      response.writeHead(429, { 'content-type': 'application/problem+json', 'retry-after': '0' });
      response.end(JSON.stringify({ type: 'about:blank', title: 'Too many requests', status: 429, code: 'rate_limited' }));
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"ok":true}');
  });
  let base = '';
  before(async () => {
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => stub.close(() => resolve())));

  test('retries a 429 that says when, then gives up with RateLimitError', async () => {
    const transport = new Transport({ apiBase: base, maxRetries: 2 });
    assert.deepEqual(await transport.request('POST', '/x', { body: {} }), { ok: true });
    assert.equal(hits, 2);
    busy = 5;
    await assert.rejects(transport.request('GET', '/x'), RateLimitError);
    assert.equal(hits, 5);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RouteOptions } from 'fastify';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { createApiKey } from '../server/features/api-keys/repository.js';
import { updateSettings } from '../server/features/settings/repository.js';
import { createWorkspace } from '../server/features/workspaces/repository.js';
import { createTestDatabase, type TestDatabase } from '../server/test-support/databases.js';
import * as contract from './contract/index.js';
import { endpointKey, isEndpoint, type Endpoint } from './contract/endpoint.js';
import { PortalClient, type SessionStorage } from './portal-client.js';
import { WorkspaceClient } from './workspace-client.js';

/** Every declaration exported by the contract, alone or in a group such as `portalProposalEndpoints`. */
function declaredEndpoints(): Endpoint[] {
  const found: Endpoint[] = [];
  for (const value of Object.values(contract)) {
    if (isEndpoint(value)) found.push(value);
    else if (typeof value === 'object' && value !== null) found.push(...Object.values(value).filter(isEndpoint));
  }
  return found;
}

/** The API's routes: not /health, /openapi.json or the hosted /portal page and its assets. */
function apiRoutes(recorded: RouteOptions[]): Map<string, RouteOptions> {
  const routes = new Map<string, RouteOptions>();
  for (const route of recorded) {
    if (!route.url.startsWith('/v1/')) continue;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      routes.set(`${method} ${route.url}`, route);
    }
  }
  return routes;
}

/** Each public method of a client, named as a caller writes it: `proposals.list`, `me`. */
type SdkMethod = (...args: unknown[]) => Promise<unknown>;

function sdkMethods(client: object): [string, SdkMethod][] {
  const methods: [string, SdkMethod][] = [];
  for (const [group, value] of Object.entries(client) as [string, unknown][]) {
    if (typeof value !== 'object' || value === null) continue;
    for (const [name, method] of Object.entries(value) as [string, unknown][]) {
      if (typeof method === 'function') methods.push([`${group}.${name}`, method as SdkMethod]);
    }
  }
  const prototype = Object.getPrototypeOf(client) as object;
  for (const name of Object.getOwnPropertyNames(prototype)) {
    const method: unknown = Object.getOwnPropertyDescriptor(prototype, name)?.value;
    if (name !== 'constructor' && typeof method === 'function') methods.push([name, (method as SdkMethod).bind(client)]);
  }
  return methods;
}

class MemoryStorage implements SessionStorage {
  readonly #items = new Map<string, string>();
  getItem = (key: string) => this.#items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.#items.set(key, value);
  removeItem = (key: string) => void this.#items.delete(key);
}

interface Sent {
  key: string;
  code: string | undefined;
}

describe('each endpoint is declared once and the SDK covers the route table', () => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let apiBase: string;
  const recorded: RouteOptions[] = [];
  let routes: Map<string, RouteOptions>;
  /** What the SDK sent, as the route it reached (or `unmatched …`) and the problem code of the answer. */
  let sent: Sent[] = [];

  before(async () => {
    database = await createTestDatabase('sqlite');
    const config = { ...loadConfig({ TABA_DATA_DIR: database.dataDir }), database: database.config };
    app = await buildApp(config, { logger: false, onRoute: (route) => void recorded.push(route) });
    apiBase = await app.listen({ port: 0, host: '127.0.0.1' });
    routes = apiRoutes(recorded);
  });
  after(async () => {
    await app.close();
    await database.drop();
  });

  const templates = () =>
    [...routes.keys()].map((key) => {
      const [method, url] = key.split(' ') as [string, string];
      return { key, method, pattern: new RegExp(`^${url.replace(/:[A-Za-z0-9_]+/g, '[^/]+')}$`) };
    });

  /** A real fetch that also notes which route each request reached. */
  const recordingFetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? 'GET';
    const route = templates().find((candidate) => candidate.method === method && candidate.pattern.test(url.pathname));
    const response = await fetch(input, init);
    const code = response.headers.get('content-type')?.startsWith('application/problem+json')
      ? ((await response.clone().json()) as { code: string }).code
      : undefined;
    sent.push({ key: route?.key ?? `unmatched ${method} ${url.pathname}`, code });
    return response;
  };

  test('every API route is registered from its declaration, and every declaration is a route', () => {
    assert.ok(routes.size >= 30, `${routes.size} routes`);
    for (const [key, route] of routes) {
      const declared = route.config?.endpoint;
      assert.ok(declared, `${key} is registered without a declaration: use route(app, declaration, handler)`);
      assert.equal(endpointKey(declared), key);
    }
    const declarations = declaredEndpoints();
    const operationIds = new Set<string>();
    for (const declared of declarations) {
      assert.ok(routes.has(endpointKey(declared)), `${endpointKey(declared)} is declared in sdk/contract but no route serves it`);
      assert.ok(!operationIds.has(declared.operationId), `operationId ${declared.operationId} is used twice`);
      operationIds.add(declared.operationId);
    }
    assert.equal(declarations.length, routes.size);
  });

  test('the OpenAPI document names each declared operation and who may call it', async () => {
    type Operation = { operationId?: string; security?: Record<string, string[]>[]; tags?: string[] };
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, Record<string, Operation>> }>();
    const securityOf = {
      public: [],
      portal: [{ portalAccessToken: [] }],
      workspace: [{ workspaceApiKey: [] }, { memberAccessToken: [] }],
      member: [{ memberAccessToken: [] }],
    };
    for (const declared of declaredEndpoints()) {
      const operation = doc.paths[declared.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[declared.method.toLowerCase()];
      assert.ok(operation, `${endpointKey(declared)} is in /openapi.json`);
      assert.equal(operation.operationId, declared.operationId);
      assert.deepEqual(operation.security, securityOf[declared.surface], `${endpointKey(declared)}: security of a ${declared.surface} endpoint`);
    }
  });

  test('every SDK method reaches a route, and every route is reached by an SDK method', async () => {
    const workspace = await createWorkspace(app.db, 'SDK coverage');
    await updateSettings(app.db, workspace.id, { portalEnabled: true });
    const { secret: apiKey } = await createApiKey(app.db, workspace.id, 'coverage', 'full');
    const customer = (await app.inject({ method: 'POST', url: '/v1/workspace/customers', headers: { authorization: `Bearer ${apiKey}` }, payload: { name: 'Customer' } })).json<{ id: string }>();
    const contact = (
      await app.inject({
        method: 'POST',
        url: `/v1/workspace/customers/${customer.id}/contacts`,
        headers: { authorization: `Bearer ${apiKey}` },
        payload: { displayName: 'Ada', email: 'ada@coverage.example', role: 'Buyer' },
      })
    ).json<{ id: string }>();

    const reached = new Set<string>();
    const walk = async (client: object, last: string[]) => {
      const methods = sdkMethods(client).sort(([a], [b]) => Number(last.includes(a)) - Number(last.includes(b)));
      for (const [name, method] of methods) {
        sent = [];
        // Made-up ids and inputs: a 4xx answer from the route is enough, the route must exist.
        await method('nope_1', 'nope_2').catch(() => undefined);
        assert.ok(sent.length > 0, `${name} sent no request`);
        for (const request of sent) {
          assert.ok(!request.key.startsWith('unmatched') && request.code !== 'route_not_found', `${name}: ${request.key} has no route`);
          reached.add(request.key);
        }
      }
    };

    await walk(new WorkspaceClient({ apiBase, apiKey, fetch: recordingFetch }), []);

    // A session started from a client secret, then one restored from storage, so that both the
    // exchange and the refresh are reached as a page reaches them.
    const storage = new MemoryStorage();
    const { clientSecret } = await new WorkspaceClient({ apiBase, apiKey }).portalSessions.create({ contactId: contact.id });
    const starting = new PortalClient({ apiBase, clientSecret, storage, fetch: recordingFetch });
    sent = [];
    await starting.me();
    for (const request of sent) reached.add(request.key);
    await walk(new PortalClient({ apiBase, storage, fetch: recordingFetch }), ['signOut']);

    const unreached = [...routes.keys()].filter((key) => !reached.has(key));
    assert.deepEqual(unreached, [], 'routes that no SDK method calls');
  });
});

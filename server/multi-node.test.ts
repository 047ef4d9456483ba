import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { connectDatabase, migrateToLatest } from './db/database.js';
import type { DB } from './db/schema.js';
import { createApiKey } from './features/api-keys/repository.js';
import { updateSettings } from './features/settings/repository.js';
import { createWorkspace } from './features/workspaces/repository.js';
import { createTestDatabase, type TestDatabase } from './test-support/databases.js';

/**
 * Two real server processes (`taba-portal start`) on one PostgreSQL schema, as two machines behind
 * a load balancer would run: every answer below comes over HTTP from one node or the other.
 */

const MAIN = path.resolve(import.meta.dirname, 'main.ts');
/** Small enough to reach in a test; the API key's setup calls stay well below it. */
const API_PER_MINUTE = 40;
/** server/plugins/rate-limit.ts: the batched API counter writes and reads the shared total once a second. */
const FLUSH_INTERVAL_MS = 1_000;
const SIGN_IN_PER_MINUTE = 10;

interface Node {
  name: string;
  base: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const STARTUP_TIMEOUT_MS = 90_000;

/** Starts `taba-portal start` and waits until its /health answers 200 (so it has migrated and listens). */
async function startNode(name: string, databaseUrl: string, dataDir: string): Promise<Node> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TABA_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_STORE: 'database',
    RATE_LIMIT_API_PER_MINUTE: String(API_PER_MINUTE),
  };
  // No configured signing key: the nodes must agree on the one kept in the database.
  delete env.TABA_JWT_SECRET;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  // Generous: under a parallel test run, tsx compiling the app cold can take a while; this only waits for readiness.
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`node ${name} exited with ${child.exitCode}: ${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`node ${name} did not answer /health within ${STARTUP_TIMEOUT_MS / 1000} s: ${output}`);
    }
    const health = await fetch(`${base}/health`).catch(() => undefined);
    if (health?.status === 200) break;
    await sleep(100);
  }
  return {
    name,
    base,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      assert.equal(code, 0, `node ${name} stops cleanly: ${output}`);
    },
  };
}

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function call(node: Node, method: 'GET' | 'POST', url: string, options: { token?: string; body?: object } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body) headers['content-type'] = 'application/json';
  const response = await fetch(node.base + url, { method, headers, body: options.body && JSON.stringify(options.body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Rate-limit windows are whole minutes; waits when fewer than `needMs` remain of the current one. */
async function awayFromWindowEdge(needMs: number): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < needMs) await sleep(left + 200);
}

describe('two server processes on one PostgreSQL share their state', { skip: !process.env.TABA_TEST_PG && 'TABA_TEST_PG is not set' }, () => {
  let database: TestDatabase;
  let a: Node;
  let b: Node;
  let apiKey: string;
  let workspaceId: string;
  /** The shared database itself, to see what the nodes have written. */
  let db: Kysely<DB> | undefined;
  const nodes: Node[] = [];

  before(async () => {
    database = await createTestDatabase('postgres');
    if (database.config.dialect !== 'postgres') throw new Error('expected PostgreSQL');
    db = (await connectDatabase(database.config)).db;
    await migrateToLatest(db);
    workspaceId = (await createWorkspace(db, 'Two Nodes Ltd')).id;
    await updateSettings(db, workspaceId, { portalEnabled: true });
    apiKey = (await createApiKey(db, workspaceId, 'backend')).secret;
    const url = database.config.url;
    const started = await Promise.allSettled([startNode('A', url, database.dataDir), startNode('B', url, database.dataDir)]);
    // Whichever started is stopped in `after`, even when the other did not.
    for (const result of started) if (result.status === 'fulfilled') nodes.push(result.value);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    [a, b] = nodes as [Node, Node];
  });

  after(async () => {
    const stopped = await Promise.allSettled(nodes.map((node) => node.stop()));
    await db?.destroy();
    await database?.drop();
    for (const result of stopped) if (result.status === 'rejected') throw result.reason;
  });

  /** A customer with one portal contact, created through node A's workspace API. */
  async function newContact(name: string): Promise<{ contactId: string; email: string }> {
    const customer = await call(a, 'POST', '/v1/workspace/customers', { token: apiKey, body: { name } });
    assert.equal(customer.status, 201, JSON.stringify(customer.body));
    const email = `buyer@${name.toLowerCase().replace(/\W/g, '')}.example`;
    const contact = await call(a, 'POST', `/v1/workspace/customers/${String(customer.body.id)}/contacts`, {
      token: apiKey,
      body: { displayName: `${name} buyer`, email, role: 'Buyer' },
    });
    assert.equal(contact.status, 201, JSON.stringify(contact.body));
    return { contactId: String(contact.body.id), email };
  }

  async function mint(node: Node, contactId: string): Promise<string> {
    const minted = await call(node, 'POST', '/v1/workspace/portal-sessions', { token: apiKey, body: { contactId } });
    assert.equal(minted.status, 201, JSON.stringify(minted.body));
    return String(minted.body.clientSecret);
  }

  const exchange = (node: Node, clientSecret: string) => call(node, 'POST', '/v1/portal/sessions', { body: { clientSecret } });

  async function signIn(node: Node, contactId: string): Promise<{ accessToken: string; refreshToken: string }> {
    const exchanged = await exchange(node, await mint(node, contactId));
    assert.equal(exchanged.status, 200, JSON.stringify(exchanged.body));
    return { accessToken: String(exchanged.body.accessToken), refreshToken: String(exchanged.body.refreshToken) };
  }

  test('a client secret minted on one node is exchanged once, on the other; a second exchange on either is refused', async () => {
    const { contactId } = await newContact('Harbour Books');
    const clientSecret = await mint(a, contactId);

    const first = await exchange(b, clientSecret);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const me = await call(a, 'GET', '/v1/portal/me', { token: String(first.body.accessToken) });
    assert.equal(me.status, 200, 'an access token issued by B is accepted by A: one signing key for both');
    assert.equal((me.body.contact as { id: string }).id, contactId);

    for (const node of [a, b]) {
      const again = await exchange(node, clientSecret);
      assert.equal(again.status, 401, `second exchange on ${node.name}`);
      assert.equal(again.body.code, 'invalid_client_secret');
    }

    // Both nodes at the same moment: the database decides, exactly one of them wins.
    const raced = await mint(b, contactId);
    const answers = await Promise.all([exchange(a, raced), exchange(b, raced), exchange(a, raced), exchange(b, raced)]);
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 401, 401, 401]);

    // A refresh token rotated on one node is spent on the other too.
    const rotated = await call(a, 'POST', '/v1/portal/sessions/refresh', { body: { refreshToken: String(first.body.refreshToken) } });
    assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
    const replayed = await call(b, 'POST', '/v1/portal/sessions/refresh', { body: { refreshToken: String(first.body.refreshToken) } });
    assert.equal(replayed.status, 401);
    assert.equal(replayed.body.code, 'invalid_refresh_token');
  });

  test('a sign-out on one node cuts access on the other at once', async () => {
    const { contactId } = await newContact('Northwind Studio');
    const tokens = await signIn(a, contactId);
    assert.equal((await call(b, 'GET', '/v1/portal/me', { token: tokens.accessToken })).status, 200, 'signed in on both');
    assert.equal((await call(b, 'GET', '/v1/portal/proposals', { token: tokens.accessToken })).status, 200);

    assert.equal((await call(a, 'POST', '/v1/portal/sign-out', { token: tokens.accessToken })).status, 204);

    const afterSignOut = await call(b, 'GET', '/v1/portal/me', { token: tokens.accessToken });
    assert.equal(afterSignOut.status, 401, 'the very next call on B is refused, though its token has not expired');
    assert.equal((await call(b, 'GET', '/v1/portal/proposals', { token: tokens.accessToken })).status, 401);
    const refreshed = await call(b, 'POST', '/v1/portal/sessions/refresh', { body: { refreshToken: tokens.refreshToken } });
    assert.equal(refreshed.status, 401, 'and its refresh token is dead on B too');
    assert.equal((await call(b, 'POST', '/v1/portal/sign-out', { token: tokens.accessToken })).status, 204, 'signing out again on B changes nothing');
  });

  test('the sign-in limit is one count for both nodes, exact on every request', async () => {
    await awayFromWindowEdge(5_000);
    const { email } = await newContact('Cobalt Works');
    const remaining: string[] = [];
    for (let i = 0; i < SIGN_IN_PER_MINUTE; i++) {
      const node = i % 2 === 0 ? a : b;
      const answer = await call(node, 'POST', '/v1/portal/sign-in', { body: { workspaceId, email } });
      assert.equal(answer.status, 202, `request ${i + 1} on ${node.name}: ${JSON.stringify(answer.body)}`);
      remaining.push(answer.headers.get('x-ratelimit-remaining') ?? '');
    }
    // Alternating A, B, A, …: each node reports what is left of the one shared count.
    assert.deepEqual(remaining, ['9', '8', '7', '6', '5', '4', '3', '2', '1', '0']);
    for (const node of [a, b]) {
      const refused = await call(node, 'POST', '/v1/portal/sign-in', { body: { workspaceId, email } });
      assert.equal(refused.status, 429, `${node.name} refuses the 11th and 12th, though it served only 5 itself`);
      assert.equal(refused.body.code, 'rate_limited');
    }
  });

  /** Waits until the nodes have written `count` API calls of this contact to the shared table. */
  async function sharedApiCount(contactId: string, count: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const row = await db!.selectFrom('rate_limits').select('count').where('key', 'like', `%api:contact:${contactId}%`).executeTakeFirst();
      if (row?.count === count) return;
      assert.ok(Date.now() < deadline, `the shared count reached ${String(row?.count)}, not ${count}, within 10 s`);
      await sleep(100);
    }
  }

  test('the API limit of a contact adds up over both nodes within about a second', async () => {
    await awayFromWindowEdge(15_000);
    const { contactId } = await newContact('Lumen Labs');
    const { accessToken } = await signIn(a, contactId);
    const half = API_PER_MINUTE / 2;
    const use = async (node: Node, times: number) => {
      for (let i = 0; i < times; i++) {
        const answer = await call(node, 'GET', '/v1/portal/me', { token: accessToken });
        assert.equal(answer.status, 200, `call ${i + 1} on ${node.name}`);
      }
    };
    // Half the limit on each node: neither alone is near it, together they have used all of it.
    await use(a, half);
    await sharedApiCount(contactId, half);
    await use(b, half);
    // B's write of its own calls is also how it learns the total.
    await sharedApiCount(contactId, API_PER_MINUTE);

    const overB = await call(b, 'GET', '/v1/portal/me', { token: accessToken });
    assert.equal(overB.status, 429, `B has served ${half} calls but counts A's too`);
    assert.equal(overB.body.code, 'rate_limited');
    // A learns the total at its next write of its own calls, at most one flush interval later.
    let overA: Answer | undefined;
    for (let attempt = 0; attempt < 5 && overA?.status !== 429; attempt++) {
      overA = await call(a, 'GET', '/v1/portal/me', { token: accessToken });
      if (overA.status !== 429) await sleep(FLUSH_INTERVAL_MS + 300);
    }
    assert.equal(overA?.status, 429, 'A refuses too, within about a flush interval');
  });
});

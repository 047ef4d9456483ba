import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { connectDatabase } from './db/database.js';
import { verifyAuditChain } from './features/audit/repository.js';
import { getSettings } from './features/settings/repository.js';
import { hashSecret } from './lib/ids.js';
import { createTestDatabase, testDialects, type TestDatabase } from './test-support/databases.js';
import { PortalClient } from '../sdk/portal-client.js';
import { WorkspaceClient } from '../sdk/workspace-client.js';

const MAIN = path.resolve(import.meta.dirname, 'main.ts');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taba-cli-'));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Runs `taba-portal start --demo` until it prints its banner; returns the printed key and link. */
async function startDemo(port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'start', '--demo'], {
    env: { ...process.env, PORT: String(port), TABA_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/portal\?workspace=ws_[a-z0-9]+#secret=\S+/.test(output)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  const apiKey = /API key:\s+(sk_\S+)/.exec(output)?.[1];
  const link = /(http:\/\/\S+\/portal\?workspace=ws_[a-z0-9]+#secret=\S+)/.exec(output)?.[1];
  assert.ok(apiKey && link, output);
  const stop = () =>
    new Promise<number | null>((resolve) => {
      child.on('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  return { apiKey, link, stop };
}

test('start --demo seeds once, prints a working key and link, keeps data across restarts, and stops gracefully', async () => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const first = await startDemo(port);
  assert.match(first.link, new RegExp(`^${base}/portal\\?workspace=ws_[a-z0-9]{20}#secret=pcs_`));
  const clientSecret = new URL(first.link).hash.slice('#secret='.length);
  const portal = new PortalClient({ apiBase: base, clientSecret });
  assert.equal((await portal.me()).contact.displayName, 'Ada Lovelace');
  const statuses = new Set((await portal.proposals.list({ limit: 100 })).items.map((p) => p.status));
  assert.deepEqual([...statuses].sort(), ['accepted', 'declined', 'expired', 'pending']);
  const workspace = new WorkspaceClient({ apiBase: base, apiKey: first.apiKey });
  const before = (await workspace.proposals.list({ limit: 100 })).items.length;
  assert.equal(await first.stop(), 0, 'exits 0 on SIGTERM');

  const second = await startDemo(port);
  assert.equal(second.apiKey, first.apiKey, 'the same demo workspace is reused');
  assert.notEqual(second.link, first.link, 'a fresh one-time link');
  const again = new WorkspaceClient({ apiBase: base, apiKey: second.apiKey });
  assert.equal((await again.proposals.list({ limit: 100 })).items.length, before, 'nothing duplicated');
  assert.equal((await again.customers.list()).items.length, 2);
  assert.equal(await second.stop(), 0);
});

test('a bad environment variable stops start with a message naming it', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'start'], { env: { ...process.env, PORT: 'abc' }, encoding: 'utf8' });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /PORT="abc" is invalid/);
});

test('create-api-key prints a new key once, stores only its hash, and needs a workspace', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'create-api-key', '--new-workspace', 'CLI Co', '--name', 'backend'], {
    env: { ...process.env, TABA_DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  const key = /(sk_\S+)/.exec(result.stdout)?.[1];
  assert.ok(key);
  const sqlite = new SQLite(path.join(dataDir, 'taba-portal.sqlite'), { readonly: true });
  const row = sqlite.prepare('select k.name, w.name as workspace from api_keys k join workspaces w on w.id = k.workspace_id where token_hash = ?').get(hashSecret(key));
  sqlite.close();
  assert.deepEqual(row, { name: 'backend', workspace: 'CLI Co' });
  const stored = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'create-api-key'], { env: { ...process.env, TABA_DATA_DIR: dataDir }, encoding: 'utf8' });
  assert.equal(stored.status, 1);
  assert.match(stored.stderr, /--workspace/);
});

interface CliResult {
  code: number | null;
  /** Set when the safety-net timeout had to kill the process: it hung. */
  killedBy: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI to its end; the timeout only keeps a hanging process from stalling the suite. */
function cli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', MAIN, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, killedBy: (error?.signal as NodeJS.Signals | undefined) ?? null, stdout, stderr });
    });
  });
}

/** The process returned by itself with exit code 1 and printed exactly one line, matching `line`. */
function assertOneLineFailure(result: CliResult, line: RegExp): void {
  assert.equal(result.killedBy, null, `it hung and was killed: ${result.stderr}`);
  assert.equal(result.code, 1, result.stderr);
  const printed = result.stderr.trim().split('\n');
  assert.equal(printed.length, 1, `one line, got:\n${result.stderr}`);
  assert.match(printed[0]!, line);
}

/** The environment that points the CLI at a test database, the way a person would: DATABASE_URL. */
function databaseEnv(database: TestDatabase): NodeJS.ProcessEnv {
  const url = database.config.dialect === 'sqlite' ? `sqlite:${database.config.file}` : database.config.url;
  return { DATABASE_URL: url, TABA_DATA_DIR: database.dataDir };
}

/** Starts `taba-portal start --demo` and waits until it has printed what follows the listening banner. */
async function startServer(env: NodeJS.ProcessEnv, printed: RegExp) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'start', '--demo'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (printed.test(output)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  const stop = () =>
    new Promise<number | null>((resolve) => {
      child.on('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  return { output, base: `http://127.0.0.1:${port}`, stop };
}

const DEMO_LINK = /portal\?workspace=ws_[a-z0-9]+#secret=\S+/;

test('each database keeps its own demo: switching DATABASE_URL back and forth prints each one’s working key again', async (t) => {
  // Two SQLite files and, when a server is configured, a PostgreSQL schema: the case that used to lose the SQLite key.
  const databases = [await createTestDatabase('sqlite'), await createTestDatabase('sqlite'), ...(testDialects.includes('postgres') ? [await createTestDatabase('postgres')] : [])];
  t.after(() => Promise.all(databases.map((database) => database.drop())));
  const firstKeys: string[] = [];
  for (const round of [1, 2]) {
    for (const [index, database] of databases.entries()) {
      const server = await startServer(databaseEnv(database), DEMO_LINK);
      const apiKey = /API key:\s+(sk_\S+)/.exec(server.output)?.[1];
      assert.ok(apiKey, server.output);
      if (round === 1) firstKeys.push(apiKey);
      else assert.equal(apiKey, firstKeys[index], `${database.config.dialect} database #${index + 1} prints its own key again`);
      const workspace = new WorkspaceClient({ apiBase: server.base, apiKey });
      assert.equal((await workspace.customers.list()).items.length, 2, 'the key works and the demo was seeded once');
      assert.equal(await server.stop(), 0);
    }
  }
  assert.equal(new Set(firstKeys).size, databases.length, 'every database has a demo of its own');
});

for (const dialect of testDialects) {
  test(`${dialect}: start --demo on a database with workspaces of its own explains why there is no demo link and what to do`, async (t) => {
    const database = await createTestDatabase(dialect);
    t.after(() => database.drop());
    const env = databaseEnv(database);
    const created = await cli(['create-api-key', '--new-workspace', 'Harbour Books'], env);
    assert.equal(created.code, 0, created.stderr);
    const workspaceId = /Workspace (ws_\w+)/.exec(created.stdout)?.[1];
    assert.ok(workspaceId);

    const server = await startServer(env, /--enable-portal --allow-origin[^\n]*\n[\s\S]*npm start/);
    assert.equal(await server.stop(), 0);
    assert.match(server.output, /No demo link: the database \(.+\) already has workspaces/);
    assert.match(server.output, new RegExp(`${workspaceId}\\s+Harbour Books`), 'lists the workspace the database has');
    assert.match(server.output, /taba-portal create-api-key --workspace <ws_id>/);
    assert.match(server.output, /taba-portal settings --workspace <ws_id> --enable-portal --allow-origin https:\/\/your\.site/);
    assert.doesNotMatch(server.output, /sk_|#secret=/, 'no key or link of a demo it did not create');

    const { db } = await connectDatabase(database.config);
    try {
      const workspaces = await db.selectFrom('workspaces').select('name').execute();
      assert.deepEqual(workspaces, [{ name: 'Harbour Books' }], 'no demo data added to a database in use');
    } finally {
      await db.destroy();
    }
  });
}

/** A TCP server on loopback that accepts connections and never answers, like a host that swallows packets. */
async function silentServer(t: { after: (fn: () => void) => void }): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  return (server.address() as net.AddressInfo).port;
}

test('PostgreSQL refusing the connection: every command prints one line naming DATABASE_URL and exits 1', async () => {
  const port = await freePort();
  const env = { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/portal` };
  for (const args of [['start'], ['migrate'], ['seed-demo'], ['create-api-key', '--new-workspace', 'X'], ['settings', '--workspace', 'ws_x']]) {
    assertOneLineFailure(await cli(args, env), new RegExp(`^taba-portal: DATABASE_URL: cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}: connection refused$`));
  }
});

test('PostgreSQL that never answers: start gives up after DATABASE_CONNECT_TIMEOUT_MS with one line', async (t) => {
  const port = await silentServer(t);
  const result = await cli(['start'], { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/portal`, DATABASE_CONNECT_TIMEOUT_MS: '300' });
  assertOneLineFailure(result, new RegExp(`^taba-portal: DATABASE_URL: cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}: no answer within 300 ms \\(DATABASE_CONNECT_TIMEOUT_MS\\)$`));
});

test('PostgreSQL without the named database: start says which database is missing', async (t) => {
  if (!process.env.TABA_TEST_PG) return t.skip('TABA_TEST_PG is not set');
  const url = new URL(process.env.TABA_TEST_PG);
  url.pathname = '/taba_no_such_database';
  const result = await cli(['start'], { DATABASE_URL: url.toString() });
  assertOneLineFailure(result, new RegExp(`^taba-portal: DATABASE_URL: PostgreSQL at ${url.hostname.replaceAll('.', '\\.')}:${url.port || 5432} has no database "taba_no_such_database": create it`));
});

test('a SQLite path that cannot be opened: one line naming the variable and the file, no hang', async () => {
  const notADatabase = path.join(dataDir, 'not-a-database.sqlite');
  fs.writeFileSync(notADatabase, 'these are not the bytes of a SQLite file, which starts with its own header\n'.repeat(20));
  const cases: [NodeJS.ProcessEnv, RegExp][] = [
    // Node's recursive mkdir used to loop forever here.
    [{ DATABASE_URL: 'sqlite:/proc/x/x.db' }, /^taba-portal: DATABASE_URL: cannot open the SQLite database \/proc\/x\/x\.db: cannot create the directory \/proc\/x/],
    [{ DATABASE_URL: 'sqlite:/etc/hostname/portal.db' }, /^taba-portal: DATABASE_URL: cannot open the SQLite database \/etc\/hostname\/portal\.db: /],
    [{ DATABASE_URL: `sqlite:${notADatabase}` }, /^taba-portal: DATABASE_URL: cannot open the SQLite database .+not-a-database\.sqlite: file is not a database$/],
    [{ DATABASE_URL: '', TABA_DATA_DIR: '/proc/x' }, /^taba-portal: TABA_DATA_DIR: cannot open the SQLite database \/proc\/x\/taba-portal\.sqlite: /],
  ];
  for (const [env, line] of cases) {
    assertOneLineFailure(await cli(['start'], env), line);
  }
  assertOneLineFailure(await cli(['settings', '--workspace', 'ws_x'], { DATABASE_URL: 'sqlite:/proc/x/x.db' }), /^taba-portal: DATABASE_URL: cannot open the SQLite database/);
});

test('PORT already in use: one line naming PORT, exit 1 (it used to exit 0)', async (t) => {
  const occupied = net.createServer();
  await new Promise<void>((resolve) => occupied.listen(0, '127.0.0.1', resolve));
  t.after(() => occupied.close());
  const port = (occupied.address() as net.AddressInfo).port;
  const result = await cli(['start', '--demo'], { PORT: String(port), HOST: '127.0.0.1', TABA_DATA_DIR: dataDir, DATABASE_URL: '' });
  assertOneLineFailure(result, new RegExp(`^taba-portal: PORT=${port} is already in use on 127\\.0\\.0\\.1; stop the other server or set PORT$`));
});

for (const dialect of testDialects) {
  test(`${dialect}: the settings command shows, adds to and removes from the portal settings, with an audit event`, async (t) => {
    const database = await createTestDatabase(dialect);
    t.after(() => database.drop());
    const env = databaseEnv(database);
    const created = await cli(['create-api-key', '--new-workspace', 'Northwind Studio'], env);
    assert.equal(created.code, 0, created.stderr);
    const workspaceId = /Workspace (ws_\w+)/.exec(created.stdout)?.[1];
    assert.ok(workspaceId);
    assert.match(created.stdout, new RegExp(`The portal of a new workspace is off[^\\n]*\\n  taba-portal settings --workspace ${workspaceId} --enable-portal --allow-origin https://your\\.site`));

    const shown = await cli(['settings', '--workspace', workspaceId], env);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, new RegExp(`^Portal settings of workspace ${workspaceId} \\(Northwind Studio\\):`));
    assert.match(shown.stdout, /portal:\s+disabled\n\s+allowed origins:\s+\(none\)/);

    const changed = await cli(
      ['settings', '--workspace', workspaceId, '--enable-portal', '--allow-origin', 'http://127.0.0.1:4000', '--allow-origin', 'https://Shop.Example/', '--brand-name', 'Northwind', '--brand-accent', '#0F766E'],
      env,
    );
    assert.equal(changed.code, 0, changed.stderr);
    assert.match(changed.stdout, /portal:\s+enabled\n\s+allowed origins:\s+http:\/\/127\.0\.0\.1:4000\n\s+https:\/\/shop\.example\n\s+brand name:\s+Northwind\n/);
    assert.match(changed.stdout, /brand accent:\s+#0f766e/);

    const removed = await cli(['settings', '--workspace', workspaceId, '--remove-origin', 'http://127.0.0.1:4000', '--allow-origin', 'https://shop.example', '--brand-name', ''], env);
    assert.equal(removed.code, 0, removed.stderr);

    assertOneLineFailure(await cli(['settings', '--workspace', workspaceId, '--allow-origin', 'https://shop.example/path'], env), /^taba-portal: .*https:\/\/shop\.example\/path.* not an origin/);
    assertOneLineFailure(await cli(['settings', '--workspace', workspaceId, '--remove-origin', 'https://other.example'], env), /^taba-portal: https:\/\/other\.example is not an allowed origin of ws_\w+ \(allowed: https:\/\/shop\.example\); nothing was changed$/);
    assertOneLineFailure(await cli(['settings', '--workspace', 'ws_unknown', '--enable-portal'], env), new RegExp(`^taba-portal: no workspace ws_unknown; workspaces here: ${workspaceId} \\(Northwind Studio\\)$`));
    assertOneLineFailure(await cli(['settings', '--workspace', workspaceId, '--enable-portal', '--disable-portal'], env), /--enable-portal or --disable-portal, not both/);

    const { db } = await connectDatabase(database.config);
    try {
      assert.deepEqual(await getSettings(db, workspaceId), {
        portalEnabled: true,
        allowedOrigins: ['https://shop.example'],
        brand: { name: null, logoUrl: null, accentColor: '#0f766e' },
      });
      const events = await db.selectFrom('audit_events').select(['actor_type', 'actor_id', 'action', 'data']).where('workspace_id', '=', workspaceId).orderBy('seq').execute();
      assert.deepEqual(
        events.map((event) => ({ actor: `${event.actor_type}:${event.actor_id}`, action: event.action, origins: (JSON.parse(event.data) as { allowedOrigins?: string[] }).allowedOrigins })),
        [
          { actor: 'system:cli', action: 'settings.updated', origins: ['http://127.0.0.1:4000', 'https://shop.example'] },
          { actor: 'system:cli', action: 'settings.updated', origins: ['https://shop.example'] },
        ],
        'one event per change, none for refused ones',
      );
      assert.equal(await verifyAuditChain(db, workspaceId), null);
    } finally {
      await db.destroy();
    }
  });
}

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { hashSecret } from './lib/ids.js';
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

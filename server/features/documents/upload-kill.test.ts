import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { openDatabase } from '../../db/database.js';
import { packageRoot } from '../../lib/package-root.js';
import { createTestDatabase, testDialects } from '../../test-support/databases.js';
import { createApiKey } from '../api-keys/repository.js';
import { updateSettings } from '../settings/repository.js';
import { createWorkspace } from '../workspaces/repository.js';

const TOTAL = 8 * 1024 * 1024;

/** The whole app in a child process; answers its URL once it listens. */
async function startApp(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; exited: Promise<unknown[]> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(packageRoot, 'server/test-support/app-process.ts')], {
    cwd: packageRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (text: string) => {
      out += text;
      const match = /listening (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the app exited with ${code} before listening`)));
  });
  return { child, url, exited };
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await fs.readdir(directory, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

for (const dialect of testDialects) {
  describe(`an upload to the real route killed with SIGKILL (${dialect})`, () => {
    test('leaves no document row and no object, not even a partial one; the next start sweeps the temp file', async (t) => {
      const database = await createTestDatabase(dialect);
      t.after(() => database.drop());
      const env = {
        TABA_DATA_DIR: database.dataDir,
        DATABASE_URL: database.config.dialect === 'sqlite' ? `sqlite:${database.config.file}` : database.config.url,
        TABA_JWT_SECRET: 'kill-test-secret-0123456789abcdefghijklmnop',
      };
      const tempDir = path.join(database.dataDir, 'tmp');
      const storeDir = path.join(database.dataDir, 'files');

      let app = await startApp(env);
      const { db } = openDatabase(database.config);
      t.after(() => db.destroy());
      const workspace = await createWorkspace(db, 'Kill test');
      await updateSettings(db, workspace.id, { portalEnabled: true });
      const { secret: apiKey } = await createApiKey(db, workspace.id, 'kill');
      const call = async <T>(method: string, url: string, body: object) => {
        const response = await fetch(`${app.url}${url}`, { method, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
        assert.equal(response.status, 201, await response.clone().text());
        return (await response.json()) as T;
      };
      const customer = await call<{ id: string }>('POST', '/v1/workspace/customers', { name: 'Killed Co' });
      const project = await call<{ id: string }>('POST', '/v1/workspace/projects', { customerId: customer.id, name: 'Interrupted' });

      try {
        const boundary = '----tabaKilled';
        const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="half.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`);
        const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
        const request = http.request(`${app.url}/v1/workspace/projects/${project.id}/documents`, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + TOTAL + tail.length },
        });
        request.on('error', () => undefined); // the server dies mid-request
        request.write(head);
        const chunk = Buffer.alloc(256 * 1024, 0x42);
        for (let sent = 0; sent < TOTAL / 2; sent += chunk.length) {
          if (!request.write(chunk)) await once(request, 'drain');
        }
        let spooled = 0;
        for (let i = 0; i < 200 && spooled === 0; i++) {
          for (const name of await fs.readdir(tempDir).catch(() => [] as string[])) spooled += (await fs.stat(path.join(tempDir, name))).size;
          if (spooled === 0) await sleep(25);
        }
        assert.ok(spooled > 0, 'the upload was in progress');
        app.child.kill('SIGKILL');
        const [, signal] = await app.exited;
        assert.equal(signal, 'SIGKILL');
        request.destroy();
      } finally {
        if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGKILL');
      }

      assert.equal((await fs.readdir(tempDir)).length, 1, 'the killed process left its temp file');
      assert.deepEqual(await filesUnder(storeDir), [], 'no object');
      assert.deepEqual(await db.selectFrom('documents').select('id').execute(), [], 'no row');

      app = await startApp(env);
      try {
        assert.deepEqual(await fs.readdir(tempDir), [], 'the next start swept the temp file');
        assert.deepEqual(await filesUnder(storeDir), []);
        assert.deepEqual(await db.selectFrom('documents').select('id').execute(), []);
        // And the route works again.
        const form = `--${'b'}\r\nContent-Disposition: form-data; name="file"; filename="whole.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\nwhole\r\n--b--\r\n`;
        const response = await fetch(`${app.url}/v1/workspace/projects/${project.id}/documents`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'multipart/form-data; boundary=b' }, body: form });
        assert.equal(response.status, 201, await response.text());
        assert.equal((await filesUnder(storeDir)).length, 1);
      } finally {
        app.child.kill('SIGTERM');
        await app.exited;
      }
    });
  });
}

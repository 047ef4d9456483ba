import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { loadConfig } from '../config.js';
import { packageRoot } from '../lib/package-root.js';
import { startFilesApp } from '../test-support/files-app.js';
import { startTestS3, type TestS3 } from '../test-support/s3-server.js';

const TOTAL = 8 * 1024 * 1024;

for (const kind of ['local', 's3'] as const) {
  describe(`an upload killed with SIGKILL (${kind} store)`, () => {
    let dataDir: string;
    let s3: TestS3 | undefined;
    let env: Record<string, string>;

    before(async () => {
      dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'taba-kill-'));
      env = { TABA_DATA_DIR: dataDir };
      if (kind === 's3') {
        s3 = await startTestS3();
        Object.assign(process.env, s3.env);
        env = { ...env, ...s3.env };
      }
    });
    after(async () => {
      await s3?.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    });

    const tempDir = () => path.join(dataDir, 'tmp');
    async function objects(): Promise<string[]> {
      if (s3) {
        const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true });
        try {
          return ((await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents ?? []).map((object) => object.Key!);
        } finally {
          client.destroy();
        }
      }
      const entries = await fs.readdir(path.join(dataDir, 'files'), { recursive: true, withFileTypes: true }).catch(() => []);
      return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
    }

    test('leaves no object and no row; the next start sweeps its temp file away', async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(packageRoot, 'server/test-support/upload-server.ts')], {
        cwd: packageRoot,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = once(child, 'exit');
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let out = '';
          child.stdout!.setEncoding('utf8');
          child.stdout!.on('data', (text: string) => {
            out += text;
            const match = /listening (\S+)/.exec(out);
            if (match) resolve(match[1]!);
          });
          child.once('exit', (code) => reject(new Error(`upload server exited with ${code} before listening`)));
        });

        const boundary = '----tabaKilled';
        const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="half.pdf"\r\n\r\n%PDF-1.7\n`);
        const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
        const request = http.request(`${url}/workspaces/ws_kill/uploads`, {
          method: 'POST',
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + TOTAL + tail.length },
        });
        request.on('error', () => undefined); // the server dies mid-request
        request.write(head);
        const chunk = Buffer.alloc(256 * 1024, 0x42);
        for (let sent = 0; sent < TOTAL / 2; sent += chunk.length) {
          if (!request.write(chunk)) await once(request, 'drain');
        }
        // Wait until the server has spooled part of it to its temp file.
        let spooled = 0;
        for (let i = 0; i < 200 && spooled === 0; i++) {
          for (const name of await fs.readdir(tempDir()).catch(() => [] as string[])) spooled += (await fs.stat(path.join(tempDir(), name))).size;
          if (spooled === 0) await sleep(25);
        }
        assert.ok(spooled > 0, 'the upload was in progress');
        child.kill('SIGKILL');
        const [, signal] = await exited;
        assert.equal(signal, 'SIGKILL');
        request.destroy();
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }

      const leftovers = await fs.readdir(tempDir());
      assert.equal(leftovers.length, 1, 'the killed process left its temp file');
      assert.deepEqual(await objects(), [], 'no object, not even a partial one');

      // Start again: the files plugin sweeps the temp dir at start. The killed server never wrote a row
      // (it stores a row only after the object), and a new start has none either.
      const restarted = await startFilesApp({ ...loadConfig(env) });
      try {
        assert.deepEqual(await fs.readdir(tempDir()), [], 'the start swept the temp file');
        assert.deepEqual(await objects(), []);
        assert.equal(restarted.documents.size, 0);
      } finally {
        await restarted.close();
      }
    });
  });
}

import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { loadConfig, type FilesConfig } from '../config.js';
import { Problem } from '../lib/problem.js';
import { startTestS3, type TestS3 } from '../test-support/s3-server.js';
import { createDownloadLinks } from './links.js';
import { createFileStore, type FileStore } from './store.js';
import { STALE_TEMP_MS, sweepTempFiles, tempPath } from './temp.js';

const links = createDownloadLinks({ publicUrl: 'http://portal.test', current: { id: 'k1', secret: 'x'.repeat(64) } });
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const isMissing = (error: unknown) => error instanceof Problem && error.status === 404 && error.code === 'file_missing';

for (const kind of ['local', 's3'] as const) {
  describe(`FileStore (${kind})`, () => {
    let dataDir: string;
    let s3: TestS3 | undefined;
    let client: S3Client | undefined;
    let files: FilesConfig;
    let store: FileStore;

    before(async () => {
      dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'taba-files-'));
      let env: Record<string, string> = { TABA_DATA_DIR: dataDir };
      if (kind === 's3') {
        s3 = await startTestS3();
        Object.assign(process.env, s3.env);
        env = { ...env, ...s3.env, TABA_S3_PREFIX: 'portal/' };
        client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true });
      }
      files = loadConfig(env).files;
      store = await createFileStore(files, { links });
      assert.equal(store.kind, kind);
    });
    after(async () => {
      await store.close();
      client?.destroy();
      await s3?.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    });

    const objects = async (): Promise<string[]> => {
      if (client) return ((await client.send(new ListObjectsV2Command({ Bucket: s3!.bucket }))).Contents ?? []).map((object) => object.Key!);
      const root = path.join(dataDir, 'files');
      const entries = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
      return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
    };
    const temps = () => fs.readdir(files.tempDir).catch(() => [] as string[]);

    test('put, open, open a range, head and delete round-trip the bytes with their sha256', async () => {
      const data = randomBytes(300_000);
      const stored = await store.put(Readable.from([data.subarray(0, 1000), data.subarray(1000)]), { contentType: 'application/pdf', keyPrefix: 'ws_1' });
      assert.match(stored.key, /^ws_1\/file_[a-z2-7]{20}$/);
      assert.equal(stored.size, data.length);
      assert.equal(stored.sha256, sha256(data));
      assert.deepEqual(await temps(), [], 'the spooled temp file is gone');
      if (kind === 's3') assert.deepEqual(await objects(), [`portal/${stored.key}`], 'TABA_S3_PREFIX prefixes object keys');

      const whole: Buffer[] = [];
      for await (const chunk of await store.open(stored.key)) whole.push(chunk as Buffer);
      assert.equal(sha256(Buffer.concat(whole)), stored.sha256);
      const part: Buffer[] = [];
      for await (const chunk of await store.open(stored.key, { start: 100, end: 199 })) part.push(chunk as Buffer);
      assert.deepEqual(Buffer.concat(part), data.subarray(100, 200));
      assert.deepEqual(await store.head(stored.key), { size: data.length });

      await store.delete(stored.key);
      await store.delete(stored.key); // deleting twice is fine
      assert.equal(await store.head(stored.key), undefined);
      await assert.rejects(store.open(stored.key), isMissing);
      assert.deepEqual(await objects(), []);
    });

    test('a complete temp file is taken over: moved or uploaded, then gone from the temp dir', async () => {
      const data = Buffer.from('hello temp file');
      const tempFile = await tempPath(files.tempDir, 'upload');
      await fs.writeFile(tempFile, data);
      const stored = await store.put({ tempFile, size: data.length, sha256: sha256(data) }, { contentType: 'text/plain; charset=utf-8' });
      assert.match(stored.key, /^file_[a-z2-7]{20}$/);
      assert.deepEqual(await temps(), []);
      assert.equal(await text(await store.open(stored.key)), 'hello temp file');
      await store.delete(stored.key);
    });

    test('a source that fails midway leaves no temp file and no object', async () => {
      const failing = new Readable({
        read() {
          this.push(randomBytes(64 * 1024));
          this.destroy(new Error('client went away'));
        },
      });
      await assert.rejects(store.put(failing, { contentType: 'application/pdf' }), /client went away/);
      assert.deepEqual(await temps(), []);
      assert.deepEqual(await objects(), []);
    });

    test('keys the store does not make never reach the disk or bucket', async () => {
      for (const key of ['../../etc/passwd', 'file_aaaaaaaaaaaaaaaaaaaa/../x', '/file_aaaaaaaaaaaaaaaaaaaa', 'a/b/file_aaaaaaaaaaaaaaaaaaaa', '']) {
        await assert.rejects(store.open(key), isMissing, key);
        await assert.rejects(store.delete(key), isMissing, key);
      }
      await assert.rejects(store.put(Readable.from([Buffer.from('x')]), { contentType: 'text/plain', keyPrefix: '../up' }), TypeError);
      assert.deepEqual(await temps(), []);
    });
  });
}

describe('sweeping temp files at start', () => {
  let tempDir: string;
  before(async () => {
    tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'taba-sweep-'));
  });
  after(() => fs.rm(tempDir, { recursive: true, force: true }));

  test('removes files of dead processes on this host and stale ones; keeps live uploads', async () => {
    const mine = await tempPath(tempDir, 'upload');
    await fs.writeFile(mine, 'in progress');
    const host = path.basename(mine).split('-')[1]!;
    // A pid far above any real one: that process is gone.
    const dead = path.join(tempDir, `upload-${host}-99999999-abcdef.part`);
    const otherHostFresh = path.join(tempDir, 'store-00000000-12-abcdef.part');
    const otherHostStale = path.join(tempDir, 'store-00000000-13-abcdef.part');
    const unknownStale = path.join(tempDir, 'something-else');
    for (const file of [dead, otherHostFresh, otherHostStale, unknownStale]) await fs.writeFile(file, 'x');
    const old = new Date(Date.now() - STALE_TEMP_MS - 60_000);
    await fs.utimes(otherHostStale, old, old);
    await fs.utimes(unknownStale, old, old);

    assert.equal(await sweepTempFiles(tempDir), 3);
    assert.deepEqual((await fs.readdir(tempDir)).sort(), [path.basename(otherHostFresh), path.basename(mine)].sort());
    assert.equal(await sweepTempFiles(path.join(tempDir, 'missing')), 0, 'a temp dir that does not exist yet is fine');
  });
});

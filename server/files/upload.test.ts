import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { loadConfig, type Config } from '../config.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../test-support/databases.js';
import { FILES_PUBLIC_URL, startFilesApp, type FilesTestApp } from '../test-support/files-app.js';
import { multipart, pdfOfSize, samples, type Part } from '../test-support/files.js';
import { startTestS3, type TestS3 } from '../test-support/s3-server.js';

const LIMIT = 256 * 1024;
const WORKSPACE = 'ws_test';
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

for (const dialect of testDialects) {
  for (const kind of ['local', 's3'] as const) {
    describe(`uploads and downloads (${kind} store, ${dialect})`, () => {
      let database: TestDatabase;
      let s3: TestS3 | undefined;
      let config: Config;
      let server: FilesTestApp;
      let s3Client: S3Client | undefined;

      before(async () => {
        database = await createTestDatabase(dialect);
        let env: Record<string, string> = { TABA_DATA_DIR: database.dataDir, MAX_UPLOAD_BYTES: String(LIMIT) };
        if (kind === 's3') {
          s3 = await startTestS3();
          // The SDK reads its credentials from the environment, as in production.
          Object.assign(process.env, s3.env);
          env = { ...env, ...s3.env };
          s3Client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true });
        }
        config = { ...loadConfig(env), database: database.config };
        server = await startFilesApp(config);
      });
      after(async () => {
        await server.close();
        s3Client?.destroy();
        await s3?.close();
        await database.drop();
      });

      async function send(body: Buffer, contentType: string, workspaceId = WORKSPACE): Promise<Answer> {
        const response = await fetch(`${server.url}/workspaces/${workspaceId}/uploads`, { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': contentType } });
        return answer(response);
      }
      const upload = (parts: Part[]) => {
        const form = multipart(parts);
        return send(form.body, form.contentType);
      };
      const file = (data: Buffer | string, filename = 'report.pdf', contentType = 'application/octet-stream'): Part => ({ name: 'file', filename, contentType, data });

      /** A download link's URL as this test server answers it (the local store signs for PUBLIC_URL). */
      const reachable = (url: string) => (url.startsWith(FILES_PUBLIC_URL) ? server.url + url.slice(FILES_PUBLIC_URL.length) : url);

      async function storedObjects(): Promise<string[]> {
        if (kind === 's3') {
          const listed = await s3Client!.send(new ListObjectsV2Command({ Bucket: s3!.bucket }));
          return (listed.Contents ?? []).map((object) => object.Key!).sort();
        }
        const root = path.join(database.dataDir, 'files');
        const entries = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
        return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(root, path.join(entry.parentPath ?? entry.path, entry.name))).sort();
      }
      async function tempFiles(): Promise<string[]> {
        return fs.readdir(config.files.tempDir).catch(() => []);
      }
      /** Nothing but the accepted uploads' objects, and no temp file. */
      async function assertNothingLeft(): Promise<void> {
        assert.deepEqual(await tempFiles(), [], 'no temp file is left');
        const accepted = [...server.documents.values()].map((document) => document.key).sort();
        assert.deepEqual(await storedObjects(), accepted, 'no object beyond the accepted uploads');
      }
      async function assertProblem(answerPromise: Promise<Answer>, status: number, code: string): Promise<Answer> {
        const result = await answerPromise;
        assert.equal(result.status, status, result.text);
        assert.equal(result.json?.code, code, result.text);
        assert.match(result.headers.get('content-type') ?? '', /application\/problem\+json/);
        await assertNothingLeft();
        return result;
      }

      test('a PDF is stored with its size and sha256 and downloads through its link as an attachment', async () => {
        const data = samples.pdf();
        const result = await upload([file(data, 'Angebot Q3.pdf', 'application/pdf'), { name: 'title', data: 'Offer' }]);
        assert.equal(result.status, 201, result.text);
        const { upload: stored, link } = result.json;
        assert.equal(stored.size, data.length);
        assert.equal(stored.sha256, sha256(data));
        assert.equal(stored.contentType, 'application/pdf');
        assert.equal(stored.fileType, 'pdf');
        assert.equal(stored.fileName, 'Angebot Q3.pdf');
        assert.deepEqual(stored.fields, { title: 'Offer' });
        assert.match(stored.key, new RegExp(`^${WORKSPACE}/file_[a-z2-7]{20}$`));
        assert.ok(Date.parse(link.expiresAt) > Date.now() + 250_000 && Date.parse(link.expiresAt) <= Date.now() + 301_000);
        await assertNothingLeft();

        const download = await fetch(reachable(link.url));
        assert.equal(download.status, 200);
        assert.deepEqual(Buffer.from(await download.arrayBuffer()), data);
        assert.equal(download.headers.get('content-type'), 'application/pdf');
        assert.equal(download.headers.get('content-disposition'), `attachment; filename="Angebot Q3.pdf"; filename*=UTF-8''Angebot%20Q3.pdf`);
        if (kind === 'local') {
          assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
          assert.equal(download.headers.get('cache-control'), 'private, no-store');
          assert.equal(download.headers.get('accept-ranges'), 'bytes');
          assert.equal(download.headers.get('content-length'), String(data.length));
          assert.equal(download.headers.get('etag'), `"${sha256(data)}"`);
        } else {
          assert.ok(link.url.startsWith(s3!.endpoint), 'an S3 link is a presigned URL on the bucket');
          assert.equal(download.headers.get('cache-control'), 'private, no-store');
        }
      });

      test('a non-ASCII name is cleaned and sent back per RFC 6266 with an ASCII fallback', async () => {
        const data = samples.text();
        const result = await upload([file(data, 'Ärger\u202Efdp.exe\u0007 – Übersicht.txt', 'text/plain')]);
        assert.equal(result.status, 201, result.text);
        assert.equal(result.json.upload.fileName, 'Ärgerfdp.exe – Übersicht.txt');
        assert.equal(result.json.upload.contentType, 'text/plain; charset=utf-8');
        const download = await fetch(reachable(result.json.link.url));
        assert.equal(download.status, 200);
        assert.equal(
          download.headers.get('content-disposition'),
          `attachment; filename="Argerfdp.exe _ Ubersicht.txt"; filename*=UTF-8''%C3%84rgerfdp.exe%20%E2%80%93%20%C3%9Cbersicht.txt`,
        );
        assert.deepEqual(Buffer.from(await download.arrayBuffer()), data);
      });

      test('path traversal and control characters in names are cleaned; an overlong name is cut to 255 bytes keeping its extension', async () => {
        const traversal = await upload([file(samples.png(), '..\\..\\windows\\system32\\evil\u0000\u001f.png', 'image/png')]);
        assert.equal(traversal.status, 201, traversal.text);
        assert.equal(traversal.json.upload.fileName, 'evil.png');
        const slashes = await upload([file(samples.png(), '../../etc/passwd.png', 'image/png')]);
        assert.equal(slashes.status, 201, slashes.text);
        assert.equal(slashes.json.upload.fileName, 'passwd.png');
        const long = await upload([file(samples.jpeg(), `${'ü'.repeat(300)}.jpeg`, 'image/jpeg')]);
        assert.equal(long.status, 201, long.text);
        assert.ok(Buffer.byteLength(long.json.upload.fileName) <= 255);
        assert.match(long.json.upload.fileName, /^ü+\.jpeg$/);
        const dots = await upload([file(samples.gif(), '...', 'image/gif')]);
        assert.equal(dots.status, 201, dots.text);
        assert.equal(dots.json.upload.fileName, 'file.gif', 'a name with nothing left gets a fallback and the type’s extension');
        // Keys never contain any part of the name.
        for (const result of [traversal, slashes, long, dots]) assert.match(result.json.upload.key, /^ws_test\/file_[a-z2-7]{20}$/);
        await assertNothingLeft();
      });

      test('every allowed type is accepted from its bytes; a missing extension is added', async () => {
        const cases: [keyof typeof samples, string, string][] = [
          ['webp', 'photo.webp', 'image/webp'],
          ['csv', 'numbers.csv', 'text/csv; charset=utf-8'],
          ['docx', 'letter.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
          ['xlsx', 'sheet.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
          ['pptx', 'deck.pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
          ['pdf', 'no-extension', 'application/pdf'],
        ];
        for (const [sample, name, contentType] of cases) {
          const result = await upload([file(samples[sample](), name)]);
          assert.equal(result.status, 201, `${sample}: ${result.text}`);
          assert.equal(result.json.upload.contentType, contentType);
        }
        const csvDeclared = await upload([file(samples.csv(), 'export', 'application/vnd.ms-excel')]);
        assert.equal(csvDeclared.status, 201, csvDeclared.text);
        assert.equal(csvDeclared.json.upload.fileName, 'export.csv');
        const pdfName = await upload([file(samples.pdf(), 'no-extension')]);
        assert.equal(pdfName.json.upload.fileName, 'no-extension.pdf');
      });

      test('a type or extension that lies about the bytes is refused 415 file_type_mismatch, nothing stored', async () => {
        await assertProblem(upload([file(samples.png(), 'invoice.pdf', 'application/pdf')]), 415, 'file_type_mismatch');
        await assertProblem(upload([file(samples.pdf(), 'invoice.pdf', 'image/png')]), 415, 'file_type_mismatch');
        await assertProblem(upload([file(samples.pdf(), 'invoice.exe')]), 415, 'file_type_mismatch');
        await assertProblem(upload([file(samples.text(), 'notes.pdf')]), 415, 'file_type_mismatch');
        await assertProblem(upload([file(samples.jpeg(), 'photo.png', 'image/jpeg')]), 415, 'file_type_mismatch');
      });

      test('bytes outside the allow-list are refused 415 file_type_not_allowed, whatever the name claims', async () => {
        await assertProblem(upload([file(samples.exe(), 'setup.pdf', 'application/pdf')]), 415, 'file_type_not_allowed');
        await assertProblem(upload([file(samples.exe(), 'setup.exe')]), 415, 'file_type_not_allowed');
        await assertProblem(upload([file(samples.html(), 'page.html', 'text/html')]), 415, 'file_type_not_allowed');
        await assertProblem(upload([file(samples.svg(), 'logo.svg', 'image/svg+xml')]), 415, 'file_type_not_allowed');
        await assertProblem(upload([file(samples.docm(), 'letter.docx')]), 415, 'file_type_not_allowed');
        await assertProblem(upload([file(samples.plainZip(), 'archive.zip', 'application/zip')]), 415, 'file_type_not_allowed');
        await assertProblem(upload([file(Buffer.from([0xff, 0xfe, 0x41, 0x00]), 'utf16.txt')]), 415, 'file_type_not_allowed');
      });

      test('exactly MAX_UPLOAD_BYTES is accepted; one byte more answers 413 file_too_large and leaves nothing', async () => {
        const exact = await upload([file(pdfOfSize(LIMIT), 'exact.pdf')]);
        assert.equal(exact.status, 201, exact.text);
        assert.equal(exact.json.upload.size, LIMIT);
        await assertProblem(upload([file(pdfOfSize(LIMIT + 1), 'big.pdf')]), 413, 'file_too_large');
        // Far over the limit, with a field after the file.
        await assertProblem(upload([file(pdfOfSize(LIMIT * 8), 'huge.pdf'), { name: 'title', data: 'late' }]), 413, 'file_too_large');
      });

      test('a zero-byte file answers 400 empty_file', async () => {
        await assertProblem(upload([file(Buffer.alloc(0), 'empty.pdf')]), 400, 'empty_file');
      });

      test('parts: two files, unknown fields, an unknown file field, long or repeated fields and no file answer 400', async () => {
        await assertProblem(upload([file(samples.pdf(), 'a.pdf'), file(samples.pdf(), 'b.pdf')]), 400, 'too_many_files');
        await assertProblem(upload([{ name: 'owner', data: 'me' }, file(samples.pdf())]), 400, 'unknown_field');
        await assertProblem(upload([file(samples.pdf()), { name: 'owner', data: 'me' }]), 400, 'unknown_field');
        await assertProblem(upload([{ name: 'attachment', filename: 'a.pdf', contentType: 'application/pdf', data: samples.pdf() }]), 400, 'unknown_field');
        await assertProblem(upload([file(samples.pdf()), { name: 'title', data: 'x'.repeat(21) }]), 400, 'field_too_long');
        await assertProblem(upload([{ name: 'title', data: 'a' }, { name: 'title', data: 'b' }, file(samples.pdf())]), 400, 'too_many_fields');
        await assertProblem(upload([{ name: 'title', data: 'only a title' }]), 400, 'file_required');
        await assertProblem(upload([{ name: '__proto__', data: 'x' }, file(samples.pdf())]), 400, 'unknown_field');
        const fine = await upload([file(samples.pdf()), { name: 'title', data: 'ü'.repeat(20) }]);
        assert.equal(fine.status, 201, '20 characters of 2 bytes each fit a 20-character field');
      });

      test('a refusal before a large file has arrived answers once the client has sent it, and the connection is not left stalled', async () => {
        const big = pdfOfSize(10 * 1024 * 1024);
        await assertProblem(upload([{ name: 'owner', data: 'me' }, file(big)]), 400, 'unknown_field');
        await assertProblem(upload([file(samples.pdf(), 'a.pdf'), file(big, 'b.pdf')]), 400, 'too_many_files');
        const next = await upload([file(samples.pdf())]);
        assert.equal(next.status, 201, next.text);
        // (A stalled connection would also keep the server from closing in after().)
      });

      test('a body that is not multipart answers 415; a truncated multipart body answers 400 and leaves nothing', async () => {
        await assertProblem(send(Buffer.from('{"file":"x"}'), 'application/json'), 415, 'multipart_required');
        const form = multipart([file(pdfOfSize(50_000))]);
        await assertProblem(send(form.body.subarray(0, 30_000), form.contentType), 400, 'invalid_multipart');
        await assertProblem(send(form.body, 'multipart/form-data'), 400, 'invalid_multipart');
      });

      test('Range: one range answers 206 with Content-Range, past the end 416, several ranges the whole file', async () => {
        const data = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256))]);
        const result = await upload([file(data, 'range.pdf')]);
        assert.equal(result.status, 201, result.text);
        const { documentId } = result.json;
        const local = await server.app.downloadLinks.signDownload({ workspaceId: WORKSPACE, documentId });
        const get = (range?: string) => fetch(reachable(local.url), { headers: range ? { range } : {} });

        let response = await get('bytes=10-19');
        assert.equal(response.status, 206);
        assert.equal(response.headers.get('content-range'), `bytes 10-19/${data.length}`);
        assert.equal(response.headers.get('content-length'), '10');
        assert.deepEqual(Buffer.from(await response.arrayBuffer()), data.subarray(10, 20));

        response = await get('bytes=-5');
        assert.equal(response.status, 206);
        assert.deepEqual(Buffer.from(await response.arrayBuffer()), data.subarray(-5));

        response = await get(`bytes=${data.length - 3}-`);
        assert.equal(response.status, 206);
        assert.equal(response.headers.get('content-range'), `bytes ${data.length - 3}-${data.length - 1}/${data.length}`);
        assert.deepEqual(Buffer.from(await response.arrayBuffer()), data.subarray(-3));

        response = await get(`bytes=5-${data.length + 100}`);
        assert.equal(response.status, 206, 'an end past the file is clamped');
        assert.equal(response.headers.get('content-range'), `bytes 5-${data.length - 1}/${data.length}`);
        await response.arrayBuffer();

        response = await get(`bytes=${data.length}-`);
        assert.equal(response.status, 416);
        assert.equal(response.headers.get('content-range'), `bytes */${data.length}`);
        assert.equal((await response.json()).code, 'range_not_satisfiable');

        for (const ignored of ['bytes=0-1,5-6', 'items=0-1', 'bytes=9-3', 'bytes=abc']) {
          response = await get(ignored);
          assert.equal(response.status, 200, ignored);
          assert.deepEqual(Buffer.from(await response.arrayBuffer()), data);
        }

        response = await fetch(reachable(local.url), { headers: { range: 'bytes=0-3', 'if-range': '"other"' } });
        assert.equal(response.status, 200, 'If-Range for another version sends the whole file');
        await response.arrayBuffer();
        response = await fetch(reachable(local.url), { headers: { range: 'bytes=0-3', 'if-range': `"${sha256(data)}"` } });
        assert.equal(response.status, 206);
        assert.deepEqual(Buffer.from(await response.arrayBuffer()), data.subarray(0, 4));
      });

      test('a signed link with any field changed, for another workspace or expired is refused with no bytes', async () => {
        const result = await upload([file(samples.pdf(), 'secret.pdf')]);
        const { documentId } = result.json;
        const other = await upload([file(samples.pdf(), 'other.pdf')]);
        const link = server.app.downloadLinks.signDownload({ workspaceId: WORKSPACE, documentId });
        const url = new URL(reachable(link.url));
        assert.equal((await fetch(url)).status, 200);

        const refused = async (changed: URL | string, status = 403, code = 'download_link_invalid', method = 'GET') => {
          const response = await fetch(changed, { method });
          const body = await response.text();
          assert.equal(response.status, status, `${changed}: ${body}`);
          if (method !== 'HEAD') assert.equal(JSON.parse(body).code, code);
          assert.ok(!body.includes('%PDF'), 'no file bytes');
        };
        const withParam = (name: string, value: string) => {
          const changed = new URL(url);
          changed.searchParams.set(name, value);
          return changed;
        };
        const sig = url.searchParams.get('sig')!;
        await refused(withParam('sig', (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1)));
        await refused(withParam('sig', sig.slice(0, -2)));
        await refused(withParam('expires', String(Number(url.searchParams.get('expires')) + 3600)));
        await refused(withParam('kid', 'k2'));
        await refused(url.href.replace(`/${WORKSPACE}/`, '/ws_other/'), 403);
        await refused(url.href.replace(documentId, other.json.documentId), 403);
        await refused(url.href.replace('&sig=', '&sig=x&sig='), 403);
        await refused(url.href.replace(/[?&]kid=[^&]+/, ''), 403);
        await refused(url.href.replace('/v1/downloads/', '/v1/downloads//'), 404, 'route_not_found');
        await refused(url.href.replace('/v1/downloads/', '/v1/download/'), 404, 'route_not_found');
        // Another workspace's valid link does not open this workspace's document.
        const foreign = server.app.downloadLinks.signDownload({ workspaceId: 'ws_other', documentId });
        await refused(reachable(foreign.url), 404, 'not_found');
        // HEAD is a read, checked as GET; other methods have no route.
        assert.equal((await fetch(url, { method: 'HEAD' })).status, 200);
        assert.equal((await fetch(url, { method: 'POST' })).status, 404);

        server.shiftClock(301_000);
        try {
          await refused(url, 410, 'download_link_expired');
          await refused(url, 410, 'download_link_expired', 'HEAD');
        } finally {
          server.shiftClock(-301_000);
        }
        assert.equal((await fetch(url)).status, 200, 'the same link in its lifetime still works');
      });

      if (kind === 's3') {
        test('a presigned S3 URL returns the bytes as an attachment and stops working when it expires', async () => {
          const data = samples.png();
          const result = await upload([file(data, 'Grüße.png', 'image/png')]);
          const document = server.documents.get(result.json.documentId)!;
          const link = await server.app.fileStore.downloadUrl({ ...document, workspaceId: WORKSPACE, documentId: result.json.documentId, expiresInSeconds: 60 });
          const url = new URL(link.url);
          assert.equal(url.searchParams.get('X-Amz-Expires'), '60');
          const response = await fetch(link.url);
          assert.equal(response.status, 200);
          assert.deepEqual(Buffer.from(await response.arrayBuffer()), data);
          assert.equal(response.headers.get('content-type'), 'image/png');
          assert.equal(response.headers.get('content-disposition'), `attachment; filename="Gru_e.png"; filename*=UTF-8''Gr%C3%BC%C3%9Fe.png`);

          server.shiftClock(-120_000); // signed two minutes ago, valid for one
          try {
            const expired = await server.app.fileStore.downloadUrl({ ...document, workspaceId: WORKSPACE, documentId: result.json.documentId, expiresInSeconds: 60 });
            assert.ok(Date.parse(expired.expiresAt) < Date.now());
            const refused = await fetch(expired.url);
            assert.equal(refused.status, 403);
            assert.match(await refused.text(), /expired/i);
          } finally {
            server.shiftClock(120_000);
          }
        });
      }
    });
  }
}

describe('streaming at the default limit (local store)', () => {
  let database: TestDatabase;
  let server: FilesTestApp;
  let tempDir: string;
  before(async () => {
    database = await createTestDatabase('sqlite');
    const config = { ...loadConfig({ TABA_DATA_DIR: database.dataDir }), database: database.config };
    tempDir = config.files.tempDir;
    assert.equal(config.files.maxUploadBytes, 100 * 1024 * 1024);
    server = await startFilesApp(config);
  });
  after(async () => {
    await server.close();
    await database.drop();
  });

  test('100 MiB + 1 byte streams through without being held in memory and answers 413, leaving nothing', async () => {
    const size = 100 * 1024 * 1024 + 1;
    const boundary = '----tabaBigUpload';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    const before = process.memoryUsage();
    let peak = 0;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      peak = Math.max(peak, usage.arrayBuffers - before.arrayBuffers);
    }, 20);
    const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(`${server.url}/workspaces/${WORKSPACE}/uploads`, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + (size - 9) + tail.length },
      });
      request.on('response', (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (text: string) => (body += text));
        response.on('end', () => resolve({ status: response.statusCode!, body }));
      });
      request.on('error', reject);
      (async () => {
        request.write(head);
        let left = size - 9;
        while (left > 0) {
          const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
          left -= piece.length;
          if (!request.write(piece)) await new Promise((next) => request.once('drain', next));
        }
        request.end(tail);
      })().catch(reject);
    });
    clearInterval(sampler);
    assert.equal(result.status, 413, result.body);
    assert.equal(JSON.parse(result.body).code, 'file_too_large');
    assert.ok(peak < 32 * 1024 * 1024, `buffers grew by ${Math.round(peak / 1024 / 1024)} MiB while 100 MiB went through`);
    assert.deepEqual(await fs.readdir(tempDir).catch(() => []), []);
    assert.deepEqual(await fs.readdir(path.join(database.dataDir, 'files')).catch(() => []), []);
  });
});

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { loadConfig, type ConfigError } from '../config.js';
import { Problem } from '../lib/problem.js';
import { samples } from '../test-support/files.js';
import { asciiFallback, cleanFileName, contentDisposition } from './names.js';
import { parseRange } from './send.js';
import { classify, FILE_TYPE_IDS, Sniffer } from './sniff.js';

describe('file names', () => {
  test('paths, controls, bidi overrides and Windows-reserved characters are removed', () => {
    assert.equal(cleanFileName('../../etc/passwd'), 'passwd');
    assert.equal(cleanFileName('C:\\Users\\me\\Desktop\\plan.pdf'), 'plan.pdf');
    assert.equal(cleanFileName('in\u0000voice\r\n\t.pdf'), 'invoice.pdf');
    assert.equal(cleanFileName('two   spaces\u00a0here.pdf'), 'two spaces here.pdf');
    assert.equal(cleanFileName('invoice\u202Efdp.exe'), 'invoicefdp.exe');
    assert.equal(cleanFileName('a<b>c:d"e|f?g*h.txt'), 'a_b_c_d_e_f_g_h.txt');
    assert.equal(cleanFileName('  . report .pdf. '), 'report .pdf');
    assert.equal(cleanFileName('..'), 'file');
    assert.equal(cleanFileName(''), 'file');
    assert.equal(cleanFileName(undefined), 'file');
    assert.equal(cleanFileName('CON.txt'), '_CON.txt');
    assert.equal(cleanFileName('Cafe\u0301.pdf'), 'Café.pdf', 'NFC');
  });

  test('an overlong name is cut to 255 UTF-8 bytes, whole characters only, keeping its extension', () => {
    const cut = cleanFileName(`${'😀'.repeat(100)}.PDF`);
    assert.ok(Buffer.byteLength(cut) <= 255);
    assert.match(cut, /^(😀)+\.PDF$/u);
    assert.equal(Buffer.byteLength(cut), 4 * 62 + 4);
    const noExtension = cleanFileName('x'.repeat(400));
    assert.equal(noExtension, 'x'.repeat(255));
  });

  test('Content-Disposition carries an ASCII fallback and the exact UTF-8 name (RFC 6266, RFC 8187)', () => {
    assert.equal(contentDisposition('report.pdf'), `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
    assert.equal(contentDisposition('Übersicht (final) 100%.pdf'), `attachment; filename="Ubersicht (final) 100_.pdf"; filename*=UTF-8''%C3%9Cbersicht%20%28final%29%20100%25.pdf`);
    assert.equal(contentDisposition("it's.txt"), `attachment; filename="it's.txt"; filename*=UTF-8''it%27s.txt`);
    assert.equal(asciiFallback('日本語.pdf'), '___.pdf');
    assert.equal(asciiFallback('a"b\\c.txt'), 'a_b_c.txt');
  });
});

describe('type sniffing', () => {
  async function sniff(data: Buffer, chunkSize = 3) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'taba-sniff-'));
    const file = path.join(dir, 'f');
    await fs.writeFile(file, data);
    const sniffer = new Sniffer();
    for (let i = 0; i < data.length; i += chunkSize) sniffer.update(data.subarray(i, i + chunkSize));
    try {
      return await sniffer.finish(file);
    } finally {
      await fs.rm(dir, { recursive: true });
    }
  }

  test('each allowed type is recognised from its bytes, even when they arrive a few at a time', async () => {
    for (const type of ['pdf', 'png', 'jpeg', 'gif', 'webp', 'docx', 'xlsx', 'pptx'] as const) assert.equal(await sniff(samples[type]()), type, type);
    assert.equal(await sniff(samples.text()), 'text');
    assert.equal(await sniff(samples.csv()), 'text');
    assert.equal(await sniff(Buffer.from('\ufeffwith BOM')), 'text');
  });

  test('executables, macro Office files, plain ZIPs, binary junk, UTF-16 and cut UTF-8 are not recognised', async () => {
    for (const data of [samples.exe(), samples.docm(), samples.plainZip(), Buffer.from([0, 1, 2, 3]), Buffer.from([0xff, 0xfe, 0x41, 0x00]), Buffer.from('abc\xe2\x82', 'latin1'), Buffer.from('esc\x1b[31m')]) {
      assert.equal(await sniff(data), undefined, data.toString('hex'));
    }
  });

  test('the sender’s claims are checked against the bytes', () => {
    const all = FILE_TYPE_IDS;
    const check = (sniffed: Parameters<typeof classify>[0], fileName: string, declaredType?: string) => classify(sniffed, { fileName, declaredType, allowed: all });
    const code = (run: () => unknown) => {
      try {
        run();
        return 'accepted';
      } catch (error) {
        return error instanceof Problem ? `${error.status} ${error.code}` : String(error);
      }
    };
    assert.equal(check('pdf', 'a.PDF', 'application/pdf; name=x').contentType, 'application/pdf');
    assert.equal(check('jpeg', 'a.jpg', 'image/pjpeg').contentType, 'image/jpeg');
    assert.equal(check('text', 'a.csv', 'text/plain').type, 'csv');
    assert.equal(check('text', 'notes', 'text/csv').fileName, 'notes.csv');
    assert.equal(check('text', 'notes', undefined).fileName, 'notes.txt');
    assert.equal(check('text', 'README.md', 'text/markdown').contentType, 'text/plain; charset=utf-8');
    assert.equal(code(() => check('png', 'a.pdf')), '415 file_type_mismatch');
    assert.equal(code(() => check('pdf', 'a.pdf', 'text/html')), '415 file_type_mismatch');
    assert.equal(code(() => check('text', 'a.html', 'text/html')), '415 file_type_not_allowed');
    assert.equal(code(() => check('text', 'a.docx')), '415 file_type_mismatch');
    assert.equal(code(() => check(undefined, 'a.pdf')), '415 file_type_not_allowed');
    assert.equal(code(() => classify('png', { fileName: 'a.png', declaredType: undefined, allowed: ['pdf'] })), '415 file_type_not_allowed');
  });
});

describe('Range header', () => {
  test('one range of bytes is honoured; past the end is unsatisfiable; anything else is ignored', () => {
    assert.deepEqual(parseRange('bytes=0-0', 10), { start: 0, end: 0 });
    assert.deepEqual(parseRange('bytes=5-', 10), { start: 5, end: 9 });
    assert.deepEqual(parseRange('bytes=-3', 10), { start: 7, end: 9 });
    assert.deepEqual(parseRange('bytes=-30', 10), { start: 0, end: 9 });
    assert.deepEqual(parseRange('bytes=2-99', 10), { start: 2, end: 9 });
    assert.equal(parseRange('bytes=10-', 10), 'unsatisfiable');
    assert.equal(parseRange('bytes=-0', 10), 'unsatisfiable');
    assert.equal(parseRange('bytes=99999999999999999999-', 10), 'unsatisfiable');
    for (const ignored of [undefined, '', 'bytes=1-2,4-5', 'lines=1-2', 'bytes=5-2', 'bytes=-', 'bytes=a-b']) assert.equal(parseRange(ignored, 10), undefined, ignored);
  });
});

describe('files configuration', () => {
  test('defaults: local disk under TABA_DATA_DIR, 100 MiB, five-minute links with key k1', () => {
    const { files } = loadConfig({ TABA_DATA_DIR: '/srv/taba' });
    assert.deepEqual(files, {
      maxUploadBytes: 104_857_600,
      store: { kind: 'local', root: '/srv/taba/files' },
      tempDir: '/srv/taba/tmp',
      linkKeyId: 'k1',
      previousLinkKeyIds: [],
      linkTtlSeconds: 300,
    });
  });

  test('TABA_S3_BUCKET selects S3; an endpoint turns on path-style unless told otherwise', () => {
    const env = { TABA_S3_BUCKET: 'docs', TABA_S3_ENDPOINT: 'http://minio:9000', TABA_S3_REGION: 'eu-central-1', TABA_S3_PREFIX: '/portal/' };
    assert.deepEqual(loadConfig(env).files.store, {
      kind: 's3',
      bucket: 'docs',
      endpoint: 'http://minio:9000',
      region: 'eu-central-1',
      forcePathStyle: true,
      prefix: 'portal',
    });
    assert.equal((loadConfig({ ...env, TABA_S3_FORCE_PATH_STYLE: 'false' }).files.store as { forcePathStyle: boolean }).forcePathStyle, false);
    assert.deepEqual(loadConfig({ TABA_S3_BUCKET: 'docs' }).files.store, { kind: 's3', bucket: 'docs', endpoint: undefined, region: undefined, forcePathStyle: false, prefix: '' });
  });

  test('bad values name their variable', () => {
    for (const [name, value] of [
      ['MAX_UPLOAD_BYTES', '0'],
      ['MAX_UPLOAD_BYTES', '100MB'],
      ['TABA_FILE_LINK_TTL_SECONDS', '7200'],
      ['TABA_FILE_LINK_KEY_ID', 'key one'],
      ['TABA_FILE_LINK_PREVIOUS_KEY_IDS', 'k1,bad key'],
    ] as const) {
      assert.throws(() => loadConfig({ [name]: value }), (error: ConfigError) => error.variable === name, name);
    }
    assert.throws(() => loadConfig({ TABA_S3_BUCKET: 'b', TABA_S3_ENDPOINT: 'ftp://x' }), (error: ConfigError) => error.variable === 'TABA_S3_ENDPOINT');
    assert.deepEqual(loadConfig({ TABA_FILE_LINK_KEY_ID: 'k2', TABA_FILE_LINK_PREVIOUS_KEY_IDS: ' k1 , k2 ' }).files.previousLinkKeyIds, ['k1']);
  });
});

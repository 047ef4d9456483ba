import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Problem } from '../../sdk/contract/common.js';
import { packageRoot } from '../lib/package-root.js';
import { createTestApp, type TestApp } from '../test-support/app.js';
import { testDialects } from '../test-support/databases.js';

const CHUNK_DIR = path.join(packageRoot, 'dist', 'chunks');

for (const dialect of testDialects) {
  describe(`hosted portal: the bundle's chunks (${dialect})`, () => {
    let t: TestApp;
    /** A chunk of our own in dist/chunks, as a build leaves them, so the test needs no build. */
    const name = `test.elements-${randomBytes(6).toString('hex')}.js`;
    const content = 'export const loaded = true;\n';
    let madeDir = false;

    before(async () => {
      t = await createTestApp(dialect);
      madeDir = !(await fs.stat(CHUNK_DIR).catch(() => null));
      await fs.mkdir(CHUNK_DIR, { recursive: true });
      await fs.writeFile(path.join(CHUNK_DIR, name), content);
    });
    after(async () => {
      await fs.rm(path.join(CHUNK_DIR, name), { force: true });
      // Only a folder this test made, and only while empty (a build may have filled it meanwhile).
      if (madeDir) await fs.rmdir(CHUNK_DIR).catch(() => undefined);
      await t.close();
    });

    test('serves a chunk as JavaScript any page may import, cached for good, under the strict CSP', async () => {
      const response = await t.app.inject({ method: 'GET', url: `/portal/assets/chunks/${name}` });
      assert.equal(response.statusCode, 200);
      assert.equal(response.body, content);
      assert.match(String(response.headers['content-type']), /^text\/javascript; charset=utf-8$/);
      // Browsers fetch module scripts (and what they import) with CORS, from tenant pages too.
      assert.equal(response.headers['access-control-allow-origin'], '*');
      assert.equal(response.headers['cross-origin-resource-policy'], 'cross-origin');
      assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.match(String(response.headers['content-security-policy']), /default-src 'none'/);

      // The page's policy lets the bundle import its chunks (same origin) and nothing else.
      const page = await t.app.inject({ method: 'GET', url: '/portal' });
      const csp = String(page.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.equal(page.headers['cache-control'], 'no-store', 'the page itself is never cached');
    });

    test('answers 404 for a chunk that is not there, and for any name that is not a chunk file', async () => {
      for (const file of ['missing.elements-abc.js', '..%2Fmain.js', '..%2F..%2Fpackage.json', '.env', 'x.ts', '%2Fetc%2Fpasswd']) {
        const response = await t.app.inject({ method: 'GET', url: `/portal/assets/chunks/${file}` });
        assert.equal(response.statusCode, 404, file);
        assert.equal(response.json<Problem>().code, 'not_found', file);
      }
    });
  });
}

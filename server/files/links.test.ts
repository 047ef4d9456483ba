import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../config.js';
import { connectDatabase, migrateToLatest } from '../db/database.js';
import { Problem } from '../lib/problem.js';
import { createTestDatabase, testDialects } from '../test-support/databases.js';
import { createDownloadLinks, loadLinkKeys } from './links.js';

const k1 = { id: 'k1', secret: 'a'.repeat(64) };
const k2 = { id: 'k2', secret: 'b'.repeat(64) };
const problem = (status: number, code: string) => (error: unknown) => error instanceof Problem && error.status === status && error.code === code;
const pathOf = (url: string) => url.slice('https://portal.example.com/api'.length);

describe('download links', () => {
  test('a link names its route, expiry and key; it verifies to the workspace and document it was signed for', () => {
    let now = Date.UTC(2026, 11, 2, 12, 0, 0, 500);
    const links = createDownloadLinks({ publicUrl: 'https://portal.example.com/api/', current: k1, now: () => now });
    const link = links.signDownload({ workspaceId: 'ws_a', documentId: 'doc_1' });
    assert.match(link.url, /^https:\/\/portal\.example\.com\/api\/v1\/downloads\/ws_a\/doc_1\?expires=\d+&kid=k1&sig=[A-Za-z0-9_-]{43}$/);
    assert.equal(link.expiresAt, '2026-12-02T12:05:00.000Z');
    assert.deepEqual(links.verifyDownload({ method: 'GET', url: pathOf(link.url) }), { workspaceId: 'ws_a', documentId: 'doc_1' });
    assert.deepEqual(links.verifyDownload({ method: 'HEAD', url: pathOf(link.url) }), { workspaceId: 'ws_a', documentId: 'doc_1' });
    assert.throws(() => links.verifyDownload({ method: 'DELETE', url: pathOf(link.url) }), problem(403, 'download_link_invalid'));
    now += 299_000;
    links.verifyDownload({ method: 'GET', url: pathOf(link.url) });
    now += 1_000;
    assert.throws(() => links.verifyDownload({ method: 'GET', url: pathOf(link.url) }), problem(410, 'download_link_expired'));
  });

  test('a link signed with another secret, or tampered in any field, is invalid', () => {
    const links = createDownloadLinks({ publicUrl: 'http://x', current: k1 });
    const forged = createDownloadLinks({ publicUrl: 'http://x', current: { id: 'k1', secret: 'c'.repeat(64) } });
    const link = forged.signDownload({ workspaceId: 'ws_a', documentId: 'doc_1' });
    assert.throws(() => links.verifyDownload({ method: 'GET', url: link.url.slice('http://x'.length) }), problem(403, 'download_link_invalid'));
    const good = links.signDownload({ workspaceId: 'ws_a', documentId: 'doc_1' }).url.slice('http://x'.length);
    const variants = [
      good.replace('ws_a', 'ws_b'),
      good.replace('doc_1', 'doc_2'),
      good.replace(/expires=(\d+)/, (_, value: string) => `expires=${Number(value) + 1}`),
      good.replace('kid=k1', 'kid=k2'),
      good.replace(/sig=./, 'sig=_'),
      good.replace('/v1/downloads/', '/v1/other/'),
      good + '&expires=1',
      good.replace(/&sig=[^&]+/, ''),
      good.replace('?', '/x?'),
    ];
    for (const url of variants) assert.throws(() => links.verifyDownload({ method: 'GET', url }), problem(403, 'download_link_invalid'), url);
  });

  test('rotation: links of a previous key keep working until they expire; a retired key no longer verifies', () => {
    const before = createDownloadLinks({ publicUrl: 'http://x', current: k1 });
    const old = before.signDownload({ workspaceId: 'ws_a', documentId: 'doc_1' }).url.slice('http://x'.length);
    const rotating = createDownloadLinks({ publicUrl: 'http://x', current: k2, previous: [k1] });
    assert.deepEqual(rotating.verifyDownload({ method: 'GET', url: old }), { workspaceId: 'ws_a', documentId: 'doc_1' });
    assert.match(rotating.signDownload({ workspaceId: 'ws_a', documentId: 'doc_1' }).url, /kid=k2/);
    const rotated = createDownloadLinks({ publicUrl: 'http://x', current: k2 });
    assert.throws(() => rotated.verifyDownload({ method: 'GET', url: old }), problem(403, 'download_link_invalid'));
  });

  test('signing refuses odd ids and lifetimes (programming errors, not requests)', () => {
    const links = createDownloadLinks({ publicUrl: 'http://x', current: k1 });
    assert.throws(() => links.signDownload({ workspaceId: '../ws', documentId: 'doc_1' }), TypeError);
    assert.throws(() => links.signDownload({ workspaceId: 'ws_a', documentId: 'doc_1', expiresInSeconds: 0 }), RangeError);
    assert.throws(() => links.signDownload({ workspaceId: 'ws_a', documentId: 'doc_1', expiresInSeconds: 3601 }), RangeError);
  });

  for (const dialect of testDialects) {
    test(`link keys live in the database, one secret per key id, the same for every node (${dialect})`, async () => {
      const database = await createTestDatabase(dialect);
      const { db } = await connectDatabase(database.config);
      try {
        await migrateToLatest(db);
        const files = loadConfig({ TABA_FILE_LINK_KEY_ID: 'k2', TABA_FILE_LINK_PREVIOUS_KEY_IDS: 'k1' }).files;
        const first = await loadLinkKeys(db, files);
        const second = await loadLinkKeys(db, files);
        assert.deepEqual(first, second);
        assert.equal(first.current.id, 'k2');
        assert.deepEqual(first.previous.map((key) => key.id), ['k1']);
        assert.notEqual(first.current.secret, first.previous[0]!.secret);
        assert.ok(first.current.secret.length >= 32);
        const names = (await db.selectFrom('server_secrets').select('name').execute()).map((row) => row.name).sort();
        assert.deepEqual(names.filter((name) => name.startsWith('file_download')), ['file_download_hs256:k1', 'file_download_hs256:k2']);
      } finally {
        await db.destroy();
        await database.drop();
      }
    });
  }
});

import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Page, Problem } from '../../../sdk/contract/common.js';
import type { Document, DownloadLink, PortalDocument } from '../../../sdk/contract/documents.js';
import type { PortalProject, PortalProjectCard, Project } from '../../../sdk/contract/projects.js';
import { loadConfig } from '../../config.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { createApiKey } from '../api-keys/repository.js';
import { testDialects } from '../../test-support/databases.js';
import { multipart, pdfOfSize, samples, type Part } from '../../test-support/files.js';
import { startTestS3, type TestS3 } from '../../test-support/s3-server.js';
import { customerWithContact, signInContact } from '../../test-support/portal.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type Caller = (method: Method, url: string, payload?: object) => Promise<LightMyRequestResponse>;

const MAX_UPLOAD_BYTES = 64 * 1024;

function bearer(app: FastifyInstance, token: string): Caller {
  return (method, url, payload) => app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });
}

const ok = async <T>(response: Promise<LightMyRequestResponse>, status = 200): Promise<T> => {
  const answer = await response;
  assert.equal(answer.statusCode, status, answer.body);
  return answer.json<T>();
};

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every file under a directory, recursively (the local store's objects, or its temp files). */
async function filesUnder(directory: string): Promise<string[]> {
  const entries = await fs.readdir(directory, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

for (const dialect of testDialects) {
  describe(`documents (${dialect})`, () => {
    let t: TestApp;
    let workspaceA: { workspaceId: string; apiKey: string };
    let keyB: string;
    let acme: Awaited<ReturnType<typeof customerWithContact>>;
    let globex: Awaited<ReturnType<typeof customerWithContact>>;
    let initech: Awaited<ReturnType<typeof customerWithContact>>;
    let acmePortal: Caller;
    let team: Caller;
    let teamB: Caller;
    let filesDir: string;
    let storeRoot: string;
    let tempDir: string;

    before(async () => {
      // A small upload limit, and the store's own directory so that its files can be counted.
      filesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'taba-documents-'));
      const files = { ...loadConfig({ TABA_DATA_DIR: filesDir }).files, maxUploadBytes: MAX_UPLOAD_BYTES };
      t = await createTestApp(dialect, { files });
      assert.equal(files.store.kind, 'local');
      storeRoot = files.store.kind === 'local' ? files.store.root : '';
      tempDir = files.tempDir;
      workspaceA = await t.newWorkspace('Workspace A');
      keyB = (await t.newWorkspace('Workspace B')).apiKey;
      acme = await customerWithContact(t.app, workspaceA.apiKey, 'Acme');
      globex = await customerWithContact(t.app, workspaceA.apiKey, 'Globex');
      initech = await customerWithContact(t.app, keyB, 'Initech');
      acmePortal = bearer(t.app, (await signInContact(t.app, workspaceA.apiKey, acme.contactId)).accessToken);
      team = bearer(t.app, workspaceA.apiKey);
      teamB = bearer(t.app, keyB);
    });
    after(async () => {
      await t.close();
      await fs.rm(filesDir, { recursive: true, force: true });
    });

    const newProject = (customerId: string, caller = team, name = `Project ${randomBytes(3).toString('hex')}`) =>
      ok<Project>(caller('POST', '/v1/workspace/projects', { customerId, name }), 201);

    const uploadRaw = (projectId: string, parts: Part[], apiKey = workspaceA.apiKey) => {
      const form = multipart(parts);
      return t.app.inject({
        method: 'POST',
        url: `/v1/workspace/projects/${projectId}/documents`,
        payload: form.body,
        headers: { 'content-type': form.contentType, authorization: `Bearer ${apiKey}` },
      });
    };

    const upload = (projectId: string, file: { name: string; data: Buffer; type?: string }, shared?: boolean, apiKey?: string) =>
      ok<Document>(
        uploadRaw(
          projectId,
          [
            ...(shared === undefined ? [] : [{ name: 'shared', data: String(shared) }]),
            { name: 'file', filename: file.name, contentType: file.type ?? 'application/octet-stream', data: file.data },
          ],
          apiKey,
        ),
        201,
      );

    /** Follows a local download link through the app (its origin is the configured PUBLIC_URL). */
    const follow = (url: string, headers: Record<string, string> = {}) => {
      const parsed = new URL(url, 'http://relative.invalid');
      return t.app.inject({ method: 'GET', url: `${parsed.pathname}${parsed.search}`, headers });
    };

    const documentRows = async () => (await t.app.db.selectFrom('documents').select('id').execute()).length;

    test('an upload is streamed, hashed and stored; the customer downloads the same bytes as an attachment, with Range', async () => {
      const project = await newProject(acme.customerId);
      const bytes = pdfOfSize(40_000);
      const document = await upload(project.id, { name: 'Quarterly report.pdf', data: bytes, type: 'application/pdf' }, true);
      assert.equal(document.size, bytes.length);
      assert.equal(document.sha256, sha256(bytes));
      assert.equal(document.contentType, 'application/pdf');
      assert.equal(document.name, 'Quarterly report.pdf');
      assert.equal(document.shared, true);
      assert.equal(document.customerId, acme.customerId);

      const listed = await ok<Page<PortalDocument>>(acmePortal('GET', `/v1/portal/documents?projectId=${project.id}`));
      assert.deepEqual(listed.items, [
        { id: document.id, name: 'Quarterly report.pdf', projectId: project.id, projectName: project.name, size: bytes.length, contentType: 'application/pdf', uploadedAt: document.uploadedAt },
      ]);

      const before = Date.now();
      const link = await ok<DownloadLink>(acmePortal('POST', `/v1/portal/documents/${document.id}/download-link`));
      const lifetime = Date.parse(link.expiresAt) - before;
      assert.ok(lifetime > 290_000 && lifetime <= 301_000, `valid about 5 minutes: ${lifetime} ms`);
      assert.ok(link.url.startsWith(`${t.config.publicUrl}/v1/downloads/${workspaceA.workspaceId}/${document.id}?`), link.url);

      const full = await follow(link.url);
      assert.equal(full.statusCode, 200);
      assert.equal(sha256(full.rawPayload), document.sha256);
      assert.equal(full.headers['content-type'], 'application/pdf');
      assert.equal(full.headers['content-length'], String(bytes.length));
      assert.match(String(full.headers['content-disposition']), /^attachment; filename="Quarterly report\.pdf"; filename\*=UTF-8''Quarterly%20report\.pdf$/);
      assert.equal(full.headers['x-content-type-options'], 'nosniff');
      assert.equal(full.headers['cache-control'], 'private, no-store');
      assert.equal(full.headers['accept-ranges'], 'bytes');

      const part = await follow(link.url, { range: 'bytes=100-199' });
      assert.equal(part.statusCode, 206);
      assert.equal(part.headers['content-range'], `bytes 100-199/${bytes.length}`);
      assert.deepEqual(part.rawPayload, bytes.subarray(100, 200));
      const tail = await follow(link.url, { range: 'bytes=-10' });
      assert.deepEqual(tail.rawPayload, bytes.subarray(bytes.length - 10));
      const beyond = await follow(link.url, { range: `bytes=${bytes.length}-` });
      assert.equal(beyond.statusCode, 416);

      // The team's link works the same way.
      const teamLink = await ok<DownloadLink>(team('POST', `/v1/workspace/documents/${document.id}/download-link`));
      assert.equal(sha256((await follow(teamLink.url)).rawPayload), document.sha256);

      const audit = await t.app.db.selectFrom('audit_events').select(['action', 'data']).where('subject_id', '=', document.id).execute();
      assert.deepEqual(audit.map((event) => event.action), ['document.uploaded']);
      assert.equal((JSON.parse(audit[0]?.data ?? '{}') as { sha256: string }).sha256, document.sha256);
    });

    test('a tampered, expired, deleted or other workspace’s link answers an error and not one byte', async () => {
      const project = await newProject(acme.customerId);
      const bytes = samples.text();
      const document = await upload(project.id, { name: 'notes.txt', data: bytes, type: 'text/plain' }, true);
      const theirs = await upload((await newProject(initech.customerId, teamB)).id, { name: 'theirs.txt', data: Buffer.from('Initech only\n'), type: 'text/plain' }, true, keyB);
      const link = await ok<DownloadLink>(acmePortal('POST', `/v1/portal/documents/${document.id}/download-link`));
      const url = new URL(link.url);
      const workspaceB = (await t.app.db.selectFrom('documents').select('workspace_id').where('id', '=', theirs.id).executeTakeFirstOrThrow()).workspace_id;

      const expectRefused = async (answer: LightMyRequestResponse, status: number, code: string, what: string) => {
        assert.equal(answer.statusCode, status, `${what}: ${answer.body}`);
        assert.equal(answer.headers['content-type'], 'application/problem+json', what);
        assert.equal(answer.json<Problem>().code, code, what);
        assert.ok(!answer.rawPayload.includes(bytes) && !answer.body.includes('Initech only'), `${what}: no file bytes`);
        assert.equal(answer.headers['content-disposition'], undefined, what);
      };
      const signature = url.searchParams.get('sig')!;
      const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
      const withParam = (name: string, value: string) => {
        const changed = new URL(link.url);
        changed.searchParams.set(name, value);
        return changed.toString();
      };
      await expectRefused(await follow(withParam('sig', flipped)), 403, 'download_link_invalid', 'a changed signature');
      await expectRefused(await follow(withParam('expires', String(Number(url.searchParams.get('expires')) + 3600))), 403, 'download_link_invalid', 'a later expiry');
      await expectRefused(await follow(withParam('kid', 'k9')), 403, 'download_link_invalid', 'an unknown key');
      await expectRefused(await follow(link.url.replace(document.id, theirs.id)), 403, 'download_link_invalid', 'another document in the same link');
      await expectRefused(await follow(link.url.replace(workspaceA.workspaceId, workspaceB)), 403, 'download_link_invalid', 'another workspace in the same link');
      await expectRefused(await follow(`${url.pathname}`), 400, 'validation_failed', 'no signature at all');
      // A correctly signed link naming a document of another workspace finds nothing: the lookup is by workspace and id.
      const crossed = t.app.downloadLinks.signDownload({ workspaceId: workspaceA.workspaceId, documentId: theirs.id });
      await expectRefused(await follow(crossed.url), 404, 'not_found', 'a signed link pairing this workspace with their document');

      const shortLived = t.app.downloadLinks.signDownload({ workspaceId: workspaceA.workspaceId, documentId: document.id, expiresInSeconds: 1 });
      assert.equal((await follow(shortLived.url)).statusCode, 200);
      await sleep(1_100);
      await expectRefused(await follow(shortLived.url), 410, 'download_link_expired', 'an expired link');

      assert.equal((await team('DELETE', `/v1/workspace/documents/${document.id}`)).statusCode, 204);
      await expectRefused(await follow(link.url), 404, 'not_found', 'a link to a deleted document');
    });

    test('nothing internal reaches the portal: unshared documents, archived projects, other customers’ documents', async () => {
      const project = await newProject(acme.customerId);
      const shared = await upload(project.id, { name: 'shared.pdf', data: samples.pdf(), type: 'application/pdf' }, true);
      const unshared = await upload(project.id, { name: 'internal-costing.pdf', data: pdfOfSize(500), type: 'application/pdf' });
      assert.equal(unshared.shared, false, 'not shared unless asked');
      const globexDocument = await upload((await newProject(globex.customerId)).id, { name: 'globex.pdf', data: samples.pdf() }, true);
      const archivedProject = await newProject(acme.customerId);
      const onArchived = await upload(archivedProject.id, { name: 'old.pdf', data: samples.pdf() }, true);
      await ok(team('PATCH', `/v1/workspace/projects/${archivedProject.id}`, { status: 'archived' }));

      const listed = await ok<Page<PortalDocument>>(acmePortal('GET', '/v1/portal/documents?limit=100'));
      const ids = listed.items.map((item) => item.id);
      assert.ok(ids.includes(shared.id));
      for (const hidden of [unshared.id, globexDocument.id, onArchived.id]) assert.ok(!ids.includes(hidden), `${hidden} must not be listed`);
      for (const hidden of [unshared.id, globexDocument.id, onArchived.id]) {
        const refused = await acmePortal('POST', `/v1/portal/documents/${hidden}/download-link`);
        assert.equal(refused.statusCode, 404, refused.body);
        assert.equal(refused.json<Problem>().code, 'not_found');
      }
      assert.equal((await acmePortal('GET', `/v1/portal/documents?projectId=${archivedProject.id}`)).json<Page<PortalDocument>>().items.length, 0);
      const raw = (await acmePortal('GET', '/v1/portal/documents?limit=100')).body + (await acmePortal('GET', `/v1/portal/projects/${project.id}`)).body;
      for (const secret of ['internal-costing', 'sha256', 'storage', unshared.sha256, 'file_']) assert.ok(!raw.includes(secret), `${secret} must not reach the portal`);

      const card = (await ok<Page<PortalProjectCard>>(acmePortal('GET', '/v1/portal/projects?limit=100'))).items.find((item) => item.id === project.id);
      assert.equal(card?.documentCount, 1, 'only the shared document counts');
      // Sharing it shows it; unsharing hides it again.
      assert.equal((await ok<Document>(team('PATCH', `/v1/workspace/documents/${unshared.id}`, { shared: true }))).shared, true);
      assert.equal((await ok<PortalProject>(acmePortal('GET', `/v1/portal/projects/${project.id}`))).documentCount, 2);
      await ok(acmePortal('POST', `/v1/portal/documents/${unshared.id}/download-link`));
      await ok(team('PATCH', `/v1/workspace/documents/${unshared.id}`, { shared: false, name: '../Renamed\u202e.pdf' }));
      assert.equal((await acmePortal('POST', `/v1/portal/documents/${unshared.id}/download-link`)).statusCode, 404);
      const renamed = (await ok<Page<Document>>(team('GET', `/v1/workspace/projects/${project.id}/documents`))).items.find((item) => item.id === unshared.id);
      assert.equal(renamed?.name, 'Renamed.pdf', 'a new name is cleaned like an uploaded one');
      const audit = await t.app.db.selectFrom('audit_events').select('action').where('subject_id', '=', unshared.id).orderBy('seq').execute();
      assert.deepEqual(audit.map((event) => event.action), ['document.uploaded', 'document.shared', 'document.unshared']);
    });

    test('the portal’s document list pages newest first without repeats, across projects or filtered to one', async () => {
      const fresh = await customerWithContact(t.app, workspaceA.apiKey, `Pages ${randomBytes(3).toString('hex')}`);
      const portal = bearer(t.app, (await signInContact(t.app, workspaceA.apiKey, fresh.contactId)).accessToken);
      const first = await newProject(fresh.customerId);
      const second = await newProject(fresh.customerId);
      const made: Document[] = [];
      for (let i = 0; i < 7; i++) made.push(await upload((i % 2 ? second : first).id, { name: `doc-${i}.txt`, data: Buffer.from(`document ${i}\n`) }, true));
      await upload(first.id, { name: 'unshared.txt', data: Buffer.from('hidden\n') });
      const byUpload = (documents: Document[]) => [...documents].sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt) || b.id.localeCompare(a.id)).map((d) => d.id);

      const walk = async (query: string) => {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: Page<PortalDocument> = await ok(portal('GET', `/v1/portal/documents?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`));
          assert.ok(page.items.length <= 2);
          seen.push(...page.items.map((item) => item.id));
          cursor = page.nextCursor;
        } while (cursor);
        return seen;
      };
      assert.deepEqual(await walk(''), byUpload(made));
      assert.deepEqual(await walk(`&projectId=${second.id}`), byUpload(made.filter((d) => d.projectId === second.id)));
      assert.deepEqual(await walk(`&projectId=${first.id}`), byUpload(made.filter((d) => d.projectId === first.id)));
      // Another customer's project as a filter finds nothing rather than their documents.
      assert.deepEqual(await walk(`&projectId=${(await newProject(acme.customerId)).id}`), []);
      assert.equal((await portal('GET', '/v1/portal/documents?cursor=nonsense')).statusCode, 400);

      const teamList = await ok<Page<Document>>(team('GET', `/v1/workspace/projects/${first.id}/documents?limit=100`));
      assert.equal(teamList.items.length, 5, 'the team sees shared and unshared documents');
    });

    test('upload abuse through the real route: nothing is left behind — no row, no object, no temp file', async () => {
      const project = await newProject(acme.customerId);
      const rowsBefore = await documentRows();
      const objectsBefore = (await filesUnder(storeRoot)).length;
      const cases: [what: string, parts: Part[], status: number, code: string][] = [
        ['one byte over MAX_UPLOAD_BYTES', [{ name: 'file', filename: 'big.pdf', contentType: 'application/pdf', data: pdfOfSize(MAX_UPLOAD_BYTES + 1) }], 413, 'file_too_large'],
        ['zero bytes', [{ name: 'file', filename: 'empty.pdf', contentType: 'application/pdf', data: Buffer.alloc(0) }], 400, 'empty_file'],
        ['a PNG that says it is a PDF', [{ name: 'file', filename: 'report.pdf', contentType: 'application/pdf', data: samples.png() }], 415, 'file_type_mismatch'],
        ['an executable named .pdf', [{ name: 'file', filename: 'invoice.pdf', contentType: 'application/pdf', data: samples.exe() }], 415, 'file_type_not_allowed'],
        ['HTML', [{ name: 'file', filename: 'page.html', contentType: 'text/html', data: samples.html() }], 415, 'file_type_not_allowed'],
        ['SVG', [{ name: 'file', filename: 'logo.svg', contentType: 'image/svg+xml', data: samples.svg() }], 415, 'file_type_not_allowed'],
        ['a macro-enabled Word file', [{ name: 'file', filename: 'contract.docx', contentType: 'application/octet-stream', data: samples.docm() }], 415, 'file_type_not_allowed'],
        [
          'two files',
          [
            { name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: samples.pdf() },
            { name: 'file', filename: 'b.pdf', contentType: 'application/pdf', data: samples.pdf() },
          ],
          400,
          'too_many_files',
        ],
        [
          'too many parts: a second file under another name, and an extra field',
          [
            { name: 'shared', data: 'true' },
            { name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: samples.pdf() },
            { name: 'file2', filename: 'b.pdf', contentType: 'application/pdf', data: samples.pdf() },
            { name: 'x', data: '1' },
          ],
          400,
          'too_many_files',
        ],
        [
          'more fields than the one allowed',
          [
            { name: 'shared', data: 'true' },
            { name: 'shared', data: 'false' },
            { name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: samples.pdf() },
          ],
          400,
          'too_many_fields',
        ],
        ['an unknown field', [{ name: 'owner', data: 'me' }, { name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: samples.pdf() }], 400, 'unknown_field'],
        ['no file', [{ name: 'shared', data: 'true' }], 400, 'file_required'],
        ['shared is neither true nor false', [{ name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: samples.pdf() }, { name: 'shared', data: 'yes' }], 422, 'document_shared_invalid'],
      ];
      for (const [what, parts, status, code] of cases) {
        const answer = await uploadRaw(project.id, parts);
        assert.equal(answer.statusCode, status, `${what}: ${answer.body}`);
        assert.equal(answer.json<Problem>().code, code, what);
      }
      const notMultipart = await team('POST', `/v1/workspace/projects/${project.id}/documents`, { file: 'text' });
      assert.equal(notMultipart.statusCode, 415, notMultipart.body);
      assert.equal(await documentRows(), rowsBefore, 'no document row');
      assert.deepEqual((await filesUnder(storeRoot)).length, objectsBefore, 'no stored object');
      assert.deepEqual(await filesUnder(tempDir), [], 'no temp file');

      // The limit itself is accepted; a path in the name keeps only its last segment.
      const largest = await upload(project.id, { name: '../../../etc/passwd.pdf', data: pdfOfSize(MAX_UPLOAD_BYTES), type: 'application/pdf' });
      assert.equal(largest.size, MAX_UPLOAD_BYTES);
      assert.equal(largest.name, 'passwd.pdf');
      for (const [raw, cleaned] of [
        ['..\\..\\windows\\system32\\report.pdf', 'report.pdf'],
        ['invoice\u202efdp.pdf', 'invoicefdp.pdf'],
        ['résumé 2026.pdf', 'résumé 2026.pdf'],
      ] as const) {
        const stored = await upload(project.id, { name: raw, data: samples.pdf(), type: 'application/pdf' }, true);
        assert.equal(stored.name, cleaned, raw);
        const link = await ok<DownloadLink>(acmePortal('POST', `/v1/portal/documents/${stored.id}/download-link`));
        const disposition = String((await follow(link.url)).headers['content-disposition']);
        assert.ok(disposition.startsWith('attachment;') && disposition.includes(`filename*=UTF-8''${encodeURIComponent(cleaned)}`), disposition);
      }
      // An upload to a project of another workspace is refused before a byte is stored.
      const foreign = await newProject(initech.customerId, teamB);
      const refused = await uploadRaw(foreign.id, [{ name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: samples.pdf() }]);
      assert.equal(refused.statusCode, 404, refused.body);
      assert.deepEqual(await filesUnder(tempDir), []);
    });

    test('deleting a document removes its row and its stored object; another workspace’s document answers 404 on every route', async () => {
      const project = await newProject(acme.customerId);
      const document = await upload(project.id, { name: 'gone.pdf', data: samples.pdf() }, true);
      const key = (await t.app.db.selectFrom('documents').select('storage_key').where('id', '=', document.id).executeTakeFirstOrThrow()).storage_key;
      assert.ok(await t.app.fileStore.head(key));

      const theirs = await upload((await newProject(initech.customerId, teamB)).id, { name: 'theirs.pdf', data: samples.pdf() }, true, keyB);
      for (const [method, url, payload] of [
        ['PATCH', `/v1/workspace/documents/${theirs.id}`, { shared: false }],
        ['DELETE', `/v1/workspace/documents/${theirs.id}`, undefined],
        ['POST', `/v1/workspace/documents/${theirs.id}/download-link`, undefined],
        ['GET', `/v1/workspace/projects/${theirs.projectId}/documents`, undefined],
      ] as const) {
        const answer = await team(method, url, payload);
        assert.equal(answer.statusCode, 404, `${method} ${url}: ${answer.body}`);
      }
      assert.equal((await ok<Page<Document>>(teamB('GET', `/v1/workspace/projects/${theirs.projectId}/documents`))).items[0]?.shared, true, 'theirs is untouched');

      assert.equal((await team('DELETE', `/v1/workspace/documents/${document.id}`)).statusCode, 204);
      assert.equal(await t.app.fileStore.head(key), undefined, 'the object is gone');
      assert.equal((await team('DELETE', `/v1/workspace/documents/${document.id}`)).statusCode, 404);
      assert.equal((await acmePortal('POST', `/v1/portal/documents/${document.id}/download-link`)).statusCode, 404);
      const audit = await t.app.db.selectFrom('audit_events').select('action').where('subject_id', '=', document.id).orderBy('seq').execute();
      assert.deepEqual(audit.map((event) => event.action), ['document.uploaded', 'document.deleted']);
    });

    test('a read-only key reads documents but cannot upload or change them', async () => {
      const project = await newProject(acme.customerId);
      const document = await upload(project.id, { name: 'a.pdf', data: samples.pdf() });
      const readOnly = (await createApiKey(t.app.db, workspaceA.workspaceId, 'read only', 'read_only')).secret;
      const reader = bearer(t.app, readOnly);
      await ok(reader('GET', `/v1/workspace/projects/${project.id}/documents`));
      await ok(reader('POST', `/v1/workspace/documents/${document.id}/download-link`));
      assert.equal((await reader('PATCH', `/v1/workspace/documents/${document.id}`, { shared: true })).statusCode, 403);
      assert.equal((await reader('DELETE', `/v1/workspace/documents/${document.id}`)).statusCode, 403);
      const form = multipart([{ name: 'file', filename: 'x.pdf', data: samples.pdf() }]);
      const refused = await t.app.inject({ method: 'POST', url: `/v1/workspace/projects/${project.id}/documents`, payload: form.body, headers: { 'content-type': form.contentType, authorization: `Bearer ${readOnly}` } });
      assert.equal(refused.statusCode, 403);
    });
  });
}

describe('documents on an S3 store (local S3 server)', () => {
  let s3: TestS3;
  let t: TestApp;
  let dataDir: string;
  let apiKey: string;
  let portal: Caller;
  const saved = { ...process.env };

  before(async () => {
    s3 = await startTestS3();
    // The S3 client takes its credentials the SDK's usual way, from the environment.
    Object.assign(process.env, s3.env);
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'taba-documents-s3-'));
    const files = loadConfig({ ...s3.env, TABA_DATA_DIR: dataDir }).files;
    t = await createTestApp('sqlite', { files });
    ({ apiKey } = await t.newWorkspace('S3 workspace'));
    const customer = await customerWithContact(t.app, apiKey, 'Bucket Co');
    portal = bearer(t.app, (await signInContact(t.app, apiKey, customer.contactId)).accessToken);
    const project = await ok<Project>(bearer(t.app, apiKey)('POST', '/v1/workspace/projects', { customerId: customer.customerId, name: 'In the bucket' }), 201);
    projectId = project.id;
  });
  let projectId: string;
  after(async () => {
    await t?.close();
    await s3?.close();
    await fs.rm(dataDir, { recursive: true, force: true });
    for (const key of Object.keys(s3?.env ?? {})) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  test('an upload lands in the bucket and the portal downloads it by a presigned GET with attachment disposition', async () => {
    assert.equal(t.app.fileStore.kind, 's3');
    const bytes = pdfOfSize(30_000);
    const form = multipart([
      { name: 'shared', data: 'true' },
      { name: 'file', filename: 'Bucket report.pdf', contentType: 'application/pdf', data: bytes },
    ]);
    const document = await ok<Document>(
      t.app.inject({ method: 'POST', url: `/v1/workspace/projects/${projectId}/documents`, payload: form.body, headers: { 'content-type': form.contentType, authorization: `Bearer ${apiKey}` } }),
      201,
    );
    assert.equal(document.sha256, sha256(bytes));
    const link = await ok<DownloadLink>(portal('POST', `/v1/portal/documents/${document.id}/download-link`));
    assert.ok(link.url.startsWith(s3.endpoint), link.url);
    const lifetime = Date.parse(link.expiresAt) - Date.now();
    assert.ok(lifetime > 280_000 && lifetime <= 300_000, `${lifetime}`);
    const response = await fetch(link.url);
    assert.equal(response.status, 200);
    const body = Buffer.from(await response.arrayBuffer());
    assert.equal(sha256(body), document.sha256);
    assert.match(response.headers.get('content-disposition') ?? '', /^attachment;.*filename\*=UTF-8''Bucket%20report\.pdf/);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    const ranged = await fetch(link.url, { headers: { range: 'bytes=0-9' } });
    assert.equal(ranged.status, 206);
    assert.deepEqual(Buffer.from(await ranged.arrayBuffer()), bytes.subarray(0, 10));

    assert.equal((await bearer(t.app, apiKey)('DELETE', `/v1/workspace/documents/${document.id}`)).statusCode, 204);
    const after = await fetch(link.url);
    assert.equal(after.status, 404, 'the object went with the row');
  });
});

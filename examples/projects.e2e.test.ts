/**
 * End to end in Debian's Chromium, on the hosted portal: a contact opens a project from the
 * Projects section, moves through it with deep links and the browser's Back and Forward, downloads
 * a shared document with its Download button (the bytes saved by the browser match the sha256 the
 * team's upload recorded), and posts a comment that the team then finds as an open follow-up.
 * SQLite with files on local disk; PostgreSQL (when TABA_TEST_PG is set) with files in a local
 * S3-compatible server, so the download is a presigned GET.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import { WorkspaceClient } from '../sdk/workspace-client.js';
import { loadConfig } from '../server/config.js';
import type { Dialect } from '../server/db/database.js';
import { newId } from '../server/lib/ids.js';
import { isoNow } from '../server/lib/time.js';
import { createTestApp, type TestApp } from '../server/test-support/app.js';
import { testDialects } from '../server/test-support/databases.js';
import { pdfOfSize } from '../server/test-support/files.js';
import { startTestS3, type TestS3 } from '../server/test-support/s3-server.js';
import { ensureBundle, launchChromium, openPage, reportingPageProblems, showSection, TIMEOUT, type Chromium } from './e2e-support.js';

const PORTAL = 'taba-portal';
const PROJECT_LIST = `${PORTAL} >>> taba-project-list`;
const PROJECT_DETAIL = `${PORTAL} >>> taba-project-detail`;
const DOCUMENTS = `${PROJECT_DETAIL} >>> taba-document-list`;
const COMMENTS = `${PROJECT_DETAIL} >>> taba-comment-thread`;
const button = (name: string) => `::-p-aria([name="${name}"][role="button"])`;
const tab = (name: string) => `::-p-aria([name="${name}"][role="tab"])`;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const storeFor = (dialect: Dialect) => (dialect === 'postgres' ? 's3' : 'local');

for (const dialect of testDialects) {
  describe(`projects and documents in Chromium (${dialect}, ${storeFor(dialect)} file store)`, () => {
    let t: TestApp;
    let s3: TestS3 | undefined;
    let chromium: Chromium;
    let url: string;
    const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'taba-e2e-downloads-'));
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taba-e2e-files-'));
    const savedEnv = { ...process.env };

    before(async () => {
      ensureBundle();
      // Links are made for where the server listens, as PUBLIC_URL says in production.
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      let files = undefined;
      if (storeFor(dialect) === 's3') {
        s3 = await startTestS3();
        // The S3 client takes its credentials the SDK's usual way, from the environment.
        Object.assign(process.env, s3.env);
        files = loadConfig({ ...s3.env, TABA_DATA_DIR: dataDir }).files;
      }
      t = await createTestApp(dialect, { publicUrl: url, ...(files ? { files } : {}) });
      await t.app.listen({ port, host: '127.0.0.1' });
      chromium = await launchChromium();
    });
    after(async () => {
      await chromium?.close();
      await t?.close();
      await s3?.close();
      fs.rmSync(downloads, { recursive: true, force: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
      process.env = savedEnv;
    });

    test('a contact opens a project, downloads a shared document and comments; the team sees the comment as a follow-up', async (context) => {
      assert.equal(t.app.fileStore.kind, storeFor(dialect));
      const { workspaceId, apiKey } = await t.newWorkspace('Northwind Studio');
      const workspace = new WorkspaceClient({ apiBase: url, apiKey });
      const customer = await workspace.customers.create({ name: 'Acme Manufacturing' });
      const contact = await workspace.contacts.create(customer.id, { displayName: 'Ada Lovelace', email: 'ada@acme.example', role: 'Operations Director' });
      const memberId = await addMember(workspaceId, 'grace@northwind.example', 'Grace Hopper');

      const project = await workspace.projects.create({ customerId: customer.id, name: 'Website redesign', description: 'A new catalogue site.' });
      await workspace.tasks.create(project.id, { name: 'Wireframes', status: 'done', assigneeMemberId: memberId });
      await workspace.tasks.create(project.id, { name: 'Design system', status: 'in_progress' });
      await workspace.timeEntries.create(project.id, { date: '2026-11-20', hours: 2.5, billable: true, memberId, hourlyRate: { amount: 15_000, currency: 'USD' } });
      await workspace.timeEntries.create(project.id, { date: '2026-11-21', hours: 1.25, billable: false, memberId });
      await workspace.projectComments.create(project.id, { body: 'Margin is thin on this one.', visibility: 'internal' });
      const bytes = pdfOfSize(48_000);
      const brief = await workspace.documents.upload(project.id, { file: new File([new Uint8Array(bytes)], 'Project brief.pdf', { type: 'application/pdf' }), shared: true });
      await workspace.documents.upload(project.id, { file: new File([new Uint8Array(pdfOfSize(2_000))], 'Internal costing.pdf', { type: 'application/pdf' }), shared: false });
      assert.equal(brief.sha256, sha256(bytes));
      const { clientSecret } = await workspace.portalSessions.create({ contactId: contact.id });

      const { page, problems } = await openPage(chromium.browser, context);
      const cdp = await page.createCDPSession();
      await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads, browserContextId: page.browserContext().id, eventsEnabled: true });

      await reportingPageProblems(problems, async () => {
        assert.equal((await page.goto(`${url}/portal?workspace=${workspaceId}#secret=${clientSecret}`))?.status(), 200);
        await showSection(page, 'Projects');
        await page.waitForSelector(`${PROJECT_LIST} >>> [part~="card"]`, { visible: true });
        assert.equal(await hash(page), '#/projects');
        assert.deepEqual(await texts(page, `${PROJECT_LIST} >>> [part~="name"]`), ['Website redesign']);
        assert.deepEqual(await texts(page, `${PROJECT_LIST} >>> [part~="document-count"]`), ['1 shared document']);

        // Opening the card is a history entry with a deep link.
        await page.locator(`${PROJECT_LIST} >>> ${button('Website redesign')}`).click();
        await waitForSummary(page);
        assert.equal(await hash(page), `#/projects/${project.id}`);
        assert.deepEqual(await texts(page, `${PROJECT_DETAIL} >>> [part~="summary-value"]`).then((values) => values.slice(0, 2)), ['3.75 h', '2.5 h']);
        await page.goBack();
        await page.waitForSelector(`${PROJECT_LIST} >>> [part~="card"]`, { visible: true });
        assert.equal(await hash(page), '#/projects');
        await page.goForward();
        await waitForSummary(page);
        // A reload keeps the session (the tab's sessionStorage) and the deep link opens the project.
        await page.reload();
        await waitForSummary(page);
        assert.equal(await hash(page), `#/projects/${project.id}`);

        // Tasks: open work first, the assignee by name; nothing internal anywhere in the project.
        await page.locator(`${PROJECT_DETAIL} >>> ${tab('Tasks')}`).click();
        assert.deepEqual(await texts(page, `${PROJECT_DETAIL} >>> [part~="task-name"]`), ['Design system', 'Wireframes']);
        assert.deepEqual(await texts(page, `${PROJECT_DETAIL} >>> [part~="assignee"]`), ['Unassigned', 'Grace Hopper']);

        await page.locator(`${PROJECT_DETAIL} >>> ${tab('Comments')}`).click();
        // The team's internal comment is not there: the contact's thread starts empty.
        await page.waitForSelector(`${COMMENTS} >>> [part~="empty"]`, { visible: true });
        await page.locator(`${COMMENTS} >>> textarea[part~="comment-input"]`).fill('Looks great, one question about the brief.');
        await page.locator(`${COMMENTS} >>> ${button('Post comment')}`).click();
        await page.waitForSelector(`${COMMENTS} >>> [part~="comment-you"]`, { visible: true });
        const shown = await page.$eval(`${PROJECT_DETAIL}`, (detail) => detail.shadowRoot?.textContent ?? '');
        assert.doesNotMatch(shown, /Margin is thin|150/, 'nothing internal reaches the page');

        // Last, because a cross-origin download (the S3 presigned GET) leaves the page's automation
        // waiting on a navigation that became a download.
        await page.locator(`${PROJECT_DETAIL} >>> ${tab('Documents')}`).click();
        await page.waitForSelector(`${DOCUMENTS} >>> [part~="row"]`, { visible: true });
        assert.deepEqual(await texts(page, `${DOCUMENTS} >>> [part~="name"]`), ['Project brief.pdf'], 'the unshared document is not listed');
        await page.locator(`${DOCUMENTS} >>> [part~="download"]`).click();
        const saved = await waitForDownload(downloads);
        assert.equal(path.basename(saved), 'Project brief.pdf');
        assert.equal(sha256(fs.readFileSync(saved)), brief.sha256, 'the browser saved the bytes the team uploaded');

        // Chromium reports a navigation that turned into a download as aborted: that is the download.
        assert.deepEqual(problems.filter((problem) => !/^request failed: GET \S+ net::ERR_ABORTED$/.test(problem) || !problem.includes('X-Amz-Signature=')), []);
      });

      const followUps = await workspace.followUps.list({ state: 'open' });
      assert.deepEqual(
        followUps.items.map((item) => ({ kind: item.kind, source: item.source, contactId: item.contactId })),
        [{ kind: 'project.comment_added', source: { type: 'project', id: project.id }, contactId: contact.id }],
      );
      const comments = await workspace.projectComments.list(project.id);
      assert.deepEqual(
        comments.items.map((comment) => [comment.body, comment.visibility, comment.author.type]),
        [
          ['Margin is thin on this one.', 'internal', 'api_key'],
          ['Looks great, one question about the brief.', 'customer', 'contact'],
        ],
      );
    });

    /** An active member, written directly: members sign in with Google, which features/members tests. */
    async function addMember(workspaceId: string, email: string, name: string): Promise<string> {
      const personId = newId('per');
      await t.app.db.insertInto('people').values({ id: personId, google_sub: `g-${personId}`, email, name, created_at: isoNow() }).execute();
      const memberId = newId('mem');
      await t.app.db
        .insertInto('members')
        .values({ id: memberId, workspace_id: workspaceId, person_id: personId, email, role: 'manager', status: 'active', invited_by: null, created_at: isoNow(), joined_at: isoNow() })
        .execute();
      return memberId;
    }
  });
}

function hash(page: Page): Promise<string> {
  return page.evaluate(() => location.hash);
}

function texts(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (nodes) => nodes.map((node) => node.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
}

async function waitForSummary(page: Page): Promise<void> {
  await page.waitForSelector(`${PROJECT_DETAIL} >>> [part~="summary-value"]`, { visible: true });
}

/** The one finished file in the download folder (Chromium writes `.crdownload` until it is done). */
async function waitForDownload(directory: string): Promise<string> {
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    const done = fs.readdirSync(directory).filter((name) => !name.endsWith('.crdownload') && fs.statSync(path.join(directory, name)).isFile());
    if (done.length === 1) return path.join(directory, done[0]!);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no download finished in ${directory}: ${fs.readdirSync(directory).join(', ')}`);
}

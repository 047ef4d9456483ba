/**
 * End to end in Debian's Chromium, on the hosted portal: a contact answers an information request
 * item by item (a text answer and a file), answers a returned item again, and sees the request
 * reach Completed once the team has accepted everything (the file through the intake queue); then
 * reviews and accepts a document with a typed name, finds an expired acceptance refused, and one
 * whose document changed while it was open refused. The team sees the follow-ups and the evidence.
 * SQLite, and PostgreSQL when TABA_TEST_PG is set.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ElementHandle, Page } from 'puppeteer-core';
import { WorkspaceClient } from '../sdk/workspace-client.js';
import { createTestApp, type TestApp } from '../server/test-support/app.js';
import { testDialects } from '../server/test-support/databases.js';
import { pdfOfSize } from '../server/test-support/files.js';
import { ensureBundle, launchChromium, openPage, reportingPageProblems, showSection, type Chromium } from './e2e-support.js';

const PORTAL = 'taba-portal';
const REQUEST_LIST = `${PORTAL} >>> taba-request-list`;
const REQUEST_DETAIL = `${PORTAL} >>> taba-request-detail`;
const ACCEPTANCE_LIST = `${PORTAL} >>> taba-acceptance-list`;
const ACCEPTANCE_REVIEW = `${PORTAL} >>> taba-acceptance-review`;

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

for (const dialect of testDialects) {
  describe(`information requests and acceptances in Chromium (${dialect})`, () => {
    let t: TestApp;
    let chromium: Chromium;
    let url: string;
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'taba-e2e-requests-'));

    before(async () => {
      ensureBundle();
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      t = await createTestApp(dialect, { publicUrl: url });
      await t.app.listen({ port, host: '127.0.0.1' });
      chromium = await launchChromium();
    });
    after(async () => {
      await chromium?.close();
      await t?.close();
      fs.rmSync(scratch, { recursive: true, force: true });
    });

    test('a request answered item by item through to Completed; an acceptance accepted, an expired one and a changed one refused', async (context) => {
      const { workspaceId, apiKey } = await t.newWorkspace('Northwind Studio');
      const team = new WorkspaceClient({ apiBase: url, apiKey });
      const customer = await team.customers.create({ name: 'Acme Manufacturing' });
      const contact = await team.contacts.create(customer.id, { displayName: 'Ada Lovelace', email: 'ada@acme.example', role: 'Operations Director' });
      const project = await team.projects.create({ customerId: customer.id, name: 'Website redesign' });
      const pdf = (name: string) => new File([new Uint8Array(pdfOfSize(8_000))], name, { type: 'application/pdf' });
      const statementOfWork = await team.documents.upload(project.id, { file: pdf('Statement of work.pdf'), shared: true });
      const oldTerms = await team.documents.upload(project.id, { file: pdf('Old terms.pdf'), shared: true });
      const draftTerms = await team.documents.upload(project.id, { file: pdf('Draft terms.pdf'), shared: true });

      const draft = await team.requests.create({
        customerId: customer.id,
        projectId: project.id,
        title: 'Onboarding documents',
        message: 'Two things before we start.',
        items: [
          { kind: 'text', prompt: 'What is your VAT number?' },
          { kind: 'file', prompt: 'Your signed NDA (PDF)' },
        ],
      });
      const request = await team.requests.send(draft.id);
      const [vatItem, ndaItem] = request.items;
      const inTenDays = new Date(Date.now() + 10 * 86_400_000).toISOString();
      const sow = await team.acceptances.send({ documentId: statementOfWork.id, title: 'Statement of work', expiresAt: inTenDays });
      const expired = await team.acceptances.send({ documentId: oldTerms.id, title: 'Old terms', expiresAt: inTenDays });
      // Time passes for this one: its expiry moves into the past, as the clock would move it.
      await t.app.db.updateTable('acceptances').set({ expires_at: new Date(Date.now() - 3_600_000).toISOString() }).where('id', '=', expired.id).execute();
      const changing = await team.acceptances.send({ documentId: draftTerms.id, title: 'Draft terms', expiresAt: inTenDays });
      const ndaFile = path.join(scratch, 'Signed NDA.pdf');
      fs.writeFileSync(ndaFile, pdfOfSize(12_000));
      const { clientSecret } = await team.portalSessions.create({ contactId: contact.id });

      const { page, problems } = await openPage(chromium.browser, context);
      await reportingPageProblems(problems, async () => {
        assert.equal((await page.goto(`${url}/portal?workspace=${workspaceId}#secret=${clientSecret}`))?.status(), 200);

        // Requests: the card, then the request by its deep link.
        await showSection(page, 'Requests');
        await page.waitForSelector(`${REQUEST_LIST} >>> [part~="card"]`, { visible: true });
        assert.deepEqual(await texts(page, `${REQUEST_LIST} >>> [part~="number"]`), [request.number]);
        assert.deepEqual(await texts(page, `${REQUEST_LIST} >>> [part~="progress-text"]`), ['0 of 2 accepted']);
        await page.locator(`${REQUEST_LIST} >>> [part~="open"]`).click();
        await page.waitForSelector(`${REQUEST_DETAIL} >>> [part~="item"]`, { visible: true });
        assert.equal(await hash(page), `#/requests/${request.id}`);
        assert.deepEqual(await itemStates(page), ['Awaiting your answer', 'Awaiting your answer']);

        // Item 1 in text, item 2 as a file.
        await page.locator(`${REQUEST_DETAIL} >>> [part~="answer-input"]`).fill('GB 123 4567 89');
        await page.locator(`${REQUEST_DETAIL} >>> [part~="send"]`).click();
        await waitForItemStates(page, ['Under review', 'Awaiting your answer']);
        const fileInput = (await page.waitForSelector(`${REQUEST_DETAIL} >>> [part~="file-input"]`)) as ElementHandle<HTMLInputElement>;
        await fileInput.uploadFile(ndaFile);
        await page.locator(`${REQUEST_DETAIL} >>> [part~="upload-button"]`).click();
        await waitForItemStates(page, ['Under review', 'Under review']);
        assert.deepEqual(await texts(page, `${REQUEST_DETAIL} >>> [part~="answer-file"]`).then((files) => files.map((text) => text.startsWith('Signed NDA.pdf'))), [true]);

        // The team returns the text answer; the contact sees why and answers again.
        await team.requests.returnItem(request.id, vatItem!.id, { reason: 'Please add the country prefix.' });
        await page.reload();
        await waitForItemStates(page, ['Returned', 'Under review']);
        assert.deepEqual(await texts(page, `${REQUEST_DETAIL} >>> [part~="return-reason"]`), ['Why it was returned: Please add the country prefix.']);
        await page.locator(`${REQUEST_DETAIL} >>> [part~="answer-input"]`).fill('GB123456789');
        await page.locator(`${REQUEST_DETAIL} >>> [part~="send"]`).click();
        await waitForItemStates(page, ['Under review', 'Under review']);

        // The team accepts the text, and the file from the intake queue; the request completes.
        await team.requests.acceptItem(request.id, vatItem!.id);
        const [quarantined] = (await team.intake.list({ status: 'pending' })).items;
        assert.equal(quarantined?.file.name, 'Signed NDA.pdf');
        await team.intake.accept(quarantined!.id);
        await page.reload();
        await waitForItemStates(page, ['Accepted', 'Accepted']);
        assert.deepEqual(await texts(page, `${REQUEST_DETAIL} >>> [part~="status"]`), ['Completed']);
        assert.deepEqual(await texts(page, `${REQUEST_DETAIL} >>> [part~="progress-text"]`), ['2 of 2 accepted']);

        // Acceptances: pending first, soonest expiry first.
        await showSection(page, 'Acceptances');
        await page.waitForSelector(`${ACCEPTANCE_LIST} >>> [part~="card"]`, { visible: true });
        assert.equal(await hash(page), '#/acceptances');
        assert.deepEqual(await texts(page, `${ACCEPTANCE_LIST} >>> [part~="card"] [part~="status"]`), ['Pending', 'Pending', 'Expired']);

        await openAcceptance(page, 'Statement of work');
        assert.equal(await hash(page), `#/acceptances/${sow.id}`);
        await page.locator(`${ACCEPTANCE_REVIEW} >>> [part~="full-name"]`).fill('Ada Lovelace');
        await page.locator(`${ACCEPTANCE_REVIEW} >>> [part~="confirm"]`).click();
        await page.locator(`${ACCEPTANCE_REVIEW} >>> [part~="accept"]`).click();
        await page.waitForSelector(`${ACCEPTANCE_REVIEW} >>> [part~="outcome"]`, { visible: true });
        assert.match((await texts(page, `${ACCEPTANCE_REVIEW} >>> [part~="outcome"]`))[0] ?? '', /^Accepted by Ada Lovelace on /);

        await page.goBack();
        await openAcceptance(page, 'Old terms');
        await page.waitForSelector(`${ACCEPTANCE_REVIEW} >>> [part~="expired"]`, { visible: true });
        assert.equal(await page.$(`${ACCEPTANCE_REVIEW} >>> [part~="form"]`), null, 'an expired acceptance has no form');

        // The team removes the document while the contact has it open: accepting is refused.
        await page.goBack();
        await openAcceptance(page, 'Draft terms');
        await page.locator(`${ACCEPTANCE_REVIEW} >>> [part~="full-name"]`).fill('Ada Lovelace');
        await page.locator(`${ACCEPTANCE_REVIEW} >>> [part~="confirm"]`).click();
        await team.documents.delete(draftTerms.id);
        await page.locator(`${ACCEPTANCE_REVIEW} >>> [part~="accept"]`).click();
        await page.waitForSelector(`${ACCEPTANCE_REVIEW} >>> [part~="document-changed"]`, { visible: true });

        // The refusal (its 409, which Chromium also logs) is the only thing that went wrong on the page.
        assert.deepEqual(problems.filter((problem) => !problem.includes(`/v1/portal/acceptances/${changing.id}/accept`)), []);
        assert.equal(problems.filter((problem) => problem.startsWith('HTTP 409: POST')).length, 1, `one refused accept: ${problems.join('; ')}`);
      });

      const accepted = await team.acceptances.retrieve(sow.id);
      assert.equal(accepted.status, 'accepted');
      assert.equal((await team.acceptances.retrieve(changing.id)).status, 'pending', 'nothing recorded for the refused accept');
      assert.equal((await team.acceptances.retrieve(expired.id)).status, 'expired');
      assert.equal((await team.requests.retrieve(request.id)).status, 'completed');
      const followUps = await team.followUps.list({ state: 'open' });
      assert.deepEqual(
        followUps.items.map((item) => item.kind).sort(),
        ['acceptance.accepted', 'request.item_answered'],
        'one follow-up for the answered request, one for the acceptance',
      );
      assert.ok(ndaItem, 'the request had its file item');
    });
  });
}

function hash(page: Page): Promise<string> {
  return page.evaluate(() => location.hash);
}

function texts(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (nodes) => nodes.map((node) => node.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
}

function itemStates(page: Page): Promise<string[]> {
  return texts(page, `${REQUEST_DETAIL} >>> [part~="item"] [part~="state"]`);
}

async function waitForItemStates(page: Page, expected: string[]): Promise<void> {
  const deadline = Date.now() + 15_000;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = await itemStates(page).catch(() => []);
    if (JSON.stringify(seen) === JSON.stringify(expected)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.deepEqual(seen, expected, 'the items show these states');
}

/** Presses the card's button ("Review & Accept" or "View") of the acceptance with this title. */
async function openAcceptance(page: Page, title: string): Promise<void> {
  await page.waitForSelector(`${ACCEPTANCE_LIST} >>> [part~="card"]`, { visible: true });
  for (const card of await page.$$(`${ACCEPTANCE_LIST} >>> [part~="card"]`)) {
    if ((await card.$eval('[part~="title"]', (node) => node.textContent?.trim())) !== title) continue;
    await (await card.$('[part~="select"]'))!.click();
    await page.waitForSelector(`${ACCEPTANCE_REVIEW} >>> [part~="title"]`, { visible: true });
    return;
  }
  assert.fail(`no acceptance card titled ${title}`);
}

/**
 * End to end in Debian's Chromium, on the hosted portal: a contact approves an estimate with a
 * typed name, then pays an invoice and uploads the proof; no balance moves until a finance
 * reviewer accepts the proof, after which the portal shows the invoice paid. SQLite, and
 * PostgreSQL when TABA_TEST_PG is set.
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
const ESTIMATE_LIST = `${PORTAL} >>> taba-estimate-list`;
const ESTIMATE_DETAIL = `${PORTAL} >>> taba-estimate-detail`;
const INVOICE_LIST = `${PORTAL} >>> taba-invoice-list`;
const INVOICE_DETAIL = `${PORTAL} >>> taba-invoice-detail`;
const PROOF_FORM = `${INVOICE_DETAIL} >>> taba-payment-proof-form`;
const DAY = 86_400_000;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

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
  describe(`estimates and invoices in Chromium (${dialect})`, () => {
    let t: TestApp;
    let chromium: Chromium;
    let url: string;
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'taba-e2e-finance-'));

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

    test('an estimate approved by name; an invoice paid by uploaded proof once a reviewer accepts it', async (context) => {
      const { workspaceId, apiKey } = await t.newWorkspace('Northwind Studio');
      const team = new WorkspaceClient({ apiBase: url, apiKey });
      const customer = await team.customers.create({ name: 'Acme Manufacturing' });
      const contact = await team.contacts.create(customer.id, { displayName: 'Ada Lovelace', email: 'ada@acme.example', role: 'Finance Director' });

      const estimate = await team.estimates.send(
        (
          await team.estimates.create({
            customerId: customer.id,
            title: 'Website redesign',
            currency: 'USD',
            validUntil: day(14),
            internalNote: 'Margin is thin on this one',
            lines: [{ description: 'Design', quantity: '2.5', unitAmount: 333, taxRateBasisPoints: 2000, discountBasisPoints: 1000, unitCost: 100 }],
          })
        ).id,
      );
      // 2.5 × $3.33 = $8.325 → $8.32; 10 % off → $7.49; 20 % tax → $1.50: $8.99 (docs/money.md).
      assert.equal(estimate.totals.total, 899);

      // $1,000.00 + 8.5 % tax = $1,085.00, plus 3 × $15.00 untaxed = $1,130.00.
      const draft = await team.invoices.create({
        customerId: customer.id,
        currency: 'USD',
        issueDate: day(0),
        dueDate: day(30),
        lines: [
          { description: 'Build', quantity: '1', unitAmount: 100_000, taxRateBasisPoints: 850 },
          { description: 'Hosting', quantity: '3', unitAmount: 1_500 },
        ],
      });
      const invoice = await team.invoices.send(draft.id);
      assert.equal(invoice.totals.total, 113_000);
      const receipt = path.join(scratch, 'Bank confirmation.pdf');
      fs.writeFileSync(receipt, pdfOfSize(9_000));
      const { clientSecret } = await team.portalSessions.create({ contactId: contact.id });

      const { page, problems } = await openPage(chromium.browser, context);
      await reportingPageProblems(problems, async () => {
        assert.equal((await page.goto(`${url}/portal?workspace=${workspaceId}#secret=${clientSecret}`))?.status(), 200);

        // Estimates: the card, the detail with its exact total, approval by typed name.
        await showSection(page, 'Estimates');
        await page.waitForSelector(`${ESTIMATE_LIST} >>> [part~="card"]`, { visible: true });
        await page.locator(`${ESTIMATE_LIST} >>> [part~="open"]`).click();
        await page.waitForSelector(`${ESTIMATE_DETAIL} >>> [part~="title"]`, { visible: true });
        assert.equal(await hash(page), `#/estimates/${estimate.id}`);
        const estimateText = await texts(page, ESTIMATE_DETAIL + ' >>> [part~="base"]');
        assert.match(estimateText.join(' '), /\$8\.99/);
        assert.doesNotMatch(estimateText.join(' '), /Margin is thin/, 'the internal note never reaches the portal');
        await page.locator(`${ESTIMATE_DETAIL} >>> [part~="full-name"]`).fill('Ada Lovelace');
        await page.locator(`${ESTIMATE_DETAIL} >>> [part~="approve"]`).click();
        await page.waitForSelector(`${ESTIMATE_DETAIL} >>> [part~="outcome"]`, { visible: true });
        assert.match((await texts(page, `${ESTIMATE_DETAIL} >>> [part~="outcome"]`))[0] ?? '', /^Approved by Ada Lovelace on /);

        // Invoices: outstanding, opened; the proof goes to review and the balance does not move.
        await showSection(page, 'Invoices');
        await page.waitForSelector(`${INVOICE_LIST} >>> [part~="card"]`, { visible: true });
        assert.deepEqual(await texts(page, `${INVOICE_LIST} >>> [part~="card"] [part~="status"]`), ['Open']);
        await page.locator(`${INVOICE_LIST} >>> [part~="open"]`).click();
        await page.waitForSelector(`${INVOICE_DETAIL} >>> [part~="title"]`, { visible: true });
        assert.equal(await hash(page), `#/invoices/${invoice.id}`);
        await page.waitForSelector(`${PROOF_FORM} >>> [part~="form"]`, { visible: true });
        await page.locator(`${PROOF_FORM} >>> [part~="amount"]`).fill('1,130.00');
        await page.locator(`${PROOF_FORM} >>> [part~="paid-on"]`).fill(day(0));
        await page.locator(`${PROOF_FORM} >>> [part~="reference"]`).fill('TRX-2026-0042');
        const fileInput = (await page.waitForSelector(`${PROOF_FORM} >>> [part~="file-input"]`)) as ElementHandle<HTMLInputElement>;
        await fileInput.uploadFile(receipt);
        await page.locator(`${PROOF_FORM} >>> [part~="submit"]`).click();
        await waitForTexts(page, `${INVOICE_DETAIL} >>> [part~="proof-status"]`, ['Under review']);
        assert.deepEqual(await texts(page, `${INVOICE_DETAIL} >>> [part~="meta"] [part~="status"]`), ['Open'], 'no balance change before review');

        // A finance reviewer accepts the proof: the payment is recorded and the invoice is paid.
        const [proof] = (await team.paymentProofs.list({ status: 'under_review' })).items;
        assert.equal(proof?.amount, 113_000);
        assert.equal(proof?.reference, 'TRX-2026-0042');
        await team.paymentProofs.accept(proof!.id);
        await page.reload();
        await waitForTexts(page, `${INVOICE_DETAIL} >>> [part~="proof-status"]`, ['Accepted']);
        assert.deepEqual(await texts(page, `${INVOICE_DETAIL} >>> [part~="meta"] [part~="status"]`), ['Paid']);
        assert.equal(await page.$(`${PROOF_FORM} >>> [part~="form"]`), null, 'nothing left to pay, no form');
        await page.goBack();
        await page.locator(`${INVOICE_LIST} >>> ::-p-aria([name="All"][role="tab"])`).click();
        await waitForTexts(page, `${INVOICE_LIST} >>> [part~="card"] [part~="status"]`, ['Paid']);
        assert.deepEqual(problems, []);
      });

      const paid = await team.invoices.retrieve(invoice.id);
      assert.equal(paid.status, 'paid');
      assert.equal(paid.amountDue, 0);
      assert.deepEqual(paid.payments.map((payment) => [payment.amount, payment.reference]), [[113_000, 'TRX-2026-0042']]);
      assert.equal((await team.estimates.retrieve(estimate.id)).status, 'approved');
    });
  });
}

function hash(page: Page): Promise<string> {
  return page.evaluate(() => location.hash);
}

function texts(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (nodes) => nodes.map((node) => node.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
}

async function waitForTexts(page: Page, selector: string, expected: string[]): Promise<void> {
  const deadline = Date.now() + 15_000;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = await texts(page, selector).catch(() => []);
    if (JSON.stringify(seen) === JSON.stringify(expected)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.deepEqual(seen, expected, `${selector} shows these`);
}

/**
 * End to end, in Debian's Chromium: the three host examples (React, Vue, SDK only), each on its own
 * origin under a strict Content-Security-Policy (examples/host-site.ts), against the real server.
 * One browser for all of them; SQLite, and PostgreSQL too when TABA_TEST_PG is set.
 *
 * What a tenant would check: the page shows the customer's documents with no CSP violation and no
 * error; changing pages (the framework removes and re-inserts the elements) keeps working on the
 * same session; two widgets on one page start ONE session; and when the access token has expired,
 * the next loads renew it with ONE refresh call, without a reload. The access token lives 15
 * minutes (not configurable), so time passes by moving the clocks: the test process's (where the
 * server runs) and the page's, by the same amount.
 *
 * Needs dist/hosts/ (examples/hosts.rollup.config.js) and, for the check that the React entry stays
 * out of the browser bundle, dist/taba-portal.js; both are built here when missing or older than
 * their sources.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { Page } from 'puppeteer-core';
import type { ElementType } from 'react';
import { WorkspaceClient } from '../sdk/workspace-client.js';
import { createTestApp, type TestApp } from '../server/test-support/app.js';
import { testDialects } from '../server/test-support/databases.js';
import { seedCustomerWithProposals } from '../server/test-support/fixtures.js';
import { ensureBundle, launchChromium, listedProposals, openPage, reportingPageProblems, root, showSection, type Chromium } from './e2e-support.js';
import { ensureHostBundles, startHostSite, type HostApp, type HostSite } from './host-site.js';

const SIXTEEN_MINUTES = 16 * 60_000;
const DAY = 86_400_000;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
const button = (name: string) => `::-p-aria([name="${name}"][role="button"])`;

/** The test process's clock, which the in-process server reads (token times); moved forward by `advanceServerClock`. */
const realNow = Date.now.bind(Date);
let serverClockOffset = 0;

function advanceServerClock(ms: number, t: TestContext): void {
  if (serverClockOffset === 0) {
    Date.now = () => realNow() + serverClockOffset;
    t.after(() => {
      serverClockOffset = 0;
      Date.now = realNow;
    });
  }
  serverClockOffset += ms;
}

/**
 * Before any page script: record CSP violations, and let the test move the page's clock (`Date.now`,
 * which the SDK reads). A string, as tsx would add helpers to a function that the page lacks.
 */
const PAGE_WATCH = `(() => {
  const violations = [];
  const realNow = Date.now.bind(Date);
  let offset = 0;
  Date.now = () => realNow() + offset;
  document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective + ' refused ' + (event.blockedURI || 'inline')));
  window.hostTest = { violations, advanceClock: (ms) => { offset += ms; }, loadedAt: realNow() };
})();`;

interface HostTestWindow {
  hostTest: { violations: string[]; advanceClock(ms: number): void; loadedAt: number };
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as HostTestWindow).hostTest.violations);
/** When the current document started: the same value before and after means there was no reload. */
const documentLoadedAt = (page: Page) => page.evaluate(() => (window as unknown as HostTestWindow).hostTest.loadedAt);

/** Session starts and renewals the page asked the portal server for. */
function countSessionCalls(page: Page, portalUrl: string): { exchanges: number; refreshes: number } {
  const calls = { exchanges: 0, refreshes: 0 };
  page.on('request', (request) => {
    if (request.method() !== 'POST') return;
    if (request.url() === `${portalUrl}/v1/portal/sessions`) calls.exchanges += 1;
    if (request.url() === `${portalUrl}/v1/portal/sessions/refresh`) calls.refreshes += 1;
  });
  return calls;
}

/** The next successful answer to a GET of `url` (its query aside). */
function portalAnswer(page: Page, url: string): Promise<unknown> {
  return page.waitForResponse((response) => response.request().method() === 'GET' && response.url().split('?')[0] === url && response.ok());
}

async function texts(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (nodes) => nodes.map((node) => node.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
}

const sortedTitles = async (page: Page) => (await listedProposals(page)).map((row) => row.title).sort();

/** One browser for every host and dialect; each page gets a context of its own. */
let chromium: Chromium | undefined;

before(async () => {
  ensureHostBundles();
  chromium = await launchChromium();
});

after(async () => {
  await chromium?.close();
});

for (const dialect of testDialects) {
  describe(`host examples in Chromium (${dialect})`, () => {
    let testApp: TestApp | undefined;
    let portalUrl = '';

    before(async () => {
      testApp = await createTestApp(dialect);
      portalUrl = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    });

    after(async () => {
      await testApp?.close();
    });

    /** A workspace, a customer with two pending proposals and an open invoice, and the host site signing its contact in. */
    async function startHost(app: HostApp, t: TestContext) {
      assert.ok(testApp && chromium, 'the server and Chromium started');
      const { apiKey } = await testApp.newWorkspace('Northwind Studio');
      const team = new WorkspaceClient({ apiBase: portalUrl, apiKey });
      const seeded = await seedCustomerWithProposals(team);
      const draft = await team.invoices.create({
        customerId: seeded.customerId,
        currency: 'USD',
        issueDate: day(0),
        dueDate: day(30),
        lines: [{ description: 'Design', quantity: '1', unitAmount: 250_000 }],
      });
      const invoice = await team.invoices.send(draft.id);
      const site: HostSite = await startHostSite({ app, portalUrl, apiKey, contactId: seeded.contactId, port: 0 });
      t.after(() => site.close());
      await team.settings.update({ allowedOrigins: [site.url] });

      const { page, problems } = await openPage(chromium.browser, t);
      await page.setViewport({ width: 1280, height: 900 });
      await page.evaluateOnNewDocument(PAGE_WATCH);
      const calls = countSessionCalls(page, portalUrl);
      const db = testApp.app.db;
      /** The contact's sessions on the server, and how many refresh tokens each has had (1 + its refreshes). */
      const serverSessions = async () => {
        const sessions = await db.selectFrom('portal_sessions').select('id').where('contact_id', '=', seeded.contactId).execute();
        const tokens = await Promise.all(
          sessions.map(({ id }) => db.selectFrom('refresh_tokens').select('token_hash').where('portal_session_id', '=', id).execute()),
        );
        return tokens.map((rows) => rows.length);
      };
      const open = async () => {
        const response = await page.goto(site.url);
        assert.equal(response?.status(), 200);
        const csp = response?.headers()['content-security-policy'] ?? '';
        assert.match(csp, /script-src 'self';/);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
        assert.equal(csp, site.csp);
        assert.ok(!(await page.content()).includes(apiKey), 'the API key stays on the site’s backend');
      };
      /** Both clocks, 16 minutes on: the access token the page holds has expired, its refresh token has not. */
      const letTokenExpire = async () => {
        advanceServerClock(SIXTEEN_MINUTES, t);
        await page.evaluate((ms) => (window as unknown as HostTestWindow).hostTest.advanceClock(ms), SIXTEEN_MINUTES);
      };
      return { page, problems, calls, seeded, invoice, team, serverSessions, open, letTokenExpire };
    }

    /** The React and Vue hosts: the same two pages, the same checks. */
    async function elementHost(app: 'react-host' | 'vue-host', t: TestContext): Promise<void> {
      const { page, problems, calls, invoice, serverSessions, open, letTokenExpire } = await startHost(app, t);
      const PORTAL_PROPOSALS = 'taba-portal >>> taba-proposal-list >>> [part~="row"]';
      const LIST_ROWS = 'taba-proposal-list >>> [part~="row"]';
      const INVOICE_NUMBERS = 'taba-invoice-list >>> [part~="card"] [part~="number"]';

      await reportingPageProblems(problems, async () => {
        await open();
        const loadedAt = await documentLoadedAt(page);

        // Client area: the whole portal, on its Proposals section.
        await showSection(page, 'Proposals');
        await page.waitForSelector(PORTAL_PROPOSALS, { visible: true });
        assert.deepEqual(await sortedTitles(page), ['Monthly support', 'Website redesign']);

        // Overview: two widgets side by side on the same client; the portal element is gone.
        const showOverview = async () => {
          await page.locator(button('Overview')).click();
          await page.waitForSelector(LIST_ROWS, { visible: true });
          await page.waitForSelector(INVOICE_NUMBERS, { visible: true });
          assert.equal(await page.$('taba-portal'), null, 'changing pages removed the portal');
          assert.deepEqual((await texts(page, `${LIST_ROWS} [part~="title"]`)).sort(), ['Monthly support', 'Website redesign']);
          assert.deepEqual(await texts(page, INVOICE_NUMBERS), [invoice.number]);
        };
        await showOverview();
        assert.deepEqual(await serverSessions(), [1], 'the portal and both widgets started one session');

        // The host hears the list's event (onProposalSelect / onTabaProposalSelect) and shows the detail.
        await page.locator(`taba-proposal-list >>> ${button('Website redesign')}`).click();
        await page.waitForSelector('taba-proposal-detail >>> [part~="title"]', { visible: true });
        assert.deepEqual(await texts(page, 'taba-proposal-detail >>> [part~="title"]'), ['Website redesign']);

        // Back and forth: the elements are removed and inserted again, on the same session.
        await page.locator(button('Client area')).click();
        await showSection(page, 'Proposals');
        await page.waitForSelector(PORTAL_PROPOSALS, { visible: true });
        assert.equal(await page.$('taba-proposal-detail'), null);
        await showOverview();
        assert.deepEqual(calls, { exchanges: 1, refreshes: 0 });
        assert.deepEqual(await serverSessions(), [1], 'no second session after changing pages');

        // The access token expires; both widgets load again at once: one refresh serves both.
        await letTokenExpire();
        const reloaded = Promise.all(['proposals', 'invoices'].map((list) => portalAnswer(page, `${portalUrl}/v1/portal/${list}`)));
        await page.evaluate(() => {
          for (const list of document.querySelectorAll<Element & { refresh(): Promise<void> }>('taba-proposal-list, taba-invoice-list')) void list.refresh();
        });
        await reloaded;
        await page.waitForSelector(LIST_ROWS, { visible: true });
        await page.waitForSelector(INVOICE_NUMBERS, { visible: true });
        assert.deepEqual(await texts(page, INVOICE_NUMBERS), [invoice.number]);
        assert.deepEqual(calls, { exchanges: 1, refreshes: 1 });
        assert.deepEqual(await serverSessions(), [2], 'one session, renewed once');

        // The renewed token serves the portal too.
        await page.locator(button('Client area')).click();
        await showSection(page, 'Proposals');
        await page.waitForSelector(PORTAL_PROPOSALS, { visible: true });
        assert.deepEqual(calls, { exchanges: 1, refreshes: 1 });
        assert.equal(await documentLoadedAt(page), loadedAt, 'the page was never reloaded');

        assert.deepEqual(await violations(page), []);
        assert.deepEqual(problems, []);
      });
    }

    test('React host: portal and two widgets on one session, under a strict CSP', async (t) => {
      await elementHost('react-host', t);
    });

    test('Vue host: portal and two widgets on one session, under a strict CSP', async (t) => {
      await elementHost('vue-host', t);
    });

    test('SDK host: the customer’s proposals and invoices in the tenant’s own markup; accepting a proposal', async (t) => {
      const { page, problems, calls, seeded, invoice, team, serverSessions, open, letTokenExpire } = await startHost('sdk-host', t);
      const redesign = seeded.proposals.find((proposal) => proposal.title === 'Website redesign');
      assert.ok(redesign);

      await reportingPageProblems(problems, async () => {
        await open();
        const loadedAt = await documentLoadedAt(page);
        await page.waitForSelector('.card h3::-p-text(Website redesign)', { visible: true });
        await page.waitForSelector(`.card h3::-p-text(Invoice ${invoice.number})`, { visible: true });
        assert.deepEqual((await texts(page, '.card h3')).sort(), [`Invoice ${invoice.number}`, 'Monthly support', 'Website redesign']);
        assert.deepEqual(await serverSessions(), [1], 'two lists loaded at once started one session');

        await page.locator(button('Accept Website redesign')).click();
        await page.waitForSelector('[role="status"]::-p-text(You accepted Website redesign.)', { visible: true });
        assert.equal((await team.proposals.retrieve(redesign.id)).status, 'accepted');
        assert.equal(await page.$(button('Accept Website redesign')), null);

        // The access token expires; Refresh loads both lists at once: one refresh serves both.
        await letTokenExpire();
        const reloaded = Promise.all(['proposals', 'invoices'].map((list) => portalAnswer(page, `${portalUrl}/v1/portal/${list}`)));
        await page.locator(button('Refresh')).click();
        await reloaded;
        await page.waitForSelector('[role="status"]:empty');
        assert.deepEqual((await texts(page, '.card h3')).sort(), [`Invoice ${invoice.number}`, 'Monthly support', 'Website redesign']);
        assert.deepEqual(calls, { exchanges: 1, refreshes: 1 });
        assert.deepEqual(await serverSessions(), [2], 'one session, renewed once');
        assert.equal(await documentLoadedAt(page), loadedAt, 'the page was never reloaded');

        assert.deepEqual(await violations(page), []);
        assert.deepEqual(problems, []);
      });
    });

    test('the policy is enforced: an inline script on a host page is refused and reported', async (t) => {
      const { page, open } = await startHost('sdk-host', t);
      await open();
      const ran = await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'document.body.dataset.inline = "ran"';
        document.body.append(script);
        return document.body.dataset.inline ?? 'refused';
      });
      assert.equal(ran, 'refused');
      await page.waitForFunction(() => (window as unknown as HostTestWindow).hostTest.violations.length > 0);
      assert.deepEqual(await violations(page), ['script-src-elem refused inline']);
    });
  });
}

describe('taba-portal/react', () => {
  test('has a component for every taba element, and stays out of the browser bundles', async () => {
    ensureBundle();
    const tags = fs
      .readdirSync(path.join(root, 'elements'))
      .filter((name) => name.startsWith('taba-'))
      .flatMap((name) => {
        const component = path.join(root, 'elements', name, `${name}.component.ts`);
        return fs.existsSync(component) ? [/@tagname (\S+)/.exec(fs.readFileSync(component, 'utf8'))?.[1] ?? name] : [];
      })
      .sort();
    const React = await import('react');
    const { renderToStaticMarkup } = await import('react-dom/server');
    const wrappers = await import('../elements/react/index.js');
    const rendered = Object.values(wrappers)
      .filter((value) => typeof value === 'object')
      .map((Component) => /^<([a-z-]+)/.exec(renderToStaticMarkup(React.createElement(Component as ElementType)))?.[1])
      .sort();
    assert.deepEqual(rendered, tags);
    assert.equal(wrappers.eventProp('taba-proposal-select'), 'onProposalSelect');
    assert.equal(wrappers.eventProp('taba-payment-proof-submitted'), 'onPaymentProofSubmitted');

    const browserFiles = ['taba-portal.js', ...fs.readdirSync(path.join(root, 'dist', 'chunks')).map((file) => `chunks/${file}`)];
    for (const file of browserFiles) {
      const code = fs.readFileSync(path.join(root, 'dist', file), 'utf8');
      assert.ok(!code.includes('suppressHydrationWarning') && !code.includes('forwardRef'), `dist/${file} holds no React code`);
    }
  });
});

/**
 * End to end, in Debian's Chromium: the real server on a free port, the example tenant site on its
 * own origin, and the hosted portal page. Runs on SQLite, and on PostgreSQL too when TABA_TEST_PG
 * is set. Needs the elements bundle (dist/taba-portal.js); it is built here when missing or older
 * than the element sources.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import type { AuditEvent } from '../../sdk/contract/audit.js';
import type { Page as ResultPage } from '../../sdk/contract/common.js';
import type { Proposal } from '../../sdk/contract/proposals.js';
import { PermissionError } from '../../sdk/errors.js';
import { WorkspaceClient } from '../../sdk/workspace-client.js';
import type { Dialect } from '../../server/db/database.js';
import { createTestApp } from '../../server/test-support/app.js';
import { testDialects } from '../../server/test-support/databases.js';
import { seedCustomerWithProposals } from '../../server/test-support/fixtures.js';
import { startMailbox, type Mailbox } from '../../server/test-support/mailbox.js';
import type { TestServer } from '../../server/test-support/server.js';
import { ensureBundle, HOME, homeEntries, launchChromium, listedProposals, openPage, PROPOSAL_LIST, reportingPageProblems, showSection, TIMEOUT, type Chromium } from '../e2e-support.js';
import { startTenantSite } from './server.js';

/**
 * Inside <taba-portal>'s shadow DOM (puppeteer's `>>>` pierces shadow roots). Waits pass
 * `visible: true`, which also makes puppeteer poll: its default MutationObserver does not see
 * changes inside shadow roots.
 */
const LIST = PROPOSAL_LIST;
const DETAIL = 'taba-portal >>> taba-proposal-detail';
const button = (name: string) => `::-p-aria([name="${name}"][role="button"])`;
const byTitle = <T extends { title: string }>(rows: T[]) => rows.sort((a, b) => a.title.localeCompare(b.title));
/** What the seeded customer's Home shows: its two pending proposals, by title (they expire together, in either order). */
const seededHome = (proposals: Proposal[]) =>
  byTitle(proposals.map((proposal) => ({ kind: 'Proposal', reference: proposal.number, title: proposal.title })));

interface PortalServer extends TestServer {
  /** A real SMTP server receiving the portal's sign-in emails. */
  mailbox: Mailbox;
  /** What the tenant's backend does with its full API key: allow a site to embed the portal. */
  allowOrigin(origin: string): Promise<void>;
}

/** startTestServer() plus a mailbox; the tenant site's origin is known only once it listens. */
async function startPortalServer(dialect: Dialect): Promise<PortalServer> {
  const mailbox = await startMailbox();
  const testApp = await createTestApp(dialect, { smtpUrl: mailbox.url });
  try {
    const { workspaceId, apiKey } = await testApp.newWorkspace('Northwind Studio');
    const url = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    const workspace = new WorkspaceClient({ apiBase: url, apiKey });
    return {
      url,
      apiKey,
      workspaceId,
      workspace,
      async allowOrigin(origin) {
        const { allowedOrigins } = await workspace.settings.retrieve();
        await workspace.settings.update({ allowedOrigins: [...allowedOrigins, origin] });
      },
      mailbox,
      close: async () => {
        await testApp.close();
        await mailbox.close();
      },
    };
  } catch (error) {
    await testApp.close();
    await mailbox.close();
    throw error;
  }
}

/** The text of the first alert inside <taba-portal> that `matches`; fails with the alerts shown. */
async function waitForAlert(page: Page, matches: (text: string) => boolean): Promise<string> {
  const alerts = () => page.$$eval('taba-portal >>> [role="alert"]', (nodes) => nodes.map((node) => node.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const shown = await alerts();
    const found = shown.find(matches);
    if (found !== undefined) return found;
    if (Date.now() > deadline) assert.fail(`no matching alert; the page shows: ${JSON.stringify(shown)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function auditEvents(server: TestServer, subjectId: string): Promise<AuditEvent[]> {
  // The SDK has no audit method yet; this is the call it would make.
  const response = await fetch(`${server.url}/v1/workspace/audit-events?subjectId=${encodeURIComponent(subjectId)}`, {
    headers: { authorization: `Bearer ${server.apiKey}` },
  });
  assert.equal(response.status, 200, await response.clone().text());
  return ((await response.json()) as ResultPage<AuditEvent>).items;
}

for (const dialect of testDialects) {
  describe(`tenant site and hosted portal in Chromium (${dialect})`, () => {
    let started: PortalServer | undefined;
    let chromium: Chromium | undefined;

    /** What `before` started; a test fails here when it could not start. */
    const ready = () => {
      assert.ok(started && chromium, 'the server and Chromium started');
      return { server: started, browser: chromium.browser };
    };

    before(async () => {
      ensureBundle();
      started = await startPortalServer(dialect);
      chromium = await launchChromium();
    });

    after(async () => {
      try {
        await chromium?.close();
      } finally {
        await started?.close();
      }
    });

    test('a customer accepts a proposal inside the tenant’s own website', async (t) => {
      const { server, browser } = ready();
      const seeded = await seedCustomerWithProposals(server.workspace);
      const redesign = seeded.proposals.find((proposal) => proposal.title === 'Website redesign');
      assert.ok(redesign, 'the fixture has a "Website redesign" proposal');

      const site = await startTenantSite({ portalUrl: server.url, apiKey: server.apiKey, contactId: seeded.contactId, port: 0 });
      t.after(() => site.close());
      assert.notEqual(new URL(site.url).origin, new URL(server.url).origin, 'the tenant site runs on its own origin');
      await server.allowOrigin(site.url);

      const { page, problems } = await openPage(browser, t);
      await reportingPageProblems(problems, async () => {
        const response = await page.goto(site.url);
        assert.equal(response?.status(), 200);
        assert.match(await page.title(), /Northwind Studio/);
        // The API key stays on the tenant's backend: it is nowhere in what the browser received.
        assert.ok(!(await page.content()).includes(server.apiKey));

        // The portal opens on Home: what needs the contact.
        assert.deepEqual(byTitle(await homeEntries(page)), seededHome(seeded.proposals));
        await showSection(page, 'Proposals');
        await page.waitForSelector(`${LIST} >>> [part~="row"]`, { visible: true });
        assert.deepEqual(
          (await listedProposals(page)).sort((a, b) => a.title.localeCompare(b.title)),
          [
            { title: 'Monthly support', status: 'Pending' },
            { title: 'Website redesign', status: 'Pending' },
          ],
        );

        await page.locator(button('Website redesign')).click();
        await page.locator(button('Accept')).click();
        await page.locator(button('Confirm')).click();
        await page.waitForSelector(`${DETAIL} >>> [part~="status"]::-p-text(Accepted)`, { visible: true });
        const outcome = await page.$eval(`${DETAIL} >>> [part~="outcome"]`, (element) => element.textContent?.trim());
        assert.equal(outcome, 'You accepted this proposal.');

        // Back in the list, the row shows the new status too.
        await page.locator(button('Back to proposals')).click();
        await page.waitForFunction(
          (list) => {
            const rows = document.querySelector('taba-portal')?.shadowRoot?.querySelector(list)?.shadowRoot?.querySelectorAll('[part~="row"]') ?? [];
            return [...rows].some((row) => row.textContent?.includes('Website redesign') && row.querySelector('[part~="status"]')?.textContent?.trim() === 'Accepted');
          },
          {},
          'taba-proposal-list',
        );
        assert.deepEqual(
          (await listedProposals(page)).sort((a, b) => a.title.localeCompare(b.title)),
          [
            { title: 'Monthly support', status: 'Pending' },
            { title: 'Website redesign', status: 'Accepted' },
          ],
        );

        // The tenant sees the decision through its API, with the contact as the actor.
        const proposals = await server.workspace.proposals.list({ customerId: seeded.customerId });
        const stored = proposals.items.find((proposal) => proposal.id === redesign.id);
        assert.equal(stored?.status, 'accepted');
        assert.ok(stored?.decidedAt, 'the decision time is recorded');
        assert.equal(proposals.items.find((proposal) => proposal.title === 'Monthly support')?.status, 'pending');

        const accepted = (await auditEvents(server, redesign.id)).filter((event) => event.action === 'proposal.accepted');
        assert.equal(accepted.length, 1, 'exactly one proposal.accepted event');
        assert.equal(accepted[0]?.actorType, 'contact');
        assert.equal(accepted[0]?.actorId, seeded.contactId);
        assert.equal(accepted[0]?.customerId, seeded.customerId);

        assert.deepEqual(problems, []);
      });
    });

    test('a site whose origin is not allowed cannot embed the portal', async (t) => {
      const { server, browser } = ready();
      const seeded = await seedCustomerWithProposals(server.workspace);
      // This site is never added to the workspace's allowed origins.
      const site = await startTenantSite({ portalUrl: server.url, apiKey: server.apiKey, contactId: seeded.contactId, port: 0 });
      t.after(() => site.close());
      const siteOrigin = new URL(site.url).origin;

      // The tenant backend's mint for that origin is refused by the portal server.
      await assert.rejects(
        server.workspace.portalSessions.create({ contactId: seeded.contactId, origin: siteOrigin }),
        (error: unknown) => error instanceof PermissionError && error.code === 'origin_not_allowed',
      );

      const { page } = await openPage(browser, t);
      const response = await page.goto(site.url);
      assert.equal(response?.status(), 200);
      // The portal shows, instead of any proposal, the portal server's reason and what to do about it.
      const alert = await waitForAlert(page, (text) => text.includes(siteOrigin));
      assert.match(alert, /not allowed/i, alert);
      assert.match(alert, /allowed origins|settings/i, `the alert says where to fix it: ${alert}`);
      assert.doesNotMatch(alert, /something went wrong/i, alert);
      assert.equal(await page.$(`${LIST} >>> [part~="row"]`), null, 'no proposal is shown');
      assert.equal(await page.$(`${HOME} >>> [part~="entry"]`), null, 'nothing of the customer’s is shown on Home');

      // Even a secret obtained some other way cannot be used from this page: the browser is refused.
      const { clientSecret } = await server.workspace.portalSessions.create({ contactId: seeded.contactId });
      const outcome = await page.evaluate(async (apiBase: string, secret: string) => {
        try {
          const exchanged = await fetch(`${apiBase}/v1/portal/sessions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ clientSecret: secret }),
          });
          return `status ${exchanged.status}`;
        } catch {
          return 'blocked';
        }
      }, server.url, clientSecret);
      assert.equal(outcome, 'blocked', 'CORS does not let a foreign page read the portal API');
      const row = await server.workspace.proposals.list({ customerId: seeded.customerId });
      assert.ok(row.items.every((proposal) => proposal.status === 'pending'), 'nothing was decided');
    });

    test('a contact signs in on the hosted page with the emailed code and sees only their customer', async (t) => {
      const { server, browser } = ready();
      const seeded = await seedCustomerWithProposals(server.workspace);
      // Another customer of the same workspace, with a proposal the contact must never see.
      const other = await server.workspace.customers.create({ name: 'Globex Retail' });
      await server.workspace.contacts.create(other.id, { displayName: 'Hank', email: `hank+${other.id}@globex.example`, role: 'CEO' });
      const hidden = await server.workspace.proposals.create({
        customerId: other.id,
        title: 'Globex store rollout',
        feeModel: 'milestone',
        fee: { amount: 5_400_000, currency: 'USD' },
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
      await server.workspace.proposals.send(hidden.id);
      const contact = (await server.workspace.contacts.list(seeded.customerId)).items[0];
      assert.ok(contact);
      const { page, problems } = await openPage(browser, t);
      // On a phone: the portal is narrower than 40em, so its navigation sits behind the Menu button.
      await page.setViewport({ width: 390, height: 844 });
      await reportingPageProblems(problems, async () => {
        const response = await page.goto(`${server.url}/portal?workspace=${server.workspaceId}`);
        assert.equal(response?.status(), 200);
        const login = 'taba-portal >>> taba-login';
        await page.locator(`${login} >>> input[part~="email"]`).fill(contact.email);
        await page.keyboard.press('Enter');
        const [mail] = await server.mailbox.waitFor(contact.email);
        const code = /\b(\d{6})\b/.exec(mail?.text ?? '')?.[1];
        assert.ok(code, `the email carries a 6-digit code: ${mail?.text}`);
        await page.locator(`${login} >>> input[part~="code"]`).fill(code);
        await page.keyboard.press('Enter');

        // Signed in, on Home: only what waits on the contact's own customer.
        assert.deepEqual(byTitle(await homeEntries(page)), seededHome(seeded.proposals));
        const menu = await page.waitForSelector('taba-portal >>> [part~="menu-button"]', { visible: true });
        assert.equal(await menu?.evaluate((button) => button.getAttribute('aria-expanded')), 'false');
        await showSection(page, 'Proposals');
        assert.equal(await menu?.evaluate((button) => button.getAttribute('aria-expanded')), 'false', 'choosing a section closes the menu');
        await page.waitForSelector(`${LIST} >>> [part~="row"]`, { visible: true });
        const shown = (await listedProposals(page)).map((proposal) => proposal.title).sort();
        assert.deepEqual(shown, ['Monthly support', 'Website redesign']);
        assert.ok(await page.evaluate(() => sessionStorage.getItem('taba-portal.session') !== null), 'the session is kept for this tab');
        const signedIn = await server.workspace.auditEvents.list({ limit: 100 });
        const event = signedIn.items.find((item) => item.action === 'portal.signed_in' && item.actorId === contact.id);
        assert.equal(event?.customerId, seeded.customerId, 'the session is bound to the contact’s own customer');
        assert.deepEqual(event?.data, { method: 'code' });
        assert.deepEqual(problems, []);
      });
    });

    test('the hosted page signs in from a one-time link and forgets the secret', async (t) => {
      const { server, browser } = ready();
      const seeded = await seedCustomerWithProposals(server.workspace);
      const { clientSecret } = await server.workspace.portalSessions.create({ contactId: seeded.contactId });

      const { page, problems } = await openPage(browser, t);
      await reportingPageProblems(problems, async () => {
        const response = await page.goto(`${server.url}/portal#secret=${encodeURIComponent(clientSecret)}`);
        assert.equal(response?.status(), 200);

        const csp = response?.headers()['content-security-policy'] ?? '';
        const directives = new Map(
          csp
            .split(';')
            .map((directive) => directive.trim().split(/\s+/))
            .filter((parts) => parts[0])
            .map(([name, ...values]) => [name!, values]),
        );
        const scriptSrc = directives.get('script-src') ?? directives.get('default-src');
        assert.ok(scriptSrc, `a script-src (or default-src) directive in ${JSON.stringify(csp)}`);
        assert.ok(!scriptSrc.includes("'unsafe-inline'"), `script-src allows inline scripts: ${csp}`);
        assert.ok(!scriptSrc.includes("'unsafe-eval'"), `script-src allows eval: ${csp}`);

        assert.deepEqual(byTitle(await homeEntries(page)), seededHome(seeded.proposals));
        await showSection(page, 'Proposals');
        await page.waitForSelector(`${LIST} >>> [part~="row"]`, { visible: true });
        assert.deepEqual((await listedProposals(page)).map((row) => row.title).sort(), ['Monthly support', 'Website redesign']);

        const href = await page.evaluate(() => location.href);
        assert.ok(!href.includes(clientSecret), `the secret is still in the address: ${href}`);
        assert.ok(!href.includes('secret='), `the secret is still in the address: ${href}`);
        assert.equal(new URL(href).pathname, '/portal');

        // The link was single use: opening it again does not sign in.
        const again = await fetch(`${server.url}/v1/portal/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ clientSecret }),
        });
        assert.equal(again.status, 401);

        assert.deepEqual(problems, []);
      });
    });

    test('a session from a link survives a real reload, signs out, and a spent link falls back to email sign-in', async (t) => {
      const { server, browser } = ready();
      const seeded = await seedCustomerWithProposals(server.workspace);
      const { clientSecret } = await server.workspace.portalSessions.create({ contactId: seeded.contactId });
      const portalUrl = `${server.url}/portal?workspace=${server.workspaceId}`;

      const { page, problems } = await openPage(browser, t);
      await reportingPageProblems(problems, async () => {
        await page.goto(`${portalUrl}#secret=${encodeURIComponent(clientSecret)}`);
        await showSection(page, 'Proposals');
        await page.waitForSelector(`${LIST} >>> [part~="row"]`, { visible: true });

        // The browser's own reload: the secret is gone from the address, the session is not (nor the page shown).
        await page.reload();
        await page.waitForSelector(`${LIST} >>> [part~="row"]`, { visible: true });
        assert.deepEqual((await listedProposals(page)).map((row) => row.title).sort(), ['Monthly support', 'Website redesign']);

        const signOut = await page.waitForSelector('taba-portal >>> [part~="sign-out"]', { visible: true });
        const signedOut = page.waitForResponse((response) => response.url().endsWith('/v1/portal/sign-out'));
        await signOut?.click();
        assert.equal((await signedOut).status(), 204);
        await page.waitForSelector('taba-portal >>> taba-login', { visible: true });
        await page.reload();
        await page.waitForSelector('taba-portal >>> taba-login', { visible: true });
        assert.equal(await page.$(`${LIST} >>> [part~="row"]`), null, 'signed out stays signed out after a reload');
        assert.equal(await page.$(`${HOME} >>> [part~="entry"]`), null, 'signed out stays signed out after a reload');

        // The same link again, opened afresh: spent, so the page says why and offers the email sign-in form.
        await page.goto('about:blank');
        await page.goto(`${portalUrl}#secret=${encodeURIComponent(clientSecret)}`);
        await page.waitForSelector('taba-portal >>> taba-login', { visible: true });
        const note = await page.$eval('taba-portal >>> [part~="link-expired"]', (node) => node.textContent?.replace(/\s+/g, ' ').trim() ?? '');
        assert.match(note, /expired or was already used/);
        assert.equal(await page.$(button('Retry')), null, 'no Retry button that cannot help');
      });
      // Expected: the spent secret's 401 (by design), and Chromium reporting the sign-out as aborted
      // by the reload although its 204 had arrived (asserted above). Nothing else.
      const unexpected = problems.filter((problem) => !/401/.test(problem) && !/request failed: POST \S+\/v1\/portal\/sign-out net::ERR_ABORTED/.test(problem));
      assert.deepEqual(unexpected, []);
    });
  });
}

/**
 * End to end in Debian's Chromium, on the hosted portal: a contact asks to sign in on the
 * business's branded form, clicks the link in the email that arrives, and lands signed in on the
 * portal's home page; the same link a second time, a link a newer email replaced, and a link past
 * its ten minutes each say what happened. SQLite, and PostgreSQL when TABA_TEST_PG is set.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { Page } from 'puppeteer-core';
import { WorkspaceClient } from '../sdk/workspace-client.js';
import { createTestApp, type TestApp } from '../server/test-support/app.js';
import { testDialects } from '../server/test-support/databases.js';
import { startMailbox, type Mailbox } from '../server/test-support/mailbox.js';
import { ensureBundle, launchChromium, openPage, reportingPageProblems, type Chromium } from './e2e-support.js';

const LOGIN = 'taba-portal >>> taba-login';
const HOME = 'taba-portal >>> taba-home';
/** The emailed link to the hosted page, with the token in the fragment. */
const SIGN_IN_LINK = /https?:\/\/\S+\/portal\?workspace=ws_[a-z0-9]+#signin=\S+/;

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

/** The text of a part of the sign-in form, as shown. */
function loginText(page: Page, part: string): Promise<string> {
  return page.$eval(`${LOGIN} >>> [part~="${part}"]`, (element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim());
}

for (const dialect of testDialects) {
  describe(`sign-in by emailed link in Chromium (${dialect})`, () => {
    let t: TestApp;
    let mailbox: Mailbox;
    let chromium: Chromium;
    let url: string;
    let workspaceId: string;
    let team: WorkspaceClient;
    let serial = 0;

    before(async () => {
      ensureBundle();
      mailbox = await startMailbox();
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      // Links are made for where the server listens, as PUBLIC_URL says in production.
      t = await createTestApp(dialect, { publicUrl: url, smtpUrl: mailbox.url });
      await t.app.listen({ port, host: '127.0.0.1' });
      chromium = await launchChromium();
      const workspace = await t.newWorkspace('Northwind Studio');
      workspaceId = workspace.workspaceId;
      team = new WorkspaceClient({ apiBase: url, apiKey: workspace.apiKey });
      await team.settings.update({ brand: { accentColor: '#0f766e' } });
    });
    after(async () => {
      await chromium?.close();
      await t?.close();
      await mailbox?.close();
    });

    /** Asks for a sign-in on the hosted page's form, as the contact would, and reads the link in the email. */
    async function askForLink(page: Page, email: string): Promise<string> {
      const before = mailbox.received(email).length;
      assert.equal((await page.goto(`${url}/portal?workspace=${workspaceId}`))?.status(), 200);
      await page.waitForSelector(`${LOGIN} >>> [part~="heading"]::-p-text(Sign in to Northwind Studio)`, { visible: true });
      await page.locator(`${LOGIN} >>> input[part~="email"]`).fill(email);
      await page.keyboard.press('Enter');
      await page.waitForSelector(`${LOGIN} >>> input[part~="code"]`, { visible: true });
      const mails = await mailbox.waitFor(email, before + 1);
      const link = SIGN_IN_LINK.exec(mails.at(-1)?.text ?? '')?.[0];
      assert.ok(link, `the email carries a sign-in link: ${mails.at(-1)?.text}`);
      return link;
    }

    /** Opens an emailed link in a fresh browser context, as a click in a mail client opens a new tab. */
    async function openLink(context: TestContext, link: string) {
      const opened = await openPage(chromium.browser, context);
      assert.equal((await opened.page.goto(link))?.status(), 200);
      return opened;
    }

    /** A contact of a new customer, with an address no other test uses. */
    async function addContact(email: string): Promise<void> {
      const customer = await team.customers.create({ name: `Acme ${serial}` });
      await team.contacts.create(customer.id, { displayName: 'Ada Lovelace', email, role: 'Operations Director' });
    }

    test('the emailed link opens straight into the portal, signed in, on the home page', async (context) => {
      const email = `ada.${++serial}@acme.example`;
      await addContact(email);
      const asking = await openPage(chromium.browser, context);
      let link = '';
      await reportingPageProblems(asking.problems, async () => {
        link = await askForLink(asking.page, email);
        const accent = await asking.page.$eval(`${LOGIN} >>> [part~="submit"]`, (button) => getComputedStyle(button).backgroundColor);
        assert.equal(accent, 'rgb(15, 118, 110)', "the business's brand colour is the form's accent");
        assert.deepEqual(asking.problems, []);
      });

      const { page, problems } = await openLink(context, link);
      await reportingPageProblems(problems, async () => {
        await page.waitForSelector(HOME, { visible: true });
        assert.equal(await page.$(LOGIN), null, 'no sign-in form once signed in');
        assert.ok(!page.url().includes('signin='), `the token is gone from the address bar: ${page.url()}`);
        const session = await page.evaluate(() => sessionStorage.getItem('taba-portal.session'));
        assert.ok(session, 'the session is kept for a reload of this tab');
        await page.reload();
        await page.waitForSelector(HOME, { visible: true });
        assert.deepEqual(problems, []);
      });
    });

    test('a link used a second time, replaced by a newer email, or past its ten minutes says so', async (context) => {
      const email = `grace.${++serial}@acme.example`;
      await addContact(email);
      const asking = await openPage(chromium.browser, context);
      const used = await askForLink(asking.page, email);
      const signedIn = await openLink(context, used);
      await signedIn.page.waitForSelector(HOME, { visible: true });

      const replaced = await askForLink(asking.page, email);
      const expired = await askForLink(asking.page, email);
      // Ten minutes pass for the newest link (the one before it was ended by the newest email).
      await t.app.db
        .updateTable('portal_sign_in_challenges')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('email', '=', email)
        .where('expires_at', '>', new Date().toISOString())
        .execute();

      const cases = [
        { link: used, message: 'This sign-in link was already used, and each link works once. Enter your email to get a new one.' },
        {
          link: replaced,
          message: 'A newer sign-in email was sent, so this link no longer works. Open the link in the latest email, or enter your email to get a new one.',
        },
        { link: expired, message: 'This sign-in link has expired. Enter your email to get a new one.' },
      ];
      for (const { link, message } of cases) {
        const { page, problems } = await openLink(context, link);
        await reportingPageProblems(problems, async () => {
          await page.waitForSelector(`${LOGIN} >>> [part~="error"]`, { visible: true });
          assert.equal(await loginText(page, 'error-message'), message);
          assert.ok(await page.$(`${LOGIN} >>> input[part~="email"]`), 'the email form, to ask for a new link');
          assert.equal(await loginText(page, 'heading'), 'Sign in to Northwind Studio');
          // The refused verify is the one failed request (which the browser also logs); nothing else went wrong.
          const verify = `${url}/v1/portal/sign-in/verify`;
          assert.deepEqual(problems, [
            `HTTP 401: POST ${verify}`,
            `console error: Failed to load resource: the server responded with a status of 401 (Unauthorized) (${verify})`,
          ]);
        });
      }
    });
  });
}

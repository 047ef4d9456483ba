/**
 * Keyboard only, end to end in Debian's Chromium, on the hosted portal: a contact signs in with the
 * emailed code, lands on Home, goes to Proposals, opens a pending proposal and accepts it, then
 * starts a conversation in Messages and sends a message — with Tab, Shift+Tab, Enter, Space and
 * typing alone (no click, and no focus set by the test). Each new page must put focus on its
 * heading, and the acceptance must be said in a live region; the server must hold what was done.
 * SQLite, and PostgreSQL when TABA_TEST_PG is set.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import { WorkspaceClient } from '../sdk/workspace-client.js';
import { createTestApp, type TestApp } from '../server/test-support/app.js';
import { testDialects } from '../server/test-support/databases.js';
import { startMailbox, type Mailbox } from '../server/test-support/mailbox.js';
import { ensureBundle, HOME, homeEntries, launchChromium, openPage, reportingPageProblems, TIMEOUT, type Chromium } from './e2e-support.js';

const PORTAL = 'taba-portal';
const LOGIN = `${PORTAL} >>> taba-login`;
const PROPOSAL_LIST = `${PORTAL} >>> taba-proposal-list`;
const PROPOSAL_DETAIL = `${PORTAL} >>> taba-proposal-detail`;
const THREADS = `${PORTAL} >>> taba-message-threads`;
const THREAD = `${PORTAL} >>> taba-message-thread`;
/** More Tab presses than any page here has stops: a target never reached fails rather than loops. */
const TAB_LIMIT = 60;

/** The element that has focus, found through every shadow root, as a contact's screen reader would meet it. */
interface Focused {
  /** The elements from the document down to it whose shadow roots hold the focus, e.g. `['taba-portal', 'taba-proposal-detail', 'h3']`. */
  path: string[];
  tag: string;
  part: string[];
  text: string;
}

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

/** The deep active element (`document.activeElement`, then each shadow root's), or `null` on the page itself. */
function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    let element: Element | null = document.activeElement;
    if (!element || element === document.body) return null;
    const path = [element.localName];
    while (element.shadowRoot?.activeElement) {
      element = element.shadowRoot.activeElement;
      path.push(element.localName);
    }
    return { path, tag: element.localName, part: [...element.part], text: (element.textContent ?? '').replace(/\s+/g, ' ').trim() };
  });
}

const describeFocus = (focus: Focused | null) => (focus ? `${focus.path.join(' > ')}[${focus.part.join(' ')}] "${focus.text.slice(0, 40)}"` : 'the page');

/**
 * Presses Tab (Shift+Tab with `backward`) until the focused element matches, as a keyboard user
 * moves; fails, naming every stop, when `TAB_LIMIT` presses do not get there.
 */
async function tabTo(page: Page, matches: (focus: Focused) => boolean, what: string, { backward = false } = {}): Promise<Focused> {
  const stops: string[] = [];
  for (let press = 0; press < TAB_LIMIT; press++) {
    if (backward) await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    if (backward) await page.keyboard.up('Shift');
    const focus = await focused(page);
    if (focus && matches(focus)) return focus;
    stops.push(describeFocus(focus));
  }
  return assert.fail(`${backward ? 'Shift+Tab' : 'Tab'} never reached ${what}; focus went through: ${stops.join(' → ')}`);
}

/** Waits until focus is where the page should have put it (focus moves once the new page has rendered). */
async function waitForFocus(page: Page, matches: (focus: Focused) => boolean, what: string): Promise<Focused> {
  const deadline = Date.now() + TIMEOUT;
  let focus: Focused | null = null;
  while (Date.now() < deadline) {
    focus = await focused(page);
    if (focus && matches(focus)) return focus;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return assert.fail(`focus is not on ${what} but on ${describeFocus(focus)}`);
}

/** The portal shell's heading of the page shown (`<h2 part="heading">` in `<taba-portal>`), reading `text`. */
const portalHeading = (text: string) => (focus: Focused) =>
  focus.path.join(' > ') === 'taba-portal > h2' && focus.part.includes('heading') && focus.text === text;

/** Something in `<taba-portal>`'s own shadow root (not a widget inside it) with `part` and `text`. */
const inShell = (part: string, text: string) => (focus: Focused) =>
  focus.path.length === 2 && focus.path[0] === 'taba-portal' && focus.part.includes(part) && focus.text.startsWith(text);

/** Something inside the widget `widget` (directly in its shadow root) with `part`, and `text` when given. */
const inWidget = (widget: string, part: string, text?: string) => (focus: Focused) =>
  focus.path.at(-2) === widget && focus.part.includes(part) && (text === undefined || focus.text === text);

/** What every live region on the page (through shadow roots) says now: role status, alert or log, or `aria-live`. */
function liveRegionTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const said: string[] = [];
    const roots: (Document | ShadowRoot)[] = [document];
    for (let root = roots.pop(); root; root = roots.pop()) {
      for (const element of root.querySelectorAll('*')) {
        if (element.shadowRoot) roots.push(element.shadowRoot);
        const live = element.getAttribute('aria-live');
        const role = element.getAttribute('role');
        if ((live && live !== 'off') || role === 'status' || role === 'alert' || role === 'log') {
          const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
          if (text) said.push(text);
        }
      }
    }
    return said;
  });
}

for (const dialect of testDialects) {
  describe(`the portal by keyboard alone in Chromium (${dialect})`, () => {
    let t: TestApp;
    let mailbox: Mailbox;
    let chromium: Chromium;
    let url: string;

    before(async () => {
      ensureBundle();
      mailbox = await startMailbox();
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      // Links are made for where the server listens, as PUBLIC_URL says in production.
      t = await createTestApp(dialect, { publicUrl: url, smtpUrl: mailbox.url });
      await t.app.listen({ port, host: '127.0.0.1' });
      chromium = await launchChromium();
    });
    after(async () => {
      await chromium?.close();
      await t?.close();
      await mailbox?.close();
    });

    test('a contact signs in, accepts a proposal and sends a message with the keyboard alone', async (context) => {
      const { workspaceId, apiKey } = await t.newWorkspace('Northwind Studio');
      const team = new WorkspaceClient({ apiBase: url, apiKey });
      const customer = await team.customers.create({ name: 'Acme Manufacturing' });
      const contact = await team.contacts.create(customer.id, { displayName: 'Ada Lovelace', email: 'ada@acme.example', role: 'Operations Director' });
      const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
      const redesign = await team.proposals.create({ customerId: customer.id, title: 'Website redesign', feeModel: 'fixed_fee', fee: { amount: 125_000, currency: 'USD' }, expiresAt });
      const support = await team.proposals.create({ customerId: customer.id, title: 'Monthly support', feeModel: 'retainer', fee: { amount: 90_000, currency: 'USD' }, expiresAt });
      await team.proposals.send(redesign.id);
      await team.proposals.send(support.id);

      const { page, problems } = await openPage(chromium.browser, context);
      // Wide enough that the navigation is a list, not behind the Menu button.
      await page.setViewport({ width: 1280, height: 900 });
      await reportingPageProblems(problems, async () => {
        assert.equal((await page.goto(`${url}/portal?workspace=${workspaceId}`))?.status(), 200);

        // Sign in: Tab to the email field, type, Enter; the code field takes focus; type the emailed code, Enter.
        await page.waitForSelector(`${LOGIN} >>> input[part~="email"]`, { visible: true });
        await tabTo(page, inWidget('taba-login', 'email'), 'the email field');
        await page.keyboard.type(contact.email);
        await page.keyboard.press('Enter');
        const [mail] = await mailbox.waitFor(contact.email);
        const code = /\b(\d{6})\b/.exec(mail?.text ?? '')?.[1];
        assert.ok(code, `the email carries a 6-digit code: ${mail?.text}`);
        await waitForFocus(page, inWidget('taba-login', 'code'), 'the code field');
        await page.keyboard.type(code);
        await page.keyboard.press('Enter');

        // Home, its heading focused, shows what needs her.
        await waitForFocus(page, portalHeading('Home'), 'the Home heading');
        assert.deepEqual(
          (await homeEntries(page)).sort((a, b) => a.title.localeCompare(b.title)),
          [
            { kind: 'Proposal', reference: support.number, title: 'Monthly support' },
            { kind: 'Proposal', reference: redesign.number, title: 'Website redesign' },
          ],
        );
        assert.ok(await page.$(HOME), 'Home shows <taba-home>');

        // Back up into the navigation to Proposals; Enter shows it with its heading focused.
        await tabTo(page, inShell('nav-item', 'Proposals'), 'the Proposals nav item', { backward: true });
        await page.keyboard.press('Enter');
        await waitForFocus(page, portalHeading('Proposals'), 'the Proposals heading');

        // Forward to the proposal's title in the list; Enter opens it, focus on its heading.
        await page.waitForSelector(`${PROPOSAL_LIST} >>> [part~="row"]`, { visible: true });
        await tabTo(page, inWidget('taba-proposal-list', 'title', 'Website redesign'), 'the proposal "Website redesign" in the list');
        await page.keyboard.press('Enter');
        await waitForFocus(page, inWidget('taba-proposal-detail', 'title', 'Website redesign'), 'the proposal’s heading');

        // Accept with Space, confirm with Enter: the outcome takes focus and a live region says it.
        await tabTo(page, inWidget('taba-proposal-detail', 'accept'), 'the Accept button');
        await page.keyboard.press('Space');
        await waitForFocus(page, inWidget('taba-proposal-detail', 'confirm'), 'the Confirm button');
        await page.keyboard.press('Enter');
        await waitForFocus(page, inWidget('taba-proposal-detail', 'outcome', 'You accepted this proposal.'), 'the outcome');
        assert.ok((await liveRegionTexts(page)).includes('You accepted this proposal.'), `a live region says the acceptance: ${JSON.stringify(await liveRegionTexts(page))}`);
        await page.waitForSelector(`${PROPOSAL_DETAIL} >>> [part~="status"]::-p-text(Accepted)`, { visible: true });

        // Messages from the navigation; "New conversation"; a subject and a message; Send.
        await tabTo(page, inShell('nav-item', 'Messages'), 'the Messages nav item', { backward: true });
        await page.keyboard.press('Enter');
        await waitForFocus(page, portalHeading('Messages'), 'the Messages heading');
        await page.waitForSelector(`${THREADS} >>> [part~="new"]`, { visible: true });
        await tabTo(page, inWidget('taba-message-threads', 'new'), 'New conversation');
        await page.keyboard.press('Enter');
        await waitForFocus(page, inWidget('taba-message-thread', 'title', 'New conversation'), 'the new conversation’s heading');
        await tabTo(page, inWidget('taba-message-thread', 'title-input'), 'the subject field');
        await page.keyboard.type('Start date');
        await tabTo(page, inWidget('taba-message-thread', 'message-input'), 'the message field');
        await page.keyboard.type('We accepted the redesign. Can we start in January?');
        await tabTo(page, inWidget('taba-message-thread', 'send'), 'the Send button');
        await page.keyboard.press('Enter');
        await page.waitForSelector(`${THREAD} >>> [part~="message-you"]`, { visible: true });
        // Focus is back in the empty message field, ready for the next one; "Message sent" is said.
        await waitForFocus(page, inWidget('taba-message-thread', 'message-input'), 'the message field');
        assert.ok((await liveRegionTexts(page)).includes('Message sent.'), `a live region says the message was sent: ${JSON.stringify(await liveRegionTexts(page))}`);

        assert.deepEqual(problems, []);
      });

      // The server holds both: the proposal accepted (the other still pending), and the message from her.
      assert.equal((await team.proposals.retrieve(redesign.id)).status, 'accepted');
      assert.equal((await team.proposals.retrieve(support.id)).status, 'pending');
      const threads = await team.threads.list({});
      assert.deepEqual(
        threads.items.map((thread) => ({ title: thread.title, customerId: thread.customerId })),
        [{ title: 'Start date', customerId: customer.id }],
      );
      const messages = await team.messages.list(threads.items[0]!.id);
      assert.deepEqual(
        messages.items.map((message) => ({ body: message.body, internal: message.internal, author: [message.author.type, message.author.id] })),
        [{ body: 'We accepted the redesign. Can we start in January?', internal: false, author: ['contact', contact.id] }],
      );
    });
  });
}

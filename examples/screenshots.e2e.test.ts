/**
 * Pictures of every widget for docs/elements.md, made in Debian's Chromium from the hosted portal
 * on the demo workspace (what `npm start` shows): light and dark (the system's colour scheme), in
 * English and in Arabic (the browser's language), each widget cut out at its own size, and the
 * shell whole. Every picture is checked as a reader would see it: a widget that rendered (not
 * blank, not still loading), dark darker than light, Arabic laid out right to left.
 *
 * `npm test` makes them in a scratch folder; `npm run screenshots` makes them into
 * docs/screenshots/, to commit when a widget's look changed. SQLite only: the pictures do not
 * depend on the database.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { WorkspaceClient } from '../sdk/workspace-client.js';
import { seedDemo } from '../server/demo/seed.js';
import { createTestApp, type TestApp } from '../server/test-support/app.js';
import { ensureBundle, launchChromium, root, TIMEOUT, type Chromium } from './e2e-support.js';

const INTO_DOCS = process.env.TABA_SCREENSHOTS === 'docs';
const VIEWPORT = { width: 960, height: 900 };

const SCHEMES = ['light', 'dark'] as const;
const LANGUAGES = ['en', 'ar'] as const;
type Scheme = (typeof SCHEMES)[number];
type Language = (typeof LANGUAGES)[number];

/**
 * What is pictured: each widget at the page that shows it in the portal (`route`, with the id of a
 * demo object where the page is one object's), or, for a widget a tenant places on its own page,
 * created beside the portal with the portal's client (`standalone`). `within` names the widget
 * that holds it on that page, and `press` what to press in that widget first to show it.
 */
interface Shot {
  tag: string;
  route?: (ids: DemoIds) => string;
  within?: string;
  press?: string;
  standalone?: (ids: DemoIds) => Record<string, string>;
}

interface DemoIds {
  proposal: string;
  thread: string;
  project: string;
  request: string;
  acceptance: string;
  estimate: string;
  invoice: string;
  delivery: string;
}

const SHOTS: Shot[] = [
  { tag: 'taba-home', route: () => '#/home' },
  { tag: 'taba-project-list', route: () => '#/projects' },
  { tag: 'taba-project-detail', route: (ids) => `#/projects/${ids.project}` },
  { tag: 'taba-comment-thread', route: (ids) => `#/projects/${ids.project}`, within: 'taba-project-detail', press: '#tab-comments' },
  { tag: 'taba-proposal-list', route: () => '#/proposals' },
  { tag: 'taba-proposal-detail', route: (ids) => `#/proposals/${ids.proposal}` },
  { tag: 'taba-request-list', route: () => '#/requests' },
  { tag: 'taba-request-detail', route: (ids) => `#/requests/${ids.request}` },
  { tag: 'taba-request-progress', standalone: (ids) => ({ 'request-id': ids.request }) },
  { tag: 'taba-acceptance-list', route: () => '#/acceptances' },
  { tag: 'taba-acceptance-review', route: (ids) => `#/acceptances/${ids.acceptance}` },
  { tag: 'taba-acceptance-card', standalone: (ids) => ({ 'acceptance-id': ids.acceptance }) },
  { tag: 'taba-estimate-list', route: () => '#/estimates' },
  { tag: 'taba-estimate-detail', route: (ids) => `#/estimates/${ids.estimate}` },
  { tag: 'taba-invoice-list', route: () => '#/invoices' },
  { tag: 'taba-invoice-detail', route: (ids) => `#/invoices/${ids.invoice}` },
  { tag: 'taba-payment-proof-form', route: (ids) => `#/invoices/${ids.invoice}`, within: 'taba-invoice-detail' },
  { tag: 'taba-statement', route: () => '#/statements' },
  { tag: 'taba-delivery-list', route: () => '#/deliveries' },
  { tag: 'taba-delivery-timeline', route: (ids) => `#/deliveries/${ids.delivery}` },
  { tag: 'taba-message-threads', route: () => '#/messages' },
  { tag: 'taba-message-thread', route: (ids) => `#/messages/${ids.thread}` },
  { tag: 'taba-document-list', route: () => '#/documents' },
  { tag: 'taba-profile', route: () => '#/profile' },
];

/** The picture's file name: `taba-invoice-list.dark.ar.png`; the sign-in page and the whole shell are `taba-login…` and `taba-portal…`. */
const pictureName = (tag: string, scheme: Scheme, language: Language) => `${tag}.${scheme}.${language}.png`;

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

/** A page whose system colour scheme and browser language are the ones given, as a visitor's would be. */
async function visitorPage(browser: Browser, scheme: Scheme, language: Language): Promise<{ page: Page; blank: Page; problems: string[]; close: () => Promise<void> }> {
  const context = await browser.createBrowserContext();
  const blank = await context.newPage();
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  await page.setViewport(VIEWPORT);
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  // As source text: tsx would wrap a function's getters in a helper the page does not have.
  const tag = JSON.stringify(language);
  await page.evaluateOnNewDocument(
    `Object.defineProperty(navigator, 'language', { get: () => ${tag} }); Object.defineProperty(navigator, 'languages', { get: () => [${tag}] });`,
  );
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error instanceof Error ? error.message : String(error)}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return { page, blank, problems, close: () => context.close() };
}

/**
 * Waits until the widget (found through every shadow root under `taba-portal`, or in the document)
 * has rendered and nothing under it still says it is loading, then the fonts and a frame settle.
 */
async function settled(page: Page, selector: string): Promise<ElementHandle<Element>> {
  const handle = await page.waitForSelector(selector, { visible: true });
  assert.ok(handle, `${selector} is on the page`);
  await page
    .waitForFunction(
    (element: Element) => {
      // Every shadow root from the widget down (no nested function: the page gets this source as is).
      const roots: ShadowRoot[] = element.shadowRoot ? [element.shadowRoot] : [];
      if (roots.length === 0 || roots[0]!.childElementCount === 0) return false;
      for (let i = 0; i < roots.length; i++) {
        if (roots[i]!.querySelector('[part~="loading"]')) return false;
        for (const child of roots[i]!.querySelectorAll('*')) if (child.shadowRoot) roots.push(child.shadowRoot);
      }
      return true;
    },
    { polling: 50 },
    handle,
  )
    .catch(async (error: Error) => {
      const shown = await handle.evaluate((element) => element.shadowRoot?.innerHTML.replace(/<!--[^>]*-->/g, '').slice(0, 2000));
      throw new Error(`${selector} did not settle (${error.message}); it shows: ${shown}`);
    });
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
  return handle;
}

/** What a reader sees in a picture: its size, how many distinct colours, the mean lightness (0–255); `page` is a blank page (the portal's CSP would refuse the data: URL). */
async function looks(page: Page, png: Uint8Array): Promise<{ width: number; height: number; colours: number; lightness: number }> {
  return page.evaluate(async (base64: string) => {
    const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    const colours = new Set<number>();
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) {
      colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      sum += (data[i]! * 299 + data[i + 1]! * 587 + data[i + 2]! * 114) / 1000;
    }
    return { width: bitmap.width, height: bitmap.height, colours: colours.size, lightness: sum / (data.length / 4) };
  }, Buffer.from(png).toString('base64'));
}

describe('screenshots of every widget, light and dark, English and Arabic (sqlite)', () => {
  let t: TestApp;
  let chromium: Chromium;
  let url: string;
  let workspaceId: string;
  let team: WorkspaceClient;
  let contactId: string;
  const folder = INTO_DOCS ? path.join(root, 'docs', 'screenshots') : fs.mkdtempSync(path.join(os.tmpdir(), 'taba-screenshots-'));
  /** Mean lightness of each light picture, to compare its dark twin with. */
  const lightness = new Map<string, number>();

  before(async () => {
    ensureBundle();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    t = await createTestApp('sqlite', { publicUrl: url });
    const demo = await seedDemo(t.app.db, { fileStore: t.app.fileStore });
    workspaceId = demo.workspaceId;
    contactId = demo.contactId;
    team = new WorkspaceClient({ apiBase: url, apiKey: demo.apiKey });
    await t.app.listen({ port, host: '127.0.0.1' });
    chromium = await launchChromium();
    fs.mkdirSync(folder, { recursive: true });
  });
  after(async () => {
    await chromium?.close();
    await t?.close();
    if (!INTO_DOCS) fs.rmSync(folder, { recursive: true, force: true });
  });

  test('every element the package defines is pictured', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'custom-elements.json'), 'utf8')) as { modules: { declarations?: { tagName?: string; customElement?: boolean }[] }[] };
    const defined = manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.customElement).map((declaration) => declaration.tagName!);
    assert.deepEqual(['taba-login', 'taba-portal', ...SHOTS.map((shot) => shot.tag)].sort(), defined.sort());
  });

  for (const scheme of SCHEMES) {
    for (const language of LANGUAGES) {
      test(`${scheme}, ${language}: the sign-in page, the shell and ${SHOTS.length} widgets`, async () => {
        const { page, blank, problems, close } = await visitorPage(chromium.browser, scheme, language);
        try {
          const picture = async (tag: string, handle: ElementHandle<Element> | 'page') => {
            const png = handle === 'page' ? await page.screenshot({ type: 'png' }) : await handle.screenshot({ type: 'png' });
            const name = pictureName(tag, scheme, language);
            fs.writeFileSync(path.join(folder, name), png);
            const seen = await looks(blank, png);
            assert.ok(seen.width >= 200 && seen.height >= 40, `${name} is ${seen.width}×${seen.height}: the widget did not lay out`);
            assert.ok(seen.colours >= 8, `${name} has ${seen.colours} colours: blank`);
            if (scheme === 'light') {
              lightness.set(`${tag}.${language}`, seen.lightness);
              assert.ok(seen.lightness > 160, `${name}: light, yet mean lightness ${seen.lightness.toFixed(0)}`);
            } else {
              assert.ok(seen.lightness < 110, `${name}: dark, yet mean lightness ${seen.lightness.toFixed(0)}`);
              const light = lightness.get(`${tag}.${language}`);
              if (light !== undefined) assert.ok(seen.lightness < light, `${name} is no darker than its light picture`);
            }
          };
          const expectDirection = async (handle: ElementHandle<Element>, tag: string) => {
            const direction = await handle.evaluate((element) => getComputedStyle(element).direction);
            assert.equal(direction, language === 'ar' ? 'rtl' : 'ltr', `${tag} in ${language}`);
          };

          // The sign-in page, before any session.
          assert.equal((await page.goto(`${url}/portal?workspace=${workspaceId}`))?.status(), 200);
          const login = await settled(page, 'taba-portal >>> taba-login');
          await expectDirection(login, 'taba-login');
          await picture('taba-login', login);

          // Signed in from a link the tenant minted: the shell on Home, whole.
          const { clientSecret } = await team.portalSessions.create({ contactId });
          // (By way of a blank page: from the sign-in page, only the fragment would change, and the page would not load again.)
          await page.goto('about:blank');
          await page.goto(`${url}/portal?workspace=${workspaceId}#secret=${clientSecret}`);
          await settled(page, 'taba-portal >>> taba-home');
          const portal = (await page.$('taba-portal'))!;
          await expectDirection(portal, 'taba-portal');
          await picture('taba-portal', 'page');

          // A demo object for each page that shows one, read with the portal's own client.
          const sections = ['proposals', 'threads', 'projects', 'requests', 'acceptances', 'estimates', 'invoices', 'deliveries'] as const;
          const listed = await page.evaluate(async (names: readonly string[]) => {
            const client = (document.querySelector('taba-portal') as unknown as { client: Record<string, { list(): Promise<{ items: Record<string, unknown>[] }> }> }).client;
            const lists = await Promise.all(names.map((name) => client[name]!.list()));
            return lists.map((list) => list.items.map((item) => ({ id: String(item.id), status: String(item.status), amountDue: Number(item.amountDue ?? 0) })));
          }, sections);
          const pick = (section: (typeof sections)[number], prefer: (item: { status: string; amountDue: number }) => boolean = () => true) => {
            const items = listed[sections.indexOf(section)]!;
            const item = items.find(prefer) ?? items[0];
            assert.ok(item, `the demo shows ${section}`);
            return item.id;
          };
          const ids: DemoIds = {
            proposal: pick('proposals', (p) => p.status === 'pending'),
            thread: pick('threads'),
            project: pick('projects'),
            request: pick('requests'),
            acceptance: pick('acceptances', (a) => a.status === 'pending'),
            estimate: pick('estimates', (e) => e.status === 'sent'),
            invoice: pick('invoices', (i) => i.amountDue > 0),
            delivery: pick('deliveries'),
          };

          for (const shot of SHOTS) {
            let handle: ElementHandle<Element>;
            if (shot.standalone) {
              // As a tenant places it on its own page, beside the portal, sharing its session.
              const attributes = shot.standalone(ids);
              await page.evaluate(
                (tag: string, attributes: Record<string, string>) => {
                  document.querySelector('[data-standalone]')?.remove();
                  const holder = document.createElement('div');
                  holder.dataset.standalone = '';
                  holder.style.maxWidth = '40rem';
                  holder.style.padding = '1rem';
                  const widget = document.createElement(tag) as HTMLElement & { client?: unknown };
                  for (const [name, value] of Object.entries(attributes)) widget.setAttribute(name, value);
                  widget.client = (document.querySelector('taba-portal') as unknown as { client: unknown }).client;
                  holder.append(widget);
                  document.body.prepend(holder);
                },
                shot.tag,
                attributes,
              );
              handle = await settled(page, `[data-standalone] > ${shot.tag}`);
            } else {
              await page.evaluate((hash: string) => (location.hash = hash), shot.route!(ids));
              const selector = shot.within ? `taba-portal >>> ${shot.within} >>> ${shot.tag}` : `taba-portal >>> ${shot.tag}`;
              if (shot.within) await settled(page, `taba-portal >>> ${shot.within}`);
              if (shot.press) await page.locator(`taba-portal >>> ${shot.within} >>> ${shot.press}`).click();
              handle = await settled(page, selector);
            }
            await expectDirection(handle, shot.tag);
            if (shot.tag === 'taba-request-detail') {
              // What the team wrote keeps its own direction: an English question on an Arabic page reads left to right, its "?" at its end.
              const prompts = await page.$$eval('taba-portal >>> taba-request-detail >>> [part~="prompt"]', (elements) => elements.map((element) => getComputedStyle(element).direction));
              assert.deepEqual(new Set(prompts), new Set(['ltr']), "the demo's English questions read left to right");
            }
            await picture(shot.tag, handle);
          }
          await page.evaluate(() => document.querySelector('[data-standalone]')?.remove());
          assert.deepEqual(problems, [], 'the page reported no error');
        } finally {
          await close();
        }
      });
    }
  }
});

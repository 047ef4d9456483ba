/**
 * What the end-to-end tests under examples/ share: Debian's Chromium through puppeteer-core, the
 * elements bundle the portal server serves, and a watch on what a user would see go wrong.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type HTTPResponse, type Page } from 'puppeteer-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = path.join(root, 'dist', 'taba-portal.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const TIMEOUT = 15_000;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** The server serves dist/taba-portal.js as it is; build it when it would not match the sources. */
export function ensureBundle(): void {
  const built = fs.existsSync(BUNDLE) ? fs.statSync(BUNDLE).mtimeMs : 0;
  const sources = Math.max(newestSource(path.join(root, 'elements')), newestSource(path.join(root, 'sdk')));
  if (built >= sources) return;
  console.log(`# building ${path.relative(root, BUNDLE)} (${built ? 'older than the element sources' : 'missing'})`);
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'rollup', 'dist', 'bin', 'rollup'), '-c', '--silent'], {
    cwd: root,
    stdio: 'inherit',
    // A loaded CI machine (or several test files building at once) can take minutes.
    timeout: 600_000,
  });
}

export interface Chromium {
  browser: Browser;
  close(): Promise<void>;
}

/** Headless Chromium with a throwaway profile; no test downloads a browser. */
export async function launchChromium(): Promise<Chromium> {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taba-e2e-chromium-'));
  try {
    const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, userDataDir: profileDir, args: CHROMIUM_FLAGS });
    return {
      browser,
      close: async () => {
        try {
          await browser.close();
        } finally {
          fs.rmSync(profileDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    fs.rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The browser asks for /favicon.ico by itself when a page names no icon; that request is not the
 * page's doing, so its 404 is left out.
 */
const isBrowserFavicon = (url: string | undefined) => url !== undefined && new URL(url).pathname === '/favicon.ico';

/** What a user would see go wrong: console errors, uncaught exceptions, failed or refused requests. */
function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    const url = message.location().url;
    if (message.type() === 'error' && !isBrowserFavicon(url)) problems.push(`console error: ${message.text()} (${url ?? ''})`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error instanceof Error ? error.message : String(error)}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response: HTTPResponse) => {
    if (response.status() >= 400 && !isBrowserFavicon(response.url())) {
      problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
    }
  });
  return problems;
}

/** A page in its own browser context (no shared storage), closed after the test. */
export async function openPage(browser: Browser, t: TestContext): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.createBrowserContext();
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  return { page, problems: watchForProblems(page) };
}

/** Runs a test body; when it fails, the error also tells what the page reported until then. */
export async function reportingPageProblems(problems: string[], body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (problems.length && error instanceof Error) error.message += `\nThe page reported:\n  ${problems.join('\n  ')}`;
    throw error;
  }
}

/** Inside <taba-portal>'s shadow DOM (puppeteer's `>>>` pierces shadow roots). */
export const PROPOSAL_LIST = 'taba-portal >>> taba-proposal-list';
/** The portal's Home section: what needs the contact. */
export const HOME = 'taba-portal >>> taba-home';

/**
 * Goes to a section of `<taba-portal>` with its navigation, as a contact would: the nav item whose
 * label is `label` ("Proposals"), opening the Menu first when the navigation is collapsed (a
 * portal narrower than 40em). Returns once that item is the current page.
 */
export async function showSection(page: Page, label: string, portal = 'taba-portal'): Promise<void> {
  const list = await page.waitForSelector(`${portal} >>> [part~="nav-list"]`);
  assert.ok(list, `${portal} shows its navigation`);
  if (await list.evaluate((element) => (element as HTMLElement).hidden)) {
    const menu = await page.waitForSelector(`${portal} >>> [part~="menu-button"]`, { visible: true });
    await menu?.click();
    await page.waitForSelector(`${portal} >>> [part~="nav-list"]:not([hidden])`, { visible: true });
  }
  // A nav item reads its label, and Messages also its unread count: the label alone names the section.
  const labelOf = (element: Element) =>
    (element.textContent ?? '').replace(element.querySelector('[part~="nav-unread"]')?.textContent ?? '', '').replace(/\s+/g, ' ').trim();
  const items = await page.$$(`${portal} >>> [part~="nav-item"]`);
  const labels = await Promise.all(items.map((item) => item.evaluate(labelOf)));
  const item = items[labels.indexOf(label)];
  assert.ok(item, `no nav item "${label}" in ${JSON.stringify(labels)}`);
  await item.click();
  await page.waitForFunction(
    (element) => element.getAttribute('aria-current') === 'page',
    { polling: 50 },
    item,
  );
}

/** What the Home section lists, as shown: each entry's kind ("Invoice"), its reference ("INV-0001", or `null`) and title. */
export async function homeEntries(page: Page): Promise<{ kind: string; reference: string | null; title: string }[]> {
  await page.waitForSelector(`${HOME} >>> [part~="entry"], ${HOME} >>> [part~="empty"]`, { visible: true });
  return page.$$eval(`${HOME} >>> [part~="entry"]`, (entries) =>
    entries.map((entry) => {
      const reference = entry.querySelector('[part~="reference"]')?.textContent?.trim() ?? null;
      const kind = entry.querySelector('[part~="kind"]')?.textContent?.replace(reference ?? '', '').replace(/\s+/g, ' ').trim() ?? '';
      return { kind, reference, title: entry.querySelector('[part~="open"]')?.textContent?.trim() ?? '' };
    }),
  );
}

/** Title and status badge of each row of the proposal list, as shown. */
export function listedProposals(page: Page): Promise<{ title: string; status: string }[]> {
  return page.$$eval(`${PROPOSAL_LIST} >>> [part~="row"]`, (rows) =>
    rows.map((row) => ({
      title: row.querySelector('[part~="title"]')?.textContent?.trim() ?? '',
      status: row.querySelector('[part~="status"]')?.textContent?.trim() ?? '',
    })),
  );
}

/**
 * The elements' part of `npm run bench` (alone: `npm run bench -- render`): how long a 100-row list
 * takes to render the first time in Chromium, and the gzip size of the browser bundles.
 *
 * The render: a page on a loopback server loads the built bundle (dist/taba-portal.js) and the
 * invoices section's chunk, then mounts `<taba-invoice-list>` with a client that answers a page of
 * 100 invoices from memory (no network: the measure is the element's own work). Each mount is a
 * fresh element; the time runs from `document.createElement` until its 100 cards are in its shadow
 * DOM and its `updateComplete` has resolved (the list shows its loading status first and renders
 * the cards once the client's page is in, a second update). After 5 mounts to warm up, 30 are
 * measured; median and p95 go against the budget (< 50 ms). The same again with `locale="ar"`
 * (Arabic, right to left), in a page of its own, once its catalogue chunk is in.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import type { Browser } from 'puppeteer-core';
import { launchChromium } from '../examples/e2e-support.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(root, 'dist');
const ROWS = 100;
const WARMUP_MOUNTS = 5;
const MOUNTS = 30;
const BUDGET_MS = 50;
const BUNDLE_BUDGET = 40 * 1024;
const WIDGET_BUDGET = 15 * 1024;
/** The languages measured; `ar` only when the elements have a `locale` attribute. */
type RenderLocale = 'en' | 'ar';
/** The language catalogues rollup emits as chunks of their own (elements/locales/de.ts → `de-<hash>.js`). */
const CATALOGUES = { de: 'German', ar: 'Arabic' } as const;
type Catalogue = keyof typeof CATALOGUES;
/** Rollup's content hash in a chunk's name (`invoices.elements-ByH_LmK9.js`). */
const HASHED = /-[A-Za-z0-9_-]{8}\.js$/;

/** What one mount answered, from inside the page. */
interface Mount {
  /** ms from `createElement` to the rows in the DOM and `updateComplete` resolved. */
  rendered: number;
  /** ms from `createElement` to style and layout done as well (a forced layout right after). */
  laidOut: number;
  rows: number;
  dir: string | null;
  lang: string | null;
  /** The first card's name as shown ("Invoice INV-1000" in English). */
  firstName: string;
}

export interface RenderTiming {
  locale: RenderLocale;
  /** ms, to the rows in the DOM. */
  median: number;
  p95: number;
  min: number;
  max: number;
  /** ms, to style and layout done as well (for reference). */
  laidOutMedian: number;
  laidOutP95: number;
  /** Every measured mount, ms to the rows in the DOM, in order. */
  samples: number[];
}

export interface RenderBench {
  chromium: string;
  element: string;
  rows: number;
  warmup: number;
  mounts: number;
  timings: RenderTiming[];
  /** Why Arabic was left out, when it was. */
  arabicLeftOut?: string;
}

/**
 * The page the browser opens. Its script builds the 100 invoices and the client, then waits to be
 * asked (`window.tabaRender.run`) so that the load of the bundle is not part of any mount.
 * Plain JavaScript in a string: it runs in the page as written, not through tsx.
 */
const PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>taba-portal render bench</title></head>
  <body>
    <main id="stage"></main>
    <script type="module">
      const ROWS = ${ROWS};
      const STATUSES = ['open', 'partially_paid', 'overdue', 'paid', 'void'];
      const CURRENCIES = ['USD', 'EUR', 'GBP'];
      const pad = (n, width) => String(n).padStart(width, '0');
      // A page of a customer's invoices as the portal lists them: all statuses, three currencies, most for a project.
      const invoices = Array.from({ length: ROWS }, (_, i) => {
        const status = STATUSES[i % STATUSES.length];
        const total = 50000 + ((i * 7919) % 900000);
        const amountPaid = status === 'paid' ? total : status === 'partially_paid' ? Math.round(total / 3) : 0;
        const month = pad(12 - (i % 12), 2);
        return {
          id: 'inv_' + pad(ROWS - i, 6),
          number: 'INV-' + pad(1000 - i, 4),
          status,
          projectId: i % 3 === 0 ? null : 'prj_' + pad(i % 7, 6),
          projectName: i % 3 === 0 ? null : 'Website relaunch, phase ' + ((i % 7) + 1),
          currency: CURRENCIES[i % CURRENCIES.length],
          total,
          amountPaid,
          amountDue: Math.max(0, total - amountPaid),
          issueDate: '2026-' + month + '-' + pad(1 + (i % 28), 2),
          dueDate: (status === 'overdue' ? '2026-' : '2027-') + month + '-' + pad(1 + (i % 28), 2),
        };
      });
      // A further page exists, so the list shows its Load more button as it would.
      const client = { invoices: { list: async ({ limit }) => ({ items: invoices.slice(0, limit), nextCursor: 'page-2' }) } };
      const cards = (list) => list.renderRoot.querySelectorAll("[part~='card']");

      /** Resolves once the list shows ROWS cards (checked after every change to its shadow DOM). */
      function rowsShown(list) {
        return new Promise((resolve, reject) => {
          const observer = new MutationObserver(() => {
            if (cards(list).length < ROWS) return;
            observer.disconnect();
            clearTimeout(timer);
            resolve();
          });
          const timer = setTimeout(() => {
            observer.disconnect();
            reject(new Error(cards(list).length + ' of ' + ROWS + ' cards after 10 s'));
          }, 10000);
          observer.observe(list.renderRoot, { childList: true, subtree: true });
        });
      }

      async function mount(locale) {
        const stage = document.getElementById('stage');
        const start = performance.now();
        const list = document.createElement('taba-invoice-list');
        if (locale) list.setAttribute('locale', locale);
        list.tab = 'all';
        list.pageSize = ROWS;
        list.client = client;
        stage.append(list);
        // The first update is a microtask away: the observer is in place before anything renders.
        await rowsShown(list);
        await list.updateComplete;
        const rendered = performance.now();
        list.getBoundingClientRect();
        const laidOut = performance.now();
        const shown = cards(list);
        const result = {
          rendered: rendered - start,
          laidOut: laidOut - start,
          rows: shown.length,
          dir: list.getAttribute('dir'),
          lang: list.getAttribute('lang'),
          firstName: shown[0]?.querySelector("[part~='name']")?.textContent.trim().replace(/\\s+/g, ' ') ?? '',
        };
        list.remove();
        return result;
      }

      async function prepare() {
        const bundle = await import('/taba-portal.js');
        const section = bundle.PORTAL_SECTIONS.find((candidate) => candidate.id === 'invoices');
        await bundle.loadSection(section);
        const List = customElements.get('taba-invoice-list');
        return { localeAttribute: List.elementProperties.has('locale') };
      }

      window.tabaRender = {
        ready: prepare(),
        async run(locale, warmup, mounts) {
          const results = [];
          for (let i = 0; i < warmup + mounts; i++) {
            const result = await mount(locale);
            if (i >= warmup) results.push(result);
            // The next mount starts in a task of its own, after the browser had its turn.
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          return results;
        },
      };
    </script>
  </body>
</html>
`;

/** Serves the page and dist/'s scripts on 127.0.0.1 (the bundle imports its chunks by URL). */
async function serveDist(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      return;
    }
    // The browser asks for an icon by itself; none, and no error in the console for it.
    if (pathname === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const file = path.join(DIST, path.normalize(decodeURIComponent(pathname)));
    if (!file.startsWith(DIST + path.sep) || !file.endsWith('.js') || !fs.existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(fs.readFileSync(file));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The `p` quantile of sorted values, nearest rank (p95 of 30 mounts is the 29th). */
function quantile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

function median(sorted: number[]): number {
  const middle = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Warm-up and measured mounts of one language, in a page (and browser context) of its own. */
async function measureLocale(browser: Browser, url: string, locale: RenderLocale): Promise<{ timing: RenderTiming; localeAttribute: boolean }> {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`uncaught: ${error instanceof Error ? error.message : String(error)}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    let mounts: Mount[];
    let localeAttribute: boolean;
    try {
      await page.goto(url);
      await page.waitForFunction('window.tabaRender !== undefined');
      ({ localeAttribute } = (await page.evaluate('window.tabaRender.ready')) as { localeAttribute: boolean });
      mounts = (await page.evaluate(`window.tabaRender.run(${JSON.stringify(locale)}, ${WARMUP_MOUNTS}, ${MOUNTS})`)) as Mount[];
    } catch (error) {
      if (problems.length && error instanceof Error) error.message += `\nThe page reported:\n  ${problems.join('\n  ')}`;
      throw error;
    }
    if (problems.length) throw new Error(`the render bench page (${locale}) reported:\n  ${problems.join('\n  ')}`);
    // A figure only counts when the list showed what a contact would see, in the language asked for.
    for (const mount of mounts) {
      const rightLanguage =
        locale === 'ar'
          ? mount.dir === 'rtl' && mount.lang === 'ar' && /[\u0600-\u06ff]/.test(mount.firstName)
          : mount.dir !== 'rtl' && mount.firstName.startsWith('Invoice INV-');
      if (mount.rows !== ROWS || !rightLanguage) {
        throw new Error(`a ${locale} mount showed ${mount.rows} cards, dir=${mount.dir}, lang=${mount.lang}, first "${mount.firstName}"`);
      }
    }
    const sorted = mounts.map((mount) => mount.rendered).sort((a, b) => a - b);
    const laidOut = mounts.map((mount) => mount.laidOut).sort((a, b) => a - b);
    return {
      localeAttribute,
      timing: {
        locale,
        median: median(sorted),
        p95: quantile(sorted, 0.95),
        min: sorted[0]!,
        max: sorted.at(-1)!,
        laidOutMedian: median(laidOut),
        laidOutP95: quantile(laidOut, 0.95),
        samples: mounts.map((mount) => mount.rendered),
      },
    };
  } finally {
    await context.close();
  }
}

/** The first render of a 100-row `<taba-invoice-list>` in Debian's Chromium, in English and (where the elements speak it) Arabic. */
export async function runRenderBench(): Promise<RenderBench> {
  if (!fs.existsSync(path.join(DIST, 'taba-portal.js'))) throw new Error('dist/taba-portal.js is not built (npm run build)');
  const server = await serveDist();
  try {
    const chromium = await launchChromium();
    try {
      const english = await measureLocale(chromium.browser, server.url, 'en');
      const timings = [english.timing];
      if (english.localeAttribute) timings.push((await measureLocale(chromium.browser, server.url, 'ar')).timing);
      return {
        chromium: await chromium.browser.version(),
        element: 'taba-invoice-list',
        rows: ROWS,
        warmup: WARMUP_MOUNTS,
        mounts: MOUNTS,
        timings,
        ...(english.localeAttribute ? {} : { arabicLeftOut: 'the elements have no `locale` attribute (elements/shared/portal-element.ts)' }),
      };
    } finally {
      await chromium.close();
    }
  } finally {
    await server.close();
  }
}

/** One line per language, for the console. */
export function formatRenderBench(render: RenderBench): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const lines = render.timings.map(
    (t) =>
      `  ${t.locale}: median ${ms(t.median)}, p95 ${ms(t.p95)} (min ${ms(t.min)}, max ${ms(t.max)}); ` +
      `with style and layout: median ${ms(t.laidOutMedian)}, p95 ${ms(t.laidOutP95)}`,
  );
  if (render.arabicLeftOut) lines.push(`  ar: left out, ${render.arabicLeftOut}`);
  return [`${render.chromium}, <${render.element}> with ${render.rows} rows, ${render.mounts} mounts after ${render.warmup} to warm up:`, ...lines].join('\n');
}

/** Budget rows (`[what, measured, budget, verdict]`): median and p95 of each language against < 50 ms. */
export function renderBudgetRows(render: RenderBench): string[][] {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const rows = render.timings.flatMap((t) => {
    const name = `first render, ${render.rows}-row <${render.element}>, ${t.locale === 'ar' ? 'ar (RTL)' : t.locale}`;
    return [
      [`${name}, median`, ms(t.median), `< ${BUDGET_MS} ms`, verdict(t.median < BUDGET_MS)],
      [`${name}, p95`, ms(t.p95), `< ${BUDGET_MS} ms`, verdict(t.p95 < BUDGET_MS)],
      [`  (${t.locale}, with style and layout: median / p95, for reference)`, `${t.laidOutMedian.toFixed(1)} / ${ms(t.laidOutP95)}`, '', ''],
    ];
  });
  if (render.arabicLeftOut) rows.push([`first render, ar (RTL): left out, no locale attribute`, '—', `< ${BUDGET_MS} ms`, 'not measured']);
  return rows;
}

export interface BundleSizes {
  /** gzip of dist/taba-portal.js, what a page loads first. */
  entry: number | undefined;
  /** gzip of each chunk in dist/chunks/ but the catalogues, named without its content hash. */
  chunks: Record<string, number | undefined>;
  /** gzip of each language catalogue chunk; `undefined` when rollup did not emit it. */
  catalogues: Record<Catalogue, number | undefined>;
  /** The entry, every chunk and every catalogue: what a visitor who sees everything, in any language, downloads. */
  whole: number | undefined;
  /** gzip of each single-widget build in dist/widgets/. */
  widgets: Record<string, number | undefined>;
}

function gzipSize(file: string): number | undefined {
  try {
    return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
  } catch {
    return undefined;
  }
}

function scripts(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.js')).sort() : [];
}

/** gzip (level 9) of the built browser bundles. */
export function measureBundleSizes(): BundleSizes {
  const entry = gzipSize(path.join(DIST, 'taba-portal.js'));
  const chunkDir = path.join(DIST, 'chunks');
  const chunks: Record<string, number | undefined> = {};
  const catalogues: Record<Catalogue, number | undefined> = { de: undefined, ar: undefined };
  for (const name of scripts(chunkDir)) {
    // Named without the content hash, so that runs compare: `deliveries.elements.js`.
    const plain = name.replace(HASHED, '.js');
    const size = gzipSize(path.join(chunkDir, name));
    const catalogue = Object.keys(CATALOGUES).find((language) => plain === `${language}.js`) as Catalogue | undefined;
    if (catalogue) catalogues[catalogue] = size;
    else chunks[plain] = size;
  }
  const parts = [entry, ...Object.values(chunks), ...Object.values(catalogues)];
  const whole = parts.every((size) => size !== undefined) ? parts.reduce<number>((total, size) => total + size!, 0) : undefined;
  const widgetDir = path.join(DIST, 'widgets');
  const widgets = Object.fromEntries(scripts(widgetDir).map((name) => [name, gzipSize(path.join(widgetDir, name))]));
  return { entry, chunks, catalogues, whole, widgets };
}

/**
 * Budget rows of the sizes: the whole bundle with the catalogues ≤ 40 KB, each section chunk and
 * each single widget ≤ 15 KB; the entry alone and each catalogue for reference.
 */
export function bundleBudgetRows(sizes: BundleSizes): string[][] {
  const missing = (Object.keys(CATALOGUES) as Catalogue[]).filter((language) => sizes.catalogues[language] === undefined);
  const whole =
    sizes.entry === undefined
      ? 'not built'
      : sizes.whole === undefined
        ? `not built: ${missing.map((language) => `${language} catalogue`).join(', ') || 'a chunk'}`
        : verdict(sizes.whole <= BUNDLE_BUDGET);
  return [
    ['dist/taba-portal.js + every chunk, with the de and ar catalogues, gzip', kb(sizes.whole), '≤ 40 KB', whole],
    ['  dist/taba-portal.js gzip (entry: what a page loads first, for reference)', kb(sizes.entry), '', ''],
    ...Object.entries(sizes.chunks).map(([name, size]) => [`  dist/chunks/${name} gzip`, kb(size), '≤ 15 KB', size === undefined ? 'not built' : verdict(size <= WIDGET_BUDGET)]),
    ...(Object.entries(CATALOGUES) as [Catalogue, string][]).map(([language, name]) => [
      `  dist/chunks/${language}.js gzip (${name} catalogue, for reference)`,
      kb(sizes.catalogues[language]),
      '',
      sizes.catalogues[language] === undefined ? 'not built' : '',
    ]),
    ...Object.entries(sizes.widgets).map(([name, size]) => [`dist/widgets/${name} gzip`, kb(size), '≤ 15 KB', size === undefined ? 'not built' : verdict(size <= WIDGET_BUDGET)]),
  ];
}

function verdict(ok: boolean): string {
  return ok ? 'within budget' : 'OVER BUDGET';
}

function kb(bytes: number | undefined): string {
  return bytes === undefined ? '—' : `${(bytes / 1024).toFixed(1)} KB`;
}

/** What the machine was doing, for the standalone run's heading. */
export function machineLine(): string {
  return `${os.cpus().length} CPUs · Node ${process.version} · load average ${os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`;
}

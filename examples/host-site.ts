/**
 * The small website each host example (examples/react-host, vue-host, sdk-host) runs on: it serves
 * the app's page, its bundle (dist/hosts/, from examples/hosts.rollup.config.js) and a stylesheet,
 * all from its own origin under a strict Content-Security-Policy, and mints portal sessions the
 * way examples/tenant-site does: its backend holds the API key and answers the page's
 * `POST /portal-session` with a single-use client secret for one contact.
 *
 *   npx tsx examples/host-site.ts react-host     (or vue-host, sdk-host)
 *
 * Settings come from the environment as for the tenant site (PORTAL_URL, TABA_API_KEY,
 * TABA_CONTACT_ID, PORT, HOST; the demo workspace of `npm start` without the two in the middle).
 * The bundles are built first when missing or older than their sources.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// A tenant would write `import { WorkspaceClient, TabaError } from 'taba-portal/sdk'`.
import { TabaError } from '../sdk/errors.js';
import { WorkspaceClient } from '../sdk/workspace-client.js';
import { tenantSiteOptionsFromEnv } from './tenant-site/server.js';

export const HOST_APPS = ['react-host', 'vue-host', 'sdk-host'] as const;
export type HostApp = (typeof HOST_APPS)[number];

export interface HostSiteOptions {
  app: HostApp;
  /** Where the taba-portal server is reached from the browser and from this backend. */
  portalUrl: string;
  /** The workspace API key (`sk_…`); it never leaves this process. */
  apiKey: string;
  /** The portal contact this site signs in. */
  contactId: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
}

export interface HostSite {
  url: string;
  /** The Content-Security-Policy the page is served with. */
  csp: string;
  close(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const BUNDLES = path.join(root, 'dist', 'hosts');
const CONFIG = path.join(here, 'hosts.rollup.config.js');

/**
 * The page's policy: scripts and styles only from this origin (the bundle, the stylesheet, and the
 * elements' constructed stylesheets, which CSP does not restrict), API calls only to this origin
 * (`/portal-session`) and the portal server. No 'unsafe-inline', no 'unsafe-eval'.
 */
export function hostSitePolicy(portalOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${portalOrigin}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export async function startHostSite(options: HostSiteOptions): Promise<HostSite> {
  const portalUrl = new URL(options.portalUrl);
  const portalBase = portalUrl.origin + portalUrl.pathname.replace(/\/+$/, '');
  const workspace = new WorkspaceClient({ apiBase: portalBase, apiKey: options.apiKey });
  const page = fs.readFileSync(path.join(here, options.app, 'index.html'), 'utf8').replaceAll('%PORTAL_URL%', escapeHtml(portalBase));
  const csp = hostSitePolicy(portalUrl.origin);

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error(`${options.app}: unexpected error`, error);
      if (!response.headersSent) sendJson(response, 500, { detail: 'Internal error' });
      else response.destroy();
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const { pathname } = new URL(request.url ?? '/', 'http://host.invalid');
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('referrer-policy', 'strict-origin-when-cross-origin');

    if (pathname === '/portal-session') {
      if (request.method !== 'POST') return sendJson(response, 405, { detail: 'Use POST' }, { allow: 'POST' });
      // Only this site's own page may ask (served over plain http on a local port here).
      const siteOrigin = `http://${request.headers.host}`;
      if (request.headers.origin !== undefined && request.headers.origin !== siteOrigin) return sendJson(response, 403, { detail: 'Cross-origin request refused' });
      request.resume(); // who signs in is decided here, not by the page
      try {
        const session = await workspace.portalSessions.create({ contactId: options.contactId, origin: siteOrigin });
        return sendJson(response, 200, { clientSecret: session.clientSecret }, { 'cache-control': 'no-store' });
      } catch (error) {
        // The portal server's explanation, passed on for the page to show.
        const problem =
          error instanceof TabaError && error.status >= 400
            ? { status: error.status, code: error.code, detail: error.detail ?? error.message }
            : { status: 502, code: 'portal_unreachable', detail: `Could not reach the portal server at ${portalBase}.` };
        console.error(`${options.app}: could not mint a portal session (${problem.status} ${problem.code}: ${problem.detail})`);
        return sendJson(response, problem.status, { title: 'Could not start a portal session', ...problem }, { 'content-type': 'application/problem+json' });
      }
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') return sendJson(response, 405, { detail: 'Method not allowed' }, { allow: 'GET, HEAD' });
    if (pathname === '/' || pathname === '/index.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp, 'cache-control': 'no-cache' });
      response.end(request.method === 'HEAD' ? undefined : page);
      return;
    }
    const file =
      pathname === '/site.css'
        ? path.join(here, 'host-site.css')
        : pathname === `/${options.app}.js`
          ? path.join(BUNDLES, `${options.app}.js`)
          : /^\/chunks\/[\w-]+(\.[\w-]+)*\.js$/.test(pathname)
            ? path.join(BUNDLES, pathname)
            : undefined;
    const body = file && (await fs.promises.readFile(file).catch(() => undefined));
    if (!file || !body) return sendJson(response, 404, { detail: 'Not found' });
    const type = file.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    csp,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function sendJson(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The newest modification time of the TypeScript sources under `dir` (tests left out). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds dist/hosts/ with examples/hosts.rollup.config.js when a bundle is missing or older than its sources. */
export function ensureHostBundles(): void {
  const built = Math.min(...HOST_APPS.map((app) => fs.statSync(path.join(BUNDLES, `${app}.js`), { throwIfNoEntry: false })?.mtimeMs ?? 0));
  const sources = Math.max(
    fs.statSync(CONFIG).mtimeMs,
    ...['elements', 'sdk'].map((dir) => newestSource(path.join(root, dir))),
    ...HOST_APPS.map((app) => newestSource(path.join(here, app))),
  );
  if (built >= sources) return;
  console.log(`# building dist/hosts/ (${built ? 'older than its sources' : 'missing'})`);
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'rollup', 'dist', 'bin', 'rollup'), '-c', path.relative(root, CONFIG), '--silent'], {
    cwd: root,
    stdio: 'inherit',
    timeout: 300_000,
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const app = process.argv[2] as HostApp;
  if (!HOST_APPS.includes(app)) {
    console.error(`Usage: npx tsx examples/host-site.ts <${HOST_APPS.join('|')}>`);
    process.exit(2);
  }
  try {
    ensureHostBundles();
    const options = { ...(await tenantSiteOptionsFromEnv()), app };
    const site = await startHostSite(options);
    console.log(`Northwind Studio (${app}) at ${site.url}\nPortal server: ${options.portalUrl}`);
    const stop = () => {
      site.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    console.error(`${app}: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

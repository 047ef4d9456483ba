/**
 * A tenant's own website, on its own origin, embedding the customer portal.
 *
 * Its backend holds the workspace API key and mints a single-use portal session for the signed-in
 * customer; the page only ever sees that short-lived client secret. A real site would take the
 * contact id from its own login; this example serves one fixed contact.
 *
 *   npx tsx examples/tenant-site/server.ts
 *
 * Environment: PORTAL_URL (default http://127.0.0.1:8080), TABA_API_KEY, TABA_CONTACT_ID,
 * PORT (default 3000), HOST (default 127.0.0.1). Without TABA_API_KEY / TABA_CONTACT_ID the demo
 * workspace that `npm start` seeded is used, read from the database the portal server uses
 * (DATABASE_URL, or TABA_DATA_DIR, default ./data).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// A tenant would write `import { WorkspaceClient } from 'taba-portal/sdk'`.
import { WorkspaceClient } from '../../sdk/workspace-client.js';
import { TabaError } from '../../sdk/errors.js';
import { loadDemoState } from '../../server/demo/state.js';

export interface TenantSiteOptions {
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

export interface TenantSite {
  url: string;
  close(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** The page's own files; nothing else on disk is reachable. */
const STATIC_FILES: Record<string, { file: string; type: string }> = {
  '/page.js': { file: 'page.js', type: 'text/javascript; charset=utf-8' },
  '/site.css': { file: 'site.css', type: 'text/css; charset=utf-8' },
  '/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
};

export async function startTenantSite(options: TenantSiteOptions): Promise<TenantSite> {
  const portalUrl = new URL(options.portalUrl);
  const portalBase = portalUrl.origin + portalUrl.pathname.replace(/\/+$/, '');
  const workspace = new WorkspaceClient({ apiBase: portalBase, apiKey: options.apiKey });
  const template = fs.readFileSync(path.join(here, 'index.html'), 'utf8');
  const page = template.replaceAll('%PORTAL_URL%', escapeHtml(portalBase));
  // The bundle comes from the portal server and the portal API lives there too; nothing inline.
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${portalUrl.origin}`,
    `connect-src 'self' ${portalUrl.origin}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('tenant-site: unexpected error', error);
      if (!response.headersSent) sendJson(response, 500, { error: 'Internal error' });
      else response.destroy();
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const { pathname } = new URL(request.url ?? '/', 'http://tenant.invalid');
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('referrer-policy', 'strict-origin-when-cross-origin');

    if (pathname === '/portal-session') {
      if (request.method !== 'POST') return sendJson(response, 405, { error: 'Use POST' }, { allow: 'POST' });
      // This site's own page is the only caller: refuse posts from other origins. (Served over plain
      // http on a local port; behind TLS or a proxy, configure the public origin instead.)
      const siteOrigin = `http://${request.headers.host}`;
      if (request.headers.origin !== undefined && request.headers.origin !== siteOrigin) {
        return sendJson(response, 403, { error: 'Cross-origin request refused' });
      }
      request.resume(); // the body is not needed: who signs in is decided here, not by the page
      try {
        // The secret is bound to this page's origin, which must be in the workspace's allowed origins.
        const session = await workspace.portalSessions.create({ contactId: options.contactId, origin: siteOrigin });
        return sendJson(response, 200, { clientSecret: session.clientSecret }, { 'cache-control': 'no-store' });
      } catch (error) {
        const problem = portalProblem(error, portalBase);
        console.error(`tenant-site: could not mint a portal session (${problem.status} ${problem.code}: ${problem.detail})`);
        // The page shows the portal server's own explanation, so whoever runs the site sees what to fix.
        return sendJson(response, problem.status, problem, { 'content-type': 'application/problem+json' });
      }
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendJson(response, 405, { error: 'Method not allowed' }, { allow: 'GET, HEAD' });
    }
    if (pathname === '/' || pathname === '/index.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp, 'cache-control': 'no-cache' });
      response.end(request.method === 'HEAD' ? undefined : page);
      return;
    }
    const asset = STATIC_FILES[pathname];
    if (asset) {
      const body = await fs.promises.readFile(path.join(here, asset.file));
      response.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-cache' });
      response.end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    sendJson(response, 404, { error: 'Not found' });
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

interface RelayedProblem {
  title: string;
  status: number;
  code: string;
  detail: string;
}

/** The portal server's problem as this site relays it to its page; 502 when there was no answer. */
function portalProblem(error: unknown, portalBase: string): RelayedProblem {
  const title = 'Could not start a portal session';
  if (error instanceof TabaError && error.status >= 400) return { title, status: error.status, code: error.code, detail: error.detail ?? error.message };
  if (error instanceof TabaError) {
    return { title, status: 502, code: 'portal_unreachable', detail: `Could not reach the portal server at ${portalBase}; check that it is running and that PORTAL_URL points to it.` };
  }
  return { title, status: 502, code: 'tenant_site_error', detail: 'The site could not start a portal session; its log says why.' };
}

function sendJson(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Settings from the environment, falling back to the demo workspace that `npm start` seeds. */
export async function tenantSiteOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<TenantSiteOptions> {
  let apiKey = env.TABA_API_KEY?.trim();
  let contactId = env.TABA_CONTACT_ID?.trim();
  if (!apiKey || !contactId) {
    // The demo state lives in the portal server's database; only these two variables choose it.
    const demo = await loadDemoState({ DATABASE_URL: env.DATABASE_URL, TABA_DATA_DIR: env.TABA_DATA_DIR });
    if (!demo) {
      throw new Error(
        'TABA_API_KEY and TABA_CONTACT_ID are not set and the portal server\'s database has no demo workspace.\n' +
          'Start the portal server with `npm start` first (see examples/tenant-site/README.md), or set both variables.',
      );
    }
    apiKey ||= demo.apiKey;
    contactId ||= demo.contactId;
  }
  const port = Number(env.PORT?.trim() || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT=${env.PORT} is not a port number`);
  return {
    portalUrl: env.PORTAL_URL?.trim() || 'http://127.0.0.1:8080',
    apiKey,
    contactId,
    port,
    host: env.HOST?.trim() || '127.0.0.1',
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const options = await tenantSiteOptionsFromEnv();
    const site = await startTenantSite(options);
    console.log(`Northwind Studio (tenant site) at ${site.url}\nPortal server: ${options.portalUrl}`);
    const stop = () => {
      site.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    console.error(`tenant-site: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

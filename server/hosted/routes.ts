import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { findPortalWorkspace } from '../features/portal-access/repository.js';
import { findWorkspaceBrand } from '../features/profile/repository.js';
import { packageRoot } from '../lib/package-root.js';
import { Problem } from '../lib/problem.js';
import { hostedPageHtml, hostedPageScript, portalUnavailableHtml } from './page.js';

const BUNDLE_FILE = path.join(packageRoot, 'dist', 'taba-portal.js');
/** The bundle's chunks: each section's elements, which the bundle imports when the section is first shown. */
const CHUNK_DIR = path.join(packageRoot, 'dist', 'chunks');
/** A chunk's file name as rollup writes it (`deliveries.elements-D1x_9a.js`): no path, no `..`. */
const CHUNK_FILE = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.js$/;

const WORKSPACE_ID = /^ws_[a-z0-9]+$/;
/** Stored origins are already canonical; this only keeps anything else out of the header. */
const CSP_SOURCE = /^https?:\/\/[a-z0-9.:[\]-]+$/;

/** The origin of a logo URL settings accepted (https, or http on localhost), for `img-src`; nothing else. */
function logoOrigin(logoUrl: string | null | undefined): string | undefined {
  if (!logoUrl) return undefined;
  try {
    const origin = new URL(logoUrl).origin;
    return CSP_SOURCE.test(origin) ? origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * No inline script anywhere, so the policy can forbid it; only who may frame the page varies, and
 * where the workspace's logo comes from (its brand's https origin, the one image from elsewhere).
 */
function contentSecurityPolicy(frameAncestors: readonly string[], logoOrigin?: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    `img-src 'self' data:${logoOrigin ? ` ${logoOrigin}` : ''}`,
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors.length ? ["'self'", ...frameAncestors].join(' ') : "'none'"}`,
  ].join('; ');
}

/**
 * The hosted portal: a static shell, the elements bundle and a tiny boot script. With
 * `?workspace=ws_…` the page may be framed by that workspace's allowed origins, and its portal
 * element offers sign-in by email; without it, it expects a `#secret=` from a tenant backend.
 */
export const hostedPortalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', contentSecurityPolicy([]));
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  app.get(
    '/portal',
    { schema: { hide: true, querystring: Type.Object({ workspace: Type.Optional(Type.String()) }) } },
    async (request, reply) => {
      reply.type('text/html; charset=utf-8');
      const workspaceId = request.query.workspace;
      if (workspaceId === undefined) return reply.send(hostedPageHtml());
      // Who may frame the page is the CSP's job (frame-ancestors), so no origin is checked here.
      const workspace = WORKSPACE_ID.test(workspaceId) ? await findPortalWorkspace(app.db, workspaceId, undefined) : undefined;
      if (!workspace) {
        return reply.code(404).send(portalUnavailableHtml('Portal not found', 'There is no customer portal at this address. Check the link you were sent.'));
      }
      const origins = await app.db.selectFrom('workspace_origins').select('origin').where('workspace_id', '=', workspace.id).orderBy('origin').execute();
      const frameAncestors = origins.map((row) => row.origin).filter((origin) => CSP_SOURCE.test(origin));
      reply.header('content-security-policy', contentSecurityPolicy(frameAncestors));
      if (!workspace.portalEnabled) {
        return reply
          .code(403)
          .send(portalUnavailableHtml('Customer portal disabled', `${workspace.name} has not enabled its customer portal. Please contact them directly.`));
      }
      // The page's title names the business as its brand does (the brand name, else the workspace's).
      const brand = await findWorkspaceBrand(app.db, workspace.id);
      reply.header('content-security-policy', contentSecurityPolicy(frameAncestors, logoOrigin(brand?.logoUrl)));
      return reply.send(hostedPageHtml({ id: workspace.id, name: brand?.name ?? workspace.name }));
    },
  );

  app.get('/portal/assets/hosted.js', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(hostedPageScript),
  );

  app.get('/portal/assets/taba-portal.js', { schema: { hide: true } }, async (_request, reply) => {
    let bundle: Buffer;
    try {
      bundle = await fs.readFile(BUNDLE_FILE);
    } catch {
      throw new Problem(503, 'bundle_not_built', 'Portal bundle not built', 'Run `npm run build` to create dist/taba-portal.js.');
    }
    // Tenant pages load the bundle as a module script, which browsers always fetch with CORS.
    // It is public, credential-free code, so any origin may load it.
    reply.header('access-control-allow-origin', '*');
    reply.header('cross-origin-resource-policy', 'cross-origin');
    return reply.type('text/javascript; charset=utf-8').send(bundle);
  });

  // Imported by the bundle (relative to its own URL, so also from tenant pages): same headers, and
  // cached for good, since a chunk's name carries a hash of its content and a new build renames it.
  app.get(
    '/portal/assets/chunks/:file',
    { schema: { hide: true, params: Type.Object({ file: Type.String({ maxLength: 200 }) }) } },
    async (request, reply) => {
      const { file } = request.params;
      let chunk: Buffer | undefined;
      if (CHUNK_FILE.test(file)) chunk = await fs.readFile(path.join(CHUNK_DIR, file)).catch(() => undefined);
      if (!chunk) throw new Problem(404, 'not_found', 'Not found', 'There is no such file of the portal bundle; reload the page for the current one.');
      reply.header('access-control-allow-origin', '*');
      reply.header('cross-origin-resource-policy', 'cross-origin');
      reply.header('cache-control', 'public, max-age=31536000, immutable');
      return reply.type('text/javascript; charset=utf-8').send(chunk);
    },
  );
};

import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { findPortalWorkspace } from '../features/portal-access/repository.js';
import { packageRoot } from '../lib/package-root.js';
import { Problem } from '../lib/problem.js';
import { hostedPageHtml, hostedPageScript, portalUnavailableHtml } from './page.js';

const BUNDLE_FILE = path.join(packageRoot, 'dist', 'taba-portal.js');

const WORKSPACE_ID = /^ws_[a-z0-9]+$/;
/** Stored origins are already canonical; this only keeps anything else out of the header. */
const CSP_SOURCE = /^https?:\/\/[a-z0-9.:[\]-]+$/;

/** No inline script anywhere, so the policy can forbid it; only who may frame the page varies. */
function contentSecurityPolicy(frameAncestors: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
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
    reply.header('cache-control', 'no-store');
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
      reply.header('content-security-policy', contentSecurityPolicy(origins.map((row) => row.origin).filter((origin) => CSP_SOURCE.test(origin))));
      if (!workspace.portalEnabled) {
        return reply
          .code(403)
          .send(portalUnavailableHtml('Customer portal disabled', `${workspace.name} has not enabled its customer portal. Please contact them directly.`));
      }
      return reply.send(hostedPageHtml({ id: workspace.id, name: workspace.name }));
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
};

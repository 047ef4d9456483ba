import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { packageRoot } from '../lib/package-root.js';
import { Problem } from '../lib/problem.js';
import { hostedPageHtml, hostedPageScript } from './page.js';

const BUNDLE_FILE = path.join(packageRoot, 'dist', 'taba-portal.js');

/**
 * The hosted portal: a static shell, the elements bundle and a tiny boot script. No inline
 * script anywhere, so the Content-Security-Policy can forbid it.
 */
export const hostedPortalRoutes: FastifyPluginAsync = async (app) => {
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', csp);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cache-control', 'no-store');
  });

  app.get('/portal', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(hostedPageHtml));

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
    return reply.type('text/javascript; charset=utf-8').send(bundle);
  });
};

import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { isOriginKnown } from '../features/settings/repository.js';

/** Response headers a cross-origin page may read: the SDK waits for `retry-after` on a 429. */
const exposedHeaders = ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-request-id'].join(', ');
const allowedMethods = ['GET', 'POST'].join(', ');
// idempotency-key: the portal's posts (messages) send it so that a retried send never doubles.
const allowedHeaders = ['authorization', 'content-type', 'idempotency-key'].join(', ');
/** Seconds a browser may keep a preflight's answer. */
const PREFLIGHT_MAX_AGE = '600';

/**
 * CORS for the portal API. Browsers may call from an origin some workspace allows (same-origin
 * calls from the hosted page need no CORS headers); signed-in routes then hold the caller to its
 * own workspace's list. A preflight from any other origin answers 204 without
 * `Access-Control-Allow-Origin`: the browser still blocks the call, and the page can then ask
 * `GET /v1/portal/origin-check` why, instead of seeing a 404 it cannot read either.
 *
 * One callback hook, as @fastify/cors answered with these options (it ran two hooks and copied its
 * options on every request; this is the hot path of every portal call): every answer varies by
 * Origin; an allowed origin is reflected with the exposed headers; a preflight (OPTIONS) from an
 * allowed origin also gets the methods, headers and max age, and 400 when it lacks
 * Access-Control-Request-Method; every other OPTIONS answers an empty 204.
 */
export const portalCors: FastifyPluginAsync = fp(
  async (portal) => {
    portal.addHook('onRequest', (request, reply, done) => {
      varyByOrigin(reply);
      const origin = request.headers.origin;
      if (!origin) {
        if (request.method === 'OPTIONS') emptyPreflight(reply);
        else done();
        return;
      }
      isOriginKnown(portal.db, origin).then(
        (known) => {
          if (known) {
            reply.header('access-control-allow-origin', origin);
            reply.header('access-control-expose-headers', exposedHeaders);
          }
          if (request.method !== 'OPTIONS') return done();
          if (!known) return emptyPreflight(reply);
          if (!request.headers['access-control-request-method']) {
            void reply.code(400).type('text/plain').send('Invalid Preflight Request');
            return;
          }
          reply.header('access-control-allow-methods', allowedMethods);
          reply.header('access-control-allow-headers', allowedHeaders);
          reply.header('access-control-max-age', PREFLIGHT_MAX_AGE);
          emptyPreflight(reply);
        },
        (error: Error) => done(error),
      );
    });
    // So that a preflight to any portal path reaches the hook above instead of the 404 handler.
    portal.options('*', { schema: { hide: true } }, (_request, reply) => emptyPreflight(reply));
  },
  { name: 'portal-cors', dependencies: ['database'] },
);

/** Safari waits for a body on a 204 without a content-length. */
function emptyPreflight(reply: FastifyReply): void {
  void reply.code(204).header('content-length', '0').send();
}

/** Adds Origin to the Vary header (nothing before this hook sets one, but keep what is there). */
function varyByOrigin(reply: FastifyReply): void {
  const vary = reply.getHeader('vary');
  if (vary === undefined) {
    reply.header('vary', 'Origin');
    return;
  }
  const fields = String(vary).split(',').map((field) => field.trim().toLowerCase());
  if (!fields.includes('*') && !fields.includes('origin')) reply.header('vary', `${String(vary)}, Origin`);
}

import cors from '@fastify/cors';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { isOriginKnown } from '../features/settings/repository.js';

/** Response headers a cross-origin page may read: the SDK waits for `retry-after` on a 429. */
const exposedHeaders = ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-request-id'];

/**
 * CORS for the portal API. Browsers may call from an origin some workspace allows (same-origin
 * calls from the hosted page need no CORS headers); signed-in routes then hold the caller to its
 * own workspace's list. A preflight from any other origin answers 204 without
 * `Access-Control-Allow-Origin`: the browser still blocks the call, and the page can then ask
 * `GET /v1/portal/origin-check` why, instead of seeing a 404 it cannot read either.
 */
export const portalCors: FastifyPluginAsync = fp(
  async (portal) => {
    await portal.register(cors, {
      origin: (origin: string | undefined, callback: (error: Error | null, allow: boolean) => void) => {
        if (!origin) return callback(null, false);
        isOriginKnown(portal.db, origin).then((known) => callback(null, known), (error: Error) => callback(error, false));
      },
      methods: ['GET', 'POST'],
      // idempotency-key: the portal's posts (messages) send it so that a retried send never doubles.
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key'],
      exposedHeaders,
      maxAge: 600,
    });
    // Runs after the CORS hook, which has already answered every preflight from an allowed origin.
    portal.addHook('onRequest', async (request, reply) => {
      // @fastify/cors marks the preflights it answered; its types do not declare the flag.
      if (request.method === 'OPTIONS' && !(request as { corsPreflightEnabled?: boolean }).corsPreflightEnabled) {
        return reply.code(204).header('content-length', '0').send();
      }
    });
  },
  { name: 'portal-cors', dependencies: ['database'] },
);

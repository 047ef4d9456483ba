import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { Problem } from '../../lib/problem.js';
import { DatabaseCounter } from '../../plugins/rate-limit.js';

/** How many files one contact may send in a window (the answer to 429 says when the window ends). */
export const UPLOADS_PER_WINDOW = 20;
export const UPLOAD_WINDOW_MS = 10 * 60_000;

/**
 * A per-contact limit on uploads, counted in the database so every node shares it, and checked
 * before a byte of the body is read. Every attempt counts, refused ones too: a contact probing
 * with files that are refused is exactly what the limit is for. The window is fixed (aligned to the
 * epoch, as every rate limit here), so a burst across its edge can reach twice the limit.
 */
export function uploadRateLimit(app: FastifyInstance): onRequestHookHandler {
  const counter = new DatabaseCounter(app.db);
  return async function contactUploadLimit(request, reply) {
    const hit = await counter.hit(`intake-upload:contact:${request.portal.contactId}`, UPLOAD_WINDOW_MS);
    if (hit.count <= UPLOADS_PER_WINDOW) return;
    const retryAfter = Math.ceil(Math.max(1, hit.resetAt - Date.now()) / 1000);
    reply.header('retry-after', retryAfter);
    throw new Problem(429, 'rate_limited', 'Too many uploads', `At most ${UPLOADS_PER_WINDOW} files in ${UPLOAD_WINDOW_MS / 60_000} minutes; try again in ${Math.ceil(retryAfter / 60)} minutes.`);
  };
}

import type { FastifyPluginAsync } from 'fastify';
import { originCheckEndpoints } from '../../../sdk/contract/origin-check.js';
import { route } from '../../lib/route.js';
import { isSameOrigin } from '../portal-access/access.js';
import { isOriginAllowed, isOriginKnown } from '../settings/repository.js';

/**
 * Public and readable by any page (`Access-Control-Allow-Origin: *`, no credentials): when the
 * browser blocks a portal call, the SDK asks here whether the page's origin is the reason. It
 * tells nothing secret, since allowed origins are already public in the hosted page's frame-ancestors.
 */
export const originCheckRoutes: FastifyPluginAsync = async (app) => {
  route(
    app,
    originCheckEndpoints.check,
    async (request) => {
      const origin = request.headers.origin ?? null;
      if (origin === null) return { origin, allowed: false };
      if (isSameOrigin(request, origin)) return { origin, allowed: true };
      const workspaceId = request.query.workspace;
      const allowed = workspaceId ? await isOriginAllowed(app.db, workspaceId, origin) : await isOriginKnown(app.db, origin);
      return { origin, allowed };
    },
    {
      // Before the rate limiter and validation, so that a 429 or a 400 is readable by the page too.
      onRequest: async (_request, reply) => {
        reply.header('access-control-allow-origin', '*');
      },
    },
  );
};

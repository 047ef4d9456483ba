import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ProblemResponses } from '../../../sdk/contract/common.js';
import { appendAuditEvent } from '../audit/repository.js';
import { revokePortalSession } from '../portal-sessions/repository.js';

/** Signed in: ends the caller's own session. */
export const signOutPortalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/sign-out',
    {
      schema: {
        tags: ['portal'],
        summary: 'Sign out: end this session',
        description: 'The access token is refused from now on and the refresh token stops working. The body, if any, is ignored.',
        response: { 204: Type.Null(), ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const { workspaceId, customerId, contactId, sessionId } = request.portal;
      await app.db.transaction().execute(async (trx) => {
        await revokePortalSession(trx, sessionId);
        await appendAuditEvent(trx, app.dialect, {
          workspaceId,
          actorType: 'contact',
          actorId: contactId,
          action: 'portal.signed_out',
          subjectType: 'portal_session',
          subjectId: sessionId,
          customerId,
        });
      });
      return reply.code(204).send(null);
    },
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ProblemResponses } from '../../../sdk/contract/common.js';
import { assertPortalOpen } from '../../plugins/auth.js';
import { appendAuditEvent } from '../audit/repository.js';
import { revokePortalSession } from '../portal-sessions/repository.js';

/**
 * Ends the caller's own session. The token is verified here rather than by the signed-in hook, so
 * a session that has already ended signs out again with 204 (as a member's does); a forged or
 * expired token still answers 401, and a disabled module or a foreign origin 403 as elsewhere.
 */
export const signOutPortalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/sign-out',
    {
      schema: {
        tags: ['portal'],
        summary: 'Sign out: end this session',
        description:
          'The access token is refused from now on and the refresh token stops working. Signing out a session that has already ended changes nothing and also answers 204. The body, if any, is ignored.',
        response: { 204: Type.Null(), ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const claims = app.verifyPortalAccessToken(/^Bearer ([^\s]+)$/i.exec(request.headers.authorization ?? '')?.[1]);
      await assertPortalOpen(app.db, request, claims.ws);
      await app.db.transaction().execute(async (trx) => {
        const ended = await revokePortalSession(trx, claims.sid, claims.sub);
        // Only the call that ended the session records it.
        if (!ended) return;
        await appendAuditEvent(trx, app.dialect, { workspaceId: ended.workspace_id, contactId: ended.contact_id }, {
          action: 'portal.signed_out',
          subjectType: 'portal_session',
          subjectId: ended.id,
          customerId: ended.customer_id,
        });
      });
      return reply.code(204).send(null);
    },
  );
};

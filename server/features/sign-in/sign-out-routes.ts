import type { FastifyPluginAsync } from 'fastify';
import { portalSignInEndpoints } from '../../../sdk/contract/sign-in.js';
import { route } from '../../lib/route.js';
import { appendAuditEvent } from '../audit/repository.js';
import { assertPortalOpen } from '../portal-access/access.js';
import { revokePortalSession } from '../portal-sessions/repository.js';

/**
 * Ends the caller's own session. The token is verified here rather than by the signed-in hook, so
 * a session that has already ended signs out again with 204 (as a member's does); a forged or
 * expired token still answers 401, and a disabled module or a foreign origin 403 as elsewhere.
 */
export const signOutPortalRoutes: FastifyPluginAsync = async (app) => {
  route(app, portalSignInEndpoints.signOut, async (request) => {
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
    return null;
  });
};

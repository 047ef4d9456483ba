import type { FastifyInstance } from 'fastify';
import type { PortalTokens } from '../../../sdk/contract/sessions.js';
import { issuePortalAccessToken } from '../portal-access/access.js';

/** The token pair a page receives, however the session began (client secret, refresh or email sign-in). */
export function portalTokens(
  app: FastifyInstance,
  session: { id: string; workspace_id: string; customer_id: string; contact_id: string },
  refreshToken: string,
  refreshTokenExpiresAt: string,
): PortalTokens {
  return { tokenType: 'Bearer', ...issuePortalAccessToken(app, session), refreshToken, refreshTokenExpiresAt };
}

import type { FastifyInstance } from 'fastify';
import type { PortalTokens } from '../../../sdk/contract/sessions.js';
import { ACCESS_TOKEN_TTL_SECONDS } from '../../plugins/auth.js';

/** The token pair a page receives, however the session began (client secret, refresh or email sign-in). */
export function portalTokens(
  app: FastifyInstance,
  session: { id: string; workspace_id: string; customer_id: string; contact_id: string },
  refreshToken: string,
  refreshTokenExpiresAt: string,
): PortalTokens {
  const accessToken = app.signPortalAccessToken({ sub: session.contact_id, ws: session.workspace_id, cus: session.customer_id, sid: session.id });
  return {
    tokenType: 'Bearer',
    accessToken,
    accessTokenExpiresAt: new Date(Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000).toISOString(),
    refreshToken,
    refreshTokenExpiresAt,
  };
}

import type { FastifyPluginAsync } from 'fastify';
import { portalSessionEndpoints } from '../../../sdk/contract/sessions.js';
import { Problem } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { assertPortalGate, isSameOrigin, portalDisabled } from '../portal-access/access.js';
import { openPortalSession, rotatePortalRefreshToken, spendClientSecret } from './repository.js';
import { portalTokens } from './tokens.js';

/** Unauthenticated: these routes are how a page obtains its tokens. */
export const portalSessionRoutes: FastifyPluginAsync = async (app) => {
  route(app, portalSessionEndpoints.exchange, async (request) => {
    const result = await app.db.transaction().execute(async (trx) => {
      const contact = await spendClientSecret(trx, request.body.clientSecret);
      if (!contact) {
        throw new Problem(401, 'invalid_client_secret', 'Invalid client secret', 'The client secret is unknown, expired or already used.');
      }
      // A secret minted for an embedding origin is exchanged from that page; one minted without
      // an origin only from the hosted page or a server (no Origin header).
      const origin = request.headers.origin;
      const originAllowed = origin === undefined || origin === contact.origin || (contact.origin === null && isSameOrigin(request, origin));
      assertPortalGate({ portalEnabled: Boolean(contact.portal_enabled), originAllowed }, contact.workspace_id, origin);
      return openPortalSession(trx, contact);
    });
    return portalTokens(app, result.session, result.refreshToken, result.refreshTokenExpiresAt);
  });

  route(app, portalSessionEndpoints.refresh, async (request) => {
    const result = await rotatePortalRefreshToken(app.db, request.body.refreshToken);
    if (result.outcome === 'portal_disabled') throw portalDisabled();
    if (result.outcome !== 'rotated') {
      throw new Problem(401, 'invalid_refresh_token', 'Invalid refresh token', 'The refresh token is unknown, expired, revoked or already used.');
    }
    return portalTokens(app, result.session, result.refreshToken, result.refreshTokenExpiresAt);
  });
};

import fastifyJwt from '@fastify/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hashSecret } from '../lib/ids.js';
import { unauthorized } from '../lib/problem.js';
import { isoNow } from '../lib/time.js';

/** The signed-in portal contact; the customer always comes from here, never from the request. */
export interface PortalPrincipal {
  workspaceId: string;
  customerId: string;
  contactId: string;
  sessionId: string;
}

/** Who acts on the workspace API. */
export interface WorkspacePrincipal {
  workspaceId: string;
  actorType: 'api_key';
  actorId: string;
}

export interface PortalAccessClaims {
  sub: string;
  ws: string;
  cus: string;
  sid: string;
  typ: typeof PORTAL_ACCESS_TYPE;
}

declare module 'fastify' {
  interface FastifyInstance {
    signPortalAccessToken(claims: Omit<PortalAccessClaims, 'typ'>): string;
    authenticatePortal(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    authenticateWorkspace(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
  interface FastifyRequest {
    portal: PortalPrincipal;
    workspace: WorkspacePrincipal;
  }
}

export const TOKEN_ISSUER = 'taba-portal';
export const PORTAL_AUDIENCE = 'taba-portal/portal';
export const PORTAL_ACCESS_TYPE = 'portal_access';
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** An API key's last-used time is written at most this often, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Bearer authentication for both API surfaces: portal JWTs and workspace API keys. */
export const authPlugin = fp<{ jwtSecret: string }>(
  async (app, { jwtSecret }) => {
    await app.register(fastifyJwt, {
      secret: jwtSecret,
      sign: { algorithm: 'HS256', iss: TOKEN_ISSUER, aud: PORTAL_AUDIENCE, expiresIn: ACCESS_TOKEN_TTL_SECONDS },
      verify: {
        algorithms: ['HS256'],
        allowedIss: TOKEN_ISSUER,
        allowedAud: PORTAL_AUDIENCE,
        requiredClaims: ['sub', 'ws', 'cus', 'sid', 'typ', 'exp', 'iat'],
        maxAge: ACCESS_TOKEN_TTL_SECONDS * 1000,
        cache: 10_000,
      },
    });

    app.decorateRequest('portal', null as unknown as PortalPrincipal);
    app.decorateRequest('workspace', null as unknown as WorkspacePrincipal);

    app.decorate('signPortalAccessToken', (claims: Omit<PortalAccessClaims, 'typ'>) =>
      app.jwt.sign({ ...claims, typ: PORTAL_ACCESS_TYPE }),
    );

    app.decorate('authenticatePortal', async (request: FastifyRequest) => {
      const token = bearer(request);
      if (!token || token.startsWith('sk_')) throw unauthorized();
      let claims: PortalAccessClaims;
      try {
        claims = app.jwt.verify<PortalAccessClaims>(token);
      } catch {
        throw unauthorized('The access token is invalid or expired.');
      }
      if (claims.typ !== PORTAL_ACCESS_TYPE) throw unauthorized('The token is not a portal access token.');
      request.portal = { workspaceId: claims.ws, customerId: claims.cus, contactId: claims.sub, sessionId: claims.sid };
    });

    app.decorate('authenticateWorkspace', async (request: FastifyRequest) => {
      const token = bearer(request);
      if (!token?.startsWith('sk_')) throw unauthorized('A workspace API key (sk_…) is required.');
      const key = await app.db
        .selectFrom('api_keys')
        .select(['id', 'workspace_id', 'last_used_at'])
        .where('token_hash', '=', hashSecret(token))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!key) throw unauthorized('The API key is invalid or revoked.');
      request.workspace = { workspaceId: key.workspace_id, actorType: 'api_key', actorId: key.id };
      if (!key.last_used_at || Date.now() - Date.parse(key.last_used_at) > LAST_USED_RESOLUTION_MS) {
        await app.db.updateTable('api_keys').set({ last_used_at: isoNow() }).where('id', '=', key.id).execute();
      }
    });
  },
  { name: 'auth', dependencies: ['database'] },
);

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer ([^\s]+)$/i.exec(header);
  return match?.[1];
}

import { createSigner, createVerifier } from 'fast-jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiKeyScope, WorkspaceRole } from '../db/schema.js';
import { verifyPortalAccess } from '../features/portal-access/access.js';
import { hashSecret } from '../lib/ids.js';
import { apiKeyPermissions, rolePermissions, type WorkspaceAction } from '../lib/permissions.js';
import { Problem, unauthorized } from '../lib/problem.js';
import { isoNow } from '../lib/time.js';

/** The signed-in portal contact; the customer always comes from here, never from the request. */
export interface PortalPrincipal {
  workspaceId: string;
  customerId: string;
  contactId: string;
  sessionId: string;
}

/** Who acts on the workspace API: a backend's API key or a signed-in member. */
export type WorkspacePrincipal =
  | { workspaceId: string; actorType: 'api_key'; actorId: string; scope: ApiKeyScope }
  | { workspaceId: string; actorType: 'member'; actorId: string; role: WorkspaceRole; sessionId: string };

export interface PortalAccessClaims {
  sub: string;
  ws: string;
  cus: string;
  sid: string;
  typ: typeof PORTAL_ACCESS_TYPE;
}

export interface MemberAccessClaims {
  sub: string;
  ws: string;
  sid: string;
  typ: typeof MEMBER_ACCESS_TYPE;
}

declare module 'fastify' {
  interface FastifyInstance {
    signPortalAccessToken(claims: Omit<PortalAccessClaims, 'typ'>): string;
    signMemberAccessToken(claims: Omit<MemberAccessClaims, 'typ'>): string;
    /** Signature, issuer, audience, type and lifetime; throws 401 `unauthorized`. Does not look at the session. */
    verifyPortalAccessToken(token: string | undefined): PortalAccessClaims;
    verifyMemberAccessToken(token: string | undefined): MemberAccessClaims;
    authenticatePortal(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    authenticateWorkspace(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
  interface FastifyRequest {
    portal: PortalPrincipal;
    workspace: WorkspacePrincipal;
  }
  interface FastifyContextConfig {
    /** The action a workspace route performs; checked against the caller's role or key scope. */
    permission?: WorkspaceAction;
  }
}

export const TOKEN_ISSUER = 'taba-portal';
export const PORTAL_AUDIENCE = 'taba-portal/portal';
export const MEMBER_AUDIENCE = 'taba-portal/workspace';
export const PORTAL_ACCESS_TYPE = 'portal_access';
export const MEMBER_ACCESS_TYPE = 'member_access';
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** How far ahead of this server's clock a token's `iat` may be (another node's clock). */
export const CLOCK_SKEW_SECONDS = 60;
/** An API key's last-used time is written at most this often, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface AuthOptions {
  jwtSecret: string;
}

/** Bearer authentication for both API surfaces, and the permission check of workspace routes. */
export const authPlugin = fp<AuthOptions>(
  async (app, { jwtSecret }) => {
    const portalTokens = accessTokens(jwtSecret, PORTAL_AUDIENCE, ['sub', 'ws', 'cus', 'sid']);
    const memberTokens = accessTokens(jwtSecret, MEMBER_AUDIENCE, ['sub', 'ws', 'sid']);

    app.decorateRequest<PortalPrincipal | null>('portal', null);
    app.decorateRequest<WorkspacePrincipal | null>('workspace', null);

    app.decorate('signPortalAccessToken', (claims: Omit<PortalAccessClaims, 'typ'>) =>
      portalTokens.sign({ ...claims, typ: PORTAL_ACCESS_TYPE }),
    );
    app.decorate('signMemberAccessToken', (claims: Omit<MemberAccessClaims, 'typ'>) =>
      memberTokens.sign({ ...claims, typ: MEMBER_ACCESS_TYPE }),
    );

    app.decorate('verifyPortalAccessToken', (token: string | undefined) => {
      if (!token || token.startsWith('sk_')) throw unauthorized();
      let claims: PortalAccessClaims;
      try {
        claims = portalTokens.verify(token) as PortalAccessClaims;
      } catch {
        throw unauthorized('The access token is invalid or expired.');
      }
      if (claims.typ !== PORTAL_ACCESS_TYPE) throw unauthorized('The token is not a portal access token.');
      if (!withinLifetime(claims as RegisteredClaims)) throw unauthorized('The access token is invalid or expired.');
      return claims;
    });
    app.decorate('verifyMemberAccessToken', (token: string | undefined) => {
      let claims: MemberAccessClaims;
      try {
        claims = memberTokens.verify(token ?? '') as MemberAccessClaims;
      } catch {
        throw unauthorized('The member token is invalid or expired.');
      }
      if (claims.typ !== MEMBER_ACCESS_TYPE) throw unauthorized('The token is not a member access token.');
      if (!withinLifetime(claims as RegisteredClaims)) throw unauthorized('The member token is invalid or expired.');
      return claims;
    });

    app.decorate('authenticatePortal', async (request: FastifyRequest) => {
      request.portal = await verifyPortalAccess(app, bearer(request), request);
    });

    app.decorate('authenticateWorkspace', async (request: FastifyRequest) => {
      const token = bearer(request);
      if (!token) throw unauthorized('A workspace API key (sk_…) or a member session token is required.');
      request.workspace = token.startsWith('sk_') ? await apiKeyPrincipal(token) : await memberPrincipal(token);
      const permission = request.routeOptions.config.permission;
      if (!permission) throw new Error(`workspace route ${request.routeOptions.url} declares no permission`);
      if (!allowed(request.workspace, permission)) {
        throw new Problem(403, 'forbidden', 'Forbidden', `Your ${request.workspace.actorType === 'member' ? 'role' : 'API key scope'} does not allow ${permission}.`);
      }
    });

    async function apiKeyPrincipal(token: string): Promise<WorkspacePrincipal> {
      const key = await app.db
        .selectFrom('api_keys')
        .select(['id', 'workspace_id', 'scope', 'last_used_at'])
        .where('token_hash', '=', hashSecret(token))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!key) throw unauthorized('The API key is invalid or revoked.');
      if (!key.last_used_at || Date.now() - Date.parse(key.last_used_at) > LAST_USED_RESOLUTION_MS) {
        await app.db.updateTable('api_keys').set({ last_used_at: isoNow() }).where('id', '=', key.id).execute();
      }
      return { workspaceId: key.workspace_id, actorType: 'api_key', actorId: key.id, scope: key.scope };
    }

    async function memberPrincipal(token: string): Promise<WorkspacePrincipal> {
      const claims = app.verifyMemberAccessToken(token);
      // The role is read now, not from the token, so a role change or removal applies at once.
      const member = await app.db
        .selectFrom('member_sessions as s')
        .innerJoin('members as m', 'm.id', 's.member_id')
        .select(['m.id', 'm.role', 'm.workspace_id'])
        .where('s.id', '=', claims.sid)
        .where('m.id', '=', claims.sub)
        .where('m.workspace_id', '=', claims.ws)
        .where('m.status', '=', 'active')
        .where('s.revoked_at', 'is', null)
        .where('s.expires_at', '>', isoNow())
        .executeTakeFirst();
      if (!member) throw unauthorized('The member session has ended.');
      return { workspaceId: member.workspace_id, actorType: 'member', actorId: member.id, role: member.role, sessionId: claims.sid };
    }
  },
  { name: 'auth', dependencies: ['database'] },
);

/**
 * The signer and the verifier of one kind of access token, made once: HS256 only, this server as
 * issuer, the audience of the surface, the claims it needs, and at most ACCESS_TOKEN_TTL_SECONDS
 * since `iat` (`withinLifetime` adds the rest). Verified tokens are cached by fast-jwt (1,000 of
 * them, about 500 B each: 10,000 grew the heap by 5 MB over a soak, bench/soak.ts); the cache only
 * skips re-checking a signature, and a cached token's expiry is still checked on every call.
 */
function accessTokens(secret: string, audience: string, requiredClaims: string[]) {
  return {
    sign: createSigner({ key: secret, algorithm: 'HS256', iss: TOKEN_ISSUER, aud: audience, expiresIn: ACCESS_TOKEN_TTL_SECONDS * 1000 }),
    verify: createVerifier({
      key: secret,
      algorithms: ['HS256'],
      allowedIss: TOKEN_ISSUER,
      allowedAud: audience,
      requiredClaims: [...requiredClaims, 'typ', 'exp', 'iat'],
      // fast-jwt takes milliseconds.
      maxAge: ACCESS_TOKEN_TTL_SECONDS * 1000,
      cache: 1_000,
    }),
  };
}

interface RegisteredClaims {
  iat?: unknown;
  exp?: unknown;
}

/**
 * fast-jwt's `maxAge` counts from `iat`, so a token issued "in the future" or with a far `exp`
 * would pass it: neither may exceed what this server ever signs.
 */
function withinLifetime(claims: RegisteredClaims): boolean {
  const { iat, exp } = claims;
  if (typeof iat !== 'number' || typeof exp !== 'number') return false;
  return iat <= Date.now() / 1000 + CLOCK_SKEW_SECONDS && exp - iat <= ACCESS_TOKEN_TTL_SECONDS;
}

export function allowed(principal: WorkspacePrincipal, action: WorkspaceAction): boolean {
  const granted = principal.actorType === 'member' ? rolePermissions[principal.role] : apiKeyPermissions[principal.scope];
  return granted.includes(action);
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer ([^\s]+)$/i.exec(header);
  return match?.[1];
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { Problem, unauthorized } from '../../lib/problem.js';
import { isoNow } from '../../lib/time.js';
import { ACCESS_TOKEN_TTL_SECONDS, type PortalPrincipal } from '../../plugins/auth.js';
import { findLiveSession, findPortalWorkspace, type PortalGate, type PortalWorkspace } from './repository.js';

export const portalDisabled = () =>
  new Problem(403, 'portal_disabled', 'Customer portal disabled', 'The Customer Portal module is not enabled for this workspace.');

/** Names the origin and the two ways to allow it; the workspace id is public (it is in the hosted page's address). */
export const originNotAllowed = (origin: string | undefined, workspaceId: string) => {
  const site = origin ? `This site's origin, ${origin},` : "This site's origin";
  return new Problem(
    403,
    'origin_not_allowed',
    'Origin not allowed',
    `${site} is not allowed to use this workspace's portal; add it to the workspace's allowed origins ` +
      `(PATCH /v1/workspace/settings or \`taba-portal settings --workspace ${workspaceId} --allow-origin ${origin ?? '<origin>'}\`).`,
  );
};

/** The hosted page calls from the server's own origin, which needs no allow-listing. */
export function isSameOrigin(request: FastifyRequest, origin: string): boolean {
  return origin === `${request.protocol}://${request.host}`;
}

/** The origin a portal call must be allowed from: none for the hosted page, a server, or no Origin header. */
export function foreignOrigin(request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  return origin === undefined || isSameOrigin(request, origin) ? undefined : origin;
}

/** The one rule for every portal entry point: the module is on, then the page's origin is allowed. */
export function assertPortalGate(gate: PortalGate, workspaceId: string, origin: string | undefined): void {
  if (!gate.portalEnabled) throw portalDisabled();
  if (!gate.originAllowed) throw originNotAllowed(origin, workspaceId);
}

/** The workspace's portal is open to this origin; an unknown workspace answers like a disabled one. */
export async function openPortalWorkspace(db: Kysely<DB>, workspaceId: string, origin: string | undefined): Promise<PortalWorkspace> {
  const workspace = await findPortalWorkspace(db, workspaceId, origin);
  if (!workspace) throw portalDisabled();
  assertPortalGate(workspace, workspaceId, origin);
  return workspace;
}

/**
 * The module is on and the calling page's origin allowed, for a route that does not need a live
 * session (sign-out); signed-in routes check both in their session query. A workspace that no
 * longer exists passes: it has no sessions left to act on.
 */
export async function assertPortalOpen(db: Kysely<DB>, request: FastifyRequest, workspaceId: string): Promise<void> {
  const origin = foreignOrigin(request);
  const workspace = await findPortalWorkspace(db, workspaceId, origin);
  if (workspace) assertPortalGate(workspace, workspaceId, origin);
}

export interface PortalAccessToken {
  accessToken: string;
  accessTokenExpiresAt: string;
}

/** Signs an access token for a portal session, with the expiry the page is told. */
export function issuePortalAccessToken(
  app: FastifyInstance,
  session: { id: string; workspace_id: string; customer_id: string; contact_id: string },
): PortalAccessToken {
  return {
    accessToken: app.signPortalAccessToken({ sub: session.contact_id, ws: session.workspace_id, cus: session.customer_id, sid: session.id }),
    accessTokenExpiresAt: new Date(Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000).toISOString(),
  };
}

/**
 * Verifies a portal access token and that its session is still live, the module on and the
 * calling page's origin allowed; throws 401 `unauthorized` or 403 as every portal route answers.
 */
export async function verifyPortalAccess(app: FastifyInstance, token: string | undefined, request: FastifyRequest): Promise<PortalPrincipal> {
  const claims = app.verifyPortalAccessToken(token);
  const origin = foreignOrigin(request);
  const gate = await findLiveSession(app.db, { sessionId: claims.sid, contactId: claims.sub, now: isoNow() }, origin);
  if (!gate) throw unauthorized('The portal session has ended.');
  assertPortalGate(gate, claims.ws, origin);
  return { workspaceId: claims.ws, customerId: claims.cus, contactId: claims.sub, sessionId: claims.sid };
}

import type { FastifyPluginAsync } from 'fastify';
import { portalProfileEndpoints } from '../../../sdk/contract/profile.js';
import { Problem } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { assertPortalGate, foreignOrigin } from '../portal-access/access.js';
import { findPortalWorkspace } from '../portal-access/repository.js';
import { findWorkspaceBrand } from './repository.js';

/** Ids are `ws_` and lower-case letters and digits; anything else names no workspace. */
const WORKSPACE_ID = /^ws_[a-z0-9]+$/;

const workspaceNotFound = () => new Problem(404, 'workspace_not_found', 'Workspace not found', 'No workspace has this id; check the workspace id the page was given.');

/**
 * Public, before sign-in: whose portal this is, for the sign-in page. The workspace is checked as
 * every portal entry point checks it (`assertPortalGate`: the module on, then the page's origin
 * allowed), so a page that may not use the portal learns no more than that.
 */
export const brandPortalRoutes: FastifyPluginAsync = async (app) => {
  route(app, portalProfileEndpoints.brand, async (request) => {
    const workspaceId = request.query.workspace;
    if (!WORKSPACE_ID.test(workspaceId)) throw workspaceNotFound();
    const origin = foreignOrigin(request);
    const workspace = await findPortalWorkspace(app.db, workspaceId, origin);
    if (!workspace) throw workspaceNotFound();
    assertPortalGate(workspace, workspaceId, origin);
    const brand = await findWorkspaceBrand(app.db, workspaceId);
    if (!brand) throw workspaceNotFound();
    return brand;
  });
};

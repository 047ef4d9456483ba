import type { FastifyPluginAsync } from 'fastify';
import { portalSessionEndpoints } from '../../../sdk/contract/sessions.js';
import { notFound } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { originNotAllowed, portalDisabled } from '../../plugins/auth.js';
import { findPortalContact } from '../contacts/repository.js';
import { isOriginAllowed, isPortalEnabled, normaliseOrigin } from '../settings/repository.js';
import { mintClientSecret } from './repository.js';

export const portalSessionWorkspaceRoutes: FastifyPluginAsync = async (app) => {
  route(app, portalSessionEndpoints.create, async (request) => {
    const { workspaceId } = request.workspace;
    const contact = await findPortalContact(app.db, workspaceId, request.body.contactId);
    if (!contact) throw notFound('contact');
    if (!(await isPortalEnabled(app.db, workspaceId))) throw portalDisabled();
    const origin = request.body.origin === undefined ? null : normaliseOrigin(request.body.origin, 'body.origin');
    if (origin !== null && !(await isOriginAllowed(app.db, workspaceId, origin))) throw originNotAllowed(origin, workspaceId);
    return mintClientSecret(app.db, workspaceId, contact.id, origin);
  });
};

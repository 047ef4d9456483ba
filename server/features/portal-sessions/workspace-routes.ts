import type { FastifyPluginAsync } from 'fastify';
import { portalSessionEndpoints } from '../../../sdk/contract/sessions.js';
import { notFound } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { findPortalContact } from '../contacts/repository.js';
import { openPortalWorkspace } from '../portal-access/access.js';
import { normaliseOrigin } from '../settings/repository.js';
import { mintClientSecret } from './repository.js';

export const portalSessionWorkspaceRoutes: FastifyPluginAsync = async (app) => {
  route(app, portalSessionEndpoints.create, async (request) => {
    const { workspaceId } = request.workspace;
    const contact = await findPortalContact(app.db, workspaceId, request.body.contactId);
    if (!contact) throw notFound('contact');
    await openPortalWorkspace(app.db, workspaceId, undefined);
    // The origin is checked only once it is known to be well formed, after the module's switch.
    const origin = request.body.origin === undefined ? null : normaliseOrigin(request.body.origin, 'body.origin');
    if (origin !== null) await openPortalWorkspace(app.db, workspaceId, origin);
    return mintClientSecret(app.db, workspaceId, contact.id, origin);
  });
};

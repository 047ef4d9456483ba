import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemResponses } from '../../../sdk/contract/common.js';
import { CreatePortalSession, PortalSessionSecret } from '../../../sdk/contract/sessions.js';
import { notFound } from '../../lib/problem.js';
import { findPortalContact } from '../contacts/repository.js';
import { originNotAllowed, portalDisabled } from '../../plugins/auth.js';
import { isOriginAllowed, isPortalEnabled, normaliseOrigin } from '../settings/repository.js';
import { mintClientSecret } from './repository.js';

export const portalSessionWorkspaceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/portal-sessions',
    {
      config: { permission: 'portal_sessions.create' },
      schema: {
        tags: ['workspace'],
        summary: 'Mint a single-use client secret for a portal contact',
        description:
          'The secret is valid for five minutes and can be exchanged once. Pass `origin` when a page of yours will exchange it; it must be one of the allowed origins in settings. Refused with `portal_disabled` while the module is off.',
        body: CreatePortalSession,
        response: { 201: PortalSessionSecret, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const { workspaceId } = request.workspace;
      const contact = await findPortalContact(app.db, workspaceId, request.body.contactId);
      if (!contact) throw notFound('contact');
      if (!(await isPortalEnabled(app.db, workspaceId))) throw portalDisabled();
      const origin = request.body.origin === undefined ? null : normaliseOrigin(request.body.origin, 'body.origin');
      if (origin !== null && !(await isOriginAllowed(app.db, workspaceId, origin))) throw originNotAllowed(origin);
      return reply.code(201).send(await mintClientSecret(app.db, workspaceId, contact.id, origin));
    },
  );
};

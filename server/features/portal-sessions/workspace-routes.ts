import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemResponses } from '../../../sdk/contract/common.js';
import { CreatePortalSession, PortalSessionSecret } from '../../../sdk/contract/sessions.js';
import { notFound } from '../../lib/problem.js';
import { findPortalContact } from '../contacts/repository.js';
import { mintClientSecret } from './repository.js';

export const portalSessionWorkspaceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/portal-sessions',
    {
      schema: {
        tags: ['workspace'],
        summary: 'Mint a single-use client secret for a portal contact',
        description: 'The secret is valid for five minutes and can be exchanged once. Hand it to `<taba-portal client-secret>`.',
        body: CreatePortalSession,
        response: { 201: PortalSessionSecret, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const contact = await findPortalContact(app.db, request.workspace.workspaceId, request.body.contactId);
      if (!contact) throw notFound('contact');
      return reply.code(201).send(await mintClientSecret(app.db, contact.workspace_id, contact.id));
    },
  );
};

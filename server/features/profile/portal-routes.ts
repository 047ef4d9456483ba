import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemResponses } from '../../../sdk/contract/common.js';
import { PortalProfile } from '../../../sdk/contract/profile.js';
import { notFound } from '../../lib/problem.js';
import { findPortalProfile } from './repository.js';

export const profilePortalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me',
    {
      schema: { tags: ['portal'], summary: 'The signed-in contact and their customer', response: { 200: PortalProfile, ...ProblemResponses } },
    },
    async (request) => {
      const profile = await findPortalProfile(app.db, request.portal.customerId, request.portal.contactId);
      if (!profile) throw notFound('contact');
      return profile;
    },
  );
};

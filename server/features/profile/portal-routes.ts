import type { FastifyPluginAsync } from 'fastify';
import { portalProfileEndpoints } from '../../../sdk/contract/profile.js';
import { notFound } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { findPortalProfile } from './repository.js';

export const profilePortalRoutes: FastifyPluginAsync = async (app) => {
  route(app, portalProfileEndpoints.retrieve, async (request) => {
    const profile = await findPortalProfile(app.db, request.portal.customerId, request.portal.contactId);
    if (!profile) throw notFound('contact');
    return profile;
  });
};

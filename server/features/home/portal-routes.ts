import type { FastifyPluginAsync } from 'fastify';
import { portalHomeEndpoints } from '../../../sdk/contract/home.js';
import { route } from '../../lib/route.js';
import { readPortalHome } from './repository.js';

export const homePortalRoutes: FastifyPluginAsync = async (app) => {
  route(app, portalHomeEndpoints.retrieve, (request) => readPortalHome(app.db, request.portal));
};

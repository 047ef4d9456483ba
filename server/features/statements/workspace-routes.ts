import type { FastifyPluginAsync } from 'fastify';
import { statementEndpoints } from '../../../sdk/contract/statements.js';
import { route } from '../../lib/route.js';
import { customerStatement } from './actions.js';

export const statementWorkspaceRoutes: FastifyPluginAsync = async (app) => {
  route(app, statementEndpoints.retrieve, (request) => customerStatement(app, request.workspace.workspaceId, request.params.customerId, request.query));
};

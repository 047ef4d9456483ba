import type { FastifyPluginAsync } from 'fastify';
import { estimateEndpoints } from '../../../sdk/contract/estimates.js';
import { route } from '../../lib/route.js';
import { todayUtc } from '../finance/repository.js';
import { convertEstimate, createEstimate, readTeamEstimate, sendEstimate, updateEstimate } from './actions.js';
import { listWorkspaceEstimates } from './repository.js';

export const estimateWorkspaceRoutes: FastifyPluginAsync = async (app) => {
  route(app, estimateEndpoints.list, (request) =>
    listWorkspaceEstimates(
      app.db,
      request.workspace.workspaceId,
      { customerId: request.query.customerId, status: request.query.status },
      todayUtc(),
      { limit: request.query.limit ?? 20, cursor: request.query.cursor },
    ),
  );
  route(app, estimateEndpoints.create, (request) => createEstimate(app, request.workspace, request.body));
  route(app, estimateEndpoints.retrieve, (request) => readTeamEstimate(app, request.workspace, request.params.estimateId));
  route(app, estimateEndpoints.update, (request) => updateEstimate(app, request.workspace, request.params.estimateId, request.body));
  route(app, estimateEndpoints.send, (request) => sendEstimate(app, request.workspace, request.params.estimateId));
  route(app, estimateEndpoints.convert, (request) => convertEstimate(app, request.workspace, request.params.estimateId, request.body ?? {}));
};

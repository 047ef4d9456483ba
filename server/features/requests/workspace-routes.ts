import type { FastifyPluginAsync } from 'fastify';
import { informationRequestEndpoints } from '../../../sdk/contract/requests.js';
import { route } from '../../lib/route.js';
import { acceptItem, cancelRequest, createRequest, readTeamRequest, returnItem, sendRequest, updateDraft } from './actions.js';
import { listWorkspaceRequests } from './repository.js';

export const requestWorkspaceRoutes: FastifyPluginAsync = async (app) => {
  route(app, informationRequestEndpoints.list, (request) =>
    listWorkspaceRequests(
      app.db,
      request.workspace.workspaceId,
      { customerId: request.query.customerId, projectId: request.query.projectId, status: request.query.status },
      { limit: request.query.limit ?? 20, cursor: request.query.cursor },
    ),
  );
  route(app, informationRequestEndpoints.create, (request) => createRequest(app, request.workspace, request.body));
  route(app, informationRequestEndpoints.retrieve, (request) => readTeamRequest(app, request.workspace, request.params.requestId));
  route(app, informationRequestEndpoints.update, (request) => updateDraft(app, request.workspace, request.params.requestId, request.body));
  route(app, informationRequestEndpoints.send, (request) => sendRequest(app, request.workspace, request.params.requestId));
  route(app, informationRequestEndpoints.cancel, (request) => cancelRequest(app, request.workspace, request.params.requestId));
  route(app, informationRequestEndpoints.acceptItem, (request) => acceptItem(app, request.workspace, request.params.requestId, request.params.itemId));
  route(app, informationRequestEndpoints.returnItem, (request) => returnItem(app, request.workspace, request.params.requestId, request.params.itemId, request.body));
};

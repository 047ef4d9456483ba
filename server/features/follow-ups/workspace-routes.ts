import type { FastifyPluginAsync } from 'fastify';
import { followUpEndpoints } from '../../../sdk/contract/follow-ups.js';
import { route } from '../../lib/route.js';
import { changeFollowUp, completion, dismissal, followUpScope, moveFollowUpState, reopening, retrieveFollowUp } from './actions.js';
import { listFollowUps } from './repository.js';

export const followUpWorkspaceRoutes: FastifyPluginAsync = async (app) => {
  route(app, followUpEndpoints.list, (request) =>
    listFollowUps(app.db, request.workspace.workspaceId, followUpScope(request.workspace), { ...request.query, limit: request.query.limit ?? 20 }),
  );

  route(app, followUpEndpoints.retrieve, (request) => retrieveFollowUp(app, request.workspace, request.params.followUpId));

  route(app, followUpEndpoints.update, (request) => changeFollowUp(app, request.workspace, request.params.followUpId, request.body));

  route(app, followUpEndpoints.complete, (request) => moveFollowUpState(app, request.workspace, request.params.followUpId, completion));

  route(app, followUpEndpoints.reopen, (request) => moveFollowUpState(app, request.workspace, request.params.followUpId, reopening));

  route(app, followUpEndpoints.dismiss, (request) => moveFollowUpState(app, request.workspace, request.params.followUpId, dismissal));
};

import type { FastifyPluginAsync } from 'fastify';
import { messageEndpoints, threadEndpoints } from '../../../sdk/contract/messages.js';
import { idempotencyKeyOf } from '../../lib/idempotency.js';
import { notFound } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import type { WorkspacePrincipal } from '../../plugins/auth.js';
import { postTeamMessage, readTeamMessages, startTeamThread } from './actions.js';
import { findWorkspaceThread, listWorkspaceThreads, toThread } from './repository.js';

/** Keys of a member and of an API key never meet, even with the same text. */
const callerOf = (principal: WorkspacePrincipal) => `${principal.actorType}:${principal.actorId}`;

export const messageWorkspaceRoutes: FastifyPluginAsync = async (app) => {
  route(app, threadEndpoints.list, (request) =>
    listWorkspaceThreads(
      app.db,
      request.workspace.workspaceId,
      { customerId: request.query.customerId, subjectType: request.query.subjectType, subjectId: request.query.subjectId },
      { limit: request.query.limit ?? 20, cursor: request.query.cursor },
    ),
  );

  route(app, threadEndpoints.create, (request) => startTeamThread(app, request.workspace, request.body, idempotencyKeyOf(request, callerOf(request.workspace))));

  route(app, threadEndpoints.retrieve, async (request) => {
    const thread = await findWorkspaceThread(app.db, request.workspace.workspaceId, request.params.threadId);
    if (!thread) throw notFound('thread');
    return toThread(thread);
  });

  route(app, messageEndpoints.list, (request) =>
    readTeamMessages(app, request.workspace, request.params.threadId, { limit: request.query.limit ?? 20, cursor: request.query.cursor }),
  );

  route(app, messageEndpoints.create, (request) =>
    postTeamMessage(app, request.workspace, request.params.threadId, request.body, idempotencyKeyOf(request, callerOf(request.workspace))),
  );
};

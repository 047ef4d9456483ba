import type { FastifyPluginAsync } from 'fastify';
import { deadLetterEndpoints } from '../../../sdk/contract/webhooks.js';
import { route } from '../../lib/route.js';
import { redeliver } from './actions.js';
import { listDeadLetters } from './repository.js';

export const deadLetterWorkspaceRoutes: FastifyPluginAsync = async (app) => {
  route(app, deadLetterEndpoints.list, (request) =>
    listDeadLetters(app.db, request.workspace.workspaceId, { limit: request.query.limit ?? 20, cursor: request.query.cursor }),
  );

  route(app, deadLetterEndpoints.redeliver, (request) => redeliver(app, request.workspace, request.params.messageId));
};

import type { FastifyPluginAsync } from 'fastify';
import { apiKeyEndpoints } from '../../../sdk/contract/api-keys.js';
import { notFound } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { appendAuditEvent } from '../audit/repository.js';
import { createApiKey, findApiKey, listApiKeys, revokeApiKey, toApiKey } from './repository.js';

export const apiKeyWorkspaceRoutes: FastifyPluginAsync = async (app) => {
  route(app, apiKeyEndpoints.list, (request) => listApiKeys(app.db, request.workspace.workspaceId, request.query.limit ?? 20, request.query.cursor));

  route(app, apiKeyEndpoints.create, async (request) => {
    const { workspaceId } = request.workspace;
    const name = request.body.name.trim();
    const created = await app.db.transaction().execute(async (trx) => {
      const key = await createApiKey(trx, workspaceId, name, request.body.scope);
      await appendAuditEvent(trx, app.dialect, request.workspace, {
        action: 'api_key.created',
        subjectType: 'api_key',
        subjectId: key.id,
        customerId: null,
        data: { name, scope: request.body.scope, prefix: key.row.token_prefix },
      });
      return key;
    });
    return { ...toApiKey(created.row), secret: created.secret };
  });

  route(app, apiKeyEndpoints.revoke, async (request) => {
    const { workspaceId } = request.workspace;
    await app.db.transaction().execute(async (trx) => {
      const key = await findApiKey(trx, workspaceId, request.params.keyId);
      if (!key) throw notFound('API key');
      if (!(await revokeApiKey(trx, workspaceId, key.id))) return;
      await appendAuditEvent(trx, app.dialect, request.workspace, {
        action: 'api_key.revoked',
        subjectType: 'api_key',
        subjectId: key.id,
        customerId: null,
        data: { name: key.name, scope: key.scope },
      });
    });
    return null;
  });
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiKey, ApiKeyParams, CreateApiKey, CreatedApiKey } from '../../../sdk/contract/api-keys.js';
import { Page, PageQuery, ProblemResponses } from '../../../sdk/contract/common.js';
import { notFound } from '../../lib/problem.js';
import { appendAuditEvent } from '../audit/repository.js';
import { createApiKey, findApiKey, listApiKeys, revokeApiKey, toApiKey } from './repository.js';

export const apiKeyWorkspaceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api-keys',
    {
      config: { permission: 'api_keys.read' },
      schema: {
        tags: ['workspace'],
        summary: "List the workspace's API keys, newest first, revoked ones included",
        description: 'Secrets are never listed; `prefix` tells keys apart.',
        querystring: PageQuery,
        response: { 200: Page(ApiKey), ...ProblemResponses },
      },
    },
    (request) => listApiKeys(app.db, request.workspace.workspaceId, request.query.limit ?? 20, request.query.cursor),
  );

  app.post(
    '/api-keys',
    {
      config: { permission: 'api_keys.manage' },
      schema: {
        tags: ['workspace'],
        summary: 'Create an API key; its secret is in this answer and never again',
        description:
          '`full` does what a tenant backend needs (customers, contacts, proposals, portal sessions); `read_only` only reads; `sessions_only` can do nothing but mint portal sessions — the key to put on a website backend. Only a hash of the secret is stored.',
        body: CreateApiKey,
        response: { 201: CreatedApiKey, ...ProblemResponses },
      },
    },
    async (request, reply) => {
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
      return reply.code(201).send({ ...toApiKey(created.row), secret: created.secret });
    },
  );

  app.delete(
    '/api-keys/:keyId',
    {
      config: { permission: 'api_keys.manage' },
      schema: {
        tags: ['workspace'],
        summary: 'Revoke an API key; requests with it are refused from now on',
        description: 'Revoking an already revoked key succeeds and changes nothing.',
        params: ApiKeyParams,
        response: { 204: Type.Null(), ...ProblemResponses },
      },
    },
    async (request, reply) => {
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
      return reply.code(204).send(null);
    },
  );
};

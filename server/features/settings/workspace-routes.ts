import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemResponses } from '../../../sdk/contract/common.js';
import { UpdateWorkspaceSettings, WorkspaceSettings } from '../../../sdk/contract/settings.js';
import { appendAuditEvent } from '../audit/repository.js';
import { getSettings, updateSettings } from './repository.js';

export const settingsWorkspaceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/settings',
    {
      config: { permission: 'settings.read' },
      schema: { tags: ['workspace'], summary: 'Workspace settings: the portal module, allowed embedding origins and brand', response: { 200: WorkspaceSettings, ...ProblemResponses } },
    },
    (request) => getSettings(app.db, request.workspace.workspaceId),
  );

  app.patch(
    '/settings',
    {
      config: { permission: 'settings.manage' },
      schema: {
        tags: ['workspace'],
        summary: 'Enable or disable the portal module, replace the allowed embedding origins, change the brand',
        body: UpdateWorkspaceSettings,
        response: { 200: WorkspaceSettings, ...ProblemResponses },
      },
    },
    async (request) => {
      const { workspaceId } = request.workspace;
      return app.db.transaction().execute(async (trx) => {
        const settings = await updateSettings(trx, workspaceId, request.body);
        await appendAuditEvent(trx, app.dialect, request.workspace, {
          action: 'settings.updated',
          subjectType: 'workspace',
          subjectId: workspaceId,
          customerId: null,
          data: { ...request.body },
        });
        return settings;
      });
    },
  );
};

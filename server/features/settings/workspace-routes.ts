import type { FastifyPluginAsync } from 'fastify';
import { settingsEndpoints } from '../../../sdk/contract/settings.js';
import { route } from '../../lib/route.js';
import { appendAuditEvent } from '../audit/repository.js';
import { getSettings, updateSettings } from './repository.js';

export const settingsWorkspaceRoutes: FastifyPluginAsync = async (app) => {
  route(app, settingsEndpoints.retrieve, (request) => getSettings(app.db, request.workspace.workspaceId));

  route(app, settingsEndpoints.update, async (request) => {
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
  });
};

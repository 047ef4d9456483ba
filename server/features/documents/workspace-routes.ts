import type { FastifyPluginAsync } from 'fastify';
import { documentEndpoints } from '../../../sdk/contract/documents.js';
import { multipartSupport } from '../../files/index.js';
import { notFound } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { findWorkspaceProject } from '../projects/repository.js';
import { deleteDocument, teamDownloadLink, updateDocument, uploadDocument } from './actions.js';
import { listProjectDocuments } from './repository.js';

export const documentWorkspaceRoutes: FastifyPluginAsync = async (app) => {
  // Only the upload route's scope accepts multipart/form-data; everywhere else it stays a 415.
  await app.register(async (uploads) => {
    await uploads.register(multipartSupport);
    route(uploads, documentEndpoints.upload, (request) => uploadDocument(app, request.workspace, request.params.projectId, request));
  });

  route(app, documentEndpoints.list, async (request) => {
    const project = await findWorkspaceProject(app.db, request.workspace.workspaceId, request.params.projectId);
    if (!project) throw notFound('project');
    return listProjectDocuments(app.db, project.id, { limit: request.query.limit ?? 20, cursor: request.query.cursor });
  });

  route(app, documentEndpoints.update, (request) => updateDocument(app, request.workspace, request.params.documentId, request.body));

  route(app, documentEndpoints.delete, async (request) => {
    await deleteDocument(app, request.workspace, request.params.documentId);
    return null;
  });

  route(app, documentEndpoints.createDownloadLink, (request) => teamDownloadLink(app, request.workspace, request.params.documentId));
};

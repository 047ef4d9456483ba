import type { FastifyPluginAsync } from 'fastify';
import { downloadEndpoints } from '../../../sdk/contract/documents.js';
import { sendFile } from '../../files/index.js';
import { notFound } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { findWorkspaceDocument } from './repository.js';

/**
 * The local store's signed download links: no bearer token, the signature is the permission. The
 * link names its workspace and document, and both are checked against the signature before the
 * database is asked; a document deleted since answers 404.
 */
export const documentDownloadRoutes: FastifyPluginAsync = async (app) => {
  route(app, downloadEndpoints.download, async (request, reply) => {
    const { workspaceId, documentId } = app.downloadLinks.verifyDownload(request);
    const document = await findWorkspaceDocument(app.db, workspaceId, documentId);
    if (!document) throw notFound('document');
    return sendFile(
      reply,
      app.fileStore,
      { key: document.storage_key, size: Number(document.size), contentType: document.content_type, fileName: document.name, sha256: document.sha256 },
      request.headers.range,
    );
  });
};

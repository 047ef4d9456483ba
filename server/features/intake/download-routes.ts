import type { FastifyPluginAsync } from 'fastify';
import { intakeDownloadEndpoints } from '../../../sdk/contract/intake.js';
import type { Config } from '../../config.js';
import { sendFile } from '../../files/index.js';
import { notFound } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { intakeLinksFor } from './links.js';
import { findWorkspaceIntakeItem } from './repository.js';

/**
 * The local store's signed links to quarantined files, for reviewers: no bearer token, the
 * signature is the permission. The link names its workspace and intake item, both checked against
 * the signature before the database is asked; the lookup is by both, so a link signed for one
 * workspace never opens another's file.
 */
export const intakeDownloadRoutes: FastifyPluginAsync<{ config: Pick<Config, 'publicUrl' | 'files'> }> = async (app, { config }) => {
  route(app, intakeDownloadEndpoints.download, async (request, reply) => {
    const { workspaceId, intakeId } = (await intakeLinksFor(app.db, config)).verify(request);
    const intake = await findWorkspaceIntakeItem(app.db, workspaceId, intakeId);
    if (!intake) throw notFound('file');
    return sendFile(
      reply,
      app.fileStore,
      { key: intake.storage_key, size: Number(intake.file_size), contentType: intake.content_type, fileName: intake.file_name, sha256: intake.sha256 },
      request.headers.range,
    );
  });
};

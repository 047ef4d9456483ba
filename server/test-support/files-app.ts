import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { migrateToLatest, openDatabase } from '../db/database.js';
import { DOWNLOAD_ROUTE, filesPlugin, multipartSupport, receiveUpload, sendFile, type ReceivedUpload } from '../files/index.js';
import { newId } from '../lib/ids.js';
import { notFound } from '../lib/problem.js';
import { databasePlugin } from '../plugins/database.js';
import { errorsPlugin } from '../plugins/errors.js';
import { responseHeadersPlugin } from '../plugins/response-headers.js';

export const FILES_PUBLIC_URL = 'http://portal.test';

export interface FilesTestApp {
  app: FastifyInstance;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Uploads the test route accepted: what a document row would hold. */
  documents: Map<string, ReceivedUpload & { workspaceId: string }>;
  /** Moves the clock links are signed and checked with (milliseconds). */
  shiftClock(ms: number): void;
  close(): Promise<void>;
}

/**
 * A minimal real server for the file mechanism: the files plugin on a real database, one upload
 * route (`POST /workspaces/:workspaceId/uploads`, optional `title` field) that keeps what it accepted
 * in a map standing in for document rows, and the signed download route. The documents feature
 * has the real routes; this exercises the mechanism alone.
 */
export async function startFilesApp(config: Pick<Config, 'database' | 'files'>): Promise<FilesTestApp> {
  const database = openDatabase(config.database);
  await migrateToLatest(database.db);
  let offset = 0;
  const app = Fastify({ logger: process.env.TABA_TEST_LOG ? { level: 'info' } : false });
  await app.register(responseHeadersPlugin);
  await app.register(errorsPlugin);
  await app.register(databasePlugin, { database });
  await app.register(filesPlugin, { files: config.files, publicUrl: FILES_PUBLIC_URL, now: () => Date.now() + offset });
  const documents = new Map<string, ReceivedUpload & { workspaceId: string }>();

  await app.register(async (scope) => {
    await scope.register(multipartSupport);
    scope.post<{ Params: { workspaceId: string } }>('/workspaces/:workspaceId/uploads', async (request, reply) => {
      const { workspaceId } = request.params;
      const upload = await receiveUpload(request, scope.fileStore, { fields: { title: { maxLength: 20 } }, keyPrefix: workspaceId });
      const documentId = newId('doc');
      documents.set(documentId, { ...upload, workspaceId });
      const link = await scope.fileStore.downloadUrl({ ...upload, workspaceId, documentId });
      return reply.code(201).send({ documentId, upload, link });
    });
  });

  app.get(DOWNLOAD_ROUTE, async (request, reply) => {
    const { workspaceId, documentId } = app.downloadLinks.verifyDownload(request);
    const document = documents.get(documentId);
    if (!document || document.workspaceId !== workspaceId) throw notFound('document');
    return sendFile(reply, app.fileStore, document, request.headers.range);
  });

  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    url,
    documents,
    shiftClock(ms) {
      offset += ms;
    },
    close: () => app.close(),
  };
}

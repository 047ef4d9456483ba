import fp from 'fastify-plugin';
import type { FilesConfig } from '../config.js';
import { createDownloadLinks, loadLinkKeys, type DownloadLinks } from './links.js';
import { createFileStore, type FileStore } from './store.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where uploaded files live: local disk or S3 (config.files). */
    fileStore: FileStore;
    /** Signs and checks the server's own download links (local store). */
    downloadLinks: DownloadLinks;
  }
}

export interface FilesPluginOptions {
  files: FilesConfig;
  publicUrl: string;
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number;
}

/**
 * Opens the file store, sweeps the temp files a killed process left, and decorates the app with
 * `fileStore` and `downloadLinks`. Link keys live in the database (server_secrets), so every node
 * signs and verifies alike.
 */
export const filesPlugin = fp<FilesPluginOptions>(
  async (app, options) => {
    const keys = await loadLinkKeys(app.db, options.files);
    const links = createDownloadLinks({ publicUrl: options.publicUrl, ...keys, ttlSeconds: options.files.linkTtlSeconds, now: options.now });
    const store = await createFileStore(options.files, { links, now: options.now });
    const swept = await store.sweepTempFiles();
    if (swept > 0) app.log.info({ swept }, 'removed temp files left by interrupted uploads');
    app.decorate('fileStore', store);
    app.decorate('downloadLinks', links);
    app.addHook('onClose', async () => {
      await store.close();
    });
  },
  { name: 'files', dependencies: ['database'] },
);

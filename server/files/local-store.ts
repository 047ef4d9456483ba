import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FilesConfig } from '../config.js';
import type { DownloadLinks } from './links.js';
import { checkKey, checkRange, fileMissing, newKey, spool } from './store.js';
import type { ByteRange, DownloadUrlInput, FileStore, FileStoreOptions, PutOptions, PutSource, StoredFile } from './store.js';
import { removeQuietly, sweepTempFiles, tempPath } from './temp.js';

/**
 * Files on local disk under `<dataDir>/files/<prefix>/<key>`. A file is written completely under a
 * temp name in `<dataDir>/tmp`, flushed, then renamed into place, so a crash leaves either the whole
 * file or only a temp file that the next start sweeps away.
 */
export class LocalFileStore implements FileStore {
  readonly kind = 'local' as const;
  readonly maxUploadBytes: number;
  readonly tempDir: string;
  private readonly root: string;
  private readonly links: DownloadLinks;

  constructor(config: FilesConfig, store: { root: string }, options: FileStoreOptions) {
    this.maxUploadBytes = config.maxUploadBytes;
    this.tempDir = config.tempDir;
    this.root = path.resolve(store.root);
    this.links = options.links;
  }

  async put(source: PutSource, options: PutOptions): Promise<StoredFile> {
    const key = newKey(options.keyPrefix);
    const file = 'tempFile' in source ? source : await spool(source, this.tempDir);
    const target = this.pathOf(key);
    try {
      await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const handle = await fs.open(file.tempFile, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await moveInto(file.tempFile, target, this.tempDir);
      await syncDirectory(path.dirname(target));
    } catch (error) {
      await removeQuietly(file.tempFile);
      throw error;
    }
    return { key, size: file.size, sha256: file.sha256 };
  }

  async open(key: string, range?: ByteRange): Promise<Readable> {
    checkRange(range);
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.pathOf(key), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw fileMissing();
      throw error;
    }
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async head(key: string): Promise<{ size: number } | undefined> {
    const stat = await fs.stat(this.pathOf(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    return stat ? { size: stat.size } : undefined;
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  async downloadUrl(input: DownloadUrlInput) {
    return this.links.signDownload({ workspaceId: input.workspaceId, documentId: input.documentId, expiresInSeconds: input.expiresInSeconds });
  }

  sweepTempFiles(): Promise<number> {
    return sweepTempFiles(this.tempDir);
  }

  async close(): Promise<void> {}

  private pathOf(key: string): string {
    const file = path.join(this.root, ...checkKey(key).split('/'));
    // checkKey already rules out `..`; this is the second lock on the same door.
    if (!file.startsWith(this.root + path.sep)) throw fileMissing();
    return file;
  }
}

/**
 * rename() is atomic on one file system. When the temp dir is on another (EXDEV), the bytes are
 * copied to a temp name on the target's file system first and that is renamed.
 */
async function moveInto(from: string, to: string, tempDir: string): Promise<void> {
  try {
    await fs.rename(from, to);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
  }
  const beside = path.join(path.dirname(to), path.basename(await tempPath(tempDir, 'store')));
  try {
    await fs.copyFile(from, beside);
    await fs.rename(beside, to);
  } catch (error) {
    await removeQuietly(beside);
    throw error;
  }
  await removeQuietly(from);
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some file systems do not sync directories; the rename is still atomic.
  } finally {
    await handle.close();
  }
}

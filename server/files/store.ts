import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FilesConfig } from '../config.js';
import { newId } from '../lib/ids.js';
import { Problem } from '../lib/problem.js';
import type { DownloadLink, DownloadLinks } from './links.js';
import { removeQuietly, tempPath } from './temp.js';

/** What a store keeps: `key` is the only handle; size and hash are for the caller's row. */
export interface StoredFile {
  key: string;
  size: number;
  /** Lowercase hex SHA-256 of the bytes. */
  sha256: string;
}

/**
 * A stream of bytes to store, or a complete file in the store's temp dir that the store takes over
 * (moves or uploads, then deletes): what receiveUpload hands it.
 */
export type PutSource = Readable | { tempFile: string; size: number; sha256: string };

export interface PutOptions {
  /** The canonical type of the bytes (S3 keeps it as the object's Content-Type). */
  contentType: string;
  /** A folder for the key, e.g. the workspace id: `[A-Za-z0-9_-]{1,64}`. */
  keyPrefix?: string;
}

/** An inclusive byte range, as in HTTP. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface DownloadUrlInput {
  key: string;
  workspaceId: string;
  documentId: string;
  fileName: string;
  contentType: string;
  /** Default: `TABA_FILE_LINK_TTL_SECONDS` (300); at most 3600. */
  expiresInSeconds?: number;
}

export interface FileStore {
  readonly kind: 'local' | 's3';
  /** `MAX_UPLOAD_BYTES`: receiveUpload's default limit. */
  readonly maxUploadBytes: number;
  /** Where uploads are spooled until complete (`<dataDir>/tmp`). */
  readonly tempDir: string;
  /** Stores the bytes under a new random key; no partial object is ever visible under that key. */
  put(source: PutSource, options: PutOptions): Promise<StoredFile>;
  /** The object's bytes (or an inclusive range of them); 404 `file_missing` when there is no such object. */
  open(key: string, range?: ByteRange): Promise<Readable>;
  head(key: string): Promise<{ size: number } | undefined>;
  /** Removes the object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** A short-lived URL a browser can download the file from as an attachment. */
  downloadUrl(input: DownloadUrlInput): Promise<DownloadLink>;
  /** Removes temp files left by killed processes (the plugin runs it at start). */
  sweepTempFiles(): Promise<number>;
  close(): Promise<void>;
}

export interface FileStoreOptions {
  /** Signs the local store's download links. */
  links: DownloadLinks;
  /** Milliseconds since the epoch; tests move it (presigned URL expiry). */
  now?: () => number;
}

/** The store `config.store` names. The S3 SDK is loaded only when S3 is configured. */
export async function createFileStore(config: FilesConfig, options: FileStoreOptions): Promise<FileStore> {
  if (config.store.kind === 's3') {
    const { S3FileStore } = await import('./s3-store.js');
    return new S3FileStore(config, config.store, options);
  }
  const { LocalFileStore } = await import('./local-store.js');
  return new LocalFileStore(config, config.store, options);
}

const KEY = /^(?:[A-Za-z0-9_-]{1,64}\/)?file_[a-z2-7]{20}$/;
const PREFIX = /^[A-Za-z0-9_-]{1,64}$/;

/** A fresh random key, under `prefix` when given. */
export function newKey(prefix: string | undefined): string {
  if (prefix !== undefined && !PREFIX.test(prefix)) throw new TypeError('FileStore.put: keyPrefix must match [A-Za-z0-9_-]{1,64}');
  const id = newId('file');
  return prefix ? `${prefix}/${id}` : id;
}

/** Keys come from rows, but a key that is not one the store makes never reaches the disk or bucket. */
export function checkKey(key: string): string {
  if (!KEY.test(key)) throw fileMissing();
  return key;
}

export function checkRange(range: ByteRange | undefined): void {
  if (range && !(Number.isSafeInteger(range.start) && Number.isSafeInteger(range.end) && range.start >= 0 && range.end >= range.start)) {
    throw new RangeError('FileStore.open: range must be 0 <= start <= end');
  }
}

export function fileMissing(): Problem {
  return new Problem(404, 'file_missing', 'File missing', 'The stored file for this document is missing.');
}

/** Writes a stream to a new temp file, hashing and counting; the temp file is removed on failure. */
export async function spool(source: Readable, tempDir: string): Promise<{ tempFile: string; size: number; sha256: string }> {
  const tempFile = await tempPath(tempDir, 'store');
  const hash = createHash('sha256');
  let size = 0;
  try {
    await pipeline(
      source,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      },
      createWriteStream(tempFile, { flags: 'wx', mode: 0o600 }),
    );
  } catch (error) {
    await removeQuietly(tempFile);
    throw error;
  }
  return { tempFile, size, sha256: hash.digest('hex') };
}

import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { FilesConfig } from '../config.js';
import { MAX_LINK_SECONDS } from './links.js';
import { contentDisposition } from './names.js';
import { checkKey, checkRange, fileMissing, newKey, spool } from './store.js';
import type { ByteRange, DownloadUrlInput, FileStore, FileStoreOptions, PutOptions, PutSource, StoredFile } from './store.js';
import { removeQuietly, sweepTempFiles } from './temp.js';

type S3Settings = Extract<FilesConfig['store'], { kind: 's3' }>;

/**
 * Files in an S3-compatible bucket. Credentials come the SDK's usual way (AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY, a profile, an instance role). An upload is first complete in the temp dir and
 * then sent with one PutObject, which S3 applies atomically: a killed upload leaves no object.
 */
export class S3FileStore implements FileStore {
  readonly kind = 's3' as const;
  readonly maxUploadBytes: number;
  readonly tempDir: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly ttlSeconds: number;
  private readonly now: () => number;

  constructor(config: FilesConfig, settings: S3Settings, options: FileStoreOptions) {
    this.maxUploadBytes = config.maxUploadBytes;
    this.tempDir = config.tempDir;
    this.bucket = settings.bucket;
    this.prefix = settings.prefix ? `${settings.prefix}/` : '';
    this.ttlSeconds = config.linkTtlSeconds;
    this.now = options.now ?? Date.now;
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
      forcePathStyle: settings.forcePathStyle,
      // Checksums only where S3 requires them: the SDK's default streaming checksum trailers are not
      // understood by many S3-compatible servers. PutObject sends its own SHA-256 instead.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(source: PutSource, options: PutOptions): Promise<StoredFile> {
    const key = newKey(options.keyPrefix);
    const file = 'tempFile' in source ? source : await spool(source, this.tempDir);
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.prefix + key,
          Body: createReadStream(file.tempFile),
          ContentLength: file.size,
          ContentType: options.contentType,
          // S3 checks the bytes it received against this and refuses the object if they differ.
          ChecksumSHA256: Buffer.from(file.sha256, 'hex').toString('base64'),
        }),
      );
    } finally {
      await removeQuietly(file.tempFile);
    }
    return { key, size: file.size, sha256: file.sha256 };
  }

  async open(key: string, range?: ByteRange): Promise<Readable> {
    checkRange(range);
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
      );
      const body = object.Body;
      if (body instanceof Readable) return body;
      if (!body) throw fileMissing();
      return Readable.fromWeb(body.transformToWebStream() as Parameters<typeof Readable.fromWeb>[0]);
    } catch (error) {
      throw missingIfNotFound(error);
    }
  }

  async head(key: string): Promise<{ size: number } | undefined> {
    try {
      const object = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return { size: object.ContentLength ?? 0 };
    } catch (error) {
      if (missingIfNotFound(error) !== error) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  /** A presigned GET that answers as an attachment with the stored type, valid as long as a local link. */
  async downloadUrl(input: DownloadUrlInput) {
    const expiresIn = input.expiresInSeconds ?? this.ttlSeconds;
    if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_LINK_SECONDS) {
      throw new RangeError(`downloadUrl: expiresInSeconds must be an integer from 1 to ${MAX_LINK_SECONDS}`);
    }
    // Whole seconds, as X-Amz-Date has no fractions.
    const signedAt = Math.floor(this.now() / 1000) * 1000;
    const url = await getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(input.key),
        ResponseContentDisposition: contentDisposition(input.fileName),
        ResponseContentType: input.contentType,
        ResponseCacheControl: 'private, no-store',
      }),
      { expiresIn, signingDate: new Date(signedAt) },
    );
    return { url, expiresAt: new Date(signedAt + expiresIn * 1000).toISOString() };
  }

  sweepTempFiles(): Promise<number> {
    return sweepTempFiles(this.tempDir);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private objectKey(key: string): string {
    return this.prefix + checkKey(key);
  }
}

function missingIfNotFound(error: unknown): unknown {
  if (error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404)) {
    return fileMissing();
  }
  return error;
}

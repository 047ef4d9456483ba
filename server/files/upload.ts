import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Problem } from '../lib/problem.js';
import { cleanFileName } from './names.js';
import { classify, FILE_TYPE_IDS, Sniffer, type FileTypeId } from './sniff.js';
import type { FileStore } from './store.js';
import { removeQuietly, tempPath } from './temp.js';

/**
 * Teaches a scope to accept `multipart/form-data`. Register it in the encapsulated scope that holds
 * the upload routes only: everywhere else such a body keeps answering 415 as before. The real limits
 * are set per request by receiveUpload; these are the strictest defaults for anything else.
 */
export const multipartSupport = fp(
  async (scope: FastifyInstance) => {
    await scope.register(fastifyMultipart, {
      throwFileSizeLimit: true,
      limits: { fields: 0, files: 1, parts: 1, fieldNameSize: 100, fieldSize: 1024, headerPairs: 20 },
    });
  },
  { name: 'taba-multipart' },
);

export interface UploadField {
  /** Longest value in characters. */
  maxLength: number;
  required?: boolean;
}

export interface UploadOptions {
  /** The file part's field name (default `file`). */
  fileField?: string;
  /** The small text fields allowed beside the file; any other field is 400 `unknown_field`. */
  fields?: Record<string, UploadField>;
  /** Default: the store's maxUploadBytes (`MAX_UPLOAD_BYTES`). */
  maxBytes?: number;
  /** Default: every type in FILE_TYPES. */
  allowedTypes?: readonly FileTypeId[];
  /** Folder for the key, e.g. the workspace id. */
  keyPrefix?: string;
}

export interface ReceivedUpload {
  key: string;
  size: number;
  /** Lowercase hex. */
  sha256: string;
  /** From the bytes, e.g. `application/pdf`, `text/csv; charset=utf-8`. */
  contentType: string;
  fileType: FileTypeId;
  /** Cleaned; the type's extension added when the name had none. */
  fileName: string;
  fields: Record<string, string>;
}

/**
 * Reads one multipart file (and the allowed text fields) from the request, streaming it to a temp file
 * while hashing, counting and sniffing it, checks it, then puts it into the store. Never holds the file
 * in memory. On any failure nothing is left behind: no temp file, no object. Throws Problem:
 * 413 `file_too_large`; 415 `file_type_not_allowed`, `file_type_mismatch`, `multipart_required`;
 * 400 `empty_file`, `file_required`, `too_many_files`, `too_many_parts`, `too_many_fields`,
 * `unknown_field`, `duplicate_field`, `field_too_long`, `field_required`, `invalid_multipart`.
 */
export async function receiveUpload(request: FastifyRequest, store: FileStore, options: UploadOptions = {}): Promise<ReceivedUpload> {
  if (typeof request.isMultipart !== 'function') throw new Error('receiveUpload: register multipartSupport in the route scope');
  if (!request.isMultipart()) {
    throw new Problem(415, 'multipart_required', 'Multipart body required', 'Send the file as multipart/form-data.');
  }
  const fileField = options.fileField ?? 'file';
  const specs = options.fields ?? {};
  const fieldCount = Object.keys(specs).length;
  const maxBytes = options.maxBytes ?? store.maxUploadBytes;
  const longestField = Math.max(1, ...Object.values(specs).map((spec) => spec.maxLength));

  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  let file: { tempFile: string; size: number; sha256: string; name: string; declaredType: string; sniffer: Sniffer } | undefined;
  let tempFile: string | undefined;
  try {
    const parts = request.parts({
      limits: {
        fileSize: maxBytes,
        files: 1,
        fields: fieldCount,
        // One more than files + fields, so a second file answers too_many_files rather than too_many_parts;
        // the parts limit is the backstop behind those two.
        parts: fieldCount + 2,
        // Characters can take 4 bytes; the length in characters is checked below.
        fieldSize: longestField * 4,
        fieldNameSize: 100,
        headerPairs: 20,
      },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== fileField) {
          part.file.resume();
          throw unknownField(part.fieldname);
        }
        tempFile = await tempPath(store.tempDir, 'upload');
        const sniffer = new Sniffer();
        const hash = createHash('sha256');
        let size = 0;
        await pipeline(
          part.file,
          async function* (chunks: AsyncIterable<Buffer>) {
            for await (const chunk of chunks) {
              hash.update(chunk);
              sniffer.update(chunk);
              size += chunk.length;
              yield chunk;
            }
          },
          createWriteStream(tempFile, { flags: 'wx', mode: 0o600 }),
        );
        // Busboy stops at fileSize bytes and marks the stream truncated: the file had more.
        if (part.file.truncated || size > maxBytes) throw tooLarge(maxBytes);
        file = { tempFile, size, sha256: hash.digest('hex'), name: part.filename, declaredType: part.mimetype, sniffer };
      } else {
        const spec = Object.hasOwn(specs, part.fieldname) ? specs[part.fieldname] : undefined;
        if (!spec || part.fieldnameTruncated) throw unknownField(part.fieldname);
        if (Object.hasOwn(fields, part.fieldname)) {
          throw new Problem(400, 'duplicate_field', 'Field sent twice', `The field ${part.fieldname} was sent more than once.`);
        }
        if (typeof part.value !== 'string') throw invalidMultipart(`The field ${part.fieldname} must be plain text.`);
        if (part.valueTruncated || [...part.value].length > spec.maxLength) {
          throw new Problem(400, 'field_too_long', 'Field too long', `The field ${part.fieldname} may have at most ${spec.maxLength} characters.`, [
            { field: part.fieldname, message: `must have at most ${spec.maxLength} characters` },
          ]);
        }
        fields[part.fieldname] = part.value;
      }
    }
    if (!file) throw new Problem(400, 'file_required', 'File required', `Send the file in the multipart field "${fileField}".`);
    if (file.size === 0) throw new Problem(400, 'empty_file', 'Empty file', 'The file has no content.');
    for (const [name, spec] of Object.entries(specs)) {
      if (spec.required && !Object.hasOwn(fields, name)) {
        throw new Problem(400, 'field_required', 'Field required', `The field ${name} is required.`, [{ field: name, message: 'is required' }]);
      }
    }
    const classified = classify(await file.sniffer.finish(file.tempFile), {
      fileName: cleanFileName(file.name),
      declaredType: file.declaredType,
      allowed: options.allowedTypes ?? FILE_TYPE_IDS,
    });
    // The store takes the temp file over from here (moves it, or uploads and deletes it).
    tempFile = undefined;
    const stored = await store.put(
      { tempFile: file.tempFile, size: file.size, sha256: file.sha256 },
      { contentType: classified.contentType, keyPrefix: options.keyPrefix },
    );
    return {
      key: stored.key,
      size: stored.size,
      sha256: stored.sha256,
      contentType: classified.contentType,
      fileType: classified.type,
      fileName: classified.fileName,
      fields: { ...fields },
    };
  } catch (error) {
    discardRestOfBody(request);
    throw toProblem(error, maxBytes, fieldCount);
  } finally {
    await removeQuietly(tempFile);
  }
}

/**
 * Runs the caller's database work for an upload already in the store; if it throws, the object is
 * deleted (best effort) and the error rethrown, so a failed transaction leaves no orphan object.
 */
export async function withUploadCleanup<T>(store: FileStore, upload: { key: string }, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await discardUpload(store, upload.key);
    throw error;
  }
}

/** Deletes a stored upload; never throws (a failure is reported on stderr with the key, for cleanup). */
export async function discardUpload(store: FileStore, key: string): Promise<void> {
  try {
    await store.delete(key);
  } catch (error) {
    process.emitWarning(`Could not delete the orphaned upload ${key}: ${(error as Error).message}`, 'TabaFileOrphan');
  }
}

/**
 * After an early refusal (an unknown field before a large file, a second file) the client is still
 * sending. The parser stops reading, so without this the connection would stall until the request
 * timeout: the rest is read and dropped, the client gets the answer when it has sent its body, and
 * the connection stays usable. Senders slower than the server's request timeout are cut off by it.
 */
function discardRestOfBody(request: FastifyRequest): void {
  const raw = request.raw;
  if (raw.readableEnded || raw.destroyed) return;
  raw.unpipe();
  raw.resume();
}

function toProblem(error: unknown, maxBytes: number, fieldCount: number): unknown {
  if (error instanceof Problem) return error;
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(maxBytes);
    case 'FST_FILES_LIMIT':
      return new Problem(400, 'too_many_files', 'Too many files', 'Send exactly one file per upload.');
    case 'FST_FIELDS_LIMIT':
      return fieldCount === 0 ? unknownField(undefined) : new Problem(400, 'too_many_fields', 'Too many fields', `At most ${fieldCount} fields are accepted.`);
    case 'FST_PARTS_LIMIT':
      return new Problem(400, 'too_many_parts', 'Too many parts', `At most one file and ${fieldCount} fields are accepted.`);
    case 'FST_PROTO_VIOLATION':
      return unknownField(undefined);
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return invalidMultipart('Fields must be plain text.');
    case 'FST_MP_PREMATURE_CLOSE':
      return invalidMultipart('The request ended before the multipart body was complete.');
  }
  // Busboy's own parse errors (no boundary, malformed part headers, a truncated body).
  if (error instanceof Error && !('code' in error) && /multipart|boundary|part|unexpected end/i.test(error.message)) {
    return invalidMultipart(error.message);
  }
  return error;
}

function tooLarge(maxBytes: number): Problem {
  return new Problem(413, 'file_too_large', 'File too large', `Files may have at most ${maxBytes} bytes.`);
}

function unknownField(name: string | undefined): Problem {
  return new Problem(400, 'unknown_field', 'Unknown field', name ? `The field ${name} is not accepted here.` : 'The body has a field that is not accepted here.');
}

function invalidMultipart(detail: string): Problem {
  return new Problem(400, 'invalid_multipart', 'Invalid multipart body', detail);
}

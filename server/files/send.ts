import type { FastifyReply } from 'fastify';
import { Problem } from '../lib/problem.js';
import { sendProblem } from '../plugins/errors.js';
import { contentDisposition } from './names.js';
import type { ByteRange, FileStore } from './store.js';

export interface SendableFile {
  key: string;
  size: number;
  /** The type stored with the file (from its bytes at upload). */
  contentType: string;
  fileName: string;
  /** When given, the ETag, so `If-Range` works. */
  sha256?: string;
}

/**
 * Streams a stored file as an attachment: the stored type, `nosniff`, `private, no-store`, a
 * sandboxing CSP in case a browser renders it anyway. One `Range` (`bytes=a-b`, `a-`, `-n`) answers 206
 * with Content-Range; a range that starts past the end answers 416. Several ranges, other units or
 * a malformed header are ignored and the whole file is sent (RFC 9110 allows ignoring Range).
 */
export async function sendFile(reply: FastifyReply, store: FileStore, file: SendableFile, rangeHeader?: string): Promise<FastifyReply> {
  const etag = file.sha256 ? `"${file.sha256}"` : undefined;
  let range = parseRange(rangeHeader, file.size);
  const ifRange = reply.request.headers['if-range'];
  // A range only applies to the version the client already has part of.
  if (range !== undefined && ifRange !== undefined && ifRange !== etag) range = undefined;
  if (range === 'unsatisfiable') {
    reply.header('content-range', `bytes */${file.size}`);
    return sendProblem(
      reply,
      reply.request,
      new Problem(416, 'range_not_satisfiable', 'Range not satisfiable', `The file has ${file.size} bytes; ask for a range that starts before the end.`),
    );
  }
  const stream = await store.open(file.key, range);
  reply.header('content-type', file.contentType);
  reply.header('content-disposition', contentDisposition(file.fileName));
  reply.header('x-content-type-options', 'nosniff');
  reply.header('cache-control', 'private, no-store');
  reply.header('content-security-policy', "default-src 'none'; sandbox");
  reply.header('accept-ranges', 'bytes');
  if (etag) reply.header('etag', etag);
  if (range) {
    reply.code(206);
    reply.header('content-range', `bytes ${range.start}-${range.end}/${file.size}`);
    reply.header('content-length', range.end - range.start + 1);
  } else {
    reply.header('content-length', file.size);
  }
  return reply.send(stream);
}

/** The one range a `Range` header asks for; undefined when the whole file is to be sent. */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return undefined; // other units, several ranges, or nonsense
  const [, first, last] = match as unknown as [string, string, string];
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Number(last);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return undefined; // invalid: ignored
  return { start, end: Math.min(end, size - 1) };
}

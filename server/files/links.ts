import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FilesConfig } from '../config.js';
import type { DB } from '../db/schema.js';
import { Problem } from '../lib/problem.js';
import { serverSecret } from '../lib/server-secrets.js';

/**
 * Download links for files on the local store: the server's own short-lived signed URLs, so a
 * browser can fetch a file with a plain link (no bearer header) and the link is worth nothing after
 * it expires or for any other document. S3 uses presigned URLs instead (s3-store.ts).
 *
 * The signature is HMAC-SHA256 over method, path, workspace id, document id, expiry and key id; the
 * key id names which secret signed, so secrets can rotate while older links run out.
 */
export const DOWNLOAD_ROUTE = '/v1/downloads/:workspaceId/:documentId';
const DOWNLOAD_PATH = /^\/v1\/downloads\/([^/?#]+)\/([^/?#]+)$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
export const MAX_LINK_SECONDS = 3600;

export interface LinkKey {
  id: string;
  secret: string;
}

export interface DownloadLink {
  url: string;
  /** ISO 8601, whole seconds. */
  expiresAt: string;
}

export interface DownloadLinks {
  /** A link to `DOWNLOAD_ROUTE` valid for `expiresInSeconds` (default from config, 1–3600). */
  signDownload(input: { workspaceId: string; documentId: string; expiresInSeconds?: number }): DownloadLink;
  /**
   * The workspace and document a request's link was signed for. Throws 403 `download_link_invalid`
   * for any change to the link, an unknown key or another path, and 410 `download_link_expired` for
   * an untouched link past its expiry. HEAD is checked as GET.
   */
  verifyDownload(request: { method: string; url: string }): { workspaceId: string; documentId: string };
}

export interface DownloadLinkOptions {
  /** Where customers reach the server (`PUBLIC_URL`); links are absolute. */
  publicUrl: string;
  current: LinkKey;
  /** Keys whose links are still accepted but no longer issued. */
  previous?: LinkKey[];
  ttlSeconds?: number;
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number;
}

export function createDownloadLinks(options: DownloadLinkOptions): DownloadLinks {
  const keys = new Map<string, Buffer>();
  for (const key of [...(options.previous ?? []), options.current]) keys.set(key.id, Buffer.from(key.secret));
  const now = options.now ?? Date.now;
  const ttl = options.ttlSeconds ?? 300;
  const base = options.publicUrl.replace(/\/+$/, '');

  const mac = (secret: Buffer, fields: { path: string; workspaceId: string; documentId: string; expires: string; keyId: string }) =>
    createHmac('sha256', secret)
      .update(['GET', fields.path, fields.workspaceId, fields.documentId, fields.expires, fields.keyId].join('\n'))
      .digest();

  return {
    signDownload({ workspaceId, documentId, expiresInSeconds = ttl }) {
      if (!ID.test(workspaceId) || !ID.test(documentId)) throw new TypeError('signDownload: workspace and document ids must be plain ids');
      if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > MAX_LINK_SECONDS) {
        throw new RangeError(`signDownload: expiresInSeconds must be an integer from 1 to ${MAX_LINK_SECONDS}`);
      }
      const expires = String(Math.floor(now() / 1000) + expiresInSeconds);
      const path = `/v1/downloads/${workspaceId}/${documentId}`;
      const signature = mac(keys.get(options.current.id)!, { path, workspaceId, documentId, expires, keyId: options.current.id });
      const query = new URLSearchParams({ expires, kid: options.current.id, sig: signature.toString('base64url') });
      return { url: `${base}${path}?${query}`, expiresAt: new Date(Number(expires) * 1000).toISOString() };
    },

    verifyDownload(request) {
      const method = request.method.toUpperCase() === 'HEAD' ? 'GET' : request.method.toUpperCase();
      const url = new URL(request.url, 'http://link.invalid');
      const match = DOWNLOAD_PATH.exec(url.pathname);
      const params = url.searchParams;
      const single = (name: string) => (params.getAll(name).length === 1 ? params.get(name)! : undefined);
      const expires = single('expires');
      const keyId = single('kid');
      const signature = single('sig');
      if (method !== 'GET' || !match || expires === undefined || keyId === undefined || signature === undefined) throw invalid();
      const [workspaceId, documentId] = [match[1]!, match[2]!];
      const secret = keys.get(keyId);
      if (!ID.test(workspaceId) || !ID.test(documentId) || !/^\d{1,12}$/.test(expires) || !secret) throw invalid();
      const expected = mac(secret, { path: url.pathname, workspaceId, documentId, expires, keyId });
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
      if (Number(expires) * 1000 <= now()) {
        throw new Problem(410, 'download_link_expired', 'Download link expired', 'This download link has expired; ask for a new one.');
      }
      return { workspaceId, documentId };
    },
  };
}

function invalid(): Problem {
  return new Problem(403, 'download_link_invalid', 'Download link invalid', 'This download link is not valid.');
}

/** The current and accepted link keys; each secret is created in the database on first use (server_secrets). */
export async function loadLinkKeys(db: Kysely<DB>, files: Pick<FilesConfig, 'linkKeyId' | 'previousLinkKeyIds'>): Promise<{ current: LinkKey; previous: LinkKey[] }> {
  const load = async (id: string) => ({ id, secret: await serverSecret(db, `file_download_hs256:${id}`) });
  return { current: await load(files.linkKeyId), previous: await Promise.all(files.previousLinkKeyIds.map(load)) };
}

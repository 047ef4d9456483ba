import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { DB } from '../../db/schema.js';
import type { DownloadLink } from '../../files/index.js';
import { Problem } from '../../lib/problem.js';
import { serverSecret } from '../../lib/server-secrets.js';

/**
 * Signed links to quarantined files on the local store, built like the documents' links
 * (server/files/links.ts: HMAC-SHA256 over method, path, ids, expiry and key id, checked in
 * constant time, signature before expiry) but on their own path and with their own secrets
 * (`intake_download_hs256:<kid>`): a document link can never be turned into an intake link, nor
 * the other way round, whatever ids are put in it.
 */
const INTAKE_DOWNLOAD_PATH = /^\/v1\/intake-downloads\/([^/?#]+)\/([^/?#]+)$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_LINK_SECONDS = 3600;

export interface IntakeLinks {
  sign(input: { workspaceId: string; intakeId: string; expiresInSeconds?: number }): DownloadLink;
  /** The workspace and intake item a link was signed for; 403 `download_link_invalid`, 410 `download_link_expired`. */
  verify(request: { method: string; url: string }): { workspaceId: string; intakeId: string };
}

interface LinkKey {
  id: string;
  secret: string;
}

export function createIntakeLinks(options: { publicUrl: string; current: LinkKey; previous: LinkKey[]; ttlSeconds: number; now?: () => number }): IntakeLinks {
  const keys = new Map<string, Buffer>();
  for (const key of [...options.previous, options.current]) keys.set(key.id, Buffer.from(key.secret));
  const now = options.now ?? Date.now;
  const base = options.publicUrl.replace(/\/+$/, '');
  const mac = (secret: Buffer, fields: string[]) => createHmac('sha256', secret).update(['intake-download', 'GET', ...fields].join('\n')).digest();
  const invalid = () => new Problem(403, 'download_link_invalid', 'Download link invalid', 'This download link is not valid.');

  return {
    sign({ workspaceId, intakeId, expiresInSeconds = options.ttlSeconds }) {
      if (!ID.test(workspaceId) || !ID.test(intakeId)) throw new TypeError('sign: workspace and intake ids must be plain ids');
      if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > MAX_LINK_SECONDS) {
        throw new RangeError(`sign: expiresInSeconds must be an integer from 1 to ${MAX_LINK_SECONDS}`);
      }
      const expires = String(Math.floor(now() / 1000) + expiresInSeconds);
      const path = `/v1/intake-downloads/${workspaceId}/${intakeId}`;
      const signature = mac(keys.get(options.current.id)!, [path, workspaceId, intakeId, expires, options.current.id]);
      const query = new URLSearchParams({ expires, kid: options.current.id, sig: signature.toString('base64url') });
      return { url: `${base}${path}?${query}`, expiresAt: new Date(Number(expires) * 1000).toISOString() };
    },

    verify(request) {
      const method = request.method.toUpperCase() === 'HEAD' ? 'GET' : request.method.toUpperCase();
      const url = new URL(request.url, 'http://link.invalid');
      const match = INTAKE_DOWNLOAD_PATH.exec(url.pathname);
      const single = (name: string) => (url.searchParams.getAll(name).length === 1 ? url.searchParams.get(name)! : undefined);
      const expires = single('expires');
      const keyId = single('kid');
      const signature = single('sig');
      if (method !== 'GET' || !match || expires === undefined || keyId === undefined || signature === undefined) throw invalid();
      const [workspaceId, intakeId] = [match[1]!, match[2]!];
      const secret = keys.get(keyId);
      if (!ID.test(workspaceId) || !ID.test(intakeId) || !/^\d{1,12}$/.test(expires) || !secret) throw invalid();
      const expected = mac(secret, [url.pathname, workspaceId, intakeId, expires, keyId]);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
      if (Number(expires) * 1000 <= now()) throw new Problem(410, 'download_link_expired', 'Download link expired', 'This download link has expired; ask for a new one.');
      return { workspaceId, intakeId };
    },
  };
}

/** One set of links per database (every node reads the same secrets), made on first use. */
const byDatabase = new WeakMap<Kysely<DB>, Promise<IntakeLinks>>();

export function intakeLinksFor(db: Kysely<DB>, config: Pick<Config, 'publicUrl' | 'files'>): Promise<IntakeLinks> {
  let links = byDatabase.get(db);
  if (!links) {
    const load = async (id: string) => ({ id, secret: await serverSecret(db, `intake_download_hs256:${id}`) });
    links = (async () => {
      const current = await load(config.files.linkKeyId);
      const previous = await Promise.all(config.files.previousLinkKeyIds.map(load));
      return createIntakeLinks({ publicUrl: config.publicUrl, current, previous, ttlSeconds: config.files.linkTtlSeconds });
    })();
    links.catch(() => byDatabase.delete(db));
    byDatabase.set(db, links);
  }
  return links;
}

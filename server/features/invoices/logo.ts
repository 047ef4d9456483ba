import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { resolvePublicAddresses } from '../webhooks/private-address.js';

/** A logo the PDF can embed: its bytes and which decoder they need. */
export interface LogoImage {
  type: 'png' | 'jpeg';
  bytes: Uint8Array;
}

export const LOGO_TIMEOUT_MS = 3_000;
export const LOGO_MAX_BYTES = 1024 * 1024;
export const LOGO_CACHE_MS = 10 * 60_000;
const CACHE_MAX_ENTRIES = 200;
/** As the brand settings allow (server/features/settings/brand.ts): http only on the developer's own machine. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];

/** PNG or JPEG by its first bytes, whatever the server's content type says; anything else is refused. */
export function imageTypeOf(bytes: Uint8Array): LogoImage['type'] | undefined {
  const starts = (magic: number[]) => bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte);
  if (starts(PNG_MAGIC)) return 'png';
  if (starts(JPEG_MAGIC)) return 'jpeg';
  return undefined;
}

const cache = new Map<string, { at: number; logo: LogoImage | undefined }>();

/** For tests: forget every fetched logo. */
export function clearLogoCache(): void {
  cache.clear();
}

/**
 * The workspace's logo for an invoice PDF, or undefined: a missing logo never fails a PDF. The URL
 * must be https (http only for localhost and 127.0.0.1, as the settings allow); any other host is
 * resolved and refused when an address is private, loopback or link-local, and the connection goes
 * to exactly the checked address (no second lookup to rebind). No redirect is followed, the whole
 * fetch has 3 seconds, the body at most 1 MiB, and only PNG or JPEG bytes (by their magic numbers)
 * are kept. Answers, failures too, are cached by URL for 10 minutes, so a slow or broken logo host
 * costs one attempt per 10 minutes rather than one per PDF.
 */
export async function fetchLogo(url: string, now = Date.now()): Promise<LogoImage | undefined> {
  const cached = cache.get(url);
  if (cached && now - cached.at < LOGO_CACHE_MS) return cached.logo;
  let logo: LogoImage | undefined;
  try {
    logo = await download(url);
  } catch {
    logo = undefined;
  }
  if (cache.size >= CACHE_MAX_ENTRIES) {
    for (const [key, entry] of cache) if (now - entry.at >= LOGO_CACHE_MS) cache.delete(key);
    if (cache.size >= CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  cache.set(url, { at: now, logo });
  return logo;
}

async function download(address: string): Promise<LogoImage | undefined> {
  const url = new URL(address);
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) return undefined;
  if (url.username || url.password) return undefined;
  const timeout = AbortSignal.timeout(LOGO_TIMEOUT_MS);
  // The developer's own machine may be reached as such; any other host only at public addresses.
  const resolved = await resolvePublicAddresses(url.hostname, local);
  if ('refusal' in resolved) return undefined;
  const pinned = resolved.addresses;
  const lookup: LookupFunction = (_hostname, options, callback) => {
    const first = pinned[0]!;
    if (options.all) callback(null, pinned);
    else callback(null, first.address, first.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  const bytes = await new Promise<Uint8Array | undefined>((resolve) => {
    const request = client.get(url, { lookup, signal: timeout, headers: { accept: 'image/png, image/jpeg', 'user-agent': 'taba-portal-invoices/1' } }, (response) => {
      // Redirects are not followed: a 3xx, like any status but 200, means no logo.
      const length = Number(response.headers['content-length'] ?? 0);
      if (response.statusCode !== 200 || length > LOGO_MAX_BYTES) {
        response.destroy();
        resolve(undefined);
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > LOGO_MAX_BYTES) {
          response.destroy();
          resolve(undefined);
          return;
        }
        chunks.push(chunk);
      });
      response.once('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      response.once('close', () => resolve(undefined));
      response.once('error', () => resolve(undefined));
    });
    request.once('error', () => resolve(undefined));
  });
  if (!bytes) return undefined;
  const type = imageTypeOf(bytes);
  return type ? { type, bytes } : undefined;
}

import { isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';
import { Problem } from '../../lib/problem.js';

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/**
 * The origin exactly as a browser sends it in `Origin`, or a 400 `invalid_origin` naming the value
 * and the field: the comparison with `Origin` headers is exact, so anything else could never match.
 * Upper case, a trailing `/`, a default port and an IDN in Unicode are normalised the way browsers do.
 */
export function normaliseOrigin(value: string, field = 'body.allowedOrigins'): string {
  const result = parseOrigin(value);
  if (typeof result === 'string') return result;
  throw new Problem(
    400,
    'invalid_origin',
    'Invalid origin',
    `${JSON.stringify(value)} is not an origin: ${result.reason}. An origin is scheme://host[:port], e.g. https://www.example.com or http://127.0.0.1:3000.`,
    [{ field, message: result.reason }],
  );
}

/** The canonical origin, or why the value is not one. */
export function parseOrigin(value: string): string | { reason: string } {
  if (/[\s\p{Cc}]/u.test(value)) return { reason: 'it contains spaces or control characters' };
  const match = /^([^:/?#]*):\/\/([^/?#]*)(.*)$/.exec(value);
  if (!match) return { reason: 'it does not start with http:// or https://' };
  const [, rawScheme = '', authority = '', rest = ''] = match;
  const scheme = `${rawScheme.toLowerCase()}:`;
  if (!(scheme in DEFAULT_PORTS)) return { reason: `the scheme is ${JSON.stringify(rawScheme)}; only http and https pages have an origin` };
  if (rest !== '' && rest !== '/') return { reason: 'it has a path, query or fragment; an origin ends after the host and port' };
  if (authority.includes('@')) return { reason: 'it contains a user name or password' };

  if (!authority.startsWith('[') && authority.split(':').length > 2) return { reason: 'an IPv6 address must be in brackets, e.g. http://[::1]:3000' };
  const parts = /^(\[[^\]]*\]|[^:[\]]*)(?::(.*))?$/.exec(authority);
  if (!parts) return { reason: 'it is not host[:port] after the scheme' };
  const [, rawHost = '', port] = parts;
  const host = normaliseHost(rawHost);
  if (typeof host !== 'string') return host;
  if (port !== undefined && !(/^[1-9][0-9]{0,4}$/.test(port) && Number(port) <= 65_535)) {
    return { reason: `the port ${JSON.stringify(port)} is not a number from 1 to 65535` };
  }
  const shownPort = port === undefined || port === DEFAULT_PORTS[scheme] ? '' : `:${port}`;
  return `${scheme}//${host}${shownPort}`;
}

/** A host name (as punycode), a dotted IPv4 address or a bracketed IPv6 address, lower case. */
export function normaliseHost(raw: string): string | { reason: string } {
  if (raw === '') return { reason: 'it has no host' };
  if (raw.startsWith('[')) {
    const address = raw.slice(1, -1);
    // Zone ids (fe80::1%eth0) are local to one machine and never appear in an Origin.
    if (address.includes('%') || !isIPv6(address)) return { reason: `${raw} is not an IPv6 address` };
    return new URL(`http://${raw}`).hostname;
  }
  if (/[^\p{L}\p{M}\p{N}.-]/u.test(raw)) return { reason: `${raw} is not a valid host name (letters, digits, hyphens and dots only)` };
  if (/^[0-9.]+$/.test(raw)) return isIPv4(raw) ? raw : { reason: `${raw} is not an IPv4 address (four numbers from 0 to 255, no leading zeros)` };
  const ascii = domainToASCII(raw);
  if (ascii === '') return { reason: `${raw} is not a valid host name` };
  // Browsers read 0x7f.1 or 1.2.3 as IPv4 addresses in other forms; only the dotted-decimal form is accepted.
  if (/^[0-9.]+$/.test(ascii)) return { reason: `${raw} is not a host name; write an IPv4 address as four numbers from 0 to 255` };
  if (ascii.endsWith('.')) return { reason: `${raw} ends with a dot` };
  if (ascii.length > 253) return { reason: 'the host name is longer than 253 characters' };
  const labels = ascii.split('.');
  const bad = labels.find((label) => !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label));
  if (bad !== undefined) return { reason: `${raw} is not a valid host name: each part between dots has 1–63 letters, digits or hyphens, not starting or ending with a hyphen` };
  return ascii;
}

function isIPv4(text: string): boolean {
  const octets = text.split('.');
  return octets.length === 4 && octets.every((octet) => /^(?:0|[1-9][0-9]{0,2})$/.test(octet) && Number(octet) <= 255);
}

/**
 * File names as users send them are untrusted: they may carry a path, control or bidi characters that
 * disguise an extension, or thousands of bytes. They are cleaned once on upload and stored clean.
 */

/** Longest stored name, in UTF-8 bytes (the usual file-system limit). */
export const MAX_FILE_NAME_BYTES = 255;

// C0 and C1 controls and DEL, plus the bidirectional and invisible format characters that can make
// `invoice‮fdp.exe` read as `invoiceexe.pdf` (U+061C, U+200B–U+200F, U+202A–U+202E, U+2060–U+2069, U+FEFF).
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
// Characters Windows refuses in names, and both path separators.
const RESERVED = /[<>:"/\\|?*]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/** The extension of a cleaned name, lower case and without the dot, or '' when it has none. */
export function extensionOf(name: string): string {
  const match = /^.+\.([A-Za-z0-9]{1,10})$/.exec(name);
  return match ? match[1]!.toLowerCase() : '';
}

/**
 * A safe file name: the last path segment only, NFC, no control or invisible characters, no
 * characters Windows refuses, no leading or trailing dots or spaces, at most 255 UTF-8 bytes with
 * the extension kept. Returns `fallback` when nothing usable is left.
 */
export function cleanFileName(raw: string | undefined, fallback = 'file'): string {
  let name = (raw ?? '').normalize('NFC');
  // Only the last segment of a path, whichever separator the sender's system uses.
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.replace(INVISIBLE, '').replace(RESERVED, '_').replace(/\s+/g, ' ');
  name = name.replace(/^[\s.]+|[\s.]+$/g, '');
  if (!name) return fallback;
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  return truncateName(name, MAX_FILE_NAME_BYTES);
}

function truncateName(name: string, maxBytes: number): string {
  if (Buffer.byteLength(name) <= maxBytes) return name;
  const extension = extensionOf(name);
  const suffix = extension ? `.${name.slice(-extension.length)}` : '';
  const stem = [...(extension ? name.slice(0, -suffix.length) : name)];
  let budget = maxBytes - Buffer.byteLength(suffix);
  let out = '';
  for (const char of stem) {
    const size = Buffer.byteLength(char);
    if (size > budget) break;
    out += char;
    budget -= size;
  }
  return out.replace(/[\s.]+$/, '') + suffix;
}

/**
 * `Content-Disposition: attachment` for a cleaned name (RFC 6266): an ASCII `filename` for old
 * clients and the exact name as `filename*=UTF-8''…` (RFC 8187).
 */
export function contentDisposition(fileName: string): string {
  return `attachment; filename="${asciiFallback(fileName)}"; filename*=UTF-8''${encodeRfc8187(fileName)}`;
}

/** Accents dropped (é → e), anything else outside printable ASCII, `"` and `\` replaced by `_`. */
export function asciiFallback(fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%]/g, '_');
  return ascii || 'file';
}

/** Percent-encodes everything outside RFC 8187 attr-char. */
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

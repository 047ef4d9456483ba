import fs from 'node:fs/promises';
import { Problem } from '../lib/problem.js';
import { extensionOf } from './names.js';

/**
 * The types an upload may have, recognised from its bytes, never from what the sender says.
 * Not allowed on purpose: HTML, SVG and XML (script), archives and executables, macro-enabled Office
 * files (they carry a `vbaProject.bin`), legacy binary Office formats, UTF-16 text.
 */
export const FILE_TYPES = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'], declared: ['application/pdf', 'application/x-pdf'] },
  png: { contentType: 'image/png', extensions: ['png'], declared: ['image/png', 'image/x-png'] },
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'], declared: ['image/jpeg', 'image/jpg', 'image/pjpeg'] },
  gif: { contentType: 'image/gif', extensions: ['gif'], declared: ['image/gif'] },
  webp: { contentType: 'image/webp', extensions: ['webp'], declared: ['image/webp'] },
  text: { contentType: 'text/plain; charset=utf-8', extensions: ['txt', 'text', 'md', 'log'], declared: ['text/plain', 'text/markdown', 'text/x-markdown'] },
  csv: {
    contentType: 'text/csv; charset=utf-8',
    extensions: ['csv'],
    // Windows browsers declare .csv as application/vnd.ms-excel.
    declared: ['text/csv', 'application/csv', 'text/x-csv', 'text/comma-separated-values', 'application/vnd.ms-excel', 'text/plain'],
  },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    declared: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    declared: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  },
  pptx: {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
    declared: ['application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  },
} as const satisfies Record<string, { contentType: string; extensions: readonly string[]; declared: readonly string[] }>;

export type FileTypeId = keyof typeof FILE_TYPES;
export const FILE_TYPE_IDS = Object.keys(FILE_TYPES) as FileTypeId[];

/** Declared types that claim nothing (what browsers and curl send for an unknown file). */
const NO_CLAIM = new Set(['', 'application/octet-stream', 'binary/octet-stream']);
const HEAD_BYTES = 16;

/**
 * Watches an upload's bytes as they stream past: keeps the first bytes for the magic numbers and
 * checks, chunk by chunk, whether the whole file is UTF-8 text without control characters.
 * ZIP-based Office files are told apart afterwards from the finished file's central directory.
 */
export class Sniffer {
  private head = Buffer.alloc(0);
  private textPossible = true;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  update(chunk: Buffer): void {
    if (this.head.length < HEAD_BYTES) this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)]);
    if (!this.textPossible) return;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      // Tab, line feed, form feed and carriage return are the only controls plain text needs.
      if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) {
        this.textPossible = false;
        return;
      }
    }
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      this.textPossible = false;
    }
  }

  /** The type of the complete file at `file` (whose bytes all went through `update`). */
  async finish(file: string): Promise<'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'text' | 'docx' | 'xlsx' | 'pptx' | undefined> {
    const head = this.head;
    const starts = (bytes: number[] | string, at = 0) =>
      (typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes)).equals(head.subarray(at, at + bytes.length));
    if (starts('%PDF-')) return 'pdf';
    if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
    if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
    if (starts('GIF87a') || starts('GIF89a')) return 'gif';
    if (starts('RIFF') && starts('WEBP', 8)) return 'webp';
    if (starts([0x50, 0x4b, 0x03, 0x04])) return officeType(await zipEntryNames(file));
    if (this.textPossible) {
      try {
        this.decoder.decode(); // an incomplete sequence at the very end is not text
        return 'text';
      } catch {
        return undefined;
      }
    }
    return undefined;
  }
}

function officeType(names: Set<string> | undefined): 'docx' | 'xlsx' | 'pptx' | undefined {
  if (!names || !names.has('[Content_Types].xml')) return undefined;
  for (const [type, folder, main] of [
    ['docx', 'word', 'word/document.xml'],
    ['xlsx', 'xl', 'xl/workbook.xml'],
    ['pptx', 'ppt', 'ppt/presentation.xml'],
  ] as const) {
    // A vbaProject.bin makes it a macro-enabled file (.docm, .xlsm, .pptm), whatever it is called.
    if (names.has(main)) return names.has(`${folder}/vbaProject.bin`) ? undefined : type;
  }
  return undefined;
}

const MAX_CENTRAL_DIRECTORY = 4 * 1024 * 1024;

/** Entry names from a ZIP file's central directory, or undefined when it is not a plain (non-ZIP64) ZIP. */
async function zipEntryNames(file: string): Promise<Set<string> | undefined> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    // End of central directory: 22 bytes plus a comment of up to 65535 bytes, at the end of the file.
    const tailLength = Math.min(size, 22 + 65_535);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let end = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        end = i;
        break;
      }
    }
    if (end < 0) return undefined;
    const entries = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (directorySize > MAX_CENTRAL_DIRECTORY || directoryOffset + directorySize > size) return undefined;
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);
    const names = new Set<string>();
    let at = 0;
    for (let n = 0; n < entries; n++) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== 0x02014b50) return undefined;
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      names.add(directory.toString('utf8', at + 46, at + 46 + nameLength));
      at += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  } finally {
    await handle.close();
  }
}

export interface Classified {
  type: FileTypeId;
  contentType: string;
  /** The cleaned name, with the type's usual extension added when it had none. */
  fileName: string;
}

/**
 * Decides an upload's type from its sniffed bytes, then checks the sender's claims against it:
 * bytes outside the allow-list → 415 `file_type_not_allowed`; an extension or a declared
 * Content-Type that names another type → 415 `file_type_mismatch`. `application/octet-stream` and
 * no extension claim nothing.
 */
export function classify(
  sniffed: Awaited<ReturnType<Sniffer['finish']>>,
  input: { fileName: string; declaredType: string | undefined; allowed: readonly FileTypeId[] },
): Classified {
  const extension = extensionOf(input.fileName);
  const declared = (input.declaredType ?? '').split(';')[0]!.trim().toLowerCase();
  if (sniffed === undefined) throw notAllowed();
  let type: FileTypeId = sniffed;
  if (sniffed === 'text') {
    // Text has no magic number: the name (or else the declared type) says which kind of text it is.
    if ((FILE_TYPES.csv.extensions as readonly string[]).includes(extension)) type = 'csv';
    else if (extension && !(FILE_TYPES.text.extensions as readonly string[]).includes(extension)) {
      const claimed = FILE_TYPE_IDS.find((id) => (FILE_TYPES[id].extensions as readonly string[]).includes(extension));
      if (claimed) throw mismatch(`The name says .${extension} but the content is plain text.`);
      throw notAllowed(`Text files must be named .txt, .md, .log or .csv, not .${extension}.`);
    } else if (!extension && declared !== 'text/plain' && (FILE_TYPES.csv.declared as readonly string[]).includes(declared)) type = 'csv';
  }
  const spec = FILE_TYPES[type];
  if (!input.allowed.includes(type)) throw notAllowed();
  if (extension && !(spec.extensions as readonly string[]).includes(extension)) {
    throw mismatch(`The name says .${extension} but the content is ${describe(type)}.`);
  }
  if (!NO_CLAIM.has(declared) && !(spec.declared as readonly string[]).includes(declared)) {
    throw mismatch(`The declared type ${declared} does not match the content, which is ${describe(type)}.`);
  }
  const fileName = extension ? input.fileName : appendExtension(input.fileName, spec.extensions[0]);
  return { type, contentType: spec.contentType, fileName };
}

function appendExtension(name: string, extension: string): string {
  const suffix = `.${extension}`;
  let stem = name;
  while (Buffer.byteLength(stem + suffix) > 255) stem = [...stem].slice(0, -1).join('');
  return stem + suffix;
}

function describe(type: FileTypeId): string {
  return type === 'text' ? 'plain text' : type === 'csv' ? 'CSV text' : `a ${type.toUpperCase()} file`;
}

function notAllowed(detail = 'Allowed are PDF, PNG, JPEG, GIF, WebP, plain text, CSV, and Word, Excel and PowerPoint files (.docx, .xlsx, .pptx).') {
  return new Problem(415, 'file_type_not_allowed', 'File type not allowed', detail);
}

function mismatch(detail: string) {
  return new Problem(415, 'file_type_mismatch', 'File type does not match its content', detail);
}

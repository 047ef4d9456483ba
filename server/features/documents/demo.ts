import { Readable } from 'node:stream';
import { crc32, deflateSync } from 'node:zlib';
import type { DemoSeed } from '../../demo/seed.js';
import { cleanFileName } from '../../files/index.js';
import { recordDocument } from './actions.js';

/** A one-page PDF with a title and a few lines, with a correct cross-reference table. */
export function demoPdf(title: string, lines: readonly string[]): Buffer {
  const escape = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);
  const text = [`BT /F1 20 Tf 72 740 Td (${escape(title)}) Tj ET`, ...lines.map((line, i) => `BT /F1 12 Tf 72 ${700 - i * 18} Td (${escape(line)}) Tj ET`)].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A small PNG: horizontal bands of the given colours. */
export function demoPng(width: number, height: number, bands: readonly [number, number, number][]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const [r, g, b] = bands[Math.floor((y * bands.length) / height)]!;
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) raw.set([r, g, b], row + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * Documents on Acme's projects, stored through the file store as an upload is: a shared brief
 * (PDF), a shared mood board (PNG) and timesheet (CSV), and the team's own notes, not shared.
 * Skipped when the seed was given no file store (a bare database).
 */
export async function seedDocuments(demo: DemoSeed): Promise<void> {
  const store = demo.fileStore;
  const website = demo.shared.get('project.website');
  const support = demo.shared.get('project.support');
  if (!store || !website || !support) return;
  const files: [projectId: string, name: string, contentType: string, data: Buffer, shared: boolean][] = [
    [
      website,
      'Project brief.pdf',
      'application/pdf',
      demoPdf('Website redesign - project brief', ['Goals: a faster catalogue and clearer navigation.', 'Milestones: wireframes, design system, templates, launch.', 'Contact: Northwind Studio']),
      true,
    ],
    [website, 'Mood board.png', 'image/png', demoPng(320, 200, [[31, 78, 121], [92, 164, 169], [237, 246, 249], [226, 149, 120]]), true],
    [support, 'Timesheet November.csv', 'text/csv; charset=utf-8', Buffer.from('date,task,hours\n2026-11-03,Dependency updates,1.5\n2026-11-17,Security patch,0.5\n'), true],
    [website, 'Internal estimate notes.txt', 'text/plain; charset=utf-8', Buffer.from('Margin target 35%. Print stylesheet dropped to stay in budget.\n'), false],
  ];
  for (const [projectId, name, contentType, data, shared] of files) {
    const stored = await store.put(Readable.from([data]), { contentType, keyPrefix: demo.workspaceId });
    await recordDocument({ ...demo.database, fileStore: store }, demo.team, projectId, { ...stored, contentType, fileName: cleanFileName(name) }, shared);
  }
}

import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

/** What the evidence certificate states; every value comes from what was recorded at the time. */
export interface CertificateFacts {
  acceptanceId: string;
  title: string;
  workspaceName: string;
  customerName: string;
  document: { id: string; name: string; size: number; contentType: string; sha256: string };
  sentAt: string;
  expiresAt: string;
  acceptedAt: string;
  fullName: string;
  contactName: string;
  contactEmail: string;
  ipAddress: string;
  userAgent: string;
  /** The sha256 of the document the contact accepted (the one they reviewed). */
  acceptedDocumentSha256: string;
}

const PAGE = { width: 595.28, height: 841.89 }; // A4
const MARGIN = 56;
const LABEL_WIDTH = 120;
/** Ids and hashes in Courier at this size: a SHA-256's 64 characters fit on one line. */
const MONO_SIZE = 9;

/**
 * The evidence certificate as a PDF: who accepted (the name as typed, the contact's name and
 * email), when (UTC), from where (IP address, user agent), which document (name and SHA-256), in
 * which workspace, and the acceptance id. The same facts are attached as `acceptance-evidence.json`
 * in UTF-8, since the PDF's standard fonts cannot draw every script a name may be typed in (such
 * characters are shown as their code points). Made from the stored facts alone, so it can be
 * rendered again at any time with the same content.
 */
export async function renderCertificate(facts: CertificateFacts): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const at = new Date(facts.acceptedAt);
  pdf.setTitle(`Certificate of acceptance ${facts.acceptanceId}`);
  pdf.setSubject(`Acceptance of ${facts.document.name} (SHA-256 ${facts.acceptedDocumentSha256})`);
  pdf.setAuthor(facts.workspaceName);
  pdf.setCreator('taba-portal');
  pdf.setProducer('taba-portal');
  pdf.setCreationDate(at);
  pdf.setModificationDate(at);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const mono = await pdf.embedFont(StandardFonts.Courier);
  const writer = new PageWriter(pdf, regular);

  writer.heading('Certificate of acceptance', bold, 20);
  writer.paragraph(
    `This certificate records that the person named below accepted the document identified below in the customer portal of ${facts.workspaceName}, by typing their full name and confirming "I have read and accept this document".`,
    regular,
    10,
  );
  writer.gap(8);

  writer.section('Acceptance', bold);
  writer.field('Acceptance id', facts.acceptanceId, mono, MONO_SIZE);
  writer.field('Title', facts.title, regular);
  writer.field('Workspace', facts.workspaceName, regular);
  writer.field('Customer', facts.customerName, regular);
  writer.field('Sent (UTC)', utc(facts.sentAt), regular);
  writer.field('Expiry (UTC)', utc(facts.expiresAt), regular);

  writer.section('Document', bold);
  writer.field('Name', facts.document.name, regular);
  writer.field('Document id', facts.document.id, mono, MONO_SIZE);
  writer.field('Type and size', `${facts.document.contentType}, ${facts.document.size} bytes`, regular);
  writer.field('SHA-256', facts.acceptedDocumentSha256, mono, MONO_SIZE);

  writer.section('Who', bold);
  writer.field('Full name as typed', facts.fullName, regular);
  writer.field('Portal contact', facts.contactName, regular);
  writer.field('Contact email', facts.contactEmail, regular);

  writer.section('When and from where', bold);
  writer.field('Accepted at (UTC)', utc(facts.acceptedAt), regular);
  writer.field('IP address', facts.ipAddress || 'not recorded', mono, MONO_SIZE);
  writer.field('User agent', facts.userAgent || 'not recorded', regular);

  writer.gap(12);
  writer.paragraph(
    'The SHA-256 above is the fingerprint of the exact bytes the contact reviewed and accepted: a copy of the document whose SHA-256 is the same is that document. The facts are also attached to this PDF as acceptance-evidence.json.',
    regular,
    9,
  );

  const evidence = JSON.stringify(facts, null, 2);
  await pdf.attach(new TextEncoder().encode(evidence), 'acceptance-evidence.json', {
    mimeType: 'application/json',
    description: 'The recorded facts of this acceptance, in UTF-8',
    creationDate: at,
    modificationDate: at,
  });
  return pdf.save();
}

/** `2026-12-10 14:03:22 UTC (2026-12-10T14:03:22.000Z)`: readable, and the stored value itself. */
function utc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC (${iso})`;
}

/** Draws text top to bottom, wrapping lines and starting a new page when one is full. */
class PageWriter {
  #page: PDFPage;
  #y: number;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly labelFont: PDFFont,
  ) {
    this.#page = this.#newPage();
    this.#y = PAGE.height - MARGIN;
  }

  #newPage(): PDFPage {
    const page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.#y = PAGE.height - MARGIN;
    return page;
  }

  #room(height: number): void {
    if (this.#y - height < MARGIN) this.#page = this.#newPage();
  }

  gap(points: number): void {
    this.#y -= points;
  }

  heading(text: string, font: PDFFont, size: number): void {
    this.#line(drawable(text, font), font, size, MARGIN);
    this.#y -= 6;
  }

  section(text: string, font: PDFFont): void {
    this.#y -= 10;
    this.#room(30);
    this.#line(text, font, 12, MARGIN);
    this.#page.drawLine({ start: { x: MARGIN, y: this.#y + 2 }, end: { x: PAGE.width - MARGIN, y: this.#y + 2 }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
    this.#y -= 4;
  }

  paragraph(text: string, font: PDFFont, size: number): void {
    for (const line of wrap(drawable(text, font), font, size, PAGE.width - 2 * MARGIN)) this.#line(line, font, size, MARGIN);
  }

  field(label: string, value: string, font: PDFFont, size = 10): void {
    const lines = wrap(drawable(value, font), font, size, PAGE.width - 2 * MARGIN - LABEL_WIDTH);
    this.#room(size * 1.5 * Math.min(lines.length, 3));
    this.#page.drawText(label, { x: MARGIN, y: this.#y - 10, size: 10, font: this.labelFont, color: rgb(0.35, 0.35, 0.35) });
    for (const line of lines) this.#line(line, font, size, MARGIN + LABEL_WIDTH);
  }

  #line(text: string, font: PDFFont, size: number, x: number): void {
    const height = size * 1.45;
    this.#room(height);
    this.#page.drawText(text, { x, y: this.#y - size, size, font, color: rgb(0, 0, 0) });
    this.#y -= height;
  }
}

/**
 * The text with what the font cannot draw written as code points (`U+674E`), and every run of
 * whitespace and control characters as one space: the standard fonts know only the WinAnsi set.
 */
export function drawable(text: string, font: PDFFont): string {
  const known = characterSets.get(font) ?? new Set(font.getCharacterSet());
  characterSets.set(font, known);
  let out = '';
  for (const character of text.replace(/[\s\p{Cc}]+/gu, ' ')) {
    const point = character.codePointAt(0)!;
    out += known.has(point) ? character : `[U+${point.toString(16).toUpperCase().padStart(4, '0')}]`;
  }
  return out;
}
const characterSets = new WeakMap<PDFFont, Set<number>>();

/** Splits text into lines no wider than `width`, at spaces where it can and anywhere where it must (hashes, user agents). */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (line: string) => font.widthOfTextAtSize(line, size) <= width;
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    let rest = word;
    while (!fits(rest)) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
}

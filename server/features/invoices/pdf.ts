import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import type { InvoiceStatus } from '../../../sdk/contract/invoices.js';
import { toMajorString, type LineItem, type MoneyTotals } from '../../../sdk/contract/money.js';
import { drawable } from '../acceptances/certificate.js';
import type { LogoImage } from './logo.js';

/** What an invoice PDF states; the customer's view only (no internal note, no unit costs). */
export interface InvoicePdfFacts {
  tenantName: string;
  logo: LogoImage | undefined;
  customerName: string;
  projectName: string | null;
  number: string;
  status: InvoiceStatus;
  issueDate: string;
  dueDate: string;
  notes: string;
  lines: LineItem[];
  totals: MoneyTotals;
  amountPaid: number;
  amountDue: number;
  payments: { paidOn: string; method: string; reference: string; amount: number }[];
  voidReason: string | null;
}

const PAGE = { width: 595.28, height: 841.89 }; // A4
const MARGIN = 50;
const LOGO_BOX = { width: 140, height: 56 };
const GREY = rgb(0.35, 0.35, 0.35);
const BLACK = rgb(0, 0, 0);

/** Columns of the line table: x of each column's right edge (left edge for the description). */
const COLUMNS = {
  description: MARGIN,
  quantity: 320,
  unit: 385,
  discount: 425,
  tax: 465,
  amount: PAGE.width - MARGIN,
};
const DESCRIPTION_WIDTH = 215;

const METHOD_NAMES: Record<string, string> = { bank_transfer: 'Bank transfer', card: 'Card', cash: 'Cash', cheque: 'Cheque', other: 'Other' };
const STATUS_NAMES: Record<InvoiceStatus, string> = { draft: 'DRAFT', open: 'Open', partially_paid: 'Partially paid', paid: 'Paid', overdue: 'Overdue', void: 'VOID' };

/** `12345, 'USD'` → `123.45 USD`: exact decimal from the integer, with the ISO code. */
export function pdfMoney(amount: number, currency: string): string {
  return `${toMajorString(amount, currency)} ${currency}`;
}

/** `1250` basis points → `12.5%`. */
function percent(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const fraction = String(basisPoints % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}%` : `${whole}%`;
}

/**
 * The invoice as a PDF: the tenant's name (and logo when one could be fetched), number, status,
 * dates, customer, every line, subtotal, discount, tax and total, what was paid and what is due,
 * the payments and the notes. Amounts are written from the integers with `toMajorString` and the
 * currency code, so the PDF says exactly what the portal says.
 */
export async function renderInvoicePdf(facts: InvoicePdfFacts): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Invoice ${facts.number}`);
  pdf.setAuthor(facts.tenantName);
  pdf.setSubject(`Invoice ${facts.number} to ${facts.customerName}`);
  pdf.setCreator('taba-portal');
  pdf.setProducer('taba-portal');
  const fixed = new Date(`${facts.issueDate}T00:00:00.000Z`);
  pdf.setCreationDate(fixed);
  pdf.setModificationDate(fixed);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const image = await embedLogo(pdf, facts.logo);
  const writer = new InvoiceWriter(pdf, regular, bold);
  const currency = facts.totals.currency;
  const money = (amount: number) => pdfMoney(amount, currency);

  // Header: the logo on the left, the tenant's name under it; the invoice's number on the right.
  const top = writer.y;
  if (image) {
    const scale = Math.min(LOGO_BOX.width / image.width, LOGO_BOX.height / image.height, 1);
    writer.page.drawImage(image, { x: MARGIN, y: top - image.height * scale, width: image.width * scale, height: image.height * scale });
    writer.y = top - image.height * scale - 8;
  }
  writer.text(facts.tenantName, bold, 14, MARGIN);
  writer.rightText(`Invoice ${facts.number}`, bold, 20, PAGE.width - MARGIN, top - 20);
  writer.rightText(STATUS_NAMES[facts.status], bold, 11, PAGE.width - MARGIN, top - 38, facts.status === 'void' || facts.status === 'overdue' ? rgb(0.7, 0.1, 0.1) : GREY);
  writer.y = Math.min(writer.y, top - 50) - 14;

  writer.field('Bill to', facts.customerName);
  if (facts.projectName) writer.field('Project', facts.projectName);
  writer.field('Invoice number', facts.number);
  writer.field('Issue date', facts.issueDate);
  writer.field('Due date', facts.dueDate);
  if (facts.voidReason) writer.field('Void', facts.voidReason);
  writer.gap(12);

  // The lines.
  writer.room(30);
  const header = writer.y - 10;
  writer.page.drawText('Description', { x: COLUMNS.description, y: header, size: 9, font: bold, color: GREY });
  for (const [label, x] of [['Qty', COLUMNS.quantity], ['Unit price', COLUMNS.unit], ['Disc.', COLUMNS.discount], ['Tax', COLUMNS.tax], ['Amount', COLUMNS.amount]] as const) {
    writer.page.drawText(label, { x: x - bold.widthOfTextAtSize(label, 9), y: header, size: 9, font: bold, color: GREY });
  }
  writer.y = header - 6;
  writer.rule();
  for (const line of facts.lines) {
    const description = writer.wrap(drawable(line.description, regular), regular, 9, DESCRIPTION_WIDTH);
    writer.room(13 * description.length + 4);
    const y = writer.y - 11;
    const cells: [string, number][] = [
      [line.quantity, COLUMNS.quantity],
      [toMajorString(line.unitAmount, currency), COLUMNS.unit],
      [line.discountBasisPoints ? percent(line.discountBasisPoints) : '', COLUMNS.discount],
      [line.taxRateBasisPoints ? percent(line.taxRateBasisPoints) : '', COLUMNS.tax],
      [money(line.totalAmount), COLUMNS.amount],
    ];
    for (const [text, x] of cells) if (text) writer.page.drawText(text, { x: x - regular.widthOfTextAtSize(text, 9), y, size: 9, font: regular, color: BLACK });
    description.forEach((part, index) => writer.page.drawText(part, { x: COLUMNS.description, y: y - index * 12, size: 9, font: regular, color: BLACK }));
    writer.y = y - (description.length - 1) * 12 - 7;
  }
  writer.rule();
  writer.gap(4);

  // The totals, right-aligned.
  writer.total('Subtotal', money(facts.totals.subtotal), regular);
  if (facts.totals.discountTotal) writer.total('Discounts (included above)', money(facts.totals.discountTotal), regular);
  writer.total('Tax', money(facts.totals.taxTotal), regular);
  writer.total('Total', money(facts.totals.total), bold);
  writer.total('Amount paid', money(facts.amountPaid), regular);
  writer.total('Amount due', money(facts.amountDue), bold);

  if (facts.payments.length) {
    writer.gap(10);
    writer.text('Payments', bold, 11, MARGIN);
    for (const payment of facts.payments) {
      const reference = payment.reference ? `, ${payment.reference}` : '';
      writer.text(`${payment.paidOn}  ${METHOD_NAMES[payment.method] ?? payment.method}${reference}: ${money(payment.amount)}`, regular, 9, MARGIN);
    }
  }
  if (facts.notes) {
    writer.gap(10);
    writer.text('Notes', bold, 11, MARGIN);
    for (const paragraph of facts.notes.split(/\r?\n/)) {
      for (const part of writer.wrap(drawable(paragraph, regular), regular, 9, PAGE.width - 2 * MARGIN)) writer.text(part, regular, 9, MARGIN);
    }
  }
  return pdf.save();
}

/** The logo as a PDF image, or undefined when its bytes do not decode: the PDF goes without it. */
async function embedLogo(pdf: PDFDocument, logo: LogoImage | undefined): Promise<PDFImage | undefined> {
  if (!logo) return undefined;
  try {
    return logo.type === 'png' ? await pdf.embedPng(logo.bytes) : await pdf.embedJpg(logo.bytes);
  } catch {
    return undefined;
  }
}

/** Draws top to bottom, starting a new page when one is full. */
class InvoiceWriter {
  page: PDFPage;
  y: number;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN;
  }

  room(height: number): void {
    if (this.y - height >= MARGIN) return;
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN;
  }

  gap(points: number): void {
    this.y -= points;
  }

  text(text: string, font: PDFFont, size: number, x: number): void {
    const height = size * 1.45;
    this.room(height);
    this.page.drawText(drawable(text, font), { x, y: this.y - size, size, font, color: BLACK });
    this.y -= height;
  }

  rightText(text: string, font: PDFFont, size: number, right: number, y: number, color = BLACK): void {
    const shown = drawable(text, font);
    this.page.drawText(shown, { x: right - font.widthOfTextAtSize(shown, size), y, size, font, color });
  }

  field(label: string, value: string): void {
    const lines = this.wrap(drawable(value, this.regular), this.regular, 10, PAGE.width - 2 * MARGIN - 110);
    this.room(14 * lines.length);
    this.page.drawText(label, { x: MARGIN, y: this.y - 10, size: 10, font: this.regular, color: GREY });
    lines.forEach((line, index) => this.page.drawText(line, { x: MARGIN + 110, y: this.y - 10 - index * 14, size: 10, font: this.regular, color: BLACK }));
    this.y -= 14 * lines.length;
  }

  total(label: string, value: string, font: PDFFont): void {
    this.room(15);
    const y = this.y - 11;
    this.page.drawText(label, { x: 330, y, size: 10, font, color: font === this.bold ? BLACK : GREY });
    this.page.drawText(value, { x: PAGE.width - MARGIN - font.widthOfTextAtSize(value, 10), y, size: 10, font, color: BLACK });
    this.y -= 15;
  }

  rule(): void {
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: PAGE.width - MARGIN, y: this.y }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
    this.y -= 2;
  }

  /** Splits text into lines no wider than `width`, at spaces where it can and anywhere where it must. */
  wrap(text: string, font: PDFFont, size: number, width: number): string[] {
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
      while (!fits(rest) && rest.length > 1) {
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
}

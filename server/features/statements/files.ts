import type { FastifyReply } from 'fastify';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { toMajorString } from '../../../sdk/contract/money.js';
import type { PortalStatement } from '../../../sdk/contract/statements.js';
import { drawable } from '../acceptances/certificate.js';

// ---------------------------------------------------------------- CSV

const CSV_HEADER = ['Date', 'Type', 'Invoice', 'Reference', 'Description', 'Debit', 'Credit', 'Balance'];

/**
 * One text field of the CSV (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes
 * doubled. A field a spreadsheet would read as a formula (starting with = + - @, or with a tab or
 * CR, which some strip first) gets a leading single quote, so it stays text. Amount cells do not
 * pass through here: they are decimals the server wrote (a negative balance keeps its minus sign
 * and is read as a number).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The statement as CSV: UTF-8 with a byte order mark (spreadsheets read it as UTF-8 then), CRLF line ends, a header row, then opening, entries and closing. */
export function statementCsv(statement: PortalStatement): string {
  const money = (amount: number) => toMajorString(amount, statement.currency);
  const rows: string[][] = [CSV_HEADER.map(csvField)];
  rows.push([csvField(statement.from), 'opening', '', '', csvField('Opening balance'), '', '', money(statement.openingBalance)]);
  for (const entry of statement.entries) {
    rows.push([
      csvField(entry.date),
      entry.kind,
      csvField(entry.invoiceNumber),
      csvField(entry.reference),
      csvField(entry.description),
      entry.debit ? money(entry.debit) : '',
      entry.credit ? money(entry.credit) : '',
      money(entry.balance),
    ]);
  }
  rows.push([csvField(statement.to), 'closing', '', '', csvField('Closing balance'), money(statement.invoicedTotal), money(statement.paidTotal), money(statement.closingBalance)]);
  return `\uFEFF${rows.map((row) => row.join(',')).join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------- PDF

const PAGE = { width: 595.28, height: 841.89 }; // A4
const MARGIN = 48;
const ROW = 14;
/** Right edges of the amount columns, and where the text columns start. */
const COLUMNS = { date: MARGIN, invoice: MARGIN + 62, description: MARGIN + 130, debit: 400, credit: 470, balance: PAGE.width - MARGIN };

/**
 * The statement as an A4 PDF: the tenant, the customer, the period and currency, the summary
 * (opening, invoiced, paid, closing), the aging table, then the entries as a table that runs on to
 * as many pages as it needs, its header repeated on each, every page numbered "Page n of m".
 */
export async function renderStatementPdf(statement: PortalStatement, tenantName: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const at = new Date(statement.generatedAt);
  pdf.setTitle(`Statement ${statement.customerName} ${statement.from} to ${statement.to} (${statement.currency})`);
  pdf.setAuthor(tenantName);
  pdf.setCreator('taba-portal');
  pdf.setProducer('taba-portal');
  pdf.setCreationDate(at);
  pdf.setModificationDate(at);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const money = (amount: number) => `${toMajorString(amount, statement.currency)}`;

  let page: PDFPage = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - MARGIN;
  const text = (value: string, x: number, font: PDFFont, size = 9, align: 'left' | 'right' = 'left', maxWidth?: number) => {
    let shown = drawable(value, font);
    if (maxWidth !== undefined) while (shown.length > 1 && font.widthOfTextAtSize(shown, size) > maxWidth) shown = `${shown.slice(0, -2)}…`;
    const width = font.widthOfTextAtSize(shown, size);
    page.drawText(shown, { x: align === 'right' ? x - width : x, y, size, font, color: rgb(0, 0, 0) });
  };
  const rule = () => page.drawLine({ start: { x: MARGIN, y: y + ROW - 3 }, end: { x: PAGE.width - MARGIN, y: y + ROW - 3 }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });

  text(tenantName, MARGIN, bold, 16);
  y -= 24;
  text('Statement of account', MARGIN, bold, 13);
  y -= 18;
  text(`Customer: ${statement.customerName}`, MARGIN, regular, 10);
  y -= ROW;
  text(`Period: ${statement.from} to ${statement.to}    Currency: ${statement.currency}`, MARGIN, regular, 10);
  y -= ROW;
  text(`Generated: ${statement.generatedAt.slice(0, 10)} ${statement.generatedAt.slice(11, 19)} UTC`, MARGIN, regular, 10);
  y -= ROW * 2;

  const summary: [string, number][] = [
    ['Opening balance', statement.openingBalance],
    ['Invoiced', statement.invoicedTotal],
    ['Paid', statement.paidTotal],
    ['Closing balance', statement.closingBalance],
  ];
  for (const [label, amount] of summary) {
    text(label, MARGIN, label === 'Closing balance' ? bold : regular, 10);
    text(money(amount), COLUMNS.description + 120, label === 'Closing balance' ? bold : regular, 10, 'right');
    y -= ROW;
  }
  y -= ROW;
  text(`Outstanding by age on ${statement.to}`, MARGIN, bold, 10);
  y -= ROW;
  const aging: [string, number][] = [
    ['Not yet due', statement.aging.current],
    ['1-30 days', statement.aging.days1To30],
    ['31-60 days', statement.aging.days31To60],
    ['61-90 days', statement.aging.days61To90],
    ['Over 90 days', statement.aging.days90Plus],
  ];
  if (statement.credit) aging.push(['Credit (paid in excess)', -statement.credit]);
  for (const [label, amount] of aging) {
    text(label, MARGIN, regular, 9);
    text(money(amount), COLUMNS.description + 120, regular, 9, 'right');
    y -= ROW;
  }
  y -= ROW;

  const header = () => {
    text('Date', COLUMNS.date, bold);
    text('Invoice', COLUMNS.invoice, bold);
    text('Description', COLUMNS.description, bold);
    text('Debit', COLUMNS.debit, bold, 9, 'right');
    text('Credit', COLUMNS.credit, bold, 9, 'right');
    text('Balance', COLUMNS.balance, bold, 9, 'right');
    y -= ROW;
    rule();
  };
  const room = () => {
    if (y - ROW < MARGIN + ROW) {
      page = pdf.addPage([PAGE.width, PAGE.height]);
      y = PAGE.height - MARGIN;
      header();
    }
  };
  header();
  const row = (cells: { date: string; invoice: string; description: string; debit: string; credit: string; balance: string }, font: PDFFont) => {
    room();
    text(cells.date, COLUMNS.date, font);
    text(cells.invoice, COLUMNS.invoice, font, 9, 'left', COLUMNS.description - COLUMNS.invoice - 6);
    text(cells.description, COLUMNS.description, font, 9, 'left', COLUMNS.debit - 60 - COLUMNS.description);
    text(cells.debit, COLUMNS.debit, font, 9, 'right');
    text(cells.credit, COLUMNS.credit, font, 9, 'right');
    text(cells.balance, COLUMNS.balance, font, 9, 'right');
    y -= ROW;
  };
  row({ date: statement.from, invoice: '', description: 'Opening balance', debit: '', credit: '', balance: money(statement.openingBalance) }, bold);
  for (const entry of statement.entries) {
    const description = entry.kind === 'payment' && entry.reference ? `${entry.description} ${entry.reference}` : entry.description;
    row(
      {
        date: entry.date,
        invoice: entry.invoiceNumber,
        description,
        debit: entry.debit ? money(entry.debit) : '',
        credit: entry.credit ? money(entry.credit) : '',
        balance: money(entry.balance),
      },
      regular,
    );
  }
  row({ date: statement.to, invoice: '', description: 'Closing balance', debit: money(statement.invoicedTotal), credit: money(statement.paidTotal), balance: money(statement.closingBalance) }, bold);

  const pages = pdf.getPages();
  pages.forEach((each, index) => {
    const label = `Page ${index + 1} of ${pages.length}`;
    each.drawText(label, { x: PAGE.width - MARGIN - regular.widthOfTextAtSize(label, 8), y: MARGIN / 2, size: 8, font: regular, color: rgb(0.35, 0.35, 0.35) });
  });
  return pdf.save();
}

/** `statement-<customer>-<from>-<to>-<currency>.<ext>`, ASCII only. */
export function statementFileName(statement: PortalStatement, extension: 'pdf' | 'csv'): string {
  const customer = statement.customerName.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'customer';
  return `statement-${customer}-${statement.from}-${statement.to}-${statement.currency}.${extension}`;
}

/** Answers a statement file as a download, never cached. */
export function sendStatementFile(reply: FastifyReply, file: { fileName: string; type: string; body: Uint8Array | string }): FastifyReply {
  return reply
    .type(file.type)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('cache-control', 'no-store')
    .send(typeof file.body === 'string' ? file.body : Buffer.from(file.body));
}

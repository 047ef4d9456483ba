import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream, type PDFObject } from 'pdf-lib';
import type { Page, Problem } from '../../../sdk/contract/common.js';
import type { Invoice, InvoiceSummary, PortalInvoice, PortalInvoiceCard } from '../../../sdk/contract/invoices.js';
import type { Project } from '../../../sdk/contract/projects.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { customerWithContact, signInContact } from '../../test-support/portal.js';
import { createApiKey } from '../api-keys/repository.js';
import { verifyAuditChain } from '../audit/repository.js';
import { todayUtc } from '../finance/repository.js';
import { renderEmail, type EmailNotification } from '../notifications/templates.js';
import { updateSettings } from '../settings/repository.js';
import { clearLogoCache, fetchLogo, LOGO_MAX_BYTES } from './logo.js';
import { announceOverdueInvoices } from './notifications.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type Caller = (method: Method, url: string, payload?: object, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;

const DAY = 24 * 60 * 60_000;
const date = (days: number) => todayUtc(new Date(Date.now() + days * DAY));

function bearer(app: FastifyInstance, token: string): Caller {
  return (method, url, payload, headers = {}) => app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}`, ...headers } });
}

const ok = async <T>(response: Promise<LightMyRequestResponse>, status = 200): Promise<T> => {
  const answer = await response;
  assert.equal(answer.statusCode, status, answer.body);
  return answer.json<T>();
};

const refused = async (response: Promise<LightMyRequestResponse>, status: number, code: string): Promise<Problem> => {
  const answer = await response;
  assert.equal(answer.statusCode, status, answer.body);
  assert.match(String(answer.headers['content-type']), /^application\/problem\+json/);
  const problem = answer.json<Problem>();
  assert.equal(problem.code, code, answer.body);
  return problem;
};

/** The text a PDF's pages draw (pdf-lib writes it as hex strings), read back from its content streams. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await PDFDocument.load(bytes);
  const lines: string[] = [];
  for (const page of pdf.getPages()) {
    const contents: PDFObject | undefined = page.node.get(PDFName.of('Contents'));
    const resolved = contents ? pdf.context.lookup(contents) : undefined;
    const streams = resolved instanceof PDFArray ? resolved.asArray().map((ref) => pdf.context.lookup(ref)) : [resolved];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      const program = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      for (const match of program.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) lines.push(Buffer.from(match[1]!, 'hex').toString('latin1'));
    }
  }
  return lines.join('\n');
}

/** How many images the PDF holds. */
async function pdfImages(bytes: Uint8Array): Promise<number> {
  const pdf = await PDFDocument.load(bytes);
  return pdf.context
    .enumerateIndirectObjects()
    .filter(([, object]) => object instanceof PDFRawStream && object.dict.get(PDFName.of('Subtype')) === PDFName.of('Image')).length;
}

/** A real PNG, `size`×`size` pixels of one colour. */
function png(size = 4): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = Buffer.concat(Array.from({ length: size }, () => Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [15, 118, 110]).flat())])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** Three lines whose amounts are worked out by hand in the first test. */
const threeLines = [
  { description: 'Design work', quantity: '2', unitAmount: 10_000, taxRateBasisPoints: 2_000, unitCost: 6_000 },
  { description: 'Photography', quantity: '1.5', unitAmount: 3_333, taxRateBasisPoints: 2_000, discountBasisPoints: 1_000 },
  { description: 'Licences', quantity: '3', unitAmount: 995 },
];

/** A local server for logos: `/logo.png` a PNG, `/text` not an image, `/big` over 1 MiB, `/moved` a redirect, `/slow` never answers. */
async function logoServer() {
  const image = png(8);
  const hits = new Map<string, number>();
  const server = http.createServer((request, response) => {
    hits.set(request.url ?? '', (hits.get(request.url ?? '') ?? 0) + 1);
    if (request.url === '/logo.png') return void response.writeHead(200, { 'content-type': 'image/png' }).end(image);
    if (request.url === '/disguised.png') return void response.writeHead(200, { 'content-type': 'image/png' }).end('<svg xmlns="http://www.w3.org/2000/svg"/>');
    if (request.url === '/big') {
      response.writeHead(200, { 'content-type': 'image/png' });
      response.write(image.subarray(0, 8));
      return void response.end(Buffer.alloc(LOGO_MAX_BYTES + 10));
    }
    if (request.url === '/moved') return void response.writeHead(302, { location: '/logo.png' }).end();
    if (request.url === '/slow') return; // never answers
    response.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())).finally(() => server.closeAllConnections()) };
}

for (const dialect of testDialects) {
  describe(`invoices (${dialect})`, () => {
    let t: TestApp;
    let workspaceA: { workspaceId: string; apiKey: string };
    let workspaceB: { workspaceId: string; apiKey: string };
    let acme: Awaited<ReturnType<typeof customerWithContact>>;
    let globex: Awaited<ReturnType<typeof customerWithContact>>;
    let initech: Awaited<ReturnType<typeof customerWithContact>>;
    let team: Caller;
    let teamB: Caller;
    let acmePortal: Caller;
    let globexPortal: Caller;
    let initechPortal: Caller;

    before(async () => {
      t = await createTestApp(dialect);
      workspaceA = await t.newWorkspace('Northwind Studio');
      workspaceB = await t.newWorkspace('Other Studio');
      acme = await customerWithContact(t.app, workspaceA.apiKey, 'Acme');
      globex = await customerWithContact(t.app, workspaceA.apiKey, 'Globex');
      initech = await customerWithContact(t.app, workspaceB.apiKey, 'Initech');
      team = bearer(t.app, workspaceA.apiKey);
      teamB = bearer(t.app, workspaceB.apiKey);
      acmePortal = bearer(t.app, (await signInContact(t.app, workspaceA.apiKey, acme.contactId)).accessToken);
      globexPortal = bearer(t.app, (await signInContact(t.app, workspaceA.apiKey, globex.contactId)).accessToken);
      initechPortal = bearer(t.app, (await signInContact(t.app, workspaceB.apiKey, initech.contactId)).accessToken);
      await ok(team('POST', '/v1/workspace/webhook-endpoints', { url: 'https://93.184.215.14/hooks', eventTypes: ['invoice.sent', 'invoice.overdue', 'invoice.paid'] }), 201);
    });
    after(() => t.close());

    const draft = (customerId: string, fields: object = {}, caller = team) =>
      ok<Invoice>(caller('POST', '/v1/workspace/invoices', { customerId, currency: 'USD', issueDate: date(-1), dueDate: date(29), lines: threeLines, ...fields }), 201);
    const issued = async (customerId: string, fields: object = {}, caller = team) => {
      const created = await draft(customerId, fields, caller);
      return ok<Invoice>(caller('POST', `/v1/workspace/invoices/${created.id}/send`));
    };
    const pay = (invoiceId: string, amount: number, fields: object = {}) =>
      team('POST', `/v1/workspace/invoices/${invoiceId}/payments`, { amount, paidOn: date(0), method: 'bank_transfer', reference: 'TRX-1', ...fields });
    const webhooks = async (type: string, invoiceId: string) =>
      (await t.app.db.selectFrom('outbox_messages').select('payload').where('event_type', '=', type).where('channel', '=', 'webhook').execute())
        .map((row) => JSON.parse(row.payload) as { data: Record<string, unknown> })
        .filter((body) => body.data.invoiceId === invoiceId);

    test('a draft has exact totals from integers, INV-0001 first, with the team-only unit cost and margin', async () => {
      const fresh = await t.newWorkspace('Fresh numbering');
      const customer = await customerWithContact(t.app, fresh.apiKey, 'Fresh');
      const invoice = await ok<Invoice>(
        bearer(t.app, fresh.apiKey)('POST', '/v1/workspace/invoices', {
          customerId: customer.customerId,
          currency: 'USD',
          issueDate: '2026-12-01',
          dueDate: '2026-12-31',
          notes: 'Thank you',
          internalNote: 'Margin is thin',
          lines: threeLines,
        }),
        201,
      );
      assert.equal(invoice.number, 'INV-0001');
      assert.equal(invoice.status, 'draft');
      // 2 × 100.00 + 20 % = 240.00; 1.5 × 33.33 = 49.995 → 50.00 gross, −10 % → 44.9955 → 45.00 net, +20 % = 9.00 tax; 3 × 9.95 = 29.85.
      assert.deepEqual(
        invoice.lines.map((line) => [line.grossAmount, line.discountAmount, line.netAmount, line.taxAmount, line.totalAmount]),
        [
          [20_000, 0, 20_000, 4_000, 24_000],
          [5_000, 500, 4_500, 900, 5_400],
          [2_985, 0, 2_985, 0, 2_985],
        ],
      );
      assert.deepEqual(invoice.totals, { currency: 'USD', subtotal: 27_485, discountTotal: 500, taxTotal: 4_900, total: 32_385 });
      assert.equal(invoice.total, 32_385);
      assert.equal(invoice.amountDue, 32_385);
      assert.equal(invoice.amountPaid, 0);
      assert.equal(invoice.lines[0]!.unitCost, 6_000);
      assert.equal(invoice.lines[0]!.marginAmount, 20_000 - 12_000);
      assert.equal(invoice.lines[1]!.unitCost, null);
      assert.equal(invoice.internalNote, 'Margin is thin');
      assert.deepEqual(await ok<Invoice>(bearer(t.app, fresh.apiKey)('GET', `/v1/workspace/invoices/${invoice.id}`)), invoice);
    });

    test('bad input is refused with stable codes and nothing is numbered', async () => {
      await refused(team('POST', '/v1/workspace/invoices', { customerId: acme.customerId, currency: 'USD', issueDate: date(5), dueDate: date(4), lines: threeLines }), 422, 'due_before_issue');
      // Shaped like dates, but no such days: refused by the schema's date format, never a 500.
      for (const [issueDate, dueDate] of [['2026-13-01', '2026-12-31'], ['2026-02-30', '2026-03-30'], ['2026-01-01', '2026-00-10']]) {
        await refused(team('POST', '/v1/workspace/invoices', { customerId: acme.customerId, currency: 'USD', issueDate, dueDate, lines: threeLines }), 400, 'validation_failed');
      }
      await refused(team('POST', '/v1/workspace/invoices', { customerId: acme.customerId, currency: 'XXQ', issueDate: date(0), dueDate: date(4), lines: threeLines }), 422, 'unknown_currency');
      await refused(team('POST', '/v1/workspace/invoices', { customerId: acme.customerId, currency: 'USD', issueDate: date(0), dueDate: date(4), lines: [] }), 400, 'validation_failed');
      await refused(
        team('POST', '/v1/workspace/invoices', { customerId: acme.customerId, currency: 'USD', issueDate: date(0), dueDate: date(4), lines: [{ description: 'Zero', quantity: '0', unitAmount: 5 }] }),
        422,
        'invalid_quantity',
      );
      await refused(team('POST', '/v1/workspace/invoices', { customerId: initech.customerId, currency: 'USD', issueDate: date(0), dueDate: date(4), lines: threeLines }), 404, 'not_found');
      const globexProject = await ok<Project>(team('POST', '/v1/workspace/projects', { customerId: globex.customerId, name: 'Globex project' }), 201);
      await refused(
        team('POST', '/v1/workspace/invoices', { customerId: acme.customerId, projectId: globexProject.id, currency: 'USD', issueDate: date(0), dueDate: date(4), lines: threeLines }),
        422,
        'project_not_found',
      );
      const next = await draft(acme.customerId);
      const all = await ok<Page<InvoiceSummary>>(team('GET', '/v1/workspace/invoices?limit=100'));
      assert.equal(all.items.filter((item) => item.number === next.number).length, 1);
      const numbers = all.items.map((item) => Number(item.number.slice(4))).sort((a, b) => a - b);
      assert.deepEqual(numbers, numbers.map((_, index) => index + 1), 'the refused ones took no number');
    });

    test('20 concurrent creations get 20 consecutive numbers', async () => {
      const fresh = await t.newWorkspace('Race');
      const customer = await customerWithContact(t.app, fresh.apiKey, 'Racer');
      const caller = bearer(t.app, fresh.apiKey);
      const created = await Promise.all(
        Array.from({ length: 20 }, () =>
          ok<Invoice>(caller('POST', '/v1/workspace/invoices', { customerId: customer.customerId, currency: 'USD', issueDate: date(0), dueDate: date(10), lines: threeLines }), 201),
        ),
      );
      assert.deepEqual(
        created.map((invoice) => invoice.number).sort(),
        Array.from({ length: 20 }, (_, index) => `INV-${String(index + 1).padStart(4, '0')}`),
      );
    });

    test('a draft can be edited; once sent it cannot, and sending needs a portal contact', async () => {
      const invoice = await draft(acme.customerId, { internalNote: 'first' });
      const edited = await ok<Invoice>(
        team('PATCH', `/v1/workspace/invoices/${invoice.id}`, { lines: [{ description: 'Only line', quantity: '1', unitAmount: 1_001, taxRateBasisPoints: 2_500 }], notes: 'Edited', dueDate: date(40) }),
      );
      assert.deepEqual(edited.totals, { currency: 'USD', subtotal: 1_001, discountTotal: 0, taxTotal: 250, total: 1_251 });
      assert.equal(edited.notes, 'Edited');
      assert.equal(edited.dueDate, date(40));
      assert.equal(edited.internalNote, 'first');
      // A new currency recomputes the stored lines in it: 1,001 yen at 25 % tax is 250.25 → 250.
      const yen = await ok<Invoice>(team('PATCH', `/v1/workspace/invoices/${invoice.id}`, { currency: 'JPY' }));
      assert.equal(yen.currency, 'JPY');
      assert.equal(yen.total, 1_251);
      await refused(team('PATCH', `/v1/workspace/invoices/${invoice.id}`, { dueDate: '2000-01-01' }), 422, 'due_before_issue');

      const lonely = (await ok<{ id: string }>(team('POST', '/v1/workspace/customers', { name: 'No contacts' }), 201)).id;
      const orphan = await draft(lonely);
      await refused(team('POST', `/v1/workspace/invoices/${orphan.id}/send`), 409, 'no_portal_contact');

      const sent = await ok<Invoice>(team('POST', `/v1/workspace/invoices/${invoice.id}/send`));
      assert.equal(sent.status, 'open');
      assert.ok(sent.sentAt);
      await refused(team('PATCH', `/v1/workspace/invoices/${invoice.id}`, { notes: 'Too late' }), 409, 'invoice_not_draft');
      await refused(team('POST', `/v1/workspace/invoices/${invoice.id}/send`), 409, 'invoice_not_draft');

      const emails = await t.app.db.selectFrom('outbox_messages').select(['recipient', 'payload']).where('event_type', '=', 'invoice.sent').where('channel', '=', 'email').execute();
      const mine = emails
        .map((row) => ({ to: row.recipient, notification: JSON.parse(row.payload) as EmailNotification }))
        .filter((row): row is { to: string; notification: EmailNotification } => row.to !== null)
        .filter((row) => row.notification.template === 'invoice.sent' && row.notification.invoiceNumber === sent.number);
      assert.deepEqual(mine.map((row) => row.to), ['contact@acme.example']);
      const rendered = renderEmail(mine[0]!.notification, { to: mine[0]!.to, publicUrl: 'https://portal.example' });
      assert.match(rendered.text, new RegExp(`invoice ${sent.number} for ¥1,251`));
      assert.equal((await webhooks('invoice.sent', sent.id)).length, 1);
    });

    test('status follows payments and dates: open, partially paid, paid; overdue past the due date; void', async () => {
      const invoice = await issued(acme.customerId);
      assert.equal(invoice.status, 'open');
      await refused(pay(invoice.id, invoice.amountDue + 1), 422, 'payment_exceeds_amount_due');
      const partly = await ok<Invoice>(pay(invoice.id, 10_000), 201);
      assert.equal(partly.status, 'partially_paid');
      assert.equal(partly.amountPaid, 10_000);
      assert.equal(partly.amountDue, 22_385);
      assert.deepEqual(partly.payments.map((payment) => [payment.amount, payment.method, payment.reference, payment.source]), [[10_000, 'bank_transfer', 'TRX-1', 'team']]);
      assert.equal((await webhooks('invoice.paid', invoice.id)).length, 0);
      await refused(team('POST', `/v1/workspace/invoices/${invoice.id}/void`, { reason: 'Wrong' }), 409, 'invoice_has_payments');
      const paid = await ok<Invoice>(pay(invoice.id, 22_385, { method: 'card', reference: '' }), 201);
      assert.equal(paid.status, 'paid');
      assert.equal(paid.amountDue, 0);
      assert.ok(paid.paidAt);
      assert.equal((await webhooks('invoice.paid', invoice.id)).length, 1);
      await refused(pay(invoice.id, 1), 422, 'payment_exceeds_amount_due');

      const late = await issued(acme.customerId, { issueDate: date(-40), dueDate: date(-10) });
      assert.equal(late.status, 'overdue');
      assert.equal((await ok<Invoice>(pay(late.id, 100), 201)).status, 'overdue', 'still overdue while something is due');
      const dueToday = await issued(acme.customerId, { issueDate: date(-10), dueDate: date(0) });
      assert.equal(dueToday.status, 'open', 'due today is not overdue yet');

      const voidable = await draft(acme.customerId);
      await refused(pay(voidable.id, 100), 409, 'invoice_not_payable');
      const voided = await ok<Invoice>(team('POST', `/v1/workspace/invoices/${voidable.id}/void`, { reason: '  Issued   twice ' }));
      assert.equal(voided.status, 'void');
      assert.equal(voided.voidReason, 'Issued twice');
      await refused(team('POST', `/v1/workspace/invoices/${voidable.id}/void`, { reason: 'Again' }), 409, 'invoice_void');
      await refused(pay(voidable.id, 100), 409, 'invoice_not_payable');

      const byStatus = async (status: string) => (await ok<Page<InvoiceSummary>>(team('GET', `/v1/workspace/invoices?limit=100&customerId=${acme.customerId}&status=${status}`))).items.map((item) => item.id);
      assert.ok((await byStatus('paid')).includes(invoice.id));
      assert.ok((await byStatus('overdue')).includes(late.id));
      assert.ok((await byStatus('open')).includes(dueToday.id));
      assert.ok((await byStatus('void')).includes(voidable.id));
      assert.ok(!(await byStatus('open')).includes(late.id));
      for (const status of ['draft', 'open', 'partially_paid', 'paid', 'overdue', 'void']) {
        const items = (await ok<Page<InvoiceSummary>>(team('GET', `/v1/workspace/invoices?limit=100&status=${status}`))).items;
        assert.ok(items.every((item) => item.status === status), `the ${status} filter lists only ${status} invoices`);
      }
      assert.equal(await verifyAuditChain(t.app.db, workspaceA.workspaceId), null);
    });

    test('concurrent payments never pay more than is due', async () => {
      const invoice = await issued(acme.customerId, { lines: [{ description: 'Retainer', quantity: '1', unitAmount: 20_000 }] });
      const share = invoice.amountDue / 20;
      const answers = await Promise.all(Array.from({ length: 26 }, (_, index) => pay(invoice.id, share, { reference: `P-${index}` })));
      const statuses = answers.map((answer) => answer.statusCode).sort();
      assert.equal(statuses.filter((status) => status === 201).length, 20, answers.map((answer) => answer.body).join('\n'));
      assert.ok(answers.filter((answer) => answer.statusCode !== 201).every((answer) => answer.json<Problem>().code === 'payment_exceeds_amount_due'));
      const after = await ok<Invoice>(team('GET', `/v1/workspace/invoices/${invoice.id}`));
      assert.equal(after.amountPaid, 20_000);
      assert.equal(after.payments.length, 20);
      assert.equal(after.payments.reduce((sum, payment) => sum + payment.amount, 0), 20_000);
      assert.equal(after.status, 'paid');
      assert.equal((await webhooks('invoice.paid', invoice.id)).length, 1, 'paid once');
    });

    test('the portal shows issued invoices only, newest issue date first, with no internal field', async () => {
      const fresh = await customerWithContact(t.app, workspaceA.apiKey, 'Portalco');
      const portal = bearer(t.app, (await signInContact(t.app, workspaceA.apiKey, fresh.contactId)).accessToken);
      const hidden = await draft(fresh.customerId, { internalNote: 'SECRET-NOTE-42' });
      const older = await issued(fresh.customerId, { issueDate: date(-30), dueDate: date(-5), internalNote: 'SECRET-NOTE-42' });
      const newer = await issued(fresh.customerId, { issueDate: date(-2), dueDate: date(20), internalNote: 'SECRET-NOTE-42', notes: 'Thanks!' });
      const paid = await issued(fresh.customerId, { issueDate: date(-10), dueDate: date(20), lines: [{ description: 'Small', quantity: '1', unitAmount: 500 }] });
      await ok(pay(paid.id, 500), 201);
      const voided = await issued(fresh.customerId, { issueDate: date(-20), dueDate: date(20) });
      await ok(team('POST', `/v1/workspace/invoices/${voided.id}/void`, { reason: 'Duplicate' }));

      const all = await ok<Page<PortalInvoiceCard>>(portal('GET', '/v1/portal/invoices'));
      assert.deepEqual(all.items.map((item) => item.id), [newer.id, paid.id, voided.id, older.id]);
      assert.deepEqual(all.items.map((item) => item.status), ['open', 'paid', 'void', 'overdue']);
      const outstanding = await ok<Page<PortalInvoiceCard>>(portal('GET', '/v1/portal/invoices?tab=outstanding'));
      assert.deepEqual(outstanding.items.map((item) => item.id), [newer.id, older.id]);

      // Page by page: every invoice once, in the same order.
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<PortalInvoiceCard> = await ok(portal('GET', `/v1/portal/invoices?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, all.items.map((item) => item.id));

      const shown = await portal('GET', `/v1/portal/invoices/${newer.id}`);
      assert.equal(shown.statusCode, 200, shown.body);
      const body = shown.json<PortalInvoice>();
      assert.equal(body.notes, 'Thanks!');
      assert.equal(body.lines.length, 3);
      assert.deepEqual(body.totals, newer.totals);
      for (const leak of ['SECRET-NOTE-42', 'internalNote', 'unitCost', 'marginAmount', 'customerId', 'voidReason']) assert.ok(!shown.body.includes(leak), `the portal answer carries no ${leak}`);
      for (const leak of ['SECRET-NOTE-42', 'internalNote', 'unitCost']) assert.ok(!JSON.stringify(all).includes(leak));

      await refused(portal('GET', `/v1/portal/invoices/${hidden.id}`), 404, 'not_found');
      await refused(portal('GET', `/v1/portal/invoices/${hidden.id}/pdf`), 404, 'not_found');
      await refused(globexPortal('GET', `/v1/portal/invoices/${newer.id}`), 404, 'not_found');
      await refused(globexPortal('GET', `/v1/portal/invoices/${newer.id}/pdf`), 404, 'not_found');
      await refused(initechPortal('GET', `/v1/portal/invoices/${newer.id}`), 404, 'not_found');
      await refused(teamB('GET', `/v1/workspace/invoices/${newer.id}`), 404, 'not_found');
      await refused(teamB('POST', `/v1/workspace/invoices/${newer.id}/payments`, { amount: 1, paidOn: date(0), method: 'cash' }), 404, 'not_found');
      assert.ok(!(await ok<Page<PortalInvoiceCard>>(globexPortal('GET', '/v1/portal/invoices'))).items.some((item) => item.id === newer.id));
    });

    test('the portal invoice carries its payments oldest first and its payment proofs newest first', async () => {
      const invoice = await issued(acme.customerId);
      await ok(pay(invoice.id, 1_000, { paidOn: date(0), reference: 'second' }), 201);
      await ok(pay(invoice.id, 2_000, { paidOn: date(-3), reference: 'first' }), 201);
      const proof = async (id: string, fileName: string, submittedAt: string, status: 'under_review' | 'rejected') => {
        await t.app.db
          .insertInto('intake_items')
          .values({
            id: `int_${id}`,
            workspace_id: workspaceA.workspaceId,
            customer_id: acme.customerId,
            contact_id: acme.contactId,
            kind: 'payment_proof',
            status: 'pending',
            source_request_id: invoice.id,
            source_item_id: `pp_${id}`,
            file_name: fileName,
            file_size: 10,
            content_type: 'application/pdf',
            sha256: '0'.repeat(64),
            storage_key: `k/${id}`,
            reviewed_by_type: null,
            reviewed_by_id: null,
            reviewed_at: null,
            reject_reason: null,
            published_document_id: null,
            created_at: submittedAt,
            updated_at: submittedAt,
          })
          .execute();
        await t.app.db
          .insertInto('payment_proofs')
          .values({
            id: `pp_${id}`,
            workspace_id: workspaceA.workspaceId,
            customer_id: acme.customerId,
            invoice_id: invoice.id,
            contact_id: acme.contactId,
            intake_item_id: `int_${id}`,
            currency: 'USD',
            amount: 500,
            paid_on: date(-1),
            method: 'bank_transfer',
            reference: `REF-${id}`,
            status,
            exceeds_amount_due: 0,
            reference_already_used: 0,
            reject_reason: status === 'rejected' ? 'Unreadable scan' : null,
            payment_id: null,
            reviewed_by_type: status === 'rejected' ? 'member' : null,
            reviewed_by_id: status === 'rejected' ? 'mem_reviewer' : null,
            reviewed_at: status === 'rejected' ? submittedAt : null,
            submitted_at: submittedAt,
            idempotency_key: null,
          })
          .execute();
      };
      await proof(`${dialect}a`, 'old receipt.pdf', '2026-12-01T10:00:00.000Z', 'rejected');
      await proof(`${dialect}b`, 'new receipt.pdf', '2026-12-02T10:00:00.000Z', 'under_review');
      const shown = await ok<PortalInvoice>(acmePortal('GET', `/v1/portal/invoices/${invoice.id}`));
      assert.deepEqual(shown.payments.map((payment) => payment.reference), ['first', 'second']);
      assert.deepEqual(
        shown.paymentProofs.map((proof) => [proof.fileName, proof.status, proof.rejectReason]),
        [
          ['new receipt.pdf', 'under_review', null],
          ['old receipt.pdf', 'rejected', 'Unreadable scan'],
        ],
      );
      assert.equal(shown.status, 'partially_paid');
      assert.equal(shown.amountDue, invoice.total - 3_000);
    });

    test('the PDF states the number, dates, customer, lines and exact totals, on both sides', async () => {
      const invoice = await issued(acme.customerId, { notes: 'Bank transfer please' });
      await ok(pay(invoice.id, 2_385), 201);
      const portalPdf = await acmePortal('GET', `/v1/portal/invoices/${invoice.id}/pdf`);
      assert.equal(portalPdf.statusCode, 200, portalPdf.body);
      assert.equal(portalPdf.headers['content-type'], 'application/pdf');
      assert.match(String(portalPdf.headers['content-disposition']), new RegExp(`attachment; filename="${invoice.number}.pdf"`));
      const text = await pdfText(portalPdf.rawPayload);
      for (const expected of [invoice.number, 'Northwind Studio', 'Acme', invoice.issueDate, invoice.dueDate, 'Design work', 'Photography', 'Licences', '274.85 USD', '5.00 USD', '49.00 USD', '323.85 USD', '23.85 USD', '300.00 USD', 'Bank transfer please']) {
        assert.ok(text.includes(expected), `the PDF says ${expected}:\n${text}`);
      }
      assert.ok(!text.includes('Margin'), 'nothing internal');
      const teamPdf = await team('GET', `/v1/workspace/invoices/${invoice.id}/pdf`);
      assert.equal(teamPdf.statusCode, 200);
      assert.ok((await pdfText(teamPdf.rawPayload)).includes('323.85 USD'));
      // A draft has a PDF for the team, never for the portal.
      const drafted = await draft(acme.customerId);
      assert.ok((await pdfText((await team('GET', `/v1/workspace/invoices/${drafted.id}/pdf`)).rawPayload)).includes('DRAFT'));
    });

    test('the PDF embeds the brand logo from a local server, and goes without one on a bad URL', async () => {
      const server = await logoServer();
      try {
        clearLogoCache();
        const invoice = await issued(acme.customerId);
        await updateSettings(t.app.db, workspaceA.workspaceId, { brand: { name: 'Northwind Brand', logoUrl: `${server.base}/logo.png` } });
        const withLogo = (await acmePortal('GET', `/v1/portal/invoices/${invoice.id}/pdf`)).rawPayload;
        assert.equal(await pdfImages(withLogo), 1);
        assert.ok((await pdfText(withLogo)).includes('Northwind Brand'), 'the brand name heads the PDF');
        await acmePortal('GET', `/v1/portal/invoices/${invoice.id}/pdf`);
        assert.equal(server.hits.get('/logo.png'), 1, 'the logo is fetched once and cached');

        for (const path of ['/missing.png', '/disguised.png', '/moved']) {
          await updateSettings(t.app.db, workspaceA.workspaceId, { brand: { logoUrl: `${server.base}${path}` } });
          const answer = await acmePortal('GET', `/v1/portal/invoices/${invoice.id}/pdf`);
          assert.equal(answer.statusCode, 200, `${path}: ${answer.body}`);
          assert.equal(await pdfImages(answer.rawPayload), 0, `${path}: no logo`);
          assert.ok((await pdfText(answer.rawPayload)).includes(invoice.number));
        }
        assert.equal(server.hits.get('/logo.png'), 1, 'the redirect was not followed');
      } finally {
        await updateSettings(t.app.db, workspaceA.workspaceId, { brand: { name: null, logoUrl: null } });
        await server.close();
      }
    });

    test('overdue invoices are announced once, however many scans run at once', async () => {
      const fresh = await customerWithContact(t.app, workspaceA.apiKey, 'Latepayer');
      const late = await issued(fresh.customerId, { issueDate: date(-40), dueDate: date(-10) });
      const paidLate = await issued(fresh.customerId, { issueDate: date(-40), dueDate: date(-10), lines: [{ description: 'Paid', quantity: '1', unitAmount: 100 }] });
      await ok(pay(paidLate.id, 100), 201);
      const notDue = await issued(fresh.customerId, { issueDate: date(-1), dueDate: date(0) });
      const lateDraft = await draft(fresh.customerId, { issueDate: date(-40), dueDate: date(-10) });

      const counts = await Promise.all([announceOverdueInvoices(t.app.db), announceOverdueInvoices(t.app.db), announceOverdueInvoices(t.app.db)]);
      assert.ok(counts.reduce((sum, count) => sum + count, 0) >= 1);
      await announceOverdueInvoices(t.app.db);
      const followUps = await t.app.db.selectFrom('follow_ups').select(['source_id', 'kind', 'summary']).where('kind', '=', 'invoice.overdue').execute();
      const audit = await t.app.db.selectFrom('audit_events').select('subject_id').where('action', '=', 'invoice.overdue').execute();
      const mine = (ids: string[]) => ids.filter((id) => [late.id, paidLate.id, notDue.id, lateDraft.id].includes(id));
      assert.deepEqual(mine(followUps.map((row) => row.source_id)), [late.id]);
      assert.deepEqual(mine(audit.map((row) => row.subject_id)), [late.id]);
      assert.equal((await webhooks('invoice.overdue', late.id)).length, 1);
      assert.match(followUps.find((row) => row.source_id === late.id)!.summary, /overdue: 323\.85 USD was due/);
      assert.equal((await webhooks('invoice.overdue', paidLate.id)).length, 0);
      const row = await t.app.db.selectFrom('invoices').select('overdue_notified_at').where('id', '=', late.id).executeTakeFirstOrThrow();
      assert.ok(row.overdue_notified_at);
      assert.equal(await verifyAuditChain(t.app.db, workspaceA.workspaceId), null);
    });

    test('a read-only key reads invoices but changes none', async () => {
      const readOnly = bearer(t.app, (await createApiKey(t.app.db, workspaceA.workspaceId, 'reader', 'read_only')).secret);
      const invoice = await issued(acme.customerId);
      await ok(readOnly('GET', `/v1/workspace/invoices/${invoice.id}`));
      await refused(readOnly('POST', `/v1/workspace/invoices/${invoice.id}/payments`, { amount: 1, paidOn: date(0), method: 'cash' }), 403, 'forbidden');
      await refused(readOnly('POST', '/v1/workspace/invoices', { customerId: acme.customerId, currency: 'USD', issueDate: date(0), dueDate: date(1), lines: threeLines }), 403, 'forbidden');
    });
  });
}

describe('invoice logo fetching', () => {
  test('only PNG or JPEG from an allowed address, within the size limit and time', async () => {
    const server = await logoServer();
    try {
      clearLogoCache();
      const logo = await fetchLogo(`${server.base}/logo.png`);
      assert.equal(logo?.type, 'png');
      assert.equal(await fetchLogo(`${server.base}/big`), undefined, 'over 1 MiB');
      assert.equal(await fetchLogo(`${server.base}/disguised.png`), undefined, 'not PNG bytes whatever the type says');
      assert.equal(await fetchLogo(`${server.base}/moved`), undefined, 'no redirect followed');
      const started = Date.now();
      assert.equal(await fetchLogo(`${server.base}/slow`), undefined, 'timed out');
      assert.ok(Date.now() - started < 5_000);
      // Refused before any connection: private, link-local and loopback addresses of other hosts; plain http elsewhere.
      for (const url of ['https://10.0.0.7/logo.png', 'https://169.254.169.254/latest/meta-data', 'https://[::ffff:192.168.1.1]/a.png', 'http://93.184.215.14/logo.png', 'ftp://127.0.0.1/logo.png']) {
        assert.equal(await fetchLogo(url), undefined, url);
      }
      // Cached for 10 minutes, failures too; then asked again.
      const hits = server.hits.get('/logo.png');
      await fetchLogo(`${server.base}/logo.png`);
      assert.equal(server.hits.get('/logo.png'), hits);
      await fetchLogo(`${server.base}/logo.png`, Date.now() + 11 * 60_000);
      assert.equal(server.hits.get('/logo.png'), (hits ?? 0) + 1);
    } finally {
      await server.close();
    }
  });
});

test('checkedDate: a day that does not exist is 422 invalid_date, not an exception', async () => {
  const { checkedDate } = await import('./actions.js');
  assert.equal(checkedDate('2028-02-29', 'dueDate'), '2028-02-29');
  for (const value of ['2026-13-01', '2026-02-30', '2026-00-10', '26-01-01']) {
    assert.throws(() => checkedDate(value, 'dueDate'), (error: unknown) => (error as { code?: string }).code === 'invalid_date', value);
  }
});

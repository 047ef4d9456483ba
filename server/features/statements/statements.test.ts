import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream, type PDFObject } from 'pdf-lib';
import type { Problem } from '../../../sdk/contract/common.js';
import type { CustomerStatement, PortalStatement } from '../../../sdk/contract/statements.js';
import { newId } from '../../lib/ids.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { customerWithContact, signInContact } from '../../test-support/portal.js';
import { openMemberSession } from '../members/sessions.js';
import type { InvoiceState, PaymentMethod } from '../finance/schema.js';
import { resolvePeriod } from './actions.js';
import { csvField } from './files.js';
import { buildStatement, compareNumbers, type LedgerInvoice, type LedgerPayment } from './ledger.js';

type Caller = (method: 'GET' | 'POST', url: string) => Promise<LightMyRequestResponse>;
const bearer = (app: FastifyInstance, token: string): Caller => (method, url) => app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });

const ok = async <T>(response: Promise<LightMyRequestResponse>, status = 200): Promise<T> => {
  const answer = await response;
  assert.equal(answer.statusCode, status, answer.body);
  return answer.json<T>();
};
const refused = async (response: Promise<LightMyRequestResponse>, status: number, code: string, what = code): Promise<Problem> => {
  const answer = await response;
  assert.equal(answer.statusCode, status, `${what}: ${answer.body}`);
  const problem = answer.json<Problem>();
  assert.equal(problem.code, code, `${what}: ${answer.body}`);
  return problem;
};

/** The text a PDF draws (hex strings shown with Tj), page after page. */
async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
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
  return { text: lines.join('\n'), pages: pdf.getPageCount() };
}

const sumAging = (statement: Pick<PortalStatement, 'aging'>) =>
  statement.aging.current + statement.aging.days1To30 + statement.aging.days31To60 + statement.aging.days61To90 + statement.aging.days90Plus;

// ---------------------------------------------------------------- the ledger, pure

const day = (offset: number) => new Date(Date.UTC(2022, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

/** Random ledgers: invoices over ~4 years, payments on them at any date (early, late, over and under). */
const ledgerArbitrary = fc
  .array(fc.record({ issue: fc.integer({ min: 0, max: 1500 }), term: fc.integer({ min: 0, max: 120 }), total: fc.integer({ min: 0, max: 5_000_000_000 }) }), { maxLength: 40 })
  .chain((drafts) => {
    const invoices: LedgerInvoice[] = drafts.map((draft, index) => ({
      id: `inv_${index}`,
      number: `INV-${index + 1}`,
      issueDate: day(draft.issue),
      dueDate: day(draft.issue + draft.term),
      total: draft.total,
    }));
    const payment = fc.record({
      invoice: fc.integer({ min: 0, max: Math.max(0, invoices.length - 1) }),
      shift: fc.integer({ min: -30, max: 400 }),
      amount: fc.integer({ min: 1, max: 5_000_000_000 }),
      method: fc.constantFrom<PaymentMethod>('bank_transfer', 'card', 'cash', 'cheque', 'other'),
    });
    return fc.tuple(fc.constant(invoices), invoices.length ? fc.array(payment, { maxLength: 60 }) : fc.constant([]));
  })
  .map(([invoices, drafts]) => ({
    invoices,
    payments: drafts.map((draft, index): LedgerPayment => {
      const invoice = invoices[draft.invoice]!;
      return {
        id: `pay_${index}`,
        invoiceId: invoice.id,
        invoiceNumber: invoice.number,
        paidOn: day(Math.max(0, (Date.parse(invoice.issueDate) - Date.UTC(2022, 0, 1)) / 86_400_000 + draft.shift)),
        amount: draft.amount,
        method: draft.method,
        reference: `R${index}`,
      };
    }),
  }));

const periodArbitrary = fc.tuple(fc.integer({ min: -10, max: 1700 }), fc.integer({ min: 0, max: 1700 }), fc.integer({ min: 0, max: 400 })).map(([start, length, todayAfter]) => ({
  from: day(start),
  to: day(start + length),
  today: day(start + length - 200 + todayAfter),
}));

describe('the statement ledger (pure)', () => {
  test('closing = opening + invoiced − paid; the last entry’s balance is the closing; aging − credit reconciles with the closing', () => {
    fc.assert(
      fc.property(ledgerArbitrary, periodArbitrary, ({ invoices, payments }, period) => {
        const statement = buildStatement(invoices, payments, period);
        assert.equal(statement.closingBalance, statement.openingBalance + statement.invoicedTotal - statement.paidTotal);
        const last = statement.entries.at(-1);
        assert.equal(last ? last.balance : statement.openingBalance, statement.closingBalance);
        assert.equal(sumAging(statement) - statement.credit, statement.closingBalance);
        for (const amount of [...Object.values(statement.aging), statement.credit]) assert.ok(Number.isSafeInteger(amount) && amount >= 0);
        // Entries in date order, invoices before payments on a day, each balance the running sum.
        let balance = statement.openingBalance;
        for (const [index, entry] of statement.entries.entries()) {
          balance += entry.debit - entry.credit;
          assert.equal(entry.balance, balance);
          assert.ok(entry.date >= period.from && entry.date <= period.to);
          const previous = statement.entries[index - 1];
          if (previous) {
            assert.ok(previous.date < entry.date || (previous.date === entry.date && (previous.kind === entry.kind || previous.kind === 'invoice')), `${previous.date} ${previous.kind} then ${entry.date} ${entry.kind}`);
          }
        }
        assert.equal(statement.invoicedTotal, statement.entries.reduce((sum, entry) => sum + entry.debit, 0));
        assert.equal(statement.paidTotal, statement.entries.reduce((sum, entry) => sum + entry.credit, 0));
      }),
      { numRuns: 400 },
    );
  });

  test('two adjacent periods chain: the first’s closing is the second’s opening', () => {
    fc.assert(
      fc.property(ledgerArbitrary, fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 400 }), ({ invoices, payments }, start, first, second) => {
        const today = day(3000);
        const a = buildStatement(invoices, payments, { from: day(start), to: day(start + first), today });
        const b = buildStatement(invoices, payments, { from: day(start + first + 1), to: day(start + first + second), today });
        assert.equal(a.closingBalance, b.openingBalance);
      }),
      { numRuns: 200 },
    );
  });

  test('a hand-checked statement', () => {
    const invoices: LedgerInvoice[] = [
      { id: 'inv_a', number: 'INV-0001', issueDate: '2026-01-10', dueDate: '2026-02-09', total: 100_000 },
      { id: 'inv_b', number: 'INV-0002', issueDate: '2026-03-01', dueDate: '2026-03-31', total: 50_000 },
      { id: 'inv_c', number: 'INV-0003', issueDate: '2026-05-15', dueDate: '2026-06-14', total: 30_000 },
      { id: 'inv_d', number: 'INV-0004', issueDate: '2026-06-20', dueDate: '2026-07-20', total: 20_000 },
    ];
    const pay = (id: string, invoice: LedgerInvoice, paidOn: string, amount: number): LedgerPayment => ({ id, invoiceId: invoice.id, invoiceNumber: invoice.number, paidOn, amount, method: 'bank_transfer', reference: id.toUpperCase() });
    const [a, b, , d] = invoices as [LedgerInvoice, LedgerInvoice, LedgerInvoice, LedgerInvoice];
    const payments = [pay('p1', a, '2026-02-01', 60_000), pay('p2', b, '2026-03-01', 10_000), pay('p3', a, '2026-06-30', 40_000), pay('p4', d, '2026-07-01', 25_000)];
    const statement = buildStatement(invoices, payments, { from: '2026-03-01', to: '2026-06-30', today: '2026-12-01' });
    // Before March: A 1,000.00 invoiced, 600.00 paid.
    assert.equal(statement.openingBalance, 40_000);
    assert.equal(statement.invoicedTotal, 100_000); // B + C + D
    assert.equal(statement.paidTotal, 50_000); // p2 + p3 (p4 is after the period)
    assert.equal(statement.closingBalance, 90_000);
    assert.deepEqual(
      statement.entries.map((entry) => [entry.date, entry.kind, entry.invoiceNumber, entry.debit, entry.credit, entry.balance]),
      [
        ['2026-03-01', 'invoice', 'INV-0002', 50_000, 0, 90_000],
        ['2026-03-01', 'payment', 'INV-0002', 0, 10_000, 80_000],
        ['2026-05-15', 'invoice', 'INV-0003', 30_000, 0, 110_000],
        ['2026-06-20', 'invoice', 'INV-0004', 20_000, 0, 130_000],
        ['2026-06-30', 'payment', 'INV-0001', 0, 40_000, 90_000],
      ],
    );
    assert.equal(statement.entries[1]!.description, 'Payment for INV-0002 (bank transfer)');
    assert.equal(statement.entries[0]!.description, 'Invoice INV-0002, due 2026-03-31');
    assert.deepEqual(
      statement.entries.slice(0, 2).map((entry) => [entry.kind, entry.dueDate, entry.method]),
      [
        ['invoice', '2026-03-31', null],
        ['payment', null, 'bank_transfer'],
      ],
      'what a page in another language words the entries from',
    );
    // On June 30: B has 400.00 left, 91 days past due; C 300.00, 16 days; D 200.00, not yet due; A settled.
    assert.deepEqual(statement.aging, { current: 20_000, days1To30: 30_000, days31To60: 0, days61To90: 0, days90Plus: 40_000 });
    assert.equal(statement.credit, 0);

    // Aged on July 2 (the overpayment of D on July 1 is a credit of 50.00).
    const later = buildStatement(invoices, payments, { from: '2026-03-01', to: '2026-07-02', today: '2026-12-01' });
    assert.equal(later.credit, 5_000);
    assert.deepEqual(later.aging, { current: 0, days1To30: 30_000, days31To60: 0, days61To90: 0, days90Plus: 40_000 });
    assert.equal(sumAging(later) - later.credit, later.closingBalance);
    assert.equal(later.closingBalance, 65_000);
  });

  test('aging counts days up to the earlier of `to` and today; bucket edges at 30, 60 and 90 days', () => {
    const invoice = (id: string, due: string): LedgerInvoice => ({ id, number: id, issueDate: '2026-01-01', dueDate: due, total: 1 });
    // On 2026-06-30: due that day → current; 30 days late → 1–30; 31 → 31–60; 60 → 31–60; 61 → 61–90; 90 → 61–90; 91 → 90+.
    const invoices = ['2026-06-30', '2026-05-31', '2026-05-30', '2026-05-01', '2026-04-30', '2026-04-01', '2026-03-31'].map((due, index) => invoice(`INV-${index}`, due));
    const aged = buildStatement(invoices, [], { from: '2026-01-01', to: '2026-06-30', today: '2026-12-01' });
    assert.deepEqual(aged.aging, { current: 1, days1To30: 1, days31To60: 2, days61To90: 2, days90Plus: 1 });
    // A statement to a future date is aged as of today: nothing is overdue yet on 2026-03-30.
    const future = buildStatement(invoices, [], { from: '2026-01-01', to: '2027-06-30', today: '2026-03-30' });
    assert.deepEqual(future.aging, { current: 7, days1To30: 0, days31To60: 0, days61To90: 0, days90Plus: 0 });
  });

  test('invoice numbers sort by numbering order past 9999', () => {
    assert.deepEqual(['INV-10000', 'INV-9999', 'INV-0002'].sort(compareNumbers), ['INV-0002', 'INV-9999', 'INV-10000']);
  });

  test('the period: defaults to twelve calendar months to today; refused with invalid_period', () => {
    assert.deepEqual(resolvePeriod({}, '2026-12-03'), { from: '2026-01-01', to: '2026-12-03', today: '2026-12-03' });
    assert.deepEqual(resolvePeriod({ to: '2026-03-31' }, '2026-12-03'), { from: '2025-04-01', to: '2026-03-31', today: '2026-12-03' });
    assert.equal(resolvePeriod({ from: '2016-12-04', to: '2026-12-03' }, '2026-12-03').from, '2016-12-04');
    for (const query of [{ from: '2026-05-01', to: '2026-04-30' }, { from: '2016-12-03', to: '2026-12-03' }, { from: '2026-02-30' }, { to: '2026-13-01' }]) {
      assert.throws(() => resolvePeriod(query, '2026-12-03'), (error: { code?: string; statusCode?: number }) => error.code === 'invalid_period', JSON.stringify(query));
    }
  });

  test('CSV cells: RFC 4180 quoting; a would-be formula is text', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('=HYPERLINK("http://evil.example")'), `"'=HYPERLINK(""http://evil.example"")"`);
    for (const start of ['+', '-', '@', '\t']) assert.ok(csvField(`${start}1+1`).startsWith(`'${start}`) || csvField(`${start}1+1`).startsWith(`"'${start}`), start);
  });
});

// ---------------------------------------------------------------- through the API, both dialects

for (const dialect of testDialects) {
  describe(`statements (${dialect})`, () => {
    let t: TestApp;
    let workspace: { workspaceId: string; apiKey: string };
    let otherWorkspace: { workspaceId: string; apiKey: string };
    let acme: Awaited<ReturnType<typeof customerWithContact>>;
    let globex: Awaited<ReturnType<typeof customerWithContact>>;
    let acmePortal: Caller;
    let globexPortal: Caller;
    let team: Caller;
    let teamB: Caller;

    before(async () => {
      t = await createTestApp(dialect);
      workspace = await t.newWorkspace('Northwind Studio');
      otherWorkspace = await t.newWorkspace('Elsewhere');
      acme = await customerWithContact(t.app, workspace.apiKey, 'Acme');
      globex = await customerWithContact(t.app, workspace.apiKey, 'Globex');
      acmePortal = bearer(t.app, (await signInContact(t.app, workspace.apiKey, acme.contactId)).accessToken);
      globexPortal = bearer(t.app, (await signInContact(t.app, workspace.apiKey, globex.contactId)).accessToken);
      team = bearer(t.app, workspace.apiKey);
      teamB = bearer(t.app, otherWorkspace.apiKey);
    });
    after(() => t.close());

    let counter = 0;
    /** An invoice row as the invoices feature stores it (issued unless said otherwise). */
    const invoice = async (customerId: string, fields: { issueDate: string; dueDate: string; total: number; currency?: string; state?: InvoiceState; number?: string }) => {
      const id = newId('inv');
      const at = new Date().toISOString();
      counter += 1;
      await t.app.db
        .insertInto('invoices')
        .values({
          id,
          workspace_id: workspace.workspaceId,
          customer_id: customerId,
          project_id: null,
          estimate_id: null,
          number: fields.number ?? `INV-T${String(counter).padStart(5, '0')}`,
          notes: '',
          internal_note: 'INTERNAL',
          state: fields.state ?? 'issued',
          issue_date: fields.issueDate,
          due_date: fields.dueDate,
          currency: fields.currency ?? 'USD',
          subtotal: fields.total,
          discount_total: 0,
          tax_total: 0,
          total: fields.total,
          amount_paid: 0,
          sent_at: at,
          sent_by_type: 'api_key',
          sent_by_id: 'key_test',
          voided_at: null,
          void_reason: null,
          overdue_notified_at: null,
          paid_at: null,
          created_by_type: 'api_key',
          created_by_id: 'key_test',
          created_at: at,
          updated_at: at,
        })
        .execute();
      return id;
    };
    /** A payment, moving the invoice's amount_paid as insertPayment does. */
    const payment = async (invoiceId: string, fields: { paidOn: string; amount: number; reference?: string }) => {
      const row = await t.app.db.selectFrom('invoices').select(['customer_id', 'currency']).where('id', '=', invoiceId).executeTakeFirstOrThrow();
      const { insertPayment } = await import('../finance/repository.js');
      await t.app.db.transaction().execute((trx) =>
        insertPayment(trx, {
          id: newId('pay'),
          workspace_id: workspace.workspaceId,
          customer_id: row.customer_id,
          invoice_id: invoiceId,
          currency: row.currency,
          amount: fields.amount,
          paid_on: fields.paidOn,
          method: 'bank_transfer',
          reference: fields.reference ?? '',
          source: 'team',
          payment_proof_id: null,
          recorded_by_type: 'api_key',
          recorded_by_id: 'key_test',
          created_at: new Date().toISOString(),
        }),
      );
    };

    test('the portal statement: only issued invoices of this customer and currency, hand-checked; CSV and PDF hold the same', async () => {
      const customer = await customerWithContact(t.app, workspace.apiKey, 'Initrode');
      const portal = bearer(t.app, (await signInContact(t.app, workspace.apiKey, customer.contactId)).accessToken);
      const a = await invoice(customer.customerId, { issueDate: '2025-11-10', dueDate: '2025-12-10', total: 100_000 });
      const b = await invoice(customer.customerId, { issueDate: '2026-02-01', dueDate: '2026-03-03', total: 250_050, number: 'INV-S0002' });
      await invoice(customer.customerId, { issueDate: '2026-04-15', dueDate: '2026-05-15', total: 80_000, number: 'INV-S0003' });
      await payment(a, { paidOn: '2025-12-01', amount: 100_000, reference: 'TRX-A' });
      await payment(b, { paidOn: '2026-02-20', amount: 50_000, reference: '=HYPERLINK("http://evil.example","x")' });
      // Not counted: a draft, a voided invoice and its payment, another currency, another customer.
      await invoice(customer.customerId, { issueDate: '2026-03-01', dueDate: '2026-03-31', total: 999_999, state: 'draft' });
      const voided = await invoice(customer.customerId, { issueDate: '2026-03-02', dueDate: '2026-04-01', total: 777_777 });
      await payment(voided, { paidOn: '2026-03-05', amount: 7_777 });
      await t.app.db.updateTable('invoices').set({ state: 'void' }).where('id', '=', voided).execute();
      await invoice(customer.customerId, { issueDate: '2026-01-05', dueDate: '2026-02-04', total: 123_456, currency: 'EUR' });
      await invoice(acme.customerId, { issueDate: '2026-03-01', dueDate: '2026-03-31', total: 555_555 });

      const statement = await ok<PortalStatement>(portal('GET', '/v1/portal/statement?from=2026-01-01&to=2026-06-30&currency=USD'));
      assert.equal(statement.customerName, 'Initrode');
      assert.deepEqual(statement.currencies, ['EUR', 'USD']);
      assert.equal(statement.openingBalance, 0);
      assert.equal(statement.invoicedTotal, 330_050);
      assert.equal(statement.paidTotal, 50_000);
      assert.equal(statement.closingBalance, 280_050);
      assert.deepEqual(statement.entries.map((entry) => [entry.date, entry.kind, entry.debit, entry.credit, entry.balance]), [
        ['2026-02-01', 'invoice', 250_050, 0, 250_050],
        ['2026-02-20', 'payment', 0, 50_000, 200_050],
        ['2026-04-15', 'invoice', 80_000, 0, 280_050],
      ]);
      // On June 30: B's 2,000.50 is 119 days past due, C's 800.00 46 days.
      assert.deepEqual(statement.aging, { current: 0, days1To30: 0, days31To60: 80_000, days61To90: 0, days90Plus: 200_050 });
      assert.equal(statement.credit, 0);
      assert.ok(!JSON.stringify(statement).includes('INTERNAL'));
      assert.ok(!statement.entries.some((entry) => [555_555, 999_999, 777_777, 7_777, 123_456].includes(entry.debit + entry.credit)), 'nothing of another customer, currency, draft or void');

      // The default currency is the one of the most recent invoice; the default period twelve months to today.
      const defaults = await ok<PortalStatement>(portal('GET', '/v1/portal/statement'));
      assert.equal(defaults.currency, 'USD');
      assert.equal(defaults.to, new Date().toISOString().slice(0, 10));
      assert.match(defaults.from, /^\d{4}-\d{2}-01$/);
      const euros = await ok<PortalStatement>(portal('GET', '/v1/portal/statement?currency=EUR&from=2026-01-01&to=2026-06-30'));
      assert.equal(euros.closingBalance, 123_456);

      // The team reads the same statement.
      const teams = await ok<CustomerStatement>(team('GET', `/v1/workspace/customers/${customer.customerId}/statement?from=2026-01-01&to=2026-06-30&currency=USD`));
      assert.equal(teams.customerId, customer.customerId);
      assert.deepEqual({ ...teams, customerId: undefined, generatedAt: '' }, { ...statement, customerId: undefined, generatedAt: '' });

      // CSV: BOM, CRLF, a header, exact decimals, the formula made text.
      const csv = await t.app.inject({ method: 'GET', url: '/v1/portal/statement/csv?from=2026-01-01&to=2026-06-30&currency=USD', headers: { authorization: (await portalAuth(customer.contactId)) } });
      assert.equal(csv.statusCode, 200, csv.body);
      assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
      assert.match(String(csv.headers['content-disposition']), /^attachment; filename="statement-Initrode-2026-01-01-2026-06-30-USD\.csv"$/);
      assert.equal(csv.headers['cache-control'], 'no-store');
      const text = csv.rawPayload.toString('utf8');
      assert.ok(text.startsWith('\uFEFF'));
      const lines = text.slice(1).split('\r\n');
      assert.equal(lines.at(-1), '', 'ends with CRLF');
      assert.deepEqual(lines.slice(0, -1), [
        'Date,Type,Invoice,Reference,Description,Debit,Credit,Balance',
        '2026-01-01,opening,,,Opening balance,,,0.00',
        '2026-02-01,invoice,INV-S0002,INV-S0002,"Invoice INV-S0002, due 2026-03-03",2500.50,,2500.50',
        `2026-02-20,payment,INV-S0002,"'=HYPERLINK(""http://evil.example"",""x"")",Payment for INV-S0002 (bank transfer),,500.00,2000.50`,
        '2026-04-15,invoice,INV-S0003,INV-S0003,"Invoice INV-S0003, due 2026-05-15",800.00,,2800.50',
        '2026-06-30,closing,,,Closing balance,3300.50,500.00,2800.50',
      ]);

      // PDF: loads, and names the tenant, the customer and every total.
      const pdf = await t.app.inject({ method: 'GET', url: '/v1/portal/statement/pdf?from=2026-01-01&to=2026-06-30&currency=USD', headers: { authorization: await portalAuth(customer.contactId) } });
      assert.equal(pdf.statusCode, 200, pdf.body);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const { text: drawn, pages } = await pdfText(pdf.rawPayload);
      assert.equal(pages, 1);
      for (const expected of ['Northwind Studio', 'Customer: Initrode', 'Period: 2026-01-01 to 2026-06-30', '0.00', '3300.50', '500.00', '2800.50', '2000.50', 'Page 1 of 1']) {
        assert.ok(drawn.includes(expected), `the PDF shows ${expected}:\n${drawn}`);
      }
      assert.ok(!drawn.includes('5555.55') && !drawn.includes('INTERNAL'));
    });

    const portalTokens = new Map<string, string>();
    const portalAuth = async (contactId: string) => {
      let token = portalTokens.get(contactId);
      if (!token) {
        token = (await signInContact(t.app, workspace.apiKey, contactId)).accessToken;
        portalTokens.set(contactId, token);
      }
      return `Bearer ${token}`;
    };

    test('a long statement runs on to several numbered pages with every entry', async () => {
      const customer = await customerWithContact(t.app, workspace.apiKey, 'Longco');
      for (let i = 0; i < 120; i++) {
        const id = await invoice(customer.customerId, { issueDate: day(1400 + i), dueDate: day(1430 + i), total: 1_000 + i, number: `INV-L${String(i).padStart(4, '0')}` });
        if (i % 2) await payment(id, { paidOn: day(1401 + i), amount: 1_000 + i });
      }
      const url = `/v1/portal/statement?from=${day(1400)}&to=${day(1600)}`;
      const portal = bearer(t.app, (await portalAuth(customer.contactId)).slice(7));
      const statement = await ok<PortalStatement>(portal('GET', url));
      // The JSON pages its entries (100 by default); the PDF holds them all.
      assert.equal(statement.entries.length, 100);
      assert.ok(statement.nextCursor);
      const rest = await ok<PortalStatement>(portal('GET', `${url}&cursor=${statement.nextCursor}`));
      assert.equal(rest.entries.length, 80);
      assert.equal(rest.nextCursor, null);
      assert.equal(rest.entries.at(-1)?.balance, statement.closingBalance);
      const pdf = await t.app.inject({ method: 'GET', url: url.replace('/statement?', '/statement/pdf?'), headers: { authorization: await portalAuth(customer.contactId) } });
      const { text, pages } = await pdfText(pdf.rawPayload);
      assert.ok(pages >= 4, `${pages} pages`);
      assert.ok(text.includes(`Page ${pages} of ${pages}`));
      assert.equal(text.split('\n').filter((line) => line === 'Balance').length, pages, 'the table header on every page');
      for (const number of ['INV-L0000', 'INV-L0119']) assert.ok(text.includes(number), number);
      assert.ok(text.includes((statement.closingBalance / 100).toFixed(2)));
    });

    test('random ledgers: the database’s statement is the pure ledger’s', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(ledgerArbitrary, periodArbitrary, fc.integer({ min: 1, max: 7 }), async ({ invoices, payments }, period, limit) => {
          run += 1;
          const customer = await customerWithContact(t.app, workspace.apiKey, `Random ${run}`);
          const ids = new Map<string, string>();
          const stored: LedgerInvoice[] = [];
          for (const [index, ledgerInvoice] of invoices.entries()) {
            const number = `INV-R${run}-${String(index).padStart(3, '0')}`;
            const id = await invoice(customer.customerId, { issueDate: ledgerInvoice.issueDate, dueDate: ledgerInvoice.dueDate, total: ledgerInvoice.total, number });
            ids.set(ledgerInvoice.id, id);
            stored.push({ ...ledgerInvoice, id, number });
          }
          const storedPayments: LedgerPayment[] = [];
          for (const ledgerPayment of payments) {
            const id = ids.get(ledgerPayment.invoiceId)!;
            await payment(id, { paidOn: ledgerPayment.paidOn, amount: ledgerPayment.amount });
          }
          const rows = await t.app.db.selectFrom('payments').select(['id', 'invoice_id', 'paid_on', 'amount']).where('customer_id', '=', customer.customerId).execute();
          for (const row of rows) {
            const of = stored.find((each) => each.id === row.invoice_id)!;
            storedPayments.push({ id: row.id, invoiceId: row.invoice_id, invoiceNumber: of.number, paidOn: row.paid_on, amount: Number(row.amount), method: 'bank_transfer', reference: '' });
          }
          const today = new Date().toISOString().slice(0, 10);
          const expected = buildStatement(stored, storedPayments, { from: period.from, to: period.to, today });
          // Page by page, with a small page size: every page carries the period's figures, and the
          // pages' entries, in order and with their running balances, are the pure ledger's.
          const url = `/v1/workspace/customers/${customer.customerId}/statement?from=${period.from}&to=${period.to}&currency=USD&limit=${limit}`;
          const entries: CustomerStatement['entries'] = [];
          let cursor: string | null = null;
          do {
            const fromApi: CustomerStatement = await ok<CustomerStatement>(team('GET', cursor ? `${url}&cursor=${cursor}` : url));
            assert.deepEqual(
              { opening: fromApi.openingBalance, invoiced: fromApi.invoicedTotal, paid: fromApi.paidTotal, closing: fromApi.closingBalance, aging: fromApi.aging, credit: fromApi.credit },
              { opening: expected.openingBalance, invoiced: expected.invoicedTotal, paid: expected.paidTotal, closing: expected.closingBalance, aging: expected.aging, credit: expected.credit },
            );
            assert.ok(fromApi.entries.length <= limit);
            entries.push(...fromApi.entries);
            cursor = fromApi.nextCursor;
          } while (cursor);
          assert.deepEqual(entries, expected.entries);
        }),
        { numRuns: 12 },
      );
    });

    test('bad queries: invalid_period, unknown_currency, validation; another customer or workspace is never included', async () => {
      await refused(acmePortal('GET', '/v1/portal/statement?from=2026-05-01&to=2026-04-01'), 422, 'invalid_period', 'from after to');
      await refused(acmePortal('GET', '/v1/portal/statement?from=2016-01-01&to=2026-01-01'), 422, 'invalid_period', 'ten years');
      await refused(acmePortal('GET', '/v1/portal/statement?from=2026-02-30'), 422, 'invalid_period', 'no such day');
      await refused(acmePortal('GET', '/v1/portal/statement/csv?to=2026-02-29'), 422, 'invalid_period', 'csv too');
      await refused(acmePortal('GET', '/v1/portal/statement?currency=ABC'), 422, 'unknown_currency');
      await refused(acmePortal('GET', '/v1/portal/statement/pdf?currency=ABC'), 422, 'unknown_currency');
      await refused(acmePortal('GET', '/v1/portal/statement?currency=usd'), 400, 'validation_failed');
      await refused(acmePortal('GET', '/v1/portal/statement?from=yesterday'), 400, 'validation_failed');
      await refused(acmePortal('GET', '/v1/portal/statement?customerId=x'), 400, 'validation_failed');
      await refused(acmePortal('GET', '/v1/portal/statement?limit=501'), 400, 'validation_failed', 'a page of at most 500');
      await refused(acmePortal('GET', '/v1/portal/statement/csv?limit=5'), 400, 'validation_failed', 'the downloads hold every entry');
      // A cursor this server did not write: garbage, a forged key with a NUL, a wrong shape.
      const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      for (const cursor of ['not-a-cursor', forged(['2026-01-01', 0, 'INV-\u0000', 'inv_x']), forged(['2026-01-01', 2, 'INV-1', 'inv_x']), forged({ date: '2026-01-01' })]) {
        await refused(acmePortal('GET', `/v1/portal/statement?cursor=${cursor}`), 400, 'invalid_cursor', cursor);
      }
      await refused(team('GET', '/v1/workspace/customers/cus_nosuchcustomer/statement'), 404, 'not_found');
      await refused(teamB('GET', `/v1/workspace/customers/${acme.customerId}/statement`), 404, 'not_found', 'another workspace’s customer');
      // Finance reads statements; a team lead does not.
      const member = async (role: 'team_lead' | 'finance_reviewer') => {
        const personId = newId('per');
        const memberId = newId('mem');
        const at = new Date().toISOString();
        await t.app.db.insertInto('people').values({ id: personId, google_sub: `g-${personId}`, email: `${personId}@team.example`, name: role, created_at: at }).execute();
        await t.app.db.insertInto('members').values({ id: memberId, workspace_id: workspace.workspaceId, person_id: personId, email: `${personId}@team.example`, role, status: 'active', invited_by: null, created_at: at, joined_at: at }).execute();
        const session = await openMemberSession(t.app.db, { id: memberId, workspace_id: workspace.workspaceId, role });
        return bearer(t.app, t.app.signMemberAccessToken({ sub: memberId, ws: workspace.workspaceId, sid: session.sessionId }));
      };
      await refused((await member('team_lead'))('GET', `/v1/workspace/customers/${acme.customerId}/statement`), 403, 'forbidden', 'a team lead');
      await ok<CustomerStatement>((await member('finance_reviewer'))('GET', `/v1/workspace/customers/${acme.customerId}/statement`));

      const globexInvoice = await invoice(globex.customerId, { issueDate: '2026-06-01', dueDate: '2026-07-01', total: 424_242 });
      await payment(globexInvoice, { paidOn: '2026-06-02', amount: 4_242 });
      const acmeSees = await ok<PortalStatement>(acmePortal('GET', '/v1/portal/statement?from=2020-01-01&to=2026-12-31'));
      assert.ok(!acmeSees.entries.some((entry) => entry.invoiceId === globexInvoice), 'Acme never sees Globex’s invoice');
      assert.ok(!JSON.stringify(acmeSees).includes('424242') && !JSON.stringify(acmeSees).includes('Globex'));
      const globexSees = await ok<PortalStatement>(globexPortal('GET', '/v1/portal/statement?from=2020-01-01&to=2026-12-31'));
      assert.equal(globexSees.closingBalance, 420_000);
      const csv = await t.app.inject({ method: 'GET', url: '/v1/portal/statement/csv?from=2020-01-01&to=2026-12-31', headers: { authorization: await portalAuth(acme.contactId) } });
      assert.ok(!csv.body.includes('4242.42') && !csv.body.includes(globexInvoice));
      // A customer without invoices gets an empty USD statement.
      const empty = await customerWithContact(t.app, workspace.apiKey, 'Newco');
      const none = await ok<PortalStatement>(bearer(t.app, (await portalAuth(empty.contactId)).slice(7))('GET', '/v1/portal/statement'));
      assert.deepEqual([none.currency, none.currencies, none.entries, none.closingBalance], ['USD', [], [], 0]);
    });

    test('a five-year statement of a customer with 10,000 invoices is read from aggregates and the period’s rows', async () => {
      const customer = await customerWithContact(t.app, workspace.apiKey, 'Bigco');
      const start = Date.UTC(2021, 11, 1);
      const rows = [];
      const payments = [];
      const at = new Date().toISOString();
      for (let i = 0; i < 10_000; i++) {
        const issued = new Date(start + Math.floor((i * 5 * 365 * 86_400_000) / 10_000)).toISOString().slice(0, 10);
        const due = new Date(Date.parse(issued) + 30 * 86_400_000).toISOString().slice(0, 10);
        const id = newId('inv');
        const total = 10_000 + (i % 97) * 113;
        const paid = i % 10 === 0 ? 0 : total;
        rows.push({
          id, workspace_id: workspace.workspaceId, customer_id: customer.customerId, project_id: null, estimate_id: null, number: `INV-B${String(i).padStart(5, '0')}`,
          notes: '', internal_note: '', state: 'issued' as const, issue_date: issued, due_date: due, currency: 'USD', subtotal: total, discount_total: 0, tax_total: 0, total,
          amount_paid: paid, sent_at: at, sent_by_type: 'api_key' as const, sent_by_id: 'k', voided_at: null, void_reason: null, overdue_notified_at: null, paid_at: paid ? at : null,
          created_by_type: 'api_key' as const, created_by_id: 'k', created_at: at, updated_at: at,
        });
        if (paid) {
          payments.push({
            id: newId('pay'), workspace_id: workspace.workspaceId, customer_id: customer.customerId, invoice_id: id, currency: 'USD', amount: paid, paid_on: due, method: 'bank_transfer' as const,
            reference: `B${i}`, source: 'team' as const, payment_proof_id: null, recorded_by_type: 'api_key' as const, recorded_by_id: 'k', created_at: at,
          });
        }
      }
      for (let i = 0; i < rows.length; i += 500) await t.app.db.insertInto('invoices').values(rows.slice(i, i + 500)).execute();
      for (let i = 0; i < payments.length; i += 500) await t.app.db.insertInto('payments').values(payments.slice(i, i + 500)).execute();

      const portal = bearer(t.app, (await portalAuth(customer.contactId)).slice(7));
      const url = '/v1/portal/statement?from=2021-12-01&to=2026-11-30';
      // How fast it is, is the bench's (`statement-5y`), never a timed assertion here.
      const statement = await ok<PortalStatement>(portal('GET', url));
      assert.equal(statement.entries.length, 100, 'a page of entries');
      // Every page carries the period's figures; through the pages, the entries run to the closing.
      const entries = [...statement.entries];
      for (let cursor = statement.nextCursor; cursor; ) {
        const page: PortalStatement = await ok<PortalStatement>(portal('GET', `${url}&limit=500&cursor=${cursor}`));
        assert.equal(page.closingBalance, statement.closingBalance);
        entries.push(...page.entries);
        cursor = page.nextCursor;
      }
      assert.equal(entries.at(-1)?.balance, statement.closingBalance);
      assert.equal(new Set(entries.map((entry) => `${entry.kind}:${entry.date}:${entry.reference}:${entry.invoiceId}`)).size, entries.length, 'no entry twice');
      const invoicedByTo = rows.filter((row) => row.issue_date <= '2026-11-30').reduce((sum, row) => sum + row.total, 0);
      const paidByTo = payments.filter((row) => row.paid_on <= '2026-11-30').reduce((sum, row) => sum + row.amount, 0);
      assert.equal(statement.closingBalance, invoicedByTo - paidByTo);
      assert.equal(sumAging(statement) - statement.credit, statement.closingBalance);
      assert.ok(entries.length > 15_000, `${entries.length} entries`);
      // The opening balance of a recent period is aggregated: a one-month statement returns one month's rows.
      const month = await ok<PortalStatement>(portal('GET', '/v1/portal/statement?from=2026-11-01&to=2026-11-30&limit=500'));
      assert.equal(month.nextCursor, null);
      assert.ok(month.entries.length < 400, `${month.entries.length} entries`);
      assert.equal(month.closingBalance, statement.closingBalance);
    });
  });
}

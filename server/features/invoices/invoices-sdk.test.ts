import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { ConflictError, NotFoundError, ValidationError } from '../../../sdk/errors.js';
import { PortalClient } from '../../../sdk/portal-client.js';
import { testDialects } from '../../test-support/databases.js';
import { seedCustomerWithProposals } from '../../test-support/fixtures.js';
import { startTestServer, type TestServer } from '../../test-support/server.js';
import { todayUtc } from '../finance/repository.js';

const DAY = 86_400_000;
const date = (days: number) => todayUtc(new Date(Date.now() + days * DAY));

for (const dialect of testDialects) {
  describe(`invoices through the SDK (${dialect})`, () => {
    let server: TestServer;
    let seeded: Awaited<ReturnType<typeof seedCustomerWithProposals>>;

    before(async () => {
      server = await startTestServer(dialect);
      seeded = await seedCustomerWithProposals(server.workspace);
    });
    after(() => server.close());

    test('the team drafts, sends and is paid; the contact lists, opens and downloads the invoice', async () => {
      const { workspace } = server;
      const drafted = await workspace.invoices.create({
        customerId: seeded.customerId,
        currency: 'EUR',
        issueDate: date(-1),
        dueDate: date(13),
        notes: 'Payable within 14 days',
        internalNote: 'Not for the customer',
        lines: [
          { description: 'Consulting', quantity: '7.5', unitAmount: 12_000, taxRateBasisPoints: 1_900, unitCost: 7_000 },
          { description: 'Travel', quantity: '1', unitAmount: 8_450, discountBasisPoints: 5_000 },
        ],
      });
      assert.equal(drafted.status, 'draft');
      // 7.5 × 120.00 = 900.00, +19 % = 171.00; travel 84.50 −50 % = 42.25.
      assert.deepEqual(drafted.totals, { currency: 'EUR', subtotal: 94_225, discountTotal: 4_225, taxTotal: 17_100, total: 111_325 });
      await assert.rejects(
        workspace.invoices.create({ customerId: seeded.customerId, currency: 'EUR', issueDate: date(2), dueDate: date(1), lines: [{ description: 'x', quantity: '1', unitAmount: 1 }] }),
        (error: unknown) => error instanceof ValidationError && error.code === 'due_before_issue',
      );

      const portal = new PortalClient({ apiBase: server.url, clientSecret: (await workspace.portalSessions.create({ contactId: seeded.contactId })).clientSecret });
      assert.deepEqual((await portal.invoices.list()).items, [], 'a draft is not in the portal');
      await assert.rejects(portal.invoices.retrieve(drafted.id), NotFoundError);

      const updated = await workspace.invoices.update(drafted.id, { notes: 'Payable within 14 days, by bank transfer' });
      assert.equal(updated.notes, 'Payable within 14 days, by bank transfer');
      const sent = await workspace.invoices.send(drafted.id);
      assert.equal(sent.status, 'open');
      await assert.rejects(workspace.invoices.update(drafted.id, { notes: 'x' }), (error: unknown) => error instanceof ConflictError && error.code === 'invoice_not_draft');

      const paidOnce = await workspace.invoices.recordPayment(drafted.id, { amount: 11_325, paidOn: date(0), method: 'bank_transfer', reference: 'SEPA-77' });
      assert.equal(paidOnce.status, 'partially_paid');
      assert.equal(paidOnce.amountDue, 100_000);
      await assert.rejects(
        workspace.invoices.recordPayment(drafted.id, { amount: 100_001, paidOn: date(0), method: 'card' }),
        (error: unknown) => error instanceof ValidationError && error.code === 'payment_exceeds_amount_due',
      );

      const cards = await portal.invoices.list({ tab: 'outstanding' });
      assert.deepEqual(cards.items.map((card) => [card.number, card.status, card.total, card.amountPaid, card.amountDue]), [[sent.number, 'partially_paid', 111_325, 11_325, 100_000]]);
      const invoice = await portal.invoices.retrieve(drafted.id);
      assert.equal(invoice.notes, 'Payable within 14 days, by bank transfer');
      assert.deepEqual(invoice.payments.map((payment) => [payment.amount, payment.method, payment.reference]), [[11_325, 'bank_transfer', 'SEPA-77']]);
      assert.deepEqual(invoice.paymentProofs, []);
      assert.ok(!('internalNote' in invoice));
      assert.ok(invoice.lines.every((line) => !('unitCost' in line)));

      for (const blob of [await portal.invoices.pdf(drafted.id), await workspace.invoices.pdf(drafted.id)]) {
        assert.ok(blob instanceof Blob);
        assert.equal(blob.type, 'application/pdf');
        const pdf = await PDFDocument.load(new Uint8Array(await blob.arrayBuffer()));
        assert.equal(pdf.getTitle(), `Invoice ${sent.number}`);
      }

      const paid = await workspace.invoices.recordPayment(drafted.id, { amount: 100_000, paidOn: date(0), method: 'card' });
      assert.equal(paid.status, 'paid');
      assert.deepEqual((await portal.invoices.list({ tab: 'outstanding' })).items, []);
      assert.deepEqual((await workspace.invoices.list({ status: 'paid', customerId: seeded.customerId })).items.map((item) => item.id), [drafted.id]);
      await assert.rejects(workspace.invoices.void(drafted.id, { reason: 'Too late' }), (error: unknown) => error instanceof ConflictError && error.code === 'invoice_has_payments');
    });
  });
}

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ConflictError, NotFoundError, ValidationError } from '../../../sdk/errors.js';
import { PortalClient } from '../../../sdk/portal-client.js';
import { testDialects } from '../../test-support/databases.js';
import { samples } from '../../test-support/files.js';
import { seedCustomerWithProposals } from '../../test-support/fixtures.js';
import { startTestServer, type TestServer } from '../../test-support/server.js';

for (const dialect of testDialects) {
  describe(`payment proof and statements through the SDK (${dialect})`, () => {
    let server: TestServer;
    let seeded: Awaited<ReturnType<typeof seedCustomerWithProposals>>;

    before(async () => {
      server = await startTestServer(dialect);
      seeded = await seedCustomerWithProposals(server.workspace);
    });
    after(() => server.close());

    test('the contact sends proof, the team accepts it, and the statement shows the invoice paid; PDF and CSV download', async () => {
      const { workspace } = server;
      const draft = await workspace.invoices.create({
        customerId: seeded.customerId,
        currency: 'USD',
        issueDate: '2026-11-02',
        dueDate: '2099-12-31',
        lines: [{ description: 'Design', quantity: '1', unitAmount: 50_000 }],
      });
      const invoice = await workspace.invoices.send(draft.id);
      const portal = new PortalClient({ apiBase: server.url, clientSecret: (await workspace.portalSessions.create({ contactId: seeded.contactId })).clientSecret });

      const file = new File([new Uint8Array(samples.pdf())], 'remittance.pdf', { type: 'application/pdf' });
      const idempotencyKey = randomUUID();
      const proof = await portal.invoices.submitPaymentProof(invoice.id, { amount: 50_000, paidOn: '2026-11-20', method: 'bank_transfer', reference: 'SDK-TRX-1', file }, { idempotencyKey });
      const again = await portal.invoices.submitPaymentProof(invoice.id, { amount: 50_000, paidOn: '2026-11-20', method: 'bank_transfer', reference: 'SDK-TRX-1', file }, { idempotencyKey });
      assert.equal(again.id, proof.id, 'a retry with the key answers the first proof');
      assert.equal(proof.status, 'under_review');
      await assert.rejects(
        portal.invoices.submitPaymentProof(invoice.id, { amount: 0, paidOn: '2026-11-20', method: 'card', reference: 'x', file }),
        (error: unknown) => error instanceof ValidationError && error.code === 'invalid_amount',
      );
      await assert.rejects(portal.invoices.submitPaymentProof('inv_nothing', { amount: 1, paidOn: '2026-11-20', method: 'card', reference: 'x', file }), (error: unknown) => error instanceof NotFoundError);

      const before = await portal.statement.retrieve({ from: '2026-11-01', to: '2026-11-30' });
      assert.deepEqual([before.invoicedTotal, before.paidTotal, before.closingBalance], [50_000, 0, 50_000], 'nothing paid while under review');

      const listed = await workspace.paymentProofs.list({ status: 'under_review', invoiceId: invoice.id });
      assert.deepEqual(listed.items.map((item) => item.id), [proof.id]);
      const detail = await workspace.paymentProofs.retrieve(proof.id);
      assert.ok(detail.downloadLink);
      const accepted = await workspace.paymentProofs.accept(proof.id);
      assert.equal(accepted.status, 'accepted');
      await assert.rejects(workspace.paymentProofs.reject(proof.id, { reason: 'late' }), (error: unknown) => error instanceof ConflictError && error.code === 'payment_proof_already_reviewed');

      const statement = await portal.statement.retrieve({ from: '2026-11-01', to: '2026-11-30' });
      assert.deepEqual(statement.entries.map((entry) => [entry.kind, entry.debit, entry.credit, entry.balance]), [
        ['invoice', 50_000, 0, 50_000],
        ['payment', 0, 50_000, 0],
      ]);
      const teamView = await workspace.statements.retrieve(seeded.customerId, { from: '2026-11-01', to: '2026-11-30' });
      assert.equal(teamView.closingBalance, 0);
      await assert.rejects(portal.statement.retrieve({ from: '2026-12-01', to: '2026-11-01' }), (error: unknown) => error instanceof ValidationError && error.code === 'invalid_period');

      const pdf = await portal.statement.pdf({ from: '2026-11-01', to: '2026-11-30' });
      assert.equal(pdf.type, 'application/pdf');
      assert.equal(Buffer.from(await pdf.slice(0, 5).arrayBuffer()).toString('latin1'), '%PDF-');
      const csv = await portal.statement.csv({ from: '2026-11-01', to: '2026-11-30' });
      const text = await csv.text();
      assert.match(text, /^Date,Type,Invoice,Reference,Description,Debit,Credit,Balance\r\n/);
      assert.match(text, /2026-11-20,payment,.*,SDK-TRX-1,.*,,500\.00,0\.00\r\n/);
    });
  });
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectDatabase, migrateToLatest } from '../../db/database.js';
import { seedDemo } from '../../demo/seed.js';
import { createTestDatabase, testDialects } from '../../test-support/databases.js';
import { amountDue, invoiceStatus } from '../finance/repository.js';

for (const dialect of testDialects) {
  test(`${dialect}: the demo has open, partially paid, paid and overdue invoices for Acme and an open one for Globex`, async (t) => {
    const database = await createTestDatabase(dialect);
    t.after(() => database.drop());
    const { db } = await connectDatabase(database.config);
    t.after(() => db.destroy());
    await migrateToLatest(db);
    const { workspaceId, contactId } = await seedDemo(db);

    const acme = (await db.selectFrom('portal_contacts').select('customer_id').where('id', '=', contactId).executeTakeFirstOrThrow()).customer_id;
    // Only the invoices this feature seeds: issued ones not converted from an estimate.
    const invoices = await db.selectFrom('invoices').selectAll().where('workspace_id', '=', workspaceId).where('estimate_id', 'is', null).where('state', '=', 'issued').orderBy('number').execute();
    const ofAcme = invoices.filter((invoice) => invoice.customer_id === acme);
    assert.deepEqual(ofAcme.map((invoice) => invoiceStatus(invoice)), ['open', 'partially_paid', 'paid', 'overdue']);
    assert.deepEqual(invoices.filter((invoice) => invoice.customer_id !== acme).map((invoice) => [invoiceStatus(invoice), invoice.currency]), [['open', 'EUR']]);

    const [open, partial] = ofAcme;
    const lines = await db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', open!.id).orderBy('position').execute();
    assert.equal(lines.length, 3);
    assert.ok(lines.some((line) => Number(line.discount_bp) > 0) && lines.some((line) => Number(line.tax_rate_bp) > 0), 'a discount and tax');
    assert.equal(Number(open!.total), lines.reduce((sum, line) => sum + Number(line.total_amount), 0));
    const payments = await db.selectFrom('payments').select(['invoice_id', 'amount']).where('workspace_id', '=', workspaceId).execute();
    assert.deepEqual(payments.filter((payment) => payment.invoice_id === partial!.id).map((payment) => Number(payment.amount)), [80_000]);
    assert.equal(amountDue(partial!), 100_000);
  });
}

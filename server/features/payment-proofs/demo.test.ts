import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../config.js';
import { connectDatabase, migrateToLatest } from '../../db/database.js';
import { seedDemo } from '../../demo/seed.js';
import { createDownloadLinks, createFileStore } from '../../files/index.js';
import { createTestDatabase, testDialects } from '../../test-support/databases.js';

for (const dialect of testDialects) {
  test(`${dialect}: the demo has one payment proof under review on an open invoice and one rejected with its reason`, async (t) => {
    const database = await createTestDatabase(dialect);
    t.after(() => database.drop());
    const { db } = await connectDatabase(database.config);
    t.after(() => db.destroy());
    await migrateToLatest(db);
    const config = loadConfig({ TABA_DATA_DIR: database.dataDir });
    const fileStore = await createFileStore(config.files, { links: createDownloadLinks({ publicUrl: config.publicUrl, current: { id: 'k1', secret: 'demo-test' } }) });
    t.after(() => fileStore.close());
    const { workspaceId, contactId } = await seedDemo(db, { fileStore });

    const proofs = await db
      .selectFrom('payment_proofs')
      .innerJoin('invoices', 'invoices.id', 'payment_proofs.invoice_id')
      .innerJoin('intake_items', 'intake_items.id', 'payment_proofs.intake_item_id')
      .select(['payment_proofs.status', 'payment_proofs.reject_reason', 'payment_proofs.contact_id', 'payment_proofs.amount', 'invoices.total', 'invoices.amount_paid', 'invoices.due_date', 'intake_items.status as intakeStatus', 'intake_items.kind'])
      .where('payment_proofs.workspace_id', '=', workspaceId)
      .orderBy('payment_proofs.status', 'desc')
      .execute();
    const today = new Date().toISOString().slice(0, 10);
    assert.deepEqual(
      proofs.map((proof) => [proof.status, proof.intakeStatus, proof.kind, proof.contact_id, Number(proof.amount_paid), proof.due_date >= today]),
      [
        ['under_review', 'pending', 'payment_proof', contactId, 0, true],
        ['rejected', 'rejected', 'payment_proof', contactId, 0, false],
      ],
    );
    assert.match(proofs[1]!.reject_reason ?? '', /IBAN/);
    assert.equal(Number(proofs[0]!.amount), Number(proofs[0]!.total));
    const followUps = await db.selectFrom('follow_ups').select(['state']).where('workspace_id', '=', workspaceId).where('kind', '=', 'payment_proof.submitted').orderBy('state').execute();
    assert.deepEqual(followUps.map((followUp) => followUp.state), ['done', 'open'], 'the finance team follows up the one under review');
  });
}

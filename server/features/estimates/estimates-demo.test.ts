import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectDatabase, migrateToLatest } from '../../db/database.js';
import { seedDemo } from '../../demo/seed.js';
import { createTestDatabase, testDialects } from '../../test-support/databases.js';
import { todayUtc } from '../finance/repository.js';
import { listCustomerEstimates, readCustomerEstimate } from './repository.js';

for (const dialect of testDialects) {
  test(`${dialect}: the demo has an estimate awaiting Ada's decision, an approved one, a declined one and a draft she cannot see`, async (t) => {
    const database = await createTestDatabase(dialect);
    t.after(() => database.drop());
    const { db } = await connectDatabase(database.config);
    t.after(() => db.destroy());
    await migrateToLatest(db);
    const { workspaceId, contactId } = await seedDemo(db);
    const { customer_id: customerId } = await db.selectFrom('portal_contacts').select('customer_id').where('id', '=', contactId).executeTakeFirstOrThrow();
    const today = todayUtc();

    const stored = await db.selectFrom('estimates').select(['number', 'status']).where('workspace_id', '=', workspaceId).orderBy('number').execute();
    assert.deepEqual(stored.map((row) => [row.number, row.status]), [['EST-0001', 'sent'], ['EST-0002', 'approved'], ['EST-0003', 'declined'], ['EST-0004', 'draft']]);

    const open = await listCustomerEstimates(db, customerId, 'open', today, { limit: 20 });
    assert.deepEqual(open.items.map((card) => card.number), ['EST-0001']);
    const pending = await readCustomerEstimate(db, customerId, open.items[0]!.id, today);
    assert.equal(pending?.lines.length, 3);
    assert.ok(pending.lines.some((line) => line.taxRateBasisPoints > 0) && pending.lines.some((line) => line.discountAmount > 0), 'a tax rate and a discount');
    assert.ok(pending.lines.some((line) => line.quantity.includes('.')), 'a fractional quantity');
    assert.equal(pending.totals.total, pending.totals.subtotal + pending.totals.taxTotal);

    const closed = await listCustomerEstimates(db, customerId, 'closed', today, { limit: 20 });
    assert.deepEqual(closed.items.map((card) => card.status).sort(), ['approved', 'declined']);
    const declined = await readCustomerEstimate(db, customerId, closed.items.find((card) => card.status === 'declined')!.id, today);
    assert.ok(declined?.declineReason);
    const followUps = await db.selectFrom('follow_ups').select('kind').where('workspace_id', '=', workspaceId).where('source_type', '=', 'estimate').orderBy('kind').execute();
    assert.deepEqual(followUps.map((row) => row.kind), ['estimate.approved', 'estimate.declined']);
  });
}

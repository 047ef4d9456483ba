import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectDatabase, migrateToLatest } from '../../db/database.js';
import { seedDemo } from '../../demo/seed.js';
import { createTestDatabase, testDialects } from '../../test-support/databases.js';

for (const dialect of testDialects) {
  test(`${dialect}: the demo has a delivery in transit with three events, one delivered and one with an exception`, async (t) => {
    const database = await createTestDatabase(dialect);
    t.after(() => database.drop());
    const { db } = await connectDatabase(database.config);
    t.after(() => db.destroy());
    await migrateToLatest(db);
    const { workspaceId, contactId } = await seedDemo(db);

    const contact = await db.selectFrom('portal_contacts').select('customer_id').where('id', '=', contactId).executeTakeFirstOrThrow();
    const deliveries = await db.selectFrom('deliveries').selectAll().where('workspace_id', '=', workspaceId).orderBy('order_reference').execute();
    assert.ok(deliveries.every((delivery) => delivery.customer_id === contact.customer_id), "the signed-in contact's customer");
    const events = await db.selectFrom('delivery_events').select(['delivery_id', 'type']).where('workspace_id', '=', workspaceId).orderBy('occurred_at').execute();
    const timeline = (deliveryId: string) => events.filter((event) => event.delivery_id === deliveryId).map((event) => event.type);
    assert.deepEqual(
      deliveries.map((delivery) => [delivery.order_reference, delivery.status, timeline(delivery.id)]),
      [
        ['PO-7702', 'delivered', ['dispatched', 'in_transit', 'delivered']],
        ['PO-7741', 'in_transit', ['scheduled', 'dispatched', 'in_transit']],
        ['PO-7760', 'exception', ['dispatched', 'exception']],
      ],
    );
    const exception = deliveries[2]!;
    const followUps = await db.selectFrom('follow_ups').select(['source_id', 'state']).where('workspace_id', '=', workspaceId).where('kind', '=', 'delivery.exception').execute();
    assert.deepEqual(followUps, [{ source_id: exception.id, state: 'open' }], "the team's follow-up on the exception");
  });
}

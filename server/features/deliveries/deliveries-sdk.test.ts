import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConflictError, NotFoundError, ValidationError } from '../../../sdk/errors.js';
import { PortalClient } from '../../../sdk/portal-client.js';
import { testDialects } from '../../test-support/databases.js';
import { seedCustomerWithProposals } from '../../test-support/fixtures.js';
import { startTestServer, type TestServer } from '../../test-support/server.js';

const ago = (hours: number) => new Date(Date.now() - hours * 60 * 60_000).toISOString();

for (const dialect of testDialects) {
  describe(`deliveries through the SDK (${dialect})`, () => {
    let server: TestServer;
    let seeded: Awaited<ReturnType<typeof seedCustomerWithProposals>>;

    before(async () => {
      server = await startTestServer(dialect);
      seeded = await seedCustomerWithProposals(server.workspace);
    });
    after(() => server.close());

    test('the team records a delivery and its events; the contact follows the timeline', async () => {
      const { workspace } = server;
      const created = await workspace.deliveries.create({ customerId: seeded.customerId, orderReference: 'PO-7741', carrier: 'DHL Express', trackingReference: 'JD0146' });
      assert.equal(created.status, 'pending');

      const first = await workspace.deliveries.appendEvent(created.id, { id: 'dhl-2', type: 'in_transit', occurredAt: ago(1), location: 'Leipzig hub' });
      assert.equal(first.result, 'stored');
      const repeat = await workspace.deliveries.appendEvent(created.id, { id: 'dhl-2', type: 'in_transit', occurredAt: first.event.occurredAt, location: 'Leipzig hub' });
      assert.equal(repeat.result, 'duplicate');
      await assert.rejects(
        workspace.deliveries.appendEvent(created.id, { id: 'dhl-2', type: 'delivered', occurredAt: ago(0.5) }),
        (error: unknown) => error instanceof ConflictError && error.code === 'delivery_event_conflict',
      );
      await assert.rejects(
        workspace.deliveries.appendEvent(created.id, { id: 'dhl-x', type: 'exception', occurredAt: ago(0.5) }),
        (error: unknown) => error instanceof ValidationError && error.code === 'exception_note_required',
      );
      const batch = await workspace.deliveries.appendEvents({
        events: [
          { deliveryId: created.id, id: 'dhl-1', type: 'dispatched', occurredAt: ago(5) },
          { deliveryId: created.id, id: 'dhl-2', type: 'in_transit', occurredAt: first.event.occurredAt, location: 'Leipzig hub' },
        ],
      });
      assert.deepEqual([batch.stored, batch.duplicates, batch.conflicts], [1, 1, 0]);

      const portal = new PortalClient({ apiBase: server.url, clientSecret: (await workspace.portalSessions.create({ contactId: seeded.contactId })).clientSecret });
      const page = await portal.deliveries.list();
      assert.deepEqual(page.items.map((card) => [card.id, card.status, card.orderReference]), [[created.id, 'in_transit', 'PO-7741']]);
      const detail = await portal.deliveries.retrieve(created.id);
      assert.deepEqual(detail.events.map((event) => [event.type, event.location]), [['dispatched', ''], ['in_transit', 'Leipzig hub']]);
      await assert.rejects(portal.deliveries.retrieve('dlv_nothing'), (error: unknown) => error instanceof NotFoundError);

      assert.deepEqual((await workspace.deliveries.list({ status: 'in_transit' })).items.map((item) => item.id), [created.id]);
      assert.equal((await workspace.deliveries.retrieve(created.id)).events.length, 2);
    });
  });
}

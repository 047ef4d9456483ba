import type { DemoSeed } from '../../demo/seed.js';
import { appendDeliveryEvents, createDelivery } from './actions.js';

const HOUR = 60 * 60_000;

/**
 * Deliveries to Acme, through the deliveries actions so that statuses, audit events and the
 * exception's follow-up are what real use produces:
 * - "PO-7741" by DHL Express, in transit: scheduled, dispatched, in transit (linked to Acme's first
 *   issued invoice when the invoices feature seeded one);
 * - "PO-7702" by UPS, delivered;
 * - "PO-7760" by DB Schenker, an exception: the address could not be found.
 */
export async function seedDeliveries(demo: DemoSeed): Promise<void> {
  const { database, team, customers, now } = demo;
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR).toISOString();
  const invoice = await database.db
    .selectFrom('invoices')
    .select('id')
    .where('customer_id', '=', customers.acme.id)
    .where('state', '=', 'issued')
    .orderBy('number')
    .limit(1)
    .executeTakeFirst();

  const inTransit = await createDelivery(database, team, {
    customerId: customers.acme.id,
    invoiceId: invoice?.id ?? null,
    orderReference: 'PO-7741',
    carrier: 'DHL Express',
    trackingReference: 'JD014600006281046572',
  });
  const delivered = await createDelivery(database, team, { customerId: customers.acme.id, orderReference: 'PO-7702', carrier: 'UPS', trackingReference: '1Z999AA10123456784' });
  const exception = await createDelivery(database, team, { customerId: customers.acme.id, orderReference: 'PO-7760', carrier: 'DB Schenker', trackingReference: 'SCH-5521-0093' });

  await appendDeliveryEvents(database, team, {
    events: [
      { deliveryId: delivered.id, id: 'ups-9001', type: 'dispatched', occurredAt: at(100), location: 'Rotterdam warehouse' },
      { deliveryId: delivered.id, id: 'ups-9002', type: 'in_transit', occurredAt: at(80), location: 'Antwerp hub' },
      { deliveryId: delivered.id, id: 'ups-9003', type: 'delivered', occurredAt: at(70), location: 'Acme reception', note: 'Signed for by J. Smith.' },
      { deliveryId: exception.id, id: 'dbs-311', type: 'dispatched', occurredAt: at(50), location: 'Hamburg depot' },
      { deliveryId: exception.id, id: 'dbs-312', type: 'exception', occurredAt: at(20), location: 'Manchester', note: 'Address not found: the driver could not locate unit 4B. Please confirm the delivery address.' },
      { deliveryId: inTransit.id, id: 'dhl-0001', type: 'scheduled', occurredAt: at(30), note: 'Pick-up booked.' },
      { deliveryId: inTransit.id, id: 'dhl-0002', type: 'dispatched', occurredAt: at(12), location: 'Leipzig hub' },
      { deliveryId: inTransit.id, id: 'dhl-0003', type: 'in_transit', occurredAt: at(3), location: 'East Midlands gateway' },
    ],
  });
}

import type { PortalDelivery, PortalDeliveryCard } from '../../sdk/contract/deliveries.js';
import { NotFoundError } from '../../sdk/errors.js';
import type { PortalApiDouble } from './portal-api-double.js';

let next = 0;

/** A delivery with a carrier, a tracking reference, an invoice and two events; override what a test needs. */
export function deliveryFixture(overrides: Partial<PortalDelivery> = {}): PortalDelivery {
  next++;
  return {
    id: `dlv_test${next}`,
    carrier: 'DHL Express',
    trackingReference: `1Z999AA1012345678${next}`,
    status: 'in_transit',
    invoiceId: 'inv_k3x9q2m7p4t8v6w5y2z3',
    invoiceNumber: 'INV-0004',
    estimateId: null,
    estimateNumber: null,
    orderReference: null,
    lastEventAt: '2026-12-01T09:30:00.000Z',
    createdAt: '2026-11-30T08:00:00.000Z',
    events: [
      { id: `dle_a${next}`, type: 'dispatched', occurredAt: '2026-11-30T16:00:00.000Z', location: 'Berlin depot', note: '' },
      { id: `dle_b${next}`, type: 'in_transit', occurredAt: '2026-12-01T09:30:00.000Z', location: 'Leipzig hub', note: '' },
    ],
    ...overrides,
  };
}

/** The card the list shows of a delivery. */
export function deliveryCardOf(delivery: PortalDelivery): PortalDeliveryCard {
  const { events: _events, ...card } = delivery;
  return card;
}

/** Answers the deliveries list (pages by cursor, like the server) and each delivery by id (404 for others). */
export function serveDeliveries(double: PortalApiDouble, deliveries: PortalDelivery[]): PortalApiDouble {
  return double
    .answer('listPortalDeliveries', ({ query }) => {
      const start = query?.cursor ? Number(query.cursor) : 0;
      const limit = query?.limit ?? 20;
      const items = deliveries.slice(start, start + limit).map(deliveryCardOf);
      return { items, nextCursor: start + limit < deliveries.length ? String(start + limit) : null };
    })
    .answer('retrievePortalDelivery', ({ params }) => {
      const found = deliveries.find((delivery) => delivery.id === params.deliveryId);
      if (!found) throw new NotFoundError({ type: 'about:blank', title: 'Delivery not found', status: 404, code: 'not_found' });
      return found;
    });
}

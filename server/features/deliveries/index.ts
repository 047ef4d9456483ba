import { defineFeature } from '../../lib/feature.js';

const STATUSES = ['scheduled', 'dispatched', 'in_transit', 'in_transit', 'delivered', 'delivered', 'delivered', 'exception'] as const;

export const deliveriesFeature = defineFeature({
  name: 'deliveries',
  actions: {
    'deliveries.read': { roles: ['owner', 'manager', 'team_lead', 'finance_reviewer'], keys: ['full', 'read_only'] },
    'deliveries.write': { roles: ['owner', 'manager', 'team_lead'], keys: ['full'] },
  },
  portalRoutes: async () => (await import('./portal-routes.js')).deliveryPortalRoutes,
  workspaceRoutes: async () => (await import('./workspace-routes.js')).deliveryWorkspaceRoutes,
  seed: async (demo) => (await import('./demo.js')).seedDeliveries(demo),
  bench: {
    lists: [{ name: 'deliveries', path: '/v1/portal/deliveries?limit=20', handWritten: false }],
    // 30 deliveries per customer in every status (a few still pending), each with the event that set
    // its status; the list reads the deliveries only (and joins their invoice and estimate, none here).
    rows: ({ sqlite, workspaceId, accounts, id, random, historyStart, historyMs }) => {
      const insertDelivery = sqlite.prepare(
        `insert into deliveries (id, workspace_id, customer_id, invoice_id, estimate_id, order_reference, carrier, tracking_reference, status, last_event_at, created_at, updated_at)
         values (?, ?, ?, null, null, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const insertEvent = sqlite.prepare(
        `insert into delivery_events (id, workspace_id, delivery_id, external_id, type, occurred_at, location, note, created_at)
         values (?, ?, ?, ?, ?, ?, '', ?, ?)`,
      );
      let number = 0;
      for (const account of accounts) {
        for (let i = 0; i < 30; i++) {
          number += 1;
          const deliveryId = id('dlv');
          const created = historyStart + random() * historyMs;
          const createdAt = new Date(created).toISOString();
          if (i % 10 === 9) {
            insertDelivery.run(deliveryId, workspaceId, account.customerId, `PO-${number}`, 'Bench Carrier', `BENCH-${number}`, 'pending', null, createdAt, createdAt);
            continue;
          }
          const status = STATUSES[i % STATUSES.length]!;
          const occurredAt = new Date(created + random() * 3 * 86_400_000).toISOString();
          insertDelivery.run(deliveryId, workspaceId, account.customerId, `PO-${number}`, 'Bench Carrier', `BENCH-${number}`, status, occurredAt, createdAt, occurredAt);
          insertEvent.run(id('dle'), workspaceId, deliveryId, `bench-${number}`, status, occurredAt, status === 'exception' ? 'Address not found.' : '', occurredAt);
        }
      }
    },
  },
  objectFactories: {
    deliveryId: async (owner) => (await import('./security-objects.js')).suiteDelivery(owner),
  },
});

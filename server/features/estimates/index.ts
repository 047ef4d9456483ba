import { defineFeature } from '../../lib/feature.js';

const DAY = 24 * 60 * 60_000;

export const estimatesFeature = defineFeature({
  name: 'estimates',
  actions: {
    'estimates.read': { roles: ['owner', 'manager', 'team_lead', 'finance_reviewer'], keys: ['full', 'read_only'] },
    'estimates.write': { roles: ['owner', 'manager', 'team_lead'], keys: ['full'] },
  },
  portalRoutes: async () => (await import('./portal-routes.js')).estimatePortalRoutes,
  workspaceRoutes: async () => (await import('./workspace-routes.js')).estimateWorkspaceRoutes,
  seed: async (demo) => (await import('./demo.js')).seedEstimates(demo),
  bench: {
    lists: [{ name: 'estimates', path: '/v1/portal/estimates?limit=20', handWritten: false }],
    // 30 estimates per customer: most sent and still valid (the list's default tab, which must fill
    // a page), the rest approved, declined, converted or sent and past their date (the closed tab).
    rows: ({ sqlite, workspaceId, accounts, id, random, historyStart, historyMs }) => {
      const insert = sqlite.prepare(
        `insert into estimates (id, workspace_id, customer_id, project_id, number, title, notes, internal_note, status, valid_until, version,
           currency, subtotal, discount_total, tax_total, total, sent_at, sent_by_type, sent_by_id, created_by_type, created_by_id, created_at, updated_at)
         values (?, ?, ?, null, ?, ?, '', '', ?, ?, 1, 'USD', ?, 0, ?, ?, ?, 'system', 'bench', 'system', 'bench', ?, ?)`,
      );
      const now = Date.now();
      let number = 0;
      for (const account of accounts) {
        for (let i = 0; i < 30; i++) {
          const kind = i % 10 < 8 ? 'open' : i % 10 === 8 ? 'approved' : 'expired';
          const sent = kind === 'open' ? now - random() * 10 * DAY : historyStart + random() * historyMs;
          const validUntil = new Date(kind === 'open' ? now + (1 + random() * 30) * DAY : kind === 'expired' ? Math.min(sent + 14 * DAY, now - DAY) : sent + 30 * DAY).toISOString().slice(0, 10);
          const subtotal = Math.round(10_000 + random() * 1_000_000);
          const tax = Math.round(subtotal / 5);
          const at = new Date(sent).toISOString();
          number += 1;
          insert.run(id('est'), workspaceId, account.customerId, `EST-${String(number).padStart(4, '0')}`, `Estimate ${i + 1}`, kind === 'approved' ? 'approved' : 'sent', validUntil, subtotal, tax, subtotal + tax, at, at, at);
        }
      }
    },
  },
  objectFactories: {
    // A sent estimate: every portal and workspace route of it answers.
    estimateId: async (owner) => (await import('./security-objects.js')).sentEstimate(owner),
  },
});

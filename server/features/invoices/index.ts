import { defineFeature } from '../../lib/feature.js';

const DAY = 24 * 60 * 60_000;

export const invoicesFeature = defineFeature({
  name: 'invoices',
  actions: {
    'invoices.read': { roles: ['owner', 'manager', 'team_lead', 'finance_reviewer'], keys: ['full', 'read_only'] },
    // Create, edit, send and void.
    'invoices.write': { roles: ['owner', 'manager'], keys: ['full'] },
    // The team records a payment it received.
    'payments.write': { roles: ['owner', 'manager', 'finance_reviewer'], keys: ['full'] },
  },
  portalRoutes: async () => (await import('./portal-routes.js')).invoicePortalRoutes,
  workspaceRoutes: async () => (await import('./workspace-routes.js')).invoiceWorkspaceRoutes,
  seed: async (demo) => (await import('./demo.js')).seedInvoices(demo),
  bench: {
    lists: [{ name: 'invoices', path: '/v1/portal/invoices?limit=20', handWritten: false }],
    // 30 issued invoices per customer over the history: paid, partially paid, open and overdue ones
    // and a void one now and then, so both tabs of the list have rows.
    rows: ({ sqlite, workspaceId, accounts, id, random, historyStart, historyMs }) => {
      const insert = sqlite.prepare(
        `insert into invoices (id, workspace_id, customer_id, project_id, estimate_id, number, notes, internal_note, state, issue_date, due_date,
           currency, subtotal, discount_total, tax_total, total, amount_paid, sent_at, sent_by_type, sent_by_id, voided_at, void_reason,
           overdue_notified_at, paid_at, created_by_type, created_by_id, created_at, updated_at)
         values (?, ?, ?, null, null, ?, '', '', ?, ?, ?, 'USD', ?, 0, ?, ?, ?, ?, 'system', 'bench', ?, ?, null, ?, 'system', 'bench', ?, ?)`,
      );
      let number = 0;
      for (const account of accounts) {
        for (let i = 0; i < 30; i++) {
          const issued = historyStart + random() * historyMs;
          const issueDate = new Date(issued).toISOString().slice(0, 10);
          const dueDate = new Date(issued + 30 * DAY).toISOString().slice(0, 10);
          const at = new Date(issued).toISOString();
          const subtotal = 10_000 + Math.floor(random() * 500_000);
          const tax = Math.floor(subtotal / 5);
          const total = subtotal + tax;
          const kind = i % 10;
          const state = kind === 9 ? 'void' : 'issued';
          const paid = state === 'void' ? 0 : kind < 5 ? total : kind < 7 ? Math.floor(total / 2) : 0;
          number += 1;
          insert.run(id('inv'), workspaceId, account.customerId, `INV-${String(number).padStart(4, '0')}`, state, issueDate, dueDate, subtotal, tax, total, paid, at,
            state === 'void' ? at : null, state === 'void' ? 'Issued in error' : null, paid >= total ? at : null, at, at);
        }
      }
    },
  },
  objectFactories: {
    // A sent invoice: every portal route of it answers (drafts are not in the portal).
    invoiceId: async (owner) => (await import('./security-objects.js')).issuedInvoice(owner),
  },
});

import { defineFeature } from '../../lib/feature.js';

/** Invoices of the bench customer's five years: about one every 4.4 hours, 10,000 in all. */
export const BENCH_STATEMENT_INVOICES = 10_000;
const FIVE_YEARS_MS = 5 * 365.25 * 86_400_000;

export const statementsFeature = defineFeature({
  name: 'statements',
  actions: {
    // Balances and aging are finance's: not a team lead's.
    'statements.read': { roles: ['owner', 'manager', 'finance_reviewer'], keys: ['full', 'read_only'] },
  },
  portalRoutes: async () => (await import('./portal-routes.js')).statementPortalRoutes,
  workspaceRoutes: async () => (await import('./workspace-routes.js')).statementWorkspaceRoutes,
  bench: {
    // A 5-year statement of the signed-in bench customer, who gets 10,000 issued invoices over the
    // last five years below (most paid in full, some in part, some not at all).
    lists: [{ name: 'statement-5y', path: `/v1/portal/statement?currency=USD&from=${new Date(Date.now() - FIVE_YEARS_MS).toISOString().slice(0, 10)}`, handWritten: false, document: true }],
    rows: ({ sqlite, workspaceId, accounts, id, random }) => {
      const account = accounts[0];
      if (!account) return;
      const insertInvoice = sqlite.prepare(
        `insert into invoices (id, workspace_id, customer_id, project_id, estimate_id, number, notes, internal_note, state, issue_date, due_date,
           currency, subtotal, discount_total, tax_total, total, amount_paid, sent_at, created_by_type, created_by_id, created_at, updated_at, paid_at)
         values (?, ?, ?, null, null, ?, '', '', 'issued', ?, ?, 'USD', ?, 0, 0, ?, ?, ?, 'system', 'bench', ?, ?, ?)`,
      );
      const insertPayment = sqlite.prepare(
        `insert into payments (id, workspace_id, customer_id, invoice_id, currency, amount, paid_on, method, reference, source, payment_proof_id,
           recorded_by_type, recorded_by_id, created_at)
         values (?, ?, ?, ?, 'USD', ?, ?, 'bank_transfer', ?, 'team', null, 'system', 'bench', ?)`,
      );
      const end = Date.now();
      const start = end - FIVE_YEARS_MS;
      const step = FIVE_YEARS_MS / BENCH_STATEMENT_INVOICES;
      const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
      for (let i = 0; i < BENCH_STATEMENT_INVOICES; i++) {
        const issuedMs = start + i * step;
        const total = Math.round(10_000 + random() * 490_000);
        const outcome = random();
        // Older invoices are settled; the last few months hold the open ones.
        const recent = end - issuedMs < 120 * 86_400_000;
        const paid = recent && outcome < 0.5 ? 0 : recent && outcome < 0.7 ? Math.floor(total / 2) : total;
        const paidMs = Math.min(issuedMs + (5 + random() * 40) * 86_400_000, end - 86_400_000);
        const at = new Date(issuedMs).toISOString();
        const invoiceId = id('inv');
        insertInvoice.run(
          invoiceId, workspaceId, account.customerId, `INV-H${String(i + 1).padStart(6, '0')}`, day(issuedMs), day(issuedMs + 30 * 86_400_000),
          total, total, paid, at, at, at, paid === total ? new Date(paidMs).toISOString() : null,
        );
        if (paid > 0) insertPayment.run(id('pay'), workspaceId, account.customerId, invoiceId, paid, day(Math.max(paidMs, issuedMs)), `TRX-H${i + 1}`, new Date(paidMs).toISOString());
      }
    },
  },
});

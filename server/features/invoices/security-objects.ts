import type { Owner } from '../../security/harness.js';

/**
 * For the security suites: an invoice to the owner's customer, drafted and sent by the team through
 * the API as in real use, so that every portal route of it answers (drafts are not in the portal).
 * Its total (1,440.00 USD) leaves room for the payment the suite's example body records.
 */
export async function issuedInvoice({ tenant, customerId }: Owner): Promise<string> {
  const created = await tenant.asKey('POST', '/v1/workspace/invoices', {
    customerId,
    currency: 'USD',
    issueDate: '2026-12-01',
    dueDate: '2099-12-31',
    notes: 'Made by the security suite',
    internalNote: 'Internal to the security suite',
    lines: [{ description: 'Suite work', quantity: '12', unitAmount: 10_000, taxRateBasisPoints: 2_000, unitCost: 6_000 }],
  });
  if (created.statusCode !== 201) throw new Error(`create invoice: ${created.statusCode} ${created.body}`);
  const invoice = created.json<{ id: string }>();
  const sent = await tenant.asKey('POST', `/v1/workspace/invoices/${invoice.id}/send`);
  if (sent.statusCode !== 200) throw new Error(`send invoice: ${sent.statusCode} ${sent.body}`);
  return invoice.id;
}

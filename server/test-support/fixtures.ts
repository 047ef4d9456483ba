import type { Proposal } from '../../sdk/contract/proposals.js';
import type { WorkspaceClient } from '../../sdk/workspace-client.js';

const DAY = 24 * 60 * 60_000;

/** A customer with one portal contact and two sent, pending proposals (USD and EUR). */
export async function seedCustomerWithProposals(
  workspace: WorkspaceClient,
): Promise<{ customerId: string; contactId: string; proposals: Proposal[] }> {
  const customer = await workspace.customers.create({ name: 'Acme Manufacturing' });
  const contact = await workspace.contacts.create(customer.id, {
    displayName: 'Ada Lovelace',
    email: `ada+${customer.id}@acme.example`,
    role: 'Operations Director',
  });
  const proposals: Proposal[] = [];
  for (const input of [
    { title: 'Website redesign', feeModel: 'fixed_fee', fee: { amount: 125_000, currency: 'USD' } },
    { title: 'Monthly support', feeModel: 'retainer', fee: { amount: 90_000, currency: 'EUR' } },
  ] as const) {
    const draft = await workspace.proposals.create({
      customerId: customer.id,
      ...input,
      fee: { ...input.fee },
      summary: `${input.title} for Acme.`,
      expiresAt: new Date(Date.now() + 30 * DAY).toISOString(),
      internalNotes: 'internal: margin 35%',
    });
    proposals.push(await workspace.proposals.send(draft.id));
  }
  return { customerId: customer.id, contactId: contact.id, proposals };
}

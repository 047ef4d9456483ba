import type { FeeModel } from '../../../sdk/contract/proposals.js';
import type { DemoSeed } from '../../demo/seed.js';
import { createFollowUp } from '../follow-ups/repository.js';
import { createProposal, decideProposal, markProposalSent } from './repository.js';

const DAY = 24 * 60 * 60_000;
const HOUR = 60 * 60_000;

/**
 * Proposals in every status (one expiring within two days, one expired, a draft) and the team's
 * follow-ups on the decided ones. Leaves `proposal.featured`, the proposal Ada asks about.
 */
export async function seedProposals(demo: DemoSeed): Promise<void> {
  const { workspaceId, now } = demo;
  const { acme, globex } = demo.customers;
  await demo.database.db.transaction().execute(async (trx) => {
    const proposal = async (
      customerId: string,
      title: string,
      feeModel: FeeModel,
      amount: number,
      currency: string,
      expiresIn: number,
      sentAgo: number | null,
      decision?: { status: 'accepted' | 'declined'; contactId: string; reason?: string },
    ) => {
      const row = await createProposal(trx, workspaceId, {
        customerId,
        title,
        feeModel,
        fee: { amount, currency },
        summary: `${title}: scope, deliverables and timeline as discussed.`,
        expiresAt: new Date(now + expiresIn).toISOString(),
        internalNotes: 'Margin target 35%. Do not share with the customer.',
      });
      if (sentAgo === null) return row;
      await markProposalSent(trx, row.id, new Date(now - sentAgo).toISOString());
      if (decision) {
        await decideProposal(trx, row.id, {
          status: decision.status,
          contactId: decision.contactId,
          reason: decision.reason ?? null,
          at: new Date(now - sentAgo / 2).toISOString(),
        });
        await createFollowUp(trx, {
          workspaceId,
          kind: `proposal.${decision.status}`,
          sourceType: 'proposal',
          sourceId: row.id,
          customerId,
          contactId: decision.contactId,
          summary: `Proposal ${row.number} "${title}" ${decision.status}${decision.reason ? `: ${decision.reason}` : ''}`,
        });
      }
      return row;
    };
    const redesign = await proposal(acme.id, 'Website redesign', 'fixed_fee', 1_250_000, 'USD', 30 * DAY, 2 * DAY);
    demo.shared.set('proposal.featured', redesign.id);
    await proposal(acme.id, 'Quarterly maintenance', 'retainer', 90_000, 'EUR', 36 * HOUR, 5 * DAY);
    await proposal(acme.id, 'Data migration', 'hourly_rate', 15_000, 'USD', 20 * DAY, 10 * DAY, { status: 'accepted', contactId: acme.contacts.ada });
    await proposal(acme.id, 'Brand workshop', 'milestone', 480_000, 'GBP', 20 * DAY, 12 * DAY, {
      status: 'declined',
      contactId: acme.contacts.ada,
      reason: 'Postponed to next year.',
    });
    await proposal(acme.id, 'Office relocation support', 'fixed_fee', 320_000, 'USD', -3 * DAY, 20 * DAY);
    await proposal(acme.id, 'Analytics dashboard (draft)', 'fixed_fee', 700_000, 'USD', 40 * DAY, null);
    await proposal(globex.id, 'Store rollout', 'milestone', 5_400_000, 'USD', 25 * DAY, 1 * DAY);
    await proposal(globex.id, 'Loyalty programme audit', 'hourly_rate', 12_500, 'USD', 15 * DAY, 3 * DAY, { status: 'accepted', contactId: globex.contacts.hank });
  });
}

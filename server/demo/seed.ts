import { PostgresAdapter, type Kysely } from 'kysely';
import type { FeeModel } from '../../sdk/contract/proposals.js';
import type { DB } from '../db/schema.js';
import { createApiKey } from '../features/api-keys/repository.js';
import { createPortalContact } from '../features/contacts/repository.js';
import { createCustomer } from '../features/customers/repository.js';
import { createFollowUp } from '../features/follow-ups/repository.js';
import { postTeamMessage, startCustomerThread, startTeamThread } from '../features/messages/actions.js';
import { createProposal, decideProposal, markProposalSent } from '../features/proposals/repository.js';
import { updateSettings } from '../features/settings/repository.js';
import { createWorkspace } from '../features/workspaces/repository.js';
import { saveDemoState, type DemoState } from './state.js';

const DAY = 24 * 60 * 60_000;
const HOUR = 60 * 60_000;

/**
 * Seeds one demo workspace: two customers with contacts and proposals in every status, one
 * expiring within two days, the team's follow-ups on the decided ones, and conversations (one
 * with a reply Ada has not read yet). The database remembers it as its demo workspace.
 */
export async function seedDemo(db: Kysely<DB>): Promise<DemoState> {
  const seeded = await db.transaction().execute(async (trx) => {
    const workspace = await createWorkspace(trx, 'Northwind Studio (demo)');
    const apiKey = await createApiKey(trx, workspace.id, 'Demo key');
    // The example tenant site (examples/tenant-site) embeds the portal from port 3000.
    await updateSettings(trx, workspace.id, { portalEnabled: true, allowedOrigins: ['http://127.0.0.1:3000', 'http://localhost:3000'] });
    const acme = await createCustomer(trx, workspace.id, 'Acme Manufacturing');
    const ada = await createPortalContact(trx, workspace.id, acme.id, { displayName: 'Ada Lovelace', email: 'ada@acme.example', role: 'Operations Director' });
    await createPortalContact(trx, workspace.id, acme.id, { displayName: 'Grace Hopper', email: 'grace@acme.example', role: 'Finance Manager' });
    const globex = await createCustomer(trx, workspace.id, 'Globex Retail');
    const hank = await createPortalContact(trx, workspace.id, globex.id, { displayName: 'Hank Scorpio', email: 'hank@globex.example', role: 'CEO' });

    const now = Date.now();
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
      const row = await createProposal(trx, workspace.id, {
        customerId,
        title,
        feeModel,
        fee: { amount, currency },
        summary: `${title}: scope, deliverables and timeline as discussed.`,
        expiresAt: new Date(now + expiresIn).toISOString(),
        internalNotes: 'Margin target 35%. Do not share with the customer.',
      });
      if (sentAgo === null) return;
      await markProposalSent(trx, row.id, new Date(now - sentAgo).toISOString());
      if (decision) {
        await decideProposal(trx, row.id, {
          status: decision.status,
          contactId: decision.contactId,
          reason: decision.reason ?? null,
          at: new Date(now - sentAgo / 2).toISOString(),
        });
        await createFollowUp(trx, {
          workspaceId: workspace.id,
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
    await proposal(acme.id, 'Quarterly maintenance', 'retainer', 90_000, 'EUR', 36 * HOUR, 5 * DAY);
    await proposal(acme.id, 'Data migration', 'hourly_rate', 15_000, 'USD', 20 * DAY, 10 * DAY, { status: 'accepted', contactId: ada.id });
    await proposal(acme.id, 'Brand workshop', 'milestone', 480_000, 'GBP', 20 * DAY, 12 * DAY, {
      status: 'declined',
      contactId: ada.id,
      reason: 'Postponed to next year.',
    });
    await proposal(acme.id, 'Office relocation support', 'fixed_fee', 320_000, 'USD', -3 * DAY, 20 * DAY);
    await proposal(acme.id, 'Analytics dashboard (draft)', 'fixed_fee', 700_000, 'USD', 40 * DAY, null);
    await proposal(globex.id, 'Store rollout', 'milestone', 5_400_000, 'USD', 25 * DAY, 1 * DAY);
    await proposal(globex.id, 'Loyalty programme audit', 'hourly_rate', 12_500, 'USD', 15 * DAY, 3 * DAY, { status: 'accepted', contactId: hank.id });
    await saveDemoState(trx, { workspaceId: workspace.id, apiKeyId: apiKey.id, apiKey: apiKey.secret, contactId: ada.id });
    return {
      state: { workspaceId: workspace.id, apiKey: apiKey.secret, contactId: ada.id, contactName: ada.display_name, contactEmail: ada.email },
      apiKeyId: apiKey.id,
      acmeId: acme.id,
      redesignId: redesign?.id,
    };
  });

  // Conversations go through the messages actions, which open their own transactions, so that
  // the demo's threads, follow-ups and notifications are exactly what real use produces.
  const database = { db, dialect: db.getExecutor().adapter instanceof PostgresAdapter ? ('postgres' as const) : ('sqlite' as const) };
  const { workspaceId, contactId } = seeded.state;
  const ada = { workspaceId, customerId: seeded.acmeId, contactId, sessionId: 'demo' };
  const team = { workspaceId, actorType: 'api_key' as const, actorId: seeded.apiKeyId, scope: 'full' as const };
  if (seeded.redesignId) {
    const question = await startCustomerThread(
      database,
      ada,
      { subject: { type: 'proposal', id: seeded.redesignId }, body: 'Could the work start in the second week of January instead?' },
      undefined,
    );
    await postTeamMessage(database, team, question.thread.id, { body: 'Checking with the design team; most likely yes.', internal: true }, undefined);
    await postTeamMessage(
      database,
      team,
      question.thread.id,
      { body: 'Yes, 11 January works for us. The timeline in the proposal moves by one week; everything else stays the same.' },
      undefined,
    );
  }
  await startTeamThread(
    database,
    team,
    { customerId: seeded.acmeId, title: 'Welcome to your client portal', body: 'Hello Ada, this is where you will find our proposals and can message the team directly.' },
    undefined,
  );
  return seeded.state;
}

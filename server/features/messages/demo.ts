import type { DemoSeed } from '../../demo/seed.js';
import { postTeamMessage, startCustomerThread, startTeamThread } from './actions.js';

/**
 * Conversations, through the messages actions (each opens its own transaction) so that the demo's
 * threads, follow-ups and notifications are exactly what real use produces: Ada's question about
 * the featured proposal with an internal note and the team's reply she has not read yet, and the
 * team's welcome.
 */
export async function seedMessages(demo: DemoSeed): Promise<void> {
  const { database, contact, team } = demo;
  const featured = demo.shared.get('proposal.featured');
  if (featured) {
    const question = await startCustomerThread(
      database,
      contact,
      { subject: { type: 'proposal', id: featured }, body: 'Could the work start in the second week of January instead?' },
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
    { customerId: contact.customerId, title: 'Welcome to your client portal', body: 'Hello Ada, this is where you will find our proposals and can message the team directly.' },
    undefined,
  );
}

import { internalNoteTexts, marker, type Owner } from '../../security/harness.js';

/**
 * For the security suites: an estimate of the owner's customer, drafted and sent by the team
 * through the API as in real use, so every portal route of it answers. Its internal note and its
 * unit cost go into `internalNoteTexts`: no portal answer may carry either.
 */
export async function sentEstimate({ tenant, customerId }: Owner): Promise<string> {
  const note = marker('INTERNAL-ESTIMATE-NOTE');
  // An amount nothing else in the suite uses, so that finding it in an answer means a leak.
  const unitCost = 593_817_246;
  internalNoteTexts.add(note);
  internalNoteTexts.add(String(unitCost));
  const created = await tenant.asKey('POST', '/v1/workspace/estimates', {
    customerId,
    title: 'Made by the security suite',
    currency: 'USD',
    validUntil: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
    internalNote: note,
    lines: [
      { description: 'Work', quantity: '2', unitAmount: 10_000, taxRateBasisPoints: 2_000, unitCost },
      { description: 'Materials', quantity: '1', unitAmount: 5_000, discountBasisPoints: 1_000 },
    ],
  });
  if (created.statusCode !== 201) throw new Error(`create estimate: ${created.statusCode} ${created.body}`);
  const estimate = created.json<{ id: string }>();
  const sent = await tenant.asKey('POST', `/v1/workspace/estimates/${estimate.id}/send`);
  if (sent.statusCode !== 200) throw new Error(`send estimate: ${sent.statusCode} ${sent.body}`);
  return estimate.id;
}

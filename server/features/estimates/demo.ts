import type { DemoSeed } from '../../demo/seed.js';
import { approveEstimate, createEstimate, declineEstimate, sendEstimate } from './actions.js';

const DAY = 86_400_000;
const dateIn = (now: number, days: number) => new Date(now + days * DAY).toISOString().slice(0, 10);
const demoClient = { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (demo)' };

/**
 * Estimates for Acme, through the estimates actions so that numbers, amounts, audit events,
 * follow-ups and emails are what real use produces:
 * - "Website redesign, phase 2", sent and awaiting a decision: three lines with a tax rate, a
 *   discount and a fractional quantity (the team's unit costs stay internal);
 * - "Brand guidelines booklet", approved by Ada;
 * - "Print run: 500 brochures", declined by Grace with a reason;
 * - "Maintenance retainer 2027", a draft the portal does not show.
 */
export async function seedEstimates(demo: DemoSeed): Promise<void> {
  const { database, team, contact, customers, now } = demo;
  const website = demo.shared.get('project.website') ?? null;
  const grace = { ...contact, contactId: customers.acme.contacts.grace };

  const phase2 = await createEstimate(database, team, {
    customerId: customers.acme.id,
    projectId: website,
    title: 'Website redesign, phase 2',
    currency: 'USD',
    validUntil: dateIn(now, 21),
    notes: 'Includes two rounds of revisions. Hosting is billed yearly in advance.',
    internalNote: 'Quoted at our standard rate; leave room for a 5 % discount if they ask.',
    lines: [
      { description: 'Design and build of the product pages', quantity: '32', unitAmount: 12_500, taxRateBasisPoints: 2_000, unitCost: 7_000 },
      { description: 'Hosting and maintenance (12 months)', quantity: '1', unitAmount: 240_000, taxRateBasisPoints: 2_000, discountBasisPoints: 1_000, unitCost: 150_000 },
      { description: 'Content workshop (half days)', quantity: '1.5', unitAmount: 60_000, discountBasisPoints: 500 },
    ],
  });
  await sendEstimate(database, team, phase2.id);

  const booklet = await createEstimate(database, team, {
    customerId: customers.acme.id,
    projectId: website,
    title: 'Brand guidelines booklet',
    currency: 'USD',
    validUntil: dateIn(now, 10),
    lines: [
      { description: 'Guidelines booklet, 24 pages', quantity: '1', unitAmount: 380_000, taxRateBasisPoints: 2_000, unitCost: 210_000 },
      { description: 'Print-ready files', quantity: '1', unitAmount: 45_000, taxRateBasisPoints: 2_000 },
    ],
  });
  const sentBooklet = await sendEstimate(database, team, booklet.id);
  await approveEstimate(database, contact, booklet.id, { name: 'Ada Lovelace', version: sentBooklet.version }, demoClient, undefined);

  const brochures = await createEstimate(database, team, {
    customerId: customers.acme.id,
    title: 'Print run: 500 brochures',
    currency: 'USD',
    validUntil: dateIn(now, 30),
    lines: [{ description: 'Brochure, A5, 16 pages, 500 copies', quantity: '500', unitAmount: 420, taxRateBasisPoints: 2_000, unitCost: 260 }],
  });
  await sendEstimate(database, team, brochures.id);
  await declineEstimate(database, grace, brochures.id, { reason: 'We already have a print supplier under contract until June.' }, undefined);

  await createEstimate(database, team, {
    customerId: customers.acme.id,
    title: 'Maintenance retainer 2027',
    currency: 'USD',
    validUntil: dateIn(now, 45),
    lines: [{ description: 'Monthly maintenance', quantity: '12', unitAmount: 50_000, taxRateBasisPoints: 2_000 }],
  });
}

import type { DemoSeed } from '../../demo/seed.js';
import { todayUtc } from '../finance/repository.js';
import { createInvoice, recordInvoicePayment, sendInvoice } from './actions.js';

const DAY = 24 * 60 * 60_000;

/**
 * Invoices to the demo customers, through the invoices actions so that numbers, audit events and
 * outbox rows are what real use produces:
 * - Acme, open: three lines, one with a 10 % discount, two with 20 % tax, due in 25 days;
 * - Acme, partially paid: 800.00 of 1,800.00 USD paid by bank transfer;
 * - Acme, paid in full by card;
 * - Acme, overdue: due 12 days ago, nothing paid;
 * - Globex, open, in euros.
 */
export async function seedInvoices(demo: DemoSeed): Promise<void> {
  const { database, team, customers, now } = demo;
  const date = (days: number) => todayUtc(new Date(now + days * DAY));
  const website = demo.shared.get('project.website') ?? null;

  const open = await createInvoice(database, team, {
    customerId: customers.acme.id,
    projectId: website,
    currency: 'USD',
    issueDate: date(-5),
    dueDate: date(25),
    notes: 'Payable by bank transfer to Northwind Studio, IBAN GB33 BUKB 2020 1555 5555 55. Please quote the invoice number.',
    internalNote: 'Phase 1 billed at the agreed fixed fee.',
    lines: [
      { description: 'Website redesign - design phase', quantity: '1', unitAmount: 450_000, taxRateBasisPoints: 2_000, unitCost: 260_000 },
      { description: 'Product photography (half day)', quantity: '2.5', unitAmount: 38_000, taxRateBasisPoints: 2_000, discountBasisPoints: 1_000, unitCost: 22_000 },
      { description: 'Stock image licences', quantity: '6', unitAmount: 4_950 },
    ],
  });
  await sendInvoice(database, team, open.id);

  const partial = await createInvoice(database, team, {
    customerId: customers.acme.id,
    projectId: website,
    currency: 'USD',
    issueDate: date(-20),
    dueDate: date(10),
    notes: 'Hosting and maintenance, quarter 4.',
    lines: [{ description: 'Hosting and maintenance (3 months)', quantity: '3', unitAmount: 60_000 }],
  });
  await sendInvoice(database, team, partial.id);
  await recordInvoicePayment(database, team, partial.id, { amount: 80_000, paidOn: date(-8), method: 'bank_transfer', reference: 'ACME-PAY-2211' });

  const paid = await createInvoice(database, team, {
    customerId: customers.acme.id,
    currency: 'USD',
    issueDate: date(-45),
    dueDate: date(-15),
    lines: [{ description: 'Discovery workshop', quantity: '1', unitAmount: 120_000, taxRateBasisPoints: 2_000 }],
  });
  await sendInvoice(database, team, paid.id);
  await recordInvoicePayment(database, team, paid.id, { amount: paid.totals.total, paidOn: date(-20), method: 'card', reference: 'Card ending 4242' });

  const overdue = await createInvoice(database, team, {
    customerId: customers.acme.id,
    currency: 'USD',
    issueDate: date(-42),
    dueDate: date(-12),
    notes: 'Second reminder sent by email.',
    lines: [{ description: 'Copywriting, 12 product pages', quantity: '12', unitAmount: 9_500, taxRateBasisPoints: 2_000 }],
  });
  await sendInvoice(database, team, overdue.id);

  const globex = await createInvoice(database, team, {
    customerId: customers.globex.id,
    currency: 'EUR',
    issueDate: date(-3),
    dueDate: date(27),
    lines: [{ description: 'Brand audit', quantity: '1', unitAmount: 250_000, taxRateBasisPoints: 1_900 }],
  });
  await sendInvoice(database, team, globex.id);
}

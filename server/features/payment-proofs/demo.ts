import { Readable } from 'node:stream';
import type { DemoSeed } from '../../demo/seed.js';
import { cleanFileName } from '../../files/index.js';
import { demoPdf } from '../documents/demo.js';
import { intakeKeyPrefix } from '../intake/repository.js';
import { recordPaymentProof, rejectProof } from './actions.js';

/**
 * Payment proof from Ada at Acme, through the payment-proof actions (audit events, follow-ups,
 * intake items and outbox rows as in real use), on the invoices the invoices demo issued:
 * - on the open invoice (nothing paid, not yet due): a bank transfer of its full amount, under review;
 * - on the overdue invoice: a transfer the team could not find, rejected with the reason Ada sees.
 * Proof needs a file store for its file; without one (a bare database) none is seeded.
 */
export async function seedPaymentProofs(demo: DemoSeed): Promise<void> {
  const { database, team, contact, customers, now } = demo;
  if (!demo.fileStore) return;
  const today = new Date(now).toISOString().slice(0, 10);
  const outstanding = await database.db
    .selectFrom('invoices')
    .select(['id', 'number', 'total', 'amount_paid', 'due_date'])
    .where('customer_id', '=', customers.acme.id)
    .where('state', '=', 'issued')
    .where('amount_paid', '=', 0)
    .orderBy('issue_date', 'desc')
    .execute();
  const open = outstanding.find((invoice) => invoice.due_date >= today);
  const overdue = outstanding.find((invoice) => invoice.due_date < today);
  const context = { ...database, fileStore: demo.fileStore };
  const day = (days: number) => new Date(now + days * 86_400_000).toISOString().slice(0, 10);

  const upload = async (title: string, lines: string[], name: string) => {
    const contentType = 'application/pdf';
    const stored = await demo.fileStore!.put(Readable.from([demoPdf(title, lines)]), { contentType, keyPrefix: intakeKeyPrefix(demo.workspaceId) });
    return { ...stored, contentType, fileName: cleanFileName(name) };
  };

  if (open) {
    const file = await upload('Remittance advice', [`Acme Manufacturing paid ${open.number} in full.`, 'Bank transfer reference ACME-TRX-50117.'], 'Remittance advice.pdf');
    await recordPaymentProof(context, contact, open.id, { amount: Number(open.total), paidOn: day(-1), method: 'bank_transfer', reference: 'ACME-TRX-50117' }, file, undefined);
  }
  if (overdue) {
    const file = await upload('Transfer confirmation', [`Payment towards ${overdue.number}.`, 'Reference ACME-TRX-49902.'], 'Transfer confirmation.pdf');
    const proof = await recordPaymentProof(context, contact, overdue.id, { amount: Number(overdue.total), paidOn: day(-4), method: 'bank_transfer', reference: 'ACME-TRX-49902' }, file, undefined);
    await rejectProof(database, team, proof.id, {
      reason: 'We have not received this transfer: the confirmation shows our old account number. Please send it to the IBAN on the invoice.',
    });
  }
}

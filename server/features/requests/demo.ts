import { Readable } from 'node:stream';
import type { DemoSeed } from '../../demo/seed.js';
import { cleanFileName } from '../../files/index.js';
import { demoPdf } from '../documents/demo.js';
import { intakeKeyPrefix } from '../intake/repository.js';
import { acceptItem, answerItem, createRequest, recordProvidedFile, sendRequest } from './actions.js';

/**
 * Information requests for Acme, through the requests actions so that numbers, audit events,
 * follow-ups and the intake queue are what real use produces:
 * - REQ-0001 "Onboarding details", sent and in progress: the VAT number answered and accepted, the
 *   signed NDA provided by Ada and waiting in the intake queue (under review), the billing contact
 *   still awaiting an answer;
 * - REQ-0002 "Brand assets", completed: both answers accepted.
 * The NDA needs a file store; without one (a bare database) that item stays awaiting.
 */
export async function seedRequests(demo: DemoSeed): Promise<void> {
  const { database, team, contact, customers } = demo;
  const website = demo.shared.get('project.website') ?? null;

  const onboarding = await createRequest(database, team, {
    customerId: customers.acme.id,
    projectId: website,
    title: 'Onboarding details',
    message: 'A few things we need before the design work starts. Thank you!',
    items: [
      { kind: 'text', prompt: 'What is your company’s VAT number?' },
      { kind: 'file', prompt: 'The signed mutual NDA (PDF)' },
      { kind: 'text', prompt: 'Who should receive our invoices (name and email)?' },
    ],
  });
  await sendRequest(database, team, onboarding.id);
  const [vat, nda] = onboarding.items;
  await answerItem(database, contact, onboarding.id, vat!.id, { text: 'GB 123 4567 89' }, undefined);
  await acceptItem(database, team, onboarding.id, vat!.id);
  if (demo.fileStore) {
    const contentType = 'application/pdf';
    const bytes = demoPdf('Mutual non-disclosure agreement', ['Between Acme Manufacturing and Northwind Studio.', 'Signed: Ada Lovelace, Operations Director']);
    const stored = await demo.fileStore.put(Readable.from([bytes]), { contentType, keyPrefix: intakeKeyPrefix(demo.workspaceId) });
    await recordProvidedFile({ ...database, fileStore: demo.fileStore }, contact, onboarding.id, nda!.id, { ...stored, contentType, fileName: cleanFileName('NDA signed.pdf') });
  }

  const brand = await createRequest(database, team, {
    customerId: customers.acme.id,
    projectId: website,
    title: 'Brand assets',
    items: [
      { kind: 'text', prompt: 'Which fonts does your brand use?' },
      { kind: 'text', prompt: 'Is there a colour we must not use?' },
    ],
  });
  await sendRequest(database, team, brand.id);
  const answers = ['Inter for text, Playfair Display for headings.', 'Please avoid pure red; it reads as an error on our packaging.'];
  for (const [index, item] of brand.items.entries()) {
    await answerItem(database, contact, brand.id, item.id, { text: answers[index]! }, undefined);
    await acceptItem(database, team, brand.id, item.id);
  }
}

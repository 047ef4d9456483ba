import { Readable } from 'node:stream';
import type { DemoSeed } from '../../demo/seed.js';
import type { DocumentRow } from '../../db/schema.js';
import { cleanFileName } from '../../files/index.js';
import { recordDocument } from '../documents/actions.js';
import { demoPdf } from '../documents/demo.js';
import { findWorkspaceDocument } from '../documents/repository.js';
import { createFollowUp } from '../follow-ups/repository.js';
import { newAcceptanceRow } from './actions.js';
import { insertAcceptance, recordAcceptance } from './repository.js';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/**
 * Acme's documents sent for acceptance, one in each state the portal shows: pending with 30 hours
 * left (the amber expiry), pending with 10 days left, accepted by Ada with its evidence (and the
 * team's follow-up), and expired. Skipped, like the documents, when the seed has no file store.
 */
export async function seedAcceptances(demo: DemoSeed): Promise<void> {
  const store = demo.fileStore;
  const website = demo.shared.get('project.website');
  if (!store || !website) return;
  const { now, workspaceId } = demo;
  const document = async (name: string, title: string, lines: string[]): Promise<DocumentRow> => {
    const data = demoPdf(title, lines);
    const stored = await store.put(Readable.from([data]), { contentType: 'application/pdf', keyPrefix: workspaceId });
    const recorded = await recordDocument({ ...demo.database, fileStore: store }, demo.team, website, { ...stored, contentType: 'application/pdf', fileName: cleanFileName(name) }, true);
    const row = await findWorkspaceDocument(demo.database.db, workspaceId, recorded.id);
    if (!row) throw new Error(`demo document ${recorded.id} was not recorded`);
    return row;
  };
  const statement = await document('Statement of work - phase 2.pdf', 'Statement of work - phase 2', ['Scope: product templates, checkout and search.', 'Timeline: 6 weeks from acceptance.', 'Fee: as in proposal PROP-0001.']);
  const design = await document('Design sign-off.pdf', 'Design sign-off', ['Approved: home, catalogue and product pages.', 'Design system v1.2 with the accessible colour palette.']);
  const brief = await document('Accepted project brief.pdf', 'Website redesign - agreed brief', ['Goals: a faster catalogue and clearer navigation.', 'Launch: before the spring campaign.']);
  const handover = await document('Hosting handover.pdf', 'Hosting handover', ['New hosting account, DNS and backups.', 'Credentials handed over in person.']);
  const ada = demo.customers.acme.contacts.ada;

  await demo.database.db.transaction().execute(async (trx) => {
    const send = (row: DocumentRow, title: string, message: string, sentAgo: number, expiresIn: number) =>
      insertAcceptance(trx, newAcceptanceRow(demo.team, row, { title, message, at: new Date(now - sentAgo).toISOString(), expiresAt: new Date(now + expiresIn).toISOString(), resendOf: null }));
    await send(statement, 'Statement of work, phase 2', 'Please review the scope and timeline of phase 2 and accept it, so we can book the team.', 6 * DAY, 30 * HOUR);
    await send(design, 'Design sign-off', 'The designs as presented on Tuesday, with the changes you asked for.', 1 * DAY, 10 * DAY);
    const accepted = await send(brief, 'Project brief', 'The brief as agreed in the kick-off.', 12 * DAY, 2 * DAY);
    const recorded = await recordAcceptance(trx, accepted.id, {
      fullName: 'Ada Lovelace',
      contactId: ada,
      contactName: 'Ada Lovelace',
      contactEmail: 'ada@acme.example',
      at: new Date(now - 10 * DAY).toISOString(),
      ip: '203.0.113.24',
      userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      documentSha256: brief.sha256,
    });
    if (!recorded) throw new Error('the demo acceptance could not be accepted');
    await createFollowUp(trx, {
      workspaceId,
      kind: 'acceptance.accepted',
      sourceType: 'acceptance',
      sourceId: recorded.id,
      customerId: recorded.customer_id,
      contactId: ada,
      summary: `"${recorded.title}" (${recorded.document_name}) accepted by Ada Lovelace`,
    });
    await send(handover, 'Hosting handover', 'Please confirm the handover of the hosting account.', 20 * DAY, -6 * DAY);
  });
}

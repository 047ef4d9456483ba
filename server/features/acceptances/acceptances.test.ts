import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream, type PDFObject } from 'pdf-lib';
import type { Acceptance, PortalAcceptance, PortalAcceptanceCard } from '../../../sdk/contract/acceptances.js';
import type { Page, Problem } from '../../../sdk/contract/common.js';
import type { Document, DownloadLink } from '../../../sdk/contract/documents.js';
import type { Project } from '../../../sdk/contract/projects.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { multipart } from '../../test-support/files.js';
import { customerWithContact, signInContact } from '../../test-support/portal.js';
import { enqueueExpiryReminders } from '../../worker/reminders.js';
import { verifyAuditChain } from '../audit/repository.js';
import { demoPdf } from '../documents/demo.js';
import { renderEmail, type EmailNotification } from '../notifications/templates.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type Caller = (method: Method, url: string, payload?: object, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const later = (ms = 7 * DAY) => new Date(Date.now() + ms).toISOString();
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** A moment as the receipt email writes it: to the second, in UTC, in the contact's language. */
const acceptedIn = (locale: string, iso: string) =>
  new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit', timeZone: 'UTC', timeZoneName: 'short' }).format(new Date(iso));

function bearer(app: FastifyInstance, token: string, remoteAddress = '127.0.0.1'): Caller {
  return (method, url, payload, headers = {}) => app.inject({ method, url, payload, remoteAddress, headers: { authorization: `Bearer ${token}`, ...headers } });
}

const ok = async <T>(response: Promise<LightMyRequestResponse>, status = 200): Promise<T> => {
  const answer = await response;
  assert.equal(answer.statusCode, status, answer.body);
  return answer.json<T>();
};

/** A problem+json answer with this status and code. */
async function refused(response: Promise<LightMyRequestResponse>, status: number, code: string): Promise<Problem> {
  const answer = await response;
  assert.equal(answer.statusCode, status, answer.body);
  assert.match(String(answer.headers['content-type']), /^application\/problem\+json/);
  const problem = answer.json<Problem>();
  assert.equal(problem.code, code, answer.body);
  return problem;
}

/** The text a PDF's pages draw (pdf-lib writes it as hex strings), read back from its content streams. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await PDFDocument.load(bytes);
  const lines: string[] = [];
  for (const page of pdf.getPages()) {
    const contents: PDFObject | undefined = page.node.get(PDFName.of('Contents'));
    const resolved = contents ? pdf.context.lookup(contents) : undefined;
    const streams = resolved instanceof PDFArray ? resolved.asArray().map((ref) => pdf.context.lookup(ref)) : [resolved];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      const program = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      for (const match of program.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) lines.push(Buffer.from(match[1]!, 'hex').toString('latin1'));
    }
  }
  return lines.join('\n');
}

const compact = (text: string) => text.replace(/\s+/g, '');

for (const dialect of testDialects) {
  describe(`acceptances (${dialect})`, () => {
    let t: TestApp;
    let workspaceId: string;
    let apiKey: string;
    let apiKeyB: string;
    let team: Caller;
    let teamB: Caller;
    let acme: Awaited<ReturnType<typeof customerWithContact>>;
    let globex: Awaited<ReturnType<typeof customerWithContact>>;
    let acmeToken: string;
    let acmePortal: Caller;
    let globexPortal: Caller;
    let otherWorkspacePortal: Caller;

    before(async () => {
      t = await createTestApp(dialect);
      ({ workspaceId, apiKey } = await t.newWorkspace('Northwind Studio'));
      team = bearer(t.app, apiKey);
      const b = await t.newWorkspace('Other Studio');
      apiKeyB = b.apiKey;
      teamB = bearer(t.app, apiKeyB);
      acme = await customerWithContact(t.app, apiKey, 'Acme');
      globex = await customerWithContact(t.app, apiKey, 'Globex');
      const initech = await customerWithContact(t.app, b.apiKey, 'Initech');
      acmeToken = (await signInContact(t.app, apiKey, acme.contactId)).accessToken;
      acmePortal = bearer(t.app, acmeToken, '203.0.113.9');
      globexPortal = bearer(t.app, (await signInContact(t.app, apiKey, globex.contactId)).accessToken);
      otherWorkspacePortal = bearer(t.app, (await signInContact(t.app, b.apiKey, initech.contactId)).accessToken);
      await ok(team('POST', '/v1/workspace/webhook-endpoints', { url: 'https://93.184.215.14/hooks', eventTypes: ['acceptance.sent', 'acceptance.expiring', 'acceptance.accepted'] }), 201);
    });
    after(() => t.close());

    /** A PDF uploaded to a new project of the customer. */
    const uploadDocument = async (customerId: string, name = 'Statement of work.pdf', caller = team, key = apiKey): Promise<Document> => {
      const project = await ok<Project>(caller('POST', '/v1/workspace/projects', { customerId, name: `Project ${randomBytes(3).toString('hex')}` }), 201);
      const form = multipart([{ name: 'file', filename: name, contentType: 'application/pdf', data: demoPdf(name, [`Made for ${randomBytes(4).toString('hex')}`]) }]);
      return ok<Document>(
        t.app.inject({ method: 'POST', url: `/v1/workspace/projects/${project.id}/documents`, payload: form.body, headers: { 'content-type': form.contentType, authorization: `Bearer ${key}` } }),
        201,
      );
    };

    const send = (documentId: string, fields: { title?: string; message?: string; expiresAt?: string } = {}) =>
      ok<Acceptance>(team('POST', '/v1/workspace/acceptances', { documentId, title: fields.title ?? 'Statement of work', message: fields.message, expiresAt: fields.expiresAt ?? later() }), 201);

    const acceptBody = (acceptance: { document: { sha256: string } }, fullName = 'Ada Lovelace') => ({ fullName, confirmed: true, documentSha256: acceptance.document.sha256 });

    /** Moves an acceptance's expiry, as time passing would (Expired is derived when read). */
    const expire = (acceptanceId: string, at = new Date(Date.now() - HOUR).toISOString()) => t.app.db.updateTable('acceptances').set({ expires_at: at }).where('id', '=', acceptanceId).execute();

    /** How many audit events of `action` (on `subjectId`), follow-ups of `kind`, or outbox rows of `eventType` about `subjectId` there are. */
    const count = async (table: 'audit_events' | 'follow_ups' | 'outbox_messages', where: { column: 'action' | 'kind' | 'event_type'; value: string; subject?: string }) => {
      const db = t.app.db;
      const n = (query: { executeTakeFirstOrThrow(): Promise<{ n: number | string }> }) => query.executeTakeFirstOrThrow().then((row) => Number(row.n));
      if (table === 'audit_events') {
        let query = db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number | string>().as('n')).where('action', '=', where.value);
        if (where.subject) query = query.where('subject_id', '=', where.subject);
        return n(query);
      }
      if (table === 'follow_ups') {
        let query = db.selectFrom('follow_ups').select((eb) => eb.fn.countAll<number | string>().as('n')).where('kind', '=', where.value);
        if (where.subject) query = query.where('source_id', '=', where.subject);
        return n(query);
      }
      let query = db.selectFrom('outbox_messages').select((eb) => eb.fn.countAll<number | string>().as('n')).where('event_type', '=', where.value).where('channel', '=', 'webhook');
      if (where.subject) query = query.where('payload', 'like', `%"${where.subject}"%`);
      return n(query);
    };

    type Receipt = Extract<EmailNotification, { template: 'acceptance.accepted' }>;
    /** The receipts emailed for the acceptance of this document (its sha256 is unique to the test that made it). */
    const receiptsFor = async (documentSha256: string) =>
      (await t.app.db.selectFrom('outbox_messages').select(['recipient', 'payload']).where('channel', '=', 'email').where('event_type', '=', 'acceptance.accepted').where('payload', 'like', `%${documentSha256}%`).execute()).map(
        (row) => ({ to: row.recipient ?? '', notification: JSON.parse(row.payload) as Receipt }),
      );

    test('sent, reviewed and accepted end to end: evidence recorded once, with its audit event, follow-up, webhook and certificate', async () => {
      const document = await uploadDocument(acme.customerId);
      const sent = await send(document.id, { title: '  Statement of work  ', message: 'Please accept by Friday.' });
      assert.equal(sent.status, 'pending');
      assert.equal(sent.title, 'Statement of work');
      assert.equal(sent.customerId, acme.customerId);
      assert.deepEqual(sent.document, { id: document.id, name: document.name, size: document.size, contentType: document.contentType, sha256: document.sha256 });
      assert.equal(sent.documentUnchanged, true);
      assert.equal(sent.evidence, null);

      // The contact is emailed, the tenant's backend hears of it, and the team's act is audited.
      const emails = await t.app.db.selectFrom('outbox_messages').select(['recipient', 'payload']).where('event_type', '=', 'acceptance.sent').where('channel', '=', 'email').where('payload', 'like', `%${sent.title}%`).execute();
      assert.deepEqual(emails.map((email) => email.recipient), ['contact@acme.example']);
      assert.equal(await count('outbox_messages', { column: 'event_type', value: 'acceptance.sent', subject: sent.id }), 1, 'one acceptance.sent webhook');
      assert.equal(await count('audit_events', { column: 'action', value: 'acceptance.sent', subject: sent.id }), 1);

      // The contact reviews the exact document.
      const cards = await ok<Page<PortalAcceptanceCard>>(acmePortal('GET', '/v1/portal/acceptances'));
      const card = cards.items.find((item) => item.id === sent.id);
      assert.ok(card);
      assert.equal(card.status, 'pending');
      assert.equal(card.expiresSoon, false);
      assert.equal(card.documentName, document.name);
      const detail = await ok<PortalAcceptance>(acmePortal('GET', `/v1/portal/acceptances/${sent.id}`));
      assert.equal(detail.message, 'Please accept by Friday.');
      assert.equal(detail.document.sha256, document.sha256);
      assert.equal(detail.acceptedName, null);
      await refused(acmePortal('GET', `/v1/portal/acceptances/${sent.id}/certificate`), 409, 'acceptance_not_accepted');
      await refused(team('GET', `/v1/workspace/acceptances/${sent.id}/certificate`), 409, 'acceptance_not_accepted');
      const link = await ok<DownloadLink>(acmePortal('POST', `/v1/portal/acceptances/${sent.id}/document-link`));
      const url = new URL(link.url);
      const downloaded = await t.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
      assert.equal(downloaded.statusCode, 200);
      assert.equal(sha256(downloaded.rawPayload), document.sha256, 'the link downloads the very bytes under acceptance');

      const userAgent = 'Mozilla/5.0 (X11; Linux x86_64) AcceptanceTest/1.0';
      const accepted = await ok<PortalAcceptance>(acmePortal('POST', `/v1/portal/acceptances/${sent.id}/accept`, acceptBody(detail, '  Ada \n  Lovelace '), { 'user-agent': userAgent }));
      assert.equal(accepted.status, 'accepted');
      assert.equal(accepted.acceptedName, 'Ada Lovelace');
      assert.ok(accepted.acceptedAt);

      const recorded = await ok<Acceptance>(team('GET', `/v1/workspace/acceptances/${sent.id}`));
      assert.equal(recorded.status, 'accepted');
      assert.deepEqual(recorded.evidence, {
        fullName: 'Ada Lovelace',
        contactId: acme.contactId,
        contactName: 'Acme contact',
        contactEmail: 'contact@acme.example',
        acceptedAt: accepted.acceptedAt,
        ipAddress: '203.0.113.9',
        userAgent,
        documentSha256: document.sha256,
      });

      // Repeating it answers it as it is, and records nothing more.
      const again = await ok<PortalAcceptance>(acmePortal('POST', `/v1/portal/acceptances/${sent.id}/accept`, acceptBody(detail, 'Someone Else')));
      assert.deepEqual(again, accepted);
      assert.equal(await count('audit_events', { column: 'action', value: 'acceptance.accepted', subject: sent.id }), 1);
      assert.equal(await count('follow_ups', { column: 'kind', value: 'acceptance.accepted', subject: sent.id }), 1);
      assert.equal(await count('outbox_messages', { column: 'event_type', value: 'acceptance.accepted', subject: sent.id }), 1);
      // The contact's receipt: once, to them, saying what they accepted, when, with which name, and where the certificate is.
      const receipts = await receiptsFor(document.sha256);
      assert.equal(receipts.length, 1, 'one receipt, the repeat sent none');
      assert.equal(receipts[0]?.to, 'contact@acme.example');
      assert.deepEqual(receipts[0]?.notification, {
        template: 'acceptance.accepted',
        workspaceId,
        workspaceName: 'Northwind Studio',
        contactName: 'Acme contact',
        acceptanceTitle: 'Statement of work',
        documentName: document.name,
        documentSha256: document.sha256,
        acceptedAt: accepted.acceptedAt,
        fullName: 'Ada Lovelace',
      });
      const receipt = renderEmail(receipts[0]!.notification, { to: 'contact@acme.example', publicUrl: 'https://portal.example' });
      assert.equal(receipt.subject, 'You accepted "Statement of work" from Northwind Studio');
      const acceptedAt = accepted.acceptedAt!;
      assert.ok(receipt.text.includes(`you accepted "${document.name}" ("Statement of work") from Northwind Studio on ${acceptedIn('en', acceptedAt)}, typing the name "Ada Lovelace"`), receipt.text);
      assert.ok(receipt.text.includes(`SHA-256 fingerprint ${document.sha256}`), receipt.text);
      assert.match(receipt.text, /evidence certificate of your acceptance is in the customer portal/);
      assert.ok(receipt.text.includes(`https://portal.example/portal?workspace=${workspaceId}`), receipt.text);
      assert.ok(!/token|secret|sk_/i.test(receipt.text), 'no secret in the link');
      const followUp = await t.app.db.selectFrom('follow_ups').select(['summary', 'contact_id', 'customer_id']).where('source_id', '=', sent.id).executeTakeFirstOrThrow();
      assert.deepEqual(followUp, { summary: `"Statement of work" (${document.name}) accepted by Ada Lovelace`, contact_id: acme.contactId, customer_id: acme.customerId });
      assert.equal(await verifyAuditChain(t.app.db, workspaceId), null);

      // The certificate, for both sides: a PDF that names who, when, from where and which bytes.
      for (const [caller, url] of [
        [acmePortal, `/v1/portal/acceptances/${sent.id}/certificate`],
        [team, `/v1/workspace/acceptances/${sent.id}/certificate`],
      ] as const) {
        const answer = await caller('GET', url);
        assert.equal(answer.statusCode, 200, answer.body);
        assert.equal(answer.headers['content-type'], 'application/pdf');
        assert.match(String(answer.headers['content-disposition']), new RegExp(`^attachment; filename="acceptance-certificate-${sent.id}\\.pdf"$`));
        assert.equal(answer.headers['cache-control'], 'no-store');
        const text = await pdfText(answer.rawPayload);
        for (const expected of [document.sha256, 'Ada Lovelace', document.name, 'Northwind Studio', sent.id, 'contact@acme.example', 'Acme contact', '203.0.113.9', accepted.acceptedAt!]) {
          assert.ok(text.includes(expected), `the certificate names ${expected}:\n${text}`);
        }
        assert.ok(compact(text).includes(compact(userAgent)), 'and the user agent');
        const attached = (await PDFDocument.load(answer.rawPayload)).catalog.lookup(PDFName.of('Names'));
        assert.ok(attached, 'the facts are attached as JSON');
      }
      const portalPdf = (await acmePortal('GET', `/v1/portal/acceptances/${sent.id}/certificate`)).rawPayload;
      const teamPdf = (await team('GET', `/v1/workspace/acceptances/${sent.id}/certificate`)).rawPayload;
      assert.equal(sha256(portalPdf), sha256(teamPdf), 'both sides get the same certificate, rendered from the stored facts');
    });

    test('names outside the PDF fonts are kept exactly in the evidence and shown as code points in the certificate', async () => {
      const document = await uploadDocument(acme.customerId, 'Unicode.pdf');
      const sent = await send(document.id);
      const name = '李雷 Zoë Ångström 😀';
      await ok(acmePortal('POST', `/v1/portal/acceptances/${sent.id}/accept`, acceptBody(sent, name)));
      assert.equal((await ok<Acceptance>(team('GET', `/v1/workspace/acceptances/${sent.id}`))).evidence?.fullName, name);
      const pdf = (await team('GET', `/v1/workspace/acceptances/${sent.id}/certificate`)).rawPayload;
      const text = await pdfText(pdf);
      assert.ok(text.includes('[U+674E][U+96F7] Zoë Ångström [U+1F600]'), text);
    });

    test('an expired acceptance cannot be accepted; the portal lists it as Expired and no evidence is written', async () => {
      const document = await uploadDocument(acme.customerId);
      await refused(team('POST', '/v1/workspace/acceptances', { documentId: document.id, title: 'Too late', expiresAt: new Date(Date.now() - 1_000).toISOString() }), 422, 'expiry_in_past');
      const sent = await send(document.id, { title: 'Expiring' });
      await expire(sent.id);
      const card = (await ok<Page<PortalAcceptanceCard>>(acmePortal('GET', '/v1/portal/acceptances?limit=100'))).items.find((item) => item.id === sent.id);
      assert.equal(card?.status, 'expired');
      assert.equal(card?.expiresSoon, false);
      const problem = await refused(acmePortal('POST', `/v1/portal/acceptances/${sent.id}/accept`, acceptBody(sent)), 409, 'acceptance_expired');
      assert.match(problem.detail ?? '', /ask the team to send it again/);
      await refused(acmePortal('GET', `/v1/portal/acceptances/${sent.id}/certificate`), 409, 'acceptance_not_accepted');
      const stored = await t.app.db.selectFrom('acceptances').select(['status', 'accepted_at', 'accepted_name']).where('id', '=', sent.id).executeTakeFirstOrThrow();
      assert.deepEqual(stored, { status: 'pending', accepted_at: null, accepted_name: null });
      assert.equal(await count('audit_events', { column: 'action', value: 'acceptance.accepted', subject: sent.id }), 0);
      assert.equal((await ok<Acceptance>(team('GET', `/v1/workspace/acceptances/${sent.id}`))).status, 'expired');
    });

    test('a document changed since sending cannot be accepted: other bytes now, deleted, or another sha256 reviewed', async () => {
      // Another sha256 in the body than the one sent: the contact reviewed something else.
      const first = await send((await uploadDocument(acme.customerId)).id);
      await refused(acmePortal('POST', `/v1/portal/acceptances/${first.id}/accept`, { fullName: 'Ada', confirmed: true, documentSha256: 'ab'.repeat(32) }), 409, 'document_changed');

      // The document's bytes are other ones now (its recorded sha256 is what a replaced file changes).
      const replacedDocument = await uploadDocument(acme.customerId);
      const replaced = await send(replacedDocument.id);
      await t.app.db.updateTable('documents').set({ sha256: 'cd'.repeat(32) }).where('id', '=', replacedDocument.id).execute();
      await refused(acmePortal('POST', `/v1/portal/acceptances/${replaced.id}/accept`, acceptBody(replaced)), 409, 'document_changed');
      await refused(acmePortal('POST', `/v1/portal/acceptances/${replaced.id}/document-link`), 409, 'document_changed');
      assert.equal((await ok<Acceptance>(team('GET', `/v1/workspace/acceptances/${replaced.id}`))).documentUnchanged, false);

      // The document was deleted.
      const deletedDocument = await uploadDocument(acme.customerId);
      const deleted = await send(deletedDocument.id);
      assert.equal((await team('DELETE', `/v1/workspace/documents/${deletedDocument.id}`)).statusCode, 204);
      const problem = await refused(acmePortal('POST', `/v1/portal/acceptances/${deleted.id}/accept`, acceptBody(deleted)), 409, 'document_changed');
      assert.match(problem.detail ?? '', /reload/);
      await refused(acmePortal('POST', `/v1/portal/acceptances/${deleted.id}/document-link`), 409, 'document_changed');
      const seen = await ok<Acceptance>(team('GET', `/v1/workspace/acceptances/${deleted.id}`));
      assert.equal(seen.documentUnchanged, false);
      assert.equal(seen.document.name, deletedDocument.name, 'the acceptance keeps the document as it was sent');
      await refused(team('POST', `/v1/workspace/acceptances/${deleted.id}/resend`, { expiresAt: later() }), 409, 'document_deleted');

      for (const id of [first.id, replaced.id, deleted.id]) {
        assert.equal((await ok<PortalAcceptance>(acmePortal('GET', `/v1/portal/acceptances/${id}`))).status, 'pending');
        assert.equal(await count('audit_events', { column: 'action', value: 'acceptance.accepted', subject: id }), 0);
        assert.equal(await count('follow_ups', { column: 'kind', value: 'acceptance.accepted', subject: id }), 0);
      }
    });

    test('re-sending makes a new acceptance with a new expiry and supersedes the old one, which leaves the portal', async () => {
      const document = await uploadDocument(acme.customerId);
      const old = await send(document.id, { title: 'Design sign-off', message: 'First round.' });
      await expire(old.id);
      const expiresAt = later(3 * DAY);
      const renewed = await ok<Acceptance>(team('POST', `/v1/workspace/acceptances/${old.id}/resend`, { expiresAt, message: 'Second round.' }), 201);
      assert.notEqual(renewed.id, old.id);
      assert.equal(renewed.status, 'pending');
      assert.equal(renewed.expiresAt, expiresAt);
      assert.equal(renewed.title, 'Design sign-off');
      assert.equal(renewed.message, 'Second round.');
      assert.equal(renewed.resendOf, old.id);
      const superseded = await ok<Acceptance>(team('GET', `/v1/workspace/acceptances/${old.id}`));
      assert.equal(superseded.status, 'superseded');
      assert.equal(superseded.supersededBy, renewed.id);
      assert.deepEqual(
        (await ok<Page<Acceptance>>(team('GET', '/v1/workspace/acceptances?status=superseded&limit=100'))).items.map((item) => item.id).filter((id) => id === old.id),
        [old.id],
      );
      assert.equal(await count('audit_events', { column: 'action', value: 'acceptance.superseded', subject: old.id }), 1);
      assert.equal(await count('audit_events', { column: 'action', value: 'acceptance.sent', subject: renewed.id }), 1);

      // In the portal the old one is gone: every route answers 404, the list shows only the new one.
      const listed = (await ok<Page<PortalAcceptanceCard>>(acmePortal('GET', '/v1/portal/acceptances?limit=100'))).items.map((item) => item.id);
      assert.ok(listed.includes(renewed.id));
      assert.ok(!listed.includes(old.id));
      for (const [method, path, body] of [
        ['GET', '', undefined],
        ['POST', '/document-link', undefined],
        ['POST', '/accept', acceptBody(old)],
        ['GET', '/certificate', undefined],
      ] as const) {
        await refused(acmePortal(method, `/v1/portal/acceptances/${old.id}${path}`, body), 404, 'not_found');
      }
      await refused(team('POST', `/v1/workspace/acceptances/${old.id}/resend`, { expiresAt: later() }), 409, 'acceptance_superseded');

      // Concurrent re-sends of one acceptance: one wins, one new acceptance.
      const answers = await Promise.all(Array.from({ length: 10 }, () => team('POST', `/v1/workspace/acceptances/${renewed.id}/resend`, { expiresAt: later() })));
      const statuses = answers.map((answer) => answer.statusCode).sort();
      assert.deepEqual(statuses, [201, ...Array<number>(9).fill(409)], answers.map((answer) => answer.body).join('\n'));
      const children = await t.app.db.selectFrom('acceptances').select('id').where('resend_of', '=', renewed.id).execute();
      assert.equal(children.length, 1);

      // An accepted one stands.
      const newest = children[0]!.id;
      await ok(acmePortal('POST', `/v1/portal/acceptances/${newest}/accept`, acceptBody(renewed)));
      await refused(team('POST', `/v1/workspace/acceptances/${newest}/resend`, { expiresAt: later() }), 409, 'acceptance_already_accepted');
    });

    test('a re-send is one transaction: when the new acceptance cannot be written, the old one stays pending and nothing is recorded', async () => {
      const document = await uploadDocument(acme.customerId);
      const old = await send(document.id);
      const auditBefore = await count('audit_events', { column: 'action', value: 'acceptance.superseded' });
      // A database that refuses the new row after the old one was marked superseded in the same transaction.
      if (dialect === 'sqlite') {
        await sql`create trigger refuse_resend before insert on acceptances when new.resend_of is not null begin select raise(abort, 'refused by test'); end`.execute(t.app.db);
      } else {
        await sql`create function refuse_resend() returns trigger language plpgsql as $$ begin raise exception 'refused by test'; end $$`.execute(t.app.db);
        await sql`create trigger refuse_resend before insert on acceptances for each row when (new.resend_of is not null) execute function refuse_resend()`.execute(t.app.db);
      }
      try {
        const answer = await team('POST', `/v1/workspace/acceptances/${old.id}/resend`, { expiresAt: later() });
        assert.equal(answer.statusCode, 500, answer.body);
      } finally {
        await sql`drop trigger refuse_resend${sql.raw(dialect === 'sqlite' ? '' : ' on acceptances')}`.execute(t.app.db);
        if (dialect === 'postgres') await sql`drop function refuse_resend()`.execute(t.app.db);
      }
      const stored = await t.app.db.selectFrom('acceptances').select(['status', 'superseded_by']).where('id', '=', old.id).executeTakeFirstOrThrow();
      assert.deepEqual(stored, { status: 'pending', superseded_by: null });
      assert.equal(await count('audit_events', { column: 'action', value: 'acceptance.superseded' }), auditBefore);
      assert.equal((await ok<PortalAcceptance>(acmePortal('GET', `/v1/portal/acceptances/${old.id}`))).status, 'pending');
      // And with the database willing again, the same re-send works.
      await ok(team('POST', `/v1/workspace/acceptances/${old.id}/resend`, { expiresAt: later() }), 201);
    });

    test('50 concurrent accepts of one acceptance: every answer 200 with the same evidence, one audit event, one follow-up, one webhook', async () => {
      const document = await uploadDocument(acme.customerId);
      const sent = await send(document.id);
      let writer: ChildProcess | undefined;
      if (t.config.database.dialect === 'sqlite') {
        // Another process writing to the file all the while, as a second node or a worker does.
        writer = spawn(process.execPath, ['--input-type=module', '-e', OTHER_WRITER, t.config.database.file], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        await once(writer, 'message');
      }
      let answers: LightMyRequestResponse[];
      try {
        answers = await Promise.all(
          Array.from({ length: 50 }, (_, i) => acmePortal('POST', `/v1/portal/acceptances/${sent.id}/accept`, acceptBody(sent, `Ada Lovelace ${i}`), { 'user-agent': `Racer/${i}` })),
        );
      } finally {
        writer?.send('stop');
      }
      if (writer) {
        const [{ writes }] = (await once(writer, 'message')) as [{ writes: number }];
        assert.ok(writes > 0, 'the other process wrote meanwhile');
      }
      assert.deepEqual(answers.map((answer) => answer.statusCode), Array<number>(50).fill(200), answers.find((answer) => answer.statusCode !== 200)?.body);
      const bodies = answers.map((answer) => answer.json<PortalAcceptance>());
      assert.equal(new Set(bodies.map((body) => `${body.acceptedName}|${body.acceptedAt}`)).size, 1, 'every answer shows the one acceptance recorded');
      const evidence = (await ok<Acceptance>(team('GET', `/v1/workspace/acceptances/${sent.id}`))).evidence;
      const winner = Number(evidence?.fullName.split(' ').pop());
      assert.equal(evidence?.userAgent, `Racer/${winner}`, 'the evidence is one request, whole');
      assert.equal(bodies[0]?.acceptedName, `Ada Lovelace ${winner}`);
      assert.equal(await count('audit_events', { column: 'action', value: 'acceptance.accepted', subject: sent.id }), 1);
      assert.equal(await count('follow_ups', { column: 'kind', value: 'acceptance.accepted', subject: sent.id }), 1);
      assert.equal(await count('outbox_messages', { column: 'event_type', value: 'acceptance.accepted', subject: sent.id }), 1);
      const receipts = await receiptsFor(document.sha256);
      assert.deepEqual(
        receipts.map((receipt) => [receipt.to, receipt.notification.fullName]),
        [['contact@acme.example', `Ada Lovelace ${winner}`]],
        'one receipt, naming the accept that was recorded',
      );
      assert.equal(await verifyAuditChain(t.app.db, workspaceId), null);
    });

    test('the receipt escapes the typed name, the title and the document name in its HTML', async () => {
      const document = await uploadDocument(acme.customerId, 'Terms <v2> & "final".pdf');
      const sent = await send(document.id, { title: `O'Brien's <b>terms</b>` });
      const name = `Zoë "Z" <O'Brien> & Co`;
      await ok(acmePortal('POST', `/v1/portal/acceptances/${sent.id}/accept`, acceptBody(sent, name)));
      const [receipt, ...more] = await receiptsFor(document.sha256);
      assert.equal(more.length, 0);
      assert.equal(receipt?.notification.fullName, name);
      const mail = renderEmail(receipt!.notification, { to: receipt!.to, publicUrl: 'https://portal.example' });
      assert.ok(mail.text.includes(`typing the name "${name}"`), 'the text is plain');
      const html = mail.html ?? '';
      // The upload already cleaned the file name of what a file system refuses; its `&` is left to the email.
      assert.ok(document.name.includes('&'), document.name);
      for (const escaped of ['Zoë &quot;Z&quot; &lt;O&#39;Brien&gt; &amp; Co', 'O&#39;Brien&#39;s &lt;b&gt;terms&lt;/b&gt;', document.name.replaceAll('&', '&amp;')]) assert.ok(html.includes(escaped), `${escaped} in ${html}`);
      for (const raw of ['<O', '<b>', document.name]) assert.ok(!html.includes(raw), `${raw} is escaped`);
    });

    test("another customer's or workspace's acceptance answers 404 on every route, the document link and certificate included", async () => {
      const document = await uploadDocument(acme.customerId);
      const sent = await send(document.id);
      const accepted = await send((await uploadDocument(acme.customerId)).id);
      await ok(acmePortal('POST', `/v1/portal/acceptances/${accepted.id}/accept`, acceptBody(accepted)));
      for (const id of [sent.id, accepted.id]) {
        for (const attacker of [globexPortal, otherWorkspacePortal]) {
          for (const [method, path, body] of [
            ['GET', '', undefined],
            ['POST', '/document-link', undefined],
            ['POST', '/accept', acceptBody(sent)],
            ['GET', '/certificate', undefined],
          ] as const) {
            await refused(attacker(method, `/v1/portal/acceptances/${id}${path}`, body), 404, 'not_found');
          }
          assert.ok(!(await ok<Page<PortalAcceptanceCard>>(attacker('GET', '/v1/portal/acceptances?limit=100'))).items.some((item) => item.id === id));
        }
        for (const [method, path, body] of [
          ['GET', '', undefined],
          ['POST', '/resend', { expiresAt: later() }],
          ['GET', '/certificate', undefined],
        ] as const) {
          await refused(teamB(method, `/v1/workspace/acceptances/${id}${path}`, body), 404, 'not_found');
        }
        assert.equal((await ok<Page<Acceptance>>(teamB('GET', '/v1/workspace/acceptances?limit=100'))).items.length, 0);
      }
      // A document of another workspace cannot be sent from this one.
      const elsewhere = await ok<Page<{ id: string }>>(teamB('GET', '/v1/workspace/customers'));
      const foreign = await uploadDocument(elsewhere.items[0]!.id, 'Foreign.pdf', teamB, apiKeyB);
      await refused(team('POST', '/v1/workspace/acceptances', { documentId: foreign.id, title: 'Not ours', expiresAt: later() }), 404, 'not_found');
      assert.equal((await ok<PortalAcceptance>(acmePortal('GET', `/v1/portal/acceptances/${sent.id}`))).status, 'pending', 'nothing the attackers sent changed it');
    });

    test('bad input is refused with stable codes and changes nothing', async () => {
      const document = await uploadDocument(acme.customerId);
      const sent = await send(document.id);
      const url = `/v1/portal/acceptances/${sent.id}/accept`;
      const good = acceptBody(sent);
      const cases: [string, object, number, string][] = [
        ['NUL in the name', { ...good, fullName: 'Ada\u0000Lovelace' }, 400, 'invalid_characters'],
        ['empty name', { ...good, fullName: '' }, 422, 'full_name_required'],
        ['blank name', { ...good, fullName: ' \n\t ' }, 422, 'full_name_required'],
        ['no name', { confirmed: true, documentSha256: sent.document.sha256 }, 422, 'full_name_required'],
        ['name too long', { ...good, fullName: 'A'.repeat(201) }, 422, 'full_name_too_long'],
        ['astral name too long', { ...good, fullName: '😀'.repeat(201) }, 422, 'full_name_too_long'],
        ['control character in the name', { ...good, fullName: 'Ada\u0007' }, 422, 'full_name_invalid'],
        ['box not ticked', { ...good, confirmed: false }, 422, 'confirmation_required'],
        ['box missing', { fullName: 'Ada', documentSha256: sent.document.sha256 }, 422, 'confirmation_required'],
        ['not a sha256', { ...good, documentSha256: 'abc' }, 422, 'document_sha256_invalid'],
        ['another sha256', { ...good, documentSha256: 'ef'.repeat(32) }, 409, 'document_changed'],
        ['a name of another type', { ...good, fullName: 42 }, 400, 'validation_failed'],
        ['an unknown field', { ...good, signature: 'x' }, 400, 'validation_failed'],
      ];
      for (const [what, body, status, code] of cases) {
        const answer = await acmePortal('POST', url, body);
        assert.equal(answer.statusCode, status, `${what}: ${answer.body}`);
        assert.equal(answer.json<Problem>().code, code, what);
        assert.match(String(answer.headers['content-type']), /^application\/problem\+json/, what);
      }
      assert.equal((await ok<PortalAcceptance>(acmePortal('GET', `/v1/portal/acceptances/${sent.id}`))).status, 'pending');
      assert.equal(await count('audit_events', { column: 'action', value: 'acceptance.accepted', subject: sent.id }), 0);

      // 200 characters is the limit, counted as characters (an emoji is one).
      const longest = await ok<PortalAcceptance>(acmePortal('POST', url, { ...good, fullName: '😀'.repeat(200) }));
      assert.equal([...(longest.acceptedName ?? '')].length, 200);

      // The team's side.
      const before = await t.app.db.selectFrom('acceptances').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      await refused(team('POST', '/v1/workspace/acceptances', { documentId: document.id, title: '   ', expiresAt: later() }), 422, 'title_required');
      await refused(team('POST', '/v1/workspace/acceptances', { documentId: document.id, title: 'T\u0000', expiresAt: later() }), 400, 'invalid_characters');
      await refused(team('POST', '/v1/workspace/acceptances', { documentId: document.id, title: 'T', expiresAt: 'tomorrow' }), 400, 'validation_failed');
      await refused(team('POST', '/v1/workspace/acceptances', { documentId: 'doc_nothere', title: 'T', expiresAt: later() }), 404, 'not_found');
      const lonely = await ok<{ id: string }>(team('POST', '/v1/workspace/customers', { name: 'No contact yet' }), 201);
      await refused(team('POST', '/v1/workspace/acceptances', { documentId: (await uploadDocument(lonely.id)).id, title: 'T', expiresAt: later() }), 409, 'no_portal_contact');
      const after = await t.app.db.selectFrom('acceptances').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(before.n), 'nothing was written');
    });

    test('the portal list: pending first by soonest expiry (amber under 48 hours), then the rest newest sent first, in stable pages', async () => {
      const { customerId, contactId } = await customerWithContact(t.app, apiKey, `Listco ${randomBytes(3).toString('hex')}`);
      const portal = bearer(t.app, (await signInContact(t.app, apiKey, contactId)).accessToken);
      const documentId = (await uploadDocument(customerId)).id;
      const made: Record<string, string> = {};
      for (const [name, expiresIn] of [['in 10 days', 10 * DAY], ['in 30 hours', 30 * HOUR], ['in 5 days', 5 * DAY], ['to accept', 20 * DAY], ['to expire', 20 * DAY], ['to supersede', 20 * DAY]] as const) {
        made[name] = (await send(documentId, { title: name, expiresAt: later(expiresIn) })).id;
      }
      await ok(portal('POST', `/v1/portal/acceptances/${made['to accept']}/accept`, { fullName: 'Lister', confirmed: true, documentSha256: (await ok<PortalAcceptance>(portal('GET', `/v1/portal/acceptances/${made['to accept']}`))).document.sha256 }));
      await expire(made['to expire']!);
      made['re-sent'] = (await ok<Acceptance>(team('POST', `/v1/workspace/acceptances/${made['to supersede']}/resend`, { expiresAt: later(40 * DAY) }), 201)).id;
      // Sent times apart, so "newest sent first" has an order to show.
      await t.app.db.updateTable('acceptances').set({ sent_at: '2026-01-01T00:00:00.000Z' }).where('id', '=', made['to expire']!).execute();

      const all = await ok<Page<PortalAcceptanceCard>>(portal('GET', '/v1/portal/acceptances'));
      assert.deepEqual(
        all.items.map((card) => [card.title, card.status, card.expiresSoon]),
        [
          ['in 30 hours', 'pending', true],
          ['in 5 days', 'pending', false],
          ['in 10 days', 'pending', false],
          ['to supersede', 'pending', false],
          ['to accept', 'accepted', false],
          ['to expire', 'expired', false],
        ],
      );
      assert.equal(all.items[3]?.id, made['re-sent'], 'the re-sent one, not the one it superseded');
      for (const limit of [1, 2, 3, 4, 5]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: Page<PortalAcceptanceCard> = await ok(portal('GET', `/v1/portal/acceptances?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`));
          assert.ok(page.items.length <= limit);
          seen.push(...page.items.map((card) => card.id));
          cursor = page.nextCursor;
        } while (cursor);
        assert.deepEqual(seen, all.items.map((card) => card.id), `pages of ${limit}`);
      }
      await refused(portal('GET', `/v1/portal/acceptances?cursor=${Buffer.from(JSON.stringify(['x|y|z', 'acc_1'])).toString('base64url')}`), 400, 'invalid_cursor');
      await refused(portal('GET', `/v1/portal/acceptances?cursor=${Buffer.from(JSON.stringify(['p|2026-01-01T00:00:00.000Z|2026-01-01T00:00:00.000Z', 'acc_\u0000'])).toString('base64url')}`), 400, 'invalid_cursor');

      const teamList = await ok<Page<Acceptance>>(team('GET', `/v1/workspace/acceptances?customerId=${customerId}&limit=100`));
      assert.equal(teamList.items.length, 7, 'the team also sees the superseded one');
      assert.deepEqual((await ok<Page<Acceptance>>(team('GET', `/v1/workspace/acceptances?customerId=${customerId}&status=expired`))).items.map((item) => item.id), [made['to expire']]);
      assert.equal((await ok<Page<Acceptance>>(team('GET', `/v1/workspace/acceptances?customerId=${customerId}&status=pending`))).items.length, 4);
    });

    test('the expiry reminder goes once per acceptance and contact however many workers scan; acceptance.expiring once per acceptance', async () => {
      const { customerId, contactId } = await customerWithContact(t.app, apiKey, `Remindco ${randomBytes(3).toString('hex')}`);
      const second = await ok<{ id: string }>(team('POST', `/v1/workspace/customers/${customerId}/contacts`, { displayName: 'Second', email: `second-${randomBytes(3).toString('hex')}@remind.example`, role: 'Buyer' }), 201);
      const documentId = (await uploadDocument(customerId)).id;
      const soon = await send(documentId, { title: 'Soon', expiresAt: later(30 * HOUR) });
      const fresh = await send(documentId, { title: 'Fresh', expiresAt: later(30 * HOUR) });
      const distant = await send(documentId, { title: 'Distant', expiresAt: later(10 * DAY) });
      const acceptedFirst = await send(documentId, { title: 'Accepted first', expiresAt: later(30 * HOUR) });
      // Sent a week ago: the reminder is due. `fresh` was sent just now, its "sent" email is the reminder.
      await t.app.db.updateTable('acceptances').set({ sent_at: new Date(Date.now() - 7 * DAY).toISOString() }).where('id', 'in', [soon.id, distant.id, acceptedFirst.id]).execute();
      await ok(bearer(t.app, (await signInContact(t.app, apiKey, contactId)).accessToken)('POST', `/v1/portal/acceptances/${acceptedFirst.id}/accept`, acceptBody(acceptedFirst)));

      await Promise.all([enqueueExpiryReminders(t.app.db), enqueueExpiryReminders(t.app.db), enqueueExpiryReminders(t.app.db), enqueueExpiryReminders(t.app.db)]);
      await enqueueExpiryReminders(t.app.db);
      const rows = await t.app.db.selectFrom('outbox_messages').select(['channel', 'dedupe_key', 'payload']).where('event_type', '=', 'acceptance.expiring').execute();
      const mine = rows.filter((row) => [soon.id, fresh.id, distant.id, acceptedFirst.id].some((id) => (row.dedupe_key ?? row.payload).includes(id)));
      const emails = mine.filter((row) => row.channel === 'email');
      assert.deepEqual(emails.map((row) => row.dedupe_key).sort(), [`acceptance.expiring:${soon.id}:${contactId}`, `acceptance.expiring:${soon.id}:${second.id}`].sort());
      const hooks = mine.filter((row) => row.channel === 'webhook');
      assert.equal(hooks.length, 1);
      assert.ok(hooks[0]?.payload.includes(soon.id));
    });

    test('the emails say what to do and escape what the team typed', () => {
      const rendered = renderEmail(
        { template: 'acceptance.sent', workspaceId: 'ws_x', workspaceName: 'Northwind <Studio>', contactName: 'Ada', acceptanceTitle: '<script>alert(1)</script>', documentName: 'SOW.pdf', expiresAt: '2026-12-24T15:30:00.000Z' },
        { to: 'ada@acme.example', publicUrl: 'https://portal.example' },
      );
      assert.match(rendered.subject, /asks you to accept/);
      assert.match(rendered.text, /until December 24, 2026 at 3:30 PM UTC/);
      assert.match(rendered.text, /https:\/\/portal\.example\/portal\?workspace=ws_x/);
      assert.ok(rendered.html && !rendered.html.includes('<script>'));
      assert.ok(rendered.html?.includes('&lt;script&gt;'));
      const reminder = renderEmail(
        { template: 'acceptance.expiring', workspaceId: 'ws_x', workspaceName: 'Northwind', contactName: 'Ada', acceptanceTitle: 'SOW', documentName: 'SOW.pdf', expiresAt: '2026-12-24T15:30:00.000Z' },
        { to: 'ada@acme.example', publicUrl: 'https://portal.example' },
      );
      assert.match(reminder.subject, /^Reminder: "SOW" from Northwind expires soon$/);
      assert.match(reminder.text, /no longer be accepted after December 24, 2026 at 3:30 PM UTC/);
    });
  });
}

/**
 * Another process writing to the same SQLite file all the time, as a second node sharing the
 * rate-limit table (or a `taba-portal worker`) does: one short write transaction after another.
 */
const OTHER_WRITER = `
import SQLite from 'better-sqlite3';
const sqlite = new SQLite(process.argv[1]);
sqlite.pragma('busy_timeout = 5000');
const count = sqlite.prepare("insert into rate_limits (key, window_start, count) values ('api:ip:other-node', 0, 1) on conflict (key) do update set count = count + 1");
let writes = 0;
let running = true;
process.on('message', () => { running = false; });
const next = () => {
  if (!running) return process.send({ writes }, () => process.exit(0));
  count.run();
  writes++;
  setImmediate(next);
};
process.send({ ready: true });
next();
`;

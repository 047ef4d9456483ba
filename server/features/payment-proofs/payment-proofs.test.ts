import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Page, Problem } from '../../../sdk/contract/common.js';
import type { IntakeItem } from '../../../sdk/contract/intake.js';
import type { PaymentProof, PaymentProofDetail, PortalPaymentProof } from '../../../sdk/contract/payment-proofs.js';
import { loadConfig } from '../../config.js';
import { newId } from '../../lib/ids.js';
import { isoNow } from '../../lib/time.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { multipart, pdfOfSize, samples, type Part } from '../../test-support/files.js';
import { customerWithContact, signInContact } from '../../test-support/portal.js';
import { openMemberSession } from '../members/sessions.js';
import { renderEmail, type EmailNotification } from '../notifications/templates.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type Caller = (method: Method, url: string, payload?: object, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;

const MAX_UPLOAD_BYTES = 64 * 1024;

function bearer(app: FastifyInstance, token: string): Caller {
  return (method, url, payload, headers = {}) => app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}`, ...headers } });
}

const ok = async <T>(response: Promise<LightMyRequestResponse>, status = 200): Promise<T> => {
  const answer = await response;
  assert.equal(answer.statusCode, status, answer.body);
  return answer.json<T>();
};
const refused = async (response: Promise<LightMyRequestResponse>, status: number, code: string, what = code): Promise<Problem> => {
  const answer = await response;
  assert.equal(answer.statusCode, status, `${what}: ${answer.body}`);
  assert.match(String(answer.headers['content-type']), /^application\/problem\+json/, what);
  const problem = answer.json<Problem>();
  assert.equal(problem.code, code, `${what}: ${answer.body}`);
  return problem;
};

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await fs.readdir(directory, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** An active member with a session, written as the security harness does. */
async function addMember(app: FastifyInstance, workspaceId: string, role: 'team_lead' | 'finance_reviewer' | 'manager'): Promise<Caller> {
  const tag = randomBytes(5).toString('hex');
  const personId = newId('per');
  await app.db.insertInto('people').values({ id: personId, google_sub: `g-${tag}`, email: `${tag}@team.example`, name: role, created_at: isoNow() }).execute();
  const memberId = newId('mem');
  await app.db
    .insertInto('members')
    .values({ id: memberId, workspace_id: workspaceId, person_id: personId, email: `${tag}@team.example`, role, status: 'active', invited_by: null, created_at: isoNow(), joined_at: isoNow() })
    .execute();
  const session = await openMemberSession(app.db, { id: memberId, workspace_id: workspaceId, role });
  return bearer(app, app.signMemberAccessToken({ sub: memberId, ws: workspaceId, sid: session.sessionId }));
}

const PROOF_EVENTS = ['payment_proof.submitted', 'payment_proof.accepted', 'payment_proof.rejected', 'invoice.paid'];

for (const dialect of testDialects) {
  describe(`payment proof (${dialect})`, () => {
    let t: TestApp;
    let filesDir: string;
    let storeRoot: string;
    let tempDir: string;
    let workspaceA: { workspaceId: string; apiKey: string };
    let workspaceB: { workspaceId: string; apiKey: string };
    let acme: Awaited<ReturnType<typeof customerWithContact>>;
    let globex: Awaited<ReturnType<typeof customerWithContact>>;
    let initech: Awaited<ReturnType<typeof customerWithContact>>;
    let team: Caller;
    let teamB: Caller;
    const tokens = new Map<string, string>();

    before(async () => {
      filesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'taba-proofs-'));
      const files = { ...loadConfig({ TABA_DATA_DIR: filesDir }).files, maxUploadBytes: MAX_UPLOAD_BYTES };
      t = await createTestApp(dialect, { files });
      storeRoot = files.store.kind === 'local' ? files.store.root : '';
      tempDir = files.tempDir;
      workspaceA = await t.newWorkspace('Northwind Studio');
      workspaceB = await t.newWorkspace('Elsewhere');
      acme = await customerWithContact(t.app, workspaceA.apiKey, 'Acme');
      globex = await customerWithContact(t.app, workspaceA.apiKey, 'Globex');
      initech = await customerWithContact(t.app, workspaceB.apiKey, 'Initech');
      team = bearer(t.app, workspaceA.apiKey);
      teamB = bearer(t.app, workspaceB.apiKey);
      await ok(team('POST', '/v1/workspace/webhook-endpoints', { url: 'https://93.184.215.14/hooks', eventTypes: PROOF_EVENTS }), 201);
    });
    after(async () => {
      await t.close();
      await fs.rm(filesDir, { recursive: true, force: true });
    });

    const tokenOf = async (apiKey: string, contactId: string) => {
      let token = tokens.get(contactId);
      if (!token) {
        token = (await signInContact(t.app, apiKey, contactId)).accessToken;
        tokens.set(contactId, token);
      }
      return token;
    };

    /** An invoice the team drafts and sends through the invoices API: 1,200.00 USD unless said otherwise. */
    const issued = async (customerId: string, caller = team, unitAmount = 100_000) => {
      const created = await ok<{ id: string }>(
        caller('POST', '/v1/workspace/invoices', {
          customerId,
          currency: 'USD',
          issueDate: '2026-11-01',
          dueDate: '2099-12-31',
          lines: [{ description: 'Work', quantity: '1', unitAmount, taxRateBasisPoints: 2_000 }],
        }),
        201,
      );
      await ok(caller('POST', `/v1/workspace/invoices/${created.id}/send`));
      return created.id;
    };
    const invoiceRow = (invoiceId: string) => t.app.db.selectFrom('invoices').select(['amount_paid', 'total', 'paid_at']).where('id', '=', invoiceId).executeTakeFirstOrThrow();

    const fieldParts = (fields: Partial<Record<'amount' | 'paidOn' | 'method' | 'reference', string>>): Part[] =>
      Object.entries({ amount: '120000', paidOn: '2026-11-20', method: 'bank_transfer', reference: `TRX-${randomBytes(4).toString('hex')}`, ...fields }).map(([name, data]) => ({ name, data }));
    const filePart = (data: Buffer = samples.pdf(), filename = 'remittance.pdf', contentType = 'application/pdf'): Part => ({ name: 'file', filename, contentType, data });
    const submitRaw = async (token: string, invoiceId: string, parts: Part[], headers: Record<string, string> = {}) => {
      const form = multipart(parts);
      return t.app.inject({ method: 'POST', url: `/v1/portal/invoices/${invoiceId}/payment-proofs`, payload: form.body, headers: { 'content-type': form.contentType, authorization: `Bearer ${token}`, ...headers } });
    };
    const submit = async (invoiceId: string, fields: Parameters<typeof fieldParts>[0] = {}, contactId = acme.contactId) =>
      ok<PortalPaymentProof>(submitRaw(await tokenOf(workspaceA.apiKey, contactId), invoiceId, [...fieldParts(fields), filePart()]), 201);

    const outbox = async (eventType: string) =>
      (await t.app.db.selectFrom('outbox_messages').select(['recipient', 'payload', 'channel']).where('workspace_id', '=', workspaceA.workspaceId).where('event_type', '=', eventType).execute()).map((row) => ({
        ...row,
        body: JSON.parse(row.payload) as { data?: Record<string, unknown> } & Record<string, unknown>,
      }));
    const webhooksAbout = async (eventType: string, key: string, id: string) => (await outbox(eventType)).filter((row) => row.channel === 'webhook' && row.body.data?.[key] === id);

    test('a proof goes under review and moves nothing; accepting it records the payment, pays the invoice and tells everyone', async () => {
      const invoiceId = await issued(acme.customerId);
      const proof = await submit(invoiceId, { amount: '120000', reference: 'ACME-TRX-1001' });
      assert.equal(proof.status, 'under_review');
      assert.equal(proof.amount, 120_000);
      assert.equal(proof.currency, 'USD');
      assert.equal(proof.invoiceId, invoiceId);
      assert.equal(proof.fileName, 'remittance.pdf');
      assert.equal(proof.rejectReason, null);
      assert.equal(Number((await invoiceRow(invoiceId)).amount_paid), 0, 'nothing paid before review');
      assert.equal((await t.app.db.selectFrom('payments').select('id').where('invoice_id', '=', invoiceId).execute()).length, 0);

      // The file is in the intake queue as a payment proof, its source the invoice and the proof.
      const queue = await ok<Page<IntakeItem>>(team('GET', `/v1/workspace/intake?kind=payment_proof&customerId=${acme.customerId}&limit=100`));
      const intake = queue.items.find((item) => item.source.type === 'payment_proof' && item.source.paymentProofId === proof.id);
      assert.ok(intake, 'an intake item for the proof');
      assert.deepEqual(intake.source, { type: 'payment_proof', invoiceId, paymentProofId: proof.id });
      assert.equal(intake.status, 'pending');
      const stored = await t.app.db.selectFrom('intake_items').select('storage_key').where('id', '=', intake.id).executeTakeFirstOrThrow();
      assert.ok(stored.storage_key.startsWith(`intake-${workspaceA.workspaceId}/`), 'in quarantine');

      // The team's view: flags, and for a reviewer a link that downloads the file.
      const detail = await ok<PaymentProofDetail>(team('GET', `/v1/workspace/payment-proofs/${proof.id}`));
      assert.deepEqual(detail.flags, { exceedsAmountDue: false, referenceAlreadyUsed: false });
      assert.equal(detail.intakeId, intake.id);
      assert.equal(detail.contactId, acme.contactId);
      assert.ok(detail.downloadLink, 'a reviewer gets a link');
      const link = new URL(detail.downloadLink.url);
      const downloaded = await t.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
      assert.equal(downloaded.statusCode, 200);
      assert.deepEqual(downloaded.rawPayload, samples.pdf());
      assert.match(String(downloaded.headers['content-disposition']), /^attachment;/);
      const listed = await ok<Page<PaymentProof>>(team('GET', `/v1/workspace/payment-proofs?status=under_review&invoiceId=${invoiceId}`));
      assert.deepEqual(listed.items.map((item) => item.id), [proof.id]);

      // Submitted: the audit event, the finance follow-up and the webhook, with the flags.
      const submitted = await webhooksAbout('payment_proof.submitted', 'paymentProofId', proof.id);
      assert.equal(submitted.length, 1);
      assert.deepEqual(submitted[0]!.body.data!.flags, { exceedsAmountDue: false, referenceAlreadyUsed: false });
      const followUp = await t.app.db.selectFrom('follow_ups').select(['kind', 'state', 'summary']).where('source_id', '=', proof.id).executeTakeFirstOrThrow();
      assert.equal(followUp.kind, 'payment_proof.submitted');
      assert.match(followUp.summary, /1200\.00 USD/);
      const audit = await t.app.db.selectFrom('audit_events').select('action').where('subject_id', '=', proof.id).orderBy('seq').execute();
      assert.deepEqual(audit.map((event) => event.action), ['payment_proof.submitted']);

      // Accepted: the payment (source payment_proof), the invoice paid, the intake item accepted.
      const accepted = await ok<PaymentProof>(team('POST', `/v1/workspace/payment-proofs/${proof.id}/accept`));
      assert.equal(accepted.status, 'accepted');
      assert.ok(accepted.paymentId);
      assert.deepEqual(accepted.reviewedBy?.type, 'api_key');
      const payment = await t.app.db.selectFrom('payments').selectAll().where('invoice_id', '=', invoiceId).executeTakeFirstOrThrow();
      assert.deepEqual([payment.id, payment.source, payment.payment_proof_id, Number(payment.amount), payment.paid_on, payment.reference], [accepted.paymentId, 'payment_proof', proof.id, 120_000, '2026-11-20', 'ACME-TRX-1001']);
      const paidInvoice = await invoiceRow(invoiceId);
      assert.equal(Number(paidInvoice.amount_paid), 120_000);
      assert.ok(paidInvoice.paid_at);
      assert.equal((await ok<IntakeItem>(team('GET', `/v1/workspace/intake/${intake.id}`))).status, 'accepted');
      assert.equal((await webhooksAbout('payment_proof.accepted', 'paymentProofId', proof.id)).length, 1);
      assert.equal((await webhooksAbout('invoice.paid', 'invoiceId', invoiceId)).length, 1);
      const emails = (await outbox('payment_proof.accepted')).filter((row) => row.channel === 'email' && row.body.invoiceNumber !== undefined && row.recipient === 'contact@acme.example');
      assert.ok(emails.some((row) => row.body.amount === '1200.00 USD' && row.body.amountDue === '0.00 USD'), JSON.stringify(emails));
      assert.equal((await t.app.db.selectFrom('follow_ups').select('state').where('source_id', '=', proof.id).executeTakeFirstOrThrow()).state, 'done');
      assert.deepEqual(
        (await t.app.db.selectFrom('audit_events').select('action').where('subject_id', '=', proof.id).orderBy('seq').execute()).map((event) => event.action),
        ['payment_proof.submitted', 'payment_proof.accepted'],
      );

      // Decided once: a second verdict is refused and changes nothing.
      await refused(team('POST', `/v1/workspace/payment-proofs/${proof.id}/accept`), 409, 'payment_proof_already_reviewed');
      await refused(team('POST', `/v1/workspace/payment-proofs/${proof.id}/reject`, { reason: 'Changed my mind' }), 409, 'payment_proof_already_reviewed');
      assert.equal(Number((await invoiceRow(invoiceId)).amount_paid), 120_000);

      // The contact sees the proof accepted on the invoice.
      const portalInvoice = await ok<{ paymentProofs: PortalPaymentProof[]; amountDue: number }>(
        bearer(t.app, await tokenOf(workspaceA.apiKey, acme.contactId))('GET', `/v1/portal/invoices/${invoiceId}`),
      );
      assert.equal(portalInvoice.amountDue, 0);
      assert.deepEqual(portalInvoice.paymentProofs.map((item) => [item.id, item.status]), [[proof.id, 'accepted']]);
    });

    test('flags are fixed at submission: more than the amount due, a reference already used (trimmed, any case)', async () => {
      const invoiceId = await issued(acme.customerId);
      const reference = `REF-${randomBytes(3).toString('hex').toUpperCase()}`;
      const first = await submit(invoiceId, { amount: '50000', reference });
      const over = await submit(invoiceId, { amount: '120001', reference: `  ${reference.toLowerCase()}  ` });
      assert.equal(over.reference, reference.toLowerCase(), 'stored trimmed');
      const firstSeen = await ok<PaymentProofDetail>(team('GET', `/v1/workspace/payment-proofs/${first.id}`));
      const overSeen = await ok<PaymentProofDetail>(team('GET', `/v1/workspace/payment-proofs/${over.id}`));
      assert.deepEqual(firstSeen.flags, { exceedsAmountDue: false, referenceAlreadyUsed: false });
      assert.deepEqual(overSeen.flags, { exceedsAmountDue: true, referenceAlreadyUsed: true });

      // A reference the team used on a recorded payment counts too; the flags never change after.
      const other = await issued(globex.customerId);
      await ok(team('POST', `/v1/workspace/invoices/${other}/payments`, { amount: 100, paidOn: '2026-11-02', method: 'cash', reference: 'CASH-77' }), 201);
      const third = await submit(invoiceId, { amount: '100', reference: 'cash-77' });
      assert.deepEqual((await ok<PaymentProofDetail>(team('GET', `/v1/workspace/payment-proofs/${third.id}`))).flags, { exceedsAmountDue: false, referenceAlreadyUsed: true });
      await ok(team('POST', `/v1/workspace/payment-proofs/${first.id}/accept`));
      assert.deepEqual((await ok<PaymentProofDetail>(team('GET', `/v1/workspace/payment-proofs/${first.id}`))).flags, firstSeen.flags);
    });

    test('a rejected proof shows the contact the reason, emails it, and leaves the invoice as it was', async () => {
      const invoiceId = await issued(acme.customerId);
      const proof = await submit(invoiceId, { amount: '60000' });
      await refused(team('POST', `/v1/workspace/payment-proofs/${proof.id}/reject`, { reason: '   ' }), 422, 'reject_reason_required');
      await refused(team('POST', `/v1/workspace/payment-proofs/${proof.id}/reject`, { reason: 'x'.repeat(1001) }), 422, 'reject_reason_too_long');
      const reason = 'We have no transfer with this reference; please check the account number.';
      const rejected = await ok<PaymentProof>(team('POST', `/v1/workspace/payment-proofs/${proof.id}/reject`, { reason: `  ${reason} ` }));
      assert.equal(rejected.status, 'rejected');
      assert.equal(rejected.rejectReason, reason);
      assert.equal(rejected.paymentId, null);
      assert.equal(Number((await invoiceRow(invoiceId)).amount_paid), 0);
      assert.equal((await ok<IntakeItem>(team('GET', `/v1/workspace/intake/${rejected.intakeId}`))).rejectReason, reason);
      const seen = await ok<{ paymentProofs: PortalPaymentProof[] }>(bearer(t.app, await tokenOf(workspaceA.apiKey, acme.contactId))('GET', `/v1/portal/invoices/${invoiceId}`));
      assert.deepEqual(seen.paymentProofs.map((item) => [item.id, item.status, item.rejectReason]), [[proof.id, 'rejected', reason]]);
      const email = (await outbox('payment_proof.rejected')).find((row) => row.channel === 'email' && row.body.reason === reason);
      assert.ok(email, 'the contact is emailed the reason');
      assert.equal(email.recipient, 'contact@acme.example');
      assert.equal((await webhooksAbout('payment_proof.rejected', 'paymentProofId', proof.id)).length, 1);
      assert.equal((await webhooksAbout('invoice.paid', 'invoiceId', invoiceId)).length, 0);
    });

    test('only owners, managers and finance reviewers review payment proof: a team lead gets 403 here and through the intake queue', async () => {
      const invoiceId = await issued(acme.customerId);
      const proof = await submit(invoiceId, { amount: '1000' });
      const teamLead = await addMember(t.app, workspaceA.workspaceId, 'team_lead');
      const finance = await addMember(t.app, workspaceA.workspaceId, 'finance_reviewer');
      await refused(teamLead('GET', `/v1/workspace/payment-proofs/${proof.id}`), 403, 'forbidden');
      await refused(teamLead('POST', `/v1/workspace/payment-proofs/${proof.id}/accept`), 403, 'forbidden');
      await refused(teamLead('POST', `/v1/workspace/payment-proofs/${proof.id}/reject`, { reason: 'No' }), 403, 'forbidden');
      const { intakeId } = await ok<PaymentProof>(team('GET', `/v1/workspace/payment-proofs/${proof.id}`));
      // A team lead reviews request files in the intake queue, but not a payment proof's.
      await ok(teamLead('GET', `/v1/workspace/intake/${intakeId}`));
      await refused(teamLead('POST', `/v1/workspace/intake/${intakeId}/accept`, {}), 403, 'forbidden', 'intake accept');
      await refused(teamLead('POST', `/v1/workspace/intake/${intakeId}/reject`, { reason: 'No' }), 403, 'forbidden', 'intake reject');
      assert.equal((await ok<PaymentProof>(team('GET', `/v1/workspace/payment-proofs/${proof.id}`))).status, 'under_review');
      assert.equal(Number((await invoiceRow(invoiceId)).amount_paid), 0);

      // A read-only key reads without a link and cannot decide.
      const manager = await addMember(t.app, workspaceA.workspaceId, 'manager');
      const readOnly = await ok<{ secret: string }>(manager('POST', '/v1/workspace/api-keys', { name: 'reader', scope: 'read_only' }), 201);
      const reader = bearer(t.app, readOnly.secret);
      assert.equal((await ok<PaymentProofDetail>(reader('GET', `/v1/workspace/payment-proofs/${proof.id}`))).downloadLink, null);
      await refused(reader('POST', `/v1/workspace/payment-proofs/${proof.id}/accept`), 403, 'forbidden');

      // The finance reviewer accepts it through the intake queue: the same review.
      await refused(finance('POST', `/v1/workspace/intake/${intakeId}/accept`, { publishToProjectId: newId('prj') }), 422, 'publish_not_supported');
      const intake = await ok<IntakeItem>(finance('POST', `/v1/workspace/intake/${intakeId}/accept`, {}));
      assert.equal(intake.status, 'accepted');
      const decided = await ok<PaymentProof>(team('GET', `/v1/workspace/payment-proofs/${proof.id}`));
      assert.equal(decided.status, 'accepted');
      assert.equal(decided.reviewedBy?.type, 'member');
      assert.equal(Number((await invoiceRow(invoiceId)).amount_paid), 1_000);
      await refused(finance('POST', `/v1/workspace/intake/${intakeId}/reject`, { reason: 'late' }), 409, 'payment_proof_already_reviewed');

      // Rejecting through the intake queue rejects the proof, with the reason the contact sees.
      const second = await submit(invoiceId, { amount: '2000' });
      const secondIntake = (await ok<PaymentProof>(team('GET', `/v1/workspace/payment-proofs/${second.id}`))).intakeId;
      await ok(finance('POST', `/v1/workspace/intake/${secondIntake}/reject`, { reason: 'Wrong invoice' }));
      const after = await ok<PaymentProof>(team('GET', `/v1/workspace/payment-proofs/${second.id}`));
      assert.deepEqual([after.status, after.rejectReason], ['rejected', 'Wrong invoice']);
    });

    test('30 concurrent accepts of one proof record one payment', async () => {
      const invoiceId = await issued(acme.customerId);
      const proof = await submit(invoiceId, { amount: '120000' });
      const answers = await Promise.all(Array.from({ length: 30 }, () => team('POST', `/v1/workspace/payment-proofs/${proof.id}/accept`)));
      assert.equal(answers.filter((answer) => answer.statusCode === 200).length, 1, answers.map((answer) => answer.statusCode).join(','));
      for (const answer of answers.filter((each) => each.statusCode !== 200)) await refused(Promise.resolve(answer), 409, 'payment_proof_already_reviewed');
      assert.equal((await t.app.db.selectFrom('payments').select('id').where('payment_proof_id', '=', proof.id).execute()).length, 1);
      assert.equal(Number((await invoiceRow(invoiceId)).amount_paid), 120_000);
      assert.equal((await webhooksAbout('invoice.paid', 'invoiceId', invoiceId)).length, 1);
      assert.equal((await webhooksAbout('payment_proof.accepted', 'paymentProofId', proof.id)).length, 1);
    });

    test('Idempotency-Key: a retry answers the first proof and keeps one file; another body with the key is 409', async () => {
      const invoiceId = await issued(acme.customerId);
      const token = await tokenOf(workspaceA.apiKey, acme.contactId);
      const parts = [...fieldParts({ amount: '7000', reference: 'IDEM-1' }), filePart()];
      const objectsBefore = (await filesUnder(storeRoot)).length;
      const headers = { 'idempotency-key': `key-${randomBytes(4).toString('hex')}` };
      const answers = await Promise.all(Array.from({ length: 8 }, () => submitRaw(token, invoiceId, parts, headers)));
      for (const answer of answers) assert.equal(answer.statusCode, 201, answer.body);
      const ids = new Set(answers.map((answer) => answer.json<PortalPaymentProof>().id));
      assert.equal(ids.size, 1, 'one proof');
      assert.equal((await t.app.db.selectFrom('payment_proofs').select('id').where('invoice_id', '=', invoiceId).execute()).length, 1);
      assert.equal((await filesUnder(storeRoot)).length, objectsBefore + 1, 'one stored file');
      const later = await submitRaw(token, invoiceId, parts, headers);
      assert.equal(later.json<PortalPaymentProof>().id, [...ids][0]);
      await refused(submitRaw(token, invoiceId, [...fieldParts({ amount: '7001', reference: 'IDEM-1' }), filePart()], headers), 409, 'idempotency_key_reused');
      await refused(submitRaw(token, invoiceId, parts, { 'idempotency-key': 'bad key with spaces' }), 400, 'idempotency_key_invalid');
      assert.equal((await filesUnder(storeRoot)).length, objectsBefore + 1, 'refused retries keep nothing');
    });

    test('upload abuse and bad fields: refused with nothing kept; not payable, not yours', async () => {
      const invoiceId = await issued(acme.customerId);
      const freshToken = async () => {
        const contact = await ok<{ id: string }>(team('POST', `/v1/workspace/customers/${acme.customerId}/contacts`, { displayName: 'Abuser', email: `abuse-${randomBytes(3).toString('hex')}@acme.example`, role: 'Tester' }), 201);
        return tokenOf(workspaceA.apiKey, contact.id);
      };
      const token = await freshToken();
      const proofRows = async () => (await t.app.db.selectFrom('payment_proofs').select('id').execute()).length;
      const intakeRows = async () => (await t.app.db.selectFrom('intake_items').select('id').execute()).length;
      const [proofsBefore, intakeBefore, objectsBefore] = [await proofRows(), await intakeRows(), (await filesUnder(storeRoot)).length];
      const cases: [what: string, parts: Part[], status: number, code: string][] = [
        ['one byte over the limit', [...fieldParts({}), filePart(pdfOfSize(MAX_UPLOAD_BYTES + 1), 'big.pdf')], 413, 'file_too_large'],
        ['zero bytes', [...fieldParts({}), filePart(Buffer.alloc(0))], 400, 'empty_file'],
        ['a PNG that says it is a PDF', [...fieldParts({}), filePart(samples.png())], 415, 'file_type_mismatch'],
        ['an executable named .pdf', [...fieldParts({}), filePart(samples.exe())], 415, 'file_type_not_allowed'],
        ['HTML', [...fieldParts({}), filePart(samples.html(), 'page.html', 'text/html')], 415, 'file_type_not_allowed'],
        ['SVG', [...fieldParts({}), filePart(samples.svg(), 'logo.svg', 'image/svg+xml')], 415, 'file_type_not_allowed'],
        ['an unknown field', [{ name: 'note', data: 'hi' }, ...fieldParts({}), filePart()], 400, 'unknown_field'],
        ['a fifth field', [...fieldParts({}), { name: 'note', data: 'hi' }, filePart()], 400, 'too_many_fields'],
        ['a field sent twice', [...fieldParts({}).filter((part) => part.name !== 'reference'), { name: 'amount', data: '1' }, filePart()], 400, 'duplicate_field'],
        ['no file', fieldParts({}), 400, 'file_required'],
        ['no amount', [...fieldParts({}).filter((part) => part.name !== 'amount'), filePart()], 400, 'field_required'],
        ['a decimal amount', [...fieldParts({ amount: '12.50' }), filePart()], 422, 'invalid_amount'],
        ['a zero amount', [...fieldParts({ amount: '0' }), filePart()], 422, 'invalid_amount'],
        ['a negative amount', [...fieldParts({ amount: '-5' }), filePart()], 422, 'invalid_amount'],
        ['a huge amount', [...fieldParts({ amount: '9'.repeat(16) }), filePart()], 422, 'invalid_amount'],
        ['a day that does not exist', [...fieldParts({ paidOn: '2026-02-30' }), filePart()], 422, 'invalid_paid_on'],
        ['a future day', [...fieldParts({ paidOn: '2099-01-01' }), filePart()], 422, 'invalid_paid_on'],
        ['an unknown method', [...fieldParts({ method: 'crypto' }), filePart()], 422, 'invalid_method'],
        ['an empty reference', [...fieldParts({ reference: '   ' }), filePart()], 422, 'reference_required'],
        ['a long reference', [...fieldParts({ reference: 'r'.repeat(101) }), filePart()], 422, 'reference_too_long'],
        ['a NUL in the reference', [...fieldParts({ reference: 'TRX\u0000-1' }), filePart()], 422, 'reference_invalid'],
      ];
      // Every attempt counts against the contact's upload limit (20 in 10 minutes, shared with request files).
      for (const [index, [what, parts, status, code]] of cases.entries()) await refused(submitRaw(index < 15 ? token : await freshToken(), invoiceId, parts), status, code, what);
      for (let i = 15; i < 20; i++) await refused(submitRaw(token, invoiceId, [...fieldParts({ amount: 'x' }), filePart()]), 422, 'invalid_amount');
      const limited = await submitRaw(token, invoiceId, [...fieldParts({}), filePart()]);
      await refused(Promise.resolve(limited), 429, 'rate_limited', 'the 21st upload');
      assert.ok(Number(limited.headers['retry-after']) >= 1);
      const other = await freshToken();
      await refused(bearer(t.app, other)('POST', `/v1/portal/invoices/${invoiceId}/payment-proofs`, { amount: '1' }), 415, 'multipart_required');
      assert.equal(await proofRows(), proofsBefore, 'no proof');
      assert.equal(await intakeRows(), intakeBefore, 'no intake row');
      assert.equal((await filesUnder(storeRoot)).length, objectsBefore, 'no stored object');
      assert.deepEqual(await filesUnder(tempDir), [], 'no temp file');

      // A draft or void invoice is not payable; another customer's or workspace's is not there.
      const draft = await ok<{ id: string }>(team('POST', '/v1/workspace/invoices', { customerId: acme.customerId, currency: 'USD', issueDate: '2026-11-01', dueDate: '2099-12-31', lines: [{ description: 'x', quantity: '1', unitAmount: 100 }] }), 201);
      await refused(submitRaw(other, draft.id, [...fieldParts({}), filePart()]), 409, 'invoice_not_payable', 'draft');
      const voided = await issued(acme.customerId);
      await ok(team('POST', `/v1/workspace/invoices/${voided}/void`, { reason: 'Issued in error' }));
      await refused(submitRaw(other, voided, [...fieldParts({}), filePart()]), 409, 'invoice_not_payable', 'void');
      const globexToken = await tokenOf(workspaceA.apiKey, globex.contactId);
      const initechToken = await tokenOf(workspaceB.apiKey, initech.contactId);
      await refused(submitRaw(globexToken, invoiceId, [...fieldParts({}), filePart()]), 404, 'not_found', 'another customer');
      await refused(submitRaw(initechToken, invoiceId, [...fieldParts({}), filePart()]), 404, 'not_found', 'another workspace');
      assert.equal(await proofRows(), proofsBefore);
      assert.equal((await filesUnder(storeRoot)).length, objectsBefore);

      // Another workspace never reads or decides the proof.
      const proof = await submit(invoiceId, { amount: '100' });
      await refused(teamB('GET', `/v1/workspace/payment-proofs/${proof.id}`), 404, 'not_found');
      await refused(teamB('POST', `/v1/workspace/payment-proofs/${proof.id}/accept`), 404, 'not_found');
      assert.ok(!(await ok<Page<PaymentProof>>(teamB('GET', '/v1/workspace/payment-proofs?limit=100'))).items.some((item) => item.id === proof.id));
      // Accepting a proof of an invoice voided since is refused, and nothing moves.
      await ok(team('POST', `/v1/workspace/invoices/${invoiceId}/void`, { reason: 'Replaced' }));
      await refused(team('POST', `/v1/workspace/payment-proofs/${proof.id}/accept`), 409, 'invoice_not_payable');
      assert.equal((await ok<PaymentProof>(team('GET', `/v1/workspace/payment-proofs/${proof.id}`))).status, 'under_review');
    });
  });
}

test('the payment proof emails say what happened, with the reason when rejected, escaped in HTML', () => {
  const base = { workspaceId: 'ws_x', workspaceName: 'Northwind <Studio>', contactName: 'Ada', invoiceNumber: 'INV-0007', amount: '1200.00 USD', paidOn: '2026-11-20', reference: 'TRX-1', amountDue: '0.00 USD' };
  const accepted = renderEmail({ template: 'payment_proof.accepted', ...base, reason: null } satisfies EmailNotification, { to: 'ada@acme.example', publicUrl: 'https://portal.example' });
  assert.match(accepted.subject, /confirmed your payment of \$1,200\.00 for INV-0007/);
  assert.match(accepted.text, /amount now due is \$0\.00/);
  const rejected = renderEmail({ template: 'payment_proof.rejected', ...base, amountDue: '1200.00 USD', reason: 'Wrong <account>' } satisfies EmailNotification, { to: 'ada@acme.example', publicUrl: 'https://portal.example' });
  assert.match(rejected.text, /Their reason: Wrong <account>/);
  assert.ok(rejected.html?.includes('Wrong &lt;account&gt;'), rejected.html);
  assert.ok(!rejected.html?.includes('<Studio>'));
});

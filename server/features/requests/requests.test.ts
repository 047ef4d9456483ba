import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Page, Problem } from '../../../sdk/contract/common.js';
import type { DownloadLink, PortalDocument } from '../../../sdk/contract/documents.js';
import type { IntakeItem } from '../../../sdk/contract/intake.js';
import type { Project } from '../../../sdk/contract/projects.js';
import type { InformationRequest, InformationRequestSummary, PortalRequest, PortalRequestCard } from '../../../sdk/contract/requests.js';
import { loadConfig } from '../../config.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { multipart, pdfOfSize, samples, type Part } from '../../test-support/files.js';
import { customerWithContact, signInContact } from '../../test-support/portal.js';
import { joinAs, onboardOwner, startGoogleIssuer, type GoogleIssuer } from '../../test-support/google-issuer.js';
import { startTestS3, type TestS3 } from '../../test-support/s3-server.js';
import { intakeLinksFor } from '../intake/links.js';
import type { MemberSession } from '../../../sdk/contract/members.js';
import { createApiKey } from '../api-keys/repository.js';
import { renderEmail, type EmailNotification } from '../notifications/templates.js';
import { updateSettings } from '../settings/repository.js';
import { UPLOADS_PER_WINDOW } from './upload-limit.js';

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

/** A problem+json answer with this status and code. */
const refused = async (response: Promise<LightMyRequestResponse>, status: number, code: string, what = code): Promise<Problem> => {
  const answer = await response;
  assert.equal(answer.statusCode, status, `${what}: ${answer.body}`);
  assert.match(String(answer.headers['content-type']), /^application\/problem\+json/, what);
  const problem = answer.json<Problem>();
  assert.equal(problem.code, code, `${what}: ${answer.body}`);
  return problem;
};

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await fs.readdir(directory, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

const twoItems = [
  { kind: 'text', prompt: 'What is your VAT number?' },
  { kind: 'file', prompt: 'Your signed NDA' },
] as const;

for (const dialect of testDialects) {
  describe(`information requests and intake (${dialect})`, () => {
    let t: TestApp;
    let workspaceA: { workspaceId: string; apiKey: string };
    let workspaceB: { workspaceId: string; apiKey: string };
    let acme: Awaited<ReturnType<typeof customerWithContact>>;
    let globex: Awaited<ReturnType<typeof customerWithContact>>;
    let initech: Awaited<ReturnType<typeof customerWithContact>>;
    let acmePortal: Caller;
    let globexPortal: Caller;
    let initechPortal: Caller;
    let team: Caller;
    let teamB: Caller;
    let filesDir: string;
    let storeRoot: string;
    let tempDir: string;

    before(async () => {
      filesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'taba-requests-'));
      const files = { ...loadConfig({ TABA_DATA_DIR: filesDir }).files, maxUploadBytes: MAX_UPLOAD_BYTES };
      t = await createTestApp(dialect, { files });
      storeRoot = files.store.kind === 'local' ? files.store.root : '';
      tempDir = files.tempDir;
      workspaceA = await t.newWorkspace('Workspace A');
      workspaceB = await t.newWorkspace('Workspace B');
      acme = await customerWithContact(t.app, workspaceA.apiKey, 'Acme');
      globex = await customerWithContact(t.app, workspaceA.apiKey, 'Globex');
      initech = await customerWithContact(t.app, workspaceB.apiKey, 'Initech');
      acmePortal = bearer(t.app, (await signInContact(t.app, workspaceA.apiKey, acme.contactId)).accessToken);
      globexPortal = bearer(t.app, (await signInContact(t.app, workspaceA.apiKey, globex.contactId)).accessToken);
      initechPortal = bearer(t.app, (await signInContact(t.app, workspaceB.apiKey, initech.contactId)).accessToken);
      team = bearer(t.app, workspaceA.apiKey);
      teamB = bearer(t.app, workspaceB.apiKey);
      // Every request.* event is delivered somewhere, so the outbox shows what was sent.
      for (const caller of [team, teamB]) {
        await ok(caller('POST', '/v1/workspace/webhook-endpoints', { url: 'https://93.184.215.14/hooks', eventTypes: ['request.sent', 'request.item_answered', 'request.item_returned', 'request.completed'] }), 201);
      }
    });
    after(async () => {
      await t.close();
      await fs.rm(filesDir, { recursive: true, force: true });
    });

    const draft = (customerId: string, fields: object = {}, caller = team) =>
      ok<InformationRequest>(caller('POST', '/v1/workspace/requests', { customerId, title: `Request ${randomBytes(3).toString('hex')}`, items: twoItems, ...fields }), 201);
    const sent = async (customerId: string, fields: object = {}, caller = team) => {
      const created = await draft(customerId, fields, caller);
      return ok<InformationRequest>(caller('POST', `/v1/workspace/requests/${created.id}/send`));
    };

    const uploadRaw = (portal: Caller | string, requestId: string, itemId: string, parts: Part[]) => {
      const form = multipart(parts);
      const token = typeof portal === 'string' ? portal : undefined;
      return t.app.inject({
        method: 'POST',
        url: `/v1/portal/requests/${requestId}/items/${itemId}/file`,
        payload: form.body,
        headers: { 'content-type': form.contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
    };
    let acmeToken: string;
    const tokenOf = async (apiKey: string, contactId: string) => (await signInContact(t.app, apiKey, contactId)).accessToken;
    const upload = async (requestId: string, itemId: string, file: { name: string; data: Buffer; type?: string }, token?: string) => {
      acmeToken ??= await tokenOf(workspaceA.apiKey, acme.contactId);
      const answer = await uploadRaw(token ?? acmeToken, requestId, itemId, [{ name: 'file', filename: file.name, contentType: file.type ?? 'application/octet-stream', data: file.data }]);
      assert.equal(answer.statusCode, 200, answer.body);
      return answer.json<PortalRequest>();
    };

    const outbox = (eventType: string) =>
      t.app.db.selectFrom('outbox_messages').select(['recipient', 'payload', 'channel']).where('workspace_id', '=', workspaceA.workspaceId).where('event_type', '=', eventType).execute();
    const eventsFor = async (eventType: string, requestId: string) =>
      (await outbox(eventType)).filter((row) => row.channel === 'webhook').map((row) => JSON.parse(row.payload) as { data: Record<string, unknown> }).filter((body) => body.data.requestId === requestId);
    const follow = (url: string) => {
      const parsed = new URL(url);
      return t.app.inject({ method: 'GET', url: `${parsed.pathname}${parsed.search}` });
    };
    const pendingIntakeOf = async (itemId: string) => {
      const page = await ok<Page<IntakeItem>>(team('GET', `/v1/workspace/intake?status=pending&customerId=${acme.customerId}&limit=100`));
      const found = page.items.find((item) => item.source.type === 'request_item' && item.source.itemId === itemId);
      assert.ok(found, `a pending intake item for ${itemId}`);
      return found;
    };

    test('a request answered item by item, one item returned and answered again, through to Completed', async () => {
      const project = await ok<Project>(team('POST', '/v1/workspace/projects', { customerId: acme.customerId, name: 'Onboarding' }), 201);
      const created = await draft(acme.customerId, {
        projectId: project.id,
        title: '  Onboarding\n details ',
        message: 'Before we start.',
        items: [
          { kind: 'text', prompt: 'VAT number?' },
          { kind: 'file', prompt: 'Signed NDA' },
          { kind: 'text', prompt: 'Billing contact?' },
        ],
      });
      assert.match(created.number, /^REQ-\d{4}$/);
      assert.equal(created.title, 'Onboarding details', 'a title is one line');
      assert.equal(created.status, 'draft');
      assert.deepEqual(created.items.map((item) => [item.position, item.kind, item.state]), [[1, 'text', 'awaiting_response'], [2, 'file', 'awaiting_response'], [3, 'text', 'awaiting_response']]);
      const [vat, nda, billing] = created.items as [InformationRequest['items'][number], InformationRequest['items'][number], InformationRequest['items'][number]];

      // A draft is the team's only.
      await refused(acmePortal('GET', `/v1/portal/requests/${created.id}`), 404, 'not_found');
      assert.ok(!(await ok<Page<PortalRequestCard>>(acmePortal('GET', '/v1/portal/requests?limit=100'))).items.some((card) => card.id === created.id));
      await refused(acmePortal('POST', `/v1/portal/requests/${created.id}/items/${vat.id}/answer`, { text: 'early' }), 404, 'not_found');

      const sentRequest = await ok<InformationRequest>(team('POST', `/v1/workspace/requests/${created.id}/send`));
      assert.equal(sentRequest.status, 'sent');
      assert.ok(sentRequest.sentAt);
      await refused(team('POST', `/v1/workspace/requests/${created.id}/send`), 409, 'request_not_draft');
      const sentEmails = (await outbox('request.sent')).filter((row) => row.channel === 'email' && (JSON.parse(row.payload) as { requestNumber: string }).requestNumber === created.number);
      assert.deepEqual(sentEmails.map((row) => row.recipient), ['contact@acme.example']);
      assert.equal((await eventsFor('request.sent', created.id)).length, 1);

      const card = (await ok<Page<PortalRequestCard>>(acmePortal('GET', '/v1/portal/requests?tab=open&limit=100'))).items.find((item) => item.id === created.id);
      assert.deepEqual(card, { id: created.id, number: created.number, title: 'Onboarding details', status: 'sent', projectId: project.id, projectName: 'Onboarding', itemCount: 3, acceptedCount: 0, sentAt: sentRequest.sentAt });
      // Another customer of the same workspace sees none of it.
      await refused(globexPortal('GET', `/v1/portal/requests/${created.id}`), 404, 'not_found');

      // Item 1: answered, the request is in progress, the team has one follow-up.
      let seen = await ok<PortalRequest>(acmePortal('POST', `/v1/portal/requests/${created.id}/items/${vat.id}/answer`, { text: '  GB123456789 ' }));
      assert.equal(seen.status, 'in_progress');
      assert.deepEqual(seen.items[0], { id: vat.id, position: 1, kind: 'text', prompt: 'VAT number?', state: 'under_review', returnReason: null, answer: { text: 'GB123456789', file: null, answeredAt: seen.items[0]!.answer!.answeredAt } });

      // Item 2: a file, into quarantine: the contact sees its name, size and type, never a link.
      const ndaBytes = pdfOfSize(3_000);
      seen = await upload(created.id, nda.id, { name: 'NDA signed.pdf', data: ndaBytes, type: 'application/pdf' });
      assert.deepEqual(seen.items[1]!.answer?.file, { name: 'NDA signed.pdf', size: 3_000, contentType: 'application/pdf' });
      assert.equal(seen.items[1]!.state, 'under_review');
      const firstNda = await pendingIntakeOf(nda.id);
      assert.deepEqual(firstNda.file, { name: 'NDA signed.pdf', size: 3_000, contentType: 'application/pdf', sha256: sha256(ndaBytes) });
      assert.equal(firstNda.contactId, acme.contactId);

      // Item 3: answered, then returned with a reason, then answered again.
      await ok(acmePortal('POST', `/v1/portal/requests/${created.id}/items/${billing.id}/answer`, { text: 'accounts@acme' }));
      let teamView = await ok<InformationRequest>(team('POST', `/v1/workspace/requests/${created.id}/items/${vat.id}/accept`));
      assert.equal(teamView.acceptedCount, 1);
      assert.equal(teamView.items[0]!.reviewedBy?.type, 'api_key');
      teamView = await ok<InformationRequest>(team('POST', `/v1/workspace/requests/${created.id}/items/${billing.id}/return`, { reason: ' Please give a full email address. ' }));
      assert.equal(teamView.items[2]!.state, 'returned');
      seen = await ok<PortalRequest>(acmePortal('GET', `/v1/portal/requests/${created.id}`));
      assert.deepEqual([seen.items[2]!.state, seen.items[2]!.returnReason], ['returned', 'Please give a full email address.']);
      assert.equal(seen.acceptedCount, 1);
      const returnedEmail = (await outbox('request.item_returned')).find((row) => row.channel === 'email' && (JSON.parse(row.payload) as { requestNumber: string }).requestNumber === created.number);
      assert.equal(returnedEmail?.recipient, 'contact@acme.example');
      assert.equal((JSON.parse(returnedEmail!.payload) as { reason: string }).reason, 'Please give a full email address.');
      assert.deepEqual((await eventsFor('request.item_returned', created.id)).map((event) => [event.data.itemId, event.data.reason]), [[billing.id, 'Please give a full email address.']]);
      // Returned or accepted, reviewed items cannot be reviewed again.
      await refused(team('POST', `/v1/workspace/requests/${created.id}/items/${billing.id}/accept`), 409, 'item_not_under_review');
      await refused(team('POST', `/v1/workspace/requests/${created.id}/items/${vat.id}/return`, { reason: 'x' }), 409, 'item_already_accepted');
      await refused(acmePortal('POST', `/v1/portal/requests/${created.id}/items/${vat.id}/answer`, { text: 'changed my mind' }), 409, 'item_already_accepted');
      seen = await ok<PortalRequest>(acmePortal('POST', `/v1/portal/requests/${created.id}/items/${billing.id}/answer`, { text: 'accounts@acme.example' }));
      assert.deepEqual([seen.items[2]!.state, seen.items[2]!.returnReason, seen.items[2]!.answer?.text], ['under_review', null, 'accounts@acme.example']);

      // The file is rejected in the intake queue: the item comes back with the reason; a new file replaces it.
      const rejected = await ok<IntakeItem>(team('POST', `/v1/workspace/intake/${firstNda.id}/reject`, { reason: 'Unsigned copy; please sign page 2.' }));
      assert.deepEqual([rejected.status, rejected.rejectReason, rejected.reviewedBy?.type], ['rejected', 'Unsigned copy; please sign page 2.', 'api_key']);
      seen = await ok<PortalRequest>(acmePortal('GET', `/v1/portal/requests/${created.id}`));
      assert.deepEqual([seen.items[1]!.state, seen.items[1]!.returnReason], ['returned', 'Unsigned copy; please sign page 2.']);
      await refused(team('POST', `/v1/workspace/intake/${firstNda.id}/accept`, {}), 409, 'intake_already_reviewed');
      const signedBytes = pdfOfSize(4_000);
      await upload(created.id, nda.id, { name: 'NDA signed v2.pdf', data: signedBytes, type: 'application/pdf' });
      const secondNda = await pendingIntakeOf(nda.id);
      assert.notEqual(secondNda.id, firstNda.id);
      const accepted = await ok<IntakeItem>(team('POST', `/v1/workspace/intake/${secondNda.id}/accept`, { publishToProjectId: project.id }));
      assert.equal(accepted.status, 'accepted');
      assert.ok(accepted.publishedDocumentId);
      // Published as a shared document of the project: now, and only now, the customer can download it.
      const documents = await ok<Page<PortalDocument>>(acmePortal('GET', `/v1/portal/documents?projectId=${project.id}`));
      assert.deepEqual(documents.items.map((document) => [document.id, document.name, document.size]), [[accepted.publishedDocumentId, 'NDA signed v2.pdf', 4_000]]);
      const documentLink = await ok<DownloadLink>(acmePortal('POST', `/v1/portal/documents/${accepted.publishedDocumentId}/download-link`));
      assert.equal(sha256((await follow(documentLink.url)).rawPayload), sha256(signedBytes));

      // The last item accepted completes the request.
      teamView = await ok<InformationRequest>(team('POST', `/v1/workspace/requests/${created.id}/items/${billing.id}/accept`));
      assert.deepEqual([teamView.status, teamView.acceptedCount, teamView.itemCount], ['completed', 3, 3]);
      assert.ok(teamView.completedAt);
      assert.equal((await eventsFor('request.completed', created.id)).length, 1);
      const open = await ok<Page<PortalRequestCard>>(acmePortal('GET', '/v1/portal/requests?limit=100'));
      const done = await ok<Page<PortalRequestCard>>(acmePortal('GET', '/v1/portal/requests?tab=completed&limit=100'));
      assert.ok(!open.items.some((item) => item.id === created.id));
      assert.deepEqual(done.items.filter((item) => item.id === created.id).map((item) => [item.status, item.acceptedCount]), [['completed', 3]]);
      await refused(acmePortal('POST', `/v1/portal/requests/${created.id}/items/${billing.id}/answer`, { text: 'more' }), 409, 'request_closed');
      await refused(team('POST', `/v1/workspace/requests/${created.id}/cancel`), 409, 'request_closed');

      // Every answer made one webhook and one audit event; the team has one follow-up for the request.
      assert.equal((await eventsFor('request.item_answered', created.id)).length, 5);
      const audit = await t.app.db.selectFrom('audit_events').select(['action', 'actor_type']).where('subject_id', '=', created.id).orderBy('seq').execute();
      assert.deepEqual(
        audit.map((event) => event.action),
        [
          'request.created',
          'request.sent',
          'request.item_answered',
          'request.item_answered',
          'request.item_answered',
          'request.item_accepted',
          'request.item_returned',
          'request.item_answered',
          'request.item_returned',
          'request.item_answered',
          'request.item_accepted',
          'request.item_accepted',
          'request.completed',
        ],
      );
      assert.deepEqual(audit.filter((event) => event.action === 'request.item_answered').map((event) => event.actor_type), Array(5).fill('contact'));
      const followUps = await t.app.db.selectFrom('follow_ups').select(['kind', 'state', 'contact_id']).where('source_id', '=', created.id).execute();
      assert.deepEqual(followUps, [{ kind: 'request.item_answered', state: 'open', contact_id: acme.contactId }]);

      // Who reviewed is the team's: the contact's view never names it.
      const portalBody = (await acmePortal('GET', `/v1/portal/requests/${created.id}`)).body;
      for (const hidden of ['reviewed', 'api_key', 'intake', 'itk_', 'sha256', firstNda.id, secondNda.id, workspaceA.workspaceId]) assert.ok(!portalBody.includes(hidden), `${hidden} must not reach the portal`);
    });

    test('sending needs a portal contact; drafts can be edited, sent ones not; a cancelled request is read-only', async () => {
      const lonely = await ok<{ id: string }>(team('POST', '/v1/workspace/customers', { name: 'No contacts' }), 201);
      const orphan = await draft(lonely.id);
      await refused(team('POST', `/v1/workspace/requests/${orphan.id}/send`), 409, 'no_portal_contact');
      assert.equal((await ok<InformationRequest>(team('GET', `/v1/workspace/requests/${orphan.id}`))).status, 'draft', 'nothing changed');

      const edited = await ok<InformationRequest>(
        team('PATCH', `/v1/workspace/requests/${orphan.id}`, { title: 'Renamed', items: [{ kind: 'file', prompt: 'Only a file now' }] }),
      );
      assert.deepEqual([edited.title, edited.itemCount, edited.items.map((item) => [item.position, item.kind, item.prompt])], ['Renamed', 1, [[1, 'file', 'Only a file now']]]);
      const otherProject = await ok<Project>(team('POST', '/v1/workspace/projects', { customerId: globex.customerId, name: 'Globex project' }), 201);
      await refused(team('PATCH', `/v1/workspace/requests/${orphan.id}`, { projectId: otherProject.id }), 422, 'project_not_found');

      const request = await sent(acme.customerId);
      await refused(team('PATCH', `/v1/workspace/requests/${request.id}`, { title: 'Too late' }), 409, 'request_not_draft');
      await upload(request.id, request.items[1]!.id, { name: 'scan.png', data: samples.png(), type: 'image/png' });
      const intake = await pendingIntakeOf(request.items[1]!.id);
      const cancelled = await ok<InformationRequest>(team('POST', `/v1/workspace/requests/${request.id}/cancel`));
      assert.equal(cancelled.status, 'cancelled');
      const card = (await ok<Page<PortalRequestCard>>(acmePortal('GET', '/v1/portal/requests?tab=completed&limit=100'))).items.find((item) => item.id === request.id);
      assert.equal(card?.status, 'cancelled');
      await refused(acmePortal('POST', `/v1/portal/requests/${request.id}/items/${request.items[0]!.id}/answer`, { text: 'x' }), 409, 'request_closed');
      await refused(uploadRaw(acmeToken, request.id, request.items[1]!.id, [{ name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: samples.pdf() }]), 409, 'request_closed');
      await refused(team('POST', `/v1/workspace/intake/${intake.id}/accept`, {}), 409, 'request_closed');
      // The file can still be rejected, so the queue does not keep it pending for ever.
      assert.equal((await ok<IntakeItem>(team('POST', `/v1/workspace/intake/${intake.id}/reject`, { reason: 'Request cancelled' }))).status, 'rejected');
    });

    test('20 concurrent creations get 20 consecutive numbers', async () => {
      const workspace = await t.newWorkspace('Numbering');
      const caller = bearer(t.app, workspace.apiKey);
      const customer = await customerWithContact(t.app, workspace.apiKey, 'Numbered');
      const first = await ok<InformationRequest>(caller('POST', '/v1/workspace/requests', { customerId: customer.customerId, title: 'First', items: twoItems }), 201);
      assert.equal(first.number, 'REQ-0001');
      // A refused creation takes no number.
      await refused(caller('POST', '/v1/workspace/requests', { customerId: customer.customerId, title: ' ', items: twoItems }), 422, 'request_title_required');
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => caller('POST', '/v1/workspace/requests', { customerId: customer.customerId, title: `Concurrent ${i}`, items: twoItems })),
      );
      for (const answer of answers) assert.equal(answer.statusCode, 201, answer.body);
      const numbers = answers.map((answer) => answer.json<InformationRequest>().number).sort();
      assert.deepEqual(numbers, Array.from({ length: 20 }, (_, i) => `REQ-${String(i + 2).padStart(4, '0')}`));
      // Numbers are per workspace.
      assert.equal((await draft(initech.customerId, {}, teamB)).number.startsWith('REQ-'), true);
      const listed = await ok<Page<InformationRequestSummary>>(caller('GET', '/v1/workspace/requests?limit=100'));
      assert.equal(listed.items.length, 21);
    });

    test('20 concurrent identical answers with one Idempotency-Key make one answer', async () => {
      const request = await sent(acme.customerId);
      const itemId = request.items[0]!.id;
      const url = `/v1/portal/requests/${request.id}/items/${itemId}/answer`;
      const key = `answer-${randomBytes(6).toString('hex')}`;
      const answers = await Promise.all(Array.from({ length: 20 }, () => acmePortal('POST', url, { text: 'Exactly once' }, { 'idempotency-key': key })));
      for (const answer of answers) assert.equal(answer.statusCode, 200, answer.body);
      assert.equal(new Set(answers.map((answer) => answer.json<PortalRequest>().items[0]!.answer!.answeredAt)).size, 1, 'every retry answers the first result');
      const audit = await t.app.db.selectFrom('audit_events').select('action').where('subject_id', '=', request.id).where('action', '=', 'request.item_answered').execute();
      assert.equal(audit.length, 1);
      assert.equal((await eventsFor('request.item_answered', request.id)).length, 1);
      assert.equal((await t.app.db.selectFrom('follow_ups').select('id').where('source_id', '=', request.id).execute()).length, 1);
      await refused(acmePortal('POST', url, { text: 'Another text' }, { 'idempotency-key': key }), 409, 'idempotency_key_reused');
    });

    test('concurrent verdicts: each item is accepted once, the request completes once, a file is published once', async () => {
      const request = await sent(acme.customerId, {
        items: [
          { kind: 'text', prompt: 'One' },
          { kind: 'text', prompt: 'Two' },
          { kind: 'file', prompt: 'Three' },
        ],
      });
      const [one, two, three] = request.items as [InformationRequest['items'][number], InformationRequest['items'][number], InformationRequest['items'][number]];
      for (const item of [one, two]) await ok(acmePortal('POST', `/v1/portal/requests/${request.id}/items/${item.id}/answer`, { text: `answer ${item.position}` }));
      await upload(request.id, three.id, { name: 'three.pdf', data: samples.pdf(), type: 'application/pdf' });
      const intake = await pendingIntakeOf(three.id);
      const project = await ok<Project>(team('POST', '/v1/workspace/projects', { customerId: acme.customerId, name: 'Race' }), 201);
      const documentsBefore = (await t.app.db.selectFrom('documents').select('id').execute()).length;
      const objectsBefore = (await filesUnder(storeRoot)).length;

      const answers = await Promise.all([
        ...Array.from({ length: 10 }, () => team('POST', `/v1/workspace/requests/${request.id}/items/${one.id}/accept`)),
        ...Array.from({ length: 10 }, () => team('POST', `/v1/workspace/requests/${request.id}/items/${two.id}/accept`)),
        ...Array.from({ length: 10 }, () => team('POST', `/v1/workspace/intake/${intake.id}/accept`, { publishToProjectId: project.id })),
      ]);
      const statuses = answers.map((answer) => answer.statusCode);
      assert.equal(statuses.filter((status) => status === 200).length, 3, `one success per item: ${statuses.join(' ')}`);
      for (const answer of answers.filter((answer) => answer.statusCode !== 200)) {
        assert.equal(answer.statusCode, 409, answer.body);
        assert.ok(['item_already_accepted', 'intake_already_reviewed', 'request_closed'].includes(answer.json<Problem>().code), answer.body);
      }
      const final = await ok<InformationRequest>(team('GET', `/v1/workspace/requests/${request.id}`));
      assert.deepEqual([final.status, final.acceptedCount], ['completed', 3]);
      assert.equal((await eventsFor('request.completed', request.id)).length, 1);
      const audit = await t.app.db.selectFrom('audit_events').select('action').where('subject_id', '=', request.id).where('action', 'in', ['request.item_accepted', 'request.completed']).execute();
      assert.equal(audit.length, 4);
      assert.equal((await t.app.db.selectFrom('documents').select('id').execute()).length, documentsBefore + 1, 'one published document');
      assert.equal((await filesUnder(storeRoot)).length, objectsBefore + 1, 'the copies of the refused accepts were deleted again');
    });

    test('a quarantined file is reachable by nothing but a reviewer’s fresh signed link', async () => {
      const request = await sent(acme.customerId);
      const bytes = Buffer.from('Confidential statement\n');
      const seen = await upload(request.id, request.items[1]!.id, { name: 'statement.txt', data: bytes, type: 'text/plain' });
      const intake = await pendingIntakeOf(request.items[1]!.id);
      const row = await t.app.db.selectFrom('intake_items').select(['storage_key', 'workspace_id']).where('id', '=', intake.id).executeTakeFirstOrThrow();
      assert.ok(row.storage_key.startsWith(`intake-${workspaceA.workspaceId}/file_`), 'under the quarantine prefix');
      assert.ok(!JSON.stringify(seen).includes(intake.id) && !JSON.stringify(seen).includes('file_'), 'the portal answer names neither the intake item nor the stored object');

      // The portal has no way to it: not as a document, not through a document link.
      await refused(acmePortal('POST', `/v1/portal/documents/${intake.id}/download-link`), 404, 'not_found', 'portal document link with an intake id');
      const asDocument = t.app.downloadLinks.signDownload({ workspaceId: workspaceA.workspaceId, documentId: intake.id });
      const viaDocuments = await follow(asDocument.url);
      await refused(Promise.resolve(viaDocuments), 404, 'not_found', 'the documents download route with an intake id');
      assert.ok(!viaDocuments.rawPayload.includes(bytes));
      await refused(team('POST', `/v1/workspace/documents/${intake.id}/download-link`), 404, 'not_found', 'the team’s document link with an intake id');

      // A reviewer's link works, as an attachment that a browser will not render.
      const link = await ok<DownloadLink>(team('POST', `/v1/workspace/intake/${intake.id}/download-link`));
      assert.ok(link.url.startsWith(`${t.config.publicUrl}/v1/intake-downloads/${workspaceA.workspaceId}/${intake.id}?`), link.url);
      const downloaded = await follow(link.url);
      assert.equal(downloaded.statusCode, 200);
      assert.deepEqual(downloaded.rawPayload, bytes);
      assert.match(String(downloaded.headers['content-disposition']), /^attachment;/);
      assert.equal(downloaded.headers['x-content-type-options'], 'nosniff');
      assert.match(String(downloaded.headers['content-security-policy']), /sandbox/);
      const created = await t.app.db.selectFrom('audit_events').select('action').where('subject_id', '=', intake.id).execute();
      assert.deepEqual(created.map((event) => event.action), ['intake.download_link_created'], 'who fetched a quarantined file is recorded');

      // Guessed, changed, crossed or expired links: an error and not one byte.
      const expectNoBytes = async (url: string, status: number, code: string, what: string) => {
        const answer = await t.app.inject({ method: 'GET', url });
        assert.equal(answer.statusCode, status, `${what}: ${answer.body}`);
        assert.equal(answer.json<Problem>().code, code, what);
        assert.ok(!answer.rawPayload.includes(bytes), `${what}: no bytes`);
        assert.equal(answer.headers['content-disposition'], undefined, what);
      };
      const parsed = new URL(link.url);
      const pathAndQuery = `${parsed.pathname}${parsed.search}`;
      await expectNoBytes(pathAndQuery.replace('/v1/intake-downloads/', '/v1/downloads/'), 403, 'download_link_invalid', 'an intake link turned into a document link');
      await expectNoBytes(new URL(asDocument.url).pathname.replace('/v1/downloads/', '/v1/intake-downloads/') + new URL(asDocument.url).search, 403, 'download_link_invalid', 'a document link turned into an intake link');
      await expectNoBytes(pathAndQuery.replace(/sig=[^&]+/, 'sig=AAAA'), 403, 'download_link_invalid', 'a guessed signature');
      await expectNoBytes(pathAndQuery.replace(workspaceA.workspaceId, workspaceB.workspaceId), 403, 'download_link_invalid', 'another workspace in the same link');
      const links = await intakeLinksFor(t.app.db, t.config);
      const crossed = new URL(links.sign({ workspaceId: workspaceB.workspaceId, intakeId: intake.id }).url);
      await expectNoBytes(`${crossed.pathname}${crossed.search}`, 404, 'not_found', 'a link signed for another workspace');
      const shortLived = new URL(links.sign({ workspaceId: workspaceA.workspaceId, intakeId: intake.id, expiresInSeconds: 1 }).url);
      assert.equal((await t.app.inject({ method: 'GET', url: `${shortLived.pathname}${shortLived.search}` })).statusCode, 200);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await expectNoBytes(`${shortLived.pathname}${shortLived.search}`, 410, 'download_link_expired', 'an expired link');
      await expectNoBytes(`/v1/intake-downloads/${workspaceA.workspaceId}/${intake.id}`, 400, 'validation_failed', 'no signature at all');

      // Another workspace cannot ask for a link; a read-only key may list but not download.
      await refused(teamB('POST', `/v1/workspace/intake/${intake.id}/download-link`), 404, 'not_found');
      await refused(teamB('GET', `/v1/workspace/intake/${intake.id}`), 404, 'not_found');
      const readOnly = await ok<{ secret: string }>(t.app.inject({
        method: 'POST',
        url: '/v1/workspace/api-keys',
        payload: { name: 'read only', scope: 'read_only' },
        headers: { authorization: `Bearer ${await ownerToken()}` },
      }), 201);
      const reader = bearer(t.app, readOnly.secret);
      await ok(reader('GET', `/v1/workspace/intake/${intake.id}`));
      await refused(reader('POST', `/v1/workspace/intake/${intake.id}/download-link`), 403, 'forbidden');
    });

    /** The workspace's owner, signed in: API keys are made by members. */
    const ownerToken = async () => {
      const { openMemberSession } = await import('../members/sessions.js');
      const { newId } = await import('../../lib/ids.js');
      const personId = newId('per');
      const memberId = newId('mem');
      const at = new Date().toISOString();
      await t.app.db.insertInto('people').values({ id: personId, google_sub: `g-${personId}`, email: `${personId}@a.example`, name: 'Owner', created_at: at }).execute();
      await t.app.db.insertInto('members').values({ id: memberId, workspace_id: workspaceA.workspaceId, person_id: personId, email: `${personId}@a.example`, role: 'owner', status: 'active', invited_by: null, created_at: at, joined_at: at }).execute();
      const session = await openMemberSession(t.app.db, { id: memberId, workspace_id: workspaceA.workspaceId, role: 'owner' });
      return t.app.signMemberAccessToken({ sub: memberId, ws: workspaceA.workspaceId, sid: session.sessionId });
    };

    test('upload abuse on the portal route: refused with nothing kept; a path in the name is cut off', async () => {
      const request = await sent(acme.customerId);
      const fileItem = request.items[1]!.id;
      const intakeRows = async () => (await t.app.db.selectFrom('intake_items').select('id').execute()).length;
      const token = await tokenOf(workspaceA.apiKey, (await ok<{ id: string }>(team('POST', `/v1/workspace/customers/${acme.customerId}/contacts`, { displayName: 'Abuser', email: `abuse-${randomBytes(3).toString('hex')}@acme.example`, role: 'Tester' }), 201)).id);
      const rowsBefore = await intakeRows();
      const objectsBefore = (await filesUnder(storeRoot)).length;
      const cases: [what: string, parts: Part[], status: number, code: string][] = [
        ['one byte over the limit', [{ name: 'file', filename: 'big.pdf', contentType: 'application/pdf', data: pdfOfSize(MAX_UPLOAD_BYTES + 1) }], 413, 'file_too_large'],
        ['zero bytes', [{ name: 'file', filename: 'empty.pdf', contentType: 'application/pdf', data: Buffer.alloc(0) }], 400, 'empty_file'],
        ['a PNG that says it is a PDF', [{ name: 'file', filename: 'report.pdf', contentType: 'application/pdf', data: samples.png() }], 415, 'file_type_mismatch'],
        ['an executable named .pdf', [{ name: 'file', filename: 'invoice.pdf', contentType: 'application/pdf', data: samples.exe() }], 415, 'file_type_not_allowed'],
        ['HTML', [{ name: 'file', filename: 'page.html', contentType: 'text/html', data: samples.html() }], 415, 'file_type_not_allowed'],
        ['SVG', [{ name: 'file', filename: 'logo.svg', contentType: 'image/svg+xml', data: samples.svg() }], 415, 'file_type_not_allowed'],
        ['a macro-enabled Word file', [{ name: 'file', filename: 'contract.docx', contentType: 'application/octet-stream', data: samples.docm() }], 415, 'file_type_not_allowed'],
        ['an extra field', [{ name: 'note', data: 'hi' }, { name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: samples.pdf() }], 400, 'unknown_field'],
        ['no file', [], 400, 'file_required'],
      ];
      for (const [what, parts, status, code] of cases) await refused(uploadRaw(token, request.id, fileItem, parts), status, code, what);
      await refused(uploadRaw(token, request.id, request.items[0]!.id, [{ name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: samples.pdf() }]), 422, 'item_kind_mismatch', 'a file for a text item');
      await refused(bearer(t.app, token)('POST', `/v1/portal/requests/${request.id}/items/${fileItem}/file`, { file: 'text' }), 415, 'multipart_required');
      assert.equal(await intakeRows(), rowsBefore, 'no intake row');
      assert.equal((await filesUnder(storeRoot)).length, objectsBefore, 'no stored object');
      assert.deepEqual(await filesUnder(tempDir), [], 'no temp file');

      // A name with a path is cut to its last segment; the key never holds any of it.
      const seen = await upload(request.id, fileItem, { name: '../../../etc/passwd.txt', data: Buffer.from('root:x:0:0\n'), type: 'text/plain' }, token);
      assert.equal(seen.items[1]!.answer?.file?.name, 'passwd.txt');
      const stored = await t.app.db.selectFrom('intake_items').select(['storage_key', 'file_name']).where('source_item_id', '=', fileItem).executeTakeFirstOrThrow();
      assert.equal(stored.file_name, 'passwd.txt');
      assert.match(stored.storage_key, /^intake-ws_[a-z0-9]+\/file_[a-z2-7]{20}$/);
      for (const file of await filesUnder(storeRoot)) assert.ok(path.resolve(file).startsWith(path.resolve(storeRoot)), `${file} stays in the store`);
    });

    test('a contact may upload 20 files in 10 minutes; the next is 429 with Retry-After, counted before the body is read', async () => {
      const request = await sent(acme.customerId);
      const fileItem = request.items[1]!.id;
      const contact = await ok<{ id: string }>(team('POST', `/v1/workspace/customers/${acme.customerId}/contacts`, { displayName: 'Busy', email: `busy-${randomBytes(3).toString('hex')}@acme.example`, role: 'Tester' }), 201);
      const token = await tokenOf(workspaceA.apiKey, contact.id);
      // Refused attempts count too.
      for (let i = 0; i < UPLOADS_PER_WINDOW - 1; i++) await refused(uploadRaw(token, request.id, fileItem, [{ name: 'file', filename: 'e.pdf', contentType: 'application/pdf', data: Buffer.alloc(0) }]), 400, 'empty_file');
      await upload(request.id, fileItem, { name: 'last.pdf', data: samples.pdf(), type: 'application/pdf' }, token);
      const intakeBefore = (await t.app.db.selectFrom('intake_items').select('id').where('source_item_id', '=', fileItem).execute()).length;
      const limited = await uploadRaw(token, request.id, fileItem, [{ name: 'file', filename: 'more.pdf', contentType: 'application/pdf', data: samples.pdf() }]);
      await refused(Promise.resolve(limited), 429, 'rate_limited');
      const retryAfter = Number(limited.headers['retry-after']);
      assert.ok(retryAfter >= 1 && retryAfter <= 600, `Retry-After ${limited.headers['retry-after']}`);
      assert.equal((await t.app.db.selectFrom('intake_items').select('id').where('source_item_id', '=', fileItem).execute()).length, intakeBefore, 'nothing stored');
      // The limit is the contact's: another contact of the same customer still uploads.
      await upload(request.id, fileItem, { name: 'other.pdf', data: samples.pdf(), type: 'application/pdf' });
      // Text answers are not uploads.
      await ok(bearer(t.app, token)('POST', `/v1/portal/requests/${request.id}/items/${request.items[0]!.id}/answer`, { text: 'still fine' }));
    });

    test('another customer’s or workspace’s request or item answers 404; an item of another request too', async () => {
      const acmeRequest = await sent(acme.customerId);
      const otherAcmeRequest = await sent(acme.customerId);
      const initechRequest = await sent(initech.customerId, {}, teamB);
      const [text, file] = acmeRequest.items as [InformationRequest['items'][number], InformationRequest['items'][number]];
      const globexToken = await tokenOf(workspaceA.apiKey, globex.contactId);
      const initechToken = await tokenOf(workspaceB.apiKey, initech.contactId);
      for (const [who, portal, token] of [['a contact of another customer', globexPortal, globexToken], ['a contact of another workspace', initechPortal, initechToken]] as const) {
        await refused(portal('GET', `/v1/portal/requests/${acmeRequest.id}`), 404, 'not_found', who);
        await refused(portal('POST', `/v1/portal/requests/${acmeRequest.id}/items/${text.id}/answer`, { text: 'mine now' }), 404, 'not_found', who);
        await refused(uploadRaw(token, acmeRequest.id, file.id, [{ name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: samples.pdf() }]), 404, 'not_found', who);
        assert.ok(!(await ok<Page<PortalRequestCard>>(portal('GET', '/v1/portal/requests?limit=100'))).items.some((card) => card.id === acmeRequest.id), who);
      }
      await refused(acmePortal('GET', `/v1/portal/requests/${initechRequest.id}`), 404, 'not_found');
      // An item id from another of the contact's own requests.
      await refused(acmePortal('POST', `/v1/portal/requests/${acmeRequest.id}/items/${otherAcmeRequest.items[0]!.id}/answer`, { text: 'crossed' }), 404, 'not_found');
      await refused(team('POST', `/v1/workspace/requests/${acmeRequest.id}/items/${otherAcmeRequest.items[0]!.id}/accept`), 404, 'not_found');
      for (const [method, url] of [
        ['GET', `/v1/workspace/requests/${acmeRequest.id}`],
        ['POST', `/v1/workspace/requests/${acmeRequest.id}/cancel`],
        ['POST', `/v1/workspace/requests/${acmeRequest.id}/items/${text.id}/accept`],
      ] as const) {
        await refused(teamB(method, url), 404, 'not_found', `workspace B: ${url}`);
      }
      assert.ok(!(await ok<Page<InformationRequestSummary>>(teamB('GET', '/v1/workspace/requests?limit=100'))).items.some((item) => item.id === acmeRequest.id));
      await refused(teamB('POST', '/v1/workspace/requests', { customerId: acme.customerId, title: 'Theirs', items: twoItems }), 404, 'not_found', 'a request for another workspace’s customer');
      assert.equal((await ok<PortalRequest>(acmePortal('GET', `/v1/portal/requests/${acmeRequest.id}`))).items[0]!.state, 'awaiting_response', 'nothing changed');
    });

    test('NUL bytes and invalid input answer 400 or 422 problems, and store nothing', async () => {
      const request = await sent(acme.customerId);
      const [text, file] = request.items as [InformationRequest['items'][number], InformationRequest['items'][number]];
      const answerUrl = `/v1/portal/requests/${request.id}/items/${text.id}/answer`;
      await refused(acmePortal('POST', answerUrl, { text: 'Nul\u0000byte' }), 400, 'invalid_characters');
      await refused(acmePortal('POST', answerUrl, { text: '   \n ' }), 422, 'answer_empty');
      await refused(acmePortal('POST', answerUrl, { text: '😀'.repeat(10_001) }), 422, 'answer_too_long');
      await ok(acmePortal('POST', `/v1/portal/requests/${request.id}/items/${text.id}/answer`, { text: '😀'.repeat(10_000) }), 200);
      await refused(acmePortal('POST', `/v1/portal/requests/${request.id}/items/${file.id}/answer`, { text: 'a file item' }), 422, 'item_kind_mismatch');
      await refused(acmePortal('POST', answerUrl, { text: 'x', extra: true }), 400, 'validation_failed');
      await refused(acmePortal('POST', answerUrl, {}), 400, 'validation_failed');
      await refused(acmePortal('GET', `/v1/portal/requests/req_%00x`), 400, 'invalid_characters');
      await refused(acmePortal('GET', '/v1/portal/requests?tab=drafts'), 400, 'validation_failed');
      await refused(acmePortal('GET', '/v1/portal/requests?cursor=nonsense'), 400, 'invalid_cursor');
      await refused(acmePortal('POST', answerUrl, { text: 'x' }, { 'idempotency-key': '' }), 400, 'idempotency_key_invalid');

      const before = (await t.app.db.selectFrom('information_requests').select('id').execute()).length;
      const create = (body: object) => team('POST', '/v1/workspace/requests', { customerId: acme.customerId, title: 'T', items: twoItems, ...body });
      await refused(create({ title: 'A\u0000' }), 400, 'invalid_characters');
      await refused(create({ title: 'x'.repeat(201) }), 422, 'request_title_too_long');
      await refused(create({ message: 'x'.repeat(5_001) }), 422, 'request_message_too_long');
      await refused(create({ items: [] }), 400, 'validation_failed');
      await refused(create({ items: Array.from({ length: 51 }, () => ({ kind: 'text', prompt: 'Q' })) }), 400, 'validation_failed');
      await refused(create({ items: [{ kind: 'text', prompt: ' ' }] }), 422, 'request_prompt_required');
      await refused(create({ items: [{ kind: 'video', prompt: 'Q' }] }), 400, 'validation_failed');
      await refused(create({ projectId: 'prj_doesnotexist' }), 422, 'project_not_found');
      await refused(team('POST', `/v1/workspace/requests/${request.id}/items/${text.id}/return`, { reason: '  ' }), 422, 'return_reason_required');
      await refused(team('POST', `/v1/workspace/intake/itk_nothing/reject`, { reason: 'x'.repeat(1_001) }), 422, 'return_reason_too_long');
      await refused(team('GET', '/v1/workspace/intake?status=lost'), 400, 'validation_failed');
      assert.equal((await t.app.db.selectFrom('information_requests').select('id').execute()).length, before, 'no request stored');
    });
  });
}

for (const dialect of testDialects) {
  describe(`the team's email when a contact answers (${dialect})`, () => {
    let issuer: GoogleIssuer;
    let t: TestApp;
    let workspaceId: string;
    let owner: MemberSession;
    let manager: MemberSession;
    let asOwner: Caller;
    let asManager: Caller;
    let asKey: Caller;
    let contactToken: string;
    let asContact: Caller;
    let customerId: string;
    // HTML-special characters in every name the email shows.
    const contactName = `Zoë "Z" <O'Brien> & Co`;
    const customerName = 'Acme <Tools> & Sons';

    before(async () => {
      issuer = await startGoogleIssuer();
      t = await createTestApp(dialect, { google: issuer.config });
      owner = await onboardOwner(t.app, issuer, 'olga@answers.example', 'Answers Studio');
      workspaceId = owner.workspaceId;
      await updateSettings(t.app.db, workspaceId, { portalEnabled: true });
      manager = await joinAs(t.app, issuer, owner, 'max@answers.example', 'manager');
      asOwner = bearer(t.app, owner.accessToken);
      asManager = bearer(t.app, manager.accessToken);
      const apiKey = (await createApiKey(t.app.db, workspaceId, 'backend')).secret;
      asKey = bearer(t.app, apiKey);
      customerId = (await ok<{ id: string }>(asKey('POST', '/v1/workspace/customers', { name: customerName }), 201)).id;
      const contact = await ok<{ id: string }>(asKey('POST', `/v1/workspace/customers/${customerId}/contacts`, { displayName: contactName, email: 'zoe@acme.example', role: 'Buyer' }), 201);
      contactToken = (await signInContact(t.app, apiKey, contact.id)).accessToken;
      asContact = bearer(t.app, contactToken);
    });
    after(async () => {
      await t.close();
      await issuer.close();
    });

    const longPrompt = 'Please tell us the VAT number of the company that will receive <our> invoices, with its country prefix & format';
    const create = async (creator: Caller, sender: Caller) => {
      const draft = await ok<InformationRequest>(
        creator('POST', '/v1/workspace/requests', {
          customerId,
          title: 'Onboarding <details> & more',
          items: [
            { kind: 'text', prompt: longPrompt },
            { kind: 'text', prompt: 'Billing contact?' },
            { kind: 'file', prompt: 'Signed NDA' },
          ],
        }),
        201,
      );
      return ok<InformationRequest>(sender('POST', `/v1/workspace/requests/${draft.id}/send`));
    };
    const answer = (request: InformationRequest, position: number, text: string, headers?: Record<string, string>) =>
      asContact('POST', `/v1/portal/requests/${request.id}/items/${request.items[position - 1]!.id}/answer`, { text }, headers);
    type Answered = Extract<EmailNotification, { template: 'request.item_answered' }>;
    /** The request.item_answered emails about this request, oldest first, as [recipient, position]. */
    const emailsAbout = async (request: InformationRequest) =>
      (await t.app.db.selectFrom('outbox_messages').select(['recipient', 'payload', 'dedupe_key']).where('workspace_id', '=', workspaceId).where('channel', '=', 'email').where('event_type', '=', 'request.item_answered').orderBy('created_at').execute())
        .map((row) => ({ to: row.recipient ?? '', notification: JSON.parse(row.payload) as Answered, dedupeKey: row.dedupe_key }))
        .filter((email) => email.notification.requestNumber === request.number);
    const recipients = async (request: InformationRequest) => (await emailsAbout(request)).map((email) => `${email.to} #${email.notification.itemPosition}`).sort();
    const assignFollowUp = async (request: InformationRequest, memberId: string | null) => {
      const followUp = await t.app.db.selectFrom('follow_ups').select('id').where('source_id', '=', request.id).where('kind', '=', 'request.item_answered').executeTakeFirstOrThrow();
      await ok(asOwner('PATCH', `/v1/workspace/follow-ups/${followUp.id}`, { assigneeMemberId: memberId }));
    };

    test('each answer emails the member who sent the request and the follow-up’s assignee; a re-answer sends again, a retried key does not', async () => {
      // Max drafts it, Olga sends it: the sender is told, not the author of the draft.
      const request = await create(asManager, asOwner);
      await ok(answer(request, 1, 'GB123456789'));
      const [first, ...others] = await emailsAbout(request);
      assert.equal(others.length, 0, 'one email for one answer');
      assert.equal(first?.to, 'olga@answers.example');
      assert.deepEqual(
        { ...first!.notification },
        {
          template: 'request.item_answered',
          workspaceName: 'Answers Studio',
          memberName: 'olga',
          contactName,
          customerName,
          requestNumber: request.number,
          requestTitle: 'Onboarding <details> & more',
          itemPosition: 1,
          itemPrompt: longPrompt,
          itemKind: 'text',
        },
      );
      assert.ok(!JSON.stringify(first!.notification).includes('GB123456789'), 'the answer itself stays in the workspace');

      // What Olga reads: who answered which item of which request, escaped in HTML, and where to review it.
      const mail = renderEmail(first!.notification, { to: first!.to, publicUrl: 'https://portal.example' });
      assert.equal(mail.subject, `${contactName} answered on ${request.number}: Please tell us the VAT number of the company that will receive <our> invoices,…`, 'the prompt cut to 80 characters');
      assert.match(mail.text, /^Hello olga,/);
      assert.ok(mail.text.includes(`${contactName} (${customerName}) answered item 1, "Please tell us the VAT number`), mail.text);
      assert.ok(mail.text.includes(`of request ${request.number}, "Onboarding <details> & more", in Answers Studio.`), mail.text);
      assert.match(mail.text, /Review it in your workspace/);
      assert.ok(!/https?:\/\//.test(mail.text), 'the team has no web app of this product to link to');
      const html = mail.html ?? '';
      assert.ok(html.includes('Zoë &quot;Z&quot; &lt;O&#39;Brien&gt; &amp; Co') && html.includes('Acme &lt;Tools&gt; &amp; Sons'), html);
      for (const raw of [`<O'Brien>`, '<Tools>', '<details>', '<our>']) assert.ok(!html.includes(raw), `${raw} is escaped`);

      // Max is assigned the follow-up: from now on both are told, of a re-answer too.
      await assignFollowUp(request, manager.memberId);
      await ok(answer(request, 1, 'GB 123 456 789'));
      assert.deepEqual(await recipients(request), ['max@answers.example #1', 'olga@answers.example #1', 'olga@answers.example #1']);

      // 20 concurrent retries of one answer (one Idempotency-Key): one answer, so one email each.
      const key = `answer-${randomBytes(6).toString('hex')}`;
      const retries = await Promise.all(Array.from({ length: 20 }, () => answer(request, 2, 'accounts@acme.example', { 'idempotency-key': key })));
      for (const retry of retries) assert.equal(retry.statusCode, 200, retry.body);
      assert.deepEqual(await recipients(request), ['max@answers.example #1', 'max@answers.example #2', 'olga@answers.example #1', 'olga@answers.example #1', 'olga@answers.example #2']);

      // A file says so.
      const form = multipart([{ name: 'file', filename: 'nda.pdf', contentType: 'application/pdf', data: samples.pdf() }]);
      const uploaded = await t.app.inject({
        method: 'POST',
        url: `/v1/portal/requests/${request.id}/items/${request.items[2]!.id}/file`,
        payload: form.body,
        headers: { 'content-type': form.contentType, authorization: `Bearer ${contactToken}` },
      });
      assert.equal(uploaded.statusCode, 200, uploaded.body);
      const fileEmails = (await emailsAbout(request)).filter((email) => email.notification.itemPosition === 3);
      assert.deepEqual(fileEmails.map((email) => email.to).sort(), ['max@answers.example', 'olga@answers.example']);
      const fileMail = renderEmail(fileEmails[0]!.notification, { to: fileEmails[0]!.to, publicUrl: 'https://portal.example' });
      assert.match(fileMail.subject, /provided a file on REQ-\d{4}: Signed NDA$/);
      assert.match(fileMail.text, /intake queue/);

      // Olga takes the follow-up over: the sender and the assignee are one person, so one email.
      await assignFollowUp(request, owner.memberId);
      await ok(asOwner('POST', `/v1/workspace/requests/${request.id}/items/${request.items[1]!.id}/return`, { reason: 'A person, please.' }));
      await ok(answer(request, 2, 'Ada, ada@acme.example'));
      assert.equal((await emailsAbout(request)).filter((email) => email.notification.itemPosition === 2).length, 3, 'after the return: one more, to Olga');
      assert.equal(new Set((await emailsAbout(request)).map((email) => email.dedupeKey)).size, 8, 'every email its own key: one per answer and member');
    });

    test('a request sent with an API key emails nobody while its follow-up is unassigned; then its assignee', async () => {
      const request = await create(asKey, asKey);
      await ok(answer(request, 1, 'GB123456789'));
      assert.deepEqual(await recipients(request), [], 'the webhook serves backends');
      assert.equal((await t.app.db.selectFrom('follow_ups').select('id').where('source_id', '=', request.id).execute()).length, 1, 'the team still has its follow-up');
      await assignFollowUp(request, manager.memberId);
      await ok(answer(request, 2, 'accounts@acme.example'));
      assert.deepEqual(await recipients(request), ['max@answers.example #2']);
      // A request sent by a member who has left tells only the assignee.
      const byMax = await create(asManager, asManager);
      const removed = await asOwner('DELETE', `/v1/workspace/members/${manager.memberId}`);
      assert.ok([200, 204].includes(removed.statusCode), removed.body);
      await ok(answer(byMax, 1, 'GB123456789'));
      assert.deepEqual(await recipients(byMax), []);
    });
  });
}

describe('intake on an S3 store (local S3 server)', () => {
  let s3: TestS3;
  let t: TestApp;
  let dataDir: string;
  const saved = { ...process.env };

  before(async () => {
    s3 = await startTestS3();
    // The S3 client takes its credentials the SDK's usual way, from the environment.
    Object.assign(process.env, s3.env);
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'taba-intake-s3-'));
    t = await createTestApp('sqlite', { files: loadConfig({ ...s3.env, TABA_DATA_DIR: dataDir }).files });
  });
  after(async () => {
    await t?.close();
    await s3?.close();
    await fs.rm(dataDir, { recursive: true, force: true });
    for (const key of Object.keys(s3?.env ?? {})) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  test('a provided file goes to the bucket under the quarantine prefix, reviewers get a presigned link, publishing copies it', async () => {
    assert.equal(t.app.fileStore.kind, 's3');
    const { workspaceId, apiKey } = await t.newWorkspace('S3 workspace');
    const team = bearer(t.app, apiKey);
    const customer = await customerWithContact(t.app, apiKey, 'Bucket Co');
    const token = (await signInContact(t.app, apiKey, customer.contactId)).accessToken;
    const project = await ok<Project>(team('POST', '/v1/workspace/projects', { customerId: customer.customerId, name: 'In the bucket' }), 201);
    const created = await ok<InformationRequest>(team('POST', '/v1/workspace/requests', { customerId: customer.customerId, title: 'Scans', items: [{ kind: 'file', prompt: 'Your scan' }] }), 201);
    await ok(team('POST', `/v1/workspace/requests/${created.id}/send`));
    const bytes = pdfOfSize(10_000);
    const form = multipart([{ name: 'file', filename: 'scan.pdf', contentType: 'application/pdf', data: bytes }]);
    await ok(t.app.inject({ method: 'POST', url: `/v1/portal/requests/${created.id}/items/${created.items[0]!.id}/file`, payload: form.body, headers: { 'content-type': form.contentType, authorization: `Bearer ${token}` } }));
    const [intake] = (await ok<Page<IntakeItem>>(team('GET', '/v1/workspace/intake'))).items;
    assert.ok(intake);
    const key = (await t.app.db.selectFrom('intake_items').select('storage_key').where('id', '=', intake.id).executeTakeFirstOrThrow()).storage_key;
    assert.ok(key.startsWith(`intake-${workspaceId}/`), key);

    const link = await ok<DownloadLink>(team('POST', `/v1/workspace/intake/${intake.id}/download-link`));
    assert.ok(link.url.startsWith(s3.endpoint), link.url);
    const response = await fetch(link.url);
    assert.equal(response.status, 200);
    assert.equal(sha256(Buffer.from(await response.arrayBuffer())), sha256(bytes));
    assert.match(response.headers.get('content-disposition') ?? '', /^attachment;/);

    const accepted = await ok<IntakeItem>(team('POST', `/v1/workspace/intake/${intake.id}/accept`, { publishToProjectId: project.id, shared: false }));
    const document = await t.app.db.selectFrom('documents').select(['storage_key', 'sha256', 'shared']).where('id', '=', accepted.publishedDocumentId!).executeTakeFirstOrThrow();
    assert.ok(document.storage_key.startsWith(`${workspaceId}/`) && document.storage_key !== key, 'a copy under the workspace’s own prefix');
    assert.deepEqual([document.sha256, document.shared], [sha256(bytes), 0]);
    assert.ok(await t.app.fileStore.head(key), 'the quarantined original stays as the record');
  });
});

test('the request emails say what happened in text and escaped HTML, with a portal link and no secret', () => {
  const base = { workspaceId: 'ws_abc', workspaceName: 'Northwind <Studio>', contactName: 'Ada', requestNumber: 'REQ-0007', requestTitle: 'Year-end & more' };
  const sent = renderEmail({ template: 'request.sent', ...base, itemCount: 3 }, { to: 'ada@acme.example', publicUrl: 'https://portal.example' });
  assert.match(sent.subject, /Year-end & more/);
  assert.match(sent.text, /REQ-0007, "Year-end & more", with 3 items/);
  assert.match(sent.text, /https:\/\/portal\.example\/portal\?workspace=ws_abc/);
  const sentHtml = sent.html ?? '';
  assert.ok(sentHtml.includes('Northwind &lt;Studio&gt;') && !sentHtml.includes('<Studio>'), sentHtml);
  const returned = renderEmail(
    { template: 'request.item_returned', ...base, itemPrompt: 'Signed NDA', reason: 'Page 2 is <b>missing</b>' },
    { to: 'ada@acme.example', publicUrl: 'https://portal.example' },
  );
  assert.match(returned.text, /"Signed NDA"/);
  assert.match(returned.text, /Their reason: Page 2 is <b>missing<\/b>/);
  assert.ok((returned.html ?? '').includes('Page 2 is &lt;b&gt;missing&lt;/b&gt;'), returned.html);
  assert.ok(!`${sent.text}${returned.text}`.match(/token|secret|sk_/i));
});

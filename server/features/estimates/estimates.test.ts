import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Page, Problem } from '../../../sdk/contract/common.js';
import type { Estimate, EstimateSummary, PortalEstimate, PortalEstimateCard } from '../../../sdk/contract/estimates.js';
import type { MemberSession } from '../../../sdk/contract/members.js';
import type { WorkspaceLineItemInput } from '../../../sdk/contract/money.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { onboardOwner, startGoogleIssuer, type GoogleIssuer } from '../../test-support/google-issuer.js';
import { customerWithContact, signInContact } from '../../test-support/portal.js';
import { createApiKey } from '../api-keys/repository.js';
import { todayUtc } from '../finance/repository.js';
import { renderEmail, type EmailNotification } from '../notifications/templates.js';
import { updateSettings } from '../settings/repository.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type Caller = (method: Method, url: string, payload?: object, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;

function bearer(app: FastifyInstance, token: string, userAgent = 'estimates-test/1.0'): Caller {
  return (method, url, payload, headers = {}) => app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}`, 'user-agent': userAgent, ...headers } });
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

const DAY = 86_400_000;
const dayFrom = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/**
 * Worked by hand (USD, cents; half to even per amount):
 *   Design     10 × 120.00, 20 % tax        gross 1200.00  net 1200.00  tax 240.00  total 1440.00  (cost 70.00 → margin 500.00)
 *   Hosting     1 × 240.00, 10 % off        gross  240.00  net  216.00  (discount 24.00)  total 216.00
 *   Workshop  2.5 × 33.33, 15 % off, 8.25 % tax:
 *     gross 83.325 → 83.32 (tie, to even); net 83.325 × 0.85 = 70.82625 → 70.83; discount 12.49;
 *     tax 70.83 × 0.0825 = 5.843475 → 5.84; total 76.67
 *   subtotal 1486.83, discounts 36.49, tax 245.84, total 1732.67
 */
const handLines: WorkspaceLineItemInput[] = [
  { description: 'Design', quantity: '10', unitAmount: 12_000, taxRateBasisPoints: 2_000, unitCost: 7_000 },
  { description: 'Hosting', quantity: '1', unitAmount: 24_000, discountBasisPoints: 1_000 },
  { description: 'Workshop', quantity: '2.5', unitAmount: 3_333, taxRateBasisPoints: 825, discountBasisPoints: 1_500 },
];

const INTERNAL = 'INTERNAL-margin-note-7f3a';

for (const dialect of testDialects) {
  describe(`estimates (${dialect})`, () => {
    let issuer: GoogleIssuer;
    let t: TestApp;
    let owner: MemberSession;
    let workspaceId: string;
    let apiKey: string;
    let workspaceB: { workspaceId: string; apiKey: string };
    let acme: Awaited<ReturnType<typeof customerWithContact>>;
    let globex: Awaited<ReturnType<typeof customerWithContact>>;
    let initech: Awaited<ReturnType<typeof customerWithContact>>;
    let team: Caller;
    let asOwner: Caller;
    let teamB: Caller;
    let acmePortal: Caller;
    let globexPortal: Caller;
    let initechPortal: Caller;

    before(async () => {
      issuer = await startGoogleIssuer();
      t = await createTestApp(dialect, { google: issuer.config });
      owner = await onboardOwner(t.app, issuer, 'olga@estimates.example', 'Estimates Studio');
      workspaceId = owner.workspaceId;
      await updateSettings(t.app.db, workspaceId, { portalEnabled: true });
      apiKey = (await createApiKey(t.app.db, workspaceId, 'backend')).secret;
      workspaceB = await t.newWorkspace('Workspace B');
      acme = await customerWithContact(t.app, apiKey, 'Acme');
      globex = await customerWithContact(t.app, apiKey, 'Globex');
      initech = await customerWithContact(t.app, workspaceB.apiKey, 'Initech');
      team = bearer(t.app, apiKey);
      asOwner = bearer(t.app, owner.accessToken);
      teamB = bearer(t.app, workspaceB.apiKey);
      acmePortal = bearer(t.app, (await signInContact(t.app, apiKey, acme.contactId)).accessToken, 'Mozilla/5.0 (Acme browser)');
      globexPortal = bearer(t.app, (await signInContact(t.app, apiKey, globex.contactId)).accessToken);
      initechPortal = bearer(t.app, (await signInContact(t.app, workspaceB.apiKey, initech.contactId)).accessToken);
      await ok(team('POST', '/v1/workspace/webhook-endpoints', { url: 'https://93.184.215.14/hooks', eventTypes: ['estimate.sent', 'estimate.approved', 'estimate.declined'] }), 201);
    });
    after(async () => {
      await t.close();
      await issuer.close();
    });

    const draft = (customerId: string, fields: object = {}, caller = team) =>
      ok<Estimate>(caller('POST', '/v1/workspace/estimates', { customerId, title: 'Website redesign', currency: 'USD', validUntil: dayFrom(14), internalNote: INTERNAL, lines: handLines, ...fields }), 201);
    const sent = async (customerId: string, fields: object = {}, caller = team) => {
      const created = await draft(customerId, fields, caller);
      return ok<Estimate>(caller('POST', `/v1/workspace/estimates/${created.id}/send`));
    };
    const approve = (estimate: { id: string; version: number }, portal = acmePortal, name = 'Ada Lovelace', headers?: Record<string, string>) =>
      portal('POST', `/v1/portal/estimates/${estimate.id}/approve`, { name, version: estimate.version }, headers);

    /** What a customer action writes, counted for one estimate. */
    const written = async (estimateId: string) => {
      const audit = await t.app.db.selectFrom('audit_events').select('action').where('subject_id', '=', estimateId).execute();
      const followUps = await t.app.db.selectFrom('follow_ups').select('kind').where('source_id', '=', estimateId).execute();
      const webhooks = (await t.app.db.selectFrom('outbox_messages').select(['event_type', 'payload']).where('workspace_id', '=', workspaceId).where('channel', '=', 'webhook').execute())
        .filter((row) => (JSON.parse(row.payload) as { data: { estimateId?: string } }).data.estimateId === estimateId)
        .map((row) => row.event_type);
      const decided = (list: { action?: string; kind?: string }[]) => list.filter((row) => /estimate\.(approved|declined)/.test(row.action ?? row.kind ?? '')).length;
      return { audit: decided(audit), followUps: decided(followUps), webhooks: webhooks.filter((type) => type !== 'estimate.sent').length };
    };

    test('amounts are computed by the rounding rule, exactly as worked by hand', async () => {
      const estimate = await draft(acme.customerId);
      assert.match(estimate.number, /^EST-\d{4}$/);
      assert.equal(estimate.status, 'draft');
      assert.equal(estimate.version, 1);
      assert.deepEqual(
        estimate.lines.map((line) => [line.quantity, line.grossAmount, line.discountAmount, line.netAmount, line.taxAmount, line.totalAmount]),
        [
          ['10', 120_000, 0, 120_000, 24_000, 144_000],
          ['1', 24_000, 2_400, 21_600, 0, 21_600],
          ['2.5', 8_332, 1_249, 7_083, 584, 7_667],
        ],
      );
      assert.deepEqual(estimate.totals, { currency: 'USD', subtotal: 148_683, discountTotal: 3_649, taxTotal: 24_584, total: 173_267 });
      assert.equal(estimate.total, 173_267);
      assert.deepEqual(estimate.lines.map((line) => [line.unitCost, line.marginAmount]), [[7_000, 50_000], [null, null], [null, null]]);
      assert.equal(estimate.marginTotal, 50_000);
      assert.equal(estimate.internalNote, INTERNAL);
      // The stored totals are what the team reads back later.
      assert.deepEqual((await ok<Estimate>(team('GET', `/v1/workspace/estimates/${estimate.id}`))).totals, estimate.totals);
    });

    test('bad input is refused with stable codes and stores nothing', async () => {
      const before = (await t.app.db.selectFrom('estimates').select('id').execute()).length;
      const cases: [object, number, string][] = [
        [{ title: '   ' }, 422, 'estimate_title_required'],
        [{ title: 'x'.repeat(201) }, 422, 'estimate_title_too_long'],
        [{ notes: 'n'.repeat(5_001) }, 422, 'estimate_notes_too_long'],
        [{ validUntil: '2026-02-30' }, 422, 'invalid_date'],
        [{ validUntil: '2026-13-01' }, 422, 'invalid_date'],
        [{ currency: 'XYZ' }, 422, 'unknown_currency'],
        [{ lines: [{ description: 'Nothing', quantity: '0', unitAmount: 100 }] }, 422, 'invalid_quantity'],
        [{ projectId: 'prj_doesnotexist' }, 422, 'project_not_found'],
        [{ lines: [] }, 400, 'validation_failed'],
      ];
      for (const [fields, status, code] of cases) {
        const answer = await team('POST', '/v1/workspace/estimates', { customerId: acme.customerId, title: 'T', currency: 'USD', validUntil: dayFrom(3), lines: handLines, ...fields });
        assert.equal(answer.statusCode, status, `${code}: ${answer.body}`);
        if (status === 422) assert.equal(answer.json<Problem>().code, code);
      }
      await refused(team('POST', '/v1/workspace/estimates', { customerId: initech.customerId, title: 'T', currency: 'USD', validUntil: dayFrom(3), lines: handLines }), 404, 'not_found', "another workspace's customer");
      assert.equal((await t.app.db.selectFrom('estimates').select('id').execute()).length, before);
    });

    test('the portal shows no drafts and no internal field; another customer or workspace gets 404', async () => {
      const hidden = await draft(acme.customerId);
      await refused(acmePortal('GET', `/v1/portal/estimates/${hidden.id}`), 404, 'not_found', 'draft');
      const shown = await sent(acme.customerId);
      for (const tab of ['open', 'closed']) {
        const page = await ok<Page<PortalEstimateCard>>(acmePortal('GET', `/v1/portal/estimates?tab=${tab}&limit=100`));
        assert.ok(!page.items.some((card) => card.id === hidden.id), `draft on ${tab}`);
      }
      const answer = await acmePortal('GET', `/v1/portal/estimates/${shown.id}`);
      assert.equal(answer.statusCode, 200, answer.body);
      for (const secret of [INTERNAL, 'internalNote', 'unitCost', 'marginAmount', 'marginTotal', 'created_by', 'createdBy', 'customerId', '7000']) {
        assert.ok(!answer.body.includes(secret), `portal body holds ${secret}`);
      }
      const portal = answer.json<PortalEstimate>();
      assert.deepEqual(portal.totals, shown.totals);
      assert.deepEqual(Object.keys(portal.lines[0]!).sort(), ['description', 'discountAmount', 'discountBasisPoints', 'grossAmount', 'netAmount', 'position', 'quantity', 'taxAmount', 'taxRateBasisPoints', 'totalAmount', 'unitAmount']);
      await refused(globexPortal('GET', `/v1/portal/estimates/${shown.id}`), 404, 'not_found', 'another customer');
      await refused(initechPortal('GET', `/v1/portal/estimates/${shown.id}`), 404, 'not_found', 'another workspace');
      await refused(globexPortal('POST', `/v1/portal/estimates/${shown.id}/approve`, { name: 'Eve', version: 1 }), 404, 'not_found', "approving another customer's");
      await refused(initechPortal('POST', `/v1/portal/estimates/${shown.id}/decline`, { reason: 'No' }), 404, 'not_found', "declining another workspace's");
      await refused(teamB('GET', `/v1/workspace/estimates/${shown.id}`), 404, 'not_found', "another workspace's team");
      await refused(teamB('POST', `/v1/workspace/estimates/${shown.id}/send`), 404, 'not_found', "another workspace's team sending");
      assert.equal((await ok<Estimate>(team('GET', `/v1/workspace/estimates/${shown.id}`))).status, 'sent');
    });

    test('sending: a contact is needed, the date must not be past, contacts are emailed and the webhook goes out', async () => {
      const lonely = (await ok<{ id: string }>(team('POST', '/v1/workspace/customers', { name: 'No Contacts Ltd' }), 201)).id;
      const noContact = await draft(lonely);
      await refused(team('POST', `/v1/workspace/estimates/${noContact.id}/send`), 409, 'no_portal_contact');
      const stale = await draft(acme.customerId, { validUntil: dayFrom(-1) });
      await refused(team('POST', `/v1/workspace/estimates/${stale.id}/send`), 422, 'valid_until_past');
      assert.equal((await ok<Estimate>(team('GET', `/v1/workspace/estimates/${stale.id}`))).status, 'draft');

      const estimate = await sent(acme.customerId, { title: 'Brand refresh' });
      assert.equal(estimate.status, 'sent');
      assert.ok(estimate.sentAt);
      await refused(team('POST', `/v1/workspace/estimates/${estimate.id}/send`), 409, 'estimate_not_draft');
      const emails = (await t.app.db.selectFrom('outbox_messages').select(['recipient', 'payload']).where('workspace_id', '=', workspaceId).where('event_type', '=', 'estimate.sent').where('channel', '=', 'email').execute())
        .map((row) => ({ to: row.recipient, notification: JSON.parse(row.payload) as EmailNotification }))
        .filter((email) => email.notification.template === 'estimate.sent' && email.notification.estimateNumber === estimate.number);
      assert.deepEqual(emails.map((email) => email.to), ['contact@acme.example']);
      const rendered = renderEmail(emails[0]!.notification, { to: 'contact@acme.example', publicUrl: 'https://portal.example' });
      assert.match(rendered.text, /\$1,732\.67/);
      assert.match(rendered.subject, /Brand refresh/);
      const hooks = (await t.app.db.selectFrom('outbox_messages').select('payload').where('workspace_id', '=', workspaceId).where('event_type', '=', 'estimate.sent').where('channel', '=', 'webhook').execute())
        .map((row) => JSON.parse(row.payload) as { data: Record<string, unknown> })
        .filter((body) => body.data.estimateId === estimate.id);
      assert.equal(hooks.length, 1);
      assert.equal(hooks[0]!.data.total, 173_267);
      assert.ok(!JSON.stringify(hooks[0]).includes(INTERNAL));
    });

    test("editing a sent estimate bumps its version: approving the old one is refused with nothing written", async () => {
      const estimate = await sent(acme.customerId);
      const edited = await ok<Estimate>(team('PATCH', `/v1/workspace/estimates/${estimate.id}`, { lines: [handLines[0]!] }));
      assert.equal(edited.version, 2);
      assert.equal(edited.total, 144_000);
      const portalView = await ok<PortalEstimate>(acmePortal('GET', `/v1/portal/estimates/${estimate.id}`));
      assert.equal(portalView.version, 2);
      assert.equal(portalView.total, 144_000);

      const beforeAudit = (await t.app.db.selectFrom('audit_events').select('id').where('workspace_id', '=', workspaceId).execute()).length;
      const beforeOutbox = (await t.app.db.selectFrom('outbox_messages').select('id').where('workspace_id', '=', workspaceId).execute()).length;
      await refused(approve(estimate), 409, 'estimate_changed');
      assert.equal((await t.app.db.selectFrom('audit_events').select('id').where('workspace_id', '=', workspaceId).execute()).length, beforeAudit, 'no audit event');
      assert.equal((await t.app.db.selectFrom('outbox_messages').select('id').where('workspace_id', '=', workspaceId).execute()).length, beforeOutbox, 'no outbox row');
      assert.deepEqual(await written(estimate.id), { audit: 0, followUps: 0, webhooks: 0 });
      const row = await t.app.db.selectFrom('estimates').select(['status', 'approved_at', 'approved_name']).where('id', '=', estimate.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { status: 'sent', approved_at: null, approved_name: null });

      const approved = await ok<PortalEstimate>(approve(edited, acmePortal, '  Ada   Lovelace '));
      assert.equal(approved.status, 'approved');
      assert.equal(approved.approvedName, 'Ada Lovelace');
      const team_ = await ok<Estimate>(team('GET', `/v1/workspace/estimates/${estimate.id}`));
      assert.equal(team_.approval?.version, 2);
      assert.equal(team_.approval?.name, 'Ada Lovelace');
      assert.equal(team_.approval?.userAgent, 'Mozilla/5.0 (Acme browser)');
      assert.equal(team_.approval?.contactId, acme.contactId);
      assert.ok(team_.approval?.ipAddress);
      assert.deepEqual(await written(estimate.id), { audit: 1, followUps: 1, webhooks: 1 });
      await refused(team('PATCH', `/v1/workspace/estimates/${estimate.id}`, { title: 'Too late' }), 409, 'estimate_locked');
      await refused(approve(edited), 409, 'estimate_not_pending');
      await refused(acmePortal('POST', `/v1/portal/estimates/${estimate.id}/decline`, { reason: 'Changed our minds' }), 409, 'estimate_not_pending');
    });

    test('an edit that is a name NFC-normalises it; a sent estimate cannot get a past valid-until date', async () => {
      const estimate = await sent(acme.customerId);
      await refused(team('PATCH', `/v1/workspace/estimates/${estimate.id}`, { validUntil: dayFrom(-2) }), 422, 'valid_until_past');
      await refused(approve(estimate, acmePortal, '   '), 422, 'approval_name_required');
      await refused(approve(estimate, acmePortal, 'n'.repeat(201)), 422, 'approval_name_too_long');
      // "é" as e + combining acute is stored as the one code point.
      const approved = await ok<PortalEstimate>(approve(estimate, acmePortal, 'Rene\u0301e Dupont'));
      assert.equal(approved.approvedName, 'Ren\u00e9e Dupont');
    });

    test('past its valid-until date an estimate is expired: on the closed tab, and it cannot be approved or declined', async () => {
      const estimate = await sent(acme.customerId);
      await t.app.db.updateTable('estimates').set({ valid_until: dayFrom(-1) }).where('id', '=', estimate.id).execute();
      const seen = await ok<PortalEstimate>(acmePortal('GET', `/v1/portal/estimates/${estimate.id}`));
      assert.equal(seen.status, 'expired');
      await refused(approve(estimate), 409, 'estimate_expired');
      await refused(acmePortal('POST', `/v1/portal/estimates/${estimate.id}/decline`, { reason: 'Too slow' }), 409, 'estimate_expired');
      assert.deepEqual(await written(estimate.id), { audit: 0, followUps: 0, webhooks: 0 });
      const open = await ok<Page<PortalEstimateCard>>(acmePortal('GET', '/v1/portal/estimates?limit=100'));
      const closed = await ok<Page<PortalEstimateCard>>(acmePortal('GET', '/v1/portal/estimates?tab=closed&limit=100'));
      assert.ok(!open.items.some((card) => card.id === estimate.id));
      assert.equal(closed.items.find((card) => card.id === estimate.id)?.status, 'expired');
      const expired = await ok<Page<EstimateSummary>>(team('GET', `/v1/workspace/estimates?status=expired&customerId=${acme.customerId}&limit=100`));
      assert.ok(expired.items.some((item) => item.id === estimate.id));
      assert.ok(expired.items.every((item) => item.status === 'expired'));
      // The team revives it with a new date: a new version, open again.
      const revived = await ok<Estimate>(team('PATCH', `/v1/workspace/estimates/${estimate.id}`, { validUntil: dayFrom(5) }));
      assert.equal(revived.status, 'sent');
      assert.equal(revived.version, 2);
    });

    test('declining needs a reason, which the contact and the team then see', async () => {
      const estimate = await sent(acme.customerId);
      await refused(acmePortal('POST', `/v1/portal/estimates/${estimate.id}/decline`, { reason: '  ' }), 422, 'decline_reason_required');
      await refused(acmePortal('POST', `/v1/portal/estimates/${estimate.id}/decline`, { reason: 'r'.repeat(1_001) }), 422, 'decline_reason_too_long');
      await refused(acmePortal('POST', `/v1/portal/estimates/${estimate.id}/decline`, {}), 400, 'validation_failed');
      assert.deepEqual(await written(estimate.id), { audit: 0, followUps: 0, webhooks: 0 });
      const declined = await ok<PortalEstimate>(acmePortal('POST', `/v1/portal/estimates/${estimate.id}/decline`, { reason: ' Over budget this quarter. ' }));
      assert.equal(declined.status, 'declined');
      assert.equal(declined.declineReason, 'Over budget this quarter.');
      assert.ok(declined.declinedAt);
      const seen = await ok<Estimate>(team('GET', `/v1/workspace/estimates/${estimate.id}`));
      assert.deepEqual(seen.decline && { reason: seen.decline.reason, contactId: seen.decline.contactId }, { reason: 'Over budget this quarter.', contactId: acme.contactId });
      assert.deepEqual(await written(estimate.id), { audit: 1, followUps: 1, webhooks: 1 });
      await refused(approve(estimate), 409, 'estimate_not_pending');
      await refused(team('POST', `/v1/workspace/estimates/${estimate.id}/convert`, {}), 409, 'estimate_not_approved');
    });

    test('50 concurrent approvals: exactly one approval, audit event, follow-up and webhook', async () => {
      const estimate = await sent(acme.customerId);
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => approve(estimate, acmePortal, `Contact ${i}`)));
      const statuses = answers.map((answer) => answer.statusCode);
      assert.equal(statuses.filter((status) => status === 200).length, 1, statuses.join(','));
      for (const answer of answers.filter((candidate) => candidate.statusCode !== 200)) {
        assert.equal(answer.statusCode, 409, answer.body);
        assert.equal(answer.json<Problem>().code, 'estimate_not_pending');
      }
      assert.deepEqual(await written(estimate.id), { audit: 1, followUps: 1, webhooks: 1 });
      const winner = answers.find((answer) => answer.statusCode === 200)!.json<PortalEstimate>();
      const stored = await ok<Estimate>(team('GET', `/v1/workspace/estimates/${estimate.id}`));
      assert.equal(stored.approval?.name, winner.approvedName);
    });

    test('approvals and declines racing: one decision wins', async () => {
      const estimate = await sent(acme.customerId);
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? approve(estimate) : acmePortal('POST', `/v1/portal/estimates/${estimate.id}/decline`, { reason: `No ${i}` }))),
      );
      assert.equal(answers.filter((answer) => answer.statusCode === 200).length, 1, answers.map((answer) => answer.statusCode).join(','));
      assert.deepEqual(await written(estimate.id), { audit: 1, followUps: 1, webhooks: 1 });
    });

    test('an Idempotency-Key retry answers the first approval again and records nothing more', async () => {
      const estimate = await sent(acme.customerId);
      const headers = { 'idempotency-key': `approve-${estimate.id}` };
      const first = await ok<PortalEstimate>(approve(estimate, acmePortal, 'Ada Lovelace', headers));
      const retry = await ok<PortalEstimate>(approve(estimate, acmePortal, 'Ada Lovelace', headers));
      assert.deepEqual(retry, first);
      assert.deepEqual(await written(estimate.id), { audit: 1, followUps: 1, webhooks: 1 });
      await refused(approve(estimate, acmePortal, 'Someone Else', headers), 409, 'idempotency_key_reused');
    });

    test('20 concurrent creations get consecutive EST numbers', async () => {
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => team('POST', '/v1/workspace/estimates', { customerId: globex.customerId, title: 'Parallel', currency: 'EUR', validUntil: dayFrom(9), lines: [handLines[1]!] })),
      );
      for (const answer of answers) assert.equal(answer.statusCode, 201, answer.body);
      const numbers = answers.map((answer) => Number(answer.json<Estimate>().number.slice(4))).sort((a, b) => a - b);
      assert.equal(new Set(numbers).size, 20);
      assert.equal(numbers[19]! - numbers[0]!, 19, numbers.join(','));
      // Workspace B numbers its own from EST-0001.
      const other = await draft(initech.customerId, {}, teamB);
      assert.equal(other.number, 'EST-0001');
    });

    test('the portal tabs: open by soonest valid-until, closed newest sent first; the team filters by customer and status', async () => {
      const customer = await customerWithContact(t.app, apiKey, 'Tabs Inc');
      const portal = bearer(t.app, (await signInContact(t.app, apiKey, customer.contactId)).accessToken);
      const later = await sent(customer.customerId, { validUntil: dayFrom(20) });
      const sooner = await sent(customer.customerId, { validUntil: dayFrom(2) });
      const today = await sent(customer.customerId, { validUntil: todayUtc() });
      const decided = await sent(customer.customerId);
      await ok(approve(decided, portal));
      await draft(customer.customerId);
      const open = await ok<Page<PortalEstimateCard>>(portal('GET', '/v1/portal/estimates'));
      assert.deepEqual(open.items.map((card) => card.id), [today.id, sooner.id, later.id]);
      const firstPage = await ok<Page<PortalEstimateCard>>(portal('GET', '/v1/portal/estimates?limit=2'));
      const secondPage = await ok<Page<PortalEstimateCard>>(portal('GET', `/v1/portal/estimates?limit=2&cursor=${encodeURIComponent(firstPage.nextCursor!)}`));
      assert.deepEqual([...firstPage.items, ...secondPage.items].map((card) => card.id), [today.id, sooner.id, later.id]);
      const closed = await ok<Page<PortalEstimateCard>>(portal('GET', '/v1/portal/estimates?tab=closed'));
      assert.deepEqual(closed.items.map((card) => [card.id, card.status]), [[decided.id, 'approved']]);
      const all = await ok<Page<EstimateSummary>>(team('GET', `/v1/workspace/estimates?customerId=${customer.customerId}`));
      assert.equal(all.items.length, 5);
      assert.deepEqual((await ok<Page<EstimateSummary>>(team('GET', `/v1/workspace/estimates?customerId=${customer.customerId}&status=draft`))).items.length, 1);
      assert.deepEqual((await ok<Page<EstimateSummary>>(team('GET', `/v1/workspace/estimates?customerId=${customer.customerId}&status=approved`))).items.map((item) => item.id), [decided.id]);
    });

    test("the member who sent it is emailed the contact's decision", async () => {
      const estimate = await sent(acme.customerId, { title: 'Owner <sent> & co' }, asOwner);
      await ok(approve(estimate));
      const emails = (await t.app.db.selectFrom('outbox_messages').select(['recipient', 'payload']).where('workspace_id', '=', workspaceId).where('event_type', '=', 'estimate.approved').where('channel', '=', 'email').execute())
        .map((row) => ({ to: row.recipient, notification: JSON.parse(row.payload) as EmailNotification }))
        .filter((email) => email.notification.template === 'estimate.approved' && email.notification.estimateNumber === estimate.number);
      assert.deepEqual(emails.map((email) => email.to), ['olga@estimates.example']);
      const rendered = renderEmail(emails[0]!.notification, { to: 'olga@estimates.example', publicUrl: 'https://portal.example' });
      assert.match(rendered.text, /approved estimate EST-\d{4}/);
      assert.match(rendered.text, /"Ada Lovelace"/);
      assert.ok(rendered.html?.includes('Owner &lt;sent&gt; &amp; co'), rendered.html);
    });

    test('an approved estimate converts into a draft invoice with the same lines, once', async () => {
      const estimate = await sent(acme.customerId, { notes: 'Thanks for your business.' });
      await refused(team('POST', `/v1/workspace/estimates/${estimate.id}/convert`, {}), 409, 'estimate_not_approved', 'before approval');
      await ok(approve(estimate));
      const answers = await Promise.all([1, 2, 3].map(() => team('POST', `/v1/workspace/estimates/${estimate.id}/convert`, { issueDate: '2026-12-01' })));
      assert.deepEqual(answers.map((answer) => answer.statusCode).sort(), [200, 409, 409], answers.map((answer) => answer.body).join('\n'));
      const converted = answers.find((answer) => answer.statusCode === 200)!.json<Estimate>();
      assert.equal(converted.status, 'converted');
      assert.ok(converted.convertedInvoiceId);
      const invoice = await t.app.db.selectFrom('invoices').selectAll().where('estimate_id', '=', estimate.id).execute();
      assert.equal(invoice.length, 1);
      assert.deepEqual(
        { id: invoice[0]!.id, state: invoice[0]!.state, total: Number(invoice[0]!.total), customer: invoice[0]!.customer_id, issue: invoice[0]!.issue_date, due: invoice[0]!.due_date, notes: invoice[0]!.notes, internal: invoice[0]!.internal_note },
        { id: converted.convertedInvoiceId, state: 'draft', total: 173_267, customer: acme.customerId, issue: '2026-12-01', due: '2026-12-31', notes: 'Thanks for your business.', internal: INTERNAL },
      );
      const lines = await t.app.db.selectFrom('invoice_lines').select(['position', 'net_amount', 'unit_cost']).where('invoice_id', '=', invoice[0]!.id).orderBy('position').execute();
      assert.deepEqual(lines.map((line) => [Number(line.position), Number(line.net_amount), line.unit_cost === null ? null : Number(line.unit_cost)]), [[1, 120_000, 7_000], [2, 21_600, null], [3, 7_083, null]]);
      const portal = await ok<PortalEstimate>(acmePortal('GET', `/v1/portal/estimates/${estimate.id}`));
      assert.equal(portal.status, 'converted');
    });

    test('a conversion with bad dates leaves the estimate approved and writes no invoice', async () => {
      const estimate = await sent(acme.customerId);
      await ok(approve(estimate));
      await refused(team('POST', `/v1/workspace/estimates/${estimate.id}/convert`, { issueDate: '2026-12-10', dueDate: '2026-12-01' }), 422, 'due_before_issue');
      await refused(team('POST', `/v1/workspace/estimates/${estimate.id}/convert`, { issueDate: '2026-02-30' }), 422, 'invalid_date');
      await refused(team('POST', `/v1/workspace/estimates/${estimate.id}/convert`, { issueDate: '2026-12-01', dueDate: '2026-13-01' }), 422, 'invalid_date');
      assert.equal((await ok<Estimate>(team('GET', `/v1/workspace/estimates/${estimate.id}`))).status, 'approved');
      assert.equal((await t.app.db.selectFrom('invoices').select('id').where('estimate_id', '=', estimate.id).execute()).length, 0);
    });
  });
}

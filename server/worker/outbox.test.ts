import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { OutboxConfig } from '../config.js';
import { loadConfig } from '../config.js';
import type { Dialect } from '../db/database.js';
import { createInvitation, acceptInvitations } from '../features/members/repository.js';
import { enqueueInvitationEmail } from '../features/notifications/enqueue.js';
import { listDeadLetters, redeliverDeadLetter } from '../features/outbox/repository.js';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  findWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  updateWebhookEndpoint,
} from '../features/webhooks/repository.js';
import { createMailer } from '../lib/mailer.js';
import type { Problem } from '../lib/problem.js';
import { createTestApp, type TestApp } from '../test-support/app.js';
import { testDialects } from '../test-support/databases.js';
import { startMailbox, type Mailbox } from '../test-support/mailbox.js';
import { asContact, asWorkspace, customerWithContact, signInContact } from '../test-support/portal.js';
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/webhook-receiver.js';
import { enqueueExpiryReminders } from './reminders.js';
import { createOutboxWorker, type OutboxWorker, type WorkerLog } from './worker.js';

const quiet: WorkerLog = { info: () => undefined, debug: () => undefined, warn: () => undefined, error: () => undefined };
/** Retries within milliseconds, so a test walks through every attempt quickly. */
const FAST: Partial<OutboxConfig> = { maxAttempts: 5, retryBaseMs: 1, retryMaxMs: 4, leaseMs: 5_000, webhookTimeoutMs: 2_000, webhookAllowPrivate: true };
const HOUR = 60 * 60_000;

for (const dialect of testDialects) {
  describe(`outbox and worker (${dialect})`, () => {
    let t: TestApp;
    let mailbox: Mailbox;
    let receiver: WebhookReceiver;
    let worker: OutboxWorker;

    before(async () => {
      mailbox = await startMailbox();
      receiver = await startWebhookReceiver();
      t = await createTestApp(dialect, { smtpUrl: mailbox.url, outbox: { ...loadConfig({}).outbox, ...FAST } });
      worker = workerWith(t, dialect, {});
    });
    after(async () => {
      await t.close();
      await receiver.close();
      await mailbox.close();
    });

    function workerWith(app: TestApp, on: Dialect, outbox: Partial<OutboxConfig>): OutboxWorker {
      const mailer = createMailer({ smtpUrl: app.config.smtpUrl, from: app.config.mailFrom, log: quiet });
      return createOutboxWorker({ database: { db: app.app.db, dialect: on }, config: { ...app.config, outbox: { ...app.config.outbox, ...outbox } }, mailer, log: quiet, batchSize: 50 });
    }

    /** Runs the worker until nothing of `workspaceId` is pending any more. */
    async function drain(workspaceId: string, by: OutboxWorker = worker): Promise<void> {
      for (let round = 0; round < 200; round++) {
        await by.runOnce();
        const pending = await t.app.db.selectFrom('outbox_messages').select('id').where('workspace_id', '=', workspaceId).where('status', '=', 'pending').execute();
        if (!pending.length) return;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      throw new Error('the outbox did not drain');
    }

    const rowsOf = (workspaceId: string) => t.app.db.selectFrom('outbox_messages').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').orderBy('id').execute();
    const webhookRowsOf = async (workspaceId: string) => (await rowsOf(workspaceId)).filter((row) => row.channel === 'webhook');

    async function workspaceWithEndpoint(eventTypes = ['proposal.accepted', 'proposal.declined']) {
      const { workspaceId, apiKey } = await t.newWorkspace();
      const endpoint = await createWebhookEndpoint(t.app.db, workspaceId, { url: `${receiver.url}/hooks/${workspaceId}`, eventTypes }, { allowPrivate: true });
      receiver.secret = endpoint.secret;
      return { workspaceId, apiKey, endpoint };
    }

    async function acceptedProposal(apiKey: string) {
      const customer = await customerWithContact(t.app, apiKey, 'Acme');
      const proposalId = await customer.proposal('Website redesign');
      const { accessToken } = await signInContact(t.app, apiKey, customer.contactId);
      const accept = () => asContact(t.app, accessToken)('POST', `/v1/portal/proposals/${proposalId}/accept`, {});
      return { ...customer, proposalId, accept };
    }

    test('accepting writes the decision, one audit event and one outbox row; accepting again writes no second row', async () => {
      receiver.answer = () => ({ status: 204 });
      const { workspaceId, apiKey, endpoint } = await workspaceWithEndpoint();
      const { proposalId, accept, customerId, contactId } = await acceptedProposal(apiKey);
      assert.equal((await accept()).statusCode, 200);
      assert.equal((await accept()).statusCode, 200);

      const rows = await webhookRowsOf(workspaceId);
      assert.equal(rows.length, 1, 'one webhook delivery for one accept');
      assert.equal(rows[0]?.event_type, 'proposal.accepted');
      assert.equal(rows[0]?.endpoint_id, endpoint.id);
      const audits = await t.app.db.selectFrom('audit_events').select('action').where('subject_id', '=', proposalId).where('action', '=', 'proposal.accepted').execute();
      assert.equal(audits.length, 1);

      await drain(workspaceId);
      const received = receiver.received.filter((r) => r.path === `/hooks/${workspaceId}`);
      assert.equal(received.length, 1);
      assert.equal(received[0]?.webhookId, rows[0]?.id, 'the webhook-id is the outbox row id');
      assert.ok(received[0]?.event, 'the signature verifies with the endpoint secret');
      assert.equal(received[0]?.event?.type, 'proposal.accepted');
      assert.deepEqual(
        { proposalId: received[0]?.event?.data.proposalId, customerId: received[0]?.event?.data.customerId, contactId: received[0]?.event?.data.contactId, status: received[0]?.event?.data.status },
        { proposalId, customerId, contactId, status: 'accepted' },
      );
      const log = await listWebhookDeliveries(t.app.db, workspaceId, endpoint.id, { limit: 10 });
      assert.deepEqual(log.items.map((d) => [d.attempt, d.statusCode, d.error, d.webhookId]), [[1, 204, null, rows[0]?.id]]);
    });

    test('declining sends proposal.declined with the contact’s reason', async () => {
      receiver.answer = () => ({ status: 204 });
      const { workspaceId, apiKey } = await workspaceWithEndpoint();
      const customer = await customerWithContact(t.app, apiKey, 'Umbrella');
      const proposalId = await customer.proposal('Too expensive');
      const { accessToken } = await signInContact(t.app, apiKey, customer.contactId);
      const declined = await asContact(t.app, accessToken)('POST', `/v1/portal/proposals/${proposalId}/decline`, { reason: 'Over budget' });
      assert.equal(declined.statusCode, 200);
      await drain(workspaceId);
      const [delivered] = receiver.received.filter((r) => r.path === `/hooks/${workspaceId}`);
      assert.equal(delivered?.event?.type, 'proposal.declined');
      assert.deepEqual([delivered?.event?.data.proposalId, delivered?.event?.data.status, delivered?.event?.data.reason], [proposalId, 'declined', 'Over budget']);
    });

    test('when the outbox row cannot be written the accept is rolled back with it', async () => {
      const { workspaceId, apiKey } = await workspaceWithEndpoint();
      const { proposalId, accept } = await acceptedProposal(apiKey);
      await sql`alter table outbox_messages rename to outbox_messages_away`.execute(t.app.db);
      try {
        assert.equal((await accept()).statusCode, 500);
      } finally {
        await sql`alter table outbox_messages_away rename to outbox_messages`.execute(t.app.db);
      }
      const proposal = await asWorkspace(t.app, apiKey)('GET', `/v1/workspace/proposals/${proposalId}`);
      assert.equal(proposal.json<{ status: string }>().status, 'pending');
      const audits = await t.app.db.selectFrom('audit_events').select('action').where('subject_id', '=', proposalId).where('action', '=', 'proposal.accepted').execute();
      assert.equal(audits.length, 0, 'no audit event without its notification');
      assert.equal((await webhookRowsOf(workspaceId)).length, 0);
      assert.equal((await accept()).statusCode, 200, 'the same accept succeeds once the outbox is back');
      assert.equal((await webhookRowsOf(workspaceId)).length, 1);
      await drain(workspaceId);
    });

    test('sending a proposal emails each portal contact once, with a link into the hosted portal’s sign-in', async () => {
      const { workspaceId, apiKey } = await t.newWorkspace('Tom & Jerry <Studio>');
      const customer = await customerWithContact(t.app, apiKey, 'Globex');
      const second = await asWorkspace(t.app, apiKey)('POST', `/v1/workspace/customers/${customer.customerId}/contacts`, { displayName: 'Grace Hopper', email: 'grace@globex.example', role: 'CFO' });
      assert.equal(second.statusCode, 201);
      await customer.proposal('Data <migration> & cleanup');

      const rows = await rowsOf(workspaceId);
      assert.deepEqual(rows.map((row) => [row.channel, row.event_type, row.recipient]).sort(), [
        ['email', 'proposal.sent', 'contact@globex.example'],
        ['email', 'proposal.sent', 'grace@globex.example'],
      ]);
      await drain(workspaceId);

      const link = `${t.config.publicUrl}/portal?workspace=${workspaceId}`;
      for (const address of ['contact@globex.example', 'grace@globex.example']) {
        const mails = await mailbox.waitFor(address);
        assert.equal(mails.length, 1, `one email to ${address}`);
        const mail = mails[0]!;
        assert.equal(mail.subject, 'Tom & Jerry <Studio> sent you a proposal: Data <migration> & cleanup');
        assert.match(mail.text, /^Hello (Globex contact|Grace Hopper),\n/, 'the plain text part, greeting its contact by name');
        assert.ok(mail.text.includes(`Open the proposal in the portal: ${link}\n`), 'the plain text carries the portal link');
        assert.ok(mail.text.includes('Data <migration> & cleanup'));
        assert.ok(mail.html?.includes(`href="${link}"`), 'the HTML carries the same link');
        assert.ok(mail.html?.includes('Tom &amp; Jerry &lt;Studio&gt;'), 'names are escaped in HTML');
        assert.ok(!mail.html?.includes('<migration>'), 'a title cannot inject markup');
        assert.ok(!/#|secret=|signin=/.test(mail.text), 'no secret in the link');
        const row = rows.find((r) => r.recipient === address);
        assert.equal(mail.messageId, `<${row?.id}@${new URL(t.config.publicUrl).hostname}>`);
      }
      const page = await t.app.inject({ method: 'GET', url: `/portal?workspace=${workspaceId}` });
      assert.equal(page.statusCode, 200, 'the link opens the hosted portal');
    });

    test('sending to a customer without portal contacts is refused and enqueues nothing', async () => {
      const { workspaceId, apiKey } = await t.newWorkspace();
      const call = asWorkspace(t.app, apiKey);
      const customer = (await call('POST', '/v1/workspace/customers', { name: 'Nobody Inc' })).json<{ id: string }>();
      const draft = (
        await call('POST', '/v1/workspace/proposals', { customerId: customer.id, title: 'Lonely', feeModel: 'fixed_fee', fee: { amount: 1, currency: 'USD' }, expiresAt: new Date(Date.now() + 100 * HOUR).toISOString() })
      ).json<{ id: string }>();
      const sent = await call('POST', `/v1/workspace/proposals/${draft.id}/send`);
      assert.equal(sent.statusCode, 409);
      assert.equal(sent.json<{ code: string }>().code, 'no_portal_contact');
      assert.equal((await rowsOf(workspaceId)).length, 0);
    });

    test('a receiver answering 500 three times gets the event on the fourth attempt, with the same webhook-id', async () => {
      receiver.answer = (_request, attempt) => (attempt <= 3 ? { status: 500 } : { status: 200 });
      const { workspaceId, apiKey, endpoint } = await workspaceWithEndpoint();
      const { accept } = await acceptedProposal(apiKey);
      await accept();
      await drain(workspaceId);

      const [row] = await webhookRowsOf(workspaceId);
      assert.equal(row?.status, 'delivered');
      assert.equal(row?.attempts, 4);
      const seen = receiver.received.filter((r) => r.path === `/hooks/${workspaceId}`);
      assert.deepEqual(seen.map((r) => r.answered), [500, 500, 500, 200]);
      assert.ok(seen.every((r) => r.webhookId === row?.id && r.event !== undefined), 'every attempt is signed and carries the same id');
      const log = await listWebhookDeliveries(t.app.db, workspaceId, endpoint.id, { limit: 10 });
      assert.deepEqual(log.items.map((d) => [d.attempt, d.statusCode]).reverse(), [[1, 500], [2, 500], [3, 500], [4, 200]]);
    });

    test('after the last attempt a delivery is a dead letter; redeliver sends it again with the same id', async () => {
      let failing = true;
      receiver.answer = () => ({ status: failing ? 500 : 204 });
      const { workspaceId, apiKey } = await workspaceWithEndpoint();
      const other = await t.newWorkspace();
      const { accept } = await acceptedProposal(apiKey);
      await accept();
      await drain(workspaceId);

      const dead = await listDeadLetters(t.app.db, workspaceId, { limit: 10 });
      assert.equal(dead.items.length, 1);
      const letter = dead.items[0]!;
      assert.deepEqual([letter.channel, letter.eventType, letter.attempts, letter.lastError], ['webhook', 'proposal.accepted', FAST.maxAttempts, 'HTTP 500']);
      assert.equal(receiver.received.filter((r) => r.path === `/hooks/${workspaceId}`).length, FAST.maxAttempts);
      assert.equal((await listDeadLetters(t.app.db, other.workspaceId, { limit: 10 })).items.length, 0, 'another workspace does not see it');
      assert.equal(await redeliverDeadLetter(t.app.db, other.workspaceId, letter.id), undefined, 'nor redeliver it');

      failing = false;
      const redelivered = await redeliverDeadLetter(t.app.db, workspaceId, letter.id);
      assert.equal(redelivered?.id, letter.id);
      await drain(workspaceId);
      const last = receiver.received.filter((r) => r.path === `/hooks/${workspaceId}`).at(-1);
      assert.deepEqual([last?.webhookId, last?.answered], [letter.id, 204]);
      assert.equal((await listDeadLetters(t.app.db, workspaceId, { limit: 10 })).items.length, 0);
      assert.equal(await redeliverDeadLetter(t.app.db, workspaceId, letter.id), undefined, 'a delivered message is no dead letter');
    });

    test('a redirect is not followed: the 3xx is a failed attempt', async () => {
      receiver.answer = (request) => (request.path.endsWith('/moved') ? { status: 204 } : { status: 302, headers: { location: `${receiver.url}/moved` } });
      const { workspaceId, apiKey, endpoint } = await workspaceWithEndpoint();
      const { accept } = await acceptedProposal(apiKey);
      await accept();
      await worker.runOnce();
      const log = await listWebhookDeliveries(t.app.db, workspaceId, endpoint.id, { limit: 10 });
      assert.deepEqual(log.items.map((d) => [d.statusCode, d.error]), [[302, 'redirect not followed (HTTP 302)']]);
      assert.equal(receiver.received.filter((r) => r.path.endsWith('/moved')).length, 0, 'the redirect target was never called');
      await deleteWebhookEndpoint(t.app.db, workspaceId, endpoint.id);
    });

    test('an endpoint that does not answer within the timeout fails the attempt', async () => {
      receiver.answer = () => 'hold';
      const { workspaceId, apiKey, endpoint } = await workspaceWithEndpoint();
      const { accept } = await acceptedProposal(apiKey);
      await accept();
      await workerWith(t, dialect, { webhookTimeoutMs: 300 }).runOnce();
      const log = await listWebhookDeliveries(t.app.db, workspaceId, endpoint.id, { limit: 10 });
      assert.deepEqual(log.items.map((d) => [d.statusCode, d.error]), [[null, 'timed out after 300 ms']]);
      const [row] = await webhookRowsOf(workspaceId);
      assert.deepEqual([row?.status, row?.last_error], ['pending', 'timed out after 300 ms']);
      await deleteWebhookEndpoint(t.app.db, workspaceId, endpoint.id);
    });

    test('private, loopback and link-local endpoints are refused without TABA_WEBHOOK_ALLOW_PRIVATE, at creation and at delivery', async () => {
      const { workspaceId } = await t.newWorkspace();
      const refused = async (url: string, code: string) => {
        await assert.rejects(createWebhookEndpoint(t.app.db, workspaceId, { url, eventTypes: ['proposal.accepted'] }, { allowPrivate: false }), (error: Problem) => {
          assert.equal(error.code, code, url);
          return true;
        });
      };
      for (const url of ['https://127.0.0.1/hook', 'https://localhost/hook', 'https://[::1]/hook', 'https://169.254.169.254/latest', 'https://10.1.2.3/', 'https://192.168.0.10/', 'https://[::ffff:127.0.0.1]/', 'https://[fe80::1]/']) {
        await refused(url, 'webhook_url_private');
      }
      await refused('http://example.com/hook', 'webhook_url_invalid');
      await refused('https://user:pw@example.com/hook', 'webhook_url_invalid');
      assert.equal((await listWebhookEndpoints(t.app.db, workspaceId, { limit: 10 })).items.length, 0);

      // Allowed when created (e.g. the flag was on then), refused when delivered without it: nothing reaches the receiver.
      receiver.answer = () => ({ status: 204 });
      const withEndpoint = await workspaceWithEndpoint();
      const { accept } = await acceptedProposal(withEndpoint.apiKey);
      await accept();
      await workerWith(t, dialect, { webhookAllowPrivate: false }).runOnce();
      const log = await listWebhookDeliveries(t.app.db, withEndpoint.workspaceId, withEndpoint.endpoint.id, { limit: 10 });
      assert.deepEqual(log.items.map((d) => [d.statusCode, d.error]), [[null, 'refused: the endpoint resolves to a private, loopback or link-local address']]);
      assert.equal(receiver.received.filter((r) => r.path === `/hooks/${withEndpoint.workspaceId}`).length, 0);
      await deleteWebhookEndpoint(t.app.db, withEndpoint.workspaceId, withEndpoint.endpoint.id);
    });

    test('webhook endpoints: the secret is shown once, changes are checked, another workspace sees nothing', async () => {
      const { workspaceId } = await t.newWorkspace();
      const other = await t.newWorkspace();
      const created = await createWebhookEndpoint(t.app.db, workspaceId, { url: `${receiver.url}/crud`, eventTypes: ['proposal.accepted'], description: 'CRM' }, { allowPrivate: true });
      assert.match(created.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
      const listed = await listWebhookEndpoints(t.app.db, workspaceId, { limit: 10 });
      assert.deepEqual(listed.items.map((e) => e.id), [created.id]);
      assert.ok(!JSON.stringify(listed).includes('whsec_'), 'a list never carries the secret');
      assert.ok(!JSON.stringify(await findWebhookEndpoint(t.app.db, workspaceId, created.id)).includes('whsec_'));

      const updated = await updateWebhookEndpoint(t.app.db, workspaceId, created.id, { eventTypes: ['proposal.declined'], enabled: false }, { allowPrivate: true });
      assert.deepEqual([updated?.eventTypes, updated?.enabled, updated?.description], [['proposal.declined'], false, 'CRM']);
      await assert.rejects(updateWebhookEndpoint(t.app.db, workspaceId, created.id, { eventTypes: ['proposal.exploded'] }, { allowPrivate: true }), { code: 'webhook_event_type_unknown' });
      await assert.rejects(updateWebhookEndpoint(t.app.db, workspaceId, created.id, { url: 'https://127.0.0.1/' }, { allowPrivate: false }), { code: 'webhook_url_private' });

      assert.equal(await findWebhookEndpoint(t.app.db, other.workspaceId, created.id), undefined);
      assert.equal(await updateWebhookEndpoint(t.app.db, other.workspaceId, created.id, { enabled: true }, { allowPrivate: true }), undefined);
      assert.equal(await deleteWebhookEndpoint(t.app.db, other.workspaceId, created.id), false);
      assert.equal(await deleteWebhookEndpoint(t.app.db, workspaceId, created.id), true);
      assert.equal((await listWebhookEndpoints(t.app.db, workspaceId, { limit: 10 })).items.length, 0);
    });

    test('a disabled endpoint or one not subscribed to the event gets no delivery', async () => {
      const { workspaceId, apiKey, endpoint } = await workspaceWithEndpoint(['proposal.declined']);
      await createWebhookEndpoint(t.app.db, workspaceId, { url: `${receiver.url}/off`, eventTypes: ['proposal.accepted'], enabled: false }, { allowPrivate: true });
      const { accept } = await acceptedProposal(apiKey);
      await accept();
      assert.equal((await webhookRowsOf(workspaceId)).length, 0);
      await deleteWebhookEndpoint(t.app.db, workspaceId, endpoint.id);
    });

    test('the expiry reminder goes out once per proposal and contact, however many workers scan', async () => {
      const { workspaceId, apiKey } = await t.newWorkspace();
      const customer = await customerWithContact(t.app, apiKey, 'Initech');
      const expiring = await customer.proposal('Expiring soon', { expiresInMs: 24 * HOUR });
      const later = await customer.proposal('Expires later', { expiresInMs: 100 * HOUR });
      // Sent long ago: a proposal sent inside the last 48 hours before expiry gets no reminder.
      await t.app.db.updateTable('proposals').set({ sent_at: new Date(Date.now() - 100 * HOUR).toISOString() }).where('id', 'in', [expiring, later]).execute();
      await Promise.all([enqueueExpiryReminders(t.app.db), enqueueExpiryReminders(t.app.db), enqueueExpiryReminders(t.app.db)]);
      await enqueueExpiryReminders(t.app.db);
      const reminders = (await rowsOf(workspaceId)).filter((row) => row.event_type === 'proposal.expiring');
      assert.equal(reminders.length, 1);
      assert.equal(reminders[0]?.dedupe_key, `proposal.expiring:${expiring}:${customer.contactId}`);

      const fresh = await customer.proposal('Sent just now', { expiresInMs: 24 * HOUR });
      await enqueueExpiryReminders(t.app.db);
      assert.ok(!(await rowsOf(workspaceId)).some((row) => row.dedupe_key?.includes(fresh)), 'just sent: its "sent" email is the reminder');

      await drain(workspaceId);
      const mails = (await mailbox.waitFor('contact@initech.example', 4)).filter((mail) => mail.subject.startsWith('Reminder'));
      assert.equal(mails.length, 1);
      assert.match(mails[0]!.text, /Expiring soon/);
    });

    test('an invitation is emailed, and after 7 days it is refused', async () => {
      const { workspaceId } = await t.newWorkspace('Invite Co');
      const invitation = await t.app.db.transaction().execute(async (trx) => {
        const row = await createInvitation(trx, workspaceId, { email: 'new.member@example.com', role: 'manager', invitedBy: null });
        await enqueueInvitationEmail(trx, { workspaceId, email: row.email, role: row.role, expiresAt: row.expires_at!, invitedByName: 'Owner Olga' });
        return row;
      });
      assert.ok(invitation.expires_at && Math.abs(Date.parse(invitation.expires_at) - Date.now() - 7 * 24 * HOUR) < 60_000, 'expires in 7 days');
      await drain(workspaceId);
      const [mail] = await mailbox.waitFor('new.member@example.com');
      assert.equal(mail?.subject, 'You are invited to join Invite Co');
      assert.match(mail?.text ?? '', /Owner Olga invited you to join Invite Co as manager/);

      const person = await t.app.db.insertInto('people').values({ id: 'per_expiredinvite', google_sub: 'sub-expired', email: 'new.member@example.com', name: 'New', created_at: new Date().toISOString() }).returning(['id', 'email']).executeTakeFirstOrThrow();
      await t.app.db.updateTable('members').set({ expires_at: new Date(Date.now() - 1_000).toISOString() }).where('id', '=', invitation.id).execute();
      assert.deepEqual(await acceptInvitations(t.app.db, person), [], 'an expired invitation is refused');
      await t.app.db.updateTable('members').set({ expires_at: new Date(Date.now() + HOUR).toISOString() }).where('id', '=', invitation.id).execute();
      assert.deepEqual((await acceptInvitations(t.app.db, person)).map((m) => m.id), [invitation.id]);
    });
  });
}

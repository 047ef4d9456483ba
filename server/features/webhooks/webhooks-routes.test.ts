import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NotFoundError, TabaError } from '../../../sdk/errors.js';
import { WorkspaceClient } from '../../../sdk/workspace-client.js';
import { loadConfig, type OutboxConfig } from '../../config.js';
import { createMailer } from '../../lib/mailer.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { asContact, asWorkspace, customerWithContact, signInContact } from '../../test-support/portal.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../test-support/webhook-receiver.js';
import { createOutboxWorker, type OutboxWorker, type WorkerLog } from '../../worker/worker.js';

const quiet: WorkerLog = { info: () => undefined, debug: () => undefined, warn: () => undefined, error: () => undefined };
/** TABA_WEBHOOK_ALLOW_PRIVATE=true, as the receiver listens on 127.0.0.1; retries within milliseconds. */
const LOCAL_RECEIVERS: OutboxConfig = {
  ...loadConfig({ TABA_WEBHOOK_ALLOW_PRIVATE: 'true' }).outbox,
  maxAttempts: 3,
  retryBaseMs: 1,
  retryMaxMs: 4,
  webhookTimeoutMs: 2_000,
};

/** What a TabaError carries, or the value itself when the call did not fail that way. */
async function refusal(call: Promise<unknown>): Promise<{ status: number; code: string; kind: string }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TabaError) return { status: error.status, code: error.code, kind: error.name };
    throw error;
  }
  throw new Error('the call succeeded');
}

for (const dialect of testDialects) {
  describe(`webhook endpoint and dead-letter routes (${dialect})`, () => {
    let t: TestApp;
    let url: string;
    let receiver: WebhookReceiver;
    let worker: OutboxWorker;

    before(async () => {
      receiver = await startWebhookReceiver();
      t = await createTestApp(dialect, { outbox: LOCAL_RECEIVERS });
      url = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const mailer = createMailer({ smtpUrl: t.config.smtpUrl, from: t.config.mailFrom, log: quiet });
      worker = createOutboxWorker({ database: { db: t.app.db, dialect }, config: t.config, mailer, log: quiet, batchSize: 50 });
    });
    after(async () => {
      await t.close();
      await receiver.close();
    });

    async function workspace(name?: string) {
      const { workspaceId, apiKey } = await t.newWorkspace(name);
      return { workspaceId, apiKey, client: new WorkspaceClient({ apiBase: url, apiKey }) };
    }

    /** Runs the worker until nothing of the workspace is pending any more. */
    async function drain(workspaceId: string): Promise<void> {
      for (let round = 0; round < 200; round++) {
        await worker.runOnce();
        const pending = await t.app.db.selectFrom('outbox_messages').select('id').where('workspace_id', '=', workspaceId).where('status', '=', 'pending').execute();
        if (!pending.length) return;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      throw new Error('the outbox did not drain');
    }

    /** A contact of a new customer accepts a sent proposal, through the portal API. */
    async function customerAccepts(apiKey: string): Promise<string> {
      const customer = await customerWithContact(t.app, apiKey, 'Acme');
      const proposalId = await customer.proposal('Website redesign');
      const { accessToken } = await signInContact(t.app, apiKey, customer.contactId);
      const accepted = await asContact(t.app, accessToken)('POST', `/v1/portal/proposals/${proposalId}/accept`, {});
      assert.equal(accepted.statusCode, 200, accepted.body);
      return proposalId;
    }

    const auditActions = async (workspaceId: string, subjectId: string) =>
      (await t.app.db.selectFrom('audit_events').select(['action', 'actor_type']).where('workspace_id', '=', workspaceId).where('subject_id', '=', subjectId).orderBy('seq').execute()).map(
        (event) => `${event.action} by ${event.actor_type}`,
      );

    test('create, list, retrieve, update and delete through the SDK; the secret is shown once and never again', async () => {
      const { workspaceId, apiKey, client } = await workspace();
      const created = await client.webhookEndpoints.create({ url: `${receiver.url}/crud`, description: 'Order system', eventTypes: ['proposal.accepted'] });
      assert.match(created.secret, /^whsec_/);
      assert.deepEqual(
        { url: created.url, description: created.description, eventTypes: created.eventTypes, enabled: created.enabled },
        { url: `${receiver.url}/crud`, description: 'Order system', eventTypes: ['proposal.accepted'], enabled: true },
      );

      const retrieved = await client.webhookEndpoints.retrieve(created.id);
      assert.equal(retrieved.id, created.id);
      assert.ok(!('secret' in retrieved), 'retrieve carries no secret');
      const listed = await client.webhookEndpoints.list();
      assert.deepEqual(listed.items.map((endpoint) => endpoint.id), [created.id]);
      assert.ok(!('secret' in listed.items[0]!), 'list carries no secret');

      const updated = await client.webhookEndpoints.update(created.id, { enabled: false, eventTypes: ['proposal.accepted', 'proposal.declined'] });
      assert.deepEqual([updated.enabled, updated.eventTypes, updated.url], [false, ['proposal.accepted', 'proposal.declined'], `${receiver.url}/crud`]);
      assert.deepEqual((await client.webhookEndpoints.retrieve(created.id)).enabled, false, 'the change is stored');

      // Nothing after the creation answer shows the secret, in any form.
      const call = asWorkspace(t.app, apiKey);
      for (const answer of [
        await call('GET', `/v1/workspace/webhook-endpoints/${created.id}`),
        await call('GET', '/v1/workspace/webhook-endpoints'),
        await call('PATCH', `/v1/workspace/webhook-endpoints/${created.id}`, { description: 'Renamed' }),
      ]) {
        assert.equal(answer.statusCode, 200);
        assert.ok(!answer.body.includes(created.secret), `no secret in ${answer.body}`);
      }

      await client.webhookEndpoints.delete(created.id);
      assert.deepEqual(await refusal(client.webhookEndpoints.retrieve(created.id)), { status: 404, code: 'not_found', kind: NotFoundError.name });
      assert.deepEqual((await client.webhookEndpoints.list()).items, []);
      assert.deepEqual(await auditActions(workspaceId, created.id), [
        'webhook_endpoint.created by api_key',
        'webhook_endpoint.updated by api_key',
        'webhook_endpoint.updated by api_key',
        'webhook_endpoint.deleted by api_key',
      ]);
      const audited = await t.app.db.selectFrom('audit_events').select('data').where('subject_id', '=', created.id).execute();
      assert.ok(audited.every((event) => !event.data.includes(created.secret)), 'the audit trail never holds the secret');
    });

    test('the creation answer is not cached', async () => {
      const { apiKey } = await workspace();
      const answer = await asWorkspace(t.app, apiKey)('POST', '/v1/workspace/webhook-endpoints', { url: `${receiver.url}/cache`, eventTypes: ['proposal.accepted'] });
      assert.equal(answer.statusCode, 201);
      assert.equal(answer.headers['cache-control'], 'no-store');
    });

    test('refused input answers problem+json with a stable code and stores nothing', async () => {
      const { apiKey, client } = await workspace();
      const call = asWorkspace(t.app, apiKey);
      const cases: [object, string][] = [
        [{ url: 'not a url', eventTypes: ['proposal.accepted'] }, 'webhook_url_invalid'],
        [{ url: 'ftp://127.0.0.1/hooks', eventTypes: ['proposal.accepted'] }, 'webhook_url_invalid'],
        [{ url: 'https://user:pass@127.0.0.1/hooks', eventTypes: ['proposal.accepted'] }, 'webhook_url_invalid'],
        [{ url: `${receiver.url}/x`, eventTypes: ['proposal.exploded'] }, 'webhook_event_type_unknown'],
        [{ url: 'https://no-such-host.invalid/hooks', eventTypes: ['proposal.accepted'] }, 'webhook_url_unresolvable'],
      ];
      for (const [body, code] of cases) {
        const answer = await call('POST', '/v1/workspace/webhook-endpoints', body);
        assert.equal(answer.statusCode, 422, `${JSON.stringify(body)}: ${answer.body}`);
        assert.match(String(answer.headers['content-type']), /^application\/problem\+json/);
        assert.equal(answer.json<{ code: string }>().code, code);
      }
      const empty = await call('POST', '/v1/workspace/webhook-endpoints', { url: `${receiver.url}/x`, eventTypes: [] });
      assert.equal(empty.statusCode, 400, 'at least one event type, by the schema');
      assert.deepEqual((await client.webhookEndpoints.list()).items, [], 'nothing was stored');
    });

    test("another workspace's endpoint and dead letter answer 404, and its lists stay empty", async () => {
      const victim = await workspace('Victim');
      const attacker = await workspace('Attacker');
      const endpoint = await victim.client.webhookEndpoints.create({ url: `${receiver.url}/victim`, eventTypes: ['proposal.accepted'] });
      const now = new Date().toISOString();
      await t.app.db
        .insertInto('outbox_messages')
        .values({ id: 'msg_victimdeadletter', workspace_id: victim.workspaceId, channel: 'email', event_type: 'member.invited', payload: '{}', recipient: 'someone@victim.example', status: 'dead', attempts: 3, next_attempt_at: now, created_at: now, updated_at: now })
        .execute();

      const notFound = { status: 404, code: 'not_found', kind: NotFoundError.name };
      assert.deepEqual(await refusal(attacker.client.webhookEndpoints.retrieve(endpoint.id)), notFound);
      assert.deepEqual(await refusal(attacker.client.webhookEndpoints.update(endpoint.id, { enabled: false })), notFound);
      assert.deepEqual(await refusal(attacker.client.webhookEndpoints.deliveries(endpoint.id)), notFound);
      assert.deepEqual(await refusal(attacker.client.webhookEndpoints.delete(endpoint.id)), notFound);
      assert.deepEqual(await refusal(attacker.client.deadLetters.redeliver('msg_victimdeadletter')), notFound);
      assert.deepEqual((await attacker.client.webhookEndpoints.list()).items, []);
      assert.deepEqual((await attacker.client.deadLetters.list()).items, []);

      assert.equal((await victim.client.webhookEndpoints.retrieve(endpoint.id)).enabled, true, 'untouched');
      assert.deepEqual((await victim.client.deadLetters.list()).items.map((letter) => letter.id), ['msg_victimdeadletter'], 'still dead');
    });

    test('the delivery log shows a real delivery, with the webhook-id the receiver saw', async () => {
      receiver.answer = () => ({ status: 204 });
      const { workspaceId, apiKey, client } = await workspace();
      const endpoint = await client.webhookEndpoints.create({ url: `${receiver.url}/log/${workspaceId}`, eventTypes: ['proposal.accepted'] });
      receiver.secret = endpoint.secret;
      assert.deepEqual((await client.webhookEndpoints.deliveries(endpoint.id)).items, [], 'nothing delivered yet');

      const proposalId = await customerAccepts(apiKey);
      await drain(workspaceId);

      const [received] = receiver.received.filter((request) => request.path === `/log/${workspaceId}`);
      assert.equal(received?.event?.data.proposalId, proposalId, 'the receiver verified the signature with the secret from the creation answer');
      const log = await client.webhookEndpoints.deliveries(endpoint.id);
      assert.deepEqual(
        log.items.map((delivery) => [delivery.webhookId, delivery.eventType, delivery.attempt, delivery.statusCode, delivery.error]),
        [[received?.webhookId, 'proposal.accepted', 1, 204, null]],
      );
      assert.equal(log.nextCursor, null);
    });

    test('a dead letter is listed, redelivered with the same webhook-id, and then leaves the list', async () => {
      let failing = true;
      receiver.answer = () => ({ status: failing ? 500 : 204 });
      const { workspaceId, apiKey, client } = await workspace();
      const endpoint = await client.webhookEndpoints.create({ url: `${receiver.url}/dead/${workspaceId}`, eventTypes: ['proposal.accepted'] });
      receiver.secret = endpoint.secret;
      await customerAccepts(apiKey);
      await drain(workspaceId);

      const dead = await client.deadLetters.list();
      assert.equal(dead.items.length, 1);
      const letter = dead.items[0]!;
      assert.deepEqual(
        [letter.channel, letter.eventType, letter.endpointId, letter.attempts, letter.lastError],
        ['webhook', 'proposal.accepted', endpoint.id, LOCAL_RECEIVERS.maxAttempts, 'HTTP 500'],
      );
      assert.ok(!('payload' in letter), 'no payload in the list');

      failing = false;
      const queued = await client.deadLetters.redeliver(letter.id);
      assert.deepEqual([queued.id, queued.attempts], [letter.id, 0]);
      assert.deepEqual((await client.deadLetters.list()).items, [], 'queued again, no longer dead');
      await drain(workspaceId);

      const attempts = receiver.received.filter((request) => request.path === `/dead/${workspaceId}`);
      assert.deepEqual(attempts.map((request) => request.answered), [500, 500, 500, 204]);
      assert.ok(attempts.every((request) => request.webhookId === letter.id), 'the same webhook-id on every attempt, redelivery included');
      const log = await client.webhookEndpoints.deliveries(endpoint.id, { limit: 2 });
      assert.deepEqual(log.items.map((delivery) => [delivery.attempt, delivery.statusCode]), [[1, 204], [3, 500]], 'newest first; the redelivery starts at attempt 1');
      assert.ok(log.nextCursor, 'a second page');
      assert.deepEqual((await client.webhookEndpoints.deliveries(endpoint.id, { cursor: log.nextCursor })).items.map((delivery) => delivery.attempt), [2, 1]);

      assert.deepEqual(await refusal(client.deadLetters.redeliver(letter.id)), { status: 404, code: 'not_found', kind: NotFoundError.name }, 'a delivered message is no dead letter');
      assert.deepEqual(await auditActions(workspaceId, letter.id), ['dead_letter.redelivered by api_key']);
    });
  });

  describe(`webhook endpoint URLs without TABA_WEBHOOK_ALLOW_PRIVATE (${dialect})`, () => {
    let t: TestApp;
    let call: ReturnType<typeof asWorkspace>;

    before(async () => {
      t = await createTestApp(dialect, { outbox: loadConfig({}).outbox });
      call = asWorkspace(t.app, (await t.newWorkspace()).apiKey);
    });
    after(() => t.close());

    test('private, loopback and link-local addresses are refused, at creation and on a change', async () => {
      assert.equal(t.config.outbox.webhookAllowPrivate, false, 'the default');
      for (const url of ['https://127.0.0.1/hooks', 'https://10.1.2.3/hooks', 'https://169.254.169.254/latest/meta-data', 'https://[::1]/hooks', 'https://localhost/hooks']) {
        const answer = await call('POST', '/v1/workspace/webhook-endpoints', { url, eventTypes: ['proposal.accepted'] });
        assert.equal(answer.statusCode, 422, `${url}: ${answer.body}`);
        assert.match(String(answer.headers['content-type']), /^application\/problem\+json/);
        assert.equal(answer.json<{ code: string }>().code, 'webhook_url_private', url);
      }
      const plain = await call('POST', '/v1/workspace/webhook-endpoints', { url: 'http://93.184.215.14/hooks', eventTypes: ['proposal.accepted'] });
      assert.equal(plain.json<{ code: string }>().code, 'webhook_url_invalid', 'http:// only with private addresses allowed');

      // A public address literal: accepted without resolving anything.
      const created = await call('POST', '/v1/workspace/webhook-endpoints', { url: 'https://93.184.215.14/hooks', eventTypes: ['proposal.accepted'] });
      assert.equal(created.statusCode, 201, created.body);
      const { id } = created.json<{ id: string }>();
      const moved = await call('PATCH', `/v1/workspace/webhook-endpoints/${id}`, { url: 'https://192.168.1.10/hooks' });
      assert.equal(moved.statusCode, 422);
      assert.equal(moved.json<{ code: string }>().code, 'webhook_url_private');
      assert.equal((await call('GET', `/v1/workspace/webhook-endpoints/${id}`)).json<{ url: string }>().url, 'https://93.184.215.14/hooks', 'unchanged');
    });
  });
}

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Page, Problem } from '../../../sdk/contract/common.js';
import type { Message, PortalMessage, PortalThread, PortalThreadCreated, Thread, ThreadCreated } from '../../../sdk/contract/messages.js';
import { pruneExpiredIdempotencyKeys } from '../../lib/idempotency.js';
import { newId } from '../../lib/ids.js';
import { isoNow } from '../../lib/time.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { asWorkspace, customerWithContact, signInContact } from '../../test-support/portal.js';
import { openMemberSession } from '../members/sessions.js';
import { renderEmail, type EmailNotification } from '../notifications/templates.js';

type Method = 'GET' | 'POST';
type Caller = (method: Method, url: string, payload?: object, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;

function bearer(app: FastifyInstance, token: string): Caller {
  return (method, url, payload, headers = {}) => app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}`, ...headers } });
}

/** An active member with a session, written as the security harness does (members join through Google sign-in). */
async function memberToken(app: FastifyInstance, workspaceId: string, name: string): Promise<string> {
  const tag = randomBytes(5).toString('hex');
  const personId = newId('per');
  await app.db.insertInto('people').values({ id: personId, google_sub: `g-${tag}`, email: `${tag}@team.example`, name, created_at: isoNow() }).execute();
  const memberId = newId('mem');
  await app.db
    .insertInto('members')
    .values({ id: memberId, workspace_id: workspaceId, person_id: personId, email: `${tag}@team.example`, role: 'manager', status: 'active', invited_by: null, created_at: isoNow(), joined_at: isoNow() })
    .execute();
  const session = await openMemberSession(app.db, { id: memberId, workspace_id: workspaceId, role: 'manager' });
  return app.signMemberAccessToken({ sub: memberId, ws: workspaceId, sid: session.sessionId });
}

for (const dialect of testDialects) {
  describe(`messages (${dialect})`, () => {
    let t: TestApp;
    let workspaceA: { workspaceId: string; apiKey: string };
    let keyB: string;
    let acme: Awaited<ReturnType<typeof customerWithContact>>;
    let globex: Awaited<ReturnType<typeof customerWithContact>>;
    let initech: Awaited<ReturnType<typeof customerWithContact>>;
    let acmePortal: Caller;
    let globexPortal: Caller;
    let team: Caller;
    let member: Caller;

    before(async () => {
      t = await createTestApp(dialect);
      workspaceA = await t.newWorkspace('Workspace A');
      keyB = (await t.newWorkspace('Workspace B')).apiKey;
      acme = await customerWithContact(t.app, workspaceA.apiKey, 'Acme');
      globex = await customerWithContact(t.app, workspaceA.apiKey, 'Globex');
      initech = await customerWithContact(t.app, keyB, 'Initech');
      acmePortal = bearer(t.app, (await signInContact(t.app, workspaceA.apiKey, acme.contactId)).accessToken);
      globexPortal = bearer(t.app, (await signInContact(t.app, workspaceA.apiKey, globex.contactId)).accessToken);
      team = bearer(t.app, workspaceA.apiKey);
      member = bearer(t.app, await memberToken(t.app, workspaceA.workspaceId, 'Mina Member'));
    });
    after(() => t.close());

    async function startThread(portal: Caller, title: string, body = 'Hello team'): Promise<PortalThreadCreated> {
      const response = await portal('POST', '/v1/portal/threads', { title, body });
      assert.equal(response.statusCode, 201, response.body);
      return response.json<PortalThreadCreated>();
    }

    const messageCount = async (threadId?: string) => {
      let query = t.app.db.selectFrom('thread_messages').select((eb) => eb.fn.countAll<number>().as('n'));
      if (threadId) query = query.where('thread_id', '=', threadId);
      return Number((await query.executeTakeFirstOrThrow()).n);
    };

    test('a body of 2,000 code points is accepted, 2,001 or only whitespace is refused with 422 and nothing is stored', async () => {
      const { thread } = await startThread(acmePortal, 'Limits');
      // 2,000 emoji are 4,000 UTF-16 units: the limit counts what a person sees as characters.
      const longest = `  ${'😀'.repeat(2_000)}\n`;
      const accepted = await acmePortal('POST', `/v1/portal/threads/${thread.id}/messages`, { body: longest });
      assert.equal(accepted.statusCode, 201, accepted.body);
      assert.equal(accepted.json<PortalMessage>().body, '😀'.repeat(2_000), 'stored trimmed, as sent');

      const before = await messageCount();
      for (const [body, code] of [
        ['😀'.repeat(2_001), 'message_too_long'],
        ['x'.repeat(2_001), 'message_too_long'],
        [' \n\t\u00a0 ', 'message_empty'],
        ['', 'message_empty'],
      ] as const) {
        for (const [caller, url, payload] of [
          [acmePortal, `/v1/portal/threads/${thread.id}/messages`, { body }],
          [acmePortal, '/v1/portal/threads', { title: 'Refused', body }],
          [team, `/v1/workspace/threads/${thread.id}/messages`, { body }],
          [team, `/v1/workspace/threads/${thread.id}/messages`, { body, internal: true }],
          [team, '/v1/workspace/threads', { customerId: acme.customerId, title: 'Refused', body }],
        ] as const) {
          const refused = await caller('POST', url, payload);
          assert.equal(refused.statusCode, 422, `${url} ${body.length}: ${refused.body}`);
          assert.equal(refused.headers['content-type'], 'application/problem+json');
          assert.equal(refused.json<Problem>().code, code);
        }
      }
      assert.equal(await messageCount(), before, 'no message stored');
      const threads = (await team('GET', `/v1/workspace/threads?customerId=${acme.customerId}&limit=100`)).json<Page<Thread>>();
      assert.ok(!threads.items.some((item) => item.title === 'Refused'), 'no thread stored');
    });

    test('a thread about a proposal takes its title; a proposal of another customer or workspace, or a draft, answers 404', async () => {
      const proposalId = await acme.proposal('Website redesign');
      const about = await acmePortal('POST', '/v1/portal/threads', { subject: { type: 'proposal', id: proposalId }, body: 'Is hosting included?' });
      assert.equal(about.statusCode, 201, about.body);
      const created = about.json<PortalThreadCreated>();
      assert.deepEqual(created.thread.subject, { type: 'proposal', id: proposalId });
      assert.equal(created.thread.title, 'Website redesign');
      assert.equal(created.message.author.isYou, true);

      const listed = (await acmePortal('GET', `/v1/portal/threads?subjectType=proposal&subjectId=${proposalId}`)).json<Page<PortalThread>>();
      assert.deepEqual(listed.items.map((item) => item.id), [created.thread.id]);

      for (const foreign of [await globex.proposal('Globex plan'), await initech.proposal('Initech plan'), await acme.proposal('Acme draft', { send: false })]) {
        const refused = await acmePortal('POST', '/v1/portal/threads', { subject: { type: 'proposal', id: foreign }, body: 'Hello?' });
        assert.equal(refused.statusCode, 404, refused.body);
        assert.equal(refused.json<Problem>().code, 'not_found');
        const byTeam = await team('POST', '/v1/workspace/threads', { customerId: acme.customerId, subject: { type: 'proposal', id: foreign }, body: 'Hello?' });
        assert.equal(byTeam.statusCode, 404, byTeam.body);
      }
      const unknownType = await acmePortal('POST', '/v1/portal/threads', { subject: { type: 'invoice', id: proposalId }, body: 'Hello?' });
      assert.equal(unknownType.statusCode, 400, unknownType.body);
      const untitled = await acmePortal('POST', '/v1/portal/threads', { body: 'About nothing' });
      assert.equal(untitled.statusCode, 422);
      assert.equal(untitled.json<Problem>().code, 'thread_title_required');
    });

    test('another customer’s or workspace’s thread answers 404 on every route, and nothing is written to it; a customer without contacts gets no thread', async () => {
      const globexThread = (await startThread(globexPortal, 'Globex private')).thread;
      const initechThread = (await bearer(t.app, keyB)('POST', '/v1/workspace/threads', { customerId: initech.customerId, title: 'Initech private', body: 'Hi' })).json<ThreadCreated>().thread;
      for (const id of [globexThread.id, initechThread.id]) {
        for (const [method, url] of [
          ['GET', `/v1/portal/threads/${id}`],
          ['GET', `/v1/portal/threads/${id}/messages`],
          ['POST', `/v1/portal/threads/${id}/messages`],
        ] as const) {
          const response = await acmePortal(method, url, method === 'POST' ? { body: 'Let me in' } : undefined);
          assert.equal(response.statusCode, 404, `${method} ${url}`);
          assert.equal(response.json<Problem>().code, 'not_found');
        }
      }
      for (const [method, url] of [
        ['GET', `/v1/workspace/threads/${initechThread.id}`],
        ['GET', `/v1/workspace/threads/${initechThread.id}/messages`],
        ['POST', `/v1/workspace/threads/${initechThread.id}/messages`],
      ] as const) {
        const response = await team(method, url, method === 'POST' ? { body: 'Let me in' } : undefined);
        assert.equal(response.statusCode, 404, `${method} ${url}`);
      }
      const foreignCustomer = await team('POST', '/v1/workspace/threads', { customerId: initech.customerId, title: 'Poaching', body: 'Hi' });
      assert.equal(foreignCustomer.statusCode, 404);
      const lonely = (await team('POST', '/v1/workspace/customers', { name: 'No contacts yet' })).json<{ id: string }>();
      const unread = await team('POST', '/v1/workspace/threads', { customerId: lonely.id, title: 'Nobody home', body: 'Hi' });
      assert.equal(unread.statusCode, 409);
      assert.equal(unread.json<Problem>().code, 'no_portal_contact');
      assert.equal(await messageCount(globexThread.id), 1);
      assert.equal(await messageCount(initechThread.id), 1);
      const acmeList = (await acmePortal('GET', '/v1/portal/threads?limit=100')).json<Page<PortalThread>>();
      assert.ok(!acmeList.items.some((item) => item.id === globexThread.id || item.id === initechThread.id));
      const teamList = (await team('GET', '/v1/workspace/threads?limit=100')).json<Page<Thread>>();
      assert.ok(!teamList.items.some((item) => item.id === initechThread.id));
    });

    test('customer messages open one follow-up per thread, reopened after it is done, each with an audit event', async () => {
      const { thread } = await startThread(acmePortal, 'Follow me up', 'First');
      for (const body of ['Second', 'Third']) assert.equal((await acmePortal('POST', `/v1/portal/threads/${thread.id}/messages`, { body })).statusCode, 201);
      const followUps = () => t.app.db.selectFrom('follow_ups').selectAll().where('source_type', '=', 'thread').where('source_id', '=', thread.id).execute();
      let rows = await followUps();
      assert.equal(rows.length, 1, 'one follow-up for three messages');
      assert.equal(rows[0]?.kind, 'message.received');
      assert.equal(rows[0]?.state, 'open');
      assert.equal(rows[0]?.customer_id, acme.customerId);
      assert.equal(rows[0]?.contact_id, acme.contactId);

      // Team replies and internal notes are not customer actions.
      await team('POST', `/v1/workspace/threads/${thread.id}/messages`, { body: 'On it' });
      const completed = await team('POST', `/v1/workspace/follow-ups/${rows[0]?.id}/complete`);
      assert.equal(completed.statusCode, 200, completed.body);
      await team('POST', `/v1/workspace/threads/${thread.id}/messages`, { body: 'Note', internal: true });
      assert.equal((await followUps())[0]?.state, 'done');

      assert.equal((await acmePortal('POST', `/v1/portal/threads/${thread.id}/messages`, { body: 'One more thing' })).statusCode, 201);
      rows = await followUps();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.state, 'open', 'reopened by the next customer message');

      const audit = await t.app.db.selectFrom('audit_events').select(['action', 'actor_type']).where('subject_id', '=', thread.id).orderBy('seq').execute();
      assert.deepEqual(
        audit.map((event) => `${event.actor_type} ${event.action}`),
        [
          'contact thread.created',
          'contact message.sent',
          'contact message.sent',
          'api_key message.sent',
          'api_key message.internal_note_added',
          'contact message.sent',
        ],
      );
    });

    test('message.received reaches a subscribed webhook endpoint with the message, in the same transaction', async () => {
      const endpoint = await t.app.db
        .insertInto('webhook_endpoints')
        .values({ id: newId('we'), workspace_id: workspaceA.workspaceId, url: 'https://hooks.example/taba', event_types: JSON.stringify(['message.received']), secret: 'whsec_test', created_at: isoNow(), updated_at: isoNow() })
        .returning('id')
        .executeTakeFirstOrThrow();
      try {
        const { thread, message } = await startThread(acmePortal, 'Hooked', 'Please call me back');
        const rows = await t.app.db.selectFrom('outbox_messages').selectAll().where('endpoint_id', '=', endpoint.id).execute();
        assert.equal(rows.length, 1);
        const body = JSON.parse(rows[0]?.payload ?? '{}') as { type: string; data: Record<string, unknown> };
        assert.equal(body.type, 'message.received');
        assert.equal(body.data.threadId, thread.id);
        assert.equal(body.data.messageId, message.id);
        assert.equal(body.data.body, 'Please call me back');
        assert.equal(body.data.customerId, acme.customerId);
        // A refused message leaves no event behind.
        await acmePortal('POST', `/v1/portal/threads/${thread.id}/messages`, { body: ' ' });
        assert.equal((await t.app.db.selectFrom('outbox_messages').select('id').where('endpoint_id', '=', endpoint.id).execute()).length, 1);
      } finally {
        await t.app.db.deleteFrom('webhook_endpoints').where('id', '=', endpoint.id).execute();
      }
    });

    test('a team reply emails the contacts who wrote in the thread; an internal note emails no one', async () => {
      const { thread } = await startThread(acmePortal, 'Mail me');
      const emails = () => t.app.db.selectFrom('outbox_messages').select(['recipient', 'payload']).where('channel', '=', 'email').where('event_type', '=', 'message.replied').where('payload', 'like', '%Mail me%').execute();
      await team('POST', `/v1/workspace/threads/${thread.id}/messages`, { body: 'Secret plan', internal: true });
      assert.equal((await emails()).length, 0);
      await member('POST', `/v1/workspace/threads/${thread.id}/messages`, { body: 'Here is the answer' });
      const sent = await emails();
      assert.deepEqual(sent.map((row) => row.recipient), ['contact@acme.example']);
      assert.ok(!sent[0]?.payload.includes('Here is the answer'), 'the email links to the portal, it does not carry the message');
      const email = renderEmail(JSON.parse(sent[0]?.payload ?? '{}') as EmailNotification, { to: 'contact@acme.example', publicUrl: 'https://portal.example' });
      assert.equal(email.subject, 'Workspace A replied: Mail me');
      assert.ok(email.text.includes(`https://portal.example/portal?workspace=${workspaceA.workspaceId}`), email.text);
    });

    test('unread counts on both sides, and reading marks read', async () => {
      const { thread } = await startThread(acmePortal, 'Unread', 'Question 1');
      await acmePortal('POST', `/v1/portal/threads/${thread.id}/messages`, { body: 'Question 2' });
      const teamThread = async (caller: Caller) => (await caller('GET', `/v1/workspace/threads/${thread.id}`)).json<Thread>();
      const portalThread = async () => (await acmePortal('GET', `/v1/portal/threads/${thread.id}`)).json<PortalThread>();

      assert.equal((await teamThread(team)).unreadCount, 2);
      assert.equal((await portalThread()).unreadCount, 0, 'a contact’s own messages are not unread to them');
      // An API key reading (an integration syncing) leaves them unread for the people.
      assert.equal((await team('GET', `/v1/workspace/threads/${thread.id}/messages`)).statusCode, 200);
      assert.equal((await teamThread(team)).unreadCount, 2);
      const listed = (await team('GET', `/v1/workspace/threads?customerId=${acme.customerId}&limit=100`)).json<Page<Thread>>();
      assert.equal(listed.items.find((item) => item.id === thread.id)?.unreadCount, 2);

      assert.equal((await member('GET', `/v1/workspace/threads/${thread.id}/messages`)).statusCode, 200);
      assert.equal((await teamThread(team)).unreadCount, 0, 'a member read them');
      assert.equal((await member('GET', `/v1/workspace/threads/${thread.id}/messages`)).statusCode, 200);
      assert.equal((await teamThread(team)).unreadCount, 0, 'reading again changes nothing');

      await team('POST', `/v1/workspace/threads/${thread.id}/messages`, { body: 'Answer 1' });
      await member('POST', `/v1/workspace/threads/${thread.id}/messages`, { body: 'Answer 2' });
      await team('POST', `/v1/workspace/threads/${thread.id}/messages`, { body: 'Internal', internal: true });
      assert.equal((await portalThread()).unreadCount, 2, 'internal notes are not counted');
      const listedPortal = (await acmePortal('GET', '/v1/portal/threads?limit=100')).json<Page<PortalThread>>();
      assert.equal(listedPortal.items.find((item) => item.id === thread.id)?.unreadCount, 2);
      // Per contact: a second contact of the same customer has their own count.
      const second = (await asWorkspace(t.app, workspaceA.apiKey)('POST', `/v1/workspace/customers/${acme.customerId}/contacts`, { displayName: 'Second', email: 'second@acme.example', role: 'CFO' })).json<{ id: string }>();
      const secondPortal = bearer(t.app, (await signInContact(t.app, workspaceA.apiKey, second.id)).accessToken);

      assert.equal((await acmePortal('GET', `/v1/portal/threads/${thread.id}/messages`)).statusCode, 200);
      assert.equal((await portalThread()).unreadCount, 0);
      assert.equal((await secondPortal('GET', `/v1/portal/threads/${thread.id}`)).json<PortalThread>().unreadCount, 2);

      await acmePortal('POST', `/v1/portal/threads/${thread.id}/messages`, { body: 'Question 3' });
      assert.equal((await teamThread(team)).unreadCount, 1);
      await member('POST', `/v1/workspace/threads/${thread.id}/messages`, { body: 'Answer 3' });
      assert.equal((await teamThread(team)).unreadCount, 0, 'a member who replies has read the thread');
    });

    test('internal notes never reach the portal', async () => {
      const { thread } = await startThread(acmePortal, 'Notes');
      const note = `INTERNAL-${randomBytes(6).toString('hex')}`;
      const created = await team('POST', `/v1/workspace/threads/${thread.id}/messages`, { body: note, internal: true });
      assert.equal(created.statusCode, 201);
      assert.equal(created.json<Message>().internal, true);
      await team('POST', `/v1/workspace/threads/${thread.id}/messages`, { body: 'Visible reply' });

      const teamMessages = (await team('GET', `/v1/workspace/threads/${thread.id}/messages`)).json<Page<Message>>();
      assert.ok(teamMessages.items.some((item) => item.body === note && item.internal), 'the team sees its note');

      const portalAnswers = [
        await acmePortal('GET', `/v1/portal/threads/${thread.id}/messages?limit=100`),
        await acmePortal('GET', `/v1/portal/threads/${thread.id}`),
        await acmePortal('GET', '/v1/portal/threads?limit=100'),
        await acmePortal('POST', `/v1/portal/threads/${thread.id}/messages`, { body: 'Anything new?' }),
      ];
      for (const answer of portalAnswers) {
        assert.ok(answer.statusCode < 300, answer.body);
        assert.ok(!answer.body.includes(note), `${answer.body} carries the note`);
        assert.ok(!/internal/i.test(answer.body), `${answer.body} names an internal field`);
      }
      const portalMessages = portalAnswers[0]?.json<Page<PortalMessage>>();
      assert.deepEqual(portalMessages?.items.map((item) => [item.body, item.author.type]), [['Visible reply', 'team'], ['Hello team', 'contact']]);
    });

    test('an Idempotency-Key makes a retry answer the first result without a second message; another body with it is refused', async () => {
      const { thread } = await startThread(acmePortal, 'Retries');
      const key = { 'idempotency-key': `send-${randomBytes(6).toString('hex')}` };
      const url = `/v1/portal/threads/${thread.id}/messages`;
      const first = await acmePortal('POST', url, { body: 'Only once' }, key);
      const retry = await acmePortal('POST', url, { body: 'Only once' }, key);
      assert.equal(first.statusCode, 201);
      assert.equal(retry.statusCode, 201);
      assert.deepEqual(retry.json(), first.json());
      assert.equal(await messageCount(thread.id), 2, 'the first message and one more');

      const reused = await acmePortal('POST', url, { body: 'Something else' }, key);
      assert.equal(reused.statusCode, 409);
      assert.equal(reused.json<Problem>().code, 'idempotency_key_reused');
      assert.equal(await messageCount(thread.id), 2);

      // Keys belong to their caller: the same key from the team is a new request.
      const byTeam = await team('POST', `/v1/workspace/threads/${thread.id}/messages`, { body: 'Only once' }, key);
      assert.equal(byTeam.statusCode, 201);
      assert.notEqual(byTeam.json<Message>().id, first.json<PortalMessage>().id);

      // A refused request stores no key: fixing the body and retrying with the key works.
      const fixKey = { 'idempotency-key': `fix-${randomBytes(6).toString('hex')}` };
      assert.equal((await acmePortal('POST', url, { body: '   ' }, fixKey)).statusCode, 422);
      assert.equal((await acmePortal('POST', url, { body: 'Fixed' }, fixKey)).statusCode, 201);

      const badKey = await acmePortal('POST', url, { body: 'x' }, { 'idempotency-key': 'k'.repeat(256) });
      assert.equal(badKey.statusCode, 400);
      assert.equal(badKey.json<Problem>().code, 'idempotency_key_invalid');

      // Starting a thread with a key is idempotent too.
      const threadKey = { 'idempotency-key': `thread-${randomBytes(6).toString('hex')}` };
      const a = await acmePortal('POST', '/v1/portal/threads', { title: 'Once', body: 'Hi' }, threadKey);
      const b = await acmePortal('POST', '/v1/portal/threads', { title: 'Once', body: 'Hi' }, threadKey);
      assert.equal(a.json<PortalThreadCreated>().thread.id, b.json<PortalThreadCreated>().thread.id);
    });

    test('a key is kept 24 hours: after that it is a new request, and the worker’s housekeeping deletes it', async () => {
      const { thread } = await startThread(acmePortal, 'Expiry');
      const key = `day-${randomBytes(6).toString('hex')}`;
      const url = `/v1/portal/threads/${thread.id}/messages`;
      const first = await acmePortal('POST', url, { body: 'Monday' }, { 'idempotency-key': key });
      const stored = await t.app.db.selectFrom('idempotency_keys').select(['created_at', 'expires_at']).where('key', '=', key).executeTakeFirstOrThrow();
      assert.equal(Date.parse(stored.expires_at) - Date.parse(stored.created_at), 24 * 60 * 60 * 1000);

      // A day later (the row's expiry moved into the past rather than waiting for it).
      await t.app.db.updateTable('idempotency_keys').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('key', '=', key).execute();
      const later = await acmePortal('POST', url, { body: 'Tuesday' }, { 'idempotency-key': key });
      assert.equal(later.statusCode, 201, later.body);
      assert.notEqual(later.json<PortalMessage>().id, first.json<PortalMessage>().id);

      await t.app.db.updateTable('idempotency_keys').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('key', '=', key).execute();
      assert.ok((await pruneExpiredIdempotencyKeys(t.app)) >= 1);
      assert.equal(await t.app.db.selectFrom('idempotency_keys').select('key').where('key', '=', key).executeTakeFirst(), undefined);
    });

    test('20 concurrent identical posts with one Idempotency-Key store one message and open one follow-up', async () => {
      const { thread } = await startThread(globexPortal, 'Concurrent');
      const key = { 'idempotency-key': `burst-${randomBytes(6).toString('hex')}` };
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => globexPortal('POST', `/v1/portal/threads/${thread.id}/messages`, { body: 'Double click' }, key)),
      );
      for (const answer of answers) assert.equal(answer.statusCode, 201, answer.body);
      assert.equal(new Set(answers.map((answer) => answer.json<PortalMessage>().id)).size, 1, 'every answer names the same message');
      assert.equal(await messageCount(thread.id), 2);
      const audit = await t.app.db.selectFrom('audit_events').select('id').where('subject_id', '=', thread.id).where('action', '=', 'message.sent').execute();
      assert.equal(audit.length, 1);
      const followUps = await t.app.db.selectFrom('follow_ups').select('id').where('source_type', '=', 'thread').where('source_id', '=', thread.id).execute();
      assert.equal(followUps.length, 1);

      const teamKey = { 'idempotency-key': `burst-${randomBytes(6).toString('hex')}` };
      const replies = await Promise.all(
        Array.from({ length: 20 }, () => team('POST', `/v1/workspace/threads/${thread.id}/messages`, { body: 'Replying once' }, teamKey)),
      );
      for (const answer of replies) assert.equal(answer.statusCode, 201, answer.body);
      assert.equal(await messageCount(thread.id), 3);
    });

    test('lists page newest first without repeats', async () => {
      const { thread } = await startThread(acmePortal, 'Paging', 'm0');
      for (let i = 1; i < 5; i++) await acmePortal('POST', `/v1/portal/threads/${thread.id}/messages`, { body: `m${i}` });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<PortalMessage> = (await acmePortal('GET', `/v1/portal/threads/${thread.id}/messages?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json();
        seen.push(...page.items.map((item) => item.body));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, ['m4', 'm3', 'm2', 'm1', 'm0']);
      // The newest conversation comes first in the portal list.
      const threads = (await acmePortal('GET', '/v1/portal/threads?limit=1')).json<Page<PortalThread>>();
      assert.equal(threads.items[0]?.id, thread.id);
    });
  });
}

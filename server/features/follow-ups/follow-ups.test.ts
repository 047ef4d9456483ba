import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Problem } from '../../../sdk/contract/common.js';
import type { FollowUp, FollowUpList } from '../../../sdk/contract/follow-ups.js';
import type { PortalProposal } from '../../../sdk/contract/proposals.js';
import { ConflictError, NotFoundError } from '../../../sdk/errors.js';
import { WorkspaceClient } from '../../../sdk/workspace-client.js';
import type { WorkspaceRole } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { isoNow } from '../../lib/time.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { asContact, asWorkspace, customerWithContact, signInContact } from '../../test-support/portal.js';
import { verifyAuditChain } from '../audit/repository.js';
import { openMemberSession } from '../members/sessions.js';
import { createFollowUp, openFollowUpForSource, type FollowUpSource } from './repository.js';

type Call = ReturnType<typeof asWorkspace>;

/** A signed-in member of the workspace; the rows are written directly (features/members tests sign-in itself). */
async function addMember(app: FastifyInstance, workspaceId: string, role: WorkspaceRole): Promise<{ memberId: string; email: string; call: Call }> {
  const tag = randomBytes(5).toString('hex');
  const email = `${role}-${tag}@team.example`;
  const personId = newId('per');
  await app.db.insertInto('people').values({ id: personId, google_sub: `g-${tag}`, email, name: `Member ${tag}`, created_at: isoNow() }).execute();
  const memberId = newId('mem');
  await app.db
    .insertInto('members')
    .values({ id: memberId, workspace_id: workspaceId, person_id: personId, email, role, status: 'active', invited_by: null, created_at: isoNow(), joined_at: isoNow() })
    .execute();
  const session = await openMemberSession(app.db, { id: memberId, workspace_id: workspaceId, role });
  const token = app.signMemberAccessToken({ sub: memberId, ws: workspaceId, sid: session.sessionId });
  return { memberId, email, call: asWorkspace(app, token) };
}

for (const dialect of testDialects) {
  describe(`follow-ups (${dialect})`, () => {
    let t: TestApp;
    let workspaceId: string;
    let apiKey: string;
    let call: Call;
    let acme: Awaited<ReturnType<typeof customerWithContact>>;
    let acmeToken: string;

    const countRows = async (table: 'audit_events' | 'follow_ups' | 'outbox_messages', where: { column: string; value: string }[] = []) => {
      let query = t.app.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).where('workspace_id', '=', workspaceId);
      for (const { column, value } of where) query = query.where(column as 'workspace_id', '=', value);
      return Number((await query.executeTakeFirstOrThrow()).n);
    };
    /** A follow-up made as a customer action makes one (other kinds than proposals have no route yet). */
    const followUpOf = (kind: string, sourceId = newId('src')): Promise<{ id: string }> =>
      createFollowUp(t.app.db, { workspaceId, kind, sourceType: kind.split('.')[0]!, sourceId, customerId: acme.customerId, contactId: acme.contactId, summary: `${kind} happened` });

    before(async () => {
      t = await createTestApp(dialect);
      ({ workspaceId, apiKey } = await t.newWorkspace('Follow-ups'));
      call = asWorkspace(t.app, apiKey);
      acme = await customerWithContact(t.app, apiKey, 'Acme');
      acmeToken = (await signInContact(t.app, apiKey, acme.contactId)).accessToken;
    });
    after(() => t.close());

    test('an accept makes, in one transaction, the status change, one audit event, one follow-up and one outbox row; accepting again makes none', async () => {
      const hook = await call('POST', '/v1/workspace/webhook-endpoints', { url: 'https://93.184.215.14/hooks', eventTypes: ['proposal.accepted'] });
      assert.equal(hook.statusCode, 201, hook.body);
      const proposalId = await acme.proposal('Website redesign');
      const before = { audit: await countRows('audit_events'), followUps: await countRows('follow_ups'), outbox: await countRows('outbox_messages') };

      const accepted = await asContact(t.app, acmeToken)('POST', `/v1/portal/proposals/${proposalId}/accept`);
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.equal(accepted.json<PortalProposal>().status, 'accepted');
      assert.equal(await countRows('audit_events'), before.audit + 1, 'one audit event');
      assert.equal(await countRows('follow_ups'), before.followUps + 1, 'one follow-up');
      assert.equal(await countRows('outbox_messages'), before.outbox + 1, 'one outbox row');

      const listed = (await call('GET', `/v1/workspace/follow-ups?sourceType=proposal&sourceId=${proposalId}`)).json<FollowUpList>();
      assert.equal(listed.items.length, 1);
      const [followUp] = listed.items;
      assert.equal(followUp?.kind, 'proposal.accepted');
      assert.deepEqual(followUp?.source, { type: 'proposal', id: proposalId });
      assert.equal(followUp?.customerId, acme.customerId);
      assert.equal(followUp?.contactId, acme.contactId);
      assert.equal(followUp?.state, 'open');
      assert.match(followUp?.summary ?? '', /^Proposal PROP-\d{4} "Website redesign" accepted$/);

      const again = await asContact(t.app, acmeToken)('POST', `/v1/portal/proposals/${proposalId}/accept`);
      assert.equal(again.statusCode, 200);
      assert.equal(await countRows('audit_events'), before.audit + 1, 'no second audit event');
      assert.equal(await countRows('follow_ups'), before.followUps + 1, 'no second follow-up');
      assert.equal(await countRows('outbox_messages'), before.outbox + 1, 'no second outbox row');
      assert.equal((await call('DELETE', `/v1/workspace/webhook-endpoints/${hook.json<{ id: string }>().id}`)).statusCode, 204);
    });

    test('a decline makes a proposal.declined follow-up carrying the reason', async () => {
      const proposalId = await acme.proposal('Support plan');
      const declined = await asContact(t.app, acmeToken)('POST', `/v1/portal/proposals/${proposalId}/decline`, { reason: 'Too expensive\nfor now' });
      assert.equal(declined.statusCode, 200, declined.body);
      const [followUp] = (await call('GET', `/v1/workspace/follow-ups?sourceId=${proposalId}`)).json<FollowUpList>().items;
      assert.equal(followUp?.kind, 'proposal.declined');
      assert.match(followUp?.summary ?? '', /"Support plan" declined: Too expensive for now$/, 'one line');
    });

    test('the list filters by state, customer, kind and source, pages by cursor, and counts by state', async () => {
      const globex = await customerWithContact(t.app, apiKey, 'Globex');
      const made: string[] = [];
      for (let i = 0; i < 5; i++) {
        made.push(
          (await createFollowUp(t.app.db, { workspaceId, kind: 'message.received', sourceType: 'thread', sourceId: newId('thr'), customerId: globex.customerId, contactId: null, summary: `Question ${i}` })).id,
        );
      }
      assert.equal((await call('POST', `/v1/workspace/follow-ups/${made[0]}/complete`)).statusCode, 200);
      assert.equal((await call('POST', `/v1/workspace/follow-ups/${made[1]}/dismiss`)).statusCode, 200);

      const all = (await call('GET', `/v1/workspace/follow-ups?customerId=${globex.customerId}`)).json<FollowUpList>();
      assert.deepEqual(all.counts, { open: 3, done: 1, dismissed: 1 });
      assert.deepEqual(all.items.map((item) => item.id).sort(), [...made].sort());
      const created = all.items.map((item) => item.createdAt);
      assert.deepEqual(created, [...created].sort().reverse(), 'newest first');

      const open = (await call('GET', `/v1/workspace/follow-ups?customerId=${globex.customerId}&state=open`)).json<FollowUpList>();
      assert.deepEqual(open.items.map((item) => item.id).sort(), made.slice(2).sort());
      assert.deepEqual(open.counts, { open: 3, done: 1, dismissed: 1 }, 'counts ignore the state filter');

      const seen: string[] = [];
      let url = `/v1/workspace/follow-ups?customerId=${globex.customerId}&limit=2`;
      for (;;) {
        const page = (await call('GET', url)).json<FollowUpList>();
        seen.push(...page.items.map((item) => item.id));
        if (!page.nextCursor) break;
        url = `/v1/workspace/follow-ups?customerId=${globex.customerId}&limit=2&cursor=${page.nextCursor}`;
      }
      assert.deepEqual(seen, all.items.map((item) => item.id), 'pages neither skip nor repeat');

      const byKind = (await call('GET', `/v1/workspace/follow-ups?customerId=${globex.customerId}&kind=proposal.accepted`)).json<FollowUpList>();
      assert.deepEqual(byKind.items, []);
      assert.deepEqual(byKind.counts, { open: 0, done: 0, dismissed: 0 });

      const bad = await call('GET', '/v1/workspace/follow-ups?state=archived');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json<Problem>().code, 'validation_failed');
    });

    test('assigning to a member is audited, announced and emailed to them; the same assignment again changes nothing', async () => {
      const lead = await addMember(t.app, workspaceId, 'team_lead');
      const followUp = await followUpOf('message.received');
      const dueAt = '2026-12-24T09:00:00.000Z';
      const assigned = await call('PATCH', `/v1/workspace/follow-ups/${followUp.id}`, { assigneeMemberId: lead.memberId, dueAt });
      assert.equal(assigned.statusCode, 200, assigned.body);
      assert.equal(assigned.json<FollowUp>().assigneeMemberId, lead.memberId);
      assert.equal(assigned.json<FollowUp>().dueAt, dueAt);

      const events = await t.app.db.selectFrom('audit_events').selectAll().where('subject_id', '=', followUp.id).execute();
      assert.deepEqual(events.map((event) => event.action), ['follow_up.updated']);
      assert.deepEqual(JSON.parse(events[0]!.data), { assigneeMemberId: lead.memberId, dueAt });
      const emails = await t.app.db.selectFrom('outbox_messages').selectAll().where('workspace_id', '=', workspaceId).where('event_type', '=', 'follow_up.assigned').execute();
      assert.deepEqual(emails.map((email) => email.recipient), [lead.email]);
      assert.equal(JSON.parse(emails[0]!.payload).dueAt, dueAt);

      const same = await call('PATCH', `/v1/workspace/follow-ups/${followUp.id}`, { assigneeMemberId: lead.memberId, dueAt: '2026-12-24T09:00:00Z' });
      assert.equal(same.statusCode, 200);
      assert.equal(await countRows('audit_events', [{ column: 'subject_id', value: followUp.id }]), 1, 'no audit event for no change');
      assert.equal(await countRows('outbox_messages', [{ column: 'event_type', value: 'follow_up.assigned' }]), 1, 'no second email');

      const cleared = await call('PATCH', `/v1/workspace/follow-ups/${followUp.id}`, { assigneeMemberId: null, dueAt: null });
      assert.equal(cleared.json<FollowUp>().assigneeMemberId, null);
      assert.equal(cleared.json<FollowUp>().dueAt, null);
      assert.equal(await countRows('outbox_messages', [{ column: 'event_type', value: 'follow_up.assigned' }]), 1, 'unassigning emails nobody');
    });

    test('an assignee must be an active member of this workspace', async () => {
      const followUp = await followUpOf('message.received');
      const other = await t.newWorkspace('Elsewhere');
      const stranger = await addMember(t.app, other.workspaceId, 'manager');
      for (const assigneeMemberId of [stranger.memberId, newId('mem')]) {
        const refused = await call('PATCH', `/v1/workspace/follow-ups/${followUp.id}`, { assigneeMemberId });
        assert.equal(refused.statusCode, 422);
        assert.equal(refused.json<Problem>().code, 'assignee_not_member');
      }
      const empty = await call('PATCH', `/v1/workspace/follow-ups/${followUp.id}`, {});
      assert.equal(empty.statusCode, 400, 'a PATCH must change something');
      assert.equal((await call('GET', `/v1/workspace/follow-ups/${followUp.id}`)).json<FollowUp>().assigneeMemberId, null);
    });

    test('complete, reopen and dismiss move the state once each, are idempotent and audited; a dismissed one cannot be completed', async () => {
      const followUp = await followUpOf('message.received');
      const path = `/v1/workspace/follow-ups/${followUp.id}`;
      const done = (await call('POST', `${path}/complete`)).json<FollowUp>();
      assert.equal(done.state, 'done');
      assert.ok(done.closedAt);
      assert.equal((await call('POST', `${path}/complete`)).json<FollowUp>().closedAt, done.closedAt, 'completing again changes nothing');
      const reopened = (await call('POST', `${path}/reopen`)).json<FollowUp>();
      assert.equal(reopened.state, 'open');
      assert.equal(reopened.closedAt, null);
      assert.equal((await call('POST', `${path}/reopen`)).statusCode, 200, 'reopening an open one is a no-op');
      assert.equal((await call('POST', `${path}/dismiss`)).json<FollowUp>().state, 'dismissed');
      const conflict = await call('POST', `${path}/complete`);
      assert.equal(conflict.statusCode, 409);
      assert.equal(conflict.json<Problem>().code, 'follow_up_not_open');
      const actions = (await t.app.db.selectFrom('audit_events').select('action').where('subject_id', '=', followUp.id).orderBy('seq').execute()).map((event) => event.action);
      assert.deepEqual(actions, ['follow_up.completed', 'follow_up.reopened', 'follow_up.dismissed']);
      assert.equal(await verifyAuditChain(t.app.db, workspaceId), null);
    });

    test('20 concurrent completes: every answer is 200 done, one change, one audit event, one webhook event', async () => {
      const hook = await call('POST', '/v1/workspace/webhook-endpoints', { url: 'https://93.184.215.14/hooks', eventTypes: ['follow_up.completed'] });
      assert.equal(hook.statusCode, 201, hook.body);
      const followUp = await followUpOf('message.received');
      const answers = await Promise.all(Array.from({ length: 20 }, () => call('POST', `/v1/workspace/follow-ups/${followUp.id}/complete`)));
      assert.deepEqual(answers.map((answer) => answer.statusCode), answers.map(() => 200), answers.find((answer) => answer.statusCode !== 200)?.body);
      assert.equal(new Set(answers.map((answer) => answer.json<FollowUp>().closedAt)).size, 1, 'one change, seen by all');
      assert.equal(await countRows('audit_events', [{ column: 'subject_id', value: followUp.id }]), 1);
      const events = await t.app.db.selectFrom('outbox_messages').select('payload').where('workspace_id', '=', workspaceId).where('event_type', '=', 'follow_up.completed').execute();
      assert.equal(events.length, 1);
      assert.equal(JSON.parse(events[0]!.payload).data.followUp.id, followUp.id);
      assert.equal((await call('DELETE', `/v1/workspace/webhook-endpoints/${hook.json<{ id: string }>().id}`)).statusCode, 204);
    });

    test('a team lead assigns and completes but does not dismiss', async () => {
      const lead = await addMember(t.app, workspaceId, 'team_lead');
      const followUp = await followUpOf('proposal.accepted');
      assert.equal((await lead.call('PATCH', `/v1/workspace/follow-ups/${followUp.id}`, { assigneeMemberId: lead.memberId })).statusCode, 200);
      assert.equal((await lead.call('POST', `/v1/workspace/follow-ups/${followUp.id}/complete`)).statusCode, 200);
      const dismiss = await lead.call('POST', `/v1/workspace/follow-ups/${followUp.id}/dismiss`);
      assert.equal(dismiss.statusCode, 403);
      assert.equal(dismiss.json<Problem>().code, 'forbidden');
    });

    test('a finance reviewer sees and acts on invoice and payment-proof follow-ups only', async () => {
      const reviewer = await addMember(t.app, workspaceId, 'finance_reviewer');
      const proposalFollowUp = await followUpOf('proposal.accepted');
      const invoiceFollowUp = await followUpOf('invoice.viewed');
      const proofFollowUp = await followUpOf('payment_proof.uploaded');

      const listed = (await reviewer.call('GET', '/v1/workspace/follow-ups?limit=100')).json<FollowUpList>();
      assert.ok(listed.items.every((item) => item.kind.startsWith('invoice.') || item.kind.startsWith('payment_proof.')), 'finance kinds only');
      assert.deepEqual(listed.items.map((item) => item.id).sort(), [invoiceFollowUp.id, proofFollowUp.id].sort());
      assert.deepEqual(listed.counts, { open: 2, done: 0, dismissed: 0 }, 'counts leave the others out too');

      for (const [method, suffix] of [['GET', ''], ['PATCH', ''], ['POST', '/complete'], ['POST', '/dismiss'], ['POST', '/reopen']] as const) {
        const refused = await reviewer.call(method, `/v1/workspace/follow-ups/${proposalFollowUp.id}${suffix}`, method === 'PATCH' ? { dueAt: null } : undefined);
        assert.equal(refused.statusCode, 404, `${method} ${suffix}`);
        assert.equal(refused.json<Problem>().code, 'not_found');
      }
      assert.equal((await reviewer.call('POST', `/v1/workspace/follow-ups/${invoiceFollowUp.id}/complete`)).json<FollowUp>().state, 'done');
      assert.equal((await reviewer.call('POST', `/v1/workspace/follow-ups/${proofFollowUp.id}/dismiss`)).json<FollowUp>().state, 'dismissed');
      assert.equal((await call('GET', `/v1/workspace/follow-ups/${proposalFollowUp.id}`)).json<FollowUp>().state, 'open', 'untouched');
    });

    test('another workspace’s follow-up answers 404 and is never listed', async () => {
      const followUp = await followUpOf('message.received');
      const other = asWorkspace(t.app, (await t.newWorkspace('Other')).apiKey);
      for (const [method, suffix] of [['GET', ''], ['POST', '/complete'], ['POST', '/dismiss']] as const) {
        assert.equal((await other(method, `/v1/workspace/follow-ups/${followUp.id}${suffix}`)).statusCode, 404);
      }
      const listed = (await other('GET', '/v1/workspace/follow-ups')).json<FollowUpList>();
      assert.deepEqual(listed.items, []);
      assert.equal((await call('GET', `/v1/workspace/follow-ups/${followUp.id}`)).json<FollowUp>().state, 'open');
    });

    test('the SDK lists, assigns, completes, reopens and dismisses follow-ups, with typed errors', async () => {
      const apiBase = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const client = new WorkspaceClient({ apiBase, apiKey });
      const followUp = await followUpOf('message.received');
      const listed = await client.followUps.list({ sourceType: 'message', sourceId: (await client.followUps.retrieve(followUp.id)).source.id });
      assert.deepEqual(listed.items.map((item) => item.id), [followUp.id]);
      assert.equal(listed.counts.open, 1);
      assert.equal((await client.followUps.update(followUp.id, { dueAt: '2027-01-04T00:00:00.000Z' })).dueAt, '2027-01-04T00:00:00.000Z');
      assert.equal((await client.followUps.complete(followUp.id)).state, 'done');
      assert.equal((await client.followUps.reopen(followUp.id)).state, 'open');
      assert.equal((await client.followUps.dismiss(followUp.id)).state, 'dismissed');
      await assert.rejects(client.followUps.complete(followUp.id), (error: unknown) => error instanceof ConflictError && error.code === 'follow_up_not_open');
      await assert.rejects(client.followUps.retrieve(newId('fu')), NotFoundError);
    });

    test('openFollowUpForSource keeps one follow-up per source: created, then kept while open, then reopened once closed', async () => {
      const source: FollowUpSource = { workspaceId, kind: 'message.received', sourceType: 'thread', sourceId: newId('thr'), customerId: acme.customerId, contactId: acme.contactId, summary: 'First question' };
      const first = await t.app.db.transaction().execute((trx) => openFollowUpForSource(trx, source));
      assert.deepEqual([first.created, first.reopened], [true, false]);
      const kept = await t.app.db.transaction().execute((trx) => openFollowUpForSource(trx, { ...source, summary: 'Second question' }));
      assert.deepEqual([kept.created, kept.reopened, kept.followUp.id], [false, false, first.followUp.id]);
      assert.equal((await call('POST', `/v1/workspace/follow-ups/${first.followUp.id}/complete`)).statusCode, 200);
      const reopened = await t.app.db.transaction().execute((trx) => openFollowUpForSource(trx, { ...source, summary: 'Third question' }));
      assert.deepEqual([reopened.created, reopened.reopened, reopened.followUp.id], [false, true, first.followUp.id]);
      assert.equal(reopened.followUp.state, 'open');
      assert.equal(reopened.followUp.summary, 'Third question');
      assert.equal(await countRows('follow_ups', [{ column: 'source_id', value: source.sourceId }]), 1);

      const racing = await Promise.all(
        Array.from({ length: 10 }, () => t.app.db.transaction().execute((trx) => openFollowUpForSource(trx, { ...source, sourceId: 'thr_racing' }))),
      );
      assert.equal(racing.filter((result) => result.created).length, 1, 'one of 10 concurrent calls creates it');
      assert.equal(await countRows('follow_ups', [{ column: 'source_id', value: 'thr_racing' }]), 1);
    });
  });
}

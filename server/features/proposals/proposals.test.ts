import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page, Problem } from '../../../sdk/contract/common.js';
import type { AuditEvent } from '../../../sdk/contract/audit.js';
import type { PortalProposal, Proposal } from '../../../sdk/contract/proposals.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { verifyAuditChain } from '../audit/repository.js';
import { testDialects } from '../../test-support/databases.js';
import { asContact, asWorkspace, customerWithContact, signInContact } from '../../test-support/portal.js';

for (const dialect of testDialects) {
  describe(`proposals (${dialect})`, () => {
    let t: TestApp;
    let keyA: string;
    let keyB: string;
    let acme: Awaited<ReturnType<typeof customerWithContact>>;
    let globex: Awaited<ReturnType<typeof customerWithContact>>;
    let initech: Awaited<ReturnType<typeof customerWithContact>>;
    let acmeToken: string;

    before(async () => {
      t = await createTestApp(dialect);
      keyA = (await t.newWorkspace('Workspace A')).apiKey;
      keyB = (await t.newWorkspace('Workspace B')).apiKey;
      acme = await customerWithContact(t.app, keyA, 'Acme');
      globex = await customerWithContact(t.app, keyA, 'Globex');
      initech = await customerWithContact(t.app, keyB, 'Initech');
      acmeToken = (await signInContact(t.app, keyA, acme.contactId)).accessToken;
    });
    after(() => t.close());

    test('a contact lists only their own customer’s sent proposals, never drafts or internal notes', async () => {
      await acme.proposal('Acme website');
      await acme.proposal('Acme draft', { send: false });
      await globex.proposal('Globex rollout');
      await initech.proposal('Initech audit');
      const response = await asContact(t.app, acmeToken)('GET', '/v1/portal/proposals');
      assert.equal(response.statusCode, 200);
      const page = response.json<Page<PortalProposal>>();
      const titles = page.items.map((p) => p.title);
      assert.ok(titles.includes('Acme website'));
      for (const hidden of ['Acme draft', 'Globex rollout', 'Initech audit']) assert.ok(!titles.includes(hidden), hidden);
      assert.ok(!response.body.includes('INTERNAL'), 'internal notes leaked');
      assert.ok(!response.body.includes('internalNotes'));
      const item = page.items.find((p) => p.title === 'Acme website');
      assert.equal(item?.status, 'pending');
      assert.equal(item?.feeModel, 'fixed_fee');
      assert.deepEqual(item?.fee, { amount: 100_000, currency: 'USD' });
      assert.match(item?.number ?? '', /^PROP-\d{4}$/);
    });

    test('a draft answers 404 to its own customer', async () => {
      const draft = await acme.proposal('Unsent draft', { send: false });
      const portal = asContact(t.app, acmeToken);
      assert.equal((await portal('GET', `/v1/portal/proposals/${draft}`)).statusCode, 404);
      assert.equal((await portal('POST', `/v1/portal/proposals/${draft}/accept`)).statusCode, 404);
    });

    test('another customer’s or another workspace’s proposal answers 404 on read, accept and decline', async () => {
      const portal = asContact(t.app, acmeToken);
      const foreigners = [
        { id: await globex.proposal('Globex secret'), owner: keyA },
        { id: await initech.proposal('Initech secret'), owner: keyB },
      ];
      for (const foreign of foreigners) {
        for (const [method, url] of [
          ['GET', `/v1/portal/proposals/${foreign.id}`],
          ['POST', `/v1/portal/proposals/${foreign.id}/accept`],
          ['POST', `/v1/portal/proposals/${foreign.id}/decline`],
        ] as const) {
          const response = await portal(method, url, method === 'POST' ? {} : undefined);
          assert.equal(response.statusCode, 404, `${method} ${url}`);
          assert.equal(response.headers['content-type'], 'application/problem+json');
          assert.equal(response.json<Problem>().code, 'not_found');
        }
        const untouched = await asWorkspace(t.app, foreign.owner)('GET', `/v1/workspace/proposals/${foreign.id}`);
        assert.equal(untouched.json<Proposal>().status, 'pending', 'the foreign proposal was not touched');
      }
    });

    test('a workspace key cannot read, send or propose to another workspace’s objects', async () => {
      const draft = await acme.proposal('Workspace A only', { send: false });
      const asB = asWorkspace(t.app, keyB);
      assert.equal((await asB('GET', `/v1/workspace/proposals/${draft}`)).statusCode, 404);
      assert.equal((await asB('POST', `/v1/workspace/proposals/${draft}/send`)).statusCode, 404);
      assert.equal((await asB('GET', `/v1/workspace/customers/${acme.customerId}/contacts`)).statusCode, 404);
      const create = await asB('POST', '/v1/workspace/proposals', {
        customerId: acme.customerId,
        title: 'Sneaky',
        feeModel: 'fixed_fee',
        fee: { amount: 1, currency: 'USD' },
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      });
      assert.equal(create.statusCode, 404);
      assert.equal((await asB('POST', '/v1/workspace/portal-sessions', { contactId: acme.contactId })).statusCode, 404);
      const listed = (await asB('GET', '/v1/workspace/proposals')).json<Page<Proposal>>();
      assert.ok(listed.items.every((p) => !p.title.startsWith('Workspace A')));
    });

    test('accept records the decision and one audit event; accepting again changes nothing', async () => {
      const id = await acme.proposal('Accept me');
      const portal = asContact(t.app, acmeToken);
      const first = await portal('POST', `/v1/portal/proposals/${id}/accept`, {});
      assert.equal(first.statusCode, 200);
      const accepted = first.json<PortalProposal>();
      assert.equal(accepted.status, 'accepted');
      assert.ok(accepted.decidedAt);
      const second = await portal('POST', `/v1/portal/proposals/${id}/accept`, {});
      assert.equal(second.statusCode, 200);
      assert.equal(second.json<PortalProposal>().decidedAt, accepted.decidedAt);

      const events = (await asWorkspace(t.app, keyA)('GET', `/v1/workspace/audit-events?subjectId=${id}`)).json<Page<AuditEvent>>().items;
      assert.deepEqual(events.map((e) => e.action), ['proposal.created', 'proposal.sent', 'proposal.accepted']);
      const acceptedEvent = events[2];
      assert.equal(acceptedEvent?.actorType, 'contact');
      assert.equal(acceptedEvent?.actorId, acme.contactId);
      assert.equal(acceptedEvent?.customerId, acme.customerId);
      assert.equal(acceptedEvent?.prevHash, events[1]?.hash, 'events are hash-chained');
      const declineAfter = await portal('POST', `/v1/portal/proposals/${id}/decline`, {});
      assert.equal(declineAfter.statusCode, 409);
      assert.equal(declineAfter.json<Problem>().code, 'proposal_already_decided');
    });

    test('the audit trail is an intact hash chain, and editing any event breaks it', async () => {
      const id = await acme.proposal('Chained');
      await asContact(t.app, acmeToken)('POST', `/v1/portal/proposals/${id}/accept`, {});
      const { workspaceId } = await t.app.db.selectFrom('proposals').select('workspace_id as workspaceId').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(await verifyAuditChain(t.app.db, workspaceId), null, 'the chain is intact');
      const accepted = await t.app.db.selectFrom('audit_events').select(['id', 'seq']).where('subject_id', '=', id).where('action', '=', 'proposal.accepted').executeTakeFirstOrThrow();
      const original = await t.app.db.selectFrom('audit_events').select('actor_id').where('id', '=', accepted.id).executeTakeFirstOrThrow();
      await t.app.db.updateTable('audit_events').set({ actor_id: 'ctc_someoneelse000000000' }).where('id', '=', accepted.id).execute();
      try {
        assert.equal(await verifyAuditChain(t.app.db, workspaceId), accepted.seq, 'the edited event is found');
      } finally {
        await t.app.db.updateTable('audit_events').set({ actor_id: original.actor_id }).where('id', '=', accepted.id).execute();
      }
      assert.equal(await verifyAuditChain(t.app.db, workspaceId), null);
    });

    test('concurrent accepts of one proposal write exactly one audit event', async () => {
      const id = await acme.proposal('Race me');
      const portal = asContact(t.app, acmeToken);
      const responses = await Promise.all(Array.from({ length: 5 }, () => portal('POST', `/v1/portal/proposals/${id}/accept`, {})));
      assert.deepEqual(responses.map((r) => r.statusCode), [200, 200, 200, 200, 200]);
      const events = (await asWorkspace(t.app, keyA)('GET', `/v1/workspace/audit-events?subjectId=${id}`)).json<Page<AuditEvent>>().items;
      assert.equal(events.filter((e) => e.action === 'proposal.accepted').length, 1);
    });

    test('decline keeps the reason, writes an audit event, and blocks a later accept', async () => {
      const id = await acme.proposal('Decline me');
      const portal = asContact(t.app, acmeToken);
      const declined = await portal('POST', `/v1/portal/proposals/${id}/decline`, { reason: '  Too expensive  ' });
      assert.equal(declined.statusCode, 200);
      assert.equal(declined.json<PortalProposal>().status, 'declined');
      assert.equal(declined.json<PortalProposal>().declineReason, 'Too expensive');
      const accept = await portal('POST', `/v1/portal/proposals/${id}/accept`, {});
      assert.equal(accept.statusCode, 409);
      assert.equal(accept.json<Problem>().code, 'proposal_already_decided');
      const events = (await asWorkspace(t.app, keyA)('GET', `/v1/workspace/audit-events?subjectId=${id}`)).json<Page<AuditEvent>>().items;
      assert.deepEqual(events.at(-1)?.data, { reason: 'Too expensive' });
      const tooLong = await portal('POST', `/v1/portal/proposals/${await acme.proposal('Long reason')}/decline`, { reason: 'x'.repeat(2001) });
      assert.equal(tooLong.statusCode, 400);
    });

    test('past its expiry a proposal shows Expired and cannot be accepted or declined', async () => {
      const id = await acme.proposal('Expiring');
      // Time passes: move the expiry into the past, as the clock would.
      await t.app.db.updateTable('proposals').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', id).execute();
      const portal = asContact(t.app, acmeToken);
      assert.equal((await portal('GET', `/v1/portal/proposals/${id}`)).json<PortalProposal>().status, 'expired');
      for (const action of ['accept', 'decline']) {
        const response = await portal('POST', `/v1/portal/proposals/${id}/${action}`, {});
        assert.equal(response.statusCode, 409);
        assert.equal(response.json<Problem>().code, 'proposal_expired');
      }
      const row = await t.app.db.selectFrom('proposals').select(['status', 'decided_at']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { status: 'pending', decided_at: null });
      const events = (await asWorkspace(t.app, keyA)('GET', `/v1/workspace/audit-events?subjectId=${id}`)).json<Page<AuditEvent>>().items;
      assert.ok(events.every((e) => e.action !== 'proposal.accepted' && e.action !== 'proposal.declined'));
    });

    test('send is refused while the customer has no portal contact, and the proposal stays a draft', async () => {
      const call = asWorkspace(t.app, keyA);
      const lonely = (await call('POST', '/v1/workspace/customers', { name: 'No contacts Ltd' })).json<{ id: string }>();
      const draft = (
        await call('POST', '/v1/workspace/proposals', {
          customerId: lonely.id,
          title: 'Nobody to send to',
          feeModel: 'retainer',
          fee: { amount: 5000, currency: 'EUR' },
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        })
      ).json<Proposal>();
      assert.equal(draft.status, 'draft');
      const sent = await call('POST', `/v1/workspace/proposals/${draft.id}/send`);
      assert.equal(sent.statusCode, 409);
      assert.equal(sent.json<Problem>().code, 'no_portal_contact');
      assert.equal((await call('GET', `/v1/workspace/proposals/${draft.id}`)).json<Proposal>().status, 'draft');
      const again = await call('POST', `/v1/workspace/proposals/${await acme.proposal('Sent once')}/send`);
      assert.equal(again.json<Problem>().code, 'proposal_already_sent');
    });

    test('proposal numbers are assigned in order within a workspace', async () => {
      const call = asWorkspace(t.app, keyA);
      const ids = [await acme.proposal('Numbered 1', { send: false }), await acme.proposal('Numbered 2', { send: false })];
      const numbers = await Promise.all(ids.map(async (id) => (await call('GET', `/v1/workspace/proposals/${id}`)).json<Proposal>().number));
      const [a, b] = numbers.map((n) => Number(n.slice('PROP-'.length)));
      assert.equal(b, (a ?? 0) + 1);
    });

    test('bad input answers 400 problem+json naming the field, and nothing is written', async () => {
      const call = asWorkspace(t.app, keyA);
      const valid = {
        customerId: acme.customerId,
        title: 'Valid',
        feeModel: 'fixed_fee',
        fee: { amount: 100, currency: 'USD' },
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      };
      const before = (await call('GET', '/v1/workspace/proposals?limit=100')).json<Page<Proposal>>().items.length;
      const cases: [string, object, string][] = [
        ['unknown fee model', { ...valid, feeModel: 'barter' }, 'body.feeModel'],
        ['negative amount', { ...valid, fee: { amount: -1, currency: 'USD' } }, 'body.fee.amount'],
        ['fractional amount', { ...valid, fee: { amount: 1.5, currency: 'USD' } }, 'body.fee.amount'],
        ['lower-case currency', { ...valid, fee: { amount: 1, currency: 'usd' } }, 'body.fee.currency'],
        ['missing title', { ...valid, title: undefined }, 'body.title'],
        ['empty title', { ...valid, title: '' }, 'body.title'],
        ['bad date', { ...valid, expiresAt: 'next tuesday' }, 'body.expiresAt'],
        ['unknown field', { ...valid, status: 'accepted' }, 'body.status'],
      ];
      for (const [name, body, field] of cases) {
        const response = await call('POST', '/v1/workspace/proposals', body);
        assert.equal(response.statusCode, 400, name);
        assert.equal(response.headers['content-type'], 'application/problem+json', name);
        const problem = response.json<Problem>();
        assert.equal(problem.code, 'validation_failed', name);
        assert.ok(problem.errors?.some((e) => e.field === field), `${name}: ${JSON.stringify(problem.errors)}`);
        assert.ok(problem.requestId, name);
      }
      const oversized = await call('POST', '/v1/workspace/proposals', { ...valid, summary: 'x'.repeat(200_000) });
      assert.equal(oversized.statusCode, 413);
      assert.equal(oversized.json<Problem>().code, 'body_too_large');
      const after = (await call('GET', '/v1/workspace/proposals?limit=100')).json<Page<Proposal>>().items.length;
      assert.equal(after, before, 'no proposal was written');
    });

    test('lists paginate with a stable cursor and reject a forged one', async () => {
      const customer = await customerWithContact(t.app, keyA, 'Paged');
      for (let i = 0; i < 23; i++) await customer.proposal(`Paged ${i}`);
      const token = (await signInContact(t.app, keyA, customer.contactId)).accessToken;
      const portal = asContact(t.app, token);
      const first = (await portal('GET', '/v1/portal/proposals?limit=20')).json<Page<PortalProposal>>();
      assert.equal(first.items.length, 20);
      assert.ok(first.nextCursor);
      const second = (await portal('GET', `/v1/portal/proposals?limit=20&cursor=${first.nextCursor}`)).json<Page<PortalProposal>>();
      assert.equal(second.items.length, 3);
      assert.equal(second.nextCursor, null);
      const ids = [...first.items, ...second.items].map((p) => p.id);
      assert.equal(new Set(ids).size, 23);
      const sentAts = [...first.items, ...second.items].map((p) => p.sentAt);
      assert.deepEqual(sentAts, [...sentAts].sort().reverse(), 'newest first');
      const forged = await portal('GET', '/v1/portal/proposals?cursor=not-a-cursor');
      assert.equal(forged.statusCode, 400);
      assert.equal(forged.json<Problem>().code, 'invalid_cursor');
      assert.equal((await portal('GET', '/v1/portal/proposals?limit=101')).statusCode, 400);
    });
  });
}

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { AuditEvent, AuditVerification } from '../../../sdk/contract/audit.js';
import type { Page, Problem } from '../../../sdk/contract/common.js';
import { WorkspaceClient } from '../../../sdk/workspace-client.js';
import type { AuditEventRow, WorkspaceRole } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { isoNow } from '../../lib/time.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { asWorkspace, customerWithContact, signInContact, asContact } from '../../test-support/portal.js';
import { openMemberSession } from '../members/sessions.js';
import { chainHash } from './repository.js';

const GENESIS_HASH = '0'.repeat(64);

/** A member's access token; the rows are written directly (features/members tests sign-in itself). */
async function memberToken(app: FastifyInstance, workspaceId: string, role: WorkspaceRole): Promise<string> {
  const tag = randomBytes(5).toString('hex');
  const personId = newId('per');
  await app.db.insertInto('people').values({ id: personId, google_sub: `g-${tag}`, email: `${tag}@team.example`, name: tag, created_at: isoNow() }).execute();
  const memberId = newId('mem');
  await app.db
    .insertInto('members')
    .values({ id: memberId, workspace_id: workspaceId, person_id: personId, email: `${tag}@team.example`, role, status: 'active', invited_by: null, created_at: isoNow(), joined_at: isoNow() })
    .execute();
  const session = await openMemberSession(app.db, { id: memberId, workspace_id: workspaceId, role });
  return app.signMemberAccessToken({ sub: memberId, ws: workspaceId, sid: session.sessionId });
}

/**
 * Appends `count` correctly chained events straight to the table (the API would take minutes),
 * each with about 1 KB of data so that the export is tens of megabytes.
 */
async function appendManyEvents(app: FastifyInstance, workspaceId: string, count: number): Promise<void> {
  const last = await app.db.selectFrom('audit_events').select(['seq', 'hash']).where('workspace_id', '=', workspaceId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let seq = last?.seq ?? 0;
  let previous = last?.hash ?? GENESIS_HASH;
  const padding = 'x'.repeat(1000);
  const start = Date.now();
  for (let done = 0; done < count; ) {
    const rows: AuditEventRow[] = [];
    for (const end = Math.min(done + 500, count); done < end; done++) {
      seq += 1;
      const event = {
        id: newId('evt'),
        workspace_id: workspaceId,
        seq,
        actor_type: 'system' as const,
        actor_id: 'bulk',
        action: 'bulk.recorded',
        subject_type: 'bulk',
        subject_id: `blk_${seq}`,
        customer_id: null,
        data: JSON.stringify({ padding }),
        created_at: new Date(start + seq).toISOString(),
        prev_hash: previous,
      };
      previous = chainHash(event);
      rows.push({ ...event, hash: previous });
    }
    await app.db.insertInto('audit_events').values(rows).execute();
  }
}

for (const dialect of testDialects) {
  describe(`audit trail for reviewers (${dialect})`, () => {
    let t: TestApp;
    let apiBase: string;

    before(async () => {
      t = await createTestApp(dialect);
      apiBase = await t.app.listen({ port: 0, host: '127.0.0.1' });
    });
    after(() => t.close());

    test('the list filters by subject, actor, action, customer and time range', async () => {
      const { workspaceId, apiKey } = await t.newWorkspace('Filters');
      const call = asWorkspace(t.app, apiKey);
      const acme = await customerWithContact(t.app, apiKey, 'Acme');
      const globex = await customerWithContact(t.app, apiKey, 'Globex');
      const acmeProposal = await acme.proposal('Acme plan');
      await globex.proposal('Globex plan');
      const { accessToken } = await signInContact(t.app, apiKey, acme.contactId);
      const middle = new Date(Date.now() + 1).toISOString();
      await new Promise((resolve) => setTimeout(resolve, 5));
      assert.equal((await asContact(t.app, accessToken)('POST', `/v1/portal/proposals/${acmeProposal}/accept`)).statusCode, 200);
      const list = async (query: string) => {
        const response = await call('GET', `/v1/workspace/audit-events?limit=100&${query}`);
        assert.equal(response.statusCode, 200, response.body);
        return response.json<Page<AuditEvent>>().items;
      };

      const all = await list('');
      assert.ok(all.length >= 5);
      assert.deepEqual((await list(`subjectType=proposal&subjectId=${acmeProposal}`)).map((event) => event.action), ['proposal.created', 'proposal.sent', 'proposal.accepted']);
      assert.deepEqual((await list(`actorType=contact&actorId=${acme.contactId}`)).map((event) => event.action), ['proposal.accepted']);
      assert.deepEqual((await list('action=proposal.sent')).map((event) => event.customerId).sort(), [acme.customerId, globex.customerId].sort());
      const globexEvents = await list(`customerId=${globex.customerId}`);
      assert.ok(globexEvents.length > 0 && globexEvents.every((event) => event.customerId === globex.customerId));
      const after = await list(`from=${encodeURIComponent(middle)}`);
      assert.deepEqual(after.map((event) => event.action), ['proposal.accepted']);
      const before = await list(`to=${encodeURIComponent(middle)}`);
      assert.equal(before.length + after.length, all.length, 'from is inclusive, to exclusive: the two halves make the whole');
      // A time without milliseconds compares as the instant it names.
      const wholeSecond = new Date(Date.parse(all[0]!.createdAt) - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      assert.equal((await list(`from=${wholeSecond}`)).length, all.length);
      assert.equal(workspaceId.startsWith('ws_'), true);

      const bad = await call('GET', '/v1/workspace/audit-events?from=yesterday');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json<Problem>().code, 'validation_failed');
    });

    test('verify answers intact with the number checked, and names the first broken event after an edit', async () => {
      const { workspaceId, apiKey } = await t.newWorkspace('Verify');
      const call = asWorkspace(t.app, apiKey);
      const acme = await customerWithContact(t.app, apiKey, 'Acme');
      await acme.proposal('One');
      await acme.proposal('Two');
      const events = await t.app.db.selectFrom('audit_events').selectAll().where('workspace_id', '=', workspaceId).orderBy('seq').execute();
      const intact = await call('POST', '/v1/workspace/audit-events/verify');
      assert.equal(intact.statusCode, 200, intact.body);
      assert.deepEqual(intact.json<AuditVerification>(), { intact: true, checked: events.length, firstBrokenEventId: null });

      const tampered = events[2]!;
      await t.app.db.updateTable('audit_events').set({ data: '{"reason":"edited"}' }).where('id', '=', tampered.id).execute();
      assert.deepEqual((await call('POST', '/v1/workspace/audit-events/verify')).json<AuditVerification>(), { intact: false, checked: 3, firstBrokenEventId: tampered.id });
    });

    test('export streams JSON Lines in chain order, reading the trail batch by batch as the client reads', async () => {
      const { workspaceId, apiKey } = await t.newWorkspace('Export');
      await appendManyEvents(t.app, workspaceId, 20_000);
      const client = new WorkspaceClient({ apiBase, apiKey });

      const raw = await fetch(`${apiBase}/v1/workspace/audit-events/export?action=bulk.recorded`, { headers: { authorization: `Bearer ${apiKey}` } });
      assert.equal(raw.status, 200);
      assert.match(raw.headers.get('content-type') ?? '', /^application\/x-ndjson/);
      assert.equal(raw.headers.get('content-length'), null, 'streamed, not sent as one body');
      await raw.body?.cancel();

      const events = (await client.auditEvents.export())[Symbol.asyncIterator]();
      const first = await events.next();
      assert.equal(first.done, false);
      assert.equal(first.value?.seq, 1);
      // While the client holds the stream, rewrite the second half of the trail: a server that had
      // read the whole trail before sending would still send the old rows.
      await t.app.db.updateTable('audit_events').set({ action: 'bulk.rewritten' }).where('workspace_id', '=', workspaceId).where('seq', '>', 10_000).execute();
      let count = 1;
      let previousSeq = 1;
      let last: AuditEvent | undefined;
      for (let next = await events.next(); !next.done; next = await events.next()) {
        count += 1;
        assert.equal(next.value.seq, previousSeq + 1, 'chain order, nothing skipped or repeated');
        previousSeq = next.value.seq;
        last = next.value;
      }
      assert.equal(count, 20_000);
      assert.equal(last?.action, 'bulk.rewritten', 'the last rows were read from the database after the stream began');

      const verified = await client.auditEvents.verify();
      assert.equal(verified.intact, false, 'the rewrite broke the chain');
      assert.equal(verified.checked, 10_001);
    });

    test('export takes the list filters, and an empty result is an empty body', async () => {
      const { apiKey } = await t.newWorkspace('Export filters');
      const client = new WorkspaceClient({ apiBase, apiKey });
      const acme = await customerWithContact(t.app, apiKey, 'Acme');
      const proposalId = await acme.proposal('Filtered');
      const exported: AuditEvent[] = [];
      for await (const event of await client.auditEvents.export({ subjectId: proposalId })) exported.push(event);
      assert.deepEqual(exported.map((event) => event.action), ['proposal.created', 'proposal.sent']);
      assert.deepEqual(exported, (await client.auditEvents.list({ subjectId: proposalId })).items, 'the same events as the list');
      const none: AuditEvent[] = [];
      for await (const event of await client.auditEvents.export({ action: 'nothing.happened' })) none.push(event);
      assert.deepEqual(none, []);
    });

    test('owners, managers and finance reviewers read, verify and export the trail; team leads do not', async () => {
      const { workspaceId } = await t.newWorkspace('Audit roles');
      for (const role of ['owner', 'manager', 'team_lead', 'finance_reviewer'] as const) {
        const call = asWorkspace(t.app, await memberToken(t.app, workspaceId, role));
        for (const [method, url] of [['GET', '/v1/workspace/audit-events'], ['POST', '/v1/workspace/audit-events/verify'], ['GET', '/v1/workspace/audit-events/export']] as const) {
          const response = await call(method, url);
          if (role === 'team_lead') {
            assert.equal(response.statusCode, 403, `${role} ${method} ${url}`);
            assert.equal(response.json<Problem>().code, 'forbidden');
          } else {
            assert.equal(response.statusCode, 200, `${role} ${method} ${url}: ${response.body}`);
          }
        }
      }
    });
  });
}

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { Page, Problem } from '../../../sdk/contract/common.js';
import type { Comment, PortalComment, PortalProject, PortalProjectCard, Project, Task, TimeEntry } from '../../../sdk/contract/projects.js';
import { newId } from '../../lib/ids.js';
import { isoNow } from '../../lib/time.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { customerWithContact, signInContact } from '../../test-support/portal.js';
import { openMemberSession } from '../members/sessions.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type Caller = (method: Method, url: string, payload?: object, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;

function bearer(app: FastifyInstance, token: string): Caller {
  return (method, url, payload, headers = {}) => app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}`, ...headers } });
}

/** An active member, written as the security harness does (members join through Google sign-in). */
async function addMember(app: FastifyInstance, workspaceId: string, name: string, role: 'manager' | 'finance_reviewer' = 'manager'): Promise<{ memberId: string; token: string }> {
  const tag = randomBytes(5).toString('hex');
  const personId = newId('per');
  await app.db.insertInto('people').values({ id: personId, google_sub: `g-${tag}`, email: `${tag}@team.example`, name, created_at: isoNow() }).execute();
  const memberId = newId('mem');
  await app.db
    .insertInto('members')
    .values({ id: memberId, workspace_id: workspaceId, person_id: personId, email: `${tag}@team.example`, role, status: 'active', invited_by: null, created_at: isoNow(), joined_at: isoNow() })
    .execute();
  const session = await openMemberSession(app.db, { id: memberId, workspace_id: workspaceId, role });
  return { memberId, token: await app.signMemberAccessToken({ sub: memberId, ws: workspaceId, sid: session.sessionId }) };
}

const ok = async <T>(response: Promise<LightMyRequestResponse>, status = 200): Promise<T> => {
  const answer = await response;
  assert.equal(answer.statusCode, status, answer.body);
  return answer.json<T>();
};

for (const dialect of testDialects) {
  describe(`projects (${dialect})`, () => {
    let t: TestApp;
    let workspaceA: { workspaceId: string; apiKey: string };
    let keyB: string;
    let acme: Awaited<ReturnType<typeof customerWithContact>>;
    let globex: Awaited<ReturnType<typeof customerWithContact>>;
    let initech: Awaited<ReturnType<typeof customerWithContact>>;
    let acmePortal: Caller;
    let globexPortal: Caller;
    let team: Caller;
    let teamB: Caller;
    let mina: { memberId: string; token: string };
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
      teamB = bearer(t.app, keyB);
      mina = await addMember(t.app, workspaceA.workspaceId, 'Mina Member');
      member = bearer(t.app, mina.token);
    });
    after(() => t.close());

    const newProject = (customerId: string, name = `Project ${randomBytes(3).toString('hex')}`, caller = team) =>
      ok<Project>(caller('POST', '/v1/workspace/projects', { customerId, name, description: `${name} description` }), 201);

    const count = async (table: 'project_comments' | 'audit_events' | 'follow_ups' | 'outbox_messages', column: 'project_id' | 'subject_id' | 'source_id', id: string) =>
      Number(
        (
          await t.app.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where(sql.ref(column), '=', id)
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('a comment of 2,000 code points is accepted (an emoji counts one), 2,001 or only whitespace is refused with 422 and nothing is stored', async () => {
      const project = await newProject(acme.customerId);
      const longest = `  ${'😀'.repeat(2_000)}\n`;
      const accepted = await acmePortal('POST', `/v1/portal/projects/${project.id}/comments`, { body: longest });
      assert.equal(accepted.statusCode, 201, accepted.body);
      assert.equal(accepted.json<PortalComment>().body, '😀'.repeat(2_000), 'stored trimmed');
      const byTeam = await team('POST', `/v1/workspace/projects/${project.id}/comments`, { body: 'x'.repeat(2_000), visibility: 'internal' });
      assert.equal(byTeam.statusCode, 201, byTeam.body);

      const storedBefore = await count('project_comments', 'project_id', project.id);
      const auditBefore = await count('audit_events', 'subject_id', project.id);
      for (const [body, code] of [
        ['😀'.repeat(2_001), 'comment_too_long'],
        ['x'.repeat(2_001), 'comment_too_long'],
        [' \n\t\u00a0 ', 'comment_empty'],
        ['', 'comment_empty'],
      ] as const) {
        for (const [caller, url, payload] of [
          [acmePortal, `/v1/portal/projects/${project.id}/comments`, { body }],
          [team, `/v1/workspace/projects/${project.id}/comments`, { body, visibility: 'customer' }],
          [team, `/v1/workspace/projects/${project.id}/comments`, { body, visibility: 'internal' }],
        ] as const) {
          const refused = await caller('POST', url, payload);
          assert.equal(refused.statusCode, 422, `${url} ${body.length}: ${refused.body}`);
          assert.equal(refused.headers['content-type'], 'application/problem+json');
          assert.equal(refused.json<Problem>().code, code);
        }
      }
      assert.equal(await count('project_comments', 'project_id', project.id), storedBefore, 'no comment stored');
      assert.equal(await count('audit_events', 'subject_id', project.id), auditBefore, 'no audit event');
      assert.equal(await count('follow_ups', 'source_id', project.id), 1, 'only the accepted comment opened a follow-up');
    });

    test('a customer comment writes one audit event, one follow-up and a webhook outbox row; a team comment is audited but opens nothing', async () => {
      const endpoint = await t.app.db
        .insertInto('webhook_endpoints')
        .values({ id: newId('we'), workspace_id: workspaceA.workspaceId, url: 'https://hooks.example/taba', event_types: JSON.stringify(['project.comment_added']), secret: 'whsec_test', created_at: isoNow(), updated_at: isoNow() })
        .returning('id')
        .executeTakeFirstOrThrow();
      try {
        const project = await newProject(acme.customerId, 'Hooked project');
        const comment = await ok<PortalComment>(acmePortal('POST', `/v1/portal/projects/${project.id}/comments`, { body: 'Can we talk on Monday?' }), 201);
        assert.deepEqual(comment.author, { type: 'contact', name: 'Acme contact', isYou: true });

        const audit = await t.app.db.selectFrom('audit_events').select(['action', 'actor_type', 'actor_id', 'customer_id', 'data']).where('subject_id', '=', project.id).orderBy('seq').execute();
        assert.deepEqual(
          audit.map((event) => `${event.actor_type} ${event.action}`),
          ['api_key project.created', 'contact project.comment_added'],
        );
        assert.equal(audit[1]?.actor_id, acme.contactId);
        assert.equal(audit[1]?.customer_id, acme.customerId);
        assert.deepEqual(JSON.parse(audit[1]?.data ?? '{}'), { commentId: comment.id });

        const followUps = await t.app.db.selectFrom('follow_ups').selectAll().where('source_type', '=', 'project').where('source_id', '=', project.id).execute();
        assert.equal(followUps.length, 1);
        assert.equal(followUps[0]?.kind, 'project.comment_added');
        assert.equal(followUps[0]?.state, 'open');
        assert.equal(followUps[0]?.contact_id, acme.contactId);
        assert.match(followUps[0]?.summary ?? '', /Hooked project/);

        const hooks = await t.app.db.selectFrom('outbox_messages').selectAll().where('endpoint_id', '=', endpoint.id).execute();
        assert.equal(hooks.length, 1);
        const body = JSON.parse(hooks[0]?.payload ?? '{}') as { type: string; data: Record<string, unknown> };
        assert.equal(body.type, 'project.comment_added');
        assert.equal(body.data.projectId, project.id);
        assert.equal(body.data.commentId, comment.id);
        assert.equal(body.data.body, 'Can we talk on Monday?');

        // A second customer comment keeps the one open follow-up; team comments open none and send no webhook.
        await ok(acmePortal('POST', `/v1/portal/projects/${project.id}/comments`, { body: 'And one more thing.' }), 201);
        await ok(team('POST', `/v1/workspace/projects/${project.id}/comments`, { body: 'Monday works.', visibility: 'customer' }), 201);
        await ok(member('POST', `/v1/workspace/projects/${project.id}/comments`, { body: 'Prepare the numbers.', visibility: 'internal' }), 201);
        assert.equal(await count('follow_ups', 'source_id', project.id), 1);
        assert.equal((await t.app.db.selectFrom('outbox_messages').select('id').where('endpoint_id', '=', endpoint.id).execute()).length, 2);
        const actions = (await t.app.db.selectFrom('audit_events').select(['action', 'actor_type']).where('subject_id', '=', project.id).orderBy('seq').execute()).map((e) => `${e.actor_type} ${e.action}`);
        assert.deepEqual(actions.slice(2), ['contact project.comment_added', 'api_key project.comment_added', 'member project.internal_comment_added']);
      } finally {
        await t.app.db.deleteFrom('webhook_endpoints').where('id', '=', endpoint.id).execute();
      }
    });

    test('the comment, its audit event, follow-up and outbox row commit together: a failure in the last step leaves none of them', async () => {
      const project = await newProject(acme.customerId, 'FAILME project');
      const endpoint = await t.app.db
        .insertInto('webhook_endpoints')
        .values({ id: newId('we'), workspace_id: workspaceA.workspaceId, url: 'https://hooks.example/fail', event_types: JSON.stringify(['project.comment_added']), secret: 'whsec_test', created_at: isoNow(), updated_at: isoNow() })
        .returning('id')
        .executeTakeFirstOrThrow();
      // The outbox insert is the last write of a customer comment; make it fail for this project only.
      if (dialect === 'sqlite') {
        await sql`create trigger fail_comment_outbox before insert on outbox_messages when new.payload like '%FAILME%' begin select raise(abort, 'forced failure'); end`.execute(t.app.db);
      } else {
        await sql`create function fail_comment_outbox() returns trigger language plpgsql as $$ begin if new.payload like '%FAILME%' then raise exception 'forced failure'; end if; return new; end $$`.execute(t.app.db);
        await sql`create trigger fail_comment_outbox before insert on outbox_messages for each row execute function fail_comment_outbox()`.execute(t.app.db);
      }
      try {
        const before = { audit: await count('audit_events', 'subject_id', project.id), followUps: await count('follow_ups', 'source_id', project.id) };
        const failed = await acmePortal('POST', `/v1/portal/projects/${project.id}/comments`, { body: 'This will not stick.' });
        assert.equal(failed.statusCode, 500, failed.body);
        assert.equal(await count('project_comments', 'project_id', project.id), 0);
        assert.equal(await count('audit_events', 'subject_id', project.id), before.audit);
        assert.equal(await count('follow_ups', 'source_id', project.id), before.followUps);
        assert.equal((await t.app.db.selectFrom('outbox_messages').select('id').where('endpoint_id', '=', endpoint.id).execute()).length, 0);
        const after = await ok<Project>(team('GET', `/v1/workspace/projects/${project.id}`));
        assert.equal(after.lastActivityAt, project.lastActivityAt, 'the activity time did not move either');
      } finally {
        await sql`drop trigger fail_comment_outbox${sql.raw(dialect === 'postgres' ? ' on outbox_messages' : '')}`.execute(t.app.db);
        if (dialect === 'postgres') await sql`drop function fail_comment_outbox()`.execute(t.app.db);
        await t.app.db.deleteFrom('webhook_endpoints').where('id', '=', endpoint.id).execute();
      }
    });

    test('an Idempotency-Key makes a retried comment answer the first result without a second comment', async () => {
      const project = await newProject(acme.customerId);
      const key = { 'idempotency-key': `cmt-${randomBytes(6).toString('hex')}` };
      const url = `/v1/portal/projects/${project.id}/comments`;
      const first = await ok<PortalComment>(acmePortal('POST', url, { body: 'Only once' }, key), 201);
      const retry = await ok<PortalComment>(acmePortal('POST', url, { body: 'Only once' }, key), 201);
      assert.deepEqual(retry, first);
      assert.equal(await count('project_comments', 'project_id', project.id), 1);
      assert.equal(await count('follow_ups', 'source_id', project.id), 1);
      const reused = await acmePortal('POST', url, { body: 'Something else' }, key);
      assert.equal(reused.statusCode, 409);
      assert.equal(reused.json<Problem>().code, 'idempotency_key_reused');
    });

    test('tasks come open work first (in progress, open, done, cancelled), then by name ignoring case, assignees by display name only', async () => {
      const project = await newProject(acme.customerId);
      const made: Task[] = [];
      for (const [name, status, assignee] of [
        ['zeta', 'done', null],
        ['Alpha', 'cancelled', mina.memberId],
        ['beta', 'open', null],
        ['Gamma', 'in_progress', mina.memberId],
        ['alpha', 'open', mina.memberId],
        ['Delta', 'done', null],
        ['epsilon', 'in_progress', null],
      ] as const) {
        made.push(await ok<Task>(team('POST', `/v1/workspace/projects/${project.id}/tasks`, { name, status, assigneeMemberId: assignee }), 201));
      }
      const detail = await ok<PortalProject>(acmePortal('GET', `/v1/portal/projects/${project.id}`));
      assert.deepEqual(
        detail.tasks.map((task) => `${task.status} ${task.name}`),
        ['in_progress epsilon', 'in_progress Gamma', 'open alpha', 'open beta', 'done Delta', 'done zeta', 'cancelled Alpha'],
      );
      const gamma = detail.tasks.find((task) => task.name === 'Gamma');
      assert.deepEqual(gamma, { id: made[3]!.id, name: 'Gamma', status: 'in_progress', assigneeName: 'Mina Member' });
      assert.equal(detail.tasks.find((task) => task.name === 'beta')?.assigneeName, null);
      const raw = (await acmePortal('GET', `/v1/portal/projects/${project.id}`)).body;
      assert.ok(!raw.includes(mina.memberId), 'no member id reaches the portal');
      assert.ok(!raw.includes('@team.example'), 'no member email reaches the portal');

      // Moving a task changes its place; an unknown or foreign assignee is refused.
      const moved = await ok<Task>(team('PATCH', `/v1/workspace/tasks/${made[0]!.id}`, { status: 'in_progress', assigneeMemberId: mina.memberId }));
      assert.equal(moved.status, 'in_progress');
      assert.equal(moved.assigneeName, 'Mina Member');
      assert.equal((await ok<PortalProject>(acmePortal('GET', `/v1/portal/projects/${project.id}`))).tasks[2]?.name, 'zeta');
      const unassigned = await ok<Task>(team('PATCH', `/v1/workspace/tasks/${made[0]!.id}`, { assigneeMemberId: null }));
      assert.equal(unassigned.assigneeMemberId, null);
      const foreignMember = await addMember(t.app, (await t.newWorkspace('Elsewhere')).workspaceId, 'Foreign');
      for (const assigneeMemberId of [foreignMember.memberId, newId('mem')]) {
        const refused = await team('POST', `/v1/workspace/projects/${project.id}/tasks`, { name: 'Nope', assigneeMemberId });
        assert.equal(refused.statusCode, 422, refused.body);
        assert.equal(refused.json<Problem>().code, 'member_not_found');
      }
      const listed = await ok<Page<Task>>(team('GET', `/v1/workspace/projects/${project.id}/tasks?limit=100`));
      assert.deepEqual(listed.items.map((task) => task.id), made.map((task) => task.id), 'the team lists tasks oldest first');
    });

    test('hours: totals and billable hours are exact to the hundredth; rates and costs stay in the workspace', async () => {
      const project = await newProject(acme.customerId);
      const entries: [number, boolean][] = [
        [0.1, true],
        [0.2, true],
        [1.25, false],
        [7.33, true],
        [24, false],
        [0.01, true],
      ];
      for (const [hours, billable] of entries) {
        const entry = await ok<TimeEntry>(
          team('POST', `/v1/workspace/projects/${project.id}/time-entries`, {
            date: '2026-11-20',
            hours,
            billable,
            memberId: mina.memberId,
            hourlyRate: { amount: 987_654, currency: 'EUR' },
            hourlyCost: { amount: 123_457, currency: 'EUR' },
          }),
          201,
        );
        assert.equal(entry.hours, hours);
        assert.equal(entry.memberName, 'Mina Member');
        assert.deepEqual(entry.hourlyRate, { amount: 987_654, currency: 'EUR' });
      }
      const detail = await ok<PortalProject>(acmePortal('GET', `/v1/portal/projects/${project.id}`));
      assert.equal(detail.totalHours, 32.89);
      assert.equal(detail.billableHours, 7.64);
      const raw = (await acmePortal('GET', `/v1/portal/projects/${project.id}`)).body;
      for (const secret of ['987654', '123457', 'hourly', 'rate', 'cost', 'EUR']) assert.ok(!raw.includes(secret), `${secret} must not reach the portal: ${raw}`);

      for (const [hours, date] of [
        [0.001, '2026-11-20'],
        [1.005, '2026-11-20'],
        [0, '2026-11-20'],
        [24.01, '2026-11-20'],
        [1, '2026-02-30'],
      ] as const) {
        const refused = await team('POST', `/v1/workspace/projects/${project.id}/time-entries`, { date, hours, billable: true, memberId: mina.memberId });
        assert.ok([400, 422].includes(refused.statusCode), `${hours} ${date}: ${refused.body}`);
      }
      const listed = await ok<Page<TimeEntry>>(team('GET', `/v1/workspace/projects/${project.id}/time-entries?limit=100`));
      assert.equal(listed.items.length, entries.length, 'refused entries stored nothing');
      const empty = await ok<PortalProject>(acmePortal('GET', `/v1/portal/projects/${(await newProject(acme.customerId)).id}`));
      assert.deepEqual([empty.totalHours, empty.billableHours, empty.tasks], [0, 0, []]);
    });

    test('nothing internal reaches the portal: internal comments, archived projects (404 and absent from lists)', async () => {
      const project = await newProject(acme.customerId, 'Visible project');
      const secret = `INTERNAL-${randomBytes(6).toString('hex')}`;
      await ok(team('POST', `/v1/workspace/projects/${project.id}/comments`, { body: secret, visibility: 'internal' }), 201);
      const visible = await ok<Comment>(member('POST', `/v1/workspace/projects/${project.id}/comments`, { body: 'For you', visibility: 'customer' }), 201);
      assert.deepEqual(visible.author, { type: 'member', id: mina.memberId, name: 'Mina Member' });

      const comments = await ok<Page<PortalComment>>(acmePortal('GET', `/v1/portal/projects/${project.id}/comments`));
      assert.deepEqual(comments.items.map((comment) => comment.body), ['For you']);
      assert.deepEqual(comments.items[0]?.author, { type: 'team', name: 'Mina Member', isYou: false });
      const teamView = await ok<Page<Comment>>(team('GET', `/v1/workspace/projects/${project.id}/comments`));
      assert.deepEqual(teamView.items.map((comment) => comment.visibility), ['internal', 'customer']);
      for (const url of ['/v1/portal/projects', `/v1/portal/projects/${project.id}`, `/v1/portal/projects/${project.id}/comments`]) {
        assert.ok(!(await acmePortal('GET', url)).body.includes(secret), `${url} leaks an internal comment`);
      }

      const archived = await newProject(acme.customerId, 'Archived project');
      await ok(acmePortal('POST', `/v1/portal/projects/${archived.id}/comments`, { body: 'Before archiving' }), 201);
      assert.equal((await ok<Project>(team('PATCH', `/v1/workspace/projects/${archived.id}`, { status: 'archived' }))).status, 'archived');
      const cards = await ok<Page<PortalProjectCard>>(acmePortal('GET', '/v1/portal/projects?limit=100'));
      assert.ok(cards.items.some((card) => card.id === project.id));
      assert.ok(!cards.items.some((card) => card.id === archived.id), 'an archived project is not listed');
      for (const [method, url, payload] of [
        ['GET', `/v1/portal/projects/${archived.id}`, undefined],
        ['GET', `/v1/portal/projects/${archived.id}/comments`, undefined],
        ['POST', `/v1/portal/projects/${archived.id}/comments`, { body: 'After archiving' }],
      ] as const) {
        const answer = await acmePortal(method, url, payload);
        assert.equal(answer.statusCode, 404, `${method} ${url}: ${answer.body}`);
        assert.equal(answer.json<Problem>().code, 'not_found');
      }
      assert.equal(await count('project_comments', 'project_id', archived.id), 1, 'nothing written after archiving');
      // Reactivated, it is back.
      await ok(team('PATCH', `/v1/workspace/projects/${archived.id}`, { status: 'active' }));
      await ok(acmePortal('GET', `/v1/portal/projects/${archived.id}`));
      const audit = await t.app.db.selectFrom('audit_events').select('action').where('subject_id', '=', archived.id).orderBy('seq').execute();
      assert.deepEqual(audit.map((event) => event.action), ['project.created', 'project.comment_added', 'project.archived', 'project.reactivated']);
    });

    test('another customer’s or workspace’s project or task answers 404 on every route, and nothing is written to it', async () => {
      const globexProject = await newProject(globex.customerId);
      const initechProject = await newProject(initech.customerId, 'Initech project', teamB);
      const initechTask = await ok<Task>(teamB('POST', `/v1/workspace/projects/${initechProject.id}/tasks`, { name: 'Theirs' }), 201);
      for (const id of [globexProject.id, initechProject.id]) {
        for (const [method, url, payload] of [
          ['GET', `/v1/portal/projects/${id}`, undefined],
          ['GET', `/v1/portal/projects/${id}/comments`, undefined],
          ['POST', `/v1/portal/projects/${id}/comments`, { body: 'Hello?' }],
        ] as const) {
          const answer = await acmePortal(method, url, payload);
          assert.equal(answer.statusCode, 404, `${method} ${url}`);
        }
      }
      for (const [method, url, payload] of [
        ['GET', `/v1/workspace/projects/${initechProject.id}`, undefined],
        ['PATCH', `/v1/workspace/projects/${initechProject.id}`, { status: 'archived' }],
        ['GET', `/v1/workspace/projects/${initechProject.id}/tasks`, undefined],
        ['POST', `/v1/workspace/projects/${initechProject.id}/tasks`, { name: 'Mine now' }],
        ['PATCH', `/v1/workspace/tasks/${initechTask.id}`, { status: 'done' }],
        ['GET', `/v1/workspace/projects/${initechProject.id}/time-entries`, undefined],
        ['POST', `/v1/workspace/projects/${initechProject.id}/time-entries`, { date: '2026-11-20', hours: 1, billable: true, memberId: mina.memberId }],
        ['GET', `/v1/workspace/projects/${initechProject.id}/comments`, undefined],
        ['POST', `/v1/workspace/projects/${initechProject.id}/comments`, { body: 'Hi', visibility: 'customer' }],
        ['POST', '/v1/workspace/projects', { customerId: initech.customerId, name: 'Not my customer' }],
      ] as const) {
        const answer = await team(method, url, payload);
        assert.equal(answer.statusCode, 404, `${method} ${url}: ${answer.body}`);
        assert.equal(answer.json<Problem>().code, 'not_found');
      }
      assert.equal((await ok<Project>(teamB('GET', `/v1/workspace/projects/${initechProject.id}`))).status, 'active');
      assert.equal((await ok<Page<Task>>(teamB('GET', `/v1/workspace/projects/${initechProject.id}/tasks`))).items.length, 1);
      assert.equal(await count('project_comments', 'project_id', globexProject.id), 0);
      assert.equal((await ok<Page<PortalProjectCard>>(globexPortal('GET', '/v1/portal/projects'))).items.some((card) => card.id === globexProject.id), true);
    });

    test('portal cards: most recent activity first, keyset pages without repeats, activity moves with what the customer can see', async () => {
      const fresh = await customerWithContact(t.app, workspaceA.apiKey, `Pager ${randomBytes(3).toString('hex')}`);
      const portal = bearer(t.app, (await signInContact(t.app, workspaceA.apiKey, fresh.contactId)).accessToken);
      const made: Project[] = [];
      for (let i = 0; i < 7; i++) made.push(await newProject(fresh.customerId, `P${i}`));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<PortalProjectCard> = await ok(portal('GET', `/v1/portal/projects?limit=3${cursor ? `&cursor=${cursor}` : ''}`));
        assert.ok(page.items.length <= 3);
        seen.push(...page.items.map((card) => card.id));
        cursor = page.nextCursor;
      } while (cursor);
      const byActivity = [...made].sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt) || b.id.localeCompare(a.id));
      assert.deepEqual(seen, byActivity.map((project) => project.id));

      // An internal comment does not move a project up; a task does.
      const oldest = made[0]!;
      await ok(team('POST', `/v1/workspace/projects/${oldest.id}/comments`, { body: 'quiet', visibility: 'internal' }), 201);
      assert.equal((await ok<PortalProject>(portal('GET', `/v1/portal/projects/${oldest.id}`))).lastActivityAt, oldest.lastActivityAt);
      await ok(team('POST', `/v1/workspace/projects/${oldest.id}/tasks`, { name: 'Kick-off' }), 201);
      const top = (await ok<Page<PortalProjectCard>>(portal('GET', '/v1/portal/projects?limit=1'))).items[0];
      assert.equal(top?.id, oldest.id);
      assert.equal(top?.documentCount, 0);
      assert.deepEqual(Object.keys(top ?? {}).sort(), ['description', 'documentCount', 'id', 'lastActivityAt', 'name']);

      const comments: string[] = [];
      for (let i = 0; i < 5; i++) comments.push((await ok<PortalComment>(portal('POST', `/v1/portal/projects/${oldest.id}/comments`, { body: `c${i}` }), 201)).id);
      const pagedComments: string[] = [];
      cursor = null;
      do {
        const page: Page<PortalComment> = await ok(portal('GET', `/v1/portal/projects/${oldest.id}/comments?limit=2${cursor ? `&cursor=${cursor}` : ''}`));
        pagedComments.push(...page.items.map((comment) => comment.id));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(pagedComments, comments, 'oldest first');

      const filtered = await ok<Page<Project>>(team('GET', `/v1/workspace/projects?customerId=${fresh.customerId}&status=active&limit=100`));
      assert.equal(filtered.items.length, 7);
      assert.equal((await team('GET', '/v1/workspace/projects?cursor=bogus')).statusCode, 400);
    });

    test('roles: a finance reviewer reads projects but cannot change them; blank names are refused', async () => {
      const reviewer = bearer(t.app, (await addMember(t.app, workspaceA.workspaceId, 'Fran Finance', 'finance_reviewer')).token);
      const project = await newProject(acme.customerId);
      await ok(reviewer('GET', `/v1/workspace/projects/${project.id}`));
      const refused = await reviewer('PATCH', `/v1/workspace/projects/${project.id}`, { name: 'Renamed' });
      assert.equal(refused.statusCode, 403);
      for (const [url, payload, code] of [
        ['/v1/workspace/projects', { customerId: acme.customerId, name: '   ' }, 'project_name_required'],
        [`/v1/workspace/projects/${project.id}/tasks`, { name: ' ' }, 'task_name_required'],
      ] as const) {
        const blank = await team('POST', url, payload);
        assert.equal(blank.statusCode, 422, blank.body);
        assert.equal(blank.json<Problem>().code, code);
      }
    });
  });
}

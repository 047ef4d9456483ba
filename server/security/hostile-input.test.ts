/**
 * Hostile input, by class: each class is refused by a shared mechanism (the validator, the JSON
 * parser, the input hook, the error handler, framework errors), so every case below must answer
 * 4xx problem+json with a stable code and the request id, and store nothing, on both dialects.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createApiKey } from '../features/api-keys/repository.js';
import { openMemberSession } from '../features/members/sessions.js';
import { updateSettings } from '../features/settings/repository.js';
import { createWorkspace } from '../features/workspaces/repository.js';
import { isUniqueViolation, loggable } from '../plugins/errors.js';
import { createTestDatabase, testDialects } from '../test-support/databases.js';
import { bearerCall, randomIp, securityApp, type Call, type SecurityApp, type Tenant } from './harness.js';

type Problem = { code: string; status: number; requestId: string; detail?: string; errors?: { field: string }[] };

/** A problem+json answer with this status and code, carrying the request id in body and header. */
function assertProblem(response: LightMyRequestResponse, status: number, code: string, what: string): Problem {
  assert.equal(response.statusCode, status, `${what}: ${response.statusCode} ${response.body}`);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/, `${what}: content-type`);
  const problem = response.json<Problem>();
  assert.equal(problem.code, code, `${what}: ${response.body}`);
  assert.match(problem.requestId, /^req_/, `${what}: requestId`);
  assert.equal(response.headers['x-request-id'], problem.requestId, `${what}: x-request-id`);
  assert.equal(response.headers['x-content-type-options'], 'nosniff', `${what}: nosniff`);
  return problem;
}

const cursorOf = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');
const later = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

for (const dialect of testDialects) {
  describe(`hostile input (${dialect})`, () => {
    let s: SecurityApp;
    let tenant: Tenant;
    let customerId: string;
    let contactId: string;
    let proposalId: string;
    let asContact: Call;
    let asOwner: Call;

    /** What a refused request must not have changed. */
    const stored = async () => {
      const count = async (table: 'customers' | 'portal_contacts' | 'proposals' | 'audit_events' | 'workspace_origins') =>
        Number((await s.app.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
      return {
        customers: await count('customers'),
        contacts: await count('portal_contacts'),
        proposals: await count('proposals'),
        audit: await count('audit_events'),
        origins: await count('workspace_origins'),
      };
    };

    before(async () => {
      s = await securityApp(dialect);
      tenant = await s.tenant('Hostile');
      ({ id: customerId, contactId } = await tenant.customer('Hostile customer'));
      proposalId = await tenant.proposal(customerId);
      asContact = bearerCall(s.app, await tenant.portalToken(contactId));
      asOwner = await tenant.asOwner();
    });
    after(() => s.close());

    test('NUL and unpaired surrogates in any body field, key or array item: 400 invalid_characters naming the field, nothing stored', async () => {
      const cases: [string, Call, 'POST' | 'PATCH', string, object, string][] = [
        ['decline reason', asContact, 'POST', `/v1/portal/proposals/${proposalId}/decline`, { reason: 'No\u0000thanks' }, 'body.reason'],
        ['customer name', tenant.asKey, 'POST', '/v1/workspace/customers', { name: 'Acme\u0000' }, 'body.name'],
        ['contact role', tenant.asKey, 'POST', `/v1/workspace/customers/${customerId}/contacts`, { displayName: 'C', email: 'nul@customer.example', role: 'Buy\u0000er' }, 'body.role'],
        ['nested field', tenant.asKey, 'POST', '/v1/workspace/proposals', { customerId, title: 'T', feeModel: 'fixed_fee', fee: { amount: 1, currency: 'US\u0000' }, expiresAt: later() }, 'body.fee.currency'],
        ['array item', asOwner, 'PATCH', '/v1/workspace/settings', { allowedOrigins: ['https://fine.example', 'https://b\u0000d.example'] }, 'body.allowedOrigins.1'],
        ['object key', tenant.asKey, 'POST', '/v1/workspace/customers', { name: 'Acme', 'evil\u0000key': 'x' }, 'body.evil\\u0000key'],
        ['lone high surrogate', tenant.asKey, 'POST', '/v1/workspace/customers', { name: 'Acme \ud800' }, 'body.name'],
        ['lone low surrogate', asContact, 'POST', `/v1/portal/proposals/${proposalId}/decline`, { reason: '\udc00' }, 'body.reason'],
      ];
      const before = await stored();
      for (const [what, call, method, url, body, field] of cases) {
        const problem = assertProblem(await call(method, url, body), 400, 'invalid_characters', what);
        assert.equal(problem.errors?.[0]?.field, field, what);
        assert.ok(problem.detail?.includes(field), `${what}: the detail names ${field}`);
      }
      assert.deepEqual(await stored(), before);
      // The proposal is still pending: the refused decline changed nothing.
      const proposal = (await asContact('GET', `/v1/portal/proposals/${proposalId}`)).json<{ status: string }>();
      assert.equal(proposal.status, 'pending');
    });

    test('NUL in the querystring and in path parameters: 400 invalid_characters naming the field', async () => {
      const cases: [string, Call, string, string][] = [
        ['portal cursor', asContact, '/v1/portal/proposals?cursor=a%00b', 'querystring.cursor'],
        ['workspace cursor', tenant.asKey, '/v1/workspace/customers?cursor=%00', 'querystring.cursor'],
        ['workspace filter', tenant.asKey, '/v1/workspace/proposals?customerId=cus_%00x', 'querystring.customerId'],
        ['portal path id', asContact, '/v1/portal/proposals/prop_%00abc', 'params.proposalId'],
        ['workspace path id', tenant.asKey, '/v1/workspace/customers/cus_ab%00c/contacts', 'params.customerId'],
      ];
      for (const [what, call, url, field] of cases) {
        const problem = assertProblem(await call('GET', url), 400, 'invalid_characters', what);
        assert.equal(problem.errors?.[0]?.field, field, what);
      }
    });

    test('a decoded cursor holding NUL or another control character: 400 invalid_cursor on every list', async () => {
      const lists: [Call, string][] = [
        [asContact, '/v1/portal/proposals'],
        [tenant.asKey, '/v1/workspace/customers'],
        [tenant.asKey, `/v1/workspace/customers/${customerId}/contacts`],
        [tenant.asKey, '/v1/workspace/proposals'],
        [asOwner, '/v1/workspace/api-keys'],
        [asOwner, '/v1/workspace/members'],
      ];
      const cursors = [
        ['2026-01-01T00:00:00.000Z\u0000', 'prop_x'],
        ['2026-01-01T00:00:00.000Z', 'prop_\u0000'],
        ['2026-01-01T00:00:00.000Z\u0001', 'prop_x'],
        ['2026-01-01T00:00:00.000Z', 'prop_\u007f'],
        ['\ud800', 'prop_x'],
      ];
      for (const [call, url] of lists) {
        for (const parts of cursors) {
          assertProblem(await call('GET', `${url}?cursor=${cursorOf(parts)}`), 400, 'invalid_cursor', `${url} ${JSON.stringify(parts)}`);
        }
        // Control: a cursor of printable text is read, not refused.
        const plain = await call('GET', `${url}?cursor=${cursorOf(['2026-01-01T00:00:00.000Z', 'prop_x'])}`);
        assert.equal(plain.statusCode, 200, `${url}: ${plain.body}`);
      }
    });

    test('invalid UTF-8 in a JSON body: 400 invalid_utf8, nothing stored; a body over the limit is still 413', async () => {
      const raw = (token: string, url: string, json: string, bytes: number[]) => {
        const [head, tail] = json.split('@');
        return s.app.inject({
          method: 'POST',
          url,
          payload: Buffer.concat([Buffer.from(head ?? ''), Buffer.from(bytes), Buffer.from(tail ?? '')]),
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          remoteAddress: randomIp(),
        });
      };
      const portalToken = await tenant.portalToken(contactId);
      const cases: [string, string, string, string, number[]][] = [
        ['lone continuation byte', tenant.apiKey, '/v1/workspace/customers', '{"name":"Acme@"}', [0x80]],
        ['0xFF', tenant.apiKey, '/v1/workspace/customers', '{"name":"@"}', [0xff, 0xfe]],
        ['overlong NUL', tenant.apiKey, `/v1/workspace/customers/${customerId}/contacts`, '{"displayName":"@","email":"utf@customer.example","role":"Buyer"}', [0xc0, 0x80]],
        ['UTF-16 surrogate encoded in UTF-8', portalToken, `/v1/portal/proposals/${proposalId}/decline`, '{"reason":"@"}', [0xed, 0xa0, 0x80]],
        ['truncated sequence', portalToken, `/v1/portal/proposals/${proposalId}/decline`, '{"reason":"caf@"}', [0xc3]],
      ];
      const before = await stored();
      for (const [what, token, url, json, bytes] of cases) assertProblem(await raw(token, url, json, bytes), 400, 'invalid_utf8', what);
      assert.deepEqual(await stored(), before);
      // Control: valid multi-byte UTF-8 is accepted as it was sent.
      const created = await raw(tenant.apiKey, '/v1/workspace/customers', '{"name":"Caf@ ✓"}', [0xc3, 0xa9]);
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json<{ name: string }>().name, 'Café ✓');
      const tooLarge = await tenant.asKey('POST', '/v1/workspace/customers', { name: 'x'.repeat(s.config.bodyLimit) });
      assertProblem(tooLarge, 413, 'body_too_large', 'body over the limit');
    });

    test('a body with a Content-Encoding other than identity: 415 unsupported_content_encoding, nothing stored', async () => {
      const json = JSON.stringify({ name: 'Compressed' });
      const send = (encoding: string, payload: string | Buffer) =>
        s.app.inject({
          method: 'POST',
          url: '/v1/workspace/customers',
          payload,
          headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json', 'content-encoding': encoding },
          remoteAddress: randomIp(),
        });
      const before = await stored();
      for (const [encoding, payload] of [
        ['gzip', json],
        ['gzip', gzipSync(json)],
        ['GZIP', json],
        ['deflate', json],
        ['br', json],
        ['x-anything', json],
        ['identity, gzip', json],
      ] as const) {
        const problem = assertProblem(await send(encoding, payload), 415, 'unsupported_content_encoding', encoding);
        assert.ok(problem.detail?.includes(encoding));
      }
      const portal = await s.app.inject({
        method: 'POST',
        url: `/v1/portal/proposals/${proposalId}/decline`,
        payload: JSON.stringify({ reason: 'zipped' }),
        headers: { authorization: `Bearer ${await tenant.portalToken(contactId)}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      assertProblem(portal, 415, 'unsupported_content_encoding', 'portal decline');
      assert.deepEqual(await stored(), before);
      // Control: identity is no encoding at all.
      assert.equal((await send('identity', json)).statusCode, 201);
    });

    test('a number where an integer is required, or a number not written as one: 400 naming querystring.limit', async () => {
      const lists: [Call, string][] = [
        [asContact, '/v1/portal/proposals'],
        [tenant.asKey, '/v1/workspace/customers'],
        [tenant.asKey, '/v1/workspace/proposals'],
        [tenant.asKey, `/v1/workspace/customers/${customerId}/contacts`],
        [asOwner, '/v1/workspace/api-keys'],
        [asOwner, '/v1/workspace/invitations'],
      ];
      for (const [call, url] of lists) {
        for (const limit of ['1.5', '1.0', '1e1', '0x10', '%205', '', '5abc', 'Infinity', '-1', '0', '101']) {
          const problem = assertProblem(await call('GET', `${url}?limit=${limit}`), 400, 'validation_failed', `${url}?limit=${limit}`);
          assert.equal(problem.errors?.[0]?.field, 'querystring.limit', `${url}?limit=${limit}: ${JSON.stringify(problem.errors)}`);
        }
        const control = await call('GET', `${url}?limit=1`);
        assert.equal(control.statusCode, 200, `${url}?limit=1: ${control.body}`);
        assert.ok(control.json<{ items: unknown[] }>().items.length <= 1);
      }
    });

    test('path errors raised before routing are problem+json with the request id', async () => {
      const long = 'cus_' + 'a'.repeat(120);
      const cases: [Call, string, number, string][] = [
        [tenant.asKey, `/v1/workspace/customers/${long}`, 400, 'path_parameter_too_long'],
        [asContact, `/v1/portal/proposals/prop_${'b'.repeat(120)}`, 400, 'path_parameter_too_long'],
        [tenant.asKey, '/v1/workspace/customers/cus_%E0%A4%A', 400, 'invalid_url'],
        [asContact, '/v1/portal/proposals/%ZZ', 400, 'invalid_url'],
        [asContact, '/v1/portal/proposals/%FF%FE', 400, 'invalid_url'],
      ];
      for (const [call, url, status, code] of cases) assertProblem(await call('GET', url), status, code, url);
      // And errors from body parsing, which go through the error handler.
      const parsing: [string, Record<string, string>, string, number, string][] = [
        ['unsupported media type', { 'content-type': 'application/x-www-form-urlencoded' }, 'name=x', 415, 'unsupported_media_type'],
        ['text where JSON is expected', { 'content-type': 'text/plain' }, 'name=x', 400, 'validation_failed'],
        ['malformed JSON', { 'content-type': 'application/json' }, '{"name":', 400, 'invalid_json'],
        ['empty JSON body', { 'content-type': 'application/json' }, '', 400, 'invalid_json'],
        ['prototype poisoning', { 'content-type': 'application/json' }, '{"name":"x","__proto__":{"admin":true}}', 400, 'invalid_json'],
      ];
      for (const [what, headers, payload, status, code] of parsing) {
        const response = await s.app.inject({ method: 'POST', url: '/v1/workspace/customers', payload, headers: { ...headers, authorization: `Bearer ${tenant.apiKey}` } });
        assertProblem(response, status, code, what);
      }
    });

    test('malformed HTTP that never reaches a route is still answered as problem+json with a request id', async () => {
      const address = await s.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = new URL(address);
      const rawRequest = (text: string) =>
        new Promise<string>((resolve, reject) => {
          const socket = connect(Number(port), '127.0.0.1');
          let answer = '';
          socket.on('data', (chunk) => (answer += chunk.toString()));
          socket.on('close', () => resolve(answer));
          socket.on('error', reject);
          socket.write(text);
        });
      const cases: [string, string, number, string][] = [
        ['garbage request line', 'NOT-HTTP\r\n\r\n', 400, 'malformed_request'],
        ['header overflow', `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'headers_too_large'],
      ];
      for (const [what, text, status, code] of cases) {
        const answer = await rawRequest(text);
        assert.match(answer, new RegExp(`^HTTP/1.1 ${status} `), `${what}: ${answer.slice(0, 80)}`);
        assert.match(answer, /content-type: application\/problem\+json/i, what);
        const requestId = /x-request-id: (req_\w+)/i.exec(answer)?.[1];
        assert.ok(requestId, `${what}: x-request-id`);
        const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Problem;
        assert.equal(body.code, code, what);
        assert.equal(body.requestId, requestId, what);
      }
    });

    test('every /v1 answer has Cache-Control: no-store and every answer nosniff; credential answers included', async () => {
      const check = (response: LightMyRequestResponse, what: string) => {
        assert.equal(response.headers['cache-control'], 'no-store', `${what}: cache-control`);
        assert.equal(response.headers['x-content-type-options'], 'nosniff', `${what}: nosniff`);
      };
      const minted = await tenant.asKey('POST', '/v1/workspace/portal-sessions', { contactId });
      assert.equal(minted.statusCode, 201);
      check(minted, 'client secret mint');
      const exchanged = await s.app.inject({ method: 'POST', url: '/v1/portal/sessions', payload: { clientSecret: minted.json<{ clientSecret: string }>().clientSecret }, remoteAddress: randomIp() });
      assert.equal(exchanged.statusCode, 200);
      check(exchanged, 'session exchange');
      const refreshed = await s.app.inject({ method: 'POST', url: '/v1/portal/sessions/refresh', payload: { refreshToken: exchanged.json<{ refreshToken: string }>().refreshToken }, remoteAddress: randomIp() });
      assert.equal(refreshed.statusCode, 200);
      check(refreshed, 'portal refresh');
      const memberSession = await openMemberSession(s.app.db, { id: tenant.owner.memberId, workspace_id: tenant.workspaceId, role: 'owner' });
      const memberRefresh = await s.app.inject({ method: 'POST', url: '/v1/workspace/auth/refresh', payload: { refreshToken: memberSession.refreshToken }, remoteAddress: randomIp() });
      assert.equal(memberRefresh.statusCode, 200, memberRefresh.body);
      check(memberRefresh, 'member refresh');
      const apiKey = await asOwner('POST', '/v1/workspace/api-keys', { name: 'Cached?', scope: 'read_only' });
      assert.equal(apiKey.statusCode, 201);
      check(apiKey, 'new API key');
      // Every route of the table, whatever it answers (sign-in, verify, onboarding, errors), carries both.
      for (const route of s.routes.filter((r) => r.surface !== 'other')) {
        const response = await bearerCall(s.app, tenant.apiKey)(route.method, route.url.replace(/:(\w+)/g, 'nope_x'));
        check(response, route.id);
      }
      const unknown = await s.app.inject({ method: 'GET', url: '/v1/no-such-route' });
      assertProblem(unknown, 404, 'route_not_found', 'unknown route');
      check(unknown, 'unknown route');
      const health = await s.app.inject({ method: 'GET', url: '/health' });
      assert.equal(health.headers['x-content-type-options'], 'nosniff');
    });

    test('concurrent creations of one contact: one 201, the rest 409 contact_exists, one contact stored', async () => {
      const email = `race-${dialect}@customer.example`;
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => tenant.asKey('POST', `/v1/workspace/customers/${customerId}/contacts`, { displayName: 'Racer', email, role: 'Buyer' })),
      );
      assert.equal(answers.filter((a) => a.statusCode === 201).length, 1, answers.map((a) => a.statusCode).join(','));
      for (const answer of answers.filter((a) => a.statusCode !== 201)) assertProblem(answer, 409, 'contact_exists', 'concurrent creation');
      const rows = await s.app.db.selectFrom('portal_contacts').select('id').where('email', '=', email).execute();
      assert.equal(rows.length, 1);
    });

    test('concurrent removals of one contact: one 204 and one contact.removed event, the rest 404', async () => {
      const doomed = await tenant.contact(customerId);
      await tenant.portalToken(doomed.id);
      const answers = await Promise.all(Array.from({ length: 20 }, () => tenant.asKey('DELETE', `/v1/workspace/customers/${customerId}/contacts/${doomed.id}`)));
      assert.equal(answers.filter((a) => a.statusCode === 204).length, 1, answers.map((a) => a.statusCode).join(','));
      for (const answer of answers.filter((a) => a.statusCode !== 204)) assertProblem(answer, 404, 'not_found', 'concurrent removal');
      const events = await s.app.db.selectFrom('audit_events').select('data').where('action', '=', 'contact.removed').where('subject_id', '=', doomed.id).execute();
      assert.equal(events.length, 1);
      assert.match(String(events[0]?.data), /"sessionsRevoked":1/);
    });

    test('concurrent member removals, invitations, key revocations and sign-outs each record one event', async () => {
      const count = async (action: string, subjectId: string) =>
        (await s.app.db.selectFrom('audit_events').select('id').where('action', '=', action).where('subject_id', '=', subjectId).execute()).length;
      const twenty = (call: () => Promise<LightMyRequestResponse>) => Promise.all(Array.from({ length: 20 }, call));
      const statuses = (answers: LightMyRequestResponse[]) => answers.map((a) => a.statusCode).sort().join(',');

      const member = await tenant.member('manager');
      const removed = await twenty(() => asOwner('DELETE', `/v1/workspace/members/${member.memberId}`));
      assert.equal(statuses(removed), ['204', ...Array(19).fill('404')].join(','));
      assert.equal(await count('member.removed', member.memberId), 1);

      const email = `race-invite-${dialect}@elsewhere.example`;
      const invited = await twenty(() => asOwner('POST', '/v1/workspace/invitations', { email, role: 'team_lead' }));
      assert.equal(invited.filter((a) => a.statusCode === 201).length, 1, statuses(invited));
      for (const answer of invited.filter((a) => a.statusCode !== 201)) assertProblem(answer, 409, 'invitation_exists', 'concurrent invitation');

      const key = await tenant.key('read_only');
      const revoked = await twenty(() => asOwner('DELETE', `/v1/workspace/api-keys/${key.id}`));
      assert.equal(statuses(revoked), Array(20).fill('204').join(','));
      assert.equal(await count('api_key.revoked', key.id), 1);

      const token = await tenant.portalToken(contactId);
      const sid = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { sid: string };
      const signedOut = await twenty(() => bearerCall(s.app, token)('POST', '/v1/portal/sign-out'));
      assert.equal(statuses(signedOut), Array(20).fill('204').join(','));
      assert.equal(await count('portal.signed_out', sid.sid), 1);
    });

    test('a unique violation is recognised on this dialect and logged without the values', async () => {
      const email = `logged-${dialect}@customer.example`;
      const insert = () =>
        s.app.db
          .insertInto('portal_contacts')
          .values({ id: `ctc_${Math.random().toString(36).slice(2)}`, workspace_id: tenant.workspaceId, customer_id: customerId, display_name: 'D', email, role: 'R', created_at: new Date().toISOString() })
          .execute();
      await insert();
      const error = await insert().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      assert.ok(error, 'the second insert fails');
      assert.ok(isUniqueViolation(error), `recognised: ${String((error as { code?: string }).code)}`);
      if (dialect === 'postgres') assert.match(String((error as { detail?: string }).detail), new RegExp(email), 'PostgreSQL puts the value in detail');
      assert.doesNotMatch(JSON.stringify(loggable(error)), new RegExp(email));
    });

    test('signing out: portal and member sessions that already ended answer 204; forged tokens 401', async () => {
      const portalToken = await tenant.portalToken(contactId);
      const signOut = bearerCall(s.app, portalToken);
      assert.equal((await signOut('POST', '/v1/portal/sign-out')).statusCode, 204);
      assert.equal((await signOut('POST', '/v1/portal/sign-out')).statusCode, 204, 'signed out already');
      assert.equal((await signOut('GET', '/v1/portal/me')).statusCode, 401, 'the session has ended');
      const revokedToken = await tenant.portalToken(contactId);
      assert.equal((await tenant.asKey('POST', `/v1/workspace/contacts/${contactId}/revoke-sessions`)).statusCode, 200);
      assert.equal((await bearerCall(s.app, revokedToken)('POST', '/v1/portal/sign-out')).statusCode, 204, 'revoked by the workspace');

      const memberToken = await tenant.owner.token();
      const memberSignOut = bearerCall(s.app, memberToken);
      assert.equal((await memberSignOut('POST', '/v1/workspace/auth/sign-out')).statusCode, 204);
      assert.equal((await memberSignOut('POST', '/v1/workspace/auth/sign-out')).statusCode, 204, 'member signed out already');

      const [header, payload] = portalToken.split('.');
      const forged = `${header}.${payload}.${'A'.repeat(43)}`;
      for (const [url, token] of [
        ['/v1/portal/sign-out', forged],
        ['/v1/portal/sign-out', undefined],
        ['/v1/portal/sign-out', memberToken],
        ['/v1/workspace/auth/sign-out', `${memberToken.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`],
        ['/v1/workspace/auth/sign-out', portalToken],
      ] as const) {
        assertProblem(await bearerCall(s.app, token)('POST', url), 401, 'unauthorized', `${url} with a bad token`);
      }
    });
  });

  test(`a race on contact creation leaves no email in the log (${dialect})`, async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const database = await createTestDatabase(dialect);
    let app: FastifyInstance | undefined;
    try {
      app = await buildApp({ ...loadConfig({ TABA_DATA_DIR: database.dataDir }), database: database.config }, { logger: { level: 'trace', stream } });
      const workspace = await createWorkspace(app.db, 'Logged race');
      await updateSettings(app.db, workspace.id, { portalEnabled: true });
      const { secret } = await createApiKey(app.db, workspace.id, 'backend', 'full');
      const call = bearerCall(app, secret);
      const customer = (await call('POST', '/v1/workspace/customers', { name: 'Race' })).json<{ id: string }>();
      const email = `private.person.${dialect}@customer.example`;
      const answers = await Promise.all(Array.from({ length: 20 }, () => call('POST', `/v1/workspace/customers/${customer.id}/contacts`, { displayName: 'P', email, role: 'Buyer' })));
      assert.deepEqual(answers.map((a) => a.statusCode).sort(), [201, ...Array<number>(19).fill(409)]);
      assert.ok(lines.length > 20, 'the log was captured');
      assert.deepEqual(lines.filter((line) => line.includes(email) || line.includes('private.person')), []);
    } finally {
      await app?.close();
      await database.drop();
    }
  });
}

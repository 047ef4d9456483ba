import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiKey, CreatedApiKey } from '../../../sdk/contract/api-keys.js';
import type { AuditEvent } from '../../../sdk/contract/audit.js';
import type { Page, Problem } from '../../../sdk/contract/common.js';
import type { MemberSession } from '../../../sdk/contract/members.js';
import { hashSecret } from '../../lib/ids.js';
import { rolePermissions, type WorkspaceAction } from '../../lib/permissions.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { joinAs, onboardOwner, startGoogleIssuer, type GoogleIssuer } from '../../test-support/google-issuer.js';
import { customerWithContact } from '../../test-support/portal.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

for (const dialect of testDialects) {
  describe(`API keys (${dialect})`, () => {
    let issuer: GoogleIssuer;
    let t: TestApp;
    let owner: MemberSession;

    const as = (token: string | undefined) => (method: Method, url: string, payload?: object) =>
      t.app.inject({ method, url, payload, headers: token ? { authorization: `Bearer ${token}` } : {} });
    const createKey = async (name: string, scope: CreatedApiKey['scope'], session = owner) => {
      const response = await as(session.accessToken)('POST', '/v1/workspace/api-keys', { name, scope });
      assert.equal(response.statusCode, 201, response.body);
      return response.json<CreatedApiKey>();
    };

    before(async () => {
      issuer = await startGoogleIssuer();
      t = await createTestApp(dialect, { google: issuer.config });
      owner = await onboardOwner(t.app, issuer, 'owner@keys.example', 'Keys');
      assert.equal((await as(owner.accessToken)('PATCH', '/v1/workspace/settings', { portalEnabled: true })).statusCode, 200);
    });
    after(async () => {
      await t.close();
      await issuer.close();
    });

    test('a key is shown once, stored as a hash, and listed without its secret', async () => {
      const created = await createKey('  Website backend ', 'sessions_only');
      assert.match(created.secret, /^sk_[A-Za-z0-9_-]{43}$/);
      assert.equal(created.name, 'Website backend');
      assert.equal(created.scope, 'sessions_only');
      assert.ok(created.secret.startsWith(created.prefix) && created.prefix.length < 16, `prefix ${created.prefix}`);
      assert.equal(created.lastUsedAt, null);
      assert.equal(created.revokedAt, null);

      const stored = await t.app.db.selectFrom('api_keys').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
      assert.equal(stored.token_hash, hashSecret(created.secret));
      assert.ok(!JSON.stringify(stored).includes(created.secret.slice(created.prefix.length)), 'the secret is not stored');

      const list = await as(owner.accessToken)('GET', '/v1/workspace/api-keys');
      assert.equal(list.statusCode, 200);
      const listed = list.json<Page<ApiKey>>().items.find((key) => key.id === created.id);
      assert.deepEqual(listed, { id: created.id, name: 'Website backend', prefix: created.prefix, scope: 'sessions_only', createdAt: created.createdAt, lastUsedAt: null, revokedAt: null });
      assert.ok(!list.body.includes(created.secret.slice(created.prefix.length)), 'no secret in the list');
      assert.ok(!list.body.includes(stored.token_hash), 'no hash in the list');
      assert.ok(!list.body.includes('secret'), 'no secret field in the list');
    });

    test('scopes: full does customer work and portal settings, read-only only reads, sessions-only only mints portal sessions', async () => {
      const full = await createKey('full', 'full');
      const readOnly = await createKey('reader', 'read_only');
      const sessionsOnly = await createKey('website', 'sessions_only');
      const acme = await customerWithContact(t.app, full.secret, 'Acme');

      const expectations: [string, Method, string, object | undefined, Record<'full' | 'read_only' | 'sessions_only', number>][] = [
        ['list customers', 'GET', '/v1/workspace/customers', undefined, { full: 200, read_only: 200, sessions_only: 403 }],
        ['create a customer', 'POST', '/v1/workspace/customers', { name: 'Globex' }, { full: 201, read_only: 403, sessions_only: 403 }],
        ['list proposals', 'GET', '/v1/workspace/proposals', undefined, { full: 200, read_only: 200, sessions_only: 403 }],
        ['read settings', 'GET', '/v1/workspace/settings', undefined, { full: 200, read_only: 200, sessions_only: 403 }],
        ['change settings', 'PATCH', '/v1/workspace/settings', { portalEnabled: true }, { full: 200, read_only: 403, sessions_only: 403 }],
        ['mint a portal session', 'POST', '/v1/workspace/portal-sessions', { contactId: acme.contactId }, { full: 201, read_only: 403, sessions_only: 201 }],
        ['list API keys', 'GET', '/v1/workspace/api-keys', undefined, { full: 403, read_only: 403, sessions_only: 403 }],
        ['create an API key', 'POST', '/v1/workspace/api-keys', { name: 'escalate', scope: 'full' }, { full: 403, read_only: 403, sessions_only: 403 }],
      ];
      for (const [what, method, url, payload, expected] of expectations) {
        for (const [scope, key] of [['full', full], ['read_only', readOnly], ['sessions_only', sessionsOnly]] as const) {
          const response = await as(key.secret)(method, url, payload);
          assert.equal(response.statusCode, expected[scope], `${scope} key: ${what}`);
          if (expected[scope] === 403) assert.equal(response.json<Problem>().code, 'forbidden');
        }
      }
    });

    test('a revoked key is refused at once; revoking again changes nothing', async () => {
      const key = await createKey('short-lived', 'read_only');
      assert.equal((await as(key.secret)('GET', '/v1/workspace/customers')).statusCode, 200);
      const used = (await as(owner.accessToken)('GET', '/v1/workspace/api-keys')).json<Page<ApiKey>>().items.find((k) => k.id === key.id);
      assert.ok(used?.lastUsedAt, 'last use is recorded');

      assert.equal((await as(owner.accessToken)('DELETE', `/v1/workspace/api-keys/${key.id}`)).statusCode, 204);
      const refused = await as(key.secret)('GET', '/v1/workspace/customers');
      assert.equal(refused.statusCode, 401);
      assert.equal(refused.json<Problem>().code, 'unauthorized');

      const revoked = (await as(owner.accessToken)('GET', '/v1/workspace/api-keys')).json<Page<ApiKey>>().items.find((k) => k.id === key.id);
      assert.ok(revoked?.revokedAt);
      assert.equal((await as(owner.accessToken)('DELETE', `/v1/workspace/api-keys/${key.id}`)).statusCode, 204);
      const again = (await as(owner.accessToken)('GET', '/v1/workspace/api-keys')).json<Page<ApiKey>>().items.find((k) => k.id === key.id);
      assert.equal(again?.revokedAt, revoked.revokedAt, 'the first revocation time stands');

      const events = (await as(owner.accessToken)('GET', `/v1/workspace/audit-events?subjectId=${key.id}`)).json<Page<AuditEvent>>().items;
      assert.deepEqual(events.map((e) => [e.action, e.actorType, e.actorId]), [
        ['api_key.created', 'member', owner.memberId],
        ['api_key.revoked', 'member', owner.memberId],
      ]);
      assert.ok(!JSON.stringify(events).includes(key.secret.slice(key.prefix.length)), 'the audit trail never holds the secret');
    });

    test("another workspace's key answers 404 and stays usable; bad input answers 400 naming the field", async () => {
      const other = await onboardOwner(t.app, issuer, 'owner@other-keys.example', 'Other keys');
      const theirs = await createKey('theirs', 'read_only', other);
      const attempt = await as(owner.accessToken)('DELETE', `/v1/workspace/api-keys/${theirs.id}`);
      assert.equal(attempt.statusCode, 404);
      assert.equal(attempt.json<Problem>().code, 'not_found');
      assert.equal((await as(theirs.secret)('GET', '/v1/workspace/customers')).statusCode, 200);
      const mine = (await as(owner.accessToken)('GET', '/v1/workspace/api-keys?limit=100')).json<Page<ApiKey>>().items;
      assert.ok(!mine.some((key) => key.id === theirs.id), "another workspace's keys are not listed");

      const bad: [object, string][] = [
        [{ scope: 'full' }, 'body.name'],
        [{ name: '   ', scope: 'full' }, 'body.name'],
        [{ name: 'x', scope: 'admin' }, 'body.scope'],
        [{ name: 'x' }, 'body.scope'],
        [{ name: 'x', scope: 'full', secret: 'sk_mine' }, 'body.secret'],
      ];
      for (const [payload, field] of bad) {
        const response = await as(owner.accessToken)('POST', '/v1/workspace/api-keys', payload);
        assert.equal(response.statusCode, 400, JSON.stringify(payload));
        assert.ok(response.json<Problem>().errors?.some((e) => e.field === field), `${field} in ${response.body}`);
      }
      const badId = await as(owner.accessToken)('DELETE', '/v1/workspace/api-keys/..%2Fkey');
      assert.equal(badId.statusCode, 400);
      assert.equal(badId.json<Problem>().errors?.[0]?.field, 'params.keyId');
    });

    test('the list pages newest first with a cursor', async () => {
      const other = await onboardOwner(t.app, issuer, 'owner@paging.example', 'Paging');
      const made = [];
      for (const name of ['one', 'two', 'three']) made.push(await createKey(name, 'full', other));
      const first = (await as(other.accessToken)('GET', '/v1/workspace/api-keys?limit=2')).json<Page<ApiKey>>();
      assert.deepEqual(first.items.map((k) => k.name), ['three', 'two']);
      assert.ok(first.nextCursor);
      const second = (await as(other.accessToken)('GET', `/v1/workspace/api-keys?limit=2&cursor=${first.nextCursor}`)).json<Page<ApiKey>>();
      assert.deepEqual(second.items.map((k) => k.name), ['one']);
      assert.equal(second.nextCursor, null);
    });

    test('keys made outside the API (CLI, tests) default to the full scope', async () => {
      const { apiKey } = await t.newWorkspace('CLI workspace');
      const row = await t.app.db.selectFrom('api_keys').select('scope').where('token_hash', '=', hashSecret(apiKey)).executeTakeFirstOrThrow();
      assert.equal(row.scope, 'full');
    });

    test('role matrix: only owners and managers see and manage keys, as lib/permissions.ts says', async () => {
      const team = await onboardOwner(t.app, issuer, 'owner@key-matrix.example', 'Key matrix');
      const sessions: Record<MemberSession['role'], MemberSession> = {
        owner: team,
        manager: await joinAs(t.app, issuer, team, 'manager@key-matrix.example', 'manager'),
        team_lead: await joinAs(t.app, issuer, team, 'lead@key-matrix.example', 'team_lead'),
        finance_reviewer: await joinAs(t.app, issuer, team, 'finance@key-matrix.example', 'finance_reviewer'),
      };
      const routes: { action: WorkspaceAction; method: Method; url: () => Promise<string>; payload?: object; success: number }[] = [
        { action: 'api_keys.read', method: 'GET', url: async () => '/v1/workspace/api-keys', success: 200 },
        { action: 'api_keys.manage', method: 'POST', url: async () => '/v1/workspace/api-keys', payload: { name: 'matrix', scope: 'read_only' }, success: 201 },
        { action: 'api_keys.manage', method: 'DELETE', url: async () => `/v1/workspace/api-keys/${(await createKey('to revoke', 'read_only', team)).id}`, success: 204 },
      ];
      for (const [role, session] of Object.entries(sessions) as [MemberSession['role'], MemberSession][]) {
        for (const route of routes) {
          const url = await route.url();
          const response = await as(session.accessToken)(route.method, url, route.payload);
          const expected = rolePermissions[role].includes(route.action) ? route.success : 403;
          assert.equal(response.statusCode, expected, `${role} ${route.method} ${url}`);
        }
      }
      // Spelled out as well, so a change to the table itself shows up here.
      assert.equal((await as(sessions.manager.accessToken)('POST', '/v1/workspace/api-keys', { name: 'm', scope: 'full' })).statusCode, 201);
      assert.equal((await as(sessions.team_lead.accessToken)('GET', '/v1/workspace/api-keys')).statusCode, 403);
      assert.equal((await as(sessions.finance_reviewer.accessToken)('GET', '/v1/workspace/api-keys')).statusCode, 403);
    });
  });
}

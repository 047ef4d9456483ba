import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { generateKeyPair, SignJWT } from 'jose';
import type { AuditEvent } from '../../../sdk/contract/audit.js';
import type { Page, Problem } from '../../../sdk/contract/common.js';
import type { GoogleSignInResult, Invitation, Member, MemberSession } from '../../../sdk/contract/members.js';
import type { WorkspaceSettings } from '../../../sdk/contract/settings.js';
import { rolePermissions, type WorkspaceAction } from '../../lib/permissions.js';
import { MEMBER_ACCESS_TYPE, MEMBER_AUDIENCE, TOKEN_ISSUER } from '../../plugins/auth.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import {
  clientAddress,
  joinAs,
  onboardOwner,
  signInWithGoogle,
  startGoogleIssuer,
  TEST_GOOGLE_CLIENT_ID,
  TEST_GOOGLE_ISSUER,
  type GoogleIssuer,
} from '../../test-support/google-issuer.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;

for (const dialect of testDialects) {
  describe(`members, invitations and Google sign-in (${dialect})`, () => {
    let issuer: GoogleIssuer;
    let t: TestApp;

    const as = (token: string | undefined) => (method: Method, url: string, payload?: object) =>
      t.app.inject({ method, url, payload, headers: token ? { authorization: `Bearer ${token}` } : {} });
    const googleSignIn = (idToken: string, workspaceId?: string) =>
      t.app.inject({ method: 'POST', url: '/v1/workspace/auth/google', remoteAddress: clientAddress(), payload: { idToken, workspaceId } });
    const onboard = (token: string, workspaceName: string) =>
      t.app.inject({ method: 'POST', url: '/v1/workspace/onboarding', remoteAddress: clientAddress(), headers: { authorization: `Bearer ${token}` }, payload: { workspaceName } });
    const refresh = (refreshToken: string) => t.app.inject({ method: 'POST', url: '/v1/workspace/auth/refresh', remoteAddress: clientAddress(), payload: { refreshToken } });
    const auditActions = async (owner: MemberSession) =>
      (await as(owner.accessToken)('GET', '/v1/workspace/audit-events?limit=100')).json<Page<AuditEvent>>().items.map((event) => event.action);

    before(async () => {
      issuer = await startGoogleIssuer();
      t = await createTestApp(dialect, { google: issuer.config });
    });
    after(async () => {
      await t.close();
      await issuer.close();
    });

    test('a new person signs in, founds a workspace, invites five members, is refused a sixth and enables the portal', async () => {
      const first = await signInWithGoogle(t.app, issuer, 'Founder@Northwind.example');
      assert.equal(first.status, 'onboarding');
      assert.ok(first.status === 'onboarding');
      assert.equal(first.email, 'founder@northwind.example');
      const ttl = Date.parse(first.onboardingTokenExpiresAt) - Date.now();
      assert.ok(ttl > 9 * 60_000 && ttl <= 10 * 60_000, `onboarding token lives ${ttl} ms`);

      const created = await onboard(first.onboardingToken, '  Northwind Studio ');
      assert.equal(created.statusCode, 201);
      const owner = created.json<{ status: string; session: MemberSession }>().session;
      assert.equal(owner.role, 'owner');
      assert.match(owner.workspaceId, /^ws_/);
      const claims = decode(owner.accessToken);
      assert.equal(claims.aud, MEMBER_AUDIENCE);
      assert.equal(claims.iss, TOKEN_ISSUER);
      assert.equal(claims.typ, MEMBER_ACCESS_TYPE);
      assert.equal(claims.ws, owner.workspaceId);
      assert.equal((claims.exp as number) - (claims.iat as number), 15 * 60);
      const sessionTtl = Date.parse(owner.refreshTokenExpiresAt) - Date.now();
      assert.ok(sessionTtl > 11.9 * 3600_000 && sessionTtl <= 12 * 3600_000, `member session lives ${sessionTtl} ms`);

      const call = as(owner.accessToken);
      const members = (await call('GET', '/v1/workspace/members')).json<Page<Member>>();
      assert.deepEqual(
        members.items.map((m) => [m.email, m.role]),
        [['founder@northwind.example', 'owner']],
      );
      const workspace = await t.app.db.selectFrom('workspaces').select('name').where('id', '=', owner.workspaceId).executeTakeFirstOrThrow();
      assert.equal(workspace.name, 'Northwind Studio');

      // Signing in again goes straight into the workspace.
      const again = await signInWithGoogle(t.app, issuer, 'founder@northwind.example');
      assert.equal(again.status, 'signed_in');
      assert.ok(again.status === 'signed_in' && again.session.workspaceId === owner.workspaceId);

      const invitees = [
        ['lead@northwind.example', 'team_lead'],
        ['manager@northwind.example', 'manager'],
        ['finance@northwind.example', 'finance_reviewer'],
        ['lead2@northwind.example', 'team_lead'],
      ] as const;
      for (const [email, role] of invitees) {
        const response = await call('POST', '/v1/workspace/invitations', { email, role });
        assert.equal(response.statusCode, 201, response.body);
        assert.equal(response.json<Invitation>().role, role);
      }
      // POST /members invites too, under the same rules.
      const fifth = await call('POST', '/v1/workspace/members', { email: 'fifth@northwind.example', role: 'finance_reviewer' });
      assert.equal(fifth.statusCode, 201);
      assert.equal(fifth.json<Invitation>().email, 'fifth@northwind.example');

      const sixth = await call('POST', '/v1/workspace/invitations', { email: 'sixth@northwind.example', role: 'team_lead' });
      assert.equal(sixth.statusCode, 409);
      assert.equal(sixth.json<Problem>().code, 'member_limit_reached');
      assert.equal((await call('POST', '/v1/workspace/members', { email: 'sixth@northwind.example', role: 'team_lead' })).json<Problem>().code, 'member_limit_reached');

      // The pending invitation is what holds the seat: revoking it frees one, accepting it does not.
      const pending = (await call('GET', '/v1/workspace/invitations')).json<Page<Invitation>>().items;
      assert.equal(pending.length, 5);
      const fifthId = fifth.json<Invitation>().id;
      assert.equal((await call('DELETE', `/v1/workspace/invitations/${fifthId}`)).statusCode, 204);
      assert.equal((await call('POST', '/v1/workspace/invitations', { email: 'sixth@northwind.example', role: 'team_lead' })).statusCode, 201);
      const lead = await signInWithGoogle(t.app, issuer, 'LEAD@northwind.example');
      assert.equal(lead.status, 'signed_in');
      assert.ok(lead.status === 'signed_in');
      assert.equal(lead.session.role, 'team_lead');
      assert.equal((await call('POST', '/v1/workspace/invitations', { email: 'seventh@northwind.example', role: 'team_lead' })).statusCode, 409);
      assert.equal((await call('GET', '/v1/workspace/members')).json<Page<Member>>().items.length, 2);
      assert.equal((await call('GET', '/v1/workspace/invitations')).json<Page<Invitation>>().items.length, 4);

      // The module is off until an owner or manager turns it on; a team lead may only look.
      assert.equal((await call('GET', '/v1/workspace/settings')).json<WorkspaceSettings>().portalEnabled, false);
      const byLead = await as(lead.session.accessToken)('PATCH', '/v1/workspace/settings', { portalEnabled: true });
      assert.equal(byLead.statusCode, 403);
      assert.equal(byLead.json<Problem>().code, 'forbidden');
      assert.equal((await as(lead.session.accessToken)('GET', '/v1/workspace/settings')).json<WorkspaceSettings>().portalEnabled, false);
      const manager = await signInWithGoogle(t.app, issuer, 'manager@northwind.example');
      assert.ok(manager.status === 'signed_in');
      const byManager = await as(manager.session.accessToken)('PATCH', '/v1/workspace/settings', { portalEnabled: true });
      assert.equal(byManager.statusCode, 200);
      assert.equal(byManager.json<WorkspaceSettings>().portalEnabled, true);
      const byOwner = await call('PATCH', '/v1/workspace/settings', { portalEnabled: false });
      assert.equal(byOwner.json<WorkspaceSettings>().portalEnabled, false);

      const actions = await auditActions(owner);
      for (const action of ['workspace.created', 'member.signed_in', 'member.invited', 'invitation.revoked', 'member.joined', 'settings.updated']) {
        assert.ok(actions.includes(action), `audit has ${action}`);
      }
    });

    test('invitations racing for the last seats never exceed the limit', async () => {
      const owner = await onboardOwner(t.app, issuer, 'racer@race.example', 'Race');
      const results = await Promise.all(
        Array.from({ length: 9 }, (_, i) => as(owner.accessToken)('POST', '/v1/workspace/invitations', { email: `runner${i}@race.example`, role: 'team_lead' })),
      );
      assert.equal(results.filter((r) => r.statusCode === 201).length, 5);
      assert.ok(results.filter((r) => r.statusCode !== 201).every((r) => r.json<Problem>().code === 'member_limit_reached'));
      const seats = await t.app.db.selectFrom('members').select('id').where('workspace_id', '=', owner.workspaceId).execute();
      assert.equal(seats.length, 6);
    });

    describe('Google ID tokens are verified', () => {
      const now = () => Math.floor(Date.now() / 1000);
      const unsigned = (alg: string) =>
        `${Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url')}.${Buffer.from(
          JSON.stringify({ sub: 'google-x', email: 'x@attack.example', email_verified: true, iss: TEST_GOOGLE_ISSUER, aud: TEST_GOOGLE_CLIENT_ID, iat: now(), exp: now() + 600 }),
        ).toString('base64url')}.`;

      test('a correct token is accepted (so the cases below can fail)', async () => {
        const response = await googleSignIn(await issuer.idToken({ email: 'control@attack.example' }));
        assert.equal(response.statusCode, 200);
        assert.equal(response.json<GoogleSignInResult>().status, 'onboarding');
      });

      const cases: [string, () => Promise<string> | string][] = [
        ['wrong audience', () => issuer.idToken({ email: 'x@attack.example' }, { audience: 'someone-else.apps.googleusercontent.com' })],
        ['wrong issuer', () => issuer.idToken({ email: 'x@attack.example' }, { issuer: 'https://evil.example' })],
        ['expired', () => issuer.idToken({ email: 'x@attack.example' }, { issuedAt: now() - 7200, expiresAt: now() - 600 })],
        ['email_verified false', () => issuer.idToken({ email: 'x@attack.example', email_verified: false })],
        ['email_verified as the string "true"', () => issuer.idToken({ email: 'x@attack.example', email_verified: 'true' })],
        ['no email_verified claim', () => issuer.idToken({ email: 'x@attack.example', email_verified: undefined })],
        ['signed by a foreign key with the trusted kid', async () => {
          const foreign = await generateKeyPair('RS256');
          return issuer.idToken({ email: 'x@attack.example' }, { key: foreign.privateKey });
        }],
        ['signed by a foreign key with an unknown kid', async () => {
          const foreign = await generateKeyPair('RS256');
          return issuer.idToken({ email: 'x@attack.example' }, { key: foreign.privateKey, kid: 'attacker-key' });
        }],
        ['alg none', () => unsigned('none')],
        ['alg HS256 with a guessed secret', () =>
          new SignJWT({ sub: 'google-x', email: 'x@attack.example', email_verified: true })
            .setProtectedHeader({ alg: 'HS256' })
            .setIssuer(TEST_GOOGLE_ISSUER)
            .setAudience(TEST_GOOGLE_CLIENT_ID)
            .setIssuedAt()
            .setExpirationTime('10m')
            .sign(new TextEncoder().encode('a-secret-anyone-could-guess-0123456789'))],
        ['HS256 keyed with the public key (RS/HS confusion)', async () => {
          const jwks = (await (await fetch(issuer.config.jwksUrl)).json()) as { keys: Record<string, string>[] };
          return new SignJWT({ sub: 'google-x', email: 'x@attack.example', email_verified: true })
            .setProtectedHeader({ alg: 'HS256', kid: jwks.keys[0]?.kid })
            .setIssuer(TEST_GOOGLE_ISSUER)
            .setAudience(TEST_GOOGLE_CLIENT_ID)
            .setIssuedAt()
            .setExpirationTime('10m')
            .sign(new TextEncoder().encode(JSON.stringify(jwks.keys[0])));
        }],
        ['RS384 from an unrelated key', async () => {
          const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
          return new SignJWT({ sub: 'google-x', email: 'x@attack.example', email_verified: true })
            .setProtectedHeader({ alg: 'RS384', kid: 'test-key-1' })
            .setIssuer(TEST_GOOGLE_ISSUER)
            .setAudience(TEST_GOOGLE_CLIENT_ID)
            .setIssuedAt()
            .setExpirationTime('10m')
            .sign(privateKey);
        }],
        ['tampered payload', async () => {
          const [header, , signature] = (await issuer.idToken({ email: 'x@attack.example' })).split('.');
          const payload = Buffer.from(JSON.stringify({ ...decode(await issuer.idToken({ email: 'x@attack.example' })), email: 'founder@northwind.example' })).toString('base64url');
          return `${header}.${payload}.${signature}`;
        }],
        ['not a JWT at all', () => 'not-a-token'],
      ];
      for (const [name, make] of cases) {
        test(`${name} → 401`, async () => {
          const response = await googleSignIn(await make());
          assert.equal(response.statusCode, 401, response.body);
          assert.equal(response.json<Problem>().code, 'invalid_id_token');
        });
      }

      test('a Google ID token is not a workspace credential', async () => {
        const response = await as(await issuer.idToken({ email: 'founder@northwind.example' }))('GET', '/v1/workspace/members');
        assert.equal(response.statusCode, 401);
      });
    });

    test('without GOOGLE_CLIENT_ID, Google sign-in answers 503', async () => {
      const unconfigured = await createTestApp(dialect, { google: { ...issuer.config, clientId: undefined } });
      try {
        const response = await unconfigured.app.inject({ method: 'POST', url: '/v1/workspace/auth/google', payload: { idToken: await issuer.idToken({ email: 'a@b.example' }) } });
        assert.equal(response.statusCode, 503);
        assert.equal(response.json<Problem>().code, 'google_sign_in_not_configured');
      } finally {
        await unconfigured.close();
      }
    });

    test('the onboarding token creates one workspace and is good for nothing else', async () => {
      const signedIn = await signInWithGoogle(t.app, issuer, 'newcomer@solo.example');
      assert.ok(signedIn.status === 'onboarding');
      const token = signedIn.onboardingToken;
      const header = decode(token);
      assert.equal(header.aud, 'taba-portal/onboarding');
      assert.ok((header.exp as number) - (header.iat as number) <= 15 * 60);

      assert.equal((await as(token)('GET', '/v1/workspace/members')).statusCode, 401, 'not a workspace credential');
      assert.equal((await as(token)('POST', '/v1/workspace/auth/sign-out')).statusCode, 401);
      const blank = await onboard(token, '   ');
      assert.equal(blank.statusCode, 400);
      assert.equal(blank.json<Problem>().errors?.[0]?.field, 'body.workspaceName');
      assert.equal((await onboard('garbage', 'Solo')).statusCode, 401);
      assert.equal((await t.app.inject({ method: 'POST', url: '/v1/workspace/onboarding', payload: { workspaceName: 'Solo' } })).statusCode, 401);

      const created = await onboard(token, 'Solo');
      assert.equal(created.statusCode, 201);
      const owner = created.json<{ session: MemberSession }>().session;
      // The same token again, or a member token in its place, founds nothing.
      const replay = await onboard(token, 'Solo again');
      assert.equal(replay.statusCode, 409);
      assert.equal(replay.json<Problem>().code, 'already_member');
      assert.equal((await onboard(owner.accessToken, 'Solo by member token')).statusCode, 401);
      const workspaces = await t.app.db.selectFrom('workspaces').select('id').where('name', 'like', 'Solo%').execute();
      assert.equal(workspaces.length, 1);
    });

    test('a member of several workspaces chooses one; a workspace not theirs is refused', async () => {
      const first = await onboardOwner(t.app, issuer, 'first@multi.example', 'Multi One');
      const second = await onboardOwner(t.app, issuer, 'second@multi.example', 'Multi Two');
      await as(second.accessToken)('POST', '/v1/workspace/invitations', { email: 'first@multi.example', role: 'manager' });
      const choice = await signInWithGoogle(t.app, issuer, 'first@multi.example');
      assert.equal(choice.status, 'choose_workspace');
      assert.ok(choice.status === 'choose_workspace');
      assert.deepEqual(
        choice.workspaces.map((w) => [w.id, w.name, w.role]),
        [
          [first.workspaceId, 'Multi One', 'owner'],
          [second.workspaceId, 'Multi Two', 'manager'],
        ],
      );
      const chosen = await signInWithGoogle(t.app, issuer, 'first@multi.example', second.workspaceId);
      assert.ok(chosen.status === 'signed_in');
      assert.equal(chosen.session.workspaceId, second.workspaceId);
      assert.equal(chosen.session.role, 'manager');
      const members = await as(chosen.session.accessToken)('GET', '/v1/workspace/members');
      assert.deepEqual(members.json<Page<Member>>().items.map((m) => m.email).sort(), ['first@multi.example', 'second@multi.example']);

      const outsider = await onboardOwner(t.app, issuer, 'outsider@multi.example', 'Elsewhere');
      const refused = await googleSignIn(await issuer.idToken({ email: 'first@multi.example' }), outsider.workspaceId);
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json<Problem>().code, 'not_a_member');
    });

    test('refresh rotates the refresh token, a replayed one ends the session, sign-out ends it too', async () => {
      const owner = await onboardOwner(t.app, issuer, 'rotator@rotate.example', 'Rotate');
      const rotated = await refresh(owner.refreshToken);
      assert.equal(rotated.statusCode, 200);
      const next = rotated.json<MemberSession>();
      assert.notEqual(next.refreshToken, owner.refreshToken);
      assert.equal(next.refreshTokenExpiresAt, owner.refreshTokenExpiresAt, 'refreshing never extends the session');
      assert.equal((await as(next.accessToken)('GET', '/v1/workspace/members')).statusCode, 200);

      const replay = await refresh(owner.refreshToken);
      assert.equal(replay.statusCode, 401);
      assert.equal(replay.json<Problem>().code, 'invalid_refresh_token');
      assert.equal((await refresh(next.refreshToken)).statusCode, 401, 'the replay revoked the session');
      assert.equal((await as(next.accessToken)('GET', '/v1/workspace/members')).statusCode, 401);

      const again = await signInWithGoogle(t.app, issuer, 'rotator@rotate.example');
      assert.ok(again.status === 'signed_in');
      assert.equal((await as(again.session.accessToken)('POST', '/v1/workspace/auth/sign-out')).statusCode, 204);
      assert.equal((await as(again.session.accessToken)('GET', '/v1/workspace/members')).statusCode, 401);
      assert.equal((await refresh(again.session.refreshToken)).statusCode, 401);
      assert.equal((await t.app.inject({ method: 'POST', url: '/v1/workspace/auth/sign-out' })).statusCode, 401);
      assert.equal((await refresh('mrt_unknown')).statusCode, 401);
      const expired = await t.app.db
        .selectFrom('member_sessions')
        .select(['created_at', 'expires_at'])
        .where('member_id', '=', owner.memberId)
        .execute();
      assert.ok(expired.every((s) => Date.parse(s.expires_at) - Date.parse(s.created_at) <= 12 * 3600_000));
    });

    test('20 concurrent refreshes with one token: exactly one rotates it, and the reuse ends the session', async () => {
      const owner = await onboardOwner(t.app, issuer, 'racer@refresh.example', 'Refresh race');
      const address = clientAddress();
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          t.app.inject({ method: 'POST', url: '/v1/workspace/auth/refresh', remoteAddress: address, payload: { refreshToken: owner.refreshToken } }),
        ),
      );
      assert.equal(results.filter((r) => r.statusCode === 200).length, 1);
      const refused = results.filter((r) => r.statusCode === 401);
      assert.equal(refused.length, 19);
      assert.ok(refused.every((r) => r.json<Problem>().code === 'invalid_refresh_token'));
      const winner = results.find((r) => r.statusCode === 200)?.json<MemberSession>();
      assert.ok(winner);
      assert.equal((await refresh(winner.refreshToken)).statusCode, 401);
      assert.equal((await as(winner.accessToken)('GET', '/v1/workspace/members')).statusCode, 401);
    });

    test('a role change or a removal applies to the very next request', async () => {
      const owner = await onboardOwner(t.app, issuer, 'boss@instant.example', 'Instant');
      const manager = await joinAs(t.app, issuer, owner, 'mia@instant.example', 'manager');
      const asManager = as(manager.accessToken);
      assert.equal((await asManager('POST', '/v1/workspace/invitations', { email: 'one@instant.example', role: 'team_lead' })).statusCode, 201);

      const demoted = await as(owner.accessToken)('PATCH', `/v1/workspace/members/${manager.memberId}`, { role: 'finance_reviewer' });
      assert.equal(demoted.statusCode, 200);
      assert.equal(demoted.json<Member>().role, 'finance_reviewer');
      assert.equal((await asManager('POST', '/v1/workspace/invitations', { email: 'two@instant.example', role: 'team_lead' })).statusCode, 403, 'same token, new role');
      assert.equal((await asManager('GET', '/v1/workspace/members')).statusCode, 200);

      assert.equal((await as(owner.accessToken)('DELETE', `/v1/workspace/members/${manager.memberId}`)).statusCode, 204);
      assert.equal((await asManager('GET', '/v1/workspace/members')).statusCode, 401, 'removed: the session is gone');
      assert.equal((await refresh(manager.refreshToken)).statusCode, 401);
      const members = (await as(owner.accessToken)('GET', '/v1/workspace/members')).json<Page<Member>>().items;
      assert.deepEqual(members.map((m) => m.email), ['boss@instant.example']);
      // Signing in again no longer enters the workspace.
      const back = await signInWithGoogle(t.app, issuer, 'mia@instant.example');
      assert.equal(back.status, 'onboarding');
      const actions = await auditActions(owner);
      assert.ok(actions.includes('member.role_changed') && actions.includes('member.removed'));
    });

    test('only an owner grants, takes away or removes the owner role, and a workspace keeps an owner', async () => {
      const owner = await onboardOwner(t.app, issuer, 'root@owners.example', 'Owners');
      const manager = await joinAs(t.app, issuer, owner, 'mgr@owners.example', 'manager');
      const asOwner = as(owner.accessToken);
      const asManager = as(manager.accessToken);

      for (const [method, url, payload] of [
        ['POST', '/v1/workspace/invitations', { email: 'co-owner@owners.example', role: 'owner' }],
        ['POST', '/v1/workspace/members', { email: 'co-owner@owners.example', role: 'owner' }],
        ['PATCH', `/v1/workspace/members/${owner.memberId}`, { role: 'manager' }],
        ['PATCH', `/v1/workspace/members/${manager.memberId}`, { role: 'owner' }],
        ['DELETE', `/v1/workspace/members/${owner.memberId}`, undefined],
      ] as const) {
        const response = await asManager(method, url, payload);
        assert.equal(response.statusCode, 403, `${method} ${url}`);
        assert.equal(response.json<Problem>().code, 'owner_role_required');
      }
      const ownerInvite = await asOwner('POST', '/v1/workspace/invitations', { email: 'co-owner@owners.example', role: 'owner' });
      assert.equal(ownerInvite.statusCode, 201);
      assert.equal((await asManager('DELETE', `/v1/workspace/invitations/${ownerInvite.json<Invitation>().id}`)).json<Problem>().code, 'owner_role_required');
      assert.equal((await asOwner('DELETE', `/v1/workspace/invitations/${ownerInvite.json<Invitation>().id}`)).statusCode, 204);

      for (const [method, payload] of [['PATCH', { role: 'manager' }], ['DELETE', undefined]] as const) {
        const response = await asOwner(method, `/v1/workspace/members/${owner.memberId}`, payload);
        assert.equal(response.statusCode, 409, method);
        assert.equal(response.json<Problem>().code, 'last_owner');
      }
      assert.equal((await asOwner('PATCH', `/v1/workspace/members/${manager.memberId}`, { role: 'owner' })).statusCode, 200);
      // Two owners now: the founder may step down, and the new owner may not then be removed.
      assert.equal((await asOwner('PATCH', `/v1/workspace/members/${owner.memberId}`, { role: 'manager' })).statusCode, 200);
      assert.equal((await as(manager.accessToken)('DELETE', `/v1/workspace/members/${manager.memberId}`)).json<Problem>().code, 'last_owner');
      const roles = (await as(manager.accessToken)('GET', '/v1/workspace/members')).json<Page<Member>>().items.map((m) => [m.email, m.role]);
      assert.deepEqual(roles, [
        ['root@owners.example', 'manager'],
        ['mgr@owners.example', 'owner'],
      ]);
    });

    test('duplicates answer 409 and bad input 400 naming the field', async () => {
      const owner = await onboardOwner(t.app, issuer, 'dup@dupes.example', 'Dupes');
      const call = as(owner.accessToken);
      assert.equal((await call('POST', '/v1/workspace/invitations', { email: 'twice@dupes.example', role: 'team_lead' })).statusCode, 201);
      const twice = await call('POST', '/v1/workspace/invitations', { email: 'TWICE@dupes.example', role: 'manager' });
      assert.equal(twice.statusCode, 409);
      assert.equal(twice.json<Problem>().code, 'invitation_exists');
      const self = await call('POST', '/v1/workspace/members', { email: 'dup@dupes.example', role: 'manager' });
      assert.equal(self.statusCode, 409);
      assert.equal(self.json<Problem>().code, 'already_member');

      const bad: [Method, string, object, string][] = [
        ['POST', '/v1/workspace/invitations', { email: 'not-an-email', role: 'team_lead' }, 'body.email'],
        ['POST', '/v1/workspace/invitations', { email: 'x@dupes.example', role: 'admin' }, 'body.role'],
        ['POST', '/v1/workspace/invitations', { email: 'x@dupes.example' }, 'body.role'],
        ['POST', '/v1/workspace/members', { email: 'x@dupes.example', role: 'manager', extra: 1 }, 'body.extra'],
        ['PATCH', `/v1/workspace/members/${owner.memberId}`, { role: 'emperor' }, 'body.role'],
      ];
      for (const [method, url, payload, field] of bad) {
        const response = await call(method, url, payload);
        assert.equal(response.statusCode, 400, `${method} ${url} ${JSON.stringify(payload)}`);
        assert.equal(response.headers['content-type'], 'application/problem+json');
        assert.ok(response.json<Problem>().errors?.some((e) => e.field === field), `${field} in ${response.body}`);
      }
      const badId = await call('DELETE', '/v1/workspace/members/NOT-AN-ID');
      assert.equal(badId.statusCode, 400);
      assert.equal(badId.json<Problem>().errors?.[0]?.field, 'params.memberId');
      const badSignIn = await t.app.inject({ method: 'POST', url: '/v1/workspace/auth/google', payload: {} });
      assert.equal(badSignIn.statusCode, 400);
      assert.equal(badSignIn.json<Problem>().errors?.[0]?.field, 'body.idToken');
    });

    test("another workspace's member and invitation ids answer 404", async () => {
      const mine = await onboardOwner(t.app, issuer, 'me@bola.example', 'Mine');
      const theirs = await onboardOwner(t.app, issuer, 'them@bola.example', 'Theirs');
      const theirMember = await joinAs(t.app, issuer, theirs, 'their-lead@bola.example', 'team_lead');
      const theirInvite = (await as(theirs.accessToken)('POST', '/v1/workspace/invitations', { email: 'pending@bola.example', role: 'team_lead' })).json<Invitation>();
      const call = as(mine.accessToken);
      for (const [method, url, payload] of [
        ['PATCH', `/v1/workspace/members/${theirMember.memberId}`, { role: 'manager' }],
        ['DELETE', `/v1/workspace/members/${theirMember.memberId}`, undefined],
        ['PATCH', `/v1/workspace/members/${theirs.memberId}`, { role: 'manager' }],
        ['DELETE', `/v1/workspace/invitations/${theirInvite.id}`, undefined],
        // An invitation is not a member, nor a member an invitation.
        ['DELETE', `/v1/workspace/members/${theirInvite.id}`, undefined],
        ['DELETE', `/v1/workspace/invitations/${mine.memberId}`, undefined],
      ] as const) {
        const response = await call(method, url, payload);
        assert.equal(response.statusCode, 404, `${method} ${url}`);
        assert.equal(response.json<Problem>().code, 'not_found');
      }
      const stillThere = (await as(theirs.accessToken)('GET', '/v1/workspace/members')).json<Page<Member>>().items;
      assert.deepEqual(stillThere.map((m) => m.role), ['owner', 'team_lead']);
      const listed = (await call('GET', '/v1/workspace/members')).json<Page<Member>>().items.map((m) => m.email);
      assert.deepEqual(listed, ['me@bola.example']);
      assert.deepEqual((await call('GET', '/v1/workspace/invitations')).json<Page<Invitation>>().items, []);
    });

    test('role matrix: every role on every members and invitations route, as lib/permissions.ts says', async () => {
      const owner = await onboardOwner(t.app, issuer, 'owner@matrix.example', 'Matrix');
      const sessions: Record<string, MemberSession> = {
        owner,
        manager: await joinAs(t.app, issuer, owner, 'manager@matrix.example', 'manager'),
        team_lead: await joinAs(t.app, issuer, owner, 'lead@matrix.example', 'team_lead'),
        finance_reviewer: await joinAs(t.app, issuer, owner, 'finance@matrix.example', 'finance_reviewer'),
      };
      const asOwner = as(owner.accessToken);
      let counter = 0;
      const freshInvitation = async () =>
        (await asOwner('POST', '/v1/workspace/invitations', { email: `invitee${++counter}@matrix.example`, role: 'team_lead' })).json<Invitation>().id;
      const freshMember = async () => (await joinAs(t.app, issuer, owner, `member${++counter}@matrix.example`, 'team_lead')).memberId;
      const clearInvitations = async () => {
        for (const invitation of (await asOwner('GET', '/v1/workspace/invitations')).json<Page<Invitation>>().items) {
          await asOwner('DELETE', `/v1/workspace/invitations/${invitation.id}`);
        }
      };
      const clearExtraMembers = async () => {
        for (const member of (await asOwner('GET', '/v1/workspace/members')).json<Page<Member>>().items) {
          if (member.email.startsWith('member')) await asOwner('DELETE', `/v1/workspace/members/${member.id}`);
        }
      };
      const routes: { action: WorkspaceAction; method: Method; url: () => Promise<string>; payload?: () => object; success: number; cleanup?: () => Promise<void> }[] = [
        { action: 'members.read', method: 'GET', url: async () => '/v1/workspace/members', success: 200 },
        { action: 'members.read', method: 'GET', url: async () => '/v1/workspace/invitations', success: 200 },
        { action: 'members.manage', method: 'POST', url: async () => '/v1/workspace/members', payload: () => ({ email: `via-members${++counter}@matrix.example`, role: 'team_lead' }), success: 201, cleanup: clearInvitations },
        { action: 'members.manage', method: 'POST', url: async () => '/v1/workspace/invitations', payload: () => ({ email: `via-invitations${++counter}@matrix.example`, role: 'finance_reviewer' }), success: 201, cleanup: clearInvitations },
        { action: 'members.manage', method: 'PATCH', url: async () => `/v1/workspace/members/${sessions.finance_reviewer?.memberId}`, payload: () => ({ role: 'finance_reviewer' }), success: 200 },
        { action: 'members.manage', method: 'DELETE', url: async () => `/v1/workspace/members/${await freshMember()}`, success: 204, cleanup: clearExtraMembers },
        { action: 'members.manage', method: 'DELETE', url: async () => `/v1/workspace/invitations/${await freshInvitation()}`, success: 204, cleanup: clearInvitations },
      ];
      let checked = 0;
      for (const [role, session] of Object.entries(sessions)) {
        for (const route of routes) {
          const url = await route.url();
          const response = await as(session.accessToken)(route.method, url, route.payload?.());
          const expected = rolePermissions[role as MemberSession['role']].includes(route.action) ? route.success : 403;
          assert.equal(response.statusCode, expected, `${role} ${route.method} ${url}: ${response.body}`);
          if (expected === 403) assert.equal(response.json<Problem>().code, 'forbidden');
          await route.cleanup?.();
          checked++;
        }
      }
      assert.equal(checked, 4 * routes.length);
      // Spelled out, so the table itself is checked too: team leads and finance reviewers only look.
      assert.equal((await as(sessions.team_lead?.accessToken)('POST', '/v1/workspace/invitations', { email: 'no@matrix.example', role: 'team_lead' })).statusCode, 403);
      assert.equal((await as(sessions.finance_reviewer?.accessToken)('GET', '/v1/workspace/members')).statusCode, 200);
      assert.equal((await as(sessions.manager?.accessToken)('POST', '/v1/workspace/invitations', { email: 'yes@matrix.example', role: 'team_lead' })).statusCode, 201);

      // API keys act for a backend, never manage people: every scope gets 403.
      for (const scope of ['full', 'read_only', 'sessions_only'] as const) {
        const key = (await asOwner('POST', '/v1/workspace/api-keys', { name: scope, scope })).json<{ secret: string }>().secret;
        for (const route of routes) {
          const response = await as(key)(route.method, await route.url(), route.payload?.());
          assert.equal(response.statusCode, 403, `${scope} key ${route.method}`);
          await route.cleanup?.();
        }
      }
    });
  });
}


import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import vm from 'node:vm';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { Problem } from '../../../sdk/contract/common.js';
import type { PortalSessionSecret, PortalTokens } from '../../../sdk/contract/sessions.js';
import type { SignInResult } from '../../../sdk/contract/sign-in.js';
import { PortalClient } from '../../../sdk/portal-client.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { createTestDatabase, testDialects } from '../../test-support/databases.js';
import { startMailbox, type Mailbox, type ReceivedMail } from '../../test-support/mailbox.js';
import { asContact, asWorkspace } from '../../test-support/portal.js';
import { createApiKey } from '../api-keys/repository.js';
import { updateSettings } from '../settings/repository.js';
import { createWorkspace } from '../workspaces/repository.js';

const PUBLIC_URL = 'https://portal.test';
const LINK = /^https:\/\/portal\.test\/portal\?workspace=(ws_[a-z0-9]+)#signin=(\S+)$/m;
const CODE = /^\s+(\d{6})$/m;

/** What a person reads off the email: the 6-digit code and the link. */
function readSignInMail(mail: ReceivedMail) {
  const code = CODE.exec(mail.text)?.[1];
  const link = LINK.exec(mail.text);
  assert.ok(code, `a 6-digit code in:\n${mail.text}`);
  assert.ok(link, `a sign-in link in:\n${mail.text}`);
  return { code, link: link[0], workspaceId: link[1] ?? '', linkToken: decodeURIComponent(link[2] ?? '') };
}

function claimsOf(accessToken: string): { sub: string; ws: string; cus: string; sid: string } {
  return JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString()) as { sub: string; ws: string; cus: string; sid: string };
}

/** Headers that differ between any two requests, whatever their content. */
const VARYING_HEADERS = new Set(['x-request-id', 'date']);
const comparableHeaders = (response: LightMyRequestResponse) =>
  Object.fromEntries(Object.entries(response.headers).filter(([name]) => !VARYING_HEADERS.has(name) && !/ratelimit|retry-after/.test(name)));

/**
 * The per-IP limits of sign-in (plugins/rate-limit.ts) are not what these tests are about, so each
 * request comes from its own address; the per-email limit is counted whatever the address.
 */
let ipSerial = 0;
const nextIp = () => `10.${(++ipSerial >> 16) & 255}.${(ipSerial >> 8) & 255}.${ipSerial & 255}`;

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

for (const dialect of testDialects) {
  describe(`contacts' sign-in by email (${dialect})`, () => {
    let t: TestApp;
    let mailbox: Mailbox;
    let workspaceId: string;
    let apiKey: string;
    let sentinel: string;
    let serial = 0;

    const workspaceCall = () => asWorkspace(t.app, apiKey);
    const newCustomer = async (name: string, key = apiKey) => {
      const response = await asWorkspace(t.app, key)('POST', '/v1/workspace/customers', { name });
      assert.equal(response.statusCode, 201, response.body);
      return response.json<{ id: string }>().id;
    };
    const addContact = async (customerId: string, email: string, key = apiKey) => {
      const response = await asWorkspace(t.app, key)('POST', `/v1/workspace/customers/${customerId}/contacts`, { displayName: 'Grace Hopper', email, role: 'Buyer' });
      assert.equal(response.statusCode, 201, response.body);
      return response.json<{ id: string }>().id;
    };
    /** A fresh contact with an address no other test uses. */
    const newContact = async (label: string) => {
      const email = `${label}.${++serial}@customer.example`;
      const customerId = await newCustomer(`${label} ${serial} Ltd`);
      return { email, customerId, contactId: await addContact(customerId, email) };
    };
    const requestSignIn = (email: string, ws = workspaceId, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/v1/portal/sign-in', payload: { workspaceId: ws, email }, headers, remoteAddress: nextIp() });
    const verify = (payload: object, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/v1/portal/sign-in/verify', payload, headers, remoteAddress: nextIp() });
    const me = (accessToken: string) => asContact(t.app, accessToken)('GET', '/v1/portal/me');
    const refresh = (refreshToken: string) => t.app.inject({ method: 'POST', url: '/v1/portal/sessions/refresh', payload: { refreshToken } });
    const signOut = (accessToken: string) => asContact(t.app, accessToken)('POST', '/v1/portal/sign-out', {});

    /** Asks for a sign-in and reads the email that arrives, as the contact would. */
    const mailedSignIn = async (email: string) => {
      const before = mailbox.received(email).length;
      const response = await requestSignIn(email);
      assert.equal(response.statusCode, 202, response.body);
      const mails = await mailbox.waitFor(email, before + 1);
      return readSignInMail(mails[mails.length - 1] as ReceivedMail);
    };
    const signedIn = (response: LightMyRequestResponse): PortalTokens => {
      assert.equal(response.statusCode, 200, response.body);
      const result = response.json<SignInResult>();
      assert.equal(result.status, 'signed_in');
      return (result as Extract<SignInResult, { status: 'signed_in' }>).tokens;
    };
    /** Refused with 401 and `code`: `invalid_sign_in` unless telling the case apart leaks nothing (docs/sign-in.md). */
    const assertRefused = (response: LightMyRequestResponse, code: string, label = '') => {
      assert.equal(response.statusCode, 401, `${label} ${response.body}`);
      assert.equal(response.json<Problem>().code, code, label);
    };
    const assertInvalid = (response: LightMyRequestResponse, label = '') => assertRefused(response, 'invalid_sign_in', label);
    /**
     * Mail goes out after the answer, so "nothing was sent" is checked by sending one more message
     * behind it and waiting until that one has arrived, plus a margin.
     */
    const assertNothingMailedTo = async (email: string, countBefore: number) => {
      const sentinelCount = mailbox.received(sentinel).length;
      assert.equal((await requestSignIn(sentinel)).statusCode, 202);
      await mailbox.waitFor(sentinel, sentinelCount + 1);
      await new Promise((resolve) => setTimeout(resolve, 150));
      assert.equal(mailbox.received(email).length, countBefore, `no message for ${email}`);
    };

    before(async () => {
      mailbox = await startMailbox();
      t = await createTestApp(dialect, { smtpUrl: mailbox.url, publicUrl: PUBLIC_URL });
      ({ workspaceId, apiKey } = await t.newWorkspace('Northwind Studio'));
      sentinel = (await newContact('sentinel')).email;
    });
    after(async () => {
      await t.close();
      await mailbox.close();
    });

    test('a known email receives a 6-digit code and a link to the hosted page, both valid ten minutes', async () => {
      const { email, contactId } = await newContact('ada');
      const response = await requestSignIn(email);
      assert.equal(response.statusCode, 202);
      assert.deepEqual(response.json(), { status: 'sent', expiresInSeconds: 600 });
      const [mail] = await mailbox.waitFor(email);
      assert.ok(mail);
      assert.match(mail.subject, /Northwind Studio/);
      const { code, workspaceId: linkWorkspace, linkToken } = readSignInMail(mail);
      assert.match(code, /^\d{6}$/);
      assert.equal(linkWorkspace, workspaceId);
      assert.ok(linkToken.length >= 40, 'the link token carries at least 128 random bits');

      const [challenge] = await t.app.db.selectFrom('portal_sign_in_challenges').selectAll().where('email', '=', email).execute();
      assert.ok(challenge);
      const ttl = Date.parse(challenge.expires_at) - Date.parse(challenge.created_at);
      assert.ok(ttl > 0 && ttl <= 10 * 60_000, `valid ${ttl} ms`);
      const stored = JSON.stringify(challenge);
      assert.ok(!stored.includes(code) && !stored.includes(linkToken), 'only hashes are stored');

      const tokens = signedIn(await verify({ workspaceId, email, code }));
      const profile = await me(tokens.accessToken);
      assert.equal(profile.statusCode, 200);
      assert.equal(profile.json<{ contact: { id: string } }>().contact.id, contactId);
    });

    test('the email is matched whatever its case or surrounding spaces', async () => {
      const { email, contactId } = await newContact('case');
      const response = await requestSignIn(`  ${email.toUpperCase()} `.trim());
      assert.equal(response.statusCode, 202);
      const [mail] = await mailbox.waitFor(email);
      const { code } = readSignInMail(mail as ReceivedMail);
      const tokens = signedIn(await verify({ workspaceId, email: email.toUpperCase(), code }));
      assert.equal(claimsOf(tokens.accessToken).sub, contactId);
    });

    test('known and unknown emails are answered alike, and the unknown one gets nothing', async () => {
      const { email } = await newContact('known');
      const unknown = `nobody.${++serial}@customer.example`;
      const knownAnswer = await requestSignIn(email);
      const unknownAnswer = await requestSignIn(unknown);
      assert.equal(unknownAnswer.statusCode, knownAnswer.statusCode);
      assert.equal(unknownAnswer.body, knownAnswer.body);
      assert.deepEqual(comparableHeaders(unknownAnswer), comparableHeaders(knownAnswer));
      await mailbox.waitFor(email);
      await assertNothingMailedTo(unknown, 0);

      // Verifying is alike too: a wrong code for a contact and any code for a stranger.
      const wrongForKnown = await verify({ workspaceId, email, code: '000000' });
      const anyForUnknown = await verify({ workspaceId, email: unknown, code: '000000' });
      assert.equal(anyForUnknown.statusCode, 401);
      const withoutId = (response: LightMyRequestResponse) => ({ ...response.json<Problem>(), requestId: undefined });
      assert.deepEqual(withoutId(anyForUnknown), withoutId(wrongForKnown));
    });

    test('a link works once, from the hosted page it points to', async () => {
      const { email, contactId } = await newContact('link');
      const { link, linkToken } = await mailedSignIn(email);
      const url = new URL(link);
      const page = await t.app.inject({ method: 'GET', url: url.pathname + url.search });
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(`workspace="${workspaceId}"`), 'the page names the workspace to its element');

      const first = signedIn(await verify({ linkToken }));
      assert.equal(claimsOf(first.accessToken).sub, contactId);
      assertRefused(await verify({ linkToken }), 'sign_in_link_used', 'second use');
    });

    test('a code works once', async () => {
      const { email } = await newContact('code');
      const { code } = await mailedSignIn(email);
      signedIn(await verify({ workspaceId, email, code }));
      assertInvalid(await verify({ workspaceId, email, code }), 'second use');
    });

    test('using the code spends the link of the same email, and the other way round', async () => {
      const { email } = await newContact('either');
      const first = await mailedSignIn(email);
      signedIn(await verify({ workspaceId, email, code: first.code }));
      assertRefused(await verify({ linkToken: first.linkToken }), 'sign_in_link_used', 'link after code');
      const second = await mailedSignIn(email);
      signedIn(await verify({ linkToken: second.linkToken }));
      assertInvalid(await verify({ workspaceId, email, code: second.code }), 'code after link');
    });

    test('an expired challenge fails, by code and by link', async () => {
      const { email } = await newContact('expired');
      const { code, linkToken } = await mailedSignIn(email);
      await t.app.db
        .updateTable('portal_sign_in_challenges')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('email', '=', email)
        .execute();
      assertInvalid(await verify({ workspaceId, email, code }), 'code');
      assertRefused(await verify({ linkToken }), 'sign_in_link_expired', 'link');
    });

    test('a newer request ends the older code and link', async () => {
      const { email } = await newContact('newer');
      const older = await mailedSignIn(email);
      const newer = await mailedSignIn(email);
      assertInvalid(await verify({ workspaceId, email, code: older.code }), 'older code');
      assertRefused(await verify({ linkToken: older.linkToken }), 'sign_in_link_replaced', 'older link');
      signedIn(await verify({ workspaceId, email, code: newer.code }));
    });

    test('the right code still works after four wrong ones', async () => {
      const { email } = await newContact('four');
      const { code } = await mailedSignIn(email);
      for (let i = 0; i < 4; i++) assertInvalid(await verify({ workspaceId, email, code: wrongCode(code) }), `wrong ${i + 1}`);
      signedIn(await verify({ workspaceId, email, code }));
    });

    test('after five wrong codes the challenge is dead: the right code and the link fail', async () => {
      const { email } = await newContact('five');
      const { code, linkToken } = await mailedSignIn(email);
      for (let i = 0; i < 5; i++) assertInvalid(await verify({ workspaceId, email, code: wrongCode(code) }), `wrong ${i + 1}`);
      assertRefused(await verify({ workspaceId, email, code }), 'too_many_attempts', 'right code as 6th attempt');
      assertRefused(await verify({ linkToken }), 'too_many_attempts', 'link of the dead challenge');
    });

    test('parallel guesses cannot exceed five attempts', async () => {
      const { email } = await newContact('parallel');
      const { code } = await mailedSignIn(email);
      const guesses = Array.from({ length: 12 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
      await Promise.all(guesses.map((guess) => verify({ workspaceId, email, code: guess })));
      const [challenge] = await t.app.db.selectFrom('portal_sign_in_challenges').select('attempts').where('email', '=', email).execute();
      assert.equal(challenge?.attempts, 5);
      assertRefused(await verify({ workspaceId, email, code }), 'too_many_attempts', 'right code after the limit');
    });

    test('each refused link says why, in words a person can act on', async () => {
      const { email } = await newContact('why');
      const { linkToken } = await mailedSignIn(email);
      signedIn(await verify({ linkToken }));
      const used = await verify({ linkToken });
      const { requestId, ...problem } = used.json<Problem>();
      assert.match(requestId ?? '', /^req_/);
      assert.deepEqual(problem, {
        type: 'https://taba-portal.dev/problems/sign_in_link_used',
        title: 'Sign-in link already used',
        status: 401,
        code: 'sign_in_link_used',
        detail: 'Each sign-in link works once. Ask for a new one.',
      });
      const details = new Map<string, string | undefined>();
      const { linkToken: stale } = await mailedSignIn(email);
      await t.app.db.updateTable('portal_sign_in_challenges').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('email', '=', email).execute();
      details.set('sign_in_link_expired', (await verify({ linkToken: stale })).json<Problem>().detail);
      const replaced = (await mailedSignIn(email)).linkToken;
      await mailedSignIn(email);
      details.set('sign_in_link_replaced', (await verify({ linkToken: replaced })).json<Problem>().detail);
      assert.deepEqual(Object.fromEntries(details), {
        sign_in_link_expired: 'Sign-in links work for ten minutes. Ask for a new one.',
        sign_in_link_replaced: 'A newer sign-in email was sent, and only its link works. Use that one, or ask for a new one.',
      });
    });

    test('a link that ran out before a newer email was asked for is expired, not replaced', async () => {
      const { email } = await newContact('lapsed');
      const lapsed = await mailedSignIn(email);
      await t.app.db.updateTable('portal_sign_in_challenges').set({ expires_at: new Date(Date.now() - 60_000).toISOString() }).where('email', '=', email).execute();
      const fresh = await mailedSignIn(email);
      assertRefused(await verify({ linkToken: lapsed.linkToken }), 'sign_in_link_expired', 'the older link');
      signedIn(await verify({ linkToken: fresh.linkToken }));
    });

    test('a link token nobody was sent is simply invalid', async () => {
      const { linkToken } = await mailedSignIn((await newContact('made-up')).email);
      assertInvalid(await verify({ linkToken: `${linkToken}x` }), 'a changed token');
      assertInvalid(await verify({ linkToken: 'psl_not-a-real-token' }), 'a made-up token');
    });

    test('too many attempts is answered alike for a contact and for an email that is none', async () => {
      const { email } = await newContact('tries');
      const stranger = `stranger.${++serial}@customer.example`;
      const { code } = await mailedSignIn(email);
      assert.equal((await requestSignIn(stranger)).statusCode, 202);
      const answers = new Map<string, LightMyRequestResponse[]>([
        [email, []],
        [stranger, []],
      ]);
      for (const [address, list] of answers) {
        for (let i = 0; i < 6; i++) list.push(await verify({ workspaceId, email: address, code: wrongCode(code) }));
      }
      const withoutId = (response: LightMyRequestResponse) => ({ ...response.json<Problem>(), statusCode: response.statusCode, requestId: undefined });
      const [mine, theirs] = [...answers.values()].map((list) => list.map(withoutId));
      assert.deepEqual(theirs, mine, 'the same answers, one by one');
      assert.deepEqual(
        mine?.map((answer) => answer.code),
        ['invalid_sign_in', 'invalid_sign_in', 'invalid_sign_in', 'invalid_sign_in', 'invalid_sign_in', 'too_many_attempts'],
      );
      // An email that never asked has no challenge to run out of attempts: always invalid_sign_in.
      const silent = `silent.${++serial}@customer.example`;
      for (let i = 0; i < 6; i++) assertInvalid(await verify({ workspaceId, email: silent, code: '000000' }), `silent ${i + 1}`);
      // A new code starts over.
      const fresh = await mailedSignIn(email);
      signedIn(await verify({ workspaceId, email, code: fresh.code }));
    });

    test('at most five emails per address in fifteen minutes; the sixth request is answered alike and sends nothing', async () => {
      const { email } = await newContact('limit');
      const answers: LightMyRequestResponse[] = [];
      for (let i = 1; i <= 5; i++) {
        answers.push(await requestSignIn(email));
        await mailbox.waitFor(email, i);
      }
      const sixth = await requestSignIn(email);
      assert.equal(sixth.statusCode, 202);
      assert.equal(sixth.body, answers[0]?.body);
      await assertNothingMailedTo(email, 5);
      // The fifth code is still the live one: the refused request did not supersede it.
      const fifth = readSignInMail(mailbox.received(email)[4] as ReceivedMail);
      signedIn(await verify({ workspaceId, email, code: fifth.code }));

      // The window is counted from the rows, so it frees up as they age.
      await t.app.db
        .updateTable('portal_sign_in_challenges')
        .set({ created_at: new Date(Date.now() - 16 * 60_000).toISOString() })
        .where('email', '=', email)
        .execute();
      assert.equal((await requestSignIn(email)).statusCode, 202);
      await mailbox.waitFor(email, 6);
    });

    test('a contact of two customers chooses one, and the session names only that customer', async () => {
      const email = `shared.${++serial}@customer.example`;
      const zeta = await newCustomer('Zeta Logistics');
      const alpha = await newCustomer('Alpha Foods');
      const other = await newCustomer('Other Co');
      const zetaContact = await addContact(zeta, email);
      await addContact(alpha, email);
      await addContact(other, `someone.${serial}@other.example`);

      const { code } = await mailedSignIn(email);
      const response = await verify({ workspaceId, email, code });
      assert.equal(response.statusCode, 200);
      const choice = response.json<SignInResult>();
      assert.equal(choice.status, 'choose_customer');
      if (choice.status !== 'choose_customer') return;
      assert.deepEqual(choice.customers, [
        { id: alpha, name: 'Alpha Foods' },
        { id: zeta, name: 'Zeta Logistics' },
      ]);
      const [challenge] = await t.app.db.selectFrom('portal_sign_in_challenges').selectAll().where('email', '=', email).execute();
      const choiceTtl = Date.parse(challenge?.choice_expires_at ?? '') - Date.now();
      assert.ok(choiceTtl > 0 && choiceTtl <= 5 * 60_000, `choice valid ${choiceTtl} ms`);

      assertInvalid(await verify({ choiceToken: choice.choiceToken, customerId: other }), 'a customer the email is no contact of');
      const tokens = signedIn(await verify({ choiceToken: choice.choiceToken, customerId: zeta }));
      const claims = claimsOf(tokens.accessToken);
      assert.equal(claims.cus, zeta);
      assert.equal(claims.sub, zetaContact);
      const profile = (await me(tokens.accessToken)).json<{ customer: { id: string } }>();
      assert.equal(profile.customer.id, zeta);
      const refreshed = refresh(tokens.refreshToken);
      assert.equal(claimsOf((await refreshed).json<PortalTokens>().accessToken).cus, zeta, 'refreshing keeps the one customer');
      assertInvalid(await verify({ choiceToken: choice.choiceToken, customerId: alpha }), 'the choice token is single use');
    });

    test('an expired choice token fails', async () => {
      const email = `late.${++serial}@customer.example`;
      await addContact(await newCustomer('Late One'), email);
      const second = await newCustomer('Late Two');
      await addContact(second, email);
      const { code } = await mailedSignIn(email);
      const choice = (await verify({ workspaceId, email, code })).json<Extract<SignInResult, { status: 'choose_customer' }>>();
      await t.app.db
        .updateTable('portal_sign_in_challenges')
        .set({ choice_expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('email', '=', email)
        .execute();
      assertInvalid(await verify({ choiceToken: choice.choiceToken, customerId: second }));
    });

    test('sign-out ends the session: the access token and the refresh token are refused at once', async () => {
      const { email } = await newContact('signout');
      const { code } = await mailedSignIn(email);
      const tokens = signedIn(await verify({ workspaceId, email, code }));
      assert.equal((await me(tokens.accessToken)).statusCode, 200);
      const response = await signOut(tokens.accessToken);
      assert.equal(response.statusCode, 204);
      assert.equal((await me(tokens.accessToken)).statusCode, 401);
      assert.equal((await refresh(tokens.refreshToken)).statusCode, 401);
      // Signing out again is idempotent, as for members: 204, and no second event.
      assert.equal((await signOut(tokens.accessToken)).statusCode, 204, 'a second sign-out changes nothing');
      const events = await t.app.db.selectFrom('audit_events').select('action').where('subject_id', '=', claimsOf(tokens.accessToken).sid).execute();
      assert.deepEqual(events.map((event) => event.action).sort(), ['portal.signed_in', 'portal.signed_out']);
    });

    test("revoking a contact's sessions cuts every one of them at once", async () => {
      const { email, contactId } = await newContact('revoke');
      const sessions: PortalTokens[] = [];
      for (let i = 0; i < 2; i++) {
        const { code } = await mailedSignIn(email);
        sessions.push(signedIn(await verify({ workspaceId, email, code })));
      }
      const other = await newContact('bystander');
      const { code: otherCode } = await mailedSignIn(other.email);
      const bystander = signedIn(await verify({ workspaceId, email: other.email, code: otherCode }));

      const response = await workspaceCall()('POST', `/v1/workspace/contacts/${contactId}/revoke-sessions`);
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), { revoked: 2 });
      for (const tokens of sessions) {
        assert.equal((await me(tokens.accessToken)).statusCode, 401);
        assert.equal((await refresh(tokens.refreshToken)).statusCode, 401);
      }
      assert.equal((await me(bystander.accessToken)).statusCode, 200, 'another contact keeps their session');
      const audit = await t.app.db.selectFrom('audit_events').selectAll().where('action', '=', 'contact.sessions_revoked').where('subject_id', '=', contactId).execute();
      assert.equal(audit.length, 1);
      assert.deepEqual(JSON.parse(audit[0]?.data ?? '{}'), { revoked: 2 });
      // Revoking is not removal: the contact may sign in again.
      const { code } = await mailedSignIn(email);
      signedIn(await verify({ workspaceId, email, code }));
    });

    test('removing a contact cuts access at once: no current token, no refresh, no new session', async () => {
      const { email, customerId, contactId } = await newContact('removed');
      const { code } = await mailedSignIn(email);
      const tokens = signedIn(await verify({ workspaceId, email, code }));
      const pending = await mailedSignIn(email);
      const minted = await workspaceCall()('POST', '/v1/workspace/portal-sessions', { contactId });
      const { clientSecret } = minted.json<PortalSessionSecret>();

      const response = await workspaceCall()('DELETE', `/v1/workspace/customers/${customerId}/contacts/${contactId}`);
      assert.equal(response.statusCode, 204, response.body);
      assert.equal((await me(tokens.accessToken)).statusCode, 401);
      assert.equal((await refresh(tokens.refreshToken)).statusCode, 401);
      assert.equal((await t.app.inject({ method: 'POST', url: '/v1/portal/sessions', payload: { clientSecret } })).statusCode, 401, 'an unspent client secret');
      assertInvalid(await verify({ linkToken: pending.linkToken }), 'a link mailed before the removal');
      assert.equal((await workspaceCall()('POST', '/v1/workspace/portal-sessions', { contactId })).statusCode, 404);
      const contacts = (await workspaceCall()('GET', `/v1/workspace/customers/${customerId}/contacts`)).json<{ items: unknown[] }>();
      assert.deepEqual(contacts.items, []);
      const audit = await t.app.db.selectFrom('audit_events').selectAll().where('action', '=', 'contact.removed').where('subject_id', '=', contactId).execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]?.customer_id, customerId);
      assert.equal((await workspaceCall()('DELETE', `/v1/workspace/customers/${customerId}/contacts/${contactId}`)).statusCode, 404, 'already gone');
    });

    test("another workspace's contact is not found by revoke-sessions or removal", async () => {
      const mine = await newContact('mine');
      const stranger = await t.newWorkspace('Stranger Inc');
      const theirCustomer = await newCustomer('Their customer', stranger.apiKey);
      const theirContact = await addContact(theirCustomer, `theirs.${++serial}@customer.example`, stranger.apiKey);
      const { code } = await mailedSignIn(mine.email);
      const tokens = signedIn(await verify({ workspaceId, email: mine.email, code }));

      const asStranger = asWorkspace(t.app, stranger.apiKey);
      assert.equal((await asStranger('POST', `/v1/workspace/contacts/${mine.contactId}/revoke-sessions`)).statusCode, 404);
      assert.equal((await asStranger('DELETE', `/v1/workspace/customers/${mine.customerId}/contacts/${mine.contactId}`)).statusCode, 404);
      assert.equal((await asStranger('DELETE', `/v1/workspace/customers/${theirCustomer}/contacts/${mine.contactId}`)).statusCode, 404, 'own customer, foreign contact');
      // Within one workspace, a contact is removed only through its own customer.
      const elsewhere = await newCustomer('Elsewhere');
      assert.equal((await workspaceCall()('DELETE', `/v1/workspace/customers/${elsewhere}/contacts/${mine.contactId}`)).statusCode, 404);
      assert.equal((await workspaceCall()('POST', `/v1/workspace/contacts/${theirContact}/revoke-sessions`)).statusCode, 404);
      assert.equal((await me(tokens.accessToken)).statusCode, 200, 'nothing was revoked');
    });

    test('a read-only API key may neither revoke sessions nor remove contacts', async () => {
      const { customerId, contactId } = await newContact('readonly');
      const readOnly = await createApiKey(t.app.db, workspaceId, 'read only');
      await t.app.db.updateTable('api_keys').set({ scope: 'read_only' }).where('id', '=', readOnly.id).execute();
      const call = asWorkspace(t.app, readOnly.secret);
      assert.equal((await call('POST', `/v1/workspace/contacts/${contactId}/revoke-sessions`)).statusCode, 403);
      assert.equal((await call('DELETE', `/v1/workspace/customers/${customerId}/contacts/${contactId}`)).statusCode, 403);
    });

    test('with the module off: portal_disabled on sign-in, verify, exchange, refresh and signed-in calls; nothing is spent', async () => {
      const { workspaceId: ws, apiKey: key } = await t.newWorkspace('Switchable');
      const customerId = await newCustomer('Switch customer', key);
      const email = `switch.${++serial}@customer.example`;
      const contactId = await addContact(customerId, email, key);
      assert.equal((await requestSignIn(email, ws)).statusCode, 202);
      const mail = readSignInMail((await mailbox.waitFor(email))[0] as ReceivedMail);
      const minted = (await asWorkspace(t.app, key)('POST', '/v1/workspace/portal-sessions', { contactId })).json<PortalSessionSecret>();
      const exchanged = (await t.app.inject({ method: 'POST', url: '/v1/portal/sessions', payload: { clientSecret: minted.clientSecret } })).json<PortalTokens>();
      const secondSecret = (await asWorkspace(t.app, key)('POST', '/v1/workspace/portal-sessions', { contactId })).json<PortalSessionSecret>();

      await updateSettings(t.app.db, ws, { portalEnabled: false });
      const disabled = (response: LightMyRequestResponse, label: string) => {
        assert.equal(response.statusCode, 403, `${label}: ${response.body}`);
        assert.equal(response.json<Problem>().code, 'portal_disabled', label);
      };
      disabled(await requestSignIn(email, ws), 'sign-in, known email');
      disabled(await requestSignIn(`stranger.${serial}@customer.example`, ws), 'sign-in, unknown email');
      disabled(await verify({ workspaceId: ws, email, code: mail.code }), 'verify by code');
      disabled(await verify({ linkToken: mail.linkToken }), 'verify by link');
      disabled(await t.app.inject({ method: 'POST', url: '/v1/portal/sessions', payload: { clientSecret: secondSecret.clientSecret } }), 'exchange');
      disabled(await refresh(exchanged.refreshToken), 'refresh');
      disabled(await me(exchanged.accessToken), 'signed-in call');
      disabled(await signOut(exchanged.accessToken), 'sign-out');

      await updateSettings(t.app.db, ws, { portalEnabled: true });
      signedIn(await verify({ linkToken: mail.linkToken }));
      assert.equal((await me(exchanged.accessToken)).statusCode, 200);
    });

    test('an unknown workspace answers like a disabled one', async () => {
      const response = await requestSignIn(sentinel, 'ws_doesnotexist0000000000');
      assert.equal(response.statusCode, 403);
      assert.equal(response.json<Problem>().code, 'portal_disabled');
    });

    test("a browser signs in from the hosted page or the workspace's allowed origins, not from elsewhere", async () => {
      const { workspaceId: ws, apiKey: key } = await t.newWorkspace('Embedded', { portalEnabled: true, allowedOrigins: ['https://shop.example'] });
      const email = `embedded.${++serial}@customer.example`;
      await addContact(await newCustomer('Embedded customer', key), email, key);
      const elsewhere = await requestSignIn(email, ws, { origin: 'https://evil.example' });
      assert.equal(elsewhere.statusCode, 403);
      assert.equal(elsewhere.json<Problem>().code, 'origin_not_allowed');
      assert.equal((await requestSignIn(email, ws, { origin: 'http://localhost:80' })).statusCode, 202, 'the hosted page itself');
      assert.equal((await requestSignIn(email, ws, { origin: 'https://shop.example' })).statusCode, 202);
      const mails = await mailbox.waitFor(email, 2);
      const { code, linkToken } = readSignInMail(mails[1] as ReceivedMail);
      const foreignLink = await verify({ linkToken }, { origin: 'https://evil.example' });
      assert.equal(foreignLink.json<Problem>().code, 'origin_not_allowed');
      signedIn(await verify({ workspaceId: ws, email, code }, { origin: 'https://shop.example' }));
    });

    test('the SDK signs in by code and signs out after a reload, ending the session on the server', async () => {
      const { email, contactId } = await newContact('sdk');
      const apiBase = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const stored = new Map<string, string>();
      const storage = { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v), removeItem: (k: string) => void stored.delete(k) };

      const client = new PortalClient({ apiBase, storage });
      assert.deepEqual(await client.signIn.request({ workspaceId, email }), { status: 'sent', expiresInSeconds: 600 });
      const { code } = readSignInMail((await mailbox.waitFor(email))[0] as ReceivedMail);
      const result = await client.signIn.verify({ workspaceId, email, code });
      assert.equal(result.status, 'signed_in');
      assert.equal((await client.me()).contact.id, contactId);
      const refreshToken = (JSON.parse(stored.get('taba-portal.session') ?? '{}') as { refreshToken: string }).refreshToken;

      // A reload: a new client restores the session from storage, then the contact signs out.
      const reloaded = new PortalClient({ apiBase, storage });
      await reloaded.signOut();
      assert.equal(stored.size, 0);
      assert.equal((await refresh(refreshToken)).statusCode, 401, 'the stored refresh token no longer works');
      const sessions = await t.app.db.selectFrom('portal_sessions').select('revoked_at').where('contact_id', '=', contactId).execute();
      assert.ok(sessions.length === 1 && sessions[0]?.revoked_at !== null, 'the session was ended on the server');
    });

    describe('hosted page', () => {
      const page = (query = '') => t.app.inject({ method: 'GET', url: `/portal${query}` });
      const frameAncestors = (response: LightMyRequestResponse) => /frame-ancestors ([^;]+)/.exec(String(response.headers['content-security-policy']))?.[1];

      test('frame-ancestors follows the workspace allowed origins', async () => {
        const listed = await t.newWorkspace('Framed', { portalEnabled: true, allowedOrigins: ['https://www.tenant.example', 'http://localhost:3000'] });
        const framed = await page(`?workspace=${listed.workspaceId}`);
        assert.equal(framed.statusCode, 200);
        assert.equal(frameAncestors(framed), "'self' http://localhost:3000 https://www.tenant.example");
        assert.ok(framed.body.includes(`<taba-portal id="portal" api-base="" routing="hash" workspace="${listed.workspaceId}">`));

        await updateSettings(t.app.db, listed.workspaceId, { allowedOrigins: ['https://new.tenant.example'] });
        assert.equal(frameAncestors(await page(`?workspace=${listed.workspaceId}`)), "'self' https://new.tenant.example", 'a settings change applies at once');

        const unlisted = await page(`?workspace=${workspaceId}`);
        assert.equal(unlisted.statusCode, 200);
        assert.equal(frameAncestors(unlisted), "'none'");
        const bare = await page();
        assert.equal(bare.statusCode, 200);
        assert.equal(frameAncestors(bare), "'none'");
        assert.ok(!bare.body.includes('workspace='), 'no workspace, no sign-in by email');
      });

      test('says so in plain HTML when the module is off, or the workspace does not exist', async () => {
        const off = await t.newWorkspace('Dormant Bakery', { portalEnabled: false, allowedOrigins: ['https://dormant.example'] });
        const response = await page(`?workspace=${off.workspaceId}`);
        assert.equal(response.statusCode, 403);
        assert.match(String(response.headers['content-type']), /^text\/html/);
        assert.match(response.body, /Dormant Bakery has not enabled its customer portal/);
        assert.ok(!response.body.includes('<script') && !response.body.includes('<taba-portal'), 'no element, no script');
        assert.equal(frameAncestors(response), "'self' https://dormant.example");

        for (const query of ['?workspace=ws_doesnotexist0000000000', '?workspace=%3Cscript%3E']) {
          const missing = await page(query);
          assert.equal(missing.statusCode, 404, query);
          assert.match(missing.body, /no customer portal at this address/);
          assert.equal(frameAncestors(missing), "'none'");
          assert.ok(!missing.body.includes('<script'));
        }
      });

      test('the boot script hands #secret= or #signin= to the element and clears the address bar first', async () => {
        const script = (await t.app.inject({ method: 'GET', url: '/portal/assets/hosted.js' })).body;
        const boot = (hash: string) => {
          const attributes: Record<string, string> = {};
          const events: string[] = [];
          vm.runInNewContext(script, {
            URLSearchParams,
            location: { origin: 'https://portal.test', pathname: '/portal', search: `?workspace=${workspaceId}`, hash },
            history: { replaceState: (_state: unknown, _title: string, url: string) => events.push(`replace ${url}`) },
            document: {
              getElementById: (id: string) => (id === 'portal' ? { setAttribute: (name: string, value: string) => (events.push(`set ${name}`), (attributes[name] = value)) } : null),
            },
          });
          return { attributes, events };
        };
        const signIn = boot('#signin=psl_abc-DEF_123');
        assert.equal(signIn.attributes['link-token'], 'psl_abc-DEF_123');
        assert.equal(signIn.attributes['client-secret'], undefined);
        assert.deepEqual(signIn.events.slice(1), [`replace /portal?workspace=${workspaceId}`, 'set link-token'], 'the fragment is gone before the token is handed over');

        const secret = boot('#secret=pcs_xyz');
        assert.equal(secret.attributes['client-secret'], 'pcs_xyz');
        assert.equal(secret.attributes['link-token'], undefined);
        assert.ok(secret.events.includes(`replace /portal?workspace=${workspaceId}`));

        const plain = boot('');
        assert.deepEqual(plain.events, ['set api-base'], 'nothing to remove, nothing handed over');
        assert.equal(plain.attributes['api-base'], 'https://portal.test');

        const shell = await page(`?workspace=${workspaceId}`);
        assert.ok(shell.body.indexOf('/portal/assets/hosted.js') < shell.body.indexOf('/portal/assets/taba-portal.js'), 'the boot script runs before the element is defined');
      });
    });
  });
}

describe('sign-in without SMTP', () => {
  test('the code and link are written to the server log in one line, and they work', async () => {
    const database = await createTestDatabase('sqlite');
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        callback();
      },
    });
    const config = { ...loadConfig({ TABA_DATA_DIR: database.dataDir }), database: database.config, publicUrl: PUBLIC_URL, smtpUrl: undefined };
    const app = await buildApp(config, { logger: { level: 'info', stream } });
    try {
      const workspace = await createWorkspace(app.db, 'Log Only');
      await updateSettings(app.db, workspace.id, { portalEnabled: true });
      const key = await createApiKey(app.db, workspace.id, 'test');
      const customer = (await asWorkspace(app, key.secret)('POST', '/v1/workspace/customers', { name: 'Logged' })).json<{ id: string }>();
      await asWorkspace(app, key.secret)('POST', `/v1/workspace/customers/${customer.id}/contacts`, { displayName: 'Lin', email: 'lin@log.example', role: 'Buyer' });

      const response = await app.inject({ method: 'POST', url: '/v1/portal/sign-in', payload: { workspaceId: workspace.id, email: 'lin@log.example' } });
      assert.equal(response.statusCode, 202);
      let entry: { level: number; msg: string } | undefined;
      for (let i = 0; i < 100 && !entry; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        entry = lines.map((line) => JSON.parse(line) as { level: number; msg: string }).find((record) => record.msg?.includes('lin@log.example'));
      }
      assert.ok(entry, 'a log line names the recipient');
      assert.equal(entry.level, 30, 'info level');
      assert.ok(!entry.msg.includes('\n'));
      const code = /code (\d{6})/.exec(entry.msg)?.[1];
      const linkToken = /#signin=(\S+)/.exec(entry.msg)?.[1];
      assert.ok(code && linkToken, entry.msg);
      const verified = await app.inject({ method: 'POST', url: '/v1/portal/sign-in/verify', payload: { linkToken: decodeURIComponent(linkToken) } });
      assert.equal(verified.json<SignInResult>().status, 'signed_in');
      assert.ok(lines.some((line) => line.includes('SMTP_URL is not set')), 'the start-up warning says where codes go');
    } finally {
      await app.close();
      await database.drop();
    }
  });
});

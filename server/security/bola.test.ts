/**
 * Broken object-level authorisation: every route with an id parameter, called with the id of a
 * real object that belongs to someone else, answers 404 — exactly as for an id that does not exist.
 *
 * Portal routes are attacked by (a) a contact of another customer of the same workspace and (b) a
 * contact of another workspace; workspace routes by (c) an API key and (d) an owner of another
 * workspace. Each route then is called by the object's rightful owner, which must not get 404, so
 * a 404 above cannot come from a URL this suite built wrong.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitingOfEveryKind } from '../features/home/security-objects.js';
import { allowed, type WorkspacePrincipal } from '../plugins/auth.js';
import { testDialects } from '../test-support/databases.js';
import { bearerCall, fillUrl, objectFactories, problemCode, publicAssetRoutes, securityApp, signedLinkRoutes, validBody, type Call, type SecurityApp, type Tenant } from './harness.js';

for (const dialect of testDialects) {
  describe(`BOLA matrix (${dialect})`, () => {
    let s: SecurityApp;
    let other: Tenant;
    let otherContact: Call;
    let otherKey: Call;
    let otherOwner: Call;
    const tally = { portal: 0, workspace: 0, notFound: 0, forbiddenByPermission: 0, controls: 0 };

    before(async () => {
      s = await securityApp(dialect);
      other = await s.tenant('Other');
      const customer = await other.customer('Other customer');
      otherContact = bearerCall(s.app, await other.portalToken(customer.contactId));
      otherKey = other.asKey;
      otherOwner = await other.asOwner();
    });
    after(() => s.close());

    const withIds = () => s.routes.filter((route) => route.params.length > 0 && !signedLinkRoutes.has(route.id) && !publicAssetRoutes.has(route.id));

    test('every id parameter in the route table has a way to make a victim object', () => {
      const unknown = [...new Set(withIds().flatMap((route) => route.params.filter((param) => !(param in objectFactories)).map((param) => `:${param} (${route.id})`)))];
      assert.deepEqual(unknown, [], `id parameters with no object factory ('objectFactories' in the feature's server/features/<x>/index.ts): ${unknown.join(', ')}`);
    });

    test('every route with an id is on a surface this matrix covers', () => {
      const elsewhere = withIds().filter((route) => route.surface === 'other').map((route) => route.id);
      assert.deepEqual(elsewhere, [], `routes with ids outside /v1/portal and /v1/workspace need a BOLA rule: ${elsewhere.join(', ')}`);
    });

    test('another customer or workspace gets 404 on every route with an id', async (t) => {
      const routes = withIds().filter((route) => route.surface !== 'other' && route.params.every((param) => param in objectFactories));
      assert.ok(routes.length > 0);
      for (const route of routes) {
        // A fresh victim per route, so that a destructive control call cannot affect the next route.
        const victim = await s.tenant('Victim');
        const { id: customerId, contactId: victimContactId } = await victim.customer('Victim customer');
        const ids: Record<string, string> = {};
        for (const param of route.params) ids[param] = await objectFactories[param]!({ tenant: victim, customerId });
        const url = fillUrl(route, ids);

        const attackers: [string, Call, WorkspacePrincipal | null][] =
          route.surface === 'portal'
            ? [
                ['(a) contact of another customer, same workspace', bearerCall(s.app, await victim.portalToken((await victim.customer('Neighbour')).contactId)), null],
                ['(b) contact of another workspace', otherContact, null],
              ]
            : [
                ['(c) API key of another workspace', otherKey, { workspaceId: other.workspaceId, actorType: 'api_key', actorId: 'key', scope: 'full' }],
                ['(d) owner of another workspace', otherOwner, { workspaceId: other.workspaceId, actorType: 'member', actorId: 'mem', role: 'owner', sessionId: 's' }],
              ];
        for (const [who, call, principal] of attackers) {
          const response = await call(route.method, url, validBody(route));
          const refusedByPermission = principal !== null && route.permission !== undefined && !allowed(principal, route.permission);
          if (refusedByPermission) {
            // Refused before any lookup, whatever the id: the answer says nothing about the object.
            assert.equal(response.statusCode, 403, `${route.id} as ${who}: ${response.body}`);
            assert.equal(problemCode(response), 'forbidden');
            tally.forbiddenByPermission += 1;
          } else {
            assert.equal(response.statusCode, 404, `${route.id} as ${who} must answer 404, got ${response.statusCode} ${response.body}`);
            assert.equal(problemCode(response), 'not_found', `${route.id} as ${who}`);
            tally.notFound += 1;
          }
          tally[route.surface === 'portal' ? 'portal' : 'workspace'] += 1;
        }

        // The rightful owner reaches the same object (whatever the route then answers). Portal
        // objects are visible to every contact of their customer.
        const rightful = route.surface === 'portal' ? bearerCall(s.app, await victim.portalToken(victimContactId)) : await victim.asOwner();
        const control = await rightful(route.method, url, validBody(route));
        assert.ok(![401, 403, 404].includes(control.statusCode), `${route.id}: the owner's own call answered ${control.statusCode} ${control.body}`);
        tally.controls += 1;
      }
      const total = s.routes.filter((route) => route.surface !== 'other').length;
      t.diagnostic(
        `BOLA: ${routes.length}/${withIds().length} routes with ids covered (${total} /v1 routes); ` +
          `${tally.portal} portal cases (a)(b), ${tally.workspace} workspace cases (c)(d); ` +
          `${tally.notFound} answered 404, ${tally.forbiddenByPermission} refused 403 by permission before any lookup; ${tally.controls} owner controls`,
      );
    });

    test("portal routes without an id (lists, the home) show none of another customer's or workspace's objects", async (t) => {
      const victim = await s.tenant('Victim');
      const { id: customerId, contactId: victimContactId } = await victim.customer('Victim customer');
      // One of everything waiting on the victim's customer: what the home and the lists show.
      const waiting = await waitingOfEveryKind({ tenant: victim, customerId });
      const victimIds = [customerId, ...Object.values(waiting)];
      const routes = s.routes.filter((route) => route.surface === 'portal' && !route.public && route.method === 'GET' && route.params.length === 0);
      assert.ok(routes.some((route) => route.id === 'GET /v1/portal/home'));
      const attackers: [string, Call][] = [
        ['(a) contact of another customer, same workspace', bearerCall(s.app, await victim.portalToken((await victim.customer('Neighbour')).contactId))],
        ['(b) contact of another workspace', otherContact],
      ];
      for (const route of routes) {
        for (const [who, call] of attackers) {
          const response = await call(route.method, route.url);
          const leaked = victimIds.filter((id) => response.body.includes(id));
          assert.deepEqual(leaked, [], `${route.id} as ${who} answered ${response.statusCode} with the victim's ids`);
        }
      }
      // Control: the victim's own contact finds every one of them on the home.
      const home = await bearerCall(s.app, await victim.portalToken(victimContactId))('GET', '/v1/portal/home');
      assert.equal(home.statusCode, 200, home.body);
      const shown = home.json<{ items: { kind: string; id: string }[] }>().items.map((item) => `${item.kind}:${item.id}`).sort();
      assert.deepEqual(shown, Object.entries(waiting).map(([kind, id]) => `${kind}:${id}`).sort());
      t.diagnostic(`${routes.length} portal routes without an id × ${attackers.length} attackers: none of the victim's ${victimIds.length} ids in any answer`);
    });

    test("portal changes without an id (the contact's own profile) change only the caller", async (t) => {
      const victim = await s.tenant('Victim');
      const { contactId: victimContactId } = await victim.customer('Victim customer');
      const victimCall = bearerCall(s.app, await victim.portalToken(victimContactId));
      const routes = s.routes.filter((route) => route.surface === 'portal' && !route.public && route.method === 'PATCH' && route.params.length === 0);
      assert.ok(routes.some((route) => route.id === 'PATCH /v1/portal/me'));
      const before = (await victimCall('GET', '/v1/portal/me')).body;
      const neighbourContactId = (await victim.customer('Neighbour')).contactId;
      const attackers: [string, Call][] = [
        ['(a) contact of another customer, same workspace', bearerCall(s.app, await victim.portalToken(neighbourContactId))],
        ['(b) contact of another workspace', otherContact],
      ];
      for (const route of routes) {
        for (const [who, call] of attackers) {
          const response = await call(route.method, route.url, validBody(route));
          assert.ok(response.statusCode < 500, `${route.id} as ${who}: ${response.body}`);
          assert.ok(!response.body.includes(victimContactId), `${route.id} as ${who} answered with the victim's contact`);
        }
      }
      assert.equal((await victimCall('GET', '/v1/portal/me')).body, before, "the victim's profile is unchanged");
      // Control: the neighbour's own change did happen, so the calls above were not refused as malformed.
      const neighbour = await bearerCall(s.app, await victim.portalToken(neighbourContactId))('GET', '/v1/portal/me');
      assert.equal(neighbour.json<{ contact: { locale: string | null } }>().contact.locale, 'de');
      t.diagnostic(`${routes.length} portal changes without an id × ${attackers.length} attackers: the victim's profile unchanged`);
    });

    test("the public brand of a workspace: an unknown id answers 404, another workspace's site 403, before sign-in", async () => {
      const victim = await s.tenant('Victim');
      const attackerSite = 'https://attacker.example';
      await other.asKey('PATCH', '/v1/workspace/settings', { allowedOrigins: [attackerSite] });
      const brand = (workspace: string, origin?: string) =>
        s.app.inject({ method: 'GET', url: `/v1/portal/brand?workspace=${workspace}`, headers: origin ? { origin } : {}, remoteAddress: '10.9.9.9' });
      // A site the other workspace allows asks for the victim's brand: refused as any portal call from it.
      const fromAttacker = await brand(victim.workspaceId, attackerSite);
      assert.equal(fromAttacker.statusCode, 403, fromAttacker.body);
      assert.equal(problemCode(fromAttacker), 'origin_not_allowed');
      const unknown = await brand('ws_nosuchworkspace00000000', attackerSite);
      assert.equal(unknown.statusCode, 404, unknown.body);
      assert.equal(problemCode(unknown), 'workspace_not_found');
      // Control: the same site reads its own workspace's brand, and the victim's hosted page the victim's.
      assert.equal((await brand(other.workspaceId, attackerSite)).statusCode, 200);
      assert.equal((await brand(victim.workspaceId)).statusCode, 200);
    });

    test('a signed download link names one workspace and one document: changing either answers an error and no bytes', async () => {
      const signed = s.routes.filter((route) => signedLinkRoutes.has(route.id));
      assert.deepEqual(signed.map((route) => route.id), [...signedLinkRoutes], 'every signed-link route is in the route table');
      const victim = await s.tenant('Victim');
      const { id: customerId, contactId } = await victim.customer('Victim customer');
      const victimDocument = await objectFactories.documentId!({ tenant: victim, customerId });
      const otherCustomer = await other.customer('Other customer 2');
      const otherDocument = await objectFactories.documentId!({ tenant: other, customerId: otherCustomer.id });
      const linkFor = async (call: Call, documentId: string) => {
        const answer = await call('POST', `/v1/portal/documents/${documentId}/download-link`);
        assert.equal(answer.statusCode, 200, answer.body);
        const url = new URL(answer.json<{ url: string }>().url);
        return `${url.pathname}${url.search}`;
      };
      const victimContact = bearerCall(s.app, await victim.portalToken(contactId));
      const victimLink = await linkFor(victimContact, victimDocument);
      const otherLink = await linkFor(bearerCall(s.app, await other.portalToken(otherCustomer.contactId)), otherDocument);
      // The attacker holds a valid link to their own document and points it at the victim's.
      const [, , , otherWorkspace, otherId] = new URL(otherLink, 'http://x').pathname.split('/');
      const [, , , victimWorkspace] = new URL(victimLink, 'http://x').pathname.split('/');
      const attempts = [
        otherLink.replace(otherId!, victimDocument),
        otherLink.replace(otherWorkspace!, victimWorkspace!).replace(otherId!, victimDocument),
        victimLink.replace(/sig=[^&]+/, 'sig=AAAA'),
        new URL(victimLink, 'http://x').pathname,
      ];
      for (const url of attempts) {
        const response = await s.app.inject({ method: 'GET', url });
        assert.ok([400, 403].includes(response.statusCode), `${url}: ${response.statusCode} ${response.body}`);
        assert.ok(String(response.headers['content-type']).startsWith('application/problem+json'), url);
        assert.equal(response.headers['content-disposition'], undefined, url);
      }
      // A link the server signed for the attacker's workspace and the victim's document finds nothing.
      const crossed = new URL(s.app.downloadLinks.signDownload({ workspaceId: otherWorkspace!, documentId: victimDocument }).url);
      const crossedAnswer = await s.app.inject({ method: 'GET', url: `${crossed.pathname}${crossed.search}` });
      assert.equal(crossedAnswer.statusCode, 404, crossedAnswer.body);
      assert.equal(problemCode(crossedAnswer), 'not_found');
      // The owner's own link downloads.
      const control = await s.app.inject({ method: 'GET', url: victimLink });
      assert.equal(control.statusCode, 200, control.body);
      assert.match(String(control.headers['content-disposition']), /^attachment;/);
    });
  });
}

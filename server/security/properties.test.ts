/**
 * Property-level exposure: a contact's portal responses never carry what is internal to the
 * tenant. Objects are seeded with recognisable strings in their internal fields, alongside another
 * customer and another workspace; every portal GET route is read as the contact (ids filled with
 * the contact's own objects) and every other signed-in portal route is called once, and no answer
 * may contain a seeded internal string, a stored hash, a secret, another tenant's ids, or a field
 * whose name says it is internal.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '../test-support/databases.js';
import {
  authenticatedRoutes,
  bearerCall,
  fillUrl,
  internalNoteTexts,
  marker,
  objectFactories,
  securityApp,
  validBody,
  type SecurityApp,
  type Tenant,
} from './harness.js';

/** Field names that must never appear in a portal answer. */
const internalField = /internal|margin|cost|^rates?$|[a-z]Rates?$|^rate[A-Z]|reviewer|hash|secret|password|^token|Token$|workspace_?id$|^ws$/i;

for (const dialect of testDialects) {
  describe(`portal responses carry no internal fields (${dialect})`, () => {
    let s: SecurityApp;
    let tenant: Tenant;
    let own: { id: string; contactId: string };
    /** Strings that must never be in a portal answer to `own`'s contact. */
    const forbidden = new Set<string>();

    before(async () => {
      s = await securityApp(dialect);
      tenant = await s.tenant('Seeded tenant');
      own = await tenant.customer('Own customer');
      const neighbour = await tenant.customer('Neighbour customer');
      const elsewhere = await s.tenant('Elsewhere');
      const elsewhereCustomer = await elsewhere.customer('Elsewhere customer');

      const internal = (label: string) => {
        const value = marker(label);
        forbidden.add(value);
        return value;
      };
      for (let i = 0; i < 3; i++) {
        await tenant.proposal(own.id, { title: `Own proposal ${i}`, internalNotes: `${internal('INTERNAL-NOTE')} margin 35%, cost rate 80/h` });
        forbidden.add(await tenant.proposal(neighbour.id, { title: internal('NEIGHBOUR-TITLE'), internalNotes: internal('NEIGHBOUR-NOTE') }));
        forbidden.add(await elsewhere.proposal(elsewhereCustomer.id, { title: internal('ELSEWHERE-TITLE'), internalNotes: internal('ELSEWHERE-NOTE') }));
      }
      // A conversation with an internal note (its text is in internalNoteTexts).
      await tenant.thread(own.id);
      // Reviewer data: the tenant's team, and its keys.
      const reviewer = await tenant.member('finance_reviewer');
      const { email } = await s.app.db.selectFrom('members').select('email').where('id', '=', reviewer.memberId).executeTakeFirstOrThrow();
      forbidden.add(email);
      forbidden.add(tenant.apiKey);
      for (const id of [elsewhere.workspaceId, neighbour.id, neighbour.contactId, elsewhereCustomer.id, elsewhereCustomer.contactId, reviewer.memberId, tenant.owner.memberId]) {
        forbidden.add(id);
      }
    });
    after(() => s.close());

    /** Every stored hash and key prefix, read back from the database at the time of the check. */
    async function storedHashes(): Promise<string[]> {
      const db = s.app.db;
      const keys = await db.selectFrom('api_keys').select(['token_hash', 'token_prefix']).execute();
      const secrets = await db.selectFrom('portal_session_secrets').select('secret_hash').execute();
      const refresh = await db.selectFrom('refresh_tokens').select('token_hash').execute();
      const audit = await db.selectFrom('audit_events').select('hash').execute();
      return [
        ...keys.flatMap((row) => [row.token_hash, row.token_prefix]),
        ...secrets.map((row) => row.secret_hash),
        ...refresh.map((row) => row.token_hash),
        ...audit.map((row) => row.hash),
      ];
    }

    function inspect(where: string, body: string, hashes: string[]): string[] {
      const problems: string[] = [];
      for (const value of [...forbidden, ...internalNoteTexts, ...hashes]) if (value && body.includes(value)) problems.push(`${where} contains ${JSON.stringify(value)}`);
      if (body.trim().startsWith('{') || body.trim().startsWith('[')) {
        const walk = (node: unknown, path: string) => {
          if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${path}[${i}]`));
          else if (node && typeof node === 'object') {
            for (const [key, value] of Object.entries(node)) {
              if (internalField.test(key)) problems.push(`${where} has the field ${path}.${key}`);
              walk(value, `${path}.${key}`);
            }
          }
        };
        walk(JSON.parse(body), '$');
      }
      return problems;
    }

    test('no portal route answers with internal data', async (t) => {
      const routes = authenticatedRoutes(s.routes, 'portal');
      const reads = routes.filter((route) => route.method === 'GET');
      assert.ok(reads.length > 0);
      const problems: string[] = [];
      let bytes = 0;
      for (const route of routes) {
        const ids: Record<string, string> = {};
        for (const param of route.params) {
          const make = objectFactories[param];
          assert.ok(make, `${route.id}: no way to make an object for :${param} ('objectFactories' in the feature's server/features/<x>/index.ts)`);
          ids[param] = await make({ tenant, customerId: own.id });
        }
        // A new session per route: the sign-out route must not end the next route's session.
        const response = await bearerCall(s.app, await tenant.portalToken(own.contactId))(route.method, fillUrl(route, ids), validBody(route));
        if (route.method === 'GET') assert.equal(response.statusCode, 200, `${route.id}: ${response.body}`);
        bytes += response.body.length;
        problems.push(...inspect(route.id, response.body, await storedHashes()));
      }
      assert.deepEqual(problems, []);
      t.diagnostic(
        `properties: ${reads.length} portal GET routes read with data (and ${routes.length - reads.length} other signed-in portal routes called), ${bytes} bytes checked against ${forbidden.size} seeded internal values and every stored hash`,
      );
    });

    test('the check would notice a leak', () => {
      const seeded = [...forbidden][0] ?? '';
      assert.notDeepEqual(inspect('sample', JSON.stringify({ summary: seeded }), []), []);
      assert.notDeepEqual(inspect('sample', JSON.stringify({ items: [{ internalNotes: 'x' }] }), []), []);
      assert.deepEqual(inspect('sample', JSON.stringify({ items: [{ title: 'Fine', createdAt: 'now', feeModel: 'hourly_rate' }] }), []), []);
    });
  });
}

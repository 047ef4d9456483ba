import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { Problem } from '../../../sdk/contract/common.js';
import type { PortalBrand, PortalProfile } from '../../../sdk/contract/profile.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { asContact, asWorkspace, customerWithContact, signInContact } from '../../test-support/portal.js';

const SITE = 'https://www.northwind.example';

async function answer<T>(response: Promise<LightMyRequestResponse>, status: number): Promise<T> {
  const reply = await response;
  assert.equal(reply.statusCode, status, reply.body);
  return reply.json<T>();
}

async function refused(response: Promise<LightMyRequestResponse>, status: number, code: string): Promise<void> {
  const reply = await response;
  assert.equal(reply.statusCode, status, reply.body);
  assert.match(String(reply.headers['content-type']), /^application\/problem\+json/);
  assert.equal(reply.json<Problem>().code, code, reply.body);
}

for (const dialect of testDialects) {
  describe(`portal brand (${dialect})`, () => {
    let t: TestApp;
    let workspaceId: string;
    let apiKey: string;

    before(async () => {
      t = await createTestApp(dialect);
      ({ workspaceId, apiKey } = await t.newWorkspace('Northwind Studio', { portalEnabled: true, allowedOrigins: [SITE] }));
    });
    after(() => t.close());

    const brandOf = (workspace: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'GET', url: `/v1/portal/brand?workspace=${encodeURIComponent(workspace)}`, headers });

    test("without a session: the brand name, else the workspace's name, the logo and the accent colour", async () => {
      assert.deepEqual(await answer<PortalBrand>(brandOf(workspaceId), 200), { name: 'Northwind Studio', logoUrl: null, accentColor: null });
      const settings = await asWorkspace(t.app, apiKey)('PATCH', '/v1/workspace/settings', { brand: { name: 'Northwind', logoUrl: 'https://cdn.northwind.example/logo.svg', accentColor: '#0F766E' } });
      assert.equal(settings.statusCode, 200, settings.body);
      assert.deepEqual(await answer<PortalBrand>(brandOf(workspaceId), 200), { name: 'Northwind', logoUrl: 'https://cdn.northwind.example/logo.svg', accentColor: '#0f766e' });
      // Cleared, the workspace's own name shows again.
      await asWorkspace(t.app, apiKey)('PATCH', '/v1/workspace/settings', { brand: { name: null } });
      assert.equal((await answer<PortalBrand>(brandOf(workspaceId), 200)).name, 'Northwind Studio');
    });

    test('an unknown or malformed workspace id answers 404 workspace_not_found; none at all, 400', async () => {
      for (const id of ['ws_doesnotexist0000000000', 'hello world', 'WS_ABC', 'prop_k3x9q2m7p4t8v6w5y2z3', `${workspaceId}x`, 'ws_']) {
        await refused(brandOf(id), 404, 'workspace_not_found');
      }
      await refused(t.app.inject({ method: 'GET', url: '/v1/portal/brand' }), 400, 'validation_failed');
      await refused(brandOf(`ws_${'a'.repeat(80)}`), 400, 'validation_failed');
    });

    test('a workspace whose portal is off answers 403 portal_disabled, whatever the origin', async () => {
      const off = await t.newWorkspace('Dormant Studio', { portalEnabled: false });
      await refused(brandOf(off.workspaceId), 403, 'portal_disabled');
      await refused(brandOf(off.workspaceId, { origin: 'https://elsewhere.example' }), 403, 'portal_disabled');
    });

    test('the origin is checked as for every portal call: an allowed site and the hosted page get the brand, another site 403 origin_not_allowed', async () => {
      const allowed = await brandOf(workspaceId, { origin: SITE });
      assert.equal(allowed.statusCode, 200, allowed.body);
      assert.equal(allowed.headers['access-control-allow-origin'], SITE);
      // A site another workspace allows (so CORS lets it read the answer) is still not this workspace's.
      const other = await t.newWorkspace('Other Studio', { portalEnabled: true, allowedOrigins: ['https://www.other.example'] });
      await refused(brandOf(workspaceId, { origin: 'https://www.other.example' }), 403, 'origin_not_allowed');
      await refused(brandOf(workspaceId, { origin: 'https://unknown.example' }), 403, 'origin_not_allowed');
      assert.equal((await brandOf(other.workspaceId, { origin: 'https://www.other.example' })).statusCode, 200);
      // The hosted page calls from the server's own origin.
      assert.equal((await brandOf(workspaceId, { host: 'portal.example.com', origin: 'http://portal.example.com' })).statusCode, 200);
    });

    test('GET /v1/portal/me carries the same brand', async () => {
      const acme = await customerWithContact(t.app, apiKey, 'Acme');
      const { accessToken } = await signInContact(t.app, apiKey, acme.contactId);
      await asWorkspace(t.app, apiKey)('PATCH', '/v1/workspace/settings', { brand: { name: 'Northwind Digital', accentColor: '#1d4ed8' } });
      const me = await answer<PortalProfile>(asContact(t.app, accessToken)('GET', '/v1/portal/me'), 200);
      assert.deepEqual(me.brand, await answer<PortalBrand>(brandOf(workspaceId), 200));
      assert.equal(me.brand.name, 'Northwind Digital');
      assert.equal(me.brand.accentColor, '#1d4ed8');

      // Another workspace's contact sees that workspace's brand.
      const other = await t.newWorkspace('Globex Studio');
      const globex = await customerWithContact(t.app, other.apiKey, 'Globex');
      const theirs = await answer<PortalProfile>(asContact(t.app, (await signInContact(t.app, other.apiKey, globex.contactId)).accessToken)('GET', '/v1/portal/me'), 200);
      assert.deepEqual(theirs.brand, { name: 'Globex Studio', logoUrl: null, accentColor: null });
    });
  });
}

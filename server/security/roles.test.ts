/**
 * The role matrix: every member role and every API key scope against every workspace route,
 * expected exactly as server/lib/permissions.ts says (allowed → neither 401 nor 403 `forbidden`;
 * not allowed → 403 `forbidden`). Every authenticated workspace route must declare a permission.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiKeyScope, WorkspaceRole } from '../db/schema.js';
import { apiKeyScopes, workspaceActions, workspaceRoles } from '../lib/permissions.js';
import { allowed, type WorkspacePrincipal } from '../plugins/auth.js';
import { testDialects } from '../test-support/databases.js';
import { authenticatedRoutes, bearerCall, fillUrl, memberSelfServiceRoutes, problemCode, securityApp, validBody, type SecurityApp, type Tenant } from './harness.js';

for (const dialect of testDialects) {
  describe(`role matrix (${dialect})`, () => {
    let s: SecurityApp;
    let tenant: Tenant;
    const principals: { label: string; principal: WorkspacePrincipal; token: () => Promise<string> }[] = [];

    before(async () => {
      s = await securityApp(dialect);
      tenant = await s.tenant('Roles');
      for (const role of workspaceRoles as WorkspaceRole[]) {
        const member = role === 'owner' ? tenant.owner : await tenant.member(role);
        // A new session for every call: a route that ends the caller's session cannot spoil the next cell.
        principals.push({ label: `member ${role}`, principal: { workspaceId: tenant.workspaceId, actorType: 'member', actorId: member.memberId, role, sessionId: '' }, token: () => member.token() });
      }
      for (const scope of apiKeyScopes as ApiKeyScope[]) {
        const key = await tenant.key(scope);
        principals.push({ label: `API key ${scope}`, principal: { workspaceId: tenant.workspaceId, actorType: 'api_key', actorId: key.id, scope }, token: async () => key.secret });
      }
    });
    after(() => s.close());

    test('every authenticated workspace route declares a known permission', () => {
      const missing = authenticatedRoutes(s.routes, 'workspace')
        .filter((route) => !memberSelfServiceRoutes.has(route.id))
        .filter((route) => route.permission === undefined || !(workspaceActions as readonly string[]).includes(route.permission))
        .map((route) => `${route.id} (${route.permission ?? 'none'})`);
      assert.deepEqual(missing, [], `workspace routes without a permission from server/lib/permissions.ts: ${missing.join(', ')}`);
    });

    test('every role and key scope gets exactly what the permission table grants', async (t) => {
      const routes = authenticatedRoutes(s.routes, 'workspace');
      let granted = 0;
      let refused = 0;
      for (const route of routes) {
        for (const { label, principal, token } of principals) {
          const response = await bearerCall(s.app, await token())(route.method, fillUrl(route), validBody(route));
          const where = `${route.id} as ${label}: ${response.statusCode} ${response.body}`;
          if (memberSelfServiceRoutes.has(route.id)) {
            // A member acting on their own session; an API key is not a member token at all.
            if (principal.actorType === 'member') assert.ok(response.statusCode < 400, where);
            else assert.equal(response.statusCode, 401, where);
            if (principal.actorType === 'member') granted += 1;
            else refused += 1;
            continue;
          }
          if (allowed(principal, route.permission!)) {
            assert.notEqual(response.statusCode, 401, where);
            assert.ok(!(response.statusCode === 403 && problemCode(response) === 'forbidden'), where);
            granted += 1;
          } else {
            assert.equal(response.statusCode, 403, where);
            assert.equal(problemCode(response), 'forbidden', where);
            refused += 1;
          }
        }
      }
      t.diagnostic(
        `role matrix: ${routes.length} workspace routes × ${principals.length} principals (${workspaceRoles.length} roles, ${apiKeyScopes.length} key scopes) = ${granted + refused} cells: ${granted} allowed, ${refused} refused`,
      );
    });
  });
}

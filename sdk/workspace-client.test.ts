import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../server/test-support/app.js';
import { testDialects } from '../server/test-support/databases.js';
import { startGoogleIssuer, type GoogleIssuer } from '../server/test-support/google-issuer.js';
import type { MemberSession } from './contract/members.js';
import { AuthenticationError, ConflictError, PermissionError } from './errors.js';
import { WorkspaceClient } from './workspace-client.js';

for (const dialect of testDialects) {
  describe(`WorkspaceClient for members, over HTTP (${dialect})`, () => {
    let issuer: GoogleIssuer;
    let t: TestApp;
    let apiBase: string;

    before(async () => {
      issuer = await startGoogleIssuer();
      t = await createTestApp(dialect, { google: issuer.config });
      apiBase = await t.app.listen({ port: 0, host: '127.0.0.1' });
    });
    after(async () => {
      await t.close();
      await issuer.close();
    });

    const signIn = async (email: string, workspaceId?: string): Promise<MemberSession> => {
      const result = await new WorkspaceClient({ apiBase }).auth.google(await issuer.idToken({ email }), workspaceId);
      assert.equal(result.status, 'signed_in');
      assert.ok(result.status === 'signed_in');
      return result.session;
    };

    test('sign in, onboard, invite five, be refused a sixth, enable the portal, make a sessions-only key', async () => {
      const anonymous = new WorkspaceClient({ apiBase });
      const first = await anonymous.auth.google(await issuer.idToken({ email: `founder-${dialect}@sdk.example` }));
      assert.ok(first.status === 'onboarding');
      const { session } = await anonymous.auth.onboard(first.onboardingToken, 'SDK Studio');
      assert.equal(session.role, 'owner');

      let current = session;
      const owner = new WorkspaceClient({ apiBase, accessToken: () => current.accessToken });
      for (const [i, role] of (['manager', 'team_lead', 'team_lead', 'finance_reviewer'] as const).entries()) {
        await owner.invitations.create({ email: `member${i}-${dialect}@sdk.example`, role });
      }
      const fifth = await owner.members.invite({ email: `fifth-${dialect}@sdk.example`, role: 'finance_reviewer' });
      await assert.rejects(owner.invitations.create({ email: `sixth-${dialect}@sdk.example`, role: 'team_lead' }), (error: unknown) => {
        assert.ok(error instanceof ConflictError);
        assert.equal(error.code, 'member_limit_reached');
        return true;
      });
      assert.equal((await owner.invitations.list()).items.length, 5);
      await owner.invitations.revoke(fifth.id);
      assert.equal((await owner.invitations.list()).items.length, 4);

      const lead = new WorkspaceClient({ apiBase, accessToken: (await signIn(`member1-${dialect}@sdk.example`)).accessToken });
      await assert.rejects(lead.settings.update({ portalEnabled: true }), PermissionError);
      assert.equal((await owner.settings.retrieve()).portalEnabled, false);
      assert.equal((await owner.settings.update({ portalEnabled: true, allowedOrigins: ['https://www.sdk.example'] })).portalEnabled, true);
      assert.deepEqual((await lead.settings.retrieve()).allowedOrigins, ['https://www.sdk.example']);

      const members = await owner.members.list();
      const leadMember = members.items.find((m) => m.email === `member1-${dialect}@sdk.example`);
      assert.equal(leadMember?.role, 'team_lead');
      assert.equal((await owner.members.update(leadMember?.id ?? '', { role: 'manager' })).role, 'manager');
      assert.equal((await lead.apiKeys.list()).items.length, 0, 'the promotion applies at once');

      const created = await owner.apiKeys.create({ name: 'Website', scope: 'sessions_only' });
      const website = new WorkspaceClient({ apiBase, apiKey: created.secret });
      await assert.rejects(website.settings.retrieve(), PermissionError);
      await owner.apiKeys.revoke(created.id);
      await assert.rejects(website.settings.retrieve(), AuthenticationError);
      assert.ok((await owner.apiKeys.list()).items[0]?.revokedAt);

      await owner.members.remove(leadMember?.id ?? '');
      await assert.rejects(lead.members.list(), AuthenticationError);

      // The access token is read per call, so a refreshed one is picked up without a new client.
      current = await owner.auth.refresh(current.refreshToken);
      assert.deepEqual((await owner.members.list()).items.map((m) => m.role), ['owner']);
      await owner.auth.signOut();
      await assert.rejects(owner.members.list(), AuthenticationError);
    });

    test('an API key and an access token together are refused', () => {
      assert.throws(() => new WorkspaceClient({ apiBase, apiKey: 'sk_x', accessToken: 'y' }), TypeError);
    });
  });
}

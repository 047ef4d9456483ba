import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Invitation } from '../../../sdk/contract/members.js';
import { createMailer } from '../../lib/mailer.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { onboardOwner, startGoogleIssuer, type GoogleIssuer } from '../../test-support/google-issuer.js';
import { startMailbox, type Mailbox } from '../../test-support/mailbox.js';
import { createOutboxWorker, type OutboxWorker, type WorkerLog } from '../../worker/worker.js';
import { INVITATION_VALID_MS } from './repository.js';

const quiet: WorkerLog = { info: () => undefined, debug: () => undefined, warn: () => undefined, error: () => undefined };

for (const dialect of testDialects) {
  describe(`the invitation email (${dialect})`, () => {
    let issuer: GoogleIssuer;
    let mailbox: Mailbox;
    let t: TestApp;
    let worker: OutboxWorker;

    before(async () => {
      issuer = await startGoogleIssuer();
      mailbox = await startMailbox();
      t = await createTestApp(dialect, { google: issuer.config, smtpUrl: mailbox.url });
      const mailer = createMailer({ smtpUrl: t.config.smtpUrl, from: t.config.mailFrom, log: quiet });
      worker = createOutboxWorker({ database: { db: t.app.db, dialect }, config: t.config, mailer, log: quiet });
    });
    after(async () => {
      await t.close();
      await mailbox.close();
      await issuer.close();
    });

    const emailsOf = (workspaceId: string) =>
      t.app.db.selectFrom('outbox_messages').selectAll().where('workspace_id', '=', workspaceId).where('channel', '=', 'email').execute();

    test('inviting queues one email in the same transaction, and the invitee receives it with the expiry date', async () => {
      const owner = await onboardOwner(t.app, issuer, 'olga@invite-co.example', 'Invite Co');
      const invite = (email: string, path = '/v1/workspace/invitations') =>
        t.app.inject({ method: 'POST', url: path, headers: { authorization: `Bearer ${owner.accessToken}` }, payload: { email, role: 'manager' } });

      const answer = await invite('New.Member@Example.com');
      assert.equal(answer.statusCode, 201, answer.body);
      const invitation = answer.json<Invitation>();
      const expiry = await t.app.db.selectFrom('members').select('expires_at').where('id', '=', invitation.id).executeTakeFirstOrThrow();
      assert.ok(expiry.expires_at && Math.abs(Date.parse(expiry.expires_at) - Date.now() - INVITATION_VALID_MS) < 60_000, 'expires in 7 days');

      const rows = await emailsOf(owner.workspaceId);
      assert.deepEqual(
        rows.map((row) => [row.event_type, row.recipient, row.status]),
        [['member.invited', 'new.member@example.com', 'pending']],
      );

      await worker.runOnce();
      const [mail, ...more] = await mailbox.waitFor('new.member@example.com');
      assert.equal(more.length, 0, 'one email');
      assert.equal(mail?.subject, 'You are invited to join Invite Co');
      assert.match(mail?.text ?? '', /olga invited you to join Invite Co as manager/);
      assert.ok(mail?.text.includes(`before ${expiry.expires_at.slice(0, 10)} (UTC)`), `the expiry is mentioned: ${mail?.text}`);
      assert.match(mail?.messageId ?? '', new RegExp(`^<${rows[0]?.id}@`), 'the Message-ID is the outbox row');
      assert.equal((await emailsOf(owner.workspaceId))[0]?.status, 'delivered');

      // The alias POST /members invites the same way.
      assert.equal((await invite('second@example.com', '/v1/workspace/members')).statusCode, 201);
      assert.deepEqual((await emailsOf(owner.workspaceId)).map((row) => row.recipient).sort(), ['new.member@example.com', 'second@example.com']);
    });

    test('a refused invitation sends nothing', async () => {
      const owner = await onboardOwner(t.app, issuer, 'pia@refused-co.example', 'Refused Co');
      const invite = () =>
        t.app.inject({ method: 'POST', url: '/v1/workspace/invitations', headers: { authorization: `Bearer ${owner.accessToken}` }, payload: { email: 'twice@example.com', role: 'team_lead' } });
      assert.equal((await invite()).statusCode, 201);
      const again = await invite();
      assert.equal(again.statusCode, 409);
      assert.equal(again.json<{ code: string }>().code, 'invitation_exists');
      assert.equal((await emailsOf(owner.workspaceId)).length, 1, 'only the accepted invitation queued an email');
    });
  });
}

/**
 * End to end in Debian's Chromium: a proposal is sent, the outbox worker emails the contact, the
 * contact follows the emailed link into the hosted portal, signs in and accepts, and the tenant's
 * webhook receiver gets the signed event. SQLite, and PostgreSQL when TABA_TEST_PG is set.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { WorkspaceClient } from '../sdk/workspace-client.js';
import { loadConfig } from '../server/config.js';
import { createWebhookEndpoint } from '../server/features/webhooks/repository.js';
import { newId } from '../server/lib/ids.js';
import { isoNow } from '../server/lib/time.js';
import { createMailer } from '../server/lib/mailer.js';
import { createTestApp, type TestApp } from '../server/test-support/app.js';
import { testDialects } from '../server/test-support/databases.js';
import { startMailbox, type Mailbox } from '../server/test-support/mailbox.js';
import { startWebhookReceiver, type WebhookReceiver } from '../server/test-support/webhook-receiver.js';
import { createOutboxWorker, type OutboxWorker, type WorkerLog } from '../server/worker/worker.js';
import { ensureBundle, homeEntries, launchChromium, listedProposals, openPage, PROPOSAL_LIST, reportingPageProblems, showSection, type Chromium } from './e2e-support.js';

const DETAIL = 'taba-portal >>> taba-proposal-detail';
const LOGIN = 'taba-portal >>> taba-login';
const button = (name: string) => `::-p-aria([name="${name}"][role="button"])`;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as WorkerLog;

for (const dialect of testDialects) {
  describe(`notifications in Chromium (${dialect})`, () => {
    let t: TestApp;
    let mailbox: Mailbox;
    let receiver: WebhookReceiver;
    let chromium: Chromium;
    let worker: OutboxWorker;
    let url: string;

    before(async () => {
      ensureBundle();
      mailbox = await startMailbox();
      receiver = await startWebhookReceiver();
      t = await createTestApp(dialect, { smtpUrl: mailbox.url, outbox: { ...loadConfig({}).outbox, pollMs: 50, webhookAllowPrivate: true } });
      url = await t.app.listen({ port: 0, host: '127.0.0.1' });
      // The worker links to where this server listens, as PUBLIC_URL would say in production.
      const mailer = createMailer({ smtpUrl: mailbox.url, from: t.config.mailFrom, log: quiet });
      worker = createOutboxWorker({ database: { db: t.app.db, dialect }, config: { ...t.config, publicUrl: url }, mailer, log: quiet });
      worker.start();
      chromium = await launchChromium();
    });
    after(async () => {
      await chromium?.close();
      await worker?.stop();
      await t?.close();
      await receiver?.close();
      await mailbox?.close();
    });

    test('a contact follows the emailed link, signs in, accepts, and the tenant’s webhook receives it signed', async (context) => {
      const { workspaceId, apiKey } = await t.newWorkspace('Northwind Studio');
      const endpoint = await createWebhookEndpoint(t.app.db, workspaceId, { url: `${receiver.url}/northwind`, eventTypes: ['proposal.accepted'] }, { allowPrivate: true });
      receiver.secret = endpoint.secret;
      const workspace = new WorkspaceClient({ apiBase: url, apiKey });
      const customer = await workspace.customers.create({ name: 'Acme Manufacturing' });
      const contact = await workspace.contacts.create(customer.id, { displayName: 'Ada Lovelace', email: 'ada@acme.example', role: 'Operations Director' });
      const draft = await workspace.proposals.create({
        customerId: customer.id,
        title: 'Website redesign',
        feeModel: 'fixed_fee',
        fee: { amount: 125_000, currency: 'USD' },
        expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      });
      await workspace.proposals.send(draft.id);

      const [sentMail] = await mailbox.waitFor(contact.email);
      const link = /https?:\/\/\S+\/portal\?workspace=\S+/.exec(sentMail?.text ?? '')?.[0];
      assert.equal(link, `${url}/portal?workspace=${workspaceId}`, `the email links to the hosted portal: ${sentMail?.text}`);

      const { page, problems } = await openPage(chromium.browser, context);
      await reportingPageProblems(problems, async () => {
        assert.equal((await page.goto(link))?.status(), 200);
        await page.locator(`${LOGIN} >>> input[part~="email"]`).fill(contact.email);
        await page.keyboard.press('Enter');
        const mails = await mailbox.waitFor(contact.email, 2);
        const code = /\b(\d{6})\b/.exec(mails[1]?.text ?? '')?.[1];
        assert.ok(code, 'the sign-in email carries a code');
        await page.locator(`${LOGIN} >>> input[part~="code"]`).fill(code);
        await page.keyboard.press('Enter');

        // Signed in, on Home: the proposal the email was about waits for her.
        assert.deepEqual(await homeEntries(page), [{ kind: 'Proposal', reference: draft.number, title: 'Website redesign' }]);
        await showSection(page, 'Proposals');
        await page.waitForSelector(`${PROPOSAL_LIST} >>> [part~="row"]`, { visible: true });
        assert.deepEqual(await listedProposals(page), [{ title: 'Website redesign', status: 'Pending' }]);
        await page.locator(button('Website redesign')).click();
        await page.locator(button('Accept')).click();
        await page.locator(button('Confirm')).click();
        await page.waitForSelector(`${DETAIL} >>> [part~="status"]::-p-text(Accepted)`, { visible: true });
        assert.deepEqual(problems, []);
      });

      await receiver.until(() => receiver.received.some((r) => r.path === '/northwind' && r.answered === 204));
      const delivered = receiver.received.filter((r) => r.path === '/northwind');
      assert.equal(delivered.length, 1, 'one delivery for one accept');
      assert.equal(delivered[0]?.event?.type, 'proposal.accepted', 'the signature verifies with the endpoint secret');
      assert.equal(delivered[0]?.event?.data.proposalId, draft.id);
      assert.equal(delivered[0]?.event?.data.contactId, contact.id);

      // The team sees the accept as one open follow-up, and the member it is assigned to is emailed.
      const followUps = await workspace.followUps.list({ state: 'open' });
      assert.deepEqual(
        followUps.items.map((item) => ({ kind: item.kind, source: item.source, contactId: item.contactId })),
        [{ kind: 'proposal.accepted', source: { type: 'proposal', id: draft.id }, contactId: contact.id }],
      );
      const grace = await addMember(workspaceId, 'grace@northwind.example');
      await workspace.followUps.update(followUps.items[0]!.id, { assigneeMemberId: grace });
      const [assignedMail] = await mailbox.waitFor('grace@northwind.example');
      assert.match(assignedMail?.text ?? '', /Website redesign/, `the assignment email names the proposal: ${assignedMail?.text}`);
    });

    /** An active member, written directly: members sign in with Google, which features/members tests. */
    async function addMember(workspaceId: string, email: string): Promise<string> {
      const personId = newId('per');
      await t.app.db.insertInto('people').values({ id: personId, google_sub: `g-${personId}`, email, name: 'Grace Hopper', created_at: isoNow() }).execute();
      const memberId = newId('mem');
      await t.app.db
        .insertInto('members')
        .values({ id: memberId, workspace_id: workspaceId, person_id: personId, email, role: 'manager', status: 'active', invited_by: null, created_at: isoNow(), joined_at: isoNow() })
        .execute();
      return memberId;
    }
  });
}

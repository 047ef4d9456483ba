import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ConflictError, ConnectionError, ValidationError } from '../../../sdk/errors.js';
import { PortalClient } from '../../../sdk/portal-client.js';
import { seedCustomerWithProposals } from '../../test-support/fixtures.js';
import { startTestServer, type TestServer } from '../../test-support/server.js';
import { testDialects } from '../../test-support/databases.js';

for (const dialect of testDialects) {
  describe(`messages through the SDK (${dialect})`, () => {
    let server: TestServer;
    let seeded: Awaited<ReturnType<typeof seedCustomerWithProposals>>;
    const secret = async () => (await server.workspace.portalSessions.create({ contactId: seeded.contactId })).clientSecret;

    before(async () => {
      server = await startTestServer(dialect);
      seeded = await seedCustomerWithProposals(server.workspace);
    });
    after(() => server.close());

    test('a send whose answer was lost is retried with the same idempotencyKey and stored once', async () => {
      let dropNextAnswer = false;
      // The request reaches the server and is processed; only its answer never arrives.
      const lossyFetch = (async (input: string | URL | Request, init?: RequestInit) => {
        const response = await fetch(input, init);
        if (!dropNextAnswer) return response;
        dropNextAnswer = false;
        await response.body?.cancel();
        throw new TypeError('fetch failed: connection reset');
      }) as typeof fetch;
      const portal = new PortalClient({ apiBase: server.url, clientSecret: await secret(), fetch: lossyFetch });
      const proposal = seeded.proposals[0];
      assert.ok(proposal);

      const { thread } = await portal.threads.create({ subject: { type: 'proposal', id: proposal.id }, body: 'Is hosting included?' });
      assert.equal(thread.title, proposal.title);
      const idempotencyKey = randomUUID();
      dropNextAnswer = true;
      await assert.rejects(portal.messages.create(thread.id, { body: 'And the domain?' }, { idempotencyKey }), ConnectionError);
      const retried = await portal.messages.create(thread.id, { body: 'And the domain?' }, { idempotencyKey });
      const again = await portal.messages.create(thread.id, { body: 'And the domain?' }, { idempotencyKey });
      assert.equal(again.id, retried.id);

      const page = await portal.messages.list(thread.id);
      assert.deepEqual(page.items.map((message) => message.body), ['And the domain?', 'Is hosting included?']);

      await assert.rejects(portal.messages.create(thread.id, { body: 'Something else' }, { idempotencyKey }), (error: unknown) => {
        assert.ok(error instanceof ConflictError);
        assert.equal(error.code, 'idempotency_key_reused');
        return true;
      });
      await assert.rejects(portal.messages.create(thread.id, { body: 'x'.repeat(2_001) }), (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.equal(error.code, 'message_too_long');
        return true;
      });
    });

    test('the team replies and notes through WorkspaceClient; the contact sees the reply, unread, and not the note', async () => {
      const portal = new PortalClient({ apiBase: server.url, clientSecret: await secret() });
      const { thread } = await portal.threads.create({ title: 'Invoice address', body: 'Please use our new address.' });
      assert.equal((await server.workspace.threads.retrieve(thread.id)).unreadCount, 1);
      await server.workspace.messages.create(thread.id, { body: 'Checked: the address is outdated in our CRM', internal: true });
      const reply = await server.workspace.messages.create(thread.id, { body: 'Updated, thank you.' }, { idempotencyKey: randomUUID() });
      assert.equal(reply.internal, false);
      const teamView = await server.workspace.messages.list(thread.id);
      assert.equal(teamView.items.length, 3);

      const listed = await portal.threads.list();
      assert.equal(listed.items.find((item) => item.id === thread.id)?.unreadCount, 1);
      const portalView = await portal.messages.list(thread.id);
      assert.deepEqual(portalView.items.map((message) => [message.author.type, message.body]), [
        ['team', 'Updated, thank you.'],
        ['contact', 'Please use our new address.'],
      ]);
      assert.equal((await portal.threads.retrieve(thread.id)).unreadCount, 0);
      const byCustomer = await server.workspace.threads.list({ customerId: seeded.customerId });
      assert.ok(byCustomer.items.some((item) => item.id === thread.id));
    });
  });
}

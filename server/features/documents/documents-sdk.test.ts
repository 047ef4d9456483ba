import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { NotFoundError, ValidationError } from '../../../sdk/errors.js';
import { PortalClient } from '../../../sdk/portal-client.js';
import { testDialects } from '../../test-support/databases.js';
import { pdfOfSize } from '../../test-support/files.js';
import { seedCustomerWithProposals } from '../../test-support/fixtures.js';
import { startTestServer, type TestServer } from '../../test-support/server.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

for (const dialect of testDialects) {
  describe(`projects and documents through the SDK (${dialect})`, () => {
    let server: TestServer;
    let seeded: Awaited<ReturnType<typeof seedCustomerWithProposals>>;

    before(async () => {
      server = await startTestServer(dialect);
      seeded = await seedCustomerWithProposals(server.workspace);
    });
    after(() => server.close());

    test('the team builds a project and uploads a file; the customer reads, comments and downloads it', async () => {
      const { workspace } = server;
      const project = await workspace.projects.create({ customerId: seeded.customerId, name: 'Website redesign', description: 'New catalogue.' });
      await workspace.tasks.create(project.id, { name: 'Wireframes', status: 'done' });
      await workspace.tasks.create(project.id, { name: 'Design system', status: 'in_progress' });
      await workspace.projectComments.create(project.id, { body: 'Internal only', visibility: 'internal' });
      const bytes = pdfOfSize(12_345);
      const document = await workspace.documents.upload(project.id, { file: new File([new Uint8Array(bytes)], 'Brief.pdf', { type: 'application/pdf' }), shared: true });
      assert.equal(document.name, 'Brief.pdf');
      assert.equal(document.sha256, sha256(bytes));
      assert.equal(document.shared, true);

      // A backend reads the bytes back through its client.
      const stream = await workspace.documents.download(document.id);
      const downloaded = Buffer.from(await new Response(stream).arrayBuffer());
      assert.equal(sha256(downloaded), document.sha256);

      const portal = new PortalClient({ apiBase: server.url, clientSecret: (await workspace.portalSessions.create({ contactId: seeded.contactId })).clientSecret });
      const cards = await portal.projects.list();
      assert.deepEqual(cards.items.map((card) => [card.name, card.documentCount]), [['Website redesign', 1]]);
      const detail = await portal.projects.retrieve(project.id);
      assert.deepEqual(detail.tasks.map((task) => task.name), ['Design system', 'Wireframes']);
      const idempotencyKey = randomUUID();
      const comment = await portal.projectComments.create(project.id, { body: 'Thanks!' }, { idempotencyKey });
      assert.equal((await portal.projectComments.create(project.id, { body: 'Thanks!' }, { idempotencyKey })).id, comment.id);
      assert.deepEqual((await portal.projectComments.list(project.id)).items.map((item) => item.body), ['Thanks!']);
      await assert.rejects(portal.projectComments.create(project.id, { body: 'x'.repeat(2_001) }), (error: unknown) => error instanceof ValidationError && error.code === 'comment_too_long');

      const documents = await portal.documents.list({ projectId: project.id });
      assert.deepEqual(documents.items.map((item) => [item.name, item.projectName, item.size]), [['Brief.pdf', 'Website redesign', bytes.length]]);
      const link = await portal.documents.createDownloadLink(document.id);
      const path = new URL(link.url);
      const response = await fetch(`${server.url}${path.pathname}${path.search}`);
      assert.equal(response.status, 200);
      assert.equal(sha256(new Uint8Array(await response.arrayBuffer())), document.sha256);

      await workspace.documents.delete(document.id);
      await assert.rejects(portal.documents.createDownloadLink(document.id), NotFoundError);
    });
  });
}

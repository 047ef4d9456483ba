import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { ConflictError, NotFoundError, ValidationError } from '../../../sdk/errors.js';
import { PortalClient } from '../../../sdk/portal-client.js';
import { testDialects } from '../../test-support/databases.js';
import { seedCustomerWithProposals } from '../../test-support/fixtures.js';
import { startTestServer, type TestServer } from '../../test-support/server.js';
import { demoPdf } from '../documents/demo.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

for (const dialect of testDialects) {
  describe(`acceptances through the SDK (${dialect})`, () => {
    let server: TestServer;
    let seeded: Awaited<ReturnType<typeof seedCustomerWithProposals>>;

    before(async () => {
      server = await startTestServer(dialect);
      seeded = await seedCustomerWithProposals(server.workspace);
    });
    after(() => server.close());

    test('the team sends a document; the contact opens it, accepts it and downloads the certificate, as does the team', async () => {
      const { workspace } = server;
      const project = await workspace.projects.create({ customerId: seeded.customerId, name: 'Website redesign' });
      const bytes = demoPdf('Statement of work', ['Scope and timeline.']);
      const document = await workspace.documents.upload(project.id, { file: new File([new Uint8Array(bytes)], 'SOW.pdf', { type: 'application/pdf' }) });
      const sent = await workspace.acceptances.send({ documentId: document.id, title: 'Statement of work', expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
      assert.equal(sent.status, 'pending');

      const portal = new PortalClient({ apiBase: server.url, clientSecret: (await workspace.portalSessions.create({ contactId: seeded.contactId })).clientSecret });
      const cards = await portal.acceptances.list();
      assert.deepEqual(cards.items.map((card) => [card.id, card.status, card.expiresSoon]), [[sent.id, 'pending', true]]);
      const acceptance = await portal.acceptances.retrieve(sent.id);
      const link = await portal.acceptances.createDocumentLink(sent.id);
      const url = new URL(link.url);
      const downloaded = new Uint8Array(await (await fetch(`${server.url}${url.pathname}${url.search}`)).arrayBuffer());
      assert.equal(sha256(downloaded), acceptance.document.sha256);

      await assert.rejects(portal.acceptances.downloadCertificate(sent.id), (error: unknown) => error instanceof ConflictError && error.code === 'acceptance_not_accepted');
      await assert.rejects(
        portal.acceptances.accept(sent.id, { fullName: ' ', confirmed: true, documentSha256: acceptance.document.sha256 }),
        (error: unknown) => error instanceof ValidationError && error.code === 'full_name_required',
      );
      const accepted = await portal.acceptances.accept(sent.id, { fullName: 'Ada Lovelace', confirmed: true, documentSha256: acceptance.document.sha256 });
      assert.equal(accepted.status, 'accepted');
      assert.equal(accepted.acceptedName, 'Ada Lovelace');

      for (const certificate of [await portal.acceptances.downloadCertificate(sent.id), await workspace.acceptances.downloadCertificate(sent.id)]) {
        assert.ok(certificate instanceof Blob);
        assert.equal(certificate.type, 'application/pdf');
        const pdf = await PDFDocument.load(new Uint8Array(await certificate.arrayBuffer()));
        assert.equal(pdf.getTitle(), `Certificate of acceptance ${sent.id}`);
        assert.match(pdf.getSubject() ?? '', new RegExp(acceptance.document.sha256));
      }

      const seen = await workspace.acceptances.retrieve(sent.id);
      assert.equal(seen.evidence?.fullName, 'Ada Lovelace');
      assert.equal(seen.evidence?.ipAddress, '127.0.0.1');
      assert.deepEqual((await workspace.acceptances.list({ status: 'accepted' })).items.map((item) => item.id), [sent.id]);
      await assert.rejects(workspace.acceptances.resend(sent.id, { expiresAt: new Date(Date.now() + 86_400_000).toISOString() }), (error: unknown) => error instanceof ConflictError && error.code === 'acceptance_already_accepted');
      await assert.rejects(portal.acceptances.retrieve('acc_doesnotexist'), NotFoundError);
    });
  });
}

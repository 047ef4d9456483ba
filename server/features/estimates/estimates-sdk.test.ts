import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ConflictError, NotFoundError, ValidationError } from '../../../sdk/errors.js';
import { PortalClient } from '../../../sdk/portal-client.js';
import { testDialects } from '../../test-support/databases.js';
import { seedCustomerWithProposals } from '../../test-support/fixtures.js';
import { startTestServer, type TestServer } from '../../test-support/server.js';

const validUntil = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

for (const dialect of testDialects) {
  describe(`estimates through the SDK (${dialect})`, () => {
    let server: TestServer;
    let seeded: Awaited<ReturnType<typeof seedCustomerWithProposals>>;

    before(async () => {
      server = await startTestServer(dialect);
      seeded = await seedCustomerWithProposals(server.workspace);
    });
    after(() => server.close());

    test('the team drafts, edits and sends; the contact reviews and approves the version they saw; the team converts it', async () => {
      const { workspace } = server;
      const draft = await workspace.estimates.create({
        customerId: seeded.customerId,
        title: 'Website redesign',
        currency: 'JPY',
        validUntil: validUntil(10),
        internalNote: 'margin target 40 %',
        lines: [
          { description: 'Design', quantity: '3', unitAmount: 120_000, taxRateBasisPoints: 1_000, unitCost: 70_000 },
          { description: 'Copywriting', quantity: '0.5', unitAmount: 33_333, discountBasisPoints: 1_000 },
        ],
      });
      // JPY has no minor unit: gross 0.5 × 33,333 = 16,666.5 → 16,666 (tie, to even); net × 0.9 = 14,999.85 → 15,000; tax 10 % of 360,000.
      assert.deepEqual(draft.totals, { currency: 'JPY', subtotal: 375_000, discountTotal: 1_666, taxTotal: 36_000, total: 411_000 });
      assert.equal(draft.lines[0]!.marginAmount, 150_000);

      const portal = new PortalClient({ apiBase: server.url, clientSecret: (await workspace.portalSessions.create({ contactId: seeded.contactId })).clientSecret });
      await assert.rejects(portal.estimates.retrieve(draft.id), NotFoundError);
      assert.deepEqual((await portal.estimates.list()).items, []);

      const sent = await workspace.estimates.send(draft.id);
      assert.equal(sent.status, 'sent');
      const seen = await portal.estimates.retrieve(draft.id);
      assert.equal(seen.version, 1);
      assert.equal(seen.total, 411_000);
      assert.ok(!('internalNote' in seen));
      assert.ok(!('unitCost' in seen.lines[0]!));

      const edited = await workspace.estimates.update(draft.id, { title: 'Website redesign (revised)' });
      assert.equal(edited.version, 2);
      await assert.rejects(portal.estimates.approve(draft.id, { name: 'Ada Lovelace', version: seen.version }), (error: unknown) => error instanceof ConflictError && error.code === 'estimate_changed');
      await assert.rejects(portal.estimates.approve(draft.id, { name: ' ', version: 2 }), (error: unknown) => error instanceof ValidationError && error.code === 'approval_name_required');

      const key = randomUUID();
      const approved = await portal.estimates.approve(draft.id, { name: 'Ada Lovelace', version: 2 }, { idempotencyKey: key });
      assert.equal(approved.status, 'approved');
      assert.deepEqual(await portal.estimates.approve(draft.id, { name: 'Ada Lovelace', version: 2 }, { idempotencyKey: key }), approved, 'a retry answers the first result');
      await assert.rejects(portal.estimates.decline(draft.id, { reason: 'Too late' }), (error: unknown) => error instanceof ConflictError && error.code === 'estimate_not_pending');
      assert.deepEqual((await portal.estimates.list({ tab: 'closed' })).items.map((card) => [card.id, card.status]), [[draft.id, 'approved']]);

      const team = await workspace.estimates.retrieve(draft.id);
      assert.equal(team.approval?.name, 'Ada Lovelace');
      assert.equal(team.approval?.version, 2);
      assert.deepEqual((await workspace.estimates.list({ status: 'approved' })).items.map((item) => item.id), [draft.id]);

      const converted = await workspace.estimates.convert(draft.id);
      assert.equal(converted.status, 'converted');
      assert.ok(converted.convertedInvoiceId);
      await assert.rejects(workspace.estimates.convert(draft.id), (error: unknown) => error instanceof ConflictError && error.code === 'estimate_not_approved');
    });

    test('a contact declines with a reason', async () => {
      const { workspace } = server;
      const draft = await workspace.estimates.create({ customerId: seeded.customerId, title: 'Print run', currency: 'EUR', validUntil: validUntil(5), lines: [{ description: 'Brochures', quantity: '500', unitAmount: 42 }] });
      await workspace.estimates.send(draft.id);
      const portal = new PortalClient({ apiBase: server.url, clientSecret: (await workspace.portalSessions.create({ contactId: seeded.contactId })).clientSecret });
      assert.deepEqual((await portal.estimates.list()).items.map((card) => card.id), [draft.id]);
      await assert.rejects(portal.estimates.decline(draft.id, { reason: '' }), (error: unknown) => error instanceof ValidationError && error.code === 'decline_reason_required');
      const declined = await portal.estimates.decline(draft.id, { reason: 'We have a supplier.' });
      assert.equal(declined.status, 'declined');
      assert.equal(declined.declineReason, 'We have a supplier.');
      assert.equal((await workspace.estimates.retrieve(draft.id)).decline?.reason, 'We have a supplier.');
    });
  });
}

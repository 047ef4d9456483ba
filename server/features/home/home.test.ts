import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { HomeItem, HomeItemKind, PortalHome } from '../../../sdk/contract/home.js';
import { loadConfig } from '../../config.js';
import { connectDatabase, migrateToLatest } from '../../db/database.js';
import { seedDemo } from '../../demo/seed.js';
import { createDownloadLinks, createFileStore } from '../../files/index.js';
import { securityApp, type Call, type SecurityApp, type Tenant } from '../../security/harness.js';
import { createTestDatabase, testDialects } from '../../test-support/databases.js';
import { readPortalHome } from './repository.js';
import { dateIn, waitingMakers, waitingOfEveryKind } from './security-objects.js';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

const ok = async <T>(response: Promise<LightMyRequestResponse>, status = 200): Promise<T> => {
  const answer = await response;
  assert.equal(answer.statusCode, status, answer.body);
  return answer.json<T>();
};

const noCounts: PortalHome['counts'] = { proposals: 0, estimates: 0, requestItems: 0, acceptances: 0, unreadMessages: 0, invoices: 0 };

/** The entries as `kind:id`, in the home's order. */
const entries = (home: PortalHome) => home.items.map((item) => `${item.kind}:${item.id}`);
const entryOf = (home: PortalHome, kind: HomeItemKind, id: string): HomeItem | undefined => home.items.find((item) => item.kind === kind && item.id === id);

for (const dialect of testDialects) {
  describe(`portal home (${dialect})`, () => {
    let s: SecurityApp;
    let tenant: Tenant;

    before(async () => {
      s = await securityApp(dialect);
      tenant = await s.tenant('Northwind Studio');
    });
    after(() => s.close());

    /** A new customer of `owner` with one contact: what makes things wait on it, and that contact's home. */
    const customer = async (name: string, owner = tenant) => {
      const { id, contactId } = await owner.customer(name);
      const contact = await owner.asContact(contactId);
      return {
        id,
        contactId,
        contact,
        make: waitingMakers({ tenant: owner, customerId: id }),
        home: (caller: Call = contact) => ok<PortalHome>(caller('GET', '/v1/portal/home')),
      };
    };

    test('a customer with nothing waiting has an empty home', async () => {
      const acme = await customer('Empty');
      // Things that do not wait on the customer: a draft proposal, a thread the contact started.
      await ok(tenant.asKey('POST', '/v1/workspace/proposals', { customerId: acme.id, title: 'Draft', feeModel: 'fixed_fee', fee: { amount: 1, currency: 'USD' }, expiresAt: new Date(Date.now() + DAY).toISOString() }), 201);
      await ok(acme.contact('POST', '/v1/portal/threads', { title: 'A question', body: 'Is the office open on Friday?' }), 201);
      assert.deepEqual(await acme.home(), { counts: noCounts, items: [] });
    });

    test('each kind appears while it waits on the contact and leaves once acted on', async () => {
      const acme = await customer('Acme');
      const proposal = await acme.make.proposal({ title: 'Website redesign' });
      const estimate = await acme.make.estimate({ title: 'Brochure print run' });
      const request = await acme.make.request({ title: 'Onboarding details', items: 2 });
      const acceptance = await acme.make.acceptance({ title: 'Statement of work' });
      const thread = await acme.make.thread({ title: 'Delivery address' });
      const invoice = await acme.make.invoice({ amount: 50_000 });

      let home = await acme.home();
      assert.deepEqual(home.counts, { proposals: 1, estimates: 1, requestItems: 2, acceptances: 1, unreadMessages: 1, invoices: 1 });
      assert.deepEqual(new Set(entries(home)), new Set([`proposal:${proposal}`, `estimate:${estimate}`, `request:${request.id}`, `acceptance:${acceptance.id}`, `thread:${thread}`, `invoice:${invoice}`]));
      const proposalEntry = entryOf(home, 'proposal', proposal)!;
      assert.equal(proposalEntry.title, 'Website redesign');
      assert.match(proposalEntry.reference ?? '', /^PROP-\d{4}$/);
      assert.equal(proposalEntry.amount, null);
      const estimateEntry = entryOf(home, 'estimate', estimate)!;
      assert.equal(estimateEntry.title, 'Brochure print run');
      assert.match(estimateEntry.reference ?? '', /^EST-\d{4}$/);
      assert.deepEqual(estimateEntry.amount, { amount: 12_000, currency: 'USD' });
      assert.equal(estimateEntry.deadline, dateIn(20));
      assert.deepEqual(entryOf(home, 'request', request.id), { kind: 'request', id: request.id, title: 'Onboarding details', reference: entryOf(home, 'request', request.id)!.reference, deadline: null, dueSoon: false, overdue: false, amount: null, count: 2 });
      assert.match(entryOf(home, 'request', request.id)!.reference ?? '', /^REQ-\d{4}$/);
      assert.equal(entryOf(home, 'acceptance', acceptance.id)!.title, 'Statement of work');
      assert.equal(entryOf(home, 'thread', thread)!.count, 1);
      assert.equal(entryOf(home, 'thread', thread)!.title, 'Delivery address');
      const invoiceEntry = entryOf(home, 'invoice', invoice)!;
      assert.match(invoiceEntry.title, /^INV-\d{4}$/);
      assert.deepEqual(invoiceEntry.amount, { amount: 50_000, currency: 'USD' });

      // The proposal, accepted.
      await ok(acme.contact('POST', `/v1/portal/proposals/${proposal}/accept`));
      home = await acme.home();
      assert.equal(entryOf(home, 'proposal', proposal), undefined);
      assert.equal(home.counts.proposals, 0);

      // The estimate, approved.
      await ok(acme.contact('POST', `/v1/portal/estimates/${estimate}/approve`, { name: 'Ada Lovelace', version: 1 }));
      home = await acme.home();
      assert.equal(entryOf(home, 'estimate', estimate), undefined);
      assert.equal(home.counts.estimates, 0);

      // The request's items: one answered leaves one to answer; both answered, it leaves; one returned by the team, it is back.
      const [first, second] = request.itemIds as [string, string];
      await ok(acme.contact('POST', `/v1/portal/requests/${request.id}/items/${first}/answer`, { text: 'GB123456789' }));
      home = await acme.home();
      assert.equal(entryOf(home, 'request', request.id)?.count, 1);
      assert.equal(home.counts.requestItems, 1);
      await ok(acme.contact('POST', `/v1/portal/requests/${request.id}/items/${second}/answer`, { text: 'Unit 4, Dock Road' }));
      home = await acme.home();
      assert.equal(entryOf(home, 'request', request.id), undefined);
      assert.equal(home.counts.requestItems, 0);
      await ok(tenant.asKey('POST', `/v1/workspace/requests/${request.id}/items/${first}/return`, { reason: 'That is not a VAT number.' }));
      home = await acme.home();
      assert.equal(entryOf(home, 'request', request.id)?.count, 1);
      await ok(acme.contact('POST', `/v1/portal/requests/${request.id}/items/${first}/answer`, { text: 'GB 123 4567 89' }));

      // The acceptance, accepted.
      await ok(acme.contact('POST', `/v1/portal/acceptances/${acceptance.id}/accept`, { fullName: 'Ada Lovelace', confirmed: true, documentSha256: acceptance.sha256 }));
      home = await acme.home();
      assert.equal(entryOf(home, 'acceptance', acceptance.id), undefined);
      assert.equal(home.counts.acceptances, 0);

      // The thread, read; an internal note does not bring it back, a team reply does.
      await ok(acme.contact('GET', `/v1/portal/threads/${thread}/messages`));
      home = await acme.home();
      assert.equal(entryOf(home, 'thread', thread), undefined);
      assert.equal(home.counts.unreadMessages, 0);
      await ok(tenant.asKey('POST', `/v1/workspace/threads/${thread}/messages`, { body: 'Chase them on Monday.', internal: true }), 201);
      assert.equal(entryOf(await acme.home(), 'thread', thread), undefined);
      await ok(tenant.asKey('POST', `/v1/workspace/threads/${thread}/messages`, { body: 'And the loading bay hours?' }), 201);
      assert.equal(entryOf(await acme.home(), 'thread', thread)?.count, 1);
      await ok(acme.contact('GET', `/v1/portal/threads/${thread}/messages`));

      // The invoice: partly paid it still waits with what is due; paid in full it leaves.
      await ok(tenant.asKey('POST', `/v1/workspace/invoices/${invoice}/payments`, { amount: 20_000, paidOn: dateIn(0), method: 'bank_transfer', reference: 'TRX-1' }), 201);
      home = await acme.home();
      assert.deepEqual(entryOf(home, 'invoice', invoice)?.amount, { amount: 30_000, currency: 'USD' });
      await ok(tenant.asKey('POST', `/v1/workspace/invoices/${invoice}/payments`, { amount: 30_000, paidOn: dateIn(0), method: 'bank_transfer', reference: 'TRX-2' }), 201);

      assert.deepEqual(await acme.home(), { counts: noCounts, items: [] });
    });

    test('what has expired, was superseded, cancelled or voided waits no more', async () => {
      const acme = await customer('Expiring');
      const proposal = await acme.make.proposal();
      const estimate = await acme.make.estimate();
      const acceptance = await acme.make.acceptance();
      const resent = await acme.make.acceptance();
      const request = await acme.make.request();
      const invoice = await acme.make.invoice();
      assert.equal((await acme.home()).items.length, 6);

      // Time passing, as it would: Expired is derived when read.
      const past = new Date(Date.now() - HOUR).toISOString();
      await s.app.db.updateTable('proposals').set({ expires_at: past }).where('id', '=', proposal).execute();
      await s.app.db.updateTable('estimates').set({ valid_until: dateIn(-1) }).where('id', '=', estimate).execute();
      await s.app.db.updateTable('acceptances').set({ expires_at: past }).where('id', '=', acceptance.id).execute();
      const replacement = await ok<{ id: string }>(tenant.asKey('POST', `/v1/workspace/acceptances/${resent.id}/resend`, { expiresAt: new Date(Date.now() + 5 * DAY).toISOString() }), 201);
      await ok(tenant.asKey('POST', `/v1/workspace/requests/${request.id}/cancel`));
      await ok(tenant.asKey('POST', `/v1/workspace/invoices/${invoice}/void`, { reason: 'Issued to the wrong customer.' }));

      const home = await acme.home();
      assert.deepEqual(entries(home), [`acceptance:${replacement.id}`]);
      assert.deepEqual(home.counts, { ...noCounts, acceptances: 1 });
    });

    test('overdue first, then the soonest deadline, then entries without one, most recent first; due soon within 48 hours', async () => {
      const acme = await customer('Ordered');
      const request = await acme.make.request();
      const proposal = await acme.make.proposal({ expiresInMs: 10 * DAY });
      const estimate = await acme.make.estimate({ validUntil: dateIn(5) });
      const acceptance = await acme.make.acceptance({ expiresAt: new Date(Date.now() + 30 * HOUR).toISOString() });
      const overdue = await acme.make.invoice({ issueDate: dateIn(-30), dueDate: dateIn(-5) });
      const dueToday = await acme.make.invoice({ issueDate: dateIn(-10), dueDate: dateIn(0) });
      const thread = await acme.make.thread();

      const home = await acme.home();
      assert.deepEqual(entries(home), [
        `invoice:${overdue}`,
        `invoice:${dueToday}`,
        `acceptance:${acceptance.id}`,
        `estimate:${estimate}`,
        `proposal:${proposal}`,
        `thread:${thread}`,
        `request:${request.id}`,
      ]);
      assert.deepEqual(
        home.items.map((item) => [item.kind, item.dueSoon, item.overdue]),
        [
          ['invoice', false, true],
          ['invoice', true, false],
          ['acceptance', true, false],
          ['estimate', false, false],
          ['proposal', false, false],
          ['thread', false, false],
          ['request', false, false],
        ],
      );
      // A due date is a calendar date; an expiry, a timestamp.
      assert.equal(home.items[0]!.deadline, dateIn(-5));
      assert.equal(Date.parse(home.items[2]!.deadline!) - Date.now() > 29 * HOUR, true);
      assert.match(home.items[2]!.deadline!, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    });

    test('a calendar date counts as the end of that day, UTC', async () => {
      const acme = await customer('End of day');
      const day = dateIn(4);
      const estimate = await acme.make.estimate({ validUntil: day });
      const acceptance = await acme.make.acceptance({ expiresAt: `${day}T23:00:00.000Z` });
      const proposal = await acme.make.proposal({ expiresInMs: Date.parse(`${dateIn(5)}T00:30:00.000Z`) - Date.now() });
      assert.deepEqual(entries(await acme.home()), [`acceptance:${acceptance.id}`, `estimate:${estimate}`, `proposal:${proposal}`]);
    });

    test('the counts count everything; the entries stop at 50', async () => {
      const acme = await customer('Busy');
      const proposals: string[] = [];
      for (let i = 0; i < 52; i++) proposals.push(await acme.make.proposal({ title: `Proposal ${i + 1}`, expiresInMs: (i + 2) * DAY }));
      const request = await acme.make.request({ items: 3 });
      const thread = await acme.make.thread();
      await ok(tenant.asKey('POST', `/v1/workspace/threads/${thread}/messages`, { body: 'One more thing.' }), 201);

      const home = await acme.home();
      assert.deepEqual(home.counts, { ...noCounts, proposals: 52, requestItems: 3, unreadMessages: 2 });
      // The 50 soonest to expire; the last two proposals and the entries without a deadline are left out.
      assert.deepEqual(entries(home), proposals.slice(0, 50).map((id) => `proposal:${id}`));
      assert.equal(entryOf(home, 'request', request.id), undefined);
    });

    test("another customer's or workspace's objects never appear; unread is each contact's own", async () => {
      const mine = await customer('Mine');
      const neighbour = await customer('Neighbour');
      const other = await s.tenant('Other Studio');
      const stranger = await customer('Stranger', other);
      const myIds = await waitingOfEveryKind({ tenant, customerId: mine.id });
      const neighbourIds = await waitingOfEveryKind({ tenant, customerId: neighbour.id });
      const strangerIds = await waitingOfEveryKind({ tenant: other, customerId: stranger.id });

      const everyOne = { proposals: 1, estimates: 1, requestItems: 1, acceptances: 1, unreadMessages: 1, invoices: 1 };
      const expected = (ids: Record<HomeItemKind, string>) => new Set(Object.entries(ids).map(([kind, id]) => `${kind}:${id}`));
      for (const [who, ids] of [
        [mine, myIds],
        [neighbour, neighbourIds],
        [stranger, strangerIds],
      ] as const) {
        const home = await who.home();
        assert.deepEqual(new Set(entries(home)), expected(ids));
        assert.deepEqual(home.counts, everyOne);
      }

      // A second contact of the same customer reads the conversation: it is still unread for the first.
      const colleague = await tenant.contact(mine.id);
      const asColleague = await tenant.asContact(colleague.id);
      await ok(asColleague('GET', `/v1/portal/threads/${myIds.thread}/messages`));
      assert.equal(entryOf(await mine.home(asColleague), 'thread', myIds.thread), undefined);
      assert.equal(entryOf(await mine.home(), 'thread', myIds.thread)?.count, 1);
    });
  });

  test(`${dialect}: the demo contact's home has every kind, an acceptance due within 48 hours and an overdue invoice`, async (t) => {
    const database = await createTestDatabase(dialect);
    t.after(() => database.drop());
    const { db } = await connectDatabase(database.config);
    t.after(() => db.destroy());
    await migrateToLatest(db);
    // As `npm start` seeds it: with a file store, so that documents and acceptances are seeded too.
    const config = loadConfig({ TABA_DATA_DIR: database.dataDir });
    const fileStore = await createFileStore(config.files, { links: createDownloadLinks({ publicUrl: config.publicUrl, current: { id: 'k1', secret: 'demo-test' } }) });
    t.after(() => fileStore.close());
    const { contactId } = await seedDemo(db, { fileStore });
    const { customer_id: customerId } = await db.selectFrom('portal_contacts').select('customer_id').where('id', '=', contactId).executeTakeFirstOrThrow();

    const home = await readPortalHome(db, { customerId, contactId });
    assert.deepEqual([...new Set(home.items.map((item) => item.kind))].sort(), ['acceptance', 'estimate', 'invoice', 'proposal', 'request', 'thread']);
    assert.ok(home.items.some((item) => item.kind === 'acceptance' && item.dueSoon), JSON.stringify(home.items));
    assert.ok(home.items.some((item) => item.kind === 'invoice' && item.overdue), JSON.stringify(home.items));
    assert.equal(home.items[0]?.overdue, true, 'the overdue invoice comes first');
  });
}

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Page, Problem } from '../../../sdk/contract/common.js';
import type {
  AppendDeliveryEventResult,
  AppendDeliveryEventsResult,
  Delivery,
  DeliverySummary,
  PortalDelivery,
  PortalDeliveryCard,
} from '../../../sdk/contract/deliveries.js';
import { isoNow } from '../../lib/time.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { customerWithContact, signInContact } from '../../test-support/portal.js';
import { newId } from '../../lib/ids.js';
import { renderEmail, type EmailNotification } from '../notifications/templates.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type Caller = (method: Method, url: string, payload?: object) => Promise<LightMyRequestResponse>;

function bearer(app: FastifyInstance, token: string): Caller {
  return (method, url, payload) => app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });
}

const ok = async <T>(response: Promise<LightMyRequestResponse>, status = 200): Promise<T> => {
  const answer = await response;
  assert.equal(answer.statusCode, status, answer.body);
  return answer.json<T>();
};

const refused = async (response: Promise<LightMyRequestResponse>, status: number, code: string, what = code): Promise<Problem> => {
  const answer = await response;
  assert.equal(answer.statusCode, status, `${what}: ${answer.body}`);
  assert.match(String(answer.headers['content-type']), /^application\/problem\+json/, what);
  const problem = answer.json<Problem>();
  assert.equal(problem.code, code, `${what}: ${answer.body}`);
  return problem;
};

const HOUR = 60 * 60_000;
/** A time `hours` before now, as an ISO string. */
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

for (const dialect of testDialects) {
  describe(`deliveries (${dialect})`, () => {
    let t: TestApp;
    let workspaceA: { workspaceId: string; apiKey: string };
    let workspaceB: { workspaceId: string; apiKey: string };
    let acme: Awaited<ReturnType<typeof customerWithContact>>;
    let globex: Awaited<ReturnType<typeof customerWithContact>>;
    let initech: Awaited<ReturnType<typeof customerWithContact>>;
    let acmePortal: Caller;
    let globexPortal: Caller;
    let team: Caller;
    let teamB: Caller;
    let secondAcmeContact: string;

    before(async () => {
      t = await createTestApp(dialect);
      workspaceA = await t.newWorkspace('Workspace A');
      workspaceB = await t.newWorkspace('Workspace B');
      acme = await customerWithContact(t.app, workspaceA.apiKey, 'Acme');
      globex = await customerWithContact(t.app, workspaceA.apiKey, 'Globex');
      initech = await customerWithContact(t.app, workspaceB.apiKey, 'Initech');
      acmePortal = bearer(t.app, (await signInContact(t.app, workspaceA.apiKey, acme.contactId)).accessToken);
      globexPortal = bearer(t.app, (await signInContact(t.app, workspaceA.apiKey, globex.contactId)).accessToken);
      team = bearer(t.app, workspaceA.apiKey);
      teamB = bearer(t.app, workspaceB.apiKey);
      secondAcmeContact = (
        await ok<{ id: string }>(team('POST', `/v1/workspace/customers/${acme.customerId}/contacts`, { displayName: 'Grace', email: 'grace@acme.example', role: 'Buyer' }), 201)
      ).id;
      await ok(team('POST', '/v1/workspace/webhook-endpoints', { url: 'https://93.184.215.14/hooks', eventTypes: ['delivery.exception', 'follow_up.created'] }), 201);
    });
    after(() => t.close());

    /** An invoice or estimate row as the invoices and estimates features store them (written directly: this suite is about deliveries). */
    const invoice = async (workspaceId: string, customerId: string, state: 'draft' | 'issued' | 'void') => {
      const id = newId('inv');
      const at = isoNow();
      await t.app.db
        .insertInto('invoices')
        .values({
          id, workspace_id: workspaceId, customer_id: customerId, project_id: null, estimate_id: null, number: `INV-${randomBytes(3).toString('hex')}`,
          notes: '', internal_note: '', state, issue_date: at.slice(0, 10), due_date: at.slice(0, 10), currency: 'USD', subtotal: 1000, discount_total: 0,
          tax_total: 0, total: 1000, amount_paid: 0, sent_at: null, sent_by_type: null, sent_by_id: null, voided_at: null, void_reason: null,
          overdue_notified_at: null, paid_at: null, created_by_type: 'api_key', created_by_id: 'test', created_at: at, updated_at: at,
        })
        .execute();
      return t.app.db.selectFrom('invoices').select(['id', 'number']).where('id', '=', id).executeTakeFirstOrThrow();
    };
    const estimate = async (workspaceId: string, customerId: string, status: 'draft' | 'sent') => {
      const id = newId('est');
      const at = isoNow();
      await t.app.db
        .insertInto('estimates')
        .values({
          id, workspace_id: workspaceId, customer_id: customerId, project_id: null, number: `EST-${randomBytes(3).toString('hex')}`, title: 'Fit-out',
          notes: '', internal_note: '', status, valid_until: '2099-01-01', version: 1, currency: 'USD', subtotal: 1000, discount_total: 0, tax_total: 0, total: 1000,
          created_by_type: 'api_key', created_by_id: 'test', created_at: at, updated_at: at,
        } as never)
        .execute();
      return t.app.db.selectFrom('estimates').select(['id', 'number']).where('id', '=', id).executeTakeFirstOrThrow();
    };

    const create = (body: object, caller = team) => caller('POST', '/v1/workspace/deliveries', body);
    const delivery = (customerId = acme.customerId, fields: object = {}, caller = team) =>
      ok<Delivery>(create({ customerId, orderReference: `PO-${randomBytes(3).toString('hex')}`, carrier: 'DHL', trackingReference: `TRK-${randomBytes(4).toString('hex')}`, ...fields }, caller), 201);
    const append = (deliveryId: string, event: object, caller = team) => caller('POST', `/v1/workspace/deliveries/${deliveryId}/events`, event);
    const bulk = (events: object[], caller = team) => caller('POST', '/v1/workspace/delivery-events', { events });
    const storedEvents = (deliveryId: string) => t.app.db.selectFrom('delivery_events').selectAll().where('delivery_id', '=', deliveryId).execute();
    const audits = (deliveryId: string) =>
      t.app.db.selectFrom('audit_events').select(['action', 'data']).where('subject_type', '=', 'delivery').where('subject_id', '=', deliveryId).orderBy('seq').execute();
    const outbox = (eventType: string) =>
      t.app.db.selectFrom('outbox_messages').select(['channel', 'recipient', 'payload']).where('workspace_id', '=', workspaceA.workspaceId).where('event_type', '=', eventType).execute();
    const exceptionHooks = async (deliveryId: string) =>
      (await outbox('delivery.exception')).filter((row) => row.channel === 'webhook').map((row) => JSON.parse(row.payload) as { data: { deliveryId: string; status: string; event: { id: string } } }).filter((body) => body.data.deliveryId === deliveryId);
    const exceptionEmails = async (trackingReference: string) =>
      (await outbox('delivery.exception')).filter((row) => row.channel === 'email' && (JSON.parse(row.payload) as { trackingReference: string }).trackingReference === trackingReference);
    const followUps = (deliveryId: string) => t.app.db.selectFrom('follow_ups').selectAll().where('source_type', '=', 'delivery').where('source_id', '=', deliveryId).execute();

    test('a delivery links an invoice, an estimate or an order reference of its own customer', async () => {
      const issued = await invoice(workspaceA.workspaceId, acme.customerId, 'issued');
      const sent = await estimate(workspaceA.workspaceId, acme.customerId, 'sent');
      const created = await delivery(acme.customerId, { invoiceId: issued.id, estimateId: sent.id, orderReference: '  PO-1  ', carrier: '  DHL Express ', trackingReference: ' JD0146 ' });
      assert.equal(created.status, 'pending');
      assert.equal(created.lastEventAt, null);
      assert.deepEqual([created.invoiceId, created.estimateId, created.orderReference, created.carrier, created.trackingReference], [issued.id, sent.id, 'PO-1', 'DHL Express', 'JD0146']);
      assert.deepEqual(created.events, []);
      const audit = await audits(created.id);
      assert.deepEqual(audit.map((row) => row.action), ['delivery.created']);
      // Only an invoice (or estimate) is enough, and only an order reference is enough.
      await delivery(acme.customerId, { orderReference: undefined, invoiceId: issued.id });
      await delivery(acme.customerId, { orderReference: undefined, estimateId: sent.id });

      await refused(create({ customerId: acme.customerId, carrier: 'DHL', trackingReference: 'X' }), 422, 'delivery_link_required');
      await refused(create({ customerId: acme.customerId, orderReference: '   ', carrier: 'DHL', trackingReference: 'X' }), 422, 'delivery_link_required', 'a blank order reference is no link');
      const globexInvoice = await invoice(workspaceA.workspaceId, globex.customerId, 'issued');
      await refused(create({ customerId: acme.customerId, invoiceId: globexInvoice.id, carrier: 'DHL', trackingReference: 'X' }), 422, 'invoice_not_found', "another customer's invoice");
      const otherWorkspaceEstimate = await estimate(workspaceB.workspaceId, initech.customerId, 'sent');
      await refused(create({ customerId: acme.customerId, estimateId: otherWorkspaceEstimate.id, carrier: 'DHL', trackingReference: 'X' }), 422, 'estimate_not_found', "another workspace's estimate");
      await refused(create({ customerId: acme.customerId, invoiceId: newId('inv'), carrier: 'DHL', trackingReference: 'X' }), 422, 'invoice_not_found', 'an unknown invoice');
      await refused(create({ customerId: initech.customerId, orderReference: 'PO', carrier: 'DHL', trackingReference: 'X' }), 404, 'not_found', "another workspace's customer");
      await refused(create({ customerId: acme.customerId, orderReference: 'PO', carrier: '  ', trackingReference: 'X' }), 422, 'carrier_required');
      await refused(create({ customerId: acme.customerId, orderReference: 'PO', carrier: 'C'.repeat(101), trackingReference: 'X' }), 422, 'carrier_too_long');
      await refused(create({ customerId: acme.customerId, orderReference: 'PO', carrier: 'DHL', trackingReference: '' }), 422, 'tracking_reference_required');
      await refused(create({ customerId: acme.customerId, orderReference: 'PO', carrier: 'DHL', trackingReference: 'T'.repeat(201) }), 422, 'tracking_reference_too_long');
      await refused(create({ customerId: acme.customerId, orderReference: 'P'.repeat(201), carrier: 'DHL', trackingReference: 'X' }), 422, 'order_reference_too_long');
      await refused(create({ customerId: acme.customerId, orderReference: 'PO', carrier: 'C'.repeat(5000), trackingReference: 'X' }), 400, 'validation_failed', 'an oversized field');
      await refused(create({ customerId: acme.customerId, orderReference: 'PO\u0000', carrier: 'DHL', trackingReference: 'X' }), 400, 'invalid_characters');
    });

    test('the portal shows a linked invoice or estimate only once it is not a draft', async () => {
      const draftInvoice = await invoice(workspaceA.workspaceId, acme.customerId, 'draft');
      const draftEstimate = await estimate(workspaceA.workspaceId, acme.customerId, 'draft');
      const hidden = await delivery(acme.customerId, { invoiceId: draftInvoice.id, estimateId: draftEstimate.id });
      const seen = await ok<PortalDelivery>(acmePortal('GET', `/v1/portal/deliveries/${hidden.id}`));
      assert.deepEqual([seen.invoiceId, seen.invoiceNumber, seen.estimateId, seen.estimateNumber], [null, null, null, null]);
      assert.equal(seen.orderReference, hidden.orderReference);

      await t.app.db.updateTable('invoices').set({ state: 'issued' }).where('id', '=', draftInvoice.id).execute();
      await t.app.db.updateTable('estimates').set({ status: 'sent' }).where('id', '=', draftEstimate.id).execute();
      const shown = await ok<PortalDelivery>(acmePortal('GET', `/v1/portal/deliveries/${hidden.id}`));
      assert.deepEqual([shown.invoiceId, shown.invoiceNumber, shown.estimateId, shown.estimateNumber], [draftInvoice.id, draftInvoice.number, draftEstimate.id, draftEstimate.number]);
      const card = (await ok<Page<PortalDeliveryCard>>(acmePortal('GET', '/v1/portal/deliveries?limit=100'))).items.find((item) => item.id === hidden.id);
      assert.equal(card?.invoiceNumber, draftInvoice.number);
    });

    test('the status follows the latest event by time, whatever order events arrive in; the timeline is oldest first', async () => {
      const created = await delivery();
      const inTransit = await ok<AppendDeliveryEventResult>(append(created.id, { id: 'e-3', type: 'in_transit', occurredAt: ago(1), location: ' Leipzig hub ' }));
      assert.equal(inTransit.result, 'stored');
      assert.equal(inTransit.event.location, 'Leipzig hub');
      assert.equal(inTransit.delivery.status, 'in_transit');
      // Older events arrive later: the status stays with the latest one.
      await ok(append(created.id, { id: 'e-1', type: 'scheduled', occurredAt: ago(5) }));
      const late = await ok<AppendDeliveryEventResult>(append(created.id, { id: 'e-2', type: 'dispatched', occurredAt: ago(3) }));
      assert.equal(late.delivery.status, 'in_transit');
      assert.equal(late.delivery.lastEventAt, inTransit.event.occurredAt);
      assert.deepEqual(late.delivery.events.map((event) => event.id), ['e-1', 'e-2', 'e-3']);

      const portal = await ok<PortalDelivery>(acmePortal('GET', `/v1/portal/deliveries/${created.id}`));
      assert.equal(portal.status, 'in_transit');
      assert.deepEqual(portal.events.map((event) => event.type), ['scheduled', 'dispatched', 'in_transit']);
      assert.ok(portal.events.every((event) => event.id.startsWith('dle_')), 'the portal gets this server ids, not the logistics ids');
      assert.ok(!JSON.stringify(portal).includes('"e-1"'));

      // A newer event moves it on; a time given with an offset is stored as UTC.
      const delivered = await ok<AppendDeliveryEventResult>(append(created.id, { id: 'e-4', type: 'delivered', occurredAt: ago(0.5).replace('Z', '+00:00') }));
      assert.equal(delivered.delivery.status, 'delivered');
      assert.match(delivered.event.occurredAt, /Z$/);
      const workspaceView = await ok<Delivery>(team('GET', `/v1/workspace/deliveries/${created.id}`));
      assert.deepEqual(workspaceView.events.map((event) => event.type), ['scheduled', 'dispatched', 'in_transit', 'delivered']);
      assert.deepEqual((await audits(created.id)).map((row) => row.action), ['delivery.created', ...Array(4).fill('delivery.event_recorded')]);
    });

    test('a repeated event is stored once; the same id with other content is a conflict', async () => {
      const created = await delivery();
      const event = { id: 'dup-1', type: 'dispatched', occurredAt: ago(2), location: 'Depot', note: 'Left the depot.' };
      const first = await ok<AppendDeliveryEventResult>(append(created.id, event));
      const again = await ok<AppendDeliveryEventResult>(append(created.id, { ...event, location: ' Depot ', occurredAt: event.occurredAt.replace('Z', '+00:00') }));
      assert.equal(again.result, 'duplicate');
      assert.deepEqual(again.event, first.event, 'the duplicate answers the event as first stored');
      assert.equal((await storedEvents(created.id)).length, 1);
      assert.equal((await audits(created.id)).length, 2, 'created + one event; nothing for the duplicate');
      const updatedAt = (await ok<Delivery>(team('GET', `/v1/workspace/deliveries/${created.id}`))).updatedAt;
      assert.equal(updatedAt, first.delivery.updatedAt, 'a duplicate is no activity');

      const conflict = await refused(append(created.id, { ...event, type: 'in_transit' }), 409, 'delivery_event_conflict');
      assert.equal(conflict.errors?.[0]?.field, 'body.id');
      await refused(append(created.id, { ...event, note: 'Something else' }), 409, 'delivery_event_conflict');
      assert.equal((await storedEvents(created.id)).length, 1);
      // The same id on another delivery is another event.
      const other = await delivery();
      assert.equal((await ok<AppendDeliveryEventResult>(append(other.id, event))).result, 'stored');
    });

    test('twenty identical concurrent appends store one event and announce one exception', async () => {
      const created = await delivery();
      const event = { id: 'race-1', type: 'exception', occurredAt: ago(1), note: 'Parcel damaged in transit.' };
      const answers = await Promise.all(Array.from({ length: 20 }, () => append(created.id, event)));
      assert.deepEqual(answers.map((answer) => answer.statusCode), Array(20).fill(200), answers.map((answer) => answer.body).join('\n'));
      const results = answers.map((answer) => answer.json<AppendDeliveryEventResult>().result);
      assert.equal(results.filter((result) => result === 'stored').length, 1);
      assert.equal(results.filter((result) => result === 'duplicate').length, 19);
      assert.equal((await storedEvents(created.id)).length, 1);
      assert.equal((await exceptionHooks(created.id)).length, 1);
      assert.equal((await followUps(created.id)).length, 1);
      assert.deepEqual((await audits(created.id)).map((row) => row.action), ['delivery.created', 'delivery.exception']);

      // Concurrent different events of one delivery: each stored, and the status is the latest one's.
      const mixed = await delivery();
      const times = [5, 1, 4, 2, 3];
      await Promise.all(times.map((hours, index) => ok(append(mixed.id, { id: `m-${index}`, type: hours === 1 ? 'delivered' : 'in_transit', occurredAt: ago(hours) }))));
      const final = await ok<Delivery>(team('GET', `/v1/workspace/deliveries/${mixed.id}`));
      assert.equal(final.events.length, 5);
      assert.equal(final.status, 'delivered');
      assert.equal(final.lastEventAt, final.events[4]!.occurredAt);
    });

    test('an exception sends its webhook, opens a follow-up and emails the contacts once; a repeat sends nothing', async () => {
      const created = await delivery(acme.customerId, { carrier: 'DB Schenker' });
      await refused(append(created.id, { id: 'x-0', type: 'exception', occurredAt: ago(2) }), 422, 'exception_note_required');
      await refused(append(created.id, { id: 'x-0', type: 'exception', occurredAt: ago(2), note: '   ' }), 422, 'exception_note_required');
      const event = { id: 'x-1', type: 'exception', occurredAt: ago(2), location: 'Manchester', note: 'Address not found <b>unit 4B</b>.' };
      const stored = await ok<AppendDeliveryEventResult>(append(created.id, event));
      assert.equal(stored.delivery.status, 'exception');
      await ok(append(created.id, event));
      await ok(bulk([{ deliveryId: created.id, ...event }]));

      const hooks = await exceptionHooks(created.id);
      assert.equal(hooks.length, 1);
      assert.equal(hooks[0]!.data.status, 'exception');
      assert.equal(hooks[0]!.data.event.id, 'x-1');
      const follow = await followUps(created.id);
      assert.equal(follow.length, 1);
      assert.equal(follow[0]!.kind, 'delivery.exception');
      assert.match(follow[0]!.summary, /Address not found/);
      const emails = await exceptionEmails(created.trackingReference);
      assert.deepEqual(emails.map((row) => row.recipient).sort(), ['contact@acme.example', 'grace@acme.example']);
      assert.ok(secondAcmeContact);
      const notification = JSON.parse(emails[0]!.payload) as EmailNotification;
      const rendered = renderEmail(notification, { to: 'contact@acme.example', publicUrl: 'https://portal.example' });
      assert.match(rendered.subject, /problem with your delivery/);
      assert.match(rendered.text, /Address not found <b>unit 4B<\/b>\./);
      assert.ok(rendered.html?.includes('&lt;b&gt;unit 4B'), 'the note is escaped in HTML');
      assert.match(rendered.text, /DB Schenker/);

      // An exception older than the latest event: webhook and follow-up, but the customer is not emailed about the past.
      const later = await delivery();
      await ok(append(later.id, { id: 'd-1', type: 'delivered', occurredAt: ago(1) }));
      const old = await ok<AppendDeliveryEventResult>(append(later.id, { id: 'x-old', type: 'exception', occurredAt: ago(3), note: 'Was delayed at customs.' }));
      assert.equal(old.delivery.status, 'delivered');
      assert.equal((await exceptionHooks(later.id)).length, 1);
      assert.equal((await followUps(later.id)).length, 1);
      assert.equal((await exceptionEmails(later.trackingReference)).length, 0);
    });

    test('bulk events: stored, duplicate and conflict per event; any invalid event refuses the whole batch', async () => {
      const one = await delivery();
      const two = await delivery(globex.customerId);
      await ok(append(one.id, { id: 'b-0', type: 'scheduled', occurredAt: ago(10) }));
      const firstAt = (await storedEvents(one.id))[0]!.occurred_at;
      const sixAgo = ago(6);
      const answer = await ok<AppendDeliveryEventsResult>(
        bulk([
          { deliveryId: one.id, id: 'b-0', type: 'scheduled', occurredAt: firstAt },
          { deliveryId: one.id, id: 'b-1', type: 'dispatched', occurredAt: sixAgo },
          { deliveryId: two.id, id: 'b-1', type: 'delivered', occurredAt: ago(1) },
          { deliveryId: one.id, id: 'b-1', type: 'dispatched', occurredAt: sixAgo },
          { deliveryId: one.id, id: 'b-0', type: 'in_transit', occurredAt: ago(4) },
          { deliveryId: one.id, id: 'b-2', type: 'in_transit', occurredAt: ago(4) },
        ]),
      );
      assert.deepEqual(answer.results.map((outcome) => outcome.result), ['duplicate', 'stored', 'stored', 'duplicate', 'conflict', 'stored']);
      assert.deepEqual(answer.results.map((outcome) => outcome.index), [0, 1, 2, 3, 4, 5]);
      assert.deepEqual([answer.stored, answer.duplicates, answer.conflicts], [3, 2, 1]);
      const oneNow = await ok<Delivery>(team('GET', `/v1/workspace/deliveries/${one.id}`));
      assert.deepEqual(oneNow.events.map((event) => event.id), ['b-0', 'b-1', 'b-2']);
      assert.equal(oneNow.status, 'in_transit');
      assert.equal((await ok<Delivery>(team('GET', `/v1/workspace/deliveries/${two.id}`))).status, 'delivered');

      // All or nothing: one bad event (and an unknown delivery) refuse the batch, each fault listed.
      const bad = await refused(
        bulk([
          { deliveryId: one.id, id: 'b-3', type: 'delivered', occurredAt: ago(1) },
          { deliveryId: one.id, id: 'b-4', type: 'exception', occurredAt: ago(1) },
          { deliveryId: newId('dlv'), id: 'b-5', type: 'delivered', occurredAt: ago(1) },
          { deliveryId: one.id, id: 'tab\there', type: 'delivered', occurredAt: new Date(Date.now() + 2 * HOUR).toISOString() },
        ]),
        422,
        'exception_note_required',
      );
      assert.deepEqual(bad.errors?.map((error) => error.field), ['body.events[1].note', 'body.events[2].deliveryId', 'body.events[3].id', 'body.events[3].occurredAt']);
      assert.deepEqual((await storedEvents(one.id)).map((row) => row.external_id).sort(), ['b-0', 'b-1', 'b-2']);
      // Another workspace's delivery is unknown here, and nothing is stored.
      const theirs = await delivery(initech.customerId, {}, teamB);
      await refused(bulk([{ deliveryId: theirs.id, id: 'z', type: 'delivered', occurredAt: ago(1) }]), 422, 'delivery_not_found');
      assert.equal((await storedEvents(theirs.id)).length, 0);
      await refused(bulk([]), 400, 'validation_failed', 'an empty batch');
      await refused(bulk(Array.from({ length: 501 }, (_, index) => ({ deliveryId: one.id, id: `many-${index}`, type: 'in_transit', occurredAt: ago(1) }))), 400, 'validation_failed', 'over 500');
      const full = await ok<AppendDeliveryEventsResult>(bulk(Array.from({ length: 500 }, (_, index) => ({ deliveryId: two.id, id: `many-${index}`, type: 'in_transit', occurredAt: ago(2 + index / 1000) }))));
      assert.equal(full.stored, 500);
      assert.equal((await ok<Delivery>(team('GET', `/v1/workspace/deliveries/${two.id}`))).status, 'delivered', 'older events leave the status alone');
    });

    test('event input rules answer problem+json with stable codes', async () => {
      const created = await delivery();
      const base = { id: 'v-1', type: 'in_transit', occurredAt: ago(1) };
      await refused(append(created.id, { ...base, id: '' }), 422, 'event_id_invalid');
      await refused(append(created.id, { ...base, id: '   ' }), 422, 'event_id_invalid');
      await refused(append(created.id, { ...base, id: 'line\nbreak' }), 422, 'event_id_invalid');
      await refused(append(created.id, { ...base, id: 'x'.repeat(201) }), 422, 'event_id_invalid');
      await refused(append(created.id, { ...base, id: 'nul\u0000' }), 400, 'invalid_characters');
      await refused(append(created.id, { ...base, note: 'n'.repeat(1001) }), 422, 'note_too_long');
      await refused(append(created.id, { ...base, location: 'l'.repeat(201) }), 422, 'location_too_long');
      await refused(append(created.id, { ...base, note: 'n'.repeat(6000) }), 400, 'validation_failed');
      await refused(append(created.id, { ...base, occurredAt: 'yesterday' }), 400, 'validation_failed');
      await refused(append(created.id, { ...base, occurredAt: new Date(Date.now() + HOUR).toISOString() }), 422, 'occurred_at_in_future');
      await refused(append(created.id, { ...base, type: 'pending' }), 400, 'validation_failed', 'pending is no event');
      await refused(append(created.id, { ...base, extra: 1 }), 400, 'validation_failed');
      assert.equal((await storedEvents(created.id)).length, 0);
      // Printable text of any script is a valid id, kept exactly.
      const unicode = await ok<AppendDeliveryEventResult>(append(created.id, { ...base, id: 'Sendung №42 · 🚚' }));
      assert.equal(unicode.event.id, 'Sendung №42 · 🚚');
      await refused(append(newId('dlv'), base), 404, 'not_found');
    });

    test("the portal lists the customer's deliveries newest activity first and never another customer's", async () => {
      const fresh = await t.newWorkspace('Workspace C');
      const c = await customerWithContact(t.app, fresh.apiKey, 'Umbrella');
      const other = await customerWithContact(t.app, fresh.apiKey, 'Hooli');
      const teamC = bearer(t.app, fresh.apiKey);
      const portalC = bearer(t.app, (await signInContact(t.app, fresh.apiKey, c.contactId)).accessToken);
      const made: Delivery[] = [];
      const pause = () => new Promise((resolve) => setTimeout(resolve, 3));
      // Apart in time, so that the order asserted is the times' and not the ids' tie-break.
      for (let i = 0; i < 5; i++) {
        made.push(await delivery(c.customerId, {}, teamC));
        await pause();
      }
      const theirs = await delivery(other.customerId, {}, teamC);
      // An event on the oldest one makes it the most recently active.
      await pause();
      await ok(append(made[0]!.id, { id: 'p-1', type: 'dispatched', occurredAt: ago(1) }, teamC));
      const seen: PortalDeliveryCard[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<PortalDeliveryCard> = await ok(portalC('GET', `/v1/portal/deliveries?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(seen.map((card) => card.id), [made[0]!.id, made[4]!.id, made[3]!.id, made[2]!.id, made[1]!.id]);
      assert.equal(seen[0]!.status, 'dispatched');
      assert.ok(!seen.some((card) => card.id === theirs.id));

      await refused(portalC('GET', `/v1/portal/deliveries/${theirs.id}`), 404, 'not_found', "another customer's delivery");
      await refused(globexPortal('GET', `/v1/portal/deliveries/${made[0]!.id}`), 404, 'not_found', "another workspace's delivery");
      await refused(teamB('GET', `/v1/workspace/deliveries/${made[0]!.id}`), 404, 'not_found');
      await refused(append(made[0]!.id, { id: 'p-2', type: 'delivered', occurredAt: ago(0.5) }, teamB), 404, 'not_found');
      await refused(portalC('GET', '/v1/portal/deliveries?cursor=nonsense'), 400, 'invalid_cursor');

      // The team's list: newest created first, filtered by customer and status.
      const all = await ok<Page<DeliverySummary>>(teamC('GET', '/v1/workspace/deliveries?limit=100'));
      assert.deepEqual(all.items.map((item) => item.id), [theirs.id, ...made.map((item) => item.id).reverse()]);
      const byCustomer = await ok<Page<DeliverySummary>>(teamC('GET', `/v1/workspace/deliveries?customerId=${other.customerId}`));
      assert.deepEqual(byCustomer.items.map((item) => item.id), [theirs.id]);
      const dispatched = await ok<Page<DeliverySummary>>(teamC('GET', '/v1/workspace/deliveries?status=dispatched'));
      assert.deepEqual(dispatched.items.map((item) => item.id), [made[0]!.id]);
      assert.ok(acmePortal);
    });
  });
}

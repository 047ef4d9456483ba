import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../sdk/errors.js';
import { setPortalLocale } from '../shared/localize.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { deliveryFixture, serveDeliveries } from '../test-support/deliveries.js';
import { buttonByText, part, parts, textOf } from '../test-support/dom.js';
import { PortalApiDouble } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import type { TabaDeliveryTimeline } from './taba-delivery-timeline.component.js';
import './taba-delivery-timeline.js';

before(async () => {
  await setPortalLocale('en-US');
});
after(async () => {
  await setPortalLocale();
});

function dateTime(timestamp: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(timestamp)).replace(/\s+/g, ' ');
}

async function renderTimeline(double: PortalApiDouble, deliveryId: string): Promise<TabaDeliveryTimeline> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-delivery-timeline delivery-id=${deliveryId}></taba-delivery-timeline>
    </test-portal-provider>
  `);
  return provider.querySelector('taba-delivery-timeline')!;
}

/** Each event as a reader takes it in: what, when, where, note. */
function eventsOf(timeline: TabaDeliveryTimeline): string[][] {
  return parts(timeline, 'event').map((event) =>
    ['event-type', 'event-time', 'event-location', 'event-note'].map((name) => textOf(event.querySelector(`[part~='${name}']`))),
  );
}

describe('<taba-delivery-timeline>', () => {
  it('shows a loading status, then the delivery and its events as an ordered list, oldest first', async () => {
    const double = new PortalApiDouble();
    const delivery = deliveryFixture({
      carrier: 'DHL Express',
      trackingReference: '1Z999AA10123456784',
      status: 'delivered',
      orderReference: 'PO-2026-118',
      events: [
        { id: 'dle_one', type: 'scheduled', occurredAt: '2026-11-29T08:00:00.000Z', location: '', note: 'Pick-up booked' },
        { id: 'dle_two', type: 'dispatched', occurredAt: '2026-11-30T16:00:00.000Z', location: 'Berlin depot', note: '' },
        { id: 'dle_three', type: 'in_transit', occurredAt: '2026-12-01T09:30:00.000Z', location: 'Leipzig hub', note: '' },
        { id: 'dle_four', type: 'delivered', occurredAt: '2026-12-02T14:05:00.000Z', location: 'Reception', note: 'Signed by J. Smith' },
      ],
    });
    serveDeliveries(double, [delivery]);
    const release = double.hold();
    const timeline = await renderTimeline(double, delivery.id);
    expect(textOf(part(timeline, 'loading'))).to.equal('Loading delivery…');
    await expectAccessible(timeline, 'loading');
    release();
    await waitUntil(() => part(timeline, 'title'), 'delivery shown');

    expect(textOf(part(timeline, 'title'))).to.equal('DHL Express 1Z999AA10123456784');
    expect(textOf(part(timeline, 'status'))).to.equal('Delivered');
    expect(textOf(part(timeline, 'invoice'))).to.equal('Invoice INV-0004');
    expect(textOf(part(timeline, 'order'))).to.equal('Order PO-2026-118');
    expect(part(timeline, 'problem'), 'no problem notice').to.equal(null);
    const list = part(timeline, 'timeline')!;
    expect(list.localName, 'an ordered list').to.equal('ol');
    expect(list.getAttribute('aria-labelledby')).to.equal('timeline-heading');
    expect(textOf(timeline.shadowRoot!.getElementById('timeline-heading'))).to.equal('Tracking history, oldest first');
    expect(eventsOf(timeline)).to.deep.equal([
      ['Delivery scheduled', dateTime('2026-11-29T08:00:00.000Z'), '', 'Pick-up booked'],
      ['Dispatched', dateTime('2026-11-30T16:00:00.000Z'), 'at Berlin depot', ''],
      ['In transit', dateTime('2026-12-01T09:30:00.000Z'), 'at Leipzig hub', ''],
      ['Delivered', dateTime('2026-12-02T14:05:00.000Z'), 'at Reception', 'Signed by J. Smith'],
    ]);
    expect(parts(timeline, 'event-time')[0]!.getAttribute('datetime')).to.equal('2026-11-29T08:00:00.000Z');
    await expectAccessible(timeline, 'loaded');
  });

  it('says a problem in words: a notice at the top and "Delivery problem" with the note on the event', async () => {
    const double = new PortalApiDouble();
    const delivery = deliveryFixture({
      status: 'exception',
      events: [
        { id: 'dle_one', type: 'in_transit', occurredAt: '2026-12-01T09:30:00.000Z', location: 'Leipzig hub', note: '' },
        { id: 'dle_two', type: 'exception', occurredAt: '2026-12-02T07:00:00.000Z', location: 'Dresden', note: 'Address not found' },
      ],
    });
    serveDeliveries(double, [delivery]);
    const timeline = await renderTimeline(double, delivery.id);
    await waitUntil(() => part(timeline, 'title'), 'delivery shown');

    expect(textOf(part(timeline, 'status'))).to.equal('Delivery problem');
    expect(textOf(part(timeline, 'problem'))).to.equal('There is a problem with this delivery. Address not found');
    const exception = parts(timeline, 'event')[1]!;
    expect(exception.getAttribute('part')).to.equal('event event-exception');
    expect(eventsOf(timeline)[1]).to.deep.equal(['Delivery problem', dateTime('2026-12-02T07:00:00.000Z'), 'at Dresden', 'Problem: Address not found']);
    expect(getComputedStyle(exception.querySelector("[part~='event-type']")!).color, 'and in colour too').to.equal('rgb(180, 35, 24)');
    await expectAccessible(timeline, 'exception');
  });

  it('says so when there is no tracking event yet', async () => {
    const double = new PortalApiDouble();
    const delivery = deliveryFixture({ status: 'pending', lastEventAt: null, events: [] });
    serveDeliveries(double, [delivery]);
    const timeline = await renderTimeline(double, delivery.id);
    await waitUntil(() => part(timeline, 'empty'), 'empty state');
    expect(textOf(part(timeline, 'empty'))).to.equal('No tracking updates yet.');
    expect(part(timeline, 'empty')!.getAttribute('role')).to.equal('status');
    expect(part(timeline, 'timeline')).to.equal(null);
    expect(textOf(part(timeline, 'status'))).to.equal('Pending');
    await expectAccessible(timeline, 'no events');
  });

  it('shows an alert with Retry when loading fails, and recovers by keyboard', async () => {
    const double = new PortalApiDouble();
    const delivery = deliveryFixture({ carrier: 'UPS' });
    serveDeliveries(double, [delivery]);
    double.failNext('retrievePortalDelivery', new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable' }));
    const timeline = await renderTimeline(double, delivery.id);
    timeline.focus();
    await waitUntil(() => part(timeline, 'error'), 'error state');
    expect(part(timeline, 'error')!.getAttribute('role')).to.equal('alert');
    expect(textOf(part(timeline, 'error'))).to.contain('Could not load this delivery.');
    await expectAccessible(timeline, 'error');
    await waitUntil(() => timeline.shadowRoot!.activeElement === part(timeline, 'retry'), 'focus on Retry');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(timeline, 'title'), 'loaded after retry');
    expect(textOf(part(timeline, 'title'))).to.contain('UPS');
  });

  it('says a delivery that is not the customer\'s was not found', async () => {
    const double = new PortalApiDouble();
    serveDeliveries(double, [deliveryFixture()]);
    const timeline = await renderTimeline(double, 'dlv_someoneelse');
    await waitUntil(() => part(timeline, 'error'), 'error state');
    expect(textOf(part(timeline, 'error'))).to.contain('Delivery not found');
    expect(buttonByText(timeline, 'Retry')).not.to.equal(null);
  });

  it('focuses its heading once shown, when asked to while loading', async () => {
    const double = new PortalApiDouble();
    const delivery = deliveryFixture();
    serveDeliveries(double, [delivery]);
    const release = double.hold();
    const timeline = await renderTimeline(double, delivery.id);
    timeline.focus();
    release();
    await waitUntil(() => timeline.shadowRoot!.activeElement === part(timeline, 'title'), 'heading focused');
  });
});

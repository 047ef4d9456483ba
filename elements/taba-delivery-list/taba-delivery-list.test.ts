import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../sdk/errors.js';
import { setPortalLocale } from '../shared/localize.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { deliveryCardOf, deliveryFixture, serveDeliveries } from '../test-support/deliveries.js';
import { buttonByText, part, parts, textOf } from '../test-support/dom.js';
import { PortalApiDouble } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import type { TabaDeliveryList } from './taba-delivery-list.component.js';
import './taba-delivery-list.js';

before(async () => {
  await setPortalLocale('en-US');
});
after(async () => {
  await setPortalLocale();
});

/** Date and time as the element shows it (the reader's time zone). */
function dateTime(timestamp: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(timestamp)).replace(/\s+/g, ' ');
}

function cell(card: Element | undefined, name: string): string {
  return textOf(card?.querySelector(`[part~='${name}']`));
}

async function renderList(double: PortalApiDouble, pageSize = 20): Promise<TabaDeliveryList> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-delivery-list page-size=${pageSize}></taba-delivery-list>
    </test-portal-provider>
  `);
  return provider.querySelector('taba-delivery-list')!;
}

async function cardsOf(list: TabaDeliveryList, count: number): Promise<HTMLElement[]> {
  await waitUntil(() => parts(list, 'card').length === count, `expected ${count} cards`);
  return parts(list, 'card');
}

describe('<taba-delivery-list>', () => {
  it('shows a loading status, then one card per delivery with carrier, tracking reference, status, what it is for and the last update', async () => {
    const double = new PortalApiDouble();
    serveDeliveries(double, [
      deliveryFixture({ carrier: 'DHL Express', trackingReference: '1Z999AA10123456784', status: 'in_transit', invoiceNumber: 'INV-0004', lastEventAt: '2026-12-01T09:30:00.000Z' }),
      deliveryFixture({
        carrier: 'UPS',
        trackingReference: 'UPS-777',
        status: 'exception',
        invoiceId: null,
        invoiceNumber: null,
        estimateId: 'est_k3x9q2m7p4t8v6w5y2z3',
        estimateNumber: 'EST-0002',
        orderReference: 'PO-2026-118',
      }),
      deliveryFixture({ carrier: 'Local courier', status: 'pending', invoiceId: null, invoiceNumber: null, orderReference: 'PO-9', lastEventAt: null, createdAt: '2026-11-28T12:00:00.000Z', events: [] }),
    ]);
    const release = double.hold();
    const list = await renderList(double);
    expect(textOf(part(list, 'loading'))).to.equal('Loading deliveries…');
    expect(part(list, 'loading')!.getAttribute('role')).to.equal('status');
    await expectAccessible(list, 'loading');
    release();

    const [dhl, ups, local] = await cardsOf(list, 3);
    expect(cell(dhl, 'title')).to.equal('DHL Express');
    expect(dhl!.querySelector("[part~='title']")!.localName).to.equal('h3');
    expect(cell(dhl, 'tracking')).to.equal('Tracking reference 1Z999AA10123456784');
    expect(cell(dhl, 'status')).to.equal('In transit');
    expect(dhl!.querySelector("[part~='status']")!.getAttribute('part')).to.equal('status status-in-transit');
    expect(cell(dhl, 'invoice')).to.equal('Invoice INV-0004');
    expect(dhl!.querySelector("[part~='estimate']"), 'no estimate, no line').to.equal(null);
    expect(cell(dhl, 'updated')).to.equal(`Last update ${dateTime('2026-12-01T09:30:00.000Z')}`);
    expect(cell(dhl, 'select')).to.equal('View tracking DHL Express 1Z999AA10123456784');

    expect(cell(ups, 'status'), 'a problem in words, not colour alone').to.equal('Delivery problem');
    expect(ups!.querySelector("[part~='status']")!.getAttribute('part')).to.equal('status status-exception');
    expect(cell(ups, 'estimate')).to.equal('Estimate EST-0002');
    expect(cell(ups, 'order')).to.equal('Order PO-2026-118');
    expect(ups!.querySelector("[part~='invoice']")).to.equal(null);

    expect(cell(local, 'status')).to.equal('Pending');
    expect(cell(local, 'updated'), 'before any event: when it was recorded').to.equal(`Recorded ${dateTime('2026-11-28T12:00:00.000Z')}`);
    await expectAccessible(list, 'loaded');
  });

  it('says so when there are no deliveries', async () => {
    const list = await renderList(new PortalApiDouble());
    await waitUntil(() => part(list, 'empty'), 'empty state');
    expect(textOf(part(list, 'empty'))).to.equal('No deliveries yet');
    expect(part(list, 'empty')!.getAttribute('role')).to.equal('status');
    expect(part(list, 'list')).to.equal(null);
    await expectAccessible(list, 'empty');
  });

  it('shows an alert with the reason and a Retry button when loading fails, and recovers', async () => {
    const double = new PortalApiDouble();
    serveDeliveries(double, [deliveryFixture({ carrier: 'DHL Express' })]);
    double.failNext('listPortalDeliveries', new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable' }));
    const list = await renderList(double);
    await waitUntil(() => part(list, 'error'), 'error state');
    expect(part(list, 'error')!.getAttribute('role')).to.equal('alert');
    expect(textOf(part(list, 'error'))).to.contain('Could not load your deliveries.');
    await expectAccessible(list, 'error');
    buttonByText(list, 'Retry')!.click();
    const [card] = await cardsOf(list, 1);
    expect(cell(card, 'title')).to.equal('DHL Express');
  });

  it('tells which delivery was chosen, by keyboard, and loads further pages with focus on the first new card', async () => {
    const double = new PortalApiDouble();
    const deliveries = [deliveryFixture({ carrier: 'First' }), deliveryFixture({ carrier: 'Second' }), deliveryFixture({ carrier: 'Third' })];
    serveDeliveries(double, deliveries);
    const list = await renderList(double, 2);
    const [first] = await cardsOf(list, 2);

    first!.querySelector<HTMLButtonElement>("[part~='select']")!.focus();
    const chosen = oneEvent(list, 'taba-delivery-select');
    await sendKeys({ press: 'Enter' });
    const event = await chosen;
    expect(event.detail.delivery).to.deep.equal(deliveryCardOf(deliveries[0]!));
    expect(event.bubbles && event.composed, 'reaches the page').to.equal(true);

    part<HTMLButtonElement>(list, 'load-more')!.focus();
    await sendKeys({ press: 'Enter' });
    const cards = await cardsOf(list, 3);
    expect(cell(cards[2], 'title')).to.equal('Third');
    await waitUntil(() => list.shadowRoot!.activeElement === cards[2]!.querySelector("[part~='select']"), 'focus on the first new card');
    expect(part(list, 'load-more'), 'no further pages').to.equal(null);
  });
});

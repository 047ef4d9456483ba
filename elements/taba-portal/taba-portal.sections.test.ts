import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { PORTAL_SECTIONS, deliveriesSection, type PortalSection, type PortalSectionDefinition } from '../sections/index.js';
import { isSectionLoaded, loadSection } from '../sections/loader.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { deliveryFixture, serveDeliveries } from '../test-support/deliveries.js';
import { buttonByText, hasFocus, part, parts, textOf } from '../test-support/dom.js';
import { stopWatchingHistory } from '../test-support/history.js';
import { PortalApiDouble } from '../test-support/portal-api-double.js';
import type { TabaPortal } from './taba-portal.component.js';
import './taba-portal.js';

function view<K extends keyof HTMLElementTagNameMap>(portal: TabaPortal, tag: K): HTMLElementTagNameMap[K] | null {
  return portal.shadowRoot!.querySelector(tag);
}

function navItem(portal: TabaPortal, section: PortalSection): HTMLButtonElement {
  return parts<HTMLButtonElement>(portal, 'nav-item')[PORTAL_SECTIONS.findIndex((entry) => entry.id === section)]!;
}

/** A section's `load` the test settles itself, counting its calls; resolving runs the real one. */
function controlledLoad(section: PortalSectionDefinition) {
  const real = section.load;
  const calls: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  section.load = () =>
    new Promise((resolve, reject) => {
      calls.push({ resolve: () => resolve(real.call(section)), reject });
    });
  return { calls, restore: () => (section.load = real) };
}

/** Idle callbacks the browser would run later, held so that a test decides when "idle" is. */
let idle: (() => void)[] = [];
const realRequestIdleCallback = window.requestIdleCallback;
const realLoads = new Map(PORTAL_SECTIONS.map((section) => [section, section.load] as const));

beforeEach(() => {
  idle = [];
  window.requestIdleCallback = (callback: IdleRequestCallback) => {
    idle.push(() => callback({ didTimeout: false, timeRemaining: () => 50 }));
    return idle.length;
  };
});

afterEach(() => {
  window.requestIdleCallback = realRequestIdleCallback;
  for (const [section, load] of realLoads) (section as PortalSectionDefinition).load = load;
});

describe('<taba-portal> sections loaded on demand', () => {
  it("loads a section's elements the first time it is shown, saying so meanwhile, and only once", async function () {
    // Two axe runs (light and dark) and a section's first load on a busy machine.
    this.timeout(10_000);
    const double = new PortalApiDouble();
    serveDeliveries(double, [deliveryFixture({ carrier: 'DHL Express' })]);
    const deliveries = controlledLoad(deliveriesSection);
    const portal = await fixture<TabaPortal>(html`<taba-portal .client=${double}></taba-portal>`);
    expect(deliveries.calls, 'not loaded before it is shown').to.have.length(0);

    navItem(portal, 'deliveries').click();
    await waitUntil(() => part(portal, 'section-loading'), 'loading status');
    expect(textOf(part(portal, 'heading'))).to.equal('Deliveries');
    expect(textOf(part(portal, 'section-loading'))).to.equal('Loading…');
    expect(part(portal, 'section-loading')!.getAttribute('role')).to.equal('status');
    expect(view(portal, 'taba-delivery-list'), 'nothing rendered before its elements are in').to.equal(null);
    expect(deliveries.calls).to.have.length(1);
    await expectAccessible(portal, 'section loading');

    const shown = portal.updateComplete;
    deliveries.calls[0]!.resolve();
    await shown;
    // updateComplete waited for the chunk and the render that followed.
    const list = view(portal, 'taba-delivery-list')!;
    expect(list, 'the section shows once loaded').not.to.equal(null);
    expect(customElements.get('taba-delivery-list'), 'and its elements are defined').not.to.equal(undefined);
    expect(part(portal, 'section-loading')).to.equal(null);
    await waitUntil(() => parts(list, 'card').length === 1, 'deliveries listed');

    navItem(portal, 'proposals').click();
    await portal.updateComplete;
    navItem(portal, 'deliveries').click();
    await portal.updateComplete;
    expect(view(portal, 'taba-delivery-list')).not.to.equal(null);
    expect(deliveries.calls, 'loaded once').to.have.length(1);
  });

  it('shows an alert with Retry when a chunk fails to load, and Retry loads it', async function () {
    // Two axe runs (light and dark) and a section's first load on a busy machine.
    this.timeout(10_000);
    const double = new PortalApiDouble();
    const deliveries = controlledLoad(deliveriesSection);
    const portal = await fixture<TabaPortal>(html`<taba-portal .client=${double}></taba-portal>`);
    navItem(portal, 'deliveries').click();
    await waitUntil(() => deliveries.calls.length === 1, 'load started');
    deliveries.calls[0]!.reject(new TypeError('Failed to fetch dynamically imported module: https://portal.example/portal/assets/chunks/deliveries.js'));
    await waitUntil(() => part(portal, 'section-failed'), 'failure shown');

    const alert = part(portal, 'section-failed')!.querySelector("[part~='error']")!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(textOf(alert)).to.contain('This part of the portal could not be loaded.');
    expect(textOf(part(portal, 'heading')), 'still says where the contact is').to.equal('Deliveries');
    expect(view(portal, 'taba-delivery-list')).to.equal(null);
    await expectAccessible(portal, 'section failed');

    buttonByText(portal, 'Retry')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deliveries.calls.length === 2, 'loaded again');
    expect(textOf(part(portal, 'section-loading'))).to.equal('Loading…');
    deliveries.calls[1]!.resolve();
    await waitUntil(() => view(portal, 'taba-delivery-list'), 'section shown after Retry');
    expect(part(portal, 'section-failed')).to.equal(null);
    await waitUntil(() => hasFocus(portal, 'heading'), 'focus on the heading, not lost with the Retry button');
  });

  it('loads every other section when the browser is idle after the first one showed', async function () {
    // The test server compiles each section's modules on first import: give it time.
    this.timeout(20_000);
    const loads = PORTAL_SECTIONS.filter((section) => section.id !== 'proposals').map((section) => ({
      section,
      ...controlledLoad(section),
    }));
    const portal = await fixture<TabaPortal>(html`<taba-portal section="proposals" .client=${new PortalApiDouble()}></taba-portal>`);
    expect(view(portal, 'taba-proposal-list')).not.to.equal(null);
    expect(loads.every(({ calls }) => calls.length === 0), 'nothing before idle').to.equal(true);
    expect(idle.length, 'asked to be called when idle').to.be.greaterThan(0);

    for (const callback of idle.splice(0)) callback();
    expect(loads.map(({ section, calls }) => [section.id, calls.length])).to.deep.equal(loads.map(({ section }) => [section.id, 1]));
    for (const { calls } of loads) calls[0]!.resolve();
    // The loads the idle callback started; each chunk takes a moment to fetch.
    await Promise.all(loads.map(({ section }) => loadSection(section)));
    expect(loads.filter(({ section }) => !isSectionLoaded(section)).map(({ section }) => section.id)).to.deep.equal([]);
    expect(loads.map(({ calls }) => calls.length), 'no second load').to.deep.equal(loads.map(() => 1));

    navItem(portal, 'statements').click();
    await portal.updateComplete;
    expect(part(portal, 'section-loading'), 'a prefetched section shows at once').to.equal(null);
    expect(view(portal, 'taba-statement')).not.to.equal(null);
  });
});

describe('<taba-portal routing="hash"> Deliveries', () => {
  let start: string;

  beforeEach(() => {
    start = `${location.pathname}${location.search}`;
    history.replaceState(null, '', start);
  });

  afterEach(() => {
    stopWatchingHistory();
    history.replaceState(null, '', start);
  });

  it('opens a deep link #/deliveries/dlv_… on its timeline, with Back to the list', async () => {
    const double = new PortalApiDouble();
    const parcel = deliveryFixture({ carrier: 'UPS', trackingReference: 'UPS-777' });
    serveDeliveries(double, [deliveryFixture({ carrier: 'DHL Express' }), parcel]);
    history.replaceState(null, '', `${start}#/deliveries/${parcel.id}`);
    const portal = await fixture<TabaPortal>(html`<taba-portal routing="hash" .client=${double}></taba-portal>`);
    expect(portal.section).to.equal('deliveries');
    const timeline = view(portal, 'taba-delivery-timeline')!;
    expect(timeline.deliveryId).to.equal(parcel.id);
    expect(view(portal, 'taba-delivery-list')!.hidden).to.equal(true);
    await waitUntil(() => textOf(part(timeline, 'title')) === 'UPS UPS-777', 'timeline shown');

    buttonByText(portal, 'Back to deliveries')!.click();
    await portal.updateComplete;
    expect(location.hash).to.equal('#/deliveries');
    const list = view(portal, 'taba-delivery-list')!;
    await waitUntil(() => parts(list, 'card').length === 2, 'deliveries listed');
    part<HTMLButtonElement>(list, 'select')!.click();
    await portal.updateComplete;
    expect(location.hash).to.match(/^#\/deliveries\/dlv_/);
    await waitUntil(() => hasFocus(view(portal, 'taba-delivery-timeline')!, 'title'), 'focus on the opened delivery');
  });
});

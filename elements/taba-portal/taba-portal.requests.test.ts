import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { PORTAL_SECTIONS, type PortalSection } from '../sections/index.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, hasFocus, part, parts, textOf } from '../test-support/dom.js';
import { PortalApiDouble } from '../test-support/portal-api-double.js';
import { RequestDesk, requestFixture, requestItemFixture } from '../test-support/request-desk.js';
import type { TabaPortal } from './taba-portal.component.js';
import './taba-portal.js';

function view<K extends keyof HTMLElementTagNameMap>(portal: TabaPortal, tag: K): HTMLElementTagNameMap[K] | null {
  return portal.shadowRoot!.querySelector(tag);
}

function navItem(portal: TabaPortal, section: PortalSection): HTMLButtonElement {
  return parts<HTMLButtonElement>(portal, 'nav-item')[PORTAL_SECTIONS.findIndex((entry) => entry.id === section)]!;
}

function seeded() {
  const double = new PortalApiDouble();
  const vat = requestFixture({
    title: 'VAT registration',
    status: 'sent',
    items: [requestItemFixture({ prompt: 'What is your VAT number?' }), requestItemFixture({ kind: 'file', prompt: 'Your certificate' })],
  });
  const done = requestFixture({ title: 'Old paperwork', status: 'completed', items: [requestItemFixture({ state: 'accepted' })] });
  const desk = new RequestDesk(double, [vat, done]);
  return { double, desk, vat, done };
}

/** Puts `hash` in the address without a history entry or an event, as a page loaded with it has. */
function loadWith(hash: string): void {
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}

describe('<taba-portal> Requests', () => {
  let start: string;

  beforeEach(() => {
    start = `${location.pathname}${location.search}`;
    loadWith('');
  });

  afterEach(() => {
    history.replaceState(null, '', start);
  });

  it('has Requests after Proposals in its navigation, with its heading and the Open tab', async () => {
    const { double } = seeded();
    const portal = await fixture<TabaPortal>(html`<taba-portal .client=${double}></taba-portal>`);
    const labels = parts(portal, 'nav-item').map(textOf);
    expect(labels.indexOf('Requests')).to.equal(labels.indexOf('Proposals') + 1);

    navItem(portal, 'requests').click();
    await portal.updateComplete;
    expect(textOf(part(portal, 'heading'))).to.equal('Requests');
    expect(navItem(portal, 'requests').getAttribute('aria-current')).to.equal('page');
    const list = view(portal, 'taba-request-list')!;
    await waitUntil(() => parts(list, 'card').length === 1, 'open requests listed');
    expect(textOf(part(list, 'progress-text'))).to.equal('0 of 2 accepted');
  });

  it('opens a request from its card with focus on it; Back returns to a refreshed list with what was answered', async () => {
    const { double, vat } = seeded();
    const portal = await fixture<TabaPortal>(html`<taba-portal section="requests" .client=${double}></taba-portal>`);
    const list = view(portal, 'taba-request-list')!;
    await waitUntil(() => parts(list, 'card').length === 1, 'listed');

    part<HTMLButtonElement>(list, 'open')!.click();
    await portal.updateComplete;
    expect(list.hidden, 'the list steps aside').to.equal(true);
    const detail = view(portal, 'taba-request-detail')!;
    expect(detail.requestId).to.equal(vat.id);
    await waitUntil(() => hasFocus(detail, 'title'), 'focus on the request’s heading');

    const input = part<HTMLTextAreaElement>(detail, 'answer-input')!;
    input.value = 'GB123456789';
    input.dispatchEvent(new Event('input'));
    await detail.updateComplete;
    part<HTMLButtonElement>(detail, 'send')!.click();
    await waitUntil(() => textOf(part(detail, 'state')) === 'Under review', 'answered');

    buttonByText(portal, 'Back to requests')!.click();
    await portal.updateComplete;
    expect(view(portal, 'taba-request-detail')).to.equal(null);
    expect(list.hidden).to.equal(false);
    await waitUntil(() => portal.shadowRoot!.activeElement === part(portal, 'heading'), 'focus on the heading');
    await waitUntil(() => textOf(part(list, 'status')) === 'In Progress', 'the list shows the answer');
  });

  it('works by keyboard alone: navigation, the Completed tab, a request card, and Back', async function () {
    this.timeout(10_000);
    const { double } = seeded();
    const portal = await fixture<TabaPortal>(html`<taba-portal .client=${double}></taba-portal>`);
    const index = PORTAL_SECTIONS.findIndex((entry) => entry.id === 'requests');
    for (let press = 0; press <= index; press++) await sendKeys({ press: 'Tab' });
    expect(textOf(portal.shadowRoot!.activeElement)).to.equal('Requests');
    await sendKeys({ press: 'Enter' });
    const list = view(portal, 'taba-request-list')!;
    await waitUntil(() => parts(list, 'card').length === 1, 'listed');

    // Focus moved to the new page's heading: the next stop is the open tab, then the Completed tab and its request.
    await waitUntil(() => hasFocus(portal, 'heading'), 'focus on the Requests heading');
    await sendKeys({ press: 'Tab' });
    expect(textOf(list.shadowRoot!.activeElement)).to.equal('Open');
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => textOf(part(list, 'name')).endsWith('Old paperwork'), 'completed requests');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    const detail = view(portal, 'taba-request-detail')!;
    await waitUntil(() => hasFocus(detail, 'title'), 'focus on the request');
    expect(textOf(part(detail, 'closed'))).to.contain('completed');

    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(hasFocus(portal, 'back'), 'focus on Back to requests').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => hasFocus(portal, 'heading'), 'back on the Requests heading');
  });

  it('opens a deep link #/requests/<id> directly, and the browser’s Back returns to the list', async () => {
    const { double, vat } = seeded();
    loadWith(`#/requests/${vat.id}`);
    const portal = await fixture<TabaPortal>(html`<taba-portal routing="hash" .client=${double}></taba-portal>`);
    expect(portal.section).to.equal('requests');
    expect(navItem(portal, 'requests').getAttribute('aria-current')).to.equal('page');
    const detail = view(portal, 'taba-request-detail')!;
    expect(detail.requestId).to.equal(vat.id);
    expect(view(portal, 'taba-request-list')!.hidden).to.equal(true);
    await waitUntil(() => textOf(part(detail, 'title')).endsWith('VAT registration'), 'request shown');

    buttonByText(portal, 'Back to requests')!.click();
    await portal.updateComplete;
    expect(location.hash).to.equal('#/requests');
    const moved = new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
    history.back();
    await moved;
    await portal.updateComplete;
    expect(view(portal, 'taba-request-detail')?.requestId, 'Back reopens the request').to.equal(vat.id);

    loadWith('#/requests');
    const listed = await fixture<TabaPortal>(html`<taba-portal routing="hash" .client=${double}></taba-portal>`);
    expect(listed.section).to.equal('requests');
    await waitUntil(() => part(view(listed, 'taba-request-list')!, 'card'), 'list shown');
  });
});

describe('<taba-portal> Requests accessibility (WCAG 2.2 AA)', () => {
  it('has no violations on the request list and an open request', async function () {
    this.timeout(20_000);
    const { double } = seeded();
    const portal = await fixture<TabaPortal>(html`<taba-portal section="requests" .client=${double}></taba-portal>`);
    const list = view(portal, 'taba-request-list')!;
    await waitUntil(() => parts(list, 'card').length === 1, 'listed');
    await expectAccessible(portal, 'request list');

    part<HTMLButtonElement>(list, 'open')!.click();
    await portal.updateComplete;
    await waitUntil(() => part(view(portal, 'taba-request-detail')!, 'title'), 'request shown');
    await expectAccessible(portal, 'request open');
  });
});

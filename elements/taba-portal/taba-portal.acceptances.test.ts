import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { PORTAL_SECTIONS, type PortalSection } from '../sections/index.js';
import { acceptanceFixture, serveAcceptances } from '../test-support/acceptances.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, hasFocus, part, parts, textOf } from '../test-support/dom.js';
import { stopWatchingHistory, watchHistory } from '../test-support/history.js';
import { PortalApiDouble } from '../test-support/portal-api-double.js';
import type { TabaPortal } from './taba-portal.component.js';
import './taba-portal.js';

function view<K extends keyof HTMLElementTagNameMap>(portal: TabaPortal, tag: K): HTMLElementTagNameMap[K] | null {
  return portal.shadowRoot!.querySelector(tag);
}

function sectionIndex(section: PortalSection): number {
  return PORTAL_SECTIONS.findIndex((entry) => entry.id === section);
}

function navItem(portal: TabaPortal, section: PortalSection): HTMLButtonElement {
  return parts<HTMLButtonElement>(portal, 'nav-item')[sectionIndex(section)]!;
}

function seeded() {
  const double = new PortalApiDouble();
  const sow = acceptanceFixture({ title: 'Statement of work', expiresSoon: true });
  const terms = acceptanceFixture({ title: 'Terms', status: 'accepted', acceptedAt: '2026-11-05T15:00:00.000Z', acceptedName: 'Ada Lovelace' });
  const server = serveAcceptances(double, [sow, terms]);
  return { double, server, sow, terms };
}

async function typeAndTick(review: HTMLElementTagNameMap['taba-acceptance-review'], name: string): Promise<void> {
  part<HTMLInputElement>(review, 'full-name')!.focus();
  await sendKeys({ type: name });
  part<HTMLInputElement>(review, 'confirm')!.click();
  await review.updateComplete;
}

describe('<taba-portal> Acceptances', () => {
  it('has Acceptances in its navigation after Proposals and before Messages, with its heading', async function () {
    // The first portal of the page loads the Home and Acceptances sections' elements: slow on a busy machine.
    this.timeout(10_000);
    const { double } = seeded();
    const portal = await fixture<TabaPortal>(html`<taba-portal .client=${double}></taba-portal>`);
    const labels = parts(portal, 'nav-item').map(textOf);
    expect(labels.indexOf('Acceptances')).to.be.greaterThan(labels.indexOf('Proposals'));
    expect(labels.indexOf('Acceptances')).to.be.lessThan(labels.indexOf('Messages'));

    navItem(portal, 'acceptances').click();
    await portal.updateComplete;
    expect(textOf(part(portal, 'heading'))).to.equal('Acceptances');
    expect(navItem(portal, 'acceptances').getAttribute('aria-current')).to.equal('page');
    const list = view(portal, 'taba-acceptance-list')!;
    await waitUntil(() => parts(list, 'card').length === 2, 'acceptances listed');
  });

  it('opens an acceptance from "Review & Accept" with focus on it; accepting it and Back show the list refreshed', async () => {
    const { double, sow } = seeded();
    const portal = await fixture<TabaPortal>(html`<taba-portal section="acceptances" .client=${double}></taba-portal>`);
    const list = view(portal, 'taba-acceptance-list')!;
    await waitUntil(() => parts(list, 'card').length === 2, 'acceptances listed');

    part<HTMLButtonElement>(list, 'select')!.click();
    await portal.updateComplete;
    expect(list.hidden, 'the list steps aside').to.equal(true);
    const review = view(portal, 'taba-acceptance-review')!;
    expect(review.acceptanceId).to.equal(sow.id);
    await waitUntil(() => hasFocus(review, 'title'), 'focus on the acceptance’s heading');
    expect(textOf(part(review, 'title'))).to.equal('Statement of work');

    const listCalls = double.callsOf('listPortalAcceptances').length;
    await typeAndTick(review, 'Ada Lovelace');
    part<HTMLButtonElement>(review, 'accept')!.click();
    await waitUntil(() => part(review, 'outcome'), 'accepted');
    await waitUntil(() => double.callsOf('listPortalAcceptances').length === listCalls + 1, 'the list reloads');

    buttonByText(portal, 'Back to acceptances')!.click();
    await portal.updateComplete;
    expect(view(portal, 'taba-acceptance-review')).to.equal(null);
    expect(list.hidden).to.equal(false);
    await waitUntil(() => portal.shadowRoot!.activeElement === part(portal, 'heading'), 'focus on the heading');
    await waitUntil(() => textOf(parts(list, 'card')[0]!.querySelector("[part~='status']")) === 'Accepted', 'the list shows it accepted');
  });

  it('works by keyboard alone: navigation, a card, the review form, Accept, and Back', async function () {
    this.timeout(10_000);
    const { double } = seeded();
    const portal = await fixture<TabaPortal>(html`<taba-portal .client=${double}></taba-portal>`);
    for (let press = 0; press <= sectionIndex('acceptances'); press++) await sendKeys({ press: 'Tab' });
    expect(textOf(portal.shadowRoot!.activeElement)).to.equal('Acceptances');
    await sendKeys({ press: 'Enter' });
    const list = view(portal, 'taba-acceptance-list')!;
    await waitUntil(() => parts(list, 'card').length === 2, 'acceptances listed');

    // Focus moved to the new page's heading: the next stop is the first card's button.
    await waitUntil(() => hasFocus(portal, 'heading'), 'focus on the Acceptances heading');
    await sendKeys({ press: 'Tab' });
    expect(list.shadowRoot!.activeElement).to.equal(part(list, 'select'));
    await sendKeys({ press: 'Enter' });
    const review = view(portal, 'taba-acceptance-review')!;
    await waitUntil(() => hasFocus(review, 'title'), 'focus on the acceptance');

    await sendKeys({ press: 'Tab' });
    expect(hasFocus(review, 'view-document')).to.equal(true);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Ada Lovelace' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    expect(hasFocus(review, 'accept')).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => hasFocus(review, 'outcome'), 'focus on the outcome');

    // Back to acceptances is before the review: Shift+Tab from its heading reaches it.
    part<HTMLElement>(review, 'title')!.focus();
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(hasFocus(portal, 'back'), 'focus on Back to acceptances').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => hasFocus(portal, 'heading'), 'back on the Acceptances heading');
  });
});

describe('<taba-portal routing="hash"> Acceptances', () => {
  let start: string;

  beforeEach(() => {
    start = `${location.pathname}${location.search}`;
    history.replaceState(null, '', start);
  });

  afterEach(() => {
    stopWatchingHistory();
    history.replaceState(null, '', start);
  });

  it('opens a deep link #/acceptances/acc_… on the review, and writes the list’s and an opened one’s address', async () => {
    const { double, sow, terms } = seeded();
    history.replaceState(null, '', `${start}#/acceptances/${terms.id}`);
    const entries = watchHistory();
    const portal = await fixture<TabaPortal>(html`<taba-portal routing="hash" .client=${double}></taba-portal>`);
    expect(portal.section).to.equal('acceptances');
    expect(navItem(portal, 'acceptances').getAttribute('aria-current')).to.equal('page');
    const review = view(portal, 'taba-acceptance-review')!;
    expect(review.acceptanceId).to.equal(terms.id);
    expect(view(portal, 'taba-acceptance-list')!.hidden).to.equal(true);
    await waitUntil(() => textOf(part(review, 'title')) === 'Terms', 'acceptance shown');
    expect(textOf(part(review, 'status'))).to.equal('Accepted');
    expect(entries.pushed, 'opening a link adds no entry').to.equal(0);

    buttonByText(portal, 'Back to acceptances')!.click();
    await portal.updateComplete;
    expect(location.hash).to.equal('#/acceptances');
    const list = view(portal, 'taba-acceptance-list')!;
    await waitUntil(() => parts(list, 'card').length === 2, 'acceptances listed');
    part<HTMLButtonElement>(list, 'select')!.click();
    await portal.updateComplete;
    expect(location.hash).to.equal(`#/acceptances/${sow.id}`);
  });

  it('shows a not-found alert for a deep link to an acceptance that is not the contact’s (or was superseded)', async function () {
    // Two axe runs (light and dark) and a section's first load on a busy machine.
    this.timeout(10_000);
    const { double } = seeded();
    history.replaceState(null, '', `${start}#/acceptances/acc_superseded1`);
    const portal = await fixture<TabaPortal>(html`<taba-portal routing="hash" .client=${double}></taba-portal>`);
    const review = view(portal, 'taba-acceptance-review')!;
    await waitUntil(() => part(review, 'error'), 'alert');
    expect(textOf(part(review, 'error'))).to.contain('Acceptance not found');
    expect(textOf(part(review, 'error-advice'))).to.contain('Go back to the list');
    await expectAccessible(portal, 'deep link not found');
  });
});

describe('<taba-portal> Acceptances accessibility (WCAG 2.2 AA)', () => {
  it('has no violations on the list, an open review, and once accepted', async function () {
    this.timeout(20_000);
    const { double } = seeded();
    const portal = await fixture<TabaPortal>(html`<taba-portal section="acceptances" .client=${double}></taba-portal>`);
    const list = view(portal, 'taba-acceptance-list')!;
    await waitUntil(() => parts(list, 'card').length === 2, 'acceptances listed');
    await expectAccessible(portal, 'acceptance list');

    part<HTMLButtonElement>(list, 'select')!.click();
    await portal.updateComplete;
    const review = view(portal, 'taba-acceptance-review')!;
    await waitUntil(() => part(review, 'form'), 'review shown');
    await expectAccessible(portal, 'review open');

    await typeAndTick(review, 'Ada Lovelace');
    part<HTMLButtonElement>(review, 'accept')!.click();
    await waitUntil(() => part(review, 'outcome'), 'accepted');
    await expectAccessible(portal, 'accepted');
  });
});

import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { HomeItem, HomeItemKind, PortalHome } from '../../sdk/contract/home.js';
import { PORTAL_SECTIONS, type PortalSection } from '../sections/index.js';
import { setPortalLocale } from '../shared/localize.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { hasFocus, part, parts, textOf } from '../test-support/dom.js';
import { FAKE_API_BASE, FakePortalServer, MemoryStorage } from '../test-support/fake-portal-server.js';
import { InvoiceDesk, invoiceFixture } from '../test-support/finance-desk.js';
import { stopWatchingHistory } from '../test-support/history.js';
import { PortalApiDouble, profileFixture, proposalFixture, threadFixture } from '../test-support/portal-api-double.js';
import { announce } from './announce.js';
import type { NavigateEventDetail, TabaPortal } from './taba-portal.component.js';
import './taba-portal.js';

function view<K extends keyof HTMLElementTagNameMap>(portal: TabaPortal, tag: K): HTMLElementTagNameMap[K] | null {
  return portal.shadowRoot!.querySelector(tag);
}

function navItem(portal: TabaPortal, section: PortalSection): HTMLButtonElement {
  return parts<HTMLButtonElement>(portal, 'nav-item')[PORTAL_SECTIONS.findIndex((entry) => entry.id === section)]!;
}

/** What the live region says now. */
function announced(portal: TabaPortal): string {
  return textOf(part(portal, 'announcer'));
}

/** Every `taba-navigate` the portal dispatches, as `section/item`. */
function recordMoves(portal: TabaPortal): string[] {
  const moves: string[] = [];
  portal.addEventListener('taba-navigate', (event: CustomEvent<NavigateEventDetail>) => {
    moves.push(`${event.detail.section}/${event.detail.item ?? ''}`);
  });
  return moves;
}

const NO_COUNTS: PortalHome['counts'] = { proposals: 0, estimates: 0, requestItems: 0, acceptances: 0, unreadMessages: 0, invoices: 0 };

function homeEntry(kind: HomeItemKind, id: string, title: string): HomeItem {
  return { kind, id, title, reference: null, deadline: null, dueSoon: false, overdue: false, amount: null, count: null };
}

/** A contact with one of everything waiting on the home page. */
function seeded() {
  const double = new PortalApiDouble([proposalFixture({ id: 'prop_website', title: 'Website redesign' })]);
  const invoice = invoiceFixture({ id: 'inv_website', number: 'INV-0007' });
  new InvoiceDesk(double, [invoice]);
  double.addThread(threadFixture({ id: 'thr_billing', title: 'Billing question', unreadCount: 1 }));
  const items = [
    homeEntry('invoice', 'inv_website', 'INV-0007'),
    homeEntry('proposal', 'prop_website', 'Website redesign'),
    homeEntry('estimate', 'est_support', 'EST-0002'),
    homeEntry('request', 'req_yearend', 'Year-end documents'),
    homeEntry('acceptance', 'acc_sow', 'Statement of work'),
    homeEntry('thread', 'thr_billing', 'Billing question'),
  ];
  double.answer('retrievePortalHome', () => ({ counts: { ...NO_COUNTS, invoices: 1, proposals: 1, estimates: 1, requestItems: 1, acceptances: 1, unreadMessages: 1 }, items }));
  return { double, items };
}

async function homeEntries(portal: TabaPortal, count: number): Promise<HTMLButtonElement[]> {
  const home = await waitUntil(() => view(portal, 'taba-home'), 'home shown').then(() => view(portal, 'taba-home')!);
  await waitUntil(() => parts(home, 'open').length === count, `${count} home entries`);
  return parts<HTMLButtonElement>(home, 'open');
}

describe('<taba-portal> header', () => {
  beforeEach(async () => {
    await setPortalLocale('en-US');
  });

  afterEach(async () => {
    await setPortalLocale();
  });

  it('shows the business’s brand, the contact and their customer, and applies the brand’s accent', async function () {
    this.timeout(10_000);
    const double = new PortalApiDouble();
    const logo = 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" width="40" height="40"%3E%3Crect width="40" height="40" fill="%230f766e"/%3E%3C/svg%3E';
    double.profile = { ...profileFixture, brand: { name: 'Northwind Studio', logoUrl: logo, accentColor: '#0f766e' } };
    const portal = await fixture<TabaPortal>(html`<taba-portal .client=${double}></taba-portal>`);
    await waitUntil(() => part(portal, 'brand'), 'brand shown');

    expect(textOf(part(portal, 'brand-name'))).to.equal('Northwind Studio');
    const image = part<HTMLImageElement>(portal, 'brand-logo')!;
    expect(image.getAttribute('src')).to.equal(logo);
    expect(image.alt, 'the logo names the business').to.equal('Northwind Studio');
    expect(part(portal, 'brand-name')!.getAttribute('aria-hidden'), 'and the name beside it is not read twice').to.equal('true');
    expect(textOf(part(portal, 'contact-name'))).to.equal('Ada Lovelace');
    expect(textOf(part(portal, 'customer-name'))).to.equal('Analytical Engines Ltd');
    expect(textOf(part(portal, 'contact'))).to.equal('Signed in as Ada Lovelace Analytical Engines Ltd');
    expect(part(portal, 'sign-out'), 'a session of the host page’s: no Sign out').to.equal(null);

    // The accent is set through the element's style object (a CSP without 'unsafe-inline' allows it) and the widgets use it:
    // as it is in the light theme, where it reads well, and lightened in the dark theme, where it would not.
    expect(portal.style.getPropertyValue('--taba-color-accent')).to.match(/^light-dark\(#0f766e, #[0-9a-f]{6}\)$/);
    expect(getComputedStyle(part(portal, 'nav-item-current')!).color).to.equal('rgb(15, 118, 110)');
    expect(portal.style.getPropertyValue('--taba-color-on-accent')).to.match(/^light-dark\(#ffffff, #[0-9a-f]{6}\)$/);
    portal.setAttribute('theme', 'dark');
    expect(getComputedStyle(part(portal, 'nav-item-current')!).color, 'a lighter teal in the dark').not.to.equal('rgb(15, 118, 110)');
    portal.removeAttribute('theme');
    await expectAccessible(portal, 'header with a logo and the brand accent');
  });

  it('leaves the accent alone when the page set it, and shows the name alone without a logo or when it cannot load', async () => {
    const double = new PortalApiDouble();
    double.profile = { ...profileFixture, brand: { name: 'Northwind Studio', logoUrl: 'data:image/png;base64,AAAA', accentColor: '#f5c451' } };
    const page = await fixture<HTMLElement>(html`
      <div>
        <style>
          .tenant taba-portal { --taba-color-accent: #7a1fa2; }
        </style>
        <div class="tenant"><taba-portal .client=${double}></taba-portal></div>
      </div>
    `);
    const portal = page.querySelector('taba-portal')!;
    await waitUntil(() => part(portal, 'brand-name'), 'brand shown');
    await waitUntil(() => part(portal, 'brand-logo') === null, 'a logo that cannot load is left out');
    expect(textOf(part(portal, 'brand-name'))).to.equal('Northwind Studio');
    expect(part(portal, 'brand-name')!.hasAttribute('aria-hidden'), 'the name is read when it stands alone').to.equal(false);
    expect(portal.style.getPropertyValue('--taba-color-accent'), 'the page’s own accent wins').to.equal('');
    expect(portal.style.getPropertyValue('--taba-color-on-accent'), 'and the brand sets nothing beside it').to.equal('');
    expect(getComputedStyle(part(portal, 'nav-item-current')!).color).to.equal('rgb(122, 31, 162)');
  });

  it('offers Sign out for a session it started, and announces signing in and out', async function () {
    this.timeout(10_000);
    const server = new FakePortalServer([proposalFixture({ title: 'Website redesign' })]);
    const uninstall = server.install();
    try {
      const portal = await fixture<TabaPortal>(html`
        <taba-portal api-base=${FAKE_API_BASE} workspace="ws_acme01" section="proposals" .storage=${new MemoryStorage()} .linkToken=${'link-token'}></taba-portal>
      `);
      await waitUntil(() => part(portal, 'sign-out'), 'signed in by the emailed link');
      await waitUntil(() => textOf(part(portal, 'contact-name')) === 'Ada Lovelace', 'contact shown');
      expect(announced(portal)).to.equal('Signed in');
      expect(part(portal, 'account')!.contains(part(portal, 'sign-out')), 'Sign out is with the contact').to.equal(true);

      part<HTMLButtonElement>(portal, 'sign-out')!.click();
      await waitUntil(() => view(portal, 'taba-login'), 'sign-in form');
      expect(announced(portal)).to.equal('Signed out');
      expect(part(portal, 'header'), 'no header while signed out').to.equal(null);
    } finally {
      uninstall();
    }
  });
});

describe('<taba-portal> Home', () => {
  let start: string;

  beforeEach(async () => {
    await setPortalLocale('en-US');
    start = `${location.pathname}${location.search}`;
    history.replaceState(null, '', start);
  });

  afterEach(async () => {
    stopWatchingHistory();
    history.replaceState(null, '', start);
    await setPortalLocale();
  });

  it('is the first section and the default, and its entries open each item in its own section, with its address', async function () {
    this.timeout(30_000);
    const { double, items } = seeded();
    const portal = await fixture<TabaPortal>(html`<taba-portal routing="hash" .client=${double}></taba-portal>`);
    expect(PORTAL_SECTIONS[0]!.id).to.equal('home');
    expect(portal.section).to.equal('home');
    expect(textOf(part(portal, 'heading'))).to.equal('Home');
    expect(navItem(portal, 'home').getAttribute('aria-current')).to.equal('page');
    await homeEntries(portal, items.length);
    await expectAccessible(portal, 'home');

    const expected: Record<HomeItemKind, { section: PortalSection; element: keyof HTMLElementTagNameMap }> = {
      invoice: { section: 'invoices', element: 'taba-invoice-detail' },
      proposal: { section: 'proposals', element: 'taba-proposal-detail' },
      estimate: { section: 'estimates', element: 'taba-estimate-detail' },
      request: { section: 'requests', element: 'taba-request-detail' },
      acceptance: { section: 'acceptances', element: 'taba-acceptance-review' },
      thread: { section: 'messages', element: 'taba-message-thread' },
    };
    for (const [index, item] of items.entries()) {
      const entries = await homeEntries(portal, items.length);
      entries[index]!.click();
      await portal.updateComplete;
      const { section, element } = expected[item.kind];
      expect(portal.section, item.kind).to.equal(section);
      expect(portal.item, item.kind).to.equal(item.id);
      expect(location.hash, item.kind).to.equal(`#/${section}/${item.id}`);
      expect(navItem(portal, section).getAttribute('aria-current'), item.kind).to.equal('page');
      expect(view(portal, element), `${item.kind} opens ${element}`).not.to.equal(null);
      await waitUntil(() => portal.shadowRoot!.activeElement === view(portal, element), `focus on the opened ${item.kind}`);

      // The browser's Back returns to Home.
      const back = new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
      history.back();
      await back;
      await portal.updateComplete;
      expect(portal.section, `back from ${item.kind}`).to.equal('home');
    }

    const invoiceEntry = (await homeEntries(portal, items.length))[0]!;
    invoiceEntry.click();
    await portal.updateComplete;
    const detail = view(portal, 'taba-invoice-detail')!;
    expect(detail.getAttribute('invoice-id')).to.equal('inv_website');
    await waitUntil(() => textOf(part(detail, 'title')).includes('INV-0007'), 'the invoice itself');
  });
});

describe('<taba-portal> narrow', () => {
  it('collapses the navigation behind a Menu button that works by keyboard, also in a narrow column of a wide page', async function () {
    this.timeout(20_000);
    const page = await fixture<HTMLElement>(html`
      <div style="display: grid; grid-template-columns: 18rem 1fr; width: 60rem">
        <taba-portal .client=${new PortalApiDouble()}></taba-portal>
        <p>The tenant’s own content</p>
      </div>
    `);
    const portal = page.querySelector('taba-portal')!;
    const menu = await waitUntil(() => part(portal, 'menu-button'), 'menu button').then(() => part<HTMLButtonElement>(portal, 'menu-button')!);
    expect(textOf(menu)).to.equal('Menu');
    expect(menu.getAttribute('aria-expanded')).to.equal('false');
    expect(menu.getAttribute('aria-controls')).to.equal('nav-list');
    expect(part(portal, 'nav-list')!.hidden, 'the list is hidden').to.equal(true);
    expect(part(portal, 'nav')!.contains(menu), 'the button is in the navigation landmark').to.equal(true);
    await expectAccessible(portal, 'narrow, menu closed');

    // Keyboard: Tab to Menu, Enter opens, Tab into the list, Escape closes and returns focus.
    await sendKeys({ press: 'Tab' });
    expect(portal.shadowRoot!.activeElement).to.equal(menu);
    await sendKeys({ press: 'Enter' });
    await portal.updateComplete;
    expect(menu.getAttribute('aria-expanded')).to.equal('true');
    expect(part(portal, 'nav-list')!.hidden).to.equal(false);
    await expectAccessible(portal, 'narrow, menu open');
    await sendKeys({ press: 'Tab' });
    expect(textOf(portal.shadowRoot!.activeElement)).to.equal('Home');
    await sendKeys({ press: 'Escape' });
    await portal.updateComplete;
    expect(menu.getAttribute('aria-expanded')).to.equal('false');
    expect(part(portal, 'nav-list')!.hidden).to.equal(true);
    await waitUntil(() => portal.shadowRoot!.activeElement === menu, 'focus back on Menu');

    // Choosing a section closes the menu and moves focus to the new page's heading.
    await sendKeys({ press: 'Enter' });
    await portal.updateComplete;
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(textOf(portal.shadowRoot!.activeElement)).to.equal(PORTAL_SECTIONS[1]!.label);
    await sendKeys({ press: 'Enter' });
    await portal.updateComplete;
    expect(portal.section).to.equal(PORTAL_SECTIONS[1]!.id);
    expect(menu.getAttribute('aria-expanded')).to.equal('false');
    await waitUntil(() => hasFocus(portal, 'heading'), 'focus on the new heading');

    // Wide again: the whole list, no button.
    page.style.gridTemplateColumns = '1fr';
    await waitUntil(() => part(portal, 'menu-button') === null, 'no menu button when wide');
    expect(part(portal, 'nav-list')!.hidden).to.equal(false);
  });

  it('shows every section without a Menu button when wide', async () => {
    const portal = await fixture<TabaPortal>(html`<taba-portal style="width: 64rem" .client=${new PortalApiDouble()}></taba-portal>`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await portal.updateComplete;
    expect(part(portal, 'menu-button')).to.equal(null);
    expect(part(portal, 'nav-list')!.hidden).to.equal(false);
    expect(parts(portal, 'nav-item')).to.have.length(PORTAL_SECTIONS.length);
  });
});

describe('<taba-portal> not found', () => {
  let start: string;

  beforeEach(() => {
    start = `${location.pathname}${location.search}`;
    history.replaceState(null, '', start);
  });

  afterEach(() => {
    history.replaceState(null, '', start);
  });

  it('shows a page not found inside the portal for an unknown #/ address, with a link back home', async function () {
    this.timeout(10_000);
    history.replaceState(null, '', `${start}#/nothing-here`);
    const portal = await fixture<TabaPortal>(html`<taba-portal routing="hash" .client=${new PortalApiDouble()}></taba-portal>`);
    expect(textOf(part(portal, 'heading'))).to.equal('Page not found');
    expect(textOf(part(portal, 'not-found'))).to.contain('There is no page at this address in the portal.');
    expect(part(portal, 'nav'), 'the navigation stays').not.to.equal(null);
    expect(parts(portal, 'nav-item').map((item) => item.getAttribute('aria-current')).filter(Boolean), 'no section is current').to.deep.equal([]);
    const link = part<HTMLAnchorElement>(portal, 'not-found-home')!;
    expect(link.localName).to.equal('a');
    expect(link.getAttribute('href')).to.equal('#/home');
    expect(textOf(link)).to.equal('Go to the home page');
    await expectAccessible(portal, 'not found');

    link.click();
    await portal.updateComplete;
    expect(portal.section).to.equal('home');
    expect(location.hash).to.equal('#/home');
    expect(textOf(part(portal, 'heading'))).to.equal('Home');
    await waitUntil(() => hasFocus(portal, 'heading'), 'focus on the Home heading');
    expect(part(portal, 'not-found')).to.equal(null);

    // And a portal address typed in later.
    location.hash = '#/invoices/inv_1/extra';
    await waitUntil(() => part(portal, 'not-found'), 'not found again');
  });

  it('shows it for a section the host names that the portal does not have', async () => {
    const portal = await fixture<TabaPortal>(html`<taba-portal section="nope" .client=${new PortalApiDouble()}></taba-portal>`);
    expect(textOf(part(portal, 'heading'))).to.equal('Page not found');
    expect(part(portal, 'section-loading')).to.equal(null);
  });
});

describe('<taba-portal routing="none"> with a host router', () => {
  it('dispatches taba-navigate for every move the contact makes', async function () {
    this.timeout(10_000);
    const { double } = seeded();
    const portal = await fixture<TabaPortal>(html`<taba-portal .client=${double}></taba-portal>`);
    const moves = recordMoves(portal);
    const entries = await homeEntries(portal, 6);

    const heard = oneEvent(portal, 'taba-navigate');
    entries[0]!.click();
    const event = await heard;
    expect(event.bubbles && event.composed, 'a host page hears it').to.equal(true);
    expect(event.detail).to.deep.equal({ section: 'invoices', item: 'inv_website' });
    await portal.updateComplete;
    expect(portal.item, 'item follows what the contact opened').to.equal('inv_website');
    expect(portal.getAttribute('item')).to.equal('inv_website');

    part<HTMLButtonElement>(portal, 'back')!.click();
    await portal.updateComplete;
    navItem(portal, 'messages').click();
    await portal.updateComplete;
    const threads = view(portal, 'taba-message-threads')!;
    await waitUntil(() => part(threads, 'title'), 'conversations');
    part<HTMLButtonElement>(threads, 'title')!.click();
    await portal.updateComplete;
    navItem(portal, 'messages').click();
    await portal.updateComplete;
    expect(moves).to.deep.equal(['invoices/inv_website', 'invoices/', 'messages/', 'messages/thr_billing', 'messages/']);
    expect(location.hash, 'the address is left alone').to.equal('');
  });

  it('follows the host: section and item set from outside open them, dispatch nothing, and are announced', async function () {
    this.timeout(10_000);
    const { double } = seeded();
    const outside = await fixture<HTMLElement>(html`<div><button>Host link</button><taba-portal .client=${double}></taba-portal></div>`);
    const portal = outside.querySelector('taba-portal')!;
    const moves = recordMoves(portal);
    await homeEntries(portal, 6);
    outside.querySelector('button')!.focus();

    portal.section = 'invoices';
    portal.item = 'inv_website';
    await portal.updateComplete;
    expect(view(portal, 'taba-invoice-detail')!.getAttribute('invoice-id')).to.equal('inv_website');
    expect(view(portal, 'taba-invoice-list')!.hidden).to.equal(true);
    expect(navItem(portal, 'invoices').getAttribute('aria-current')).to.equal('page');
    expect(announced(portal), 'the page is announced, as focus stays with the host').to.equal('Invoices shown');
    expect(document.activeElement, 'focus stays where the visitor put it').to.equal(outside.querySelector('button'));

    portal.setAttribute('section', 'profile');
    await portal.updateComplete;
    expect(view(portal, 'taba-profile')).not.to.equal(null);
    expect(portal.item, 'a section alone shows its own page').to.equal(null);
    expect(announced(portal)).to.equal('Profile shown');

    portal.setAttribute('section', 'messages');
    portal.setAttribute('item', 'thr_billing');
    await portal.updateComplete;
    expect(view(portal, 'taba-message-thread')!.threadId).to.equal('thr_billing');
    expect(moves, 'no event for what the host did').to.deep.equal([]);
  });
});

describe('<taba-portal> live region', () => {
  it('says what widgets ask it to, and nothing for a page the contact moves to (focus says it)', async () => {
    const portal = await fixture<TabaPortal>(html`<taba-portal .client=${new PortalApiDouble()}></taba-portal>`);
    const region = part(portal, 'announcer')!;
    expect(region.getAttribute('role')).to.equal('status');
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(announced(portal)).to.equal('');

    navItem(portal, 'profile').click();
    await portal.updateComplete;
    await waitUntil(() => hasFocus(portal, 'heading'), 'focus on the Profile heading');
    expect(announced(portal), 'the focused heading says where the contact is').to.equal('');

    const profile = view(portal, 'taba-profile')!;
    announce(profile, 'Proposal accepted');
    await portal.updateComplete;
    expect(announced(portal)).to.equal('Proposal accepted');

    // The same words again are said again: the region's content is replaced, not left as it was.
    const before = region.querySelector('span');
    announce(profile, 'Proposal accepted');
    await portal.updateComplete;
    expect(region.querySelector('span')).not.to.equal(before);
    expect(announced(portal)).to.equal('Proposal accepted');
  });

  it('stays in place while signed out, so what it says is heard', async () => {
    const portal = await fixture<TabaPortal>(html`<taba-portal></taba-portal>`);
    expect(part(portal, 'no-session')).not.to.equal(null);
    expect(part(portal, 'announcer')).not.to.equal(null);
    await expectAccessible(portal, 'no session');
  });
});

describe('<taba-portal> in Arabic', () => {
  afterEach(async () => {
    await setPortalLocale();
  });

  it('lays the shell out right to left, with its words translated', async function () {
    this.timeout(10_000);
    const portal = await fixture<TabaPortal>(html`<taba-portal locale="ar" .client=${new PortalApiDouble()}></taba-portal>`);
    await waitUntil(() => textOf(part(portal, 'heading')) === 'الرئيسية', 'Arabic');
    expect(portal.getAttribute('dir')).to.equal('rtl');
    expect(part(portal, 'nav')!.getAttribute('aria-label')).to.equal('بوابة العملاء');
    await waitUntil(() => part(portal, 'contact'), 'contact');
    expect(textOf(part(portal, 'contact'))).to.contain('تم تسجيل الدخول باسم');
    // The account sits at the inline end: on the left in Arabic.
    const header = part(portal, 'header')!.getBoundingClientRect();
    const account = part(portal, 'account')!.getBoundingClientRect();
    expect(account.left - header.left).to.be.lessThan(header.right - account.right);
    await expectAccessible(portal, 'Arabic');
  });

  it('tells the server the contact reads Arabic now, so that their emails follow', async function () {
    this.timeout(10_000);
    const double = new PortalApiDouble();
    const sent: unknown[] = [];
    double.answer('updatePortalProfile', ({ body }) => {
      sent.push(body);
      return { ...profileFixture, contact: { ...profileFixture.contact, locale: 'ar' as const } };
    });
    await fixture<TabaPortal>(html`<taba-portal locale="ar" .client=${double}></taba-portal>`);
    await waitUntil(() => sent.length > 0, 'the language sent');
    expect(sent).to.deep.equal([{ locale: 'ar' }]);
  });

  it('leaves the server alone when it already has the language shown', async function () {
    this.timeout(10_000);
    const double = new PortalApiDouble();
    let sent = 0;
    double.answer('updatePortalProfile', () => {
      sent += 1;
      return profileFixture;
    });
    const english = await fixture<TabaPortal>(html`<taba-portal locale="en" .client=${double}></taba-portal>`);
    await waitUntil(() => part(english, 'contact'), 'English header');
    expect(sent, 'no language kept means English').to.equal(0);
  });
});

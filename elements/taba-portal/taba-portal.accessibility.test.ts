import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError, PermissionError } from '../../sdk/errors.js';
import { PORTAL_SECTIONS, type PortalSection } from '../sections/index.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { hasFocus, part, parts, textOf } from '../test-support/dom.js';
import { FAKE_API_BASE, FakePortalServer, MemoryStorage } from '../test-support/fake-portal-server.js';
import { PortalApiDouble, messageFixture, proposalFixture, threadFixture } from '../test-support/portal-api-double.js';
import type { TabaPortal } from './taba-portal.component.js';
import './taba-portal.js';

const WORKSPACE = 'ws_acme01';

function view<K extends keyof HTMLElementTagNameMap>(portal: TabaPortal, tag: K): HTMLElementTagNameMap[K] | null {
  return portal.shadowRoot!.querySelector(tag);
}

/** The portal on its Proposals section (its default is Home). */
async function portalWith(double: PortalApiDouble): Promise<TabaPortal> {
  return fixture<TabaPortal>(html`<taba-portal section="proposals" .client=${double}></taba-portal>`);
}

/** Where `section` sits in the navigation, from the registry rather than a fixed index. */
function sectionIndex(section: PortalSection): number {
  return PORTAL_SECTIONS.findIndex((entry) => entry.id === section);
}

describe('<taba-portal> keyboard path', () => {
  it('opens a proposal, accepts it and goes back, with the keyboard alone', async () => {
    const double = new PortalApiDouble([
      proposalFixture({ title: 'Website redesign' }),
      proposalFixture({ title: 'Monthly support' }),
    ]);
    const portal = await portalWith(double);
    const list = view(portal, 'taba-proposal-list')!;
    await waitUntil(() => parts(list, 'row').length === 2, 'proposals listed');

    // Every navigation item (counted from the registry), then the first proposal.
    for (let press = 0; press <= PORTAL_SECTIONS.length; press++) await sendKeys({ press: 'Tab' });
    expect(textOf(list.shadowRoot!.activeElement)).to.equal('Website redesign');
    await sendKeys({ press: 'Enter' });

    const detail = view(portal, 'taba-proposal-detail')!;
    await waitUntil(() => hasFocus(detail, 'title'), "focus on the opened proposal's heading");
    expect(textOf(part(detail, 'title'))).to.equal('Website redesign');

    await sendKeys({ press: 'Tab' });
    expect(hasFocus(detail, 'accept'), 'focus on Accept').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => hasFocus(detail, 'confirm'), 'focus on Confirm');
    const accepted = oneEvent(portal, 'taba-proposal-accepted');
    await sendKeys({ press: 'Enter' });
    await accepted;
    await waitUntil(() => hasFocus(detail, 'outcome'), 'focus on the announced outcome');
    expect(part(detail, 'outcome')!.getAttribute('role')).to.equal('status');

    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(hasFocus(portal, 'back'), 'focus on Back to proposals').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => hasFocus(portal, 'heading'), 'focus on the Proposals heading');
    await waitUntil(
      () => textOf(parts(list, 'row')[0]?.querySelector("[part~='status']")) === 'Accepted',
      'the list shows the new status',
    );
  });

  it('switches section from the navigation with the keyboard', async () => {
    const portal = await portalWith(new PortalApiDouble());
    for (let press = 0; press <= sectionIndex('profile'); press++) await sendKeys({ press: 'Tab' });
    expect(textOf(portal.shadowRoot!.activeElement)).to.equal('Profile');
    await sendKeys({ press: 'Enter' });
    await portal.updateComplete;
    expect(portal.section).to.equal('profile');
    await waitUntil(() => hasFocus(portal, 'heading'), 'focus moves to the new page’s heading');
    expect(textOf(part(portal, 'heading'))).to.equal('Profile');
    expect(parts(portal, 'nav-item')[sectionIndex('profile')]!.getAttribute('aria-current')).to.equal('page');
    const profile = view(portal, 'taba-profile')!;
    await waitUntil(() => part(profile, 'name'), 'profile shown');
  });
});

describe('<taba-portal> accessibility (WCAG 2.2 AA)', () => {
  it('has no violations with no session', async function () {
    // Two axe runs (light and dark) and a section's first load on a busy machine.
    this.timeout(10_000);
    const portal = await fixture<TabaPortal>(html`<taba-portal></taba-portal>`);
    await expectAccessible(portal, 'no session');
  });

  it('has no violations while the list loads, once loaded, and on an open proposal', async function () {
    // Two axe runs (light and dark) and a section's first load on a busy machine.
    this.timeout(10_000);
    const double = new PortalApiDouble([proposalFixture({ title: 'Website redesign' }), proposalFixture({ status: 'declined' })]);
    const release = double.hold();
    const portal = await portalWith(double);
    const list = view(portal, 'taba-proposal-list')!;
    await waitUntil(() => part(list, 'loading'), 'loading');
    await expectAccessible(portal, 'loading');
    release();
    await waitUntil(() => parts(list, 'row').length === 2, 'proposals listed');
    await expectAccessible(portal, 'loaded');

    parts<HTMLButtonElement>(list, 'title')[0]!.click();
    const detail = await waitUntil(() => view(portal, 'taba-proposal-detail'), 'detail open').then(
      () => view(portal, 'taba-proposal-detail')!,
    );
    await waitUntil(() => part(detail, 'title'), 'proposal shown');
    await expectAccessible(portal, 'proposal open');
  });

  it('has no violations with no proposals, on the profile, and when the list failed', async function () {
    // Two axe runs (light and dark) and a section's first load on a busy machine.
    this.timeout(10_000);
    const empty = await portalWith(new PortalApiDouble([]));
    await waitUntil(() => part(view(empty, 'taba-proposal-list')!, 'empty'), 'empty list');
    await expectAccessible(empty, 'empty');

    parts<HTMLButtonElement>(empty, 'nav-item')[sectionIndex('profile')]!.click();
    await empty.updateComplete;
    await waitUntil(() => part(view(empty, 'taba-profile')!, 'details'), 'profile shown');
    await expectAccessible(empty, 'profile');

    const double = new PortalApiDouble([proposalFixture()]);
    double.failNext(
      'proposals.list',
      new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable', requestId: 'req_3' }),
    );
    const failed = await portalWith(double);
    await waitUntil(() => part(view(failed, 'taba-proposal-list')!, 'error'), 'list error');
    await expectAccessible(failed, 'list error');
  });

  it('has no violations when the portal is disabled', async function () {
    // Two axe runs (light and dark) and a section's first load on a busy machine.
    this.timeout(10_000);
    const double = new PortalApiDouble([proposalFixture()]);
    double.failNext(
      'proposals.list',
      new PermissionError({ type: 'about:blank', title: 'Customer portal disabled', status: 403, code: 'portal_disabled' }),
    );
    const portal = await portalWith(double);
    await waitUntil(() => part(portal, 'portal-disabled'), 'disabled message');
    await expectAccessible(portal, 'portal disabled');
  });

  describe('with email sign-in', () => {
    let server: FakePortalServer;
    let uninstall: () => void;

    beforeEach(() => {
      server = new FakePortalServer([proposalFixture({ title: 'Website redesign' })]);
      uninstall = server.install();
    });

    afterEach(() => uninstall());

    it('has no violations on the sign-in form, signed in with Sign out, and after a session ended', async function () {
    // Two axe runs (light and dark) and a section's first load on a busy machine.
    this.timeout(10_000);
      const storage = new MemoryStorage();
      const portal = await fixture<TabaPortal>(html`
        <taba-portal api-base=${FAKE_API_BASE} workspace=${WORKSPACE} section="proposals" .storage=${storage}></taba-portal>
      `);
      const login = view(portal, 'taba-login')!;
      await login.updateComplete;
      await expectAccessible(portal, 'sign-in form');

      part<HTMLInputElement>(login, 'email')!.value = 'ada@example.com';
      part<HTMLButtonElement>(login, 'submit')!.click();
      await waitUntil(() => part(login, 'code'), 'code step');
      part<HTMLInputElement>(login, 'code')!.value = '123456';
      part<HTMLButtonElement>(login, 'submit')!.click();
      await waitUntil(() => part(portal, 'sign-out'), 'portal shown');
      await waitUntil(() => parts(view(portal, 'taba-proposal-list')!, 'row').length === 1, 'proposals listed');
      await expectAccessible(portal, 'signed in');

      portal.remove();
      server.revokeSessions();
      const again = await fixture<TabaPortal>(html`
        <taba-portal api-base=${FAKE_API_BASE} workspace=${WORKSPACE} .storage=${storage}></taba-portal>
      `);
      await waitUntil(() => part(again, 'session-ended'), 'session ended note');
      await view(again, 'taba-login')!.updateComplete;
      await expectAccessible(again, 'session ended');
    });

    it('has no violations after signing out without a workspace to sign in again', async function () {
    // Two axe runs (light and dark) and a section's first load on a busy machine.
    this.timeout(10_000);
      const portal = await fixture<TabaPortal>(html`
        <taba-portal api-base=${FAKE_API_BASE} client-secret="pcs_given" .storage=${null}></taba-portal>
      `);
      expect(part(portal, 'sign-out')).not.to.equal(null);
      // The fake server knows no client secrets: the exchange fails as for a spent link.
      await waitUntil(() => part(portal, 'no-session') || part(portal, 'error'), 'the portal explains', { timeout: 5000 });
      await expectAccessible(portal, 'link expired or start failed');
    });
  });
});

describe('<taba-portal> Messages accessibility (WCAG 2.2 AA)', () => {
  it('has no violations on the conversation list and in an open conversation', async function () {
    this.timeout(10_000);
    const double = new PortalApiDouble();
    const thread = double.addThread(threadFixture({ title: 'Billing question', unreadCount: 2 }));
    double.messageStore.get(thread.id)!.push(messageFixture(thread.id, { body: 'Your invoice is ready.' }));
    const portal = await portalWith(double);
    parts<HTMLButtonElement>(portal, 'nav-item')[sectionIndex('messages')]!.click();
    await portal.updateComplete;
    const threads = view(portal, 'taba-message-threads')!;
    await waitUntil(() => part(threads, 'row'), 'conversations listed');
    await expectAccessible(portal, 'conversation list');

    part<HTMLButtonElement>(threads, 'title')!.click();
    await portal.updateComplete;
    await waitUntil(() => part(view(portal, 'taba-message-thread')!, 'composer'), 'conversation shown');
    await expectAccessible(portal, 'conversation open');
  });
});

import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { PortalClient } from '../../sdk/portal-client.js';
import { PORTAL_SECTIONS, type PortalSection } from '../sections/index.js';
import { buttonByText, hasFocus, part, parts, textOf } from '../test-support/dom.js';
import { PortalApiDouble, messageFixture, proposalFixture, threadFixture } from '../test-support/portal-api-double.js';
import { spokenText } from '../test-support/spoken.js';
import type { TabaProposalDetail } from '../taba-proposal-detail/taba-proposal-detail.component.js';
import type { TabaProposalList } from '../taba-proposal-list/taba-proposal-list.component.js';
import type { TabaPortal } from './taba-portal.component.js';
import './taba-portal.js';

/** A port nothing listens on: the client is created, its requests fail fast. */
const UNREACHABLE_API = 'http://127.0.0.1:9';

function view<K extends keyof HTMLElementTagNameMap>(portal: TabaPortal, tag: K): HTMLElementTagNameMap[K] | null {
  return portal.shadowRoot!.querySelector(tag);
}

function navItems(portal: TabaPortal): HTMLButtonElement[] {
  return parts<HTMLButtonElement>(portal, 'nav-item');
}

/** The navigation item of `section`, found by its place in the registry rather than a fixed index. */
function navItem(portal: TabaPortal, section: PortalSection): HTMLButtonElement {
  return navItems(portal)[PORTAL_SECTIONS.findIndex((entry) => entry.id === section)]!;
}

/** `aria-current` of every navigation item when `current` is shown. */
function currentMarks(current: PortalSection): (string | null)[] {
  return PORTAL_SECTIONS.map((entry) => (entry.id === current ? 'page' : null));
}

async function listRows(list: TabaProposalList, count: number): Promise<HTMLElement[]> {
  await waitUntil(() => parts(list, 'row').length === count, `expected ${count} rows`);
  return parts(list, 'row');
}

describe('<taba-portal>', () => {
  it('explains that there is no portal session when given nothing to sign in with', async () => {
    const portal = await fixture<TabaPortal>(html`<taba-portal></taba-portal>`);
    expect(textOf(part(portal, 'no-session'))).to.contain('No portal session');
    expect(part(portal, 'nav')).to.equal(null);
    expect(view(portal, 'taba-proposal-list')).to.equal(null);
  });

  it('creates a PortalClient from api-base and client-secret, and a new one when the secret changes', async () => {
    const portal = await fixture<TabaPortal>(
      html`<taba-portal api-base=${UNREACHABLE_API} client-secret="pcs_first" section="proposals"></taba-portal>`,
    );
    const first = portal.client;
    expect(first).to.be.instanceOf(PortalClient);
    expect(part(portal, 'nav')).not.to.equal(null);
    const list = view(portal, 'taba-proposal-list')!;
    const firstSeenByWidgets = list.client;
    expect(firstSeenByWidgets).to.be.instanceOf(PortalClient);

    portal.setAttribute('client-secret', 'pcs_second');
    await portal.updateComplete;
    expect(portal.client).to.be.instanceOf(PortalClient);
    expect(portal.client).not.to.equal(first);

    // Widgets get the new client too (seen through the shell's watch); its request fails (nothing listens) and says so.
    expect(list.client).to.be.instanceOf(PortalClient);
    expect(list.client).not.to.equal(firstSeenByWidgets);
    await waitUntil(() => part(list, 'error'), 'list reports the unreachable server', { timeout: 5000 });
  });

  it('accepts a fetchClientSecret callback instead of a secret', async () => {
    const portal = await fixture<TabaPortal>(html`
      <taba-portal api-base=${UNREACHABLE_API} .fetchClientSecret=${() => Promise.resolve('pcs_fetched')}></taba-portal>
    `);
    expect(portal.client).to.be.instanceOf(PortalClient);
  });

  it('shows an accessible navigation with Home first and current, and the home page', async () => {
    const double = new PortalApiDouble([proposalFixture({ title: 'Website redesign' })]);
    const portal = await fixture<TabaPortal>(html`<taba-portal .client=${double}></taba-portal>`);

    const nav = part(portal, 'nav')!;
    expect(nav.localName).to.equal('nav');
    expect(nav.getAttribute('aria-label')).to.equal('Customer portal');
    expect(navItems(portal).map(textOf)).to.deep.equal(PORTAL_SECTIONS.map((entry) => entry.label));
    expect(textOf(navItems(portal)[0])).to.equal('Home');
    expect(portal.section).to.equal('home');
    expect(navItems(portal).map((item) => item.getAttribute('aria-current'))).to.deep.equal(currentMarks('home'));
    expect(textOf(part(portal, 'heading'))).to.equal('Home');
    expect(view(portal, 'taba-home')).not.to.equal(null);
    expect(view(portal, 'taba-proposal-list')).to.equal(null);
  });

  it('shows Proposals current, and the proposal list, when given that section', async () => {
    const double = new PortalApiDouble([proposalFixture({ title: 'Website redesign' })]);
    const portal = await fixture<TabaPortal>(html`<taba-portal section="proposals" .client=${double}></taba-portal>`);
    expect(navItems(portal).map((item) => item.getAttribute('aria-current'))).to.deep.equal(currentMarks('proposals'));
    expect(textOf(part(portal, 'heading'))).to.equal('Proposals');

    const list = view(portal, 'taba-proposal-list')!;
    const [row] = await listRows(list, 1);
    expect(textOf(row!.querySelector("[part~='title']"))).to.equal('Website redesign');
  });

  it('switches to the profile from the navigation', async () => {
    const portal = await fixture<TabaPortal>(html`<taba-portal .client=${new PortalApiDouble()}></taba-portal>`);
    navItem(portal, 'profile').click();
    await portal.updateComplete;

    expect(portal.section).to.equal('profile');
    expect(portal.getAttribute('section')).to.equal('profile');
    expect(navItems(portal).map((item) => item.getAttribute('aria-current'))).to.deep.equal(currentMarks('profile'));
    expect(view(portal, 'taba-proposal-list')).to.equal(null);
    const profile = view(portal, 'taba-profile')!;
    await waitUntil(() => part(profile, 'name'), 'profile shown');
    expect(textOf(part(profile, 'name'))).to.equal('Ada Lovelace');
  });

  it('opens a selected proposal, accepts it, and shows the new status back in the list', async () => {
    const double = new PortalApiDouble([
      proposalFixture({ title: 'Website redesign' }),
      proposalFixture({ title: 'Monthly support', feeModel: 'retainer', fee: { amount: 90000, currency: 'EUR' } }),
    ]);
    const portal = await fixture<TabaPortal>(html`<taba-portal section="proposals" .client=${double}></taba-portal>`);
    const list = view(portal, 'taba-proposal-list')!;
    const rows = await listRows(list, 2);

    rows[1]!.querySelector<HTMLButtonElement>("[part~='title']")!.click();
    await portal.updateComplete;
    expect(list.hidden, 'the list steps aside').to.equal(true);
    const detail = view(portal, 'taba-proposal-detail') as TabaProposalDetail;
    expect(detail.getAttribute('proposal-id')).to.equal(double.proposalStore[1]!.id);
    await waitUntil(() => textOf(part(detail, 'title')) === 'Monthly support', 'detail shown');
    await waitUntil(() => detail.shadowRoot!.activeElement === part(detail, 'title'), "focus on the proposal's heading");

    buttonByText(detail, 'Accept')!.click();
    await detail.updateComplete;
    const accepted = oneEvent(portal, 'taba-proposal-accepted');
    buttonByText(detail, 'Confirm')!.click();
    await accepted;
    await detail.updateComplete;
    expect(textOf(part(detail, 'status'))).to.equal('Accepted');

    buttonByText(portal, 'Back to proposals')!.click();
    await portal.updateComplete;
    expect(view(portal, 'taba-proposal-detail')).to.equal(null);
    expect(list.hidden).to.equal(false);
    await waitUntil(
      () => textOf(parts(list, 'row')[1]?.querySelector("[part~='status']")) === 'Accepted',
      'list shows the new status',
    );
    expect(textOf(parts(list, 'row')[0]!.querySelector("[part~='status']"))).to.equal('Pending');
  });

  it('lets the host page hear the widgets’ events', async () => {
    const chosen = proposalFixture({ title: 'Website redesign' });
    const portal = await fixture<TabaPortal>(html`<taba-portal section="proposals" .client=${new PortalApiDouble([chosen])}></taba-portal>`);
    const [row] = await listRows(view(portal, 'taba-proposal-list')!, 1);
    const heard = oneEvent(document, 'taba-proposal-select');
    row!.querySelector<HTMLButtonElement>("[part~='title']")!.click();
    expect((await heard).detail.proposal.id).to.equal(chosen.id);
  });

  it('provides its client to widgets placed in its light DOM', async () => {
    const double = new PortalApiDouble();
    const portal = await fixture<TabaPortal>(html`
      <taba-portal .client=${double}><taba-profile></taba-profile></taba-portal>
    `);
    const profile = portal.querySelector('taba-profile')!;
    await waitUntil(() => textOf(part(profile, 'name')) === 'Ada Lovelace', 'profile loaded from the double');
    // Once for the header (the contact's name and the brand), once for the profile.
    expect(double.callsOf('me')).to.have.length(2);
  });
});

describe('<taba-portal> Messages', () => {
  async function messagesOf(double: PortalApiDouble): Promise<TabaPortal> {
    const portal = await fixture<TabaPortal>(html`<taba-portal .client=${double}></taba-portal>`);
    buttonByText(portal, 'Messages')!.click();
    await portal.updateComplete;
    return portal;
  }

  it('lists the conversations, opens one (which reads it), and goes back to a list without its badge', async () => {
    const double = new PortalApiDouble();
    const thread = double.addThread(threadFixture({ title: 'Billing question', unreadCount: 1 }));
    double.messageStore.get(thread.id)!.push(messageFixture(thread.id, { body: 'Your invoice is ready.' }));
    const portal = await messagesOf(double);
    expect(portal.section).to.equal('messages');
    expect(textOf(part(portal, 'heading'))).to.equal('Messages');

    const threads = view(portal, 'taba-message-threads')!;
    await waitUntil(() => part(threads, 'row'), 'conversations listed');
    expect(spokenText(part(threads, 'title'))).to.equal('Billing question 1 unread');
    part<HTMLButtonElement>(threads, 'title')!.click();
    await portal.updateComplete;

    expect(threads.hidden, 'the list steps aside').to.equal(true);
    const conversation = view(portal, 'taba-message-thread')!;
    expect(conversation.threadId).to.equal(thread.id);
    await waitUntil(() => hasFocus(conversation, 'title'), 'focus on the conversation');
    expect(textOf(part(conversation, 'body'))).to.equal('Your invoice is ready.');

    buttonByText(portal, 'Back to conversations')!.click();
    await portal.updateComplete;
    expect(view(portal, 'taba-message-thread')).to.equal(null);
    expect(threads.hidden).to.equal(false);
    await waitUntil(() => spokenText(part(threads, 'title')) === 'Billing question', 'badge gone after reading');
    await waitUntil(() => portal.shadowRoot!.activeElement === part(portal, 'heading'), 'focus on the heading');
  });

  it('shows the unread total on the Messages item, and lowers it once a conversation was read', async () => {
    const double = new PortalApiDouble();
    const billing = double.addThread(threadFixture({ title: 'Billing question', unreadCount: 2, lastMessageAt: '2026-11-24T09:00:00.000Z' }));
    double.addThread(threadFixture({ title: 'Kick-off date', unreadCount: 1 }));
    double.messageStore.get(billing.id)!.push(messageFixture(billing.id), messageFixture(billing.id));
    const portal = await fixture<TabaPortal>(html`<taba-portal .client=${double}></taba-portal>`);
    const messagesItem = () => navItem(portal, 'messages');
    await waitUntil(() => part(portal, 'nav-unread'), 'unread total shown');
    expect(spokenText(messagesItem())).to.equal('Messages 3 unread');
    expect(textOf(part(portal, 'nav-unread')!.querySelector('[aria-hidden="true"]'))).to.equal('3');

    messagesItem().click();
    await portal.updateComplete;
    const threads = view(portal, 'taba-message-threads')!;
    await waitUntil(() => part(threads, 'row'), 'conversations listed');
    part<HTMLButtonElement>(threads, 'title')!.click();
    await portal.updateComplete;
    await waitUntil(() => part(view(portal, 'taba-message-thread')!, 'body'), 'conversation read');
    buttonByText(portal, 'Back to conversations')!.click();
    await waitUntil(() => spokenText(messagesItem()) === 'Messages 1 unread', 'total lowered');
  });

  it('starts a new conversation and shows it in the list on the way back', async () => {
    const double = new PortalApiDouble();
    const portal = await messagesOf(double);
    const threads = view(portal, 'taba-message-threads')!;
    await waitUntil(() => part(threads, 'empty'), 'no conversations yet');
    buttonByText(threads, 'New conversation')!.click();
    await portal.updateComplete;

    const conversation = view(portal, 'taba-message-thread')!;
    await waitUntil(() => part(conversation, 'title-input'), 'new conversation form');
    part<HTMLInputElement>(conversation, 'title-input')!.focus();
    await sendKeys({ type: 'Opening hours' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Are you open on Saturdays?' });
    const created = oneEvent(portal, 'taba-thread-created');
    part<HTMLButtonElement>(conversation, 'send')!.click();
    await created;

    buttonByText(portal, 'Back to conversations')!.click();
    await waitUntil(() => textOf(part(threads, 'title')) === 'Opening hours', 'the new conversation is listed');
  });
});

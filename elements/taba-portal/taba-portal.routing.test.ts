import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { PORTAL_SECTIONS, type PortalSection } from '../sections/index.js';
import { hasFocus, part, parts, textOf } from '../test-support/dom.js';
import { stopWatchingHistory, watchHistory } from '../test-support/history.js';
import { PortalApiDouble, documentFixture, messageFixture, projectFixture, threadFixture } from '../test-support/portal-api-double.js';
import { parseRoute, routeHash } from './hash-route.js';
import type { TabaPortal } from './taba-portal.component.js';
import './taba-portal.js';

const SECTIONS = PORTAL_SECTIONS.map((section) => section.id);

function view<K extends keyof HTMLElementTagNameMap>(portal: TabaPortal, tag: K): HTMLElementTagNameMap[K] | null {
  return portal.shadowRoot!.querySelector(tag);
}

function navItem(portal: TabaPortal, section: PortalSection): HTMLButtonElement {
  return parts<HTMLButtonElement>(portal, 'nav-item')[PORTAL_SECTIONS.findIndex((entry) => entry.id === section)]!;
}

/** Puts `hash` in the address without a history entry or an event, as a page loaded with it has. */
function loadWith(hash: string): void {
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}

/** The browser's Back (or Forward) button: resolves once the portal has shown where it leads. */
async function go(portal: TabaPortal, delta: number): Promise<void> {
  const moved = new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
  history.go(delta);
  await moved;
  await portal.updateComplete;
}

function seeded() {
  const double = new PortalApiDouble();
  const website = projectFixture({ name: 'Website redesign' });
  const support = projectFixture({ name: 'Support' });
  double.addProject(website, { documents: [documentFixture(website, { name: 'Brief.pdf' })] });
  double.addProject(support);
  return { double, website, support };
}

async function openFirstProject(portal: TabaPortal): Promise<void> {
  const list = view(portal, 'taba-project-list')!;
  await waitUntil(() => parts(list, 'card').length > 0, 'projects listed');
  part<HTMLButtonElement>(list, 'open')!.click();
  await portal.updateComplete;
}

describe('hash routes', () => {
  it('reads #/<section> and #/<section>/<id>, and writes them back', () => {
    expect(parseRoute('#/projects', SECTIONS)).to.deep.equal({ section: 'projects', item: null });
    expect(parseRoute('#/projects/', SECTIONS)).to.deep.equal({ section: 'projects', item: null });
    expect(parseRoute('#/projects/prj_abc123', SECTIONS)).to.deep.equal({ section: 'projects', item: { id: 'prj_abc123' } });
    expect(parseRoute('#/messages/new', SECTIONS)).to.deep.equal({ section: 'messages', item: {} });
    expect(parseRoute('#/documents', SECTIONS)).to.deep.equal({ section: 'documents', item: null });
    for (const route of [
      { section: 'projects', item: null },
      { section: 'projects', item: { id: 'prj_abc123' } },
      { section: 'messages', item: {} },
      { section: 'proposals', item: { id: 'odd id/with#signs' } },
    ] as const) {
      expect(parseRoute(routeHash(route), SECTIONS), routeHash(route)).to.deep.equal(route);
    }
    expect(routeHash({ section: 'projects', item: { id: 'prj_abc123' } })).to.equal('#/projects/prj_abc123');
  });

  it('is no route for other fragments: none, an anchor, a sign-in secret, an unknown section, a bad escape', () => {
    for (const hash of ['', '#', '#pricing', '#secret=pcs_abc', '#/', '#/nope', '#/Projects', '#/projects/a/b', '#/projects/%E0%A4%A']) {
      expect(parseRoute(hash, SECTIONS), hash).to.equal(null);
    }
  });
});

describe('<taba-portal routing="hash">', () => {
  let start: string;

  beforeEach(() => {
    start = `${location.pathname}${location.search}`;
    loadWith('');
  });

  afterEach(() => {
    stopWatchingHistory();
    history.replaceState(null, '', start);
  });

  it('leaves the address alone without routing="hash"', async function () {
    // The first portal of the page loads the Home section's elements: slow on a busy machine.
    this.timeout(10_000);
    const { double } = seeded();
    loadWith('#/documents');
    const entries = watchHistory();
    const portal = await fixture<TabaPortal>(html`<taba-portal .client=${double}></taba-portal>`);
    expect(portal.section, 'the fragment is not read').to.equal('home');
    navItem(portal, 'projects').click();
    await portal.updateComplete;
    expect(location.hash).to.equal('#/documents');
    expect(entries.pushed).to.equal(0);
  });

  it('opens a deep link to a project directly, and to the documents', async () => {
    const { double, website } = seeded();
    loadWith(`#/projects/${website.id}`);
    const entries = watchHistory();
    const portal = await fixture<TabaPortal>(html`<taba-portal routing="hash" .client=${double}></taba-portal>`);
    expect(portal.section).to.equal('projects');
    expect(navItem(portal, 'projects').getAttribute('aria-current')).to.equal('page');
    const detail = view(portal, 'taba-project-detail')!;
    expect(detail.projectId).to.equal(website.id);
    expect(view(portal, 'taba-project-list')!.hidden).to.equal(true);
    await waitUntil(() => textOf(part(detail, 'title')) === 'Website redesign', 'project shown');
    expect(entries.pushed, 'opening a link adds no entry').to.equal(0);
    expect(location.hash).to.equal(`#/projects/${website.id}`);

    loadWith('#/documents');
    const documents = await fixture<TabaPortal>(html`<taba-portal routing="hash" .client=${double}></taba-portal>`);
    expect(documents.section).to.equal('documents');
    await waitUntil(() => part(view(documents, 'taba-document-list')!, 'row'), 'documents shown');
  });

  it('pushes a history entry for each place, and Back and Forward move through them', async () => {
    const { double, website } = seeded();
    const entries = watchHistory();
    const portal = await fixture<TabaPortal>(html`<taba-portal routing="hash" .client=${double}></taba-portal>`);
    expect(location.hash, 'the start section writes nothing').to.equal('');
    expect(entries.pushed).to.equal(0);

    navItem(portal, 'projects').click();
    await portal.updateComplete;
    expect(location.hash).to.equal('#/projects');
    await openFirstProject(portal);
    expect(location.hash).to.equal(`#/projects/${website.id}`);
    expect(entries.pushed).to.equal(2);

    await go(portal, -1);
    expect(location.hash).to.equal('#/projects');
    expect(view(portal, 'taba-project-detail'), 'Back closes the project').to.equal(null);
    expect(view(portal, 'taba-project-list')!.hidden, 'and shows the list').to.equal(false);
    await waitUntil(() => hasFocus(portal, 'heading'), 'focus on the heading');

    await go(portal, -1);
    expect(location.hash).to.equal('');
    expect(portal.section, 'back where the portal started').to.equal('home');

    await go(portal, 1);
    await go(portal, 1);
    expect(portal.section).to.equal('projects');
    expect(view(portal, 'taba-project-detail')!.projectId).to.equal(website.id);
    expect(entries.pushed, 'moving through history adds nothing').to.equal(2);
  });

  it('the Back to projects button is a step forward to the list; the browser’s Back reopens the project', async () => {
    const { double, website } = seeded();
    loadWith('#/projects');
    const portal = await fixture<TabaPortal>(html`<taba-portal routing="hash" .client=${double}></taba-portal>`);
    await openFirstProject(portal);
    part<HTMLButtonElement>(portal, 'back')!.click();
    await portal.updateComplete;
    expect(location.hash).to.equal('#/projects');
    expect(view(portal, 'taba-project-detail')).to.equal(null);

    await go(portal, -1);
    expect(view(portal, 'taba-project-detail')!.projectId).to.equal(website.id);
  });

  it('routes every section the same way: a conversation, a new one; an unknown section is a page not found', async () => {
    const double = new PortalApiDouble();
    const thread = double.addThread(threadFixture({ title: 'Billing question' }));
    double.messageStore.get(thread.id)!.push(messageFixture(thread.id, { body: 'Your invoice is ready.' }));

    loadWith(`#/messages/${thread.id}`);
    const reading = await fixture<TabaPortal>(html`<taba-portal routing="hash" .client=${double}></taba-portal>`);
    expect(reading.section).to.equal('messages');
    const conversation = view(reading, 'taba-message-thread')!;
    expect(conversation.threadId).to.equal(thread.id);
    await waitUntil(() => textOf(part(conversation, 'body')) === 'Your invoice is ready.', 'conversation shown');

    loadWith('#/messages/new');
    const starting = await fixture<TabaPortal>(html`<taba-portal routing="hash" .client=${double}></taba-portal>`);
    await waitUntil(() => part(view(starting, 'taba-message-thread')!, 'title-input'), 'a new conversation');

    loadWith('#/nope/x');
    const unknown = await fixture<TabaPortal>(html`<taba-portal routing="hash" section="profile" .client=${double}></taba-portal>`);
    expect(unknown.section, 'the section it was given').to.equal('profile');
    expect(textOf(part(unknown, 'heading'))).to.equal('Page not found');
    expect(part(unknown, 'not-found')).not.to.equal(null);
    expect(unknown.shadowRoot!.querySelector('taba-profile'), 'not the section it was given').to.equal(null);
  });

  it('keeps a deep link when the client arrives after the portal is on the page', async () => {
    const { double, website } = seeded();
    loadWith(`#/projects/${website.id}`);
    const portal = await fixture<TabaPortal>(html`<taba-portal routing="hash"></taba-portal>`);
    expect(part(portal, 'no-session')).not.to.equal(null);
    portal.client = double;
    await portal.updateComplete;
    expect(view(portal, 'taba-project-detail')?.projectId).to.equal(website.id);
  });

  describe('embedded in a page of its own', () => {
    async function tenantPage(double: PortalApiDouble): Promise<{ page: HTMLElement; portal: TabaPortal; search: HTMLInputElement }> {
      const page = await fixture<HTMLElement>(html`
        <div>
          <header><a href="#pricing">Pricing</a> <input aria-label="Search the site" /></header>
          <main><taba-portal routing="hash" .client=${double}></taba-portal></main>
          <section id="pricing"><h2>Pricing</h2></section>
        </div>
      `);
      return { page, portal: page.querySelector('taba-portal')!, search: page.querySelector('input')! };
    }

    it('leaves the page’s own fragment alone until the contact moves, keeping path and query', async () => {
      const { double } = seeded();
      loadWith('#pricing');
      const path = `${location.pathname}${location.search}`;
      const entries = watchHistory();
      const { portal } = await tenantPage(double);
      expect(portal.section).to.equal('home');
      expect(location.hash).to.equal('#pricing');
      expect(entries.pushed).to.equal(0);

      navItem(portal, 'documents').click();
      await portal.updateComplete;
      expect(location.hash).to.equal('#/documents');
      expect(`${location.pathname}${location.search}`).to.equal(path);

      await go(portal, -1);
      expect(location.hash).to.equal('#pricing');
      expect(portal.section, 'the page’s own fragment shows where the portal started').to.equal('home');
    });

    it('opens a deep link, and Back does not take focus from the page’s own controls', async () => {
      const { double, website } = seeded();
      loadWith(`#/projects/${website.id}`);
      const { portal, search } = await tenantPage(double);
      expect(view(portal, 'taba-project-detail')?.projectId).to.equal(website.id);

      navItem(portal, 'documents').click();
      await portal.updateComplete;
      // Back only once the move is in the history: on a busy machine it can land after the
      // update, and Back before it would leave the test page (the deep link is its first entry).
      await waitUntil(() => location.hash === '#/documents', 'the move to Documents is in the history');
      search.focus();
      await go(portal, -1);
      expect(view(portal, 'taba-project-detail')?.projectId).to.equal(website.id);
      await portal.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(document.activeElement, 'focus stays where the visitor put it').to.equal(search);
    });

    it('follows the page’s links to a portal route, and its own anchors back to the start', async () => {
      const { double } = seeded();
      const { page, portal } = await tenantPage(double);
      location.hash = '#/documents';
      await waitUntil(() => portal.section === 'documents', 'a link to #/documents');
      page.querySelector<HTMLAnchorElement>('a[href="#pricing"]')!.click();
      await waitUntil(() => portal.section === 'home', 'the page’s anchor');
    });
  });
});

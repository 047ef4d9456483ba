import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { PORTAL_SECTIONS, type PortalSection } from '../sections/index.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, hasFocus, part, parts, textOf } from '../test-support/dom.js';
import { PortalApiDouble, commentFixture, documentFixture, projectFixture } from '../test-support/portal-api-double.js';
import type { TabaPortal } from './taba-portal.component.js';
import './taba-portal.js';

function view<K extends keyof HTMLElementTagNameMap>(portal: TabaPortal, tag: K): HTMLElementTagNameMap[K] | null {
  return portal.shadowRoot!.querySelector(tag);
}

function navItem(portal: TabaPortal, section: PortalSection): HTMLButtonElement {
  return parts<HTMLButtonElement>(portal, 'nav-item')[PORTAL_SECTIONS.findIndex((entry) => entry.id === section)]!;
}

function seeded(): { double: PortalApiDouble; website: ReturnType<typeof projectFixture>; support: ReturnType<typeof projectFixture> } {
  const double = new PortalApiDouble();
  const website = projectFixture({ name: 'Website redesign', documentCount: 1, tasks: [{ id: 'tsk_1', name: 'Build pages', status: 'open', assigneeName: null }] });
  const support = projectFixture({ name: 'Support', documentCount: 1 });
  double.addProject(website, {
    documents: [documentFixture(website, { name: 'Brief.pdf' })],
    comments: [commentFixture(website.id, { body: 'Kick-off is on Monday.' })],
  });
  double.addProject(support, { documents: [documentFixture(support, { name: 'Notes.txt' })] });
  return { double, website, support };
}

describe('<taba-portal> Projects and Documents', () => {
  it('has Projects and Documents in its navigation, with their headings', async function () {
    // The first portal of the page loads its sections' elements: slow on a busy machine.
    this.timeout(10_000);
    const { double } = seeded();
    const portal = await fixture<TabaPortal>(html`<taba-portal .client=${double}></taba-portal>`);
    const labels = parts(portal, 'nav-item').map(textOf);
    expect(labels).to.include.members(['Projects', 'Documents']);

    navItem(portal, 'projects').click();
    await portal.updateComplete;
    expect(textOf(part(portal, 'heading'))).to.equal('Projects');
    expect(navItem(portal, 'projects').getAttribute('aria-current')).to.equal('page');

    navItem(portal, 'documents').click();
    await portal.updateComplete;
    expect(textOf(part(portal, 'heading'))).to.equal('Documents');
    const documents = view(portal, 'taba-document-list')!;
    await waitUntil(() => parts(documents, 'row').length === 2, 'every project’s documents');
    expect(parts(documents, 'project').map(textOf)).to.deep.equal(['Website redesign', 'Support']);
  });

  it('opens a project from its card with focus on it, and Back returns to a refreshed list with focus on the heading', async function () {
    // The first portal of the page loads its sections' elements: slow on a busy machine.
    this.timeout(10_000);
    const { double, website } = seeded();
    const portal = await fixture<TabaPortal>(html`<taba-portal section="projects" .client=${double}></taba-portal>`);
    const list = view(portal, 'taba-project-list')!;
    await waitUntil(() => parts(list, 'card').length === 2, 'projects listed');

    part<HTMLButtonElement>(list, 'open')!.click();
    await portal.updateComplete;
    expect(list.hidden, 'the list steps aside').to.equal(true);
    const detail = view(portal, 'taba-project-detail')!;
    expect(detail.projectId).to.equal(website.id);
    await waitUntil(() => hasFocus(detail, 'title'), 'focus on the project’s heading');
    expect(textOf(part(detail, 'title'))).to.equal('Website redesign');

    const listCalls = double.callsOf('projects.list').length;
    buttonByText(portal, 'Back to projects')!.click();
    await portal.updateComplete;
    expect(view(portal, 'taba-project-detail')).to.equal(null);
    expect(list.hidden).to.equal(false);
    await waitUntil(() => portal.shadowRoot!.activeElement === part(portal, 'heading'), 'focus on the heading');
    await waitUntil(() => double.callsOf('projects.list').length === listCalls + 1, 'the list reloads');
  });

  it('works by keyboard alone: navigation, a project card, its tabs, and Back', async function () {
    this.timeout(10_000);
    const { double } = seeded();
    const portal = await fixture<TabaPortal>(html`<taba-portal .client=${double}></taba-portal>`);
    for (let press = 0; press <= PORTAL_SECTIONS.findIndex((entry) => entry.id === 'projects'); press++) {
      await sendKeys({ press: 'Tab' });
    }
    expect(textOf(portal.shadowRoot!.activeElement)).to.equal('Projects');
    await sendKeys({ press: 'Enter' });
    const list = view(portal, 'taba-project-list')!;
    await waitUntil(() => parts(list, 'card').length === 2, 'projects listed');

    // Focus moved to the new page's heading: the next stop is the first card.
    await waitUntil(() => hasFocus(portal, 'heading'), 'focus on the Projects heading');
    await sendKeys({ press: 'Tab' });
    expect(textOf(list.shadowRoot!.activeElement)).to.equal('Website redesign');
    await sendKeys({ press: 'Enter' });
    const detail = view(portal, 'taba-project-detail')!;
    await waitUntil(() => hasFocus(detail, 'title'), 'focus on the project');

    await sendKeys({ press: 'Tab' });
    expect(textOf(detail.shadowRoot!.activeElement)).to.equal('Documents');
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => textOf(detail.shadowRoot!.activeElement) === 'Tasks', 'on Tasks');
    expect(textOf(part(detail, 'task-name'))).to.equal('Build pages');

    // The heading before the tabs takes focus only when told to: Shift+Tab goes straight to Back.
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(hasFocus(portal, 'back'), 'focus on Back to projects').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => hasFocus(portal, 'heading'), 'back on the Projects heading');
  });
});

describe('<taba-portal> Projects and Documents accessibility (WCAG 2.2 AA)', () => {
  it('has no violations on the project list, an open project, and the documents', async function () {
    this.timeout(20_000);
    const { double } = seeded();
    const portal = await fixture<TabaPortal>(html`<taba-portal section="projects" .client=${double}></taba-portal>`);
    const list = view(portal, 'taba-project-list')!;
    await waitUntil(() => parts(list, 'card').length === 2, 'projects listed');
    await expectAccessible(portal, 'project list');

    part<HTMLButtonElement>(list, 'open')!.click();
    await portal.updateComplete;
    const detail = view(portal, 'taba-project-detail')!;
    await waitUntil(() => part(detail, 'title'), 'project shown');
    await waitUntil(() => part(view(portal, 'taba-project-detail')!.shadowRoot!.querySelector('taba-document-list')!, 'row'), 'its documents');
    await expectAccessible(portal, 'project open');

    navItem(portal, 'documents').click();
    await portal.updateComplete;
    await waitUntil(() => parts(view(portal, 'taba-document-list')!, 'row').length === 2, 'documents');
    await expectAccessible(portal, 'documents');
  });
});

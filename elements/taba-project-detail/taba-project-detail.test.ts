import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { NotFoundError } from '../../sdk/errors.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, hasFocus, part, parts, textOf } from '../test-support/dom.js';
import { PortalApiDouble, commentFixture, documentFixture, projectFixture } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import type { TabaProjectDetail } from './taba-project-detail.component.js';
import './taba-project-detail.js';

function setup(overrides: Parameters<typeof projectFixture>[0] = {}) {
  const double = new PortalApiDouble();
  const project = projectFixture({
    name: 'Website redesign',
    description: 'New site on the new brand.',
    totalHours: 42.75,
    billableHours: 30.5,
    lastActivityAt: '2026-11-24T15:00:00.000Z',
    documentCount: 1,
    // In the server's order: in progress, open, done, cancelled.
    tasks: [
      { id: 'tsk_1', name: 'Build pages', status: 'in_progress', assigneeName: 'Grace Hopper' },
      { id: 'tsk_2', name: 'Write copy', status: 'open', assigneeName: null },
      { id: 'tsk_3', name: 'Kick-off', status: 'done', assigneeName: 'Grace Hopper' },
      { id: 'tsk_4', name: 'Print flyers', status: 'cancelled', assigneeName: 'Alan Turing' },
    ],
    ...overrides,
  });
  double.addProject(project, {
    documents: [documentFixture(project, { name: 'Brief.pdf' })],
    comments: [commentFixture(project.id, { body: 'Kick-off is on Monday.' })],
  });
  return { double, project };
}

async function renderDetail(double: PortalApiDouble, projectId: string | undefined): Promise<TabaProjectDetail> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-project-detail .projectId=${projectId}></taba-project-detail>
    </test-portal-provider>
  `);
  const detail = provider.querySelector('taba-project-detail')!;
  return detail;
}

async function shown(detail: TabaProjectDetail): Promise<void> {
  await waitUntil(() => part(detail, 'title'), 'project shown');
}

function tabs(detail: TabaProjectDetail): HTMLElement[] {
  return parts(detail, 'tab');
}

function visiblePanel(detail: TabaProjectDetail): HTMLElement {
  return parts(detail, 'panel').find((panel) => !panel.hidden)!;
}

describe('<taba-project-detail>', () => {
  it('shows the name, description and summary cards for Total Hours, Billable Hours and Last Activity', async () => {
    const { double, project } = setup();
    const release = double.hold();
    const detail = await renderDetail(double, project.id);
    expect(part(detail, 'loading')?.getAttribute('role')).to.equal('status');
    release();
    await shown(detail);

    expect(textOf(part(detail, 'title'))).to.equal('Website redesign');
    expect(part(detail, 'title')!.localName).to.equal('h3');
    expect(textOf(part(detail, 'description'))).to.equal('New site on the new brand.');
    const cards = parts(detail, 'summary-card').map((card) => [textOf(card.querySelector('dt')), textOf(card.querySelector('dd'))]);
    const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date('2026-11-24T15:00:00.000Z'));
    const hours = (value: number) => `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(value)} h`;
    expect(cards).to.deep.equal([
      ['Total Hours', hours(42.75)],
      ['Billable Hours', hours(30.5)],
      ['Last Activity', date],
    ]);
    expect(part(detail, 'summary')!.localName).to.equal('dl');
    expect(double.callsOf('projects.retrieve')).to.deep.equal([[project.id]]);
  });

  it('is a proper ARIA tablist: Documents open first, each tab controls its labelled panel', async () => {
    const { double, project } = setup();
    const detail = await renderDetail(double, project.id);
    await shown(detail);

    const list = part(detail, 'tabs')!;
    expect(list.getAttribute('role')).to.equal('tablist');
    expect(list.getAttribute('aria-label')).to.equal('Project details');
    expect(tabs(detail).map(textOf)).to.deep.equal(['Documents', 'Tasks', 'Comments']);
    for (const tab of tabs(detail)) {
      expect(tab.getAttribute('role')).to.equal('tab');
      const panel = detail.shadowRoot!.getElementById(tab.getAttribute('aria-controls')!)!;
      expect(panel.getAttribute('role')).to.equal('tabpanel');
      expect(panel.getAttribute('aria-labelledby')).to.equal(tab.id);
    }
    expect(tabs(detail).map((tab) => tab.getAttribute('aria-selected'))).to.deep.equal(['true', 'false', 'false']);
    expect(tabs(detail).map((tab) => tab.getAttribute('tabindex'))).to.deep.equal(['0', '-1', '-1']);
    expect(detail.tab).to.equal('documents');

    const documents = visiblePanel(detail).querySelector('taba-document-list')!;
    expect(documents.getAttribute('project-id')).to.equal(project.id);
    await waitUntil(() => parts(documents, 'row').length === 1, 'the project’s documents');
    expect(textOf(part(documents, 'name'))).to.equal('Brief.pdf');
    expect(part(documents, 'project'), 'no Project column inside a project').to.equal(null);
    expect(double.callsOf('projectComments.list'), 'Comments not loaded before its tab opens').to.have.length(0);
  });

  it('moves between tabs with the arrow keys, Home and End, wrapping round, with focus following', async () => {
    const { double, project } = setup();
    const detail = await renderDetail(double, project.id);
    await shown(detail);

    await sendKeys({ press: 'Tab' });
    expect(detail.shadowRoot!.activeElement, 'Tab enters the tab list at the open tab').to.equal(tabs(detail)[0]);
    const selected = () => tabs(detail).findIndex((tab) => tab.getAttribute('aria-selected') === 'true');
    const focused = () => tabs(detail).indexOf(detail.shadowRoot!.activeElement as HTMLElement);
    const press = async (key: string, expected: number) => {
      await sendKeys({ press: key });
      await detail.updateComplete;
      await waitUntil(() => focused() === expected, `${key}: focus on tab ${expected}`);
      expect(selected(), `${key}: tab ${expected} open`).to.equal(expected);
      expect(visiblePanel(detail).id).to.equal(tabs(detail)[expected]!.getAttribute('aria-controls'));
    };
    await press('ArrowRight', 1);
    await press('ArrowRight', 2);
    await press('ArrowRight', 0);
    await press('ArrowLeft', 2);
    await press('Home', 0);
    await press('End', 2);
    expect(tabs(detail).map((tab) => tab.getAttribute('tabindex'))).to.deep.equal(['-1', '-1', '0']);

    // Tab leaves the tab list for the open panel's content.
    await sendKeys({ press: 'Tab' });
    expect(detail.shadowRoot!.activeElement).to.equal(visiblePanel(detail));
  });

  it('lists tasks in the server’s order with assignee and a status badge in words', async () => {
    const { double, project } = setup();
    const detail = await renderDetail(double, project.id);
    await shown(detail);
    buttonByText(detail, 'Tasks')!.click();
    await detail.updateComplete;

    const rows = parts(detail, 'task').map((row) => [
      textOf(row.querySelector("[part~='task-name']")),
      textOf(row.querySelector("[part~='assignee']")),
      textOf(row.querySelector("[part~='status']")),
    ]);
    expect(rows).to.deep.equal([
      ['Build pages', 'Grace Hopper', 'In Progress'],
      ['Write copy', 'Unassigned', 'Open'],
      ['Kick-off', 'Grace Hopper', 'Done'],
      ['Print flyers', 'Alan Turing', 'Cancelled'],
    ]);
    expect(parts(detail, 'status').map((badge) => badge.getAttribute('part'))).to.deep.equal([
      'status status-in-progress',
      'status status-open',
      'status status-done',
      'status status-cancelled',
    ]);
    expect(Array.from(part(detail, 'tasks')!.querySelectorAll('thead th'), textOf)).to.deep.equal(['Task', 'Assigned to', 'Status']);
  });

  it('says so when there are no tasks', async () => {
    const { double, project } = setup({ tasks: [] });
    const detail = await renderDetail(double, project.id);
    await shown(detail);
    buttonByText(detail, 'Tasks')!.click();
    await detail.updateComplete;
    expect(textOf(part(detail, 'no-tasks'))).to.equal('No tasks yet');
  });

  it('shows the comments in the Comments tab, keeps a draft across tab switches, and a posted comment is the last activity', async () => {
    const { double, project } = setup();
    const detail = await renderDetail(double, project.id);
    await shown(detail);
    buttonByText(detail, 'Comments')!.click();
    await detail.updateComplete;
    const thread = visiblePanel(detail).querySelector('taba-comment-thread')!;
    expect(thread.getAttribute('project-id')).to.equal(project.id);
    await waitUntil(() => part(thread, 'body'), 'comments shown');
    expect(textOf(part(thread, 'body'))).to.equal('Kick-off is on Monday.');

    part<HTMLTextAreaElement>(thread, 'comment-input')!.focus();
    await sendKeys({ type: 'Thanks!' });
    buttonByText(detail, 'Tasks')!.click();
    await detail.updateComplete;
    buttonByText(detail, 'Comments')!.click();
    await detail.updateComplete;
    expect(visiblePanel(detail).querySelector('taba-comment-thread'), 'the same thread').to.equal(thread);
    expect(part<HTMLTextAreaElement>(thread, 'comment-input')!.value).to.equal('Thanks!');

    part<HTMLButtonElement>(thread, 'post')!.click();
    await waitUntil(() => parts(thread, 'comment').length === 2, 'posted');
    const posted = double.commentStore.get(project.id)!.at(-1)!;
    const lastActivity = parts(detail, 'summary-card')[2]!.querySelector('time')!;
    await waitUntil(() => lastActivity.getAttribute('datetime') === posted.createdAt, 'last activity is the comment');
  });

  it('focus() moves to the heading once the project is shown', async () => {
    const { double, project } = setup();
    const release = double.hold();
    const detail = await renderDetail(double, project.id);
    detail.focus();
    release();
    await shown(detail);
    await waitUntil(() => hasFocus(detail, 'title'), 'focus on the heading');
  });

  it('alerts with Retry when loading fails, and explains a missing project or client', async () => {
    const { double, project } = setup();
    double.failNext('projects.retrieve', new NotFoundError({ type: 'about:blank', title: 'Project not found', status: 404, code: 'not_found' }));
    const detail = await renderDetail(double, project.id);
    await waitUntil(() => part(detail, 'error'), 'error');
    expect(part(detail, 'error')!.getAttribute('role')).to.equal('alert');
    expect(textOf(part(detail, 'error'))).to.contain('Could not load this project.');
    expect(textOf(part(detail, 'error-advice'))).to.contain('Go back to the list');
    buttonByText(detail, 'Retry')!.click();
    await shown(detail);

    const none = await renderDetail(double, undefined);
    expect(textOf(part(none, 'notice'))).to.equal('No project selected.');
    const alone = await fixture<TabaProjectDetail>(html`<taba-project-detail project-id="prj_x"></taba-project-detail>`);
    expect(textOf(part(alone, 'notice'))).to.equal('Not connected to a portal session.');
  });
});

describe('<taba-project-detail> accessibility (WCAG 2.2 AA)', () => {
  it('has no violations loading, and on each tab', async function () {
    this.timeout(20_000);
    const { double, project } = setup();
    const release = double.hold();
    const detail = await renderDetail(double, project.id);
    await expectAccessible(detail, 'loading');
    release();
    await shown(detail);
    const documents = visiblePanel(detail).querySelector('taba-document-list')!;
    await waitUntil(() => part(documents, 'row'), 'documents');
    await expectAccessible(detail, 'documents tab');

    buttonByText(detail, 'Tasks')!.click();
    await detail.updateComplete;
    await expectAccessible(detail, 'tasks tab');

    buttonByText(detail, 'Comments')!.click();
    await detail.updateComplete;
    const thread = visiblePanel(detail).querySelector('taba-comment-thread')!;
    await waitUntil(() => part(thread, 'body'), 'comments');
    await expectAccessible(detail, 'comments tab');
  });

  it('has no violations with no tasks and no documents, when loading failed, and without a client', async function () {
    this.timeout(20_000);
    const double = new PortalApiDouble();
    const bare = projectFixture({ description: '', tasks: [] });
    double.addProject(bare);
    const detail = await renderDetail(double, bare.id);
    await shown(detail);
    await waitUntil(() => part(visiblePanel(detail).querySelector('taba-document-list')!, 'empty'), 'no documents');
    await expectAccessible(detail, 'no documents');
    buttonByText(detail, 'Tasks')!.click();
    await detail.updateComplete;
    await expectAccessible(detail, 'no tasks');

    double.failNext('projects.retrieve', new TypeError('Failed to fetch'));
    const failed = await renderDetail(double, bare.id);
    await waitUntil(() => part(failed, 'error'), 'error');
    await expectAccessible(failed, 'error');

    const alone = await fixture<TabaProjectDetail>(html`<taba-project-detail project-id="prj_x"></taba-project-detail>`);
    await expectAccessible(alone, 'not connected');
  });
});

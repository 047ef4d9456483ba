import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../sdk/errors.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, hasFocus, part, parts, textOf } from '../test-support/dom.js';
import { PortalApiDouble, projectFixture } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import type { TabaProjectList } from './taba-project-list.component.js';
import './taba-project-list.js';

function cell(card: Element | undefined, name: string): string {
  return textOf(card?.querySelector(`[part~='${name}']`));
}

function doubleWith(...projects: ReturnType<typeof projectFixture>[]): PortalApiDouble {
  const double = new PortalApiDouble();
  for (const project of projects) double.addProject(project);
  return double;
}

async function renderList(double: PortalApiDouble, pageSize = 20): Promise<TabaProjectList> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-project-list page-size=${pageSize}></taba-project-list>
    </test-portal-provider>
  `);
  return provider.querySelector('taba-project-list')!;
}

async function cardsOf(list: TabaProjectList, count: number): Promise<HTMLElement[]> {
  await waitUntil(() => parts(list, 'card').length === count, `expected ${count} cards`);
  return parts(list, 'card');
}

describe('<taba-project-list>', () => {
  it('shows a loading status, then a card per project with name, description, document count and last activity', async () => {
    const double = doubleWith(
      projectFixture({
        name: 'Website redesign',
        description: 'New site on the new brand.',
        documentCount: 3,
        lastActivityAt: '2026-11-24T15:00:00.000Z',
      }),
      projectFixture({ name: 'Support', description: '', documentCount: 1 }),
    );
    const release = double.hold();
    const list = await renderList(double);
    expect(part(list, 'loading')?.getAttribute('role')).to.equal('status');
    release();

    const [first, second] = await cardsOf(list, 2);
    expect(cell(first, 'name')).to.equal('Website redesign');
    expect(first!.querySelector("[part~='name']")!.localName, 'each card is headed').to.equal('h3');
    expect(cell(first, 'description')).to.equal('New site on the new brand.');
    expect(cell(first, 'document-count')).to.equal('3 shared documents');
    const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date('2026-11-24T15:00:00.000Z'));
    expect(cell(first, 'last-activity')).to.equal(`Last activity ${date}`);
    expect(first!.querySelector('time')!.getAttribute('datetime')).to.equal('2026-11-24T15:00:00.000Z');

    expect(cell(second, 'description')).to.equal('No description');
    expect(second!.querySelector("[part~='description']")!.getAttribute('part')).to.equal('description description-none');
    expect(cell(second, 'document-count')).to.equal('1 shared document');
    expect(part(list, 'list')!.getAttribute('aria-label')).to.equal('Projects');
    expect(part(list, 'load-more')).to.equal(null);
  });

  it('says so when there are no projects', async () => {
    const list = await renderList(new PortalApiDouble());
    await waitUntil(() => part(list, 'empty'), 'empty state');
    expect(textOf(part(list, 'empty'))).to.equal('No projects yet');
    expect(part(list, 'list')).to.equal(null);
  });

  it('shows an alert with the reason and Retry when loading fails, and recovers', async () => {
    const double = doubleWith(projectFixture({ name: 'Website redesign' }));
    double.failNext(
      'projects.list',
      new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable', requestId: 'req_7' }),
    );
    const list = await renderList(double);
    await waitUntil(() => part(list, 'error'), 'error state');
    expect(part(list, 'error')!.getAttribute('role')).to.equal('alert');
    expect(textOf(part(list, 'error'))).to.contain('Could not load your projects.');
    expect(textOf(part(list, 'error'))).to.contain('req_7');

    buttonByText(list, 'Retry')!.click();
    const [card] = await cardsOf(list, 1);
    expect(cell(card, 'name')).to.equal('Website redesign');
  });

  it('loads further pages with "Load more", from the keyboard, and focuses the first new project', async () => {
    const double = doubleWith(projectFixture({ name: 'First' }), projectFixture({ name: 'Second' }), projectFixture({ name: 'Third' }));
    const list = await renderList(double, 2);
    await cardsOf(list, 2);

    for (let press = 0; press < 3; press++) await sendKeys({ press: 'Tab' });
    expect(hasFocus(list, 'load-more'), 'focus on Load more').to.equal(true);
    await sendKeys({ press: 'Enter' });

    const cards = await cardsOf(list, 3);
    expect(cards.map((card) => cell(card, 'name'))).to.deep.equal(['First', 'Second', 'Third']);
    const third = cards[2]!.querySelector("[part~='open']");
    await waitUntil(() => list.shadowRoot!.activeElement === third, 'focus on the first new project');
    expect(double.callsOf('projects.list')).to.deep.equal([[{ limit: 2 }], [{ limit: 2, cursor: '2' }]]);
  });

  it('opens a project by click, or by Tab and Enter: taba-project-select (bubbling, composed)', async () => {
    const chosen = projectFixture({ name: 'Keyboard pick', documentCount: 2 });
    const list = await renderList(doubleWith(projectFixture(), chosen));
    const cards = await cardsOf(list, 2);

    const clicked = oneEvent(document, 'taba-project-select');
    cards[0]!.querySelector<HTMLButtonElement>("[part~='open']")!.click();
    const event = await clicked;
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);

    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(list.shadowRoot!.activeElement).to.equal(cards[1]!.querySelector("[part~='open']"));
    const keyed = oneEvent(list, 'taba-project-select');
    await sendKeys({ press: 'Enter' });
    expect((await keyed).detail.project).to.deep.equal({
      id: chosen.id,
      name: 'Keyboard pick',
      description: chosen.description,
      documentCount: 2,
      lastActivityAt: chosen.lastActivityAt,
    });
  });

  it('refresh() shows what changed on the server', async () => {
    const double = doubleWith(projectFixture({ name: 'Website redesign', documentCount: 1 }));
    const list = await renderList(double);
    await cardsOf(list, 1);
    double.projectStore[0]!.documentCount = 2;
    await list.refresh();
    await list.updateComplete;
    expect(textOf(part(list, 'document-count'))).to.equal('2 shared documents');
  });

  it('explains that it is not connected when nothing provides a client', async () => {
    const list = await fixture<TabaProjectList>(html`<taba-project-list></taba-project-list>`);
    expect(textOf(part(list, 'notice'))).to.equal('Not connected to a portal session.');
  });
});

describe('<taba-project-list> accessibility (WCAG 2.2 AA)', () => {
  it('has no violations while loading, loaded with Load more, and loading more', async function () {
    this.timeout(10_000);
    const double = doubleWith(
      projectFixture({ name: 'Website redesign', documentCount: 3 }),
      projectFixture({ description: '' }),
      projectFixture(),
    );
    const release = double.hold();
    const list = await renderList(double, 2);
    await expectAccessible(list, 'loading');
    release();
    await cardsOf(list, 2);
    await expectAccessible(list, 'loaded');

    const holdMore = double.hold();
    part<HTMLButtonElement>(list, 'load-more')!.click();
    await waitUntil(() => part(list, 'load-more')?.getAttribute('aria-disabled') === 'true', 'busy button');
    await expectAccessible(list, 'loading more');
    holdMore();
    await cardsOf(list, 3);
  });

  it('has no violations when empty, when loading failed, and without a client', async function () {
    this.timeout(10_000);
    const empty = await renderList(new PortalApiDouble());
    await waitUntil(() => part(empty, 'empty'), 'empty state');
    await expectAccessible(empty, 'empty');

    const failing = doubleWith(projectFixture());
    failing.failNext('projects.list', new TypeError('Failed to fetch'));
    const failed = await renderList(failing);
    await waitUntil(() => part(failed, 'error'), 'error state');
    await expectAccessible(failed, 'error');

    const alone = await fixture<TabaProjectList>(html`<taba-project-list></taba-project-list>`);
    await expectAccessible(alone, 'not connected');
  });
});

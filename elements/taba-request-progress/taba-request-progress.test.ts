import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { NotFoundError } from '../../sdk/errors.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, part, textOf } from '../test-support/dom.js';
import { PortalApiDouble } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import { RequestDesk, requestFixture, requestItemFixture } from '../test-support/request-desk.js';
import type { TabaRequestProgress } from './taba-request-progress.component.js';
import './taba-request-progress.js';

function setup(overrides: Parameters<typeof requestFixture>[0] = {}) {
  const double = new PortalApiDouble();
  const request = requestFixture({
    title: 'Year-end documents',
    projectName: 'Annual accounts',
    projectId: 'prj_accounts',
    status: 'in_progress',
    sentAt: '2026-11-24T15:00:00.000Z',
    items: [
      requestItemFixture({ state: 'accepted' }),
      requestItemFixture({ state: 'accepted' }),
      requestItemFixture({ state: 'under_review' }),
      requestItemFixture({ kind: 'file' }),
      requestItemFixture({ state: 'returned', returnReason: 'Blurry' }),
    ],
    ...overrides,
  });
  const desk = new RequestDesk(double, [request]);
  return { double, desk, request };
}

async function renderProgress(double: PortalApiDouble, requestId: string | undefined): Promise<TabaRequestProgress> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-request-progress .requestId=${requestId}></taba-request-progress>
    </test-portal-provider>
  `);
  return provider.querySelector('taba-request-progress')!;
}

describe('<taba-request-progress>', () => {
  it('loads the request by its id alone and shows number, title, status, project, sent date and progress', async () => {
    const { double, request } = setup();
    const release = double.hold();
    const progress = await renderProgress(double, request.id);
    expect(part(progress, 'loading')?.getAttribute('role')).to.equal('status');
    expect(textOf(part(progress, 'loading'))).to.equal('Loading request…');
    release();
    await waitUntil(() => part(progress, 'title'), 'request shown');

    expect(textOf(part(progress, 'title'))).to.equal(`${request.number} Year-end documents`);
    expect(textOf(part(progress, 'number'))).to.equal(request.number);
    expect(part(progress, 'title')!.localName).to.equal('h3');
    expect(textOf(part(progress, 'status'))).to.equal('In Progress');
    expect(part(progress, 'status')!.getAttribute('part')).to.equal('status status-in-progress');
    expect(textOf(part(progress, 'project'))).to.equal('Annual accounts');
    const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date('2026-11-24T15:00:00.000Z'));
    expect(textOf(part(progress, 'sent'))).to.equal(`Sent ${date}`);

    expect(textOf(part(progress, 'progress-text'))).to.equal('2 of 5 accepted');
    const bar = part<HTMLProgressElement>(progress, 'progress-bar')!;
    expect(bar.localName, 'a native progressbar').to.equal('progress');
    expect([bar.value, bar.max]).to.deep.equal([2, 5]);
    expect(bar.labels[0], 'named by its text').to.equal(part(progress, 'progress'));
    expect(double.callsOf('retrievePortalRequest')).to.deep.equal([[{ params: { requestId: request.id }, query: undefined, body: undefined }]]);
  });

  it('shows every status in words, and no project when there is none', async () => {
    for (const [status, words] of [
      ['sent', 'Sent'],
      ['completed', 'Completed'],
      ['cancelled', 'Cancelled'],
    ] as const) {
      const { double, request } = setup({ status, projectName: null, projectId: null });
      const progress = await renderProgress(double, request.id);
      await waitUntil(() => part(progress, 'status'), status);
      expect(textOf(part(progress, 'status'))).to.equal(words);
      expect(part(progress, 'status')!.getAttribute('part')).to.equal(`status status-${status}`);
      expect(part(progress, 'project')).to.equal(null);
    }
  });

  it('says so when the request has no items, instead of an empty bar', async () => {
    const { double, request } = setup({ items: [] });
    const progress = await renderProgress(double, request.id);
    await waitUntil(() => part(progress, 'title'), 'shown');
    expect(textOf(part(progress, 'progress'))).to.equal('No items yet');
    expect(part(progress, 'progress-bar')).to.equal(null);
  });

  it('refresh() shows what changed on the server', async () => {
    const { double, desk, request } = setup();
    const progress = await renderProgress(double, request.id);
    await waitUntil(() => part(progress, 'title'), 'shown');
    desk.requests[0]!.acceptedCount = 3;
    await progress.refresh();
    await progress.updateComplete;
    expect(textOf(part(progress, 'progress-text'))).to.equal('3 of 5 accepted');
  });

  it('alerts with Retry when loading fails, and explains a missing id or client', async () => {
    const { double, request } = setup();
    double.failNext('retrievePortalRequest', new NotFoundError({ type: 'about:blank', title: 'Request not found', status: 404, code: 'not_found' }));
    const progress = await renderProgress(double, request.id);
    await waitUntil(() => part(progress, 'error'), 'error');
    expect(part(progress, 'error')!.getAttribute('role')).to.equal('alert');
    expect(textOf(part(progress, 'error'))).to.contain('Could not load this request.');
    expect(textOf(part(progress, 'error-advice'))).to.contain('Go back to the list');
    buttonByText(progress, 'Retry')!.click();
    await waitUntil(() => part(progress, 'title'), 'shown after Retry');

    const none = await renderProgress(double, undefined);
    expect(textOf(part(none, 'notice'))).to.equal('No request selected.');
    const alone = await fixture<TabaRequestProgress>(html`<taba-request-progress request-id="req_x"></taba-request-progress>`);
    expect(textOf(part(alone, 'notice'))).to.equal('Not connected to a portal session.');
  });
});

describe('<taba-request-progress> accessibility (WCAG 2.2 AA)', () => {
  it('has no violations loading, shown, without items, failed and without a client', async function () {
    this.timeout(20_000);
    const { double, request } = setup();
    const release = double.hold();
    const progress = await renderProgress(double, request.id);
    await expectAccessible(progress, 'loading');
    release();
    await waitUntil(() => part(progress, 'title'), 'shown');
    await expectAccessible(progress, 'shown');

    for (const status of ['sent', 'completed', 'cancelled'] as const) {
      const other = setup({ status });
      const shown = await renderProgress(other.double, other.request.id);
      await waitUntil(() => part(shown, 'title'), status);
      await expectAccessible(shown, status);
    }

    const bare = setup({ items: [] });
    const empty = await renderProgress(bare.double, bare.request.id);
    await waitUntil(() => part(empty, 'title'), 'no items');
    await expectAccessible(empty, 'no items');

    double.failNext('retrievePortalRequest', new TypeError('Failed to fetch'));
    const failed = await renderProgress(double, request.id);
    await waitUntil(() => part(failed, 'error'), 'error');
    await expectAccessible(failed, 'error');

    const alone = await fixture<TabaRequestProgress>(html`<taba-request-progress request-id="req_x"></taba-request-progress>`);
    await expectAccessible(alone, 'not connected');
  });
});

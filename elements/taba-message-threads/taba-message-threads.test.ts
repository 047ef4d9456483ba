import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../sdk/errors.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, part, parts, textOf } from '../test-support/dom.js';
import { PortalApiDouble, messageFixture, threadFixture } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import { spokenText } from '../test-support/spoken.js';
import type { TabaMessageThreads } from './taba-message-threads.component.js';
import './taba-message-threads.js';

async function renderThreads(double: PortalApiDouble, pageSize = 20): Promise<TabaMessageThreads> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-message-threads page-size=${pageSize}></taba-message-threads>
    </test-portal-provider>
  `);
  return provider.querySelector('taba-message-threads')!;
}

async function rowsOf(threads: TabaMessageThreads, count: number): Promise<HTMLElement[]> {
  await waitUntil(() => parts(threads, 'row').length === count, `expected ${count} rows`);
  return parts(threads, 'row');
}

function titleOf(row: Element | undefined): HTMLButtonElement {
  return row!.querySelector<HTMLButtonElement>("[part~='title']")!;
}

/** Three threads: one read, one with 3 unread team messages, one with 1; the newest activity is the 3-unread one. */
function threeThreads(): PortalApiDouble {
  const double = new PortalApiDouble();
  double.addThread(threadFixture({ title: 'Invoice address', lastMessageAt: '2026-11-10T09:00:00.000Z' }));
  const billing = double.addThread(
    threadFixture({ title: 'Billing question', lastMessageAt: '2026-11-24T16:00:00.000Z', unreadCount: 3 }),
  );
  double.messageStore.get(billing.id)!.push(messageFixture(billing.id));
  double.addThread(threadFixture({ title: 'Kick-off date', lastMessageAt: '2026-11-20T11:00:00.000Z', unreadCount: 1 }));
  return double;
}

describe('<taba-message-threads>', () => {
  it('shows a loading status, then the conversations with the newest activity first and their unread counts', async () => {
    const double = threeThreads();
    const release = double.hold();
    const threads = await renderThreads(double);
    expect(part(threads, 'loading')!.getAttribute('role')).to.equal('status');
    expect(textOf(part(threads, 'loading'))).to.equal('Loading conversations…');
    release();

    const rows = await rowsOf(threads, 3);
    expect(rows.map((row) => spokenText(titleOf(row)))).to.deep.equal([
      'Billing question 3 unread',
      'Kick-off date 1 unread',
      'Invoice address',
    ]);
    // Sighted readers see the number alone in the badge; the word is for screen readers.
    const badge = part(threads, 'unread')!;
    expect(badge.querySelector('[aria-hidden="true"]')!.textContent).to.equal('3');
    expect(rows.map((row) => row.getAttribute('part'))).to.deep.equal(['row row-unread', 'row row-unread', 'row']);
    const lastDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date('2026-11-24T16:00:00.000Z'));
    expect(textOf(rows[0]!.querySelector("[part~='last-message']"))).to.equal(`Last message ${lastDate}`.replace(/\s+/g, ' '));
    expect(buttonByText(threads, 'New conversation')).not.to.equal(null);
  });

  it('says so when there are no conversations, and still offers to start one', async () => {
    const threads = await renderThreads(new PortalApiDouble());
    await waitUntil(() => part(threads, 'empty'), 'empty state');
    expect(textOf(part(threads, 'empty'))).to.equal('No conversations yet. Start one to ask the team anything.');
    expect(part(threads, 'list')).to.equal(null);
    const heard = oneEvent(threads, 'taba-thread-new');
    buttonByText(threads, 'New conversation')!.click();
    const event = await heard;
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('shows an alert with the reason and a Retry button when loading fails, and recovers', async () => {
    const double = threeThreads();
    double.failNext(
      'threads.list',
      new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable', requestId: 'req_77' }),
    );
    const threads = await renderThreads(double);
    await waitUntil(() => part(threads, 'error'), 'error state');
    expect(part(threads, 'error')!.getAttribute('role')).to.equal('alert');
    expect(textOf(part(threads, 'error'))).to.contain('Could not load your conversations.');
    expect(textOf(part(threads, 'error'))).to.contain('req_77');
    buttonByText(threads, 'Retry')!.click();
    await rowsOf(threads, 3);
    expect(part(threads, 'error')).to.equal(null);
  });

  it('emits taba-thread-select with the conversation when a row is clicked', async () => {
    const double = threeThreads();
    const threads = await renderThreads(double);
    const rows = await rowsOf(threads, 3);
    const heard = oneEvent(document, 'taba-thread-select');
    titleOf(rows[1]).click();
    const event = await heard;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.thread.title).to.equal('Kick-off date');
    expect(event.detail.thread.unreadCount).to.equal(1);
  });

  it('works with the keyboard alone: New conversation, then the conversations, Enter selects', async () => {
    const threads = await renderThreads(threeThreads());
    await rowsOf(threads, 3);
    await sendKeys({ press: 'Tab' });
    expect(textOf(threads.shadowRoot!.activeElement)).to.equal('New conversation');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    const heard = oneEvent(threads, 'taba-thread-select');
    await sendKeys({ press: 'Enter' });
    expect((await heard).detail.thread.title).to.equal('Kick-off date');
  });

  it('loads further pages with "Load more"', async () => {
    const double = threeThreads();
    const threads = await renderThreads(double, 2);
    await rowsOf(threads, 2);
    part<HTMLButtonElement>(threads, 'load-more')!.click();
    const rows = await rowsOf(threads, 3);
    expect(spokenText(titleOf(rows[2]))).to.equal('Invoice address');
    expect(part(threads, 'load-more')).to.equal(null);
    expect(double.callsOf('threads.list')).to.deep.equal([[{ limit: 2 }], [{ limit: 2, cursor: '2' }]]);
  });

  it('refresh() drops the badge of a conversation that was read', async () => {
    const double = threeThreads();
    const threads = await renderThreads(double);
    await rowsOf(threads, 3);
    expect(parts(threads, 'unread')).to.have.length(2);

    await double.messages.list(double.threadStore[1]!.id);
    await threads.refresh();
    await threads.updateComplete;
    expect(parts(threads, 'unread')).to.have.length(1);
    expect(spokenText(titleOf(parts(threads, 'row')[0]))).to.equal('Billing question');
  });

  it('explains that it is not connected when nothing provides a client', async () => {
    const threads = await fixture<TabaMessageThreads>(html`<taba-message-threads></taba-message-threads>`);
    await waitUntil(() => part(threads, 'notice'), 'notice');
    expect(textOf(part(threads, 'notice'))).to.equal('Not connected to a portal session.');
  });
});

describe('<taba-message-threads> accessibility (WCAG 2.2 AA)', () => {
  it('has no violations while loading, and with unread and read conversations and Load more', async function () {
    this.timeout(10_000);
    const double = threeThreads();
    const release = double.hold();
    const threads = await renderThreads(double, 2);
    await expectAccessible(threads, 'loading');
    release();
    await rowsOf(threads, 2);
    expect(part(threads, 'load-more')).not.to.equal(null);
    await expectAccessible(threads, 'loaded');
  });

  it('has no violations when empty, when loading failed, and without a client', async function () {
    this.timeout(10_000);
    const empty = await renderThreads(new PortalApiDouble());
    await waitUntil(() => part(empty, 'empty'), 'empty state');
    await expectAccessible(empty, 'empty');

    const failing = threeThreads();
    failing.failNext('threads.list', new TypeError('Failed to fetch'));
    const failed = await renderThreads(failing);
    await waitUntil(() => part(failed, 'error'), 'error state');
    await expectAccessible(failed, 'error');

    const alone = await fixture<TabaMessageThreads>(html`<taba-message-threads></taba-message-threads>`);
    await expectAccessible(alone, 'not connected');
  });
});

import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { PortalThread } from '../../sdk/contract/messages.js';
import { ApiError } from '../../sdk/errors.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, hasFocus, part, parts, textOf } from '../test-support/dom.js';
import { PortalApiDouble, messageFixture, proposalFixture, threadFixture } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import { spokenText } from '../test-support/spoken.js';
import type { TabaMessageThread } from './taba-message-thread.component.js';
import './taba-message-thread.js';

const SLOW = { timeout: 3000 };

/** A thread with two unread team messages, one of the contact's and one of a colleague's, oldest first. */
function conversation(): { double: PortalApiDouble; thread: PortalThread } {
  const double = new PortalApiDouble();
  const thread = double.addThread(threadFixture({ title: 'Billing question', unreadCount: 2 }), []);
  double.messageStore.set(thread.id, [
    messageFixture(thread.id, { body: 'Hello, how can we help?', createdAt: '2026-11-20T09:00:00.000Z' }),
    messageFixture(thread.id, {
      body: 'Which address goes on the invoice?',
      author: { type: 'contact', name: 'Ada Lovelace', isYou: true },
      createdAt: '2026-11-20T10:00:00.000Z',
    }),
    messageFixture(thread.id, {
      body: 'Our billing team will confirm.',
      author: { type: 'team', name: 'Grace Hopper', isYou: false },
      createdAt: '2026-11-20T11:00:00.000Z',
    }),
    messageFixture(thread.id, {
      body: 'I can check with finance too.',
      author: { type: 'contact', name: 'Charles Babbage', isYou: false },
      createdAt: '2026-11-20T12:00:00.000Z',
    }),
  ]);
  return { double, thread };
}

async function render(double: PortalApiDouble, attributes: { threadId?: string; subjectId?: string } = {}): Promise<TabaMessageThread> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-message-thread
        .threadId=${attributes.threadId}
        .subjectType=${attributes.subjectId ? 'proposal' : undefined}
        .subjectId=${attributes.subjectId}
      ></taba-message-thread>
    </test-portal-provider>
  `);
  return provider.querySelector('taba-message-thread')!;
}

async function shown(element: TabaMessageThread): Promise<TabaMessageThread> {
  await waitUntil(() => part(element, 'composer'), 'conversation shown');
  return element;
}

function bodies(element: TabaMessageThread): string[] {
  return parts(element, 'message').map((message) => textOf(message.querySelector("[part~='body']")));
}

/** Types into the message field the way a person does: focus it, then keys. */
async function type(element: TabaMessageThread, text: string): Promise<void> {
  part<HTMLTextAreaElement>(element, 'message-input')!.focus();
  await sendKeys({ type: text });
  await element.updateComplete;
}

/** Sets a long draft at once (typing 2,000 keys would be slow), as pasting does. */
async function paste(element: TabaMessageThread, text: string): Promise<void> {
  const field = part<HTMLTextAreaElement>(element, 'message-input')!;
  field.focus();
  field.value = text;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await element.updateComplete;
}

describe('<taba-message-thread>', () => {
  it('shows the messages oldest first, telling the team from the customer for eyes and screen readers, and marks them read', async () => {
    const { double, thread } = conversation();
    const release = double.hold();
    const element = await render(double, { threadId: thread.id });
    expect(textOf(part(element, 'loading'))).to.equal('Loading conversation…');
    release();
    await shown(element);

    expect(textOf(part(element, 'title'))).to.equal('Billing question');
    expect(bodies(element)).to.deep.equal([
      'Hello, how can we help?',
      'Which address goes on the invoice?',
      'Our billing team will confirm.',
      'I can check with finance too.',
    ]);
    const messages = parts(element, 'message');
    expect(messages.map((message) => message.getAttribute('part'))).to.deep.equal([
      'message message-team',
      'message message-customer message-you',
      'message message-team',
      'message message-customer',
    ]);
    expect(messages.map((message) => spokenText(message.querySelector("[part~='author']")).split(' wrote')[0])).to.deep.equal([
      'Team, Grace Hopper,',
      'You,',
      'Team, Grace Hopper,',
      'Charles Babbage,',
    ]);
    // What sighted readers see: the name, and a Team badge on the team's messages.
    expect(textOf(messages[0]!.querySelector('[aria-hidden="true"]'))).to.equal('Grace Hopper Team');
    expect(getComputedStyle(messages[0]!).justifySelf).to.equal('start');
    expect(getComputedStyle(messages[1]!).justifySelf).to.equal('end');
    expect(double.threadStore[0]!.unreadCount, 'reading marks read').to.equal(0);
  });

  it('renders a message as plain text, never as HTML', async () => {
    const double = new PortalApiDouble();
    const thread = double.addThread(threadFixture(), []);
    const markup = '<img src=x onerror="window.__tabaInjected=1"><b>bold</b> & <script>1</script>';
    double.messageStore.get(thread.id)!.push(messageFixture(thread.id, { body: markup }));
    const element = await shown(await render(double, { threadId: thread.id }));
    const body = part(element, 'body')!;
    expect(body.textContent).to.equal(markup);
    expect(body.children.length, 'no elements made from the text').to.equal(0);
    expect((window as unknown as Record<string, unknown>).__tabaInjected).to.equal(undefined);
  });

  it('counts characters after trimming; past 2,000 the counter says so and Send is disabled', async () => {
    const { double, thread } = conversation();
    const element = await shown(await render(double, { threadId: thread.id }));
    const send = () => part<HTMLButtonElement>(element, 'send')!;
    expect(textOf(part(element, 'counter'))).to.equal('2,000 characters left');
    expect(send().disabled, 'nothing to send yet').to.equal(true);

    await type(element, '  Hi 👋 ');
    expect(textOf(part(element, 'counter')), 'trimmed; the emoji counts once').to.equal('1,996 characters left');
    expect(send().disabled).to.equal(false);

    await paste(element, `   ${'a'.repeat(2000)}\n  `);
    expect(textOf(part(element, 'counter'))).to.equal('0 characters left');
    expect(send().disabled, 'exactly 2,000 after trimming is fine').to.equal(false);

    await paste(element, 'a'.repeat(2001));
    const counter = part(element, 'counter')!;
    expect(textOf(counter)).to.equal('1 character over the limit of 2,000. Shorten your message to send it.');
    expect(counter.getAttribute('part')).to.equal('counter counter-over');
    expect(send().disabled).to.equal(true);
    expect(part(element, 'message-input')!.getAttribute('aria-invalid')).to.equal('true');
    expect(part(element, 'message-input')!.getAttribute('aria-describedby')).to.equal('counter');
    expect(double.callsOf('messages.create')).to.deep.equal([]);
  });

  it('announces the counter politely once typing pauses, not on every keystroke', async () => {
    const { double, thread } = conversation();
    const element = await shown(await render(double, { threadId: thread.id }));
    const announcement = part(element, 'announcement')!;
    expect(announcement.getAttribute('role')).to.equal('status');
    const changes: string[] = [];
    new MutationObserver(() => changes.push(textOf(announcement))).observe(announcement, {
      childList: true,
      characterData: true,
      subtree: true,
    });

    await type(element, 'Thanks!');
    expect(textOf(announcement), 'quiet while typing').to.equal('');
    await waitUntil(() => textOf(announcement) === '1,993 characters left', 'announced after a pause', SLOW);
    expect(changes.filter((text) => text !== ''), 'one announcement for seven keystrokes').to.deep.equal(['1,993 characters left']);
  });

  it('sends a message: trimmed, shown at the end, the field cleared and focused, and "Message sent" announced', async () => {
    const { double, thread } = conversation();
    const element = await shown(await render(double, { threadId: thread.id }));
    await type(element, '  Please use our Berlin address.  ');
    const heard = oneEvent(element, 'taba-message-sent');
    await sendKeys({ press: 'Tab' }); // to Send
    await sendKeys({ press: 'Enter' });
    const event = await heard;

    expect(event.detail.message.body).to.equal('Please use our Berlin address.');
    expect(event.detail.thread.id).to.equal(thread.id);
    await element.updateComplete;
    expect(bodies(element).at(-1)).to.equal('Please use our Berlin address.');
    expect(parts(element, 'message').at(-1)!.getAttribute('part')).to.equal('message message-customer message-you');
    expect(part<HTMLTextAreaElement>(element, 'message-input')!.value).to.equal('');
    await waitUntil(() => hasFocus(element, 'message-input'), 'focus back in the field');
    expect(textOf(part(element, 'announcement'))).to.equal('Message sent.');
    const [[threadId, input, options]] = double.callsOf('messages.create') as [[string, unknown, { idempotencyKey: string }]];
    expect(threadId).to.equal(thread.id);
    expect(input).to.deep.equal({ body: 'Please use our Berlin address.' });
    expect(options.idempotencyKey).to.match(/^[0-9a-f]{32}$/);
  });

  it('retries a send whose answer was lost at the network with the same Idempotency-Key: one message results', async () => {
    const { double, thread } = conversation();
    const element = await shown(await render(double, { threadId: thread.id }));
    await type(element, 'Is the kick-off on Monday?');
    double.loseNextAnswer('messages.create');
    part<HTMLButtonElement>(element, 'send')!.click();

    await waitUntil(() => part(element, 'error'), 'send failed', SLOW);
    expect(part(element, 'error')!.getAttribute('role')).to.equal('alert');
    expect(textOf(part(element, 'error'))).to.contain('Your message was not sent.');
    expect(part<HTMLTextAreaElement>(element, 'message-input')!.value, 'the draft is kept').to.equal('Is the kick-off on Monday?');
    await waitUntil(() => hasFocus(element, 'retry'), 'focus on Retry');

    const sent = oneEvent(element, 'taba-message-sent');
    buttonByText(element, 'Retry')!.click();
    await sent;
    await element.updateComplete;

    const keys = double.callsOf('messages.create').map((call) => (call[2] as { idempotencyKey: string }).idempotencyKey);
    expect(keys).to.have.length(2);
    expect(keys[1], 'the retry sends the same key').to.equal(keys[0]);
    const stored = double.messageStore.get(thread.id)!.filter((message) => message.body === 'Is the kick-off on Monday?');
    expect(stored, 'one message on the server').to.have.length(1);
    expect(bodies(element).filter((body) => body === 'Is the kick-off on Monday?'), 'shown once').to.have.length(1);
    expect(part(element, 'error')).to.equal(null);

    // The next draft is a new message: a new key.
    await type(element, 'And what time?');
    part<HTMLButtonElement>(element, 'send')!.click();
    await waitUntil(() => double.callsOf('messages.create').length === 3, 'third send');
    const third = (double.callsOf('messages.create')[2]![2] as { idempotencyKey: string }).idempotencyKey;
    expect(third).not.to.equal(keys[0]);
  });

  it('starts a new conversation: asks for a title first, then creates the thread with the first message', async () => {
    const double = new PortalApiDouble();
    const element = await shown(await render(double));
    expect(textOf(part(element, 'title'))).to.equal('New conversation');
    expect(textOf(part(element, 'empty'))).to.equal('No messages yet. Write the first one below.');

    await type(element, 'Can you quote a second site?');
    part<HTMLButtonElement>(element, 'send')!.click();
    await waitUntil(() => hasFocus(element, 'title-input'), 'focus on the missing title');
    expect(textOf(part(element, 'title-error'))).to.equal('Enter a title for the conversation.');
    expect(part(element, 'title-input')!.getAttribute('aria-invalid')).to.equal('true');
    expect(double.callsOf('threads.create')).to.deep.equal([]);

    await sendKeys({ type: 'Second site' });
    const created = oneEvent(element, 'taba-thread-created');
    part<HTMLButtonElement>(element, 'send')!.click();
    const event = await created;
    expect(event.detail.thread.title).to.equal('Second site');
    expect(event.detail.message.body).to.equal('Can you quote a second site?');
    await element.updateComplete;
    expect(textOf(part(element, 'title'))).to.equal('Second site');
    expect(bodies(element)).to.deep.equal(['Can you quote a second site?']);
    expect(part(element, 'title-input'), 'no title field once started').to.equal(null);
    expect(double.threadStore).to.have.length(1);

    await type(element, 'Thanks.');
    part<HTMLButtonElement>(element, 'send')!.click();
    await waitUntil(() => bodies(element).length === 2, 'second message shown');
    expect(double.callsOf('messages.create')[0]![0], 'the second goes into the new thread').to.equal(event.detail.thread.id);
  });

  it('shows the conversation about a record, or starts it with the first message when there is none', async () => {
    const proposal = proposalFixture({ title: 'Website redesign' });
    const double = new PortalApiDouble([proposal]);
    const element = await shown(await render(double, { subjectId: proposal.id }));
    expect(double.callsOf('threads.list')).to.deep.equal([[{ subjectType: 'proposal', subjectId: proposal.id, limit: 1 }]]);
    expect(part(element, 'title-input'), 'the record names it').to.equal(null);

    await type(element, 'Does this include hosting?');
    const created = oneEvent(element, 'taba-thread-created');
    part<HTMLButtonElement>(element, 'send')!.click();
    const event = await created;
    expect(event.detail.thread.subject).to.deep.equal({ type: 'proposal', id: proposal.id });
    expect((double.callsOf('threads.create')[0]![0] as object)).to.deep.equal({
      subject: { type: 'proposal', id: proposal.id },
      body: 'Does this include hosting?',
    });
    await element.updateComplete;
    expect(textOf(part(element, 'title'))).to.equal('Website redesign');

    // Opened again later: the same conversation, not a new one.
    const again = await shown(await render(double, { subjectId: proposal.id }));
    expect(textOf(part(again, 'title'))).to.equal('Website redesign');
    expect(bodies(again)).to.deep.equal(['Does this include hosting?']);
  });

  it('loads earlier messages on request', async () => {
    const double = new PortalApiDouble();
    const thread = double.addThread(threadFixture(), []);
    for (let index = 1; index <= 55; index++) {
      double.messageStore.get(thread.id)!.push(messageFixture(thread.id, { body: `Note ${index}` }));
    }
    const element = await shown(await render(double, { threadId: thread.id }));
    expect(bodies(element)).to.have.length(50);
    expect(bodies(element)[0]).to.equal('Note 6');
    buttonByText(element, 'Show earlier messages')!.click();
    await waitUntil(() => bodies(element).length === 55, 'all messages');
    expect(bodies(element).slice(0, 6)).to.deep.equal(['Note 1', 'Note 2', 'Note 3', 'Note 4', 'Note 5', 'Note 6']);
    expect(part(element, 'earlier')).to.equal(null);
  });

  it('shows an alert with Retry when loading fails, and recovers', async () => {
    const { double, thread } = conversation();
    double.failNext(
      'threads.retrieve',
      new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable', requestId: 'req_5' }),
    );
    const element = await render(double, { threadId: thread.id });
    await waitUntil(() => part(element, 'error'), 'error state');
    expect(textOf(part(element, 'error'))).to.contain('Could not load this conversation.');
    buttonByText(element, 'Retry')!.click();
    await shown(element);
    expect(bodies(element)).to.have.length(4);
  });

  it('explains that it is not connected when nothing provides a client', async () => {
    const element = await fixture<TabaMessageThread>(html`<taba-message-thread thread-id="thr_1"></taba-message-thread>`);
    await waitUntil(() => part(element, 'notice'), 'notice');
    expect(textOf(part(element, 'notice'))).to.equal('Not connected to a portal session.');
  });
});

describe('<taba-message-thread> accessibility (WCAG 2.2 AA)', () => {
  it('has no violations while loading, loaded, over the limit, and after a failed send', async function () {
    this.timeout(10_000);
    const { double, thread } = conversation();
    const release = double.hold();
    const element = await render(double, { threadId: thread.id });
    await expectAccessible(element, 'loading');
    release();
    await shown(element);
    await expectAccessible(element, 'loaded');

    await paste(element, 'a'.repeat(2001));
    await expectAccessible(element, 'over the limit');

    await paste(element, 'Short again');
    double.failNext('messages.create', new TypeError('Failed to fetch'));
    part<HTMLButtonElement>(element, 'send')!.click();
    await waitUntil(() => part(element, 'error'), 'send failed');
    await expectAccessible(element, 'send failed');
  });

  it('has no violations for a new conversation with a missing title, a failed load, and without a client', async function () {
    this.timeout(10_000);
    const fresh = await shown(await render(new PortalApiDouble()));
    await type(fresh, 'Hello');
    part<HTMLButtonElement>(fresh, 'send')!.click();
    await waitUntil(() => part(fresh, 'title-error'), 'title error');
    await expectAccessible(fresh, 'new conversation, title missing');

    const { double, thread } = conversation();
    double.failNext('threads.retrieve', new TypeError('Failed to fetch'));
    const failed = await render(double, { threadId: thread.id });
    await waitUntil(() => part(failed, 'error'), 'error state');
    await expectAccessible(failed, 'load failed');

    const alone = await fixture<TabaMessageThread>(html`<taba-message-thread></taba-message-thread>`);
    await expectAccessible(alone, 'not connected');
  });
});

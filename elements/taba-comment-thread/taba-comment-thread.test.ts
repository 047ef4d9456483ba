import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError, ValidationError } from '../../sdk/errors.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, hasFocus, part, parts, textOf } from '../test-support/dom.js';
import { PortalApiDouble, commentFixture, projectFixture } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import { spokenText } from '../test-support/spoken.js';
import type { TabaCommentThread } from './taba-comment-thread.component.js';
import './taba-comment-thread.js';

function setup(commentCount = 0): { double: PortalApiDouble; projectId: string } {
  const double = new PortalApiDouble();
  const project = projectFixture({ name: 'Website redesign' });
  const comments = Array.from({ length: commentCount }, (_, index) =>
    commentFixture(project.id, { body: `Comment ${index + 1}`, createdAt: `2026-11-2${index % 10}T09:00:00.000Z` }),
  );
  double.addProject(project, { comments });
  return { double, projectId: project.id };
}

async function renderThread(double: PortalApiDouble, projectId: string | undefined, pageSize = 50): Promise<TabaCommentThread> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-comment-thread .projectId=${projectId} page-size=${pageSize}></taba-comment-thread>
    </test-portal-provider>
  `);
  return provider.querySelector('taba-comment-thread')!;
}

function bodies(thread: TabaCommentThread): string[] {
  return parts(thread, 'body').map(textOf);
}

/** Replaces the draft as typing would, firing `input`. */
function setDraft(thread: TabaCommentThread, text: string): void {
  const input = part<HTMLTextAreaElement>(thread, 'comment-input')!;
  input.value = text;
  input.dispatchEvent(new Event('input'));
}

describe('<taba-comment-thread>', () => {
  it('shows the comments oldest first, who wrote each (the team marked), and when', async () => {
    const { double, projectId } = setup();
    double.commentStore.get(projectId)!.push(
      commentFixture(projectId, { body: 'Kick-off is on Monday.', author: { type: 'team', name: 'Grace Hopper', isYou: false } }),
      commentFixture(projectId, { body: 'Great, see you then.', author: { type: 'contact', name: 'Ada Lovelace', isYou: true } }),
      commentFixture(projectId, { body: 'I will join too.', author: { type: 'contact', name: 'Charles Babbage', isYou: false } }),
    );
    const release = double.hold();
    const thread = await renderThread(double, projectId);
    expect(part(thread, 'loading')?.getAttribute('role')).to.equal('status');
    release();
    await waitUntil(() => parts(thread, 'comment').length === 3, 'comments shown');

    expect(bodies(thread)).to.deep.equal(['Kick-off is on Monday.', 'Great, see you then.', 'I will join too.']);
    const [team, mine, colleague] = parts(thread, 'comment');
    expect(team!.getAttribute('part')).to.equal('comment comment-team');
    expect(mine!.getAttribute('part')).to.equal('comment comment-customer comment-you');
    expect(colleague!.getAttribute('part')).to.equal('comment comment-customer');
    expect(spokenText(team!.querySelector("[part~='author']"))).to.match(/^Team, Grace Hopper, wrote /);
    expect(spokenText(mine!.querySelector("[part~='author']"))).to.match(/^You, wrote /);
    expect(team!.querySelector('time')!.getAttribute('datetime')).to.equal('2026-11-20T09:00:00.000Z');
    expect(part(thread, 'comments')!.localName).to.equal('ol');
    expect(double.callsOf('projectComments.list')).to.deep.equal([[projectId, { limit: 50 }]]);
  });

  it('shows comment text as text, never as markup', async () => {
    const { double, projectId } = setup();
    double.commentStore.get(projectId)!.push(commentFixture(projectId, { body: '<img src=x onerror=alert(1)> **bold**' }));
    const thread = await renderThread(double, projectId);
    await waitUntil(() => part(thread, 'body'), 'comment shown');
    expect(textOf(part(thread, 'body'))).to.equal('<img src=x onerror=alert(1)> **bold**');
    expect(part(thread, 'body')!.querySelector('img')).to.equal(null);
  });

  it('loads newer comments with "Show newer comments" and focuses the first one it brought', async () => {
    const { double, projectId } = setup(3);
    const thread = await renderThread(double, projectId, 2);
    await waitUntil(() => parts(thread, 'comment').length === 2, 'first page');
    expect(bodies(thread)).to.deep.equal(['Comment 1', 'Comment 2']);
    const more = part<HTMLButtonElement>(thread, 'load-more')!;
    expect(textOf(more)).to.equal('Show newer comments');
    more.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => parts(thread, 'comment').length === 3, 'next page');
    expect(bodies(thread)).to.deep.equal(['Comment 1', 'Comment 2', 'Comment 3']);
    await waitUntil(() => thread.shadowRoot!.activeElement === parts(thread, 'comment')[2], 'focus on the first newer comment');
    expect(part(thread, 'load-more')).to.equal(null);
  });

  it('posts a comment by keyboard; it shows at the end, the composer empties, and taba-comment-added is emitted', async () => {
    const { double, projectId } = setup(1);
    const thread = await renderThread(double, projectId);
    await waitUntil(() => part(thread, 'composer'), 'composer');
    expect(part<HTMLButtonElement>(thread, 'post')!.disabled, 'nothing to post yet').to.equal(true);

    await sendKeys({ press: 'Tab' });
    expect(hasFocus(thread, 'comment-input')).to.equal(true);
    await sendKeys({ type: '  Looks good 👍  ' });
    expect(textOf(part(thread, 'counter')), '12 code points after trimming').to.equal('1,988 characters left');
    await sendKeys({ press: 'Tab' });
    expect(hasFocus(thread, 'post')).to.equal(true);
    const added = oneEvent(thread, 'taba-comment-added');
    await sendKeys({ press: 'Enter' });
    const { detail } = await added;
    expect(detail.comment.body).to.equal('Looks good 👍');

    await waitUntil(() => parts(thread, 'comment').length === 2, 'comment shown');
    expect(bodies(thread)).to.deep.equal(['Comment 1', 'Looks good 👍']);
    expect(parts(thread, 'comments'), 'one list when everything is loaded').to.have.length(1);
    expect(part<HTMLTextAreaElement>(thread, 'comment-input')!.value).to.equal('');
    expect(textOf(part(thread, 'announcement'))).to.equal('Comment posted.');
    await waitUntil(() => hasFocus(thread, 'comment-input'), 'focus back in the composer');
    const [[, body, options]] = double.callsOf('projectComments.create') as [[string, unknown, { idempotencyKey: string }]];
    expect(body).to.deep.equal({ body: 'Looks good 👍' });
    expect(options.idempotencyKey).to.match(/^[0-9a-f]{32}$/);
  });

  it('counts code points after trimming like the server, and disables Post past 2,000', async () => {
    const { double, projectId } = setup();
    const thread = await renderThread(double, projectId);
    await waitUntil(() => part(thread, 'composer'), 'composer');
    const post = () => part<HTMLButtonElement>(thread, 'post')!;

    // 2,000 emoji: 4,000 UTF-16 units, but 2,000 code points — allowed.
    setDraft(thread, ` ${'😀'.repeat(2000)}\n`);
    await thread.updateComplete;
    expect(textOf(part(thread, 'counter'))).to.equal('0 characters left');
    expect(post().disabled).to.equal(false);
    expect(part(thread, 'comment-input')!.getAttribute('aria-invalid')).to.equal('false');

    setDraft(thread, 'a'.repeat(2003));
    await thread.updateComplete;
    expect(textOf(part(thread, 'counter'))).to.equal('3 characters over the limit of 2,000. Shorten your comment to post it.');
    expect(part(thread, 'counter')!.getAttribute('part')).to.equal('counter counter-over');
    expect(post().disabled).to.equal(true);
    expect(part(thread, 'comment-input')!.getAttribute('aria-invalid')).to.equal('true');
    part<HTMLFormElement>(thread, 'composer')!.requestSubmit();
    await thread.updateComplete;
    expect(double.callsOf('projectComments.create'), 'nothing sent past the limit').to.have.length(0);

    setDraft(thread, '   ');
    await thread.updateComplete;
    expect(post().disabled, 'blank is nothing').to.equal(true);
  });

  it('announces the counter to screen readers once typing pauses', async () => {
    const { double, projectId } = setup();
    const thread = await renderThread(double, projectId);
    await waitUntil(() => part(thread, 'composer'), 'composer');
    expect(part(thread, 'comment-input')!.getAttribute('aria-describedby')).to.equal('counter');
    part<HTMLTextAreaElement>(thread, 'comment-input')!.focus();
    await sendKeys({ type: 'Hello' });
    expect(textOf(part(thread, 'announcement'))).to.equal('');
    await waitUntil(() => textOf(part(thread, 'announcement')) === '1,995 characters left', 'announced after a pause', {
      timeout: 3000,
    });
  });

  it('retries a post whose answer was lost with the same Idempotency-Key, and stores it once', async () => {
    const { double, projectId } = setup();
    const thread = await renderThread(double, projectId);
    await waitUntil(() => part(thread, 'composer'), 'composer');
    setDraft(thread, 'Is hosting included?');
    await thread.updateComplete;
    double.loseNextAnswer('projectComments.create');
    part<HTMLButtonElement>(thread, 'post')!.click();

    await waitUntil(() => part(thread, 'error'), 'post failed');
    expect(textOf(part(thread, 'error'))).to.contain('Your comment was not posted. It is still here; post it again with Retry.');
    expect(part<HTMLTextAreaElement>(thread, 'comment-input')!.value, 'draft kept').to.equal('Is hosting included?');
    await waitUntil(() => hasFocus(thread, 'retry'), 'focus on Retry');
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => parts(thread, 'comment').length === 1, 'comment shown');
    expect(part(thread, 'error')).to.equal(null);
    const keys = double.callsOf('projectComments.create').map((call) => (call[2] as { idempotencyKey: string }).idempotencyKey);
    expect(keys).to.have.length(2);
    expect(keys[1]).to.equal(keys[0]);
    expect(double.commentStore.get(projectId)!.map((comment) => comment.body)).to.deep.equal(['Is hosting included?']);

    // A new draft gets a new key.
    setDraft(thread, 'And the domain?');
    await thread.updateComplete;
    part<HTMLButtonElement>(thread, 'post')!.click();
    await waitUntil(() => parts(thread, 'comment').length === 2, 'second comment');
    const third = (double.callsOf('projectComments.create')[2]![2] as { idempotencyKey: string }).idempotencyKey;
    expect(third).not.to.equal(keys[0]);
  });

  it('shows the server’s 422 without Retry, keeps the draft, and clears it once the text changes', async () => {
    const { double, projectId } = setup();
    const thread = await renderThread(double, projectId);
    await waitUntil(() => part(thread, 'composer'), 'composer');
    setDraft(thread, 'Hello');
    await thread.updateComplete;
    double.failNext(
      'projectComments.create',
      new ValidationError({
        type: 'about:blank',
        title: 'Comment too long',
        status: 422,
        code: 'comment_too_long',
        detail: 'A comment has at most 2,000 characters.',
        requestId: 'req_422',
      }),
    );
    part<HTMLButtonElement>(thread, 'post')!.click();
    await waitUntil(() => part(thread, 'error'), 'refused');
    const alert = part(thread, 'error')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(textOf(alert)).to.contain('Your comment was not posted.');
    expect(textOf(alert)).to.contain('A comment has at most 2,000 characters.');
    expect(textOf(alert)).to.contain('req_422');
    expect(part(thread, 'retry'), 'the same text would be refused again').to.equal(null);
    expect(part(thread, 'comment-input')!.getAttribute('aria-invalid')).to.equal('true');
    await waitUntil(() => hasFocus(thread, 'comment-input'), 'focus on the text to change');
    expect(part<HTMLTextAreaElement>(thread, 'comment-input')!.value).to.equal('Hello');

    await sendKeys({ type: '!' });
    await thread.updateComplete;
    expect(part(thread, 'error')).to.equal(null);
  });

  it('a comment posted while newer pages are unloaded shows after the Show newer button until they load', async () => {
    const { double, projectId } = setup(3);
    const thread = await renderThread(double, projectId, 2);
    await waitUntil(() => parts(thread, 'comment').length === 2, 'first page');
    setDraft(thread, 'Mine');
    await thread.updateComplete;
    part<HTMLButtonElement>(thread, 'post')!.click();
    await waitUntil(() => parts(thread, 'comment').length === 3, 'posted shown');
    expect(bodies(thread)).to.deep.equal(['Comment 1', 'Comment 2', 'Mine']);
    expect(parts(thread, 'comments')).to.have.length(2);

    part<HTMLButtonElement>(thread, 'load-more')!.click();
    await waitUntil(() => parts(thread, 'comment').length === 4, 'rest loaded');
    expect(bodies(thread), 'each comment once, in order').to.deep.equal(['Comment 1', 'Comment 2', 'Comment 3', 'Mine']);
    expect(parts(thread, 'comments')).to.have.length(1);
  });

  it('says so when there are no comments, alerts with Retry when loading fails, and needs a project', async () => {
    const { double, projectId } = setup();
    const empty = await renderThread(double, projectId);
    await waitUntil(() => part(empty, 'empty'), 'empty');
    expect(textOf(part(empty, 'empty'))).to.equal('No comments yet. Write the first one below.');
    expect(part(empty, 'composer')).not.to.equal(null);

    double.failNext(
      'projectComments.list',
      new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable' }),
    );
    const failed = await renderThread(double, projectId);
    await waitUntil(() => part(failed, 'error'), 'error');
    expect(textOf(part(failed, 'error'))).to.contain('Could not load the comments.');
    buttonByText(failed, 'Retry')!.click();
    await waitUntil(() => part(failed, 'empty'), 'recovered');

    const none = await renderThread(double, undefined);
    expect(textOf(part(none, 'notice'))).to.equal('No project selected.');
    const alone = await fixture<TabaCommentThread>(html`<taba-comment-thread project-id="prj_x"></taba-comment-thread>`);
    expect(textOf(part(alone, 'notice'))).to.equal('Not connected to a portal session.');
  });
});

describe('<taba-comment-thread> accessibility (WCAG 2.2 AA)', () => {
  it('has no violations loading, with comments and Show newer, over the limit, posting, and after posting', async function () {
    this.timeout(20_000);
    const { double, projectId } = setup(3);
    double.commentStore.get(projectId)!.unshift(
      commentFixture(projectId, { body: 'Mine', author: { type: 'contact', name: 'Ada Lovelace', isYou: true } }),
    );
    const release = double.hold();
    const thread = await renderThread(double, projectId, 2);
    await expectAccessible(thread, 'loading');
    release();
    await waitUntil(() => parts(thread, 'comment').length === 2, 'loaded');
    await expectAccessible(thread, 'loaded with Show newer');

    setDraft(thread, 'x'.repeat(2001));
    await thread.updateComplete;
    await expectAccessible(thread, 'over the limit');

    setDraft(thread, 'Thanks');
    await thread.updateComplete;
    const holdPost = double.hold();
    part<HTMLButtonElement>(thread, 'post')!.click();
    await waitUntil(() => part(thread, 'post')!.getAttribute('aria-disabled') === 'true', 'posting');
    await expectAccessible(thread, 'posting');
    holdPost();
    await waitUntil(() => textOf(part(thread, 'announcement')) === 'Comment posted.', 'posted');
    await expectAccessible(thread, 'posted');
  });

  it('has no violations empty, failed to load, failed to post, refused, and without a client', async function () {
    this.timeout(20_000);
    const { double, projectId } = setup();
    const empty = await renderThread(double, projectId);
    await waitUntil(() => part(empty, 'empty'), 'empty');
    await expectAccessible(empty, 'empty');

    setDraft(empty, 'Hello');
    await empty.updateComplete;
    double.failNext('projectComments.create', new TypeError('Failed to fetch'));
    part<HTMLButtonElement>(empty, 'post')!.click();
    await waitUntil(() => part(empty, 'retry'), 'post failed');
    await expectAccessible(empty, 'post failed');

    double.failNext(
      'projectComments.create',
      new ValidationError({ type: 'about:blank', title: 'Comment empty', status: 422, code: 'comment_empty' }),
    );
    part<HTMLButtonElement>(empty, 'retry')!.click();
    await waitUntil(() => part(empty, 'error') && !part(empty, 'retry'), 'refused');
    await expectAccessible(empty, 'refused');

    double.failNext('projectComments.list', new TypeError('Failed to fetch'));
    const failed = await renderThread(double, projectId);
    await waitUntil(() => part(failed, 'error'), 'load failed');
    await expectAccessible(failed, 'load failed');

    const alone = await fixture<TabaCommentThread>(html`<taba-comment-thread project-id="prj_x"></taba-comment-thread>`);
    await expectAccessible(alone, 'not connected');
  });
});

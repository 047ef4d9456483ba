import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { Proposal } from '../../sdk/contract/proposals.js';
import { PortalClient } from '../../sdk/portal-client.js';
import { buttonByText, part, parts, textOf } from '../test-support/dom.js';
import '../test-support/portal-provider.js';
import type { TabaMessageThread } from './taba-message-thread.component.js';
import './taba-message-thread.js';

/** What the `taba-real-session` command of web-test-runner.config.ts returns. */
interface RealSession {
  apiBase: string;
  clientSecret: string;
  proposals: Proposal[];
}

const SLOW = { timeout: 10_000 };

/**
 * A `fetch` whose next POST reaches the server but whose answer is lost on the way back, as
 * when a connection drops after the request was sent.
 */
function droppingFetch(): { fetch: typeof fetch; dropNextPost: () => void; posts: { url: string; key: string | null }[] } {
  let drop = false;
  const posts: { url: string; key: string | null }[] = [];
  return {
    posts,
    dropNextPost: () => {
      drop = true;
    },
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === 'POST' && !String(input).endsWith('/refresh') && !String(input).includes('/sessions')) {
        posts.push({ url: String(input), key: new Headers(init.headers).get('idempotency-key') });
        if (drop) {
          drop = false;
          await response.body?.cancel();
          throw new TypeError('Failed to fetch');
        }
      }
      return response;
    },
  };
}

describe('<taba-message-thread> against a real server', () => {
  it('asks about a proposal; sends whose answers were lost are retried with the same key and stored once', async function () {
    this.timeout(30_000);
    const session = await executeServerCommand<RealSession, { origin: string }>('taba-real-session', {
      origin: location.origin,
    });
    const proposal = session.proposals[0]!;
    const network = droppingFetch();
    const client = new PortalClient({ apiBase: session.apiBase, clientSecret: session.clientSecret, fetch: network.fetch });
    const provider = await fixture(html`
      <test-portal-provider .client=${client}>
        <taba-message-thread subject-type="proposal" subject-id=${proposal.id}></taba-message-thread>
      </test-portal-provider>
    `);
    const element = provider.querySelector<TabaMessageThread>('taba-message-thread')!;
    await waitUntil(() => part(element, 'composer'), 'composer shown', SLOW);
    expect(textOf(part(element, 'title'))).to.equal('New conversation');

    // First message: starts the thread; the answer is lost, Retry sends the same key.
    part<HTMLTextAreaElement>(element, 'message-input')!.focus();
    await sendKeys({ type: 'Does the redesign include hosting?' });
    network.dropNextPost();
    part<HTMLButtonElement>(element, 'send')!.click();
    await waitUntil(() => part(element, 'error'), 'send failed', SLOW);
    expect(textOf(part(element, 'error'))).to.contain('Your message was not sent.');
    buttonByText(element, 'Retry')!.click();
    await waitUntil(() => textOf(part(element, 'title')) === proposal.title, 'thread started, named after the proposal', SLOW);

    // Second message, into the thread: the same again.
    part<HTMLTextAreaElement>(element, 'message-input')!.focus();
    await sendKeys({ type: 'And the domain transfer?' });
    network.dropNextPost();
    part<HTMLButtonElement>(element, 'send')!.click();
    await waitUntil(() => part(element, 'error'), 'second send failed', SLOW);
    buttonByText(element, 'Retry')!.click();
    await waitUntil(() => parts(element, 'message').length === 2 && !part(element, 'error'), 'second message shown', SLOW);

    expect(network.posts.map((post) => new URL(post.url).pathname)).to.have.length(4);
    expect(network.posts[1]!.key, 'the retry of the first message').to.equal(network.posts[0]!.key);
    expect(network.posts[3]!.key, 'the retry of the second message').to.equal(network.posts[2]!.key);
    expect(network.posts[2]!.key).not.to.equal(network.posts[0]!.key);

    // What the server kept: one thread about the proposal, two messages, each once.
    const threads = await client.threads.list({ subjectType: 'proposal', subjectId: proposal.id });
    expect(threads.items).to.have.length(1);
    const messages = await client.messages.list(threads.items[0]!.id);
    expect(messages.items.map((message) => message.body)).to.deep.equal([
      'And the domain transfer?',
      'Does the redesign include hosting?',
    ]);
    expect(messages.items.every((message) => message.author.isYou && message.author.type === 'contact')).to.equal(true);
  });
});

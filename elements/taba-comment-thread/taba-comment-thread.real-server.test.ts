import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { PortalClient } from '../../sdk/portal-client.js';
import { buttonByText, part, parts, textOf } from '../test-support/dom.js';
import '../test-support/portal-provider.js';
import type { TabaCommentThread } from './taba-comment-thread.component.js';
import './taba-comment-thread.js';

/** What the `taba-real-project` command of web-test-runner.config.ts returns (the part used here). */
interface RealProject {
  apiBase: string;
  clientSecret: string;
  project: { id: string; name: string };
}

const SLOW = { timeout: 10_000 };

/** A `fetch` whose next comment POST reaches the server but whose answer is lost on the way back. */
function droppingFetch(): { fetch: typeof fetch; dropNextPost: () => void; keys: (string | null)[] } {
  let drop = false;
  const keys: (string | null)[] = [];
  return {
    keys,
    dropNextPost: () => {
      drop = true;
    },
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === 'POST' && String(input).endsWith('/comments')) {
        keys.push(new Headers(init.headers).get('idempotency-key'));
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

function setDraft(thread: TabaCommentThread, text: string): void {
  const input = part<HTMLTextAreaElement>(thread, 'comment-input')!;
  input.value = text;
  input.dispatchEvent(new Event('input'));
}

describe('<taba-comment-thread> against a real server', () => {
  it('posts at exactly the limit as the server counts it, and a retried post is stored once', async function () {
    this.timeout(30_000);
    const seeded = await executeServerCommand<RealProject, { origin: string }>('taba-real-project', { origin: location.origin });
    const network = droppingFetch();
    const client = new PortalClient({ apiBase: seeded.apiBase, clientSecret: seeded.clientSecret, fetch: network.fetch });
    const provider = await fixture(html`
      <test-portal-provider .client=${client}>
        <taba-comment-thread project-id=${seeded.project.id}></taba-comment-thread>
      </test-portal-provider>
    `);
    const thread = provider.querySelector<TabaCommentThread>('taba-comment-thread')!;
    await waitUntil(() => part(thread, 'empty'), 'no comments yet', SLOW);

    // 2,000 emoji are 4,000 UTF-16 units: allowed by the composer and by the server alike.
    const atLimit = '👍'.repeat(2000);
    setDraft(thread, ` ${atLimit} `);
    await thread.updateComplete;
    expect(textOf(part(thread, 'counter'))).to.equal('0 characters left');
    network.dropNextPost();
    part<HTMLButtonElement>(thread, 'post')!.click();
    await waitUntil(() => part(thread, 'retry'), 'the answer was lost', SLOW);
    buttonByText(thread, 'Retry')!.click();
    await waitUntil(() => parts(thread, 'comment').length === 1 && !part(thread, 'error'), 'posted', SLOW);

    expect(network.keys).to.have.length(2);
    expect(network.keys[1], 'the retry sends the same key').to.equal(network.keys[0]);
    const stored = await client.projectComments.list(seeded.project.id);
    expect(stored.items.map((comment) => comment.body)).to.deep.equal([atLimit]);
    expect(stored.items[0]!.author.isYou).to.equal(true);

    // One more code point is over: the composer refuses before the server would.
    setDraft(thread, `${atLimit}!`);
    await thread.updateComplete;
    expect(part<HTMLButtonElement>(thread, 'post')!.disabled).to.equal(true);
    await expectServerRefuses(client, seeded.project.id, `${atLimit}!`);
  });
});

/** The server's own answer to the same text: 422 `comment_too_long`, as the composer said. */
async function expectServerRefuses(client: PortalClient, projectId: string, body: string): Promise<void> {
  const refusal = await client.projectComments.create(projectId, { body }).then(
    () => null,
    (error: unknown) => error as { status: number; code: string },
  );
  expect(refusal?.status).to.equal(422);
  expect(refusal?.code).to.equal('comment_too_long');
}

import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { PortalClient } from '../../sdk/portal-client.js';
import { part, parts, textOf } from '../test-support/dom.js';
import '../test-support/portal-provider.js';
import type { TabaDocumentList } from './taba-document-list.component.js';
import './taba-document-list.js';

/** What the `taba-real-project` command of web-test-runner.config.ts returns. */
interface RealProject {
  apiBase: string;
  clientSecret: string;
  project: { id: string; name: string };
  shared: { id: string; name: string; content: string };
  unsharedName: string;
}

interface Fetched {
  status: number;
  contentDisposition: string | null;
  body: string;
}

const SLOW = { timeout: 10_000 };

/** A `fetch` that notes every download link the client asks the server for. */
function recordingFetch(): { fetch: typeof fetch; linkRequests: string[] } {
  const linkRequests: string[] = [];
  return {
    linkRequests,
    fetch: (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.endsWith('/download-link')) linkRequests.push(new URL(url).pathname);
      return fetch(input, init);
    },
  };
}

describe('<taba-document-list> against a real server', () => {
  it('lists only shared documents; each Download asks for a fresh link, which serves the file as an attachment', async function () {
    this.timeout(30_000);
    const seeded = await executeServerCommand<RealProject, { origin: string }>('taba-real-project', { origin: location.origin });
    const network = recordingFetch();
    const client = new PortalClient({ apiBase: seeded.apiBase, clientSecret: seeded.clientSecret, fetch: network.fetch });
    const provider = await fixture(html`
      <test-portal-provider .client=${client}>
        <taba-document-list></taba-document-list>
      </test-portal-provider>
    `);
    const list = provider.querySelector<TabaDocumentList>('taba-document-list')!;
    await waitUntil(() => parts(list, 'row').length === 1, 'the shared document listed', SLOW);
    expect(textOf(part(list, 'name'))).to.equal('Brief.txt');
    expect(textOf(part(list, 'project'))).to.equal(seeded.project.name);
    expect(list.shadowRoot!.textContent).not.to.contain(seeded.unsharedName);
    expect(network.linkRequests, 'no link before a press').to.deep.equal([]);

    // Two presses, the page handling the links itself: two fresh links, each serving the file.
    const links: string[] = [];
    const keep = (event: CustomEvent<{ link: { url: string } }>) => {
      event.preventDefault();
      links.push(event.detail.link.url);
    };
    list.addEventListener('taba-document-download', keep);
    const download = part<HTMLButtonElement>(list, 'download')!;
    download.click();
    await waitUntil(() => links.length === 1, 'first link', SLOW);
    await waitUntil(() => download.getAttribute('aria-disabled') === 'false', 'ready again', SLOW);
    download.click();
    await waitUntil(() => links.length === 2, 'second link', SLOW);
    expect(network.linkRequests).to.deep.equal([
      `/v1/portal/documents/${seeded.shared.id}/download-link`,
      `/v1/portal/documents/${seeded.shared.id}/download-link`,
    ]);
    for (const url of links) {
      const fetched = await executeServerCommand<Fetched, { url: string }>('taba-real-fetch', { url });
      expect(fetched.status, url).to.equal(200);
      expect(fetched.body).to.equal(seeded.shared.content);
      expect(fetched.contentDisposition).to.match(/^attachment;/);
      expect(fetched.contentDisposition).to.contain('Brief.txt');
    }

    // Left to the element, the link downloads: the page stays where it is.
    list.removeEventListener('taba-document-download', keep);
    const before = location.href;
    download.click();
    await waitUntil(() => network.linkRequests.length === 3, 'third link', SLOW);
    await waitUntil(() => download.getAttribute('aria-disabled') === 'false', 'done', SLOW);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(location.href).to.equal(before);
    expect(list.isConnected).to.equal(true);
    expect(part(list, 'error')).to.equal(null);
  });
});

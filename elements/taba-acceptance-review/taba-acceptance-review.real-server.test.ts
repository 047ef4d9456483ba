import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { PortalClient } from '../../sdk/portal-client.js';
import { hasFocus, part, parts, textOf } from '../test-support/dom.js';
import '../test-support/portal-provider.js';
import '../taba-acceptance-list/taba-acceptance-list.js';
import type { TabaAcceptanceReview } from './taba-acceptance-review.component.js';
import './taba-acceptance-review.js';

/** What the `taba-real-acceptance` command of web-test-runner.config.ts returns. */
interface RealAcceptance {
  apiBase: string;
  clientSecret: string;
  acceptanceId: string;
  document: { name: string; content: string };
}

interface Fetched {
  status: number;
  contentDisposition: string | null;
  body: string;
}

const SLOW = { timeout: 10_000 };

/** Anchors clicked (links opened), kept instead of followed, and the object URLs' blobs behind them. */
const opened: { href: string; download: string; blob?: Blob }[] = [];
const blobs = new Map<string, Blob>();
const realClick = HTMLAnchorElement.prototype.click;
const realCreateObjectURL = URL.createObjectURL;
before(() => {
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    opened.push({ href: this.href, download: this.download, blob: blobs.get(this.href) });
  };
  URL.createObjectURL = (blob: Blob) => {
    const url = realCreateObjectURL(blob);
    blobs.set(url, blob);
    return url;
  };
});
after(() => {
  HTMLAnchorElement.prototype.click = realClick;
  URL.createObjectURL = realCreateObjectURL;
});
beforeEach(() => {
  opened.length = 0;
});

async function seed(): Promise<RealAcceptance> {
  return executeServerCommand<RealAcceptance, { origin: string }>('taba-real-acceptance', { origin: location.origin });
}

async function change(acceptanceId: string, what: 'expire' | 'delete-document'): Promise<void> {
  await executeServerCommand('taba-real-acceptance-change', { acceptanceId, change: what });
}

/** The review on its own client, or on `client` (a client secret works once). */
async function renderReview(
  seeded: RealAcceptance,
  client = new PortalClient({ apiBase: seeded.apiBase, clientSecret: seeded.clientSecret }),
): Promise<{ review: TabaAcceptanceReview; client: PortalClient }> {
  const provider = await fixture(html`
    <test-portal-provider .client=${client}>
      <taba-acceptance-review acceptance-id=${seeded.acceptanceId}></taba-acceptance-review>
    </test-portal-provider>
  `);
  const review = provider.querySelector('taba-acceptance-review')!;
  await waitUntil(() => part(review, 'title'), 'acceptance shown', SLOW);
  return { review, client };
}

async function fillAndAccept(review: TabaAcceptanceReview, name: string): Promise<void> {
  part<HTMLInputElement>(review, 'full-name')!.focus();
  await sendKeys({ type: name });
  part<HTMLInputElement>(review, 'confirm')!.click();
  await review.updateComplete;
  part<HTMLButtonElement>(review, 'accept')!.click();
}

describe('<taba-acceptance-review> against a real server', () => {
  it('shows the exact document, accepts with the typed name, and downloads the evidence certificate', async function () {
    this.timeout(30_000);
    const seeded = await seed();
    const { review, client } = await renderReview(seeded);
    expect(textOf(part(review, 'status'))).to.equal('Pending');
    expect(part(review, 'expires')!.getAttribute('part'), 'less than 48 hours left').to.equal('expires expires-soon');
    expect(textOf(part(review, 'document-name'))).to.equal(seeded.document.name);
    expect(textOf(part(review, 'fingerprint'))).to.match(/^SHA-256 fingerprint: [0-9a-f]{64}$/);

    // View document: a fresh signed link, which serves the very bytes under acceptance.
    part<HTMLButtonElement>(review, 'view-document')!.click();
    await waitUntil(() => opened.length === 1, 'document opened', SLOW);
    const fetched = await executeServerCommand<Fetched, { url: string }>('taba-real-fetch', { url: opened[0]!.href });
    expect(fetched.status).to.equal(200);
    expect(fetched.body).to.equal(seeded.document.content);
    expect(fetched.contentDisposition).to.match(/^attachment;/);

    await fillAndAccept(review, '  Ada Lovelace ');
    await waitUntil(() => hasFocus(review, 'outcome'), 'accepted', SLOW);
    expect(textOf(part(review, 'outcome'))).to.match(/^Accepted by Ada Lovelace on .+\.$/);
    expect(textOf(part(review, 'status'))).to.equal('Accepted');

    opened.length = 0;
    part<HTMLButtonElement>(review, 'certificate')!.click();
    await waitUntil(() => opened.length === 1, 'certificate downloaded', SLOW);
    expect(opened[0]!.download).to.equal('Statement of work - acceptance certificate.pdf');
    expect(opened[0]!.blob!.type).to.equal('application/pdf');
    expect(await opened[0]!.blob!.slice(0, 5).text()).to.equal('%PDF-');

    // The list, as the portal shows it afterwards.
    const provider = await fixture(html`
      <test-portal-provider .client=${client}><taba-acceptance-list></taba-acceptance-list></test-portal-provider>
    `);
    const list = provider.querySelector('taba-acceptance-list')!;
    await waitUntil(() => parts(list, 'card').length === 1, 'listed', SLOW);
    expect(textOf(part(list, 'status'))).to.equal('Accepted');
  });

  it('turns into the expired notice when the acceptance expired while the contact was reading', async function () {
    this.timeout(30_000);
    const seeded = await seed();
    const { review, client } = await renderReview(seeded);
    await change(seeded.acceptanceId, 'expire');
    await fillAndAccept(review, 'Ada Lovelace');
    await waitUntil(() => hasFocus(review, 'expired'), 'expired notice', SLOW);
    expect(part(review, 'form')).to.equal(null);
    expect(textOf(part(review, 'status'))).to.equal('Expired');

    // Opened afresh, it is expired from the start: a notice and no form.
    const again = await renderReview(seeded, client);
    expect(textOf(part(again.review, 'status'))).to.equal('Expired');
    expect(part(again.review, 'expired')).not.to.equal(null);
    expect(part(again.review, 'form')).to.equal(null);
  });

  it('refuses a document that changed after it was sent, saying to ask the business', async function () {
    this.timeout(30_000);
    const seeded = await seed();
    const { review } = await renderReview(seeded);
    await change(seeded.acceptanceId, 'delete-document');
    await fillAndAccept(review, 'Ada Lovelace');
    await waitUntil(() => hasFocus(review, 'document-changed'), 'alert', SLOW);
    expect(textOf(part(review, 'error'))).to.contain('This document changed after it was sent to you');
    expect(textOf(part(review, 'error'))).to.contain('Ask the business to send it to you again.');
    expect(part(review, 'form')).to.equal(null);
    expect(textOf(part(review, 'status'))).to.equal('Pending');
  });
});

import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../sdk/errors.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, hasFocus, part, parts, textOf } from '../test-support/dom.js';
import { PortalApiDouble, documentFixture, projectFixture } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import { spokenText } from '../test-support/spoken.js';
import type { TabaDocumentList } from './taba-document-list.component.js';
import './taba-document-list.js';

const website = projectFixture({ name: 'Website redesign' });
const support = projectFixture({ name: 'Support' });

function cell(row: Element | undefined, name: string): string {
  return textOf(row?.querySelector(`[part~='${name}']`));
}

function doubleWith(documents: ReturnType<typeof documentFixture>[]): PortalApiDouble {
  const double = new PortalApiDouble();
  double.addProject(website, { documents: documents.filter((document) => document.projectId === website.id) });
  double.addProject(support, { documents: documents.filter((document) => document.projectId === support.id) });
  return double;
}

async function renderList(double: PortalApiDouble, attributes: { projectId?: string; pageSize?: number } = {}): Promise<TabaDocumentList> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-document-list page-size=${attributes.pageSize ?? 20} .projectId=${attributes.projectId}></taba-document-list>
    </test-portal-provider>
  `);
  return provider.querySelector('taba-document-list')!;
}

async function rowsOf(list: TabaDocumentList, count: number): Promise<HTMLElement[]> {
  await waitUntil(() => parts(list, 'row').length === count, `expected ${count} rows`);
  return parts(list, 'row');
}

/** Stops the element from opening links during a test, and keeps what it was about to open. */
function interceptDownloads(list: TabaDocumentList): { urls: string[] } {
  const opened = { urls: [] as string[] };
  list.addEventListener('taba-document-download', (event) => {
    event.preventDefault();
    opened.urls.push(event.detail.link.url);
  });
  return opened;
}

describe('<taba-document-list>', () => {
  it('shows a table of file name, project, size and upload date, with a Download button per file', async () => {
    const double = doubleWith([
      documentFixture(website, { name: 'Brief.pdf', size: 2_400_000, uploadedAt: '2026-11-24T10:00:00.000Z' }),
      documentFixture(support, { name: 'Notes.txt', size: 980 }),
      documentFixture(support, { name: 'Logo.png', size: 15_300 }),
    ]);
    const release = double.hold();
    const list = await renderList(double);
    expect(part(list, 'loading')?.getAttribute('role')).to.equal('status');
    release();

    const [brief, notes, logo] = await rowsOf(list, 3);
    expect(part(list, 'table')!.getAttribute('aria-label')).to.equal('Shared documents');
    const headings = Array.from(part(list, 'table')!.querySelectorAll('thead th'), (th) => spokenText(th));
    expect(headings).to.deep.equal(['File', 'Project', 'Size', 'Uploaded', 'Download']);
    expect(cell(brief, 'name')).to.equal('Brief.pdf');
    expect(brief!.querySelector("[part~='name']")!.localName, 'the file name heads its row').to.equal('th');
    expect(cell(brief, 'project')).to.equal('Website redesign');
    expect(cell(brief, 'size')).to.equal(new Intl.NumberFormat(undefined, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(2.4));
    const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date('2026-11-24T10:00:00.000Z'));
    expect(cell(brief, 'uploaded')).to.equal(date);
    expect(cell(notes, 'project')).to.equal('Support');
    expect(spokenText(brief!.querySelector("[part~='download']")), 'each button names its file').to.equal('Download Brief.pdf');
    if (new Intl.NumberFormat().resolvedOptions().locale === 'en-US') {
      expect([brief, notes, logo].map((row) => cell(row, 'size'))).to.deep.equal(['2.4 MB', '980 bytes', '15.3 kB']);
    }
    expect(double.callsOf('documents.list')).to.deep.equal([[{ limit: 20 }]]);
  });

  it('with project-id lists only that project’s documents, without the Project column, and follows a new id', async () => {
    const double = doubleWith([
      documentFixture(website, { name: 'Brief.pdf' }),
      documentFixture(support, { name: 'Notes.txt' }),
    ]);
    const list = await renderList(double, { projectId: website.id });
    const [row] = await rowsOf(list, 1);
    expect(cell(row, 'name')).to.equal('Brief.pdf');
    expect(part(list, 'project')).to.equal(null);
    expect(Array.from(part(list, 'table')!.querySelectorAll('thead th'), (th) => spokenText(th))).to.deep.equal([
      'File',
      'Size',
      'Uploaded',
      'Download',
    ]);
    expect(list.getAttribute('project-id')).to.equal(website.id);

    list.projectId = support.id;
    await waitUntil(() => cell(parts(list, 'row')[0], 'name') === 'Notes.txt', 'the other project’s documents');
    expect(parts(list, 'row')).to.have.length(1);
    expect(double.callsOf('documents.list')).to.deep.equal([
      [{ limit: 20, projectId: website.id }],
      [{ limit: 20, projectId: support.id }],
    ]);
  });

  it('asks for a fresh link at every press of Download, then opens it', async () => {
    const brief = documentFixture(website, { name: 'Brief.pdf' });
    const double = doubleWith([brief]);
    const list = await renderList(double);
    const [row] = await rowsOf(list, 1);
    const opened = interceptDownloads(list);
    const button = row!.querySelector<HTMLButtonElement>("[part~='download']")!;

    const release = double.hold();
    const heard = oneEvent(list, 'taba-document-download');
    button.click();
    await waitUntil(() => button.getAttribute('aria-disabled') === 'true', 'preparing');
    expect(spokenText(button)).to.equal('Preparing… Brief.pdf');
    expect(double.callsOf('documents.createDownloadLink'), 'no link made before the press').to.have.length(1);
    release();
    const event = await heard;
    expect(event.detail.document.id).to.equal(brief.id);
    expect(event.cancelable).to.equal(true);
    expect(event.composed).to.equal(true);
    await waitUntil(() => button.getAttribute('aria-disabled') === 'false', 'ready again');

    button.click();
    await waitUntil(() => opened.urls.length === 2, 'second download');
    expect(double.callsOf('documents.createDownloadLink')).to.deep.equal([[brief.id], [brief.id]]);
    expect(opened.urls).to.deep.equal([`https://files.example/${brief.id}?link=1`, `https://files.example/${brief.id}?link=2`]);
  });

  it('opens the link through a link element named after the file unless the page handles it', async () => {
    const brief = documentFixture(website, { name: 'Brief.pdf' });
    const list = await renderList(doubleWith([brief]));
    const [row] = await rowsOf(list, 1);
    const clicked: { href: string; download: string }[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    };
    try {
      row!.querySelector<HTMLButtonElement>("[part~='download']")!.click();
      await waitUntil(() => clicked.length === 1, 'link opened');
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(clicked).to.deep.equal([{ href: `https://files.example/${brief.id}?link=1`, download: 'Brief.pdf' }]);
  });

  it('says so when a link cannot be made, and the next press tries again', async () => {
    const brief = documentFixture(website, { name: 'Brief.pdf' });
    const double = doubleWith([brief]);
    const list = await renderList(double);
    const [row] = await rowsOf(list, 1);
    const opened = interceptDownloads(list);
    double.failNext(
      'documents.createDownloadLink',
      new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable', requestId: 'req_dl' }),
    );
    row!.querySelector<HTMLButtonElement>("[part~='download']")!.click();
    await waitUntil(() => part(list, 'error'), 'download error');
    expect(part(list, 'error')!.getAttribute('role')).to.equal('alert');
    expect(textOf(part(list, 'error'))).to.contain('Could not download Brief.pdf.');
    expect(textOf(part(list, 'error'))).to.contain('req_dl');
    expect(opened.urls).to.deep.equal([]);

    row!.querySelector<HTMLButtonElement>("[part~='download']")!.click();
    await waitUntil(() => opened.urls.length === 1, 'downloaded');
    expect(part(list, 'error')).to.equal(null);
  });

  it('works by keyboard: Tab to Download, Enter downloads; Load more brings the next page and focuses it', async () => {
    const documents = [
      documentFixture(website, { name: 'One.pdf' }),
      documentFixture(website, { name: 'Two.pdf' }),
      documentFixture(website, { name: 'Three.pdf' }),
    ];
    const double = doubleWith(documents);
    const list = await renderList(double, { pageSize: 2 });
    const rows = await rowsOf(list, 2);
    const opened = interceptDownloads(list);

    await sendKeys({ press: 'Tab' });
    expect(list.shadowRoot!.activeElement).to.equal(rows[0]!.querySelector("[part~='download']"));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => opened.urls.length === 1, 'downloaded by keyboard');
    expect(opened.urls[0]).to.contain(documents[0]!.id);

    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(hasFocus(list, 'load-more')).to.equal(true);
    await sendKeys({ press: 'Enter' });
    const all = await rowsOf(list, 3);
    await waitUntil(
      () => list.shadowRoot!.activeElement === all[2]!.querySelector("[part~='download']"),
      'focus on the first new document',
    );
    expect(part(list, 'load-more')).to.equal(null);
  });

  it('says so when there are no documents, and alerts with Retry when loading fails', async () => {
    const empty = await renderList(doubleWith([]));
    await waitUntil(() => part(empty, 'empty'), 'empty state');
    expect(textOf(part(empty, 'empty'))).to.equal('No shared documents yet');

    const double = doubleWith([documentFixture(website, { name: 'Brief.pdf' })]);
    double.failNext('documents.list', new TypeError('Failed to fetch'));
    const failed = await renderList(double);
    await waitUntil(() => part(failed, 'error'), 'error state');
    expect(textOf(part(failed, 'error'))).to.contain('Could not load your documents.');
    buttonByText(failed, 'Retry')!.click();
    await rowsOf(failed, 1);
  });
});

describe('<taba-document-list> accessibility (WCAG 2.2 AA)', () => {
  it('has no violations loading, loaded, preparing a download, and loading more', async function () {
    this.timeout(15_000);
    const double = doubleWith([
      documentFixture(website, { name: 'One.pdf' }),
      documentFixture(support, { name: 'Two.pdf' }),
      documentFixture(support, { name: 'Three.pdf' }),
    ]);
    const release = double.hold();
    const list = await renderList(double, { pageSize: 2 });
    interceptDownloads(list);
    await expectAccessible(list, 'loading');
    release();
    const [row] = await rowsOf(list, 2);
    await expectAccessible(list, 'loaded');

    const holdLink = double.hold();
    row!.querySelector<HTMLButtonElement>("[part~='download']")!.click();
    await waitUntil(() => row!.querySelector("[part~='download']")!.getAttribute('aria-disabled') === 'true', 'preparing');
    await expectAccessible(list, 'preparing a download');
    holdLink();

    const holdMore = double.hold();
    part<HTMLButtonElement>(list, 'load-more')!.click();
    await waitUntil(() => part(list, 'load-more')?.getAttribute('aria-disabled') === 'true', 'busy');
    await expectAccessible(list, 'loading more');
    holdMore();
    await rowsOf(list, 3);
  });

  it('has no violations for one project, empty, failed, a failed download, and without a client', async function () {
    this.timeout(15_000);
    const one = await renderList(doubleWith([documentFixture(website)]), { projectId: website.id });
    await rowsOf(one, 1);
    await expectAccessible(one, 'one project');

    const empty = await renderList(doubleWith([]));
    await waitUntil(() => part(empty, 'empty'), 'empty');
    await expectAccessible(empty, 'empty');

    const failing = doubleWith([documentFixture(website)]);
    failing.failNext('documents.list', new TypeError('Failed to fetch'));
    const failed = await renderList(failing);
    await waitUntil(() => part(failed, 'error'), 'error');
    await expectAccessible(failed, 'error');

    const linkFails = doubleWith([documentFixture(website)]);
    const list = await renderList(linkFails);
    const [row] = await rowsOf(list, 1);
    linkFails.failNext('documents.createDownloadLink', new TypeError('Failed to fetch'));
    row!.querySelector<HTMLButtonElement>("[part~='download']")!.click();
    await waitUntil(() => part(list, 'error'), 'download failed');
    await expectAccessible(list, 'download failed');

    const alone = await fixture<TabaDocumentList>(html`<taba-document-list></taba-document-list>`);
    await expectAccessible(alone, 'not connected');
  });
});

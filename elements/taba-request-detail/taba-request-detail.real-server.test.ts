import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { PortalClient } from '../../sdk/portal-client.js';
import { part, parts, textOf } from '../test-support/dom.js';
import '../test-support/portal-provider.js';
import type { TabaRequestDetail } from './taba-request-detail.component.js';
import './taba-request-detail.js';

/** What the `taba-real-request` command of web-test-runner.config.ts returns. */
interface RealRequest {
  apiBase: string;
  clientSecret: string;
  requestId: string;
  itemIds: [string, string];
}

const SLOW = { timeout: 10_000 };

function itemOf(detail: TabaRequestDetail, itemId: string): HTMLElement {
  return detail.shadowRoot!.getElementById(`item-${itemId}`)!.closest<HTMLElement>("[part~='item']")!;
}

function within<T extends Element = HTMLElement>(element: Element, name: string): T | null {
  return element.querySelector<T>(`[part~='${name}']`);
}

function stateOf(detail: TabaRequestDetail, itemId: string): string {
  return textOf(within(itemOf(detail, itemId), 'state'));
}

function review(requestId: string, itemId: string, reason?: string): Promise<{ status: string } | undefined> {
  return executeServerCommand('taba-real-request-review', { requestId, itemId, ...(reason ? { reason } : {}) });
}

async function upload(detail: TabaRequestDetail, itemId: string, file: File): Promise<void> {
  const input = within<HTMLInputElement>(itemOf(detail, itemId), 'file-input')!;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
  await detail.updateComplete;
  within<HTMLButtonElement>(itemOf(detail, itemId), 'upload-button')!.click();
}

describe('<taba-request-detail> against a real server', () => {
  it('answers item by item, uploads with progress, answers a returned item again, through to Completed', async function () {
    this.timeout(40_000);
    const seeded = await executeServerCommand<RealRequest, { origin: string }>('taba-real-request', { origin: location.origin });
    const [vatId, statementId] = seeded.itemIds;
    const client = new PortalClient({ apiBase: seeded.apiBase, clientSecret: seeded.clientSecret });
    // The progress the SDK reports while the element uploads (through XMLHttpRequest in a browser).
    const progress: [number, number][] = [];
    const sendFile = client.requests.uploadFile;
    client.requests.uploadFile = (requestId, itemId, file, options = {}) =>
      sendFile(requestId, itemId, file, {
        ...options,
        onUploadProgress: (sent, total) => {
          progress.push([sent, total]);
          options.onUploadProgress?.(sent, total);
        },
      });
    const provider = await fixture(html`
      <test-portal-provider .client=${client}>
        <taba-request-detail request-id=${seeded.requestId}></taba-request-detail>
      </test-portal-provider>
    `);
    const detail = provider.querySelector<TabaRequestDetail>('taba-request-detail')!;
    await waitUntil(() => part(detail, 'title'), 'request shown', SLOW);
    expect(textOf(part(detail, 'title'))).to.match(/^REQ-\d{4} Year-end documents$/);
    expect(textOf(part(detail, 'status'))).to.equal('Sent');
    expect(parts(detail, 'prompt').map(textOf)).to.deep.equal(['What is your VAT number?', 'Your bank statement for December']);

    const answer = within<HTMLTextAreaElement>(itemOf(detail, vatId), 'answer-input')!;
    answer.value = ' GB123456789 ';
    answer.dispatchEvent(new Event('input'));
    await detail.updateComplete;
    within<HTMLButtonElement>(itemOf(detail, vatId), 'send')!.click();
    await waitUntil(() => stateOf(detail, vatId) === 'Under review', 'text answered', SLOW);
    expect(textOf(within(itemOf(detail, vatId), 'answer-text'))).to.equal('GB123456789');
    expect(textOf(part(detail, 'status'))).to.equal('In Progress');

    const content = 'Opening balance 1,000.00\nClosing balance 1,250.00\n'.repeat(2000);
    await upload(detail, statementId, new File([content], 'statement.txt', { type: 'text/plain' }));
    await waitUntil(() => stateOf(detail, statementId) === 'Under review', 'file provided', SLOW);
    expect(textOf(within(itemOf(detail, statementId), 'answer-file'))).to.match(/^statement\.txt \(/);
    expect(detail.shadowRoot!.querySelector('a'), 'never a link to the file').to.equal(null);
    expect(progress.length, 'upload progress reported').to.be.greaterThan(0);
    const [sent, total] = progress.at(-1)!;
    expect(sent).to.equal(total);
    expect(total, 'the multipart body').to.be.greaterThan(content.length);

    await review(seeded.requestId, statementId, 'The last page is missing.');
    await detail.refresh();
    await waitUntil(() => stateOf(detail, statementId) === 'Returned', 'returned', SLOW);
    expect(textOf(within(itemOf(detail, statementId), 'return-reason'))).to.equal('Why it was returned: The last page is missing.');
    await upload(detail, statementId, new File([`${content}Page 2 of 2\n`], 'statement-full.txt', { type: 'text/plain' }));
    await waitUntil(() => stateOf(detail, statementId) === 'Under review', 'answered again', SLOW);
    expect(textOf(within(itemOf(detail, statementId), 'answer-file'))).to.match(/^statement-full\.txt \(/);

    await review(seeded.requestId, vatId);
    expect(await review(seeded.requestId, statementId)).to.deep.equal({ status: 'completed' });
    await detail.refresh();
    await waitUntil(() => textOf(part(detail, 'status')) === 'Completed', 'completed', SLOW);
    expect(textOf(part(detail, 'progress-text'))).to.equal('2 of 2 accepted');
    expect(parts(detail, 'state').map(textOf)).to.deep.equal(['Accepted', 'Accepted']);
    expect(textOf(part(detail, 'closed'))).to.equal('This request is completed: every answer was accepted.');
    expect(detail.shadowRoot!.querySelector('form, textarea, input, button'), 'read-only').to.equal(null);
  });
});

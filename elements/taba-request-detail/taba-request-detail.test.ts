import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { NotFoundError } from '../../sdk/errors.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, hasFocus, part, parts, textOf } from '../test-support/dom.js';
import { PortalApiDouble } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import { RequestDesk, reportUploadProgress, requestFixture, requestItemFixture, uploadProblems } from '../test-support/request-desk.js';
import type { TabaRequestDetail } from './taba-request-detail.component.js';
import './taba-request-detail.js';

const ANSWERED_AT = '2026-11-23T10:30:00.000Z';

/** A request in progress with one item in each state, text and file. */
function setup(overrides: Parameters<typeof requestFixture>[0] = {}) {
  const double = new PortalApiDouble();
  const request = requestFixture({
    title: 'Year-end documents',
    status: 'in_progress',
    projectId: 'prj_accounts',
    projectName: 'Annual accounts',
    message: 'Please send these by Friday.\nThank you!',
    items: [
      requestItemFixture({ kind: 'text', prompt: 'What is your VAT number?' }),
      requestItemFixture({ kind: 'file', prompt: 'Your bank statement for December' }),
      requestItemFixture({
        kind: 'text',
        prompt: 'Who signs the accounts?',
        state: 'returned',
        returnReason: 'Please give the full name, not initials.',
        answer: { text: 'A. L.', file: null, answeredAt: ANSWERED_AT },
      }),
      requestItemFixture({
        kind: 'file',
        prompt: 'The signed engagement letter',
        state: 'accepted',
        answer: { text: null, file: { name: 'engagement.pdf', size: 245_760, contentType: 'application/pdf' }, answeredAt: ANSWERED_AT },
      }),
      requestItemFixture({
        kind: 'text',
        prompt: 'Your year end date',
        state: 'under_review',
        answer: { text: '31 December', file: null, answeredAt: ANSWERED_AT },
      }),
    ],
    ...overrides,
  });
  const desk = new RequestDesk(double, [request]);
  const [vat, statement, signer, letter, yearEnd] = request.items;
  return { double, desk, request, vat: vat!, statement: statement!, signer: signer!, letter: letter!, yearEnd: yearEnd! };
}

async function renderDetail(double: PortalApiDouble, requestId: string | undefined): Promise<TabaRequestDetail> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-request-detail .requestId=${requestId}></taba-request-detail>
    </test-portal-provider>
  `);
  return provider.querySelector('taba-request-detail')!;
}

async function shown(detail: TabaRequestDetail): Promise<void> {
  await waitUntil(() => part(detail, 'title'), 'request shown');
}

function itemOf(detail: TabaRequestDetail, itemId: string): HTMLElement {
  return detail.shadowRoot!.getElementById(`item-${itemId}`)!.closest<HTMLElement>("[part~='item']")!;
}

function within<T extends Element = HTMLElement>(element: Element, name: string): T | null {
  return element.querySelector<T>(`[part~='${name}']`);
}

/** Replaces an item's draft as typing would, firing `input`. */
function setDraft(detail: TabaRequestDetail, itemId: string, text: string): void {
  const input = within<HTMLTextAreaElement>(itemOf(detail, itemId), 'answer-input')!;
  input.value = text;
  input.dispatchEvent(new Event('input'));
}

/** Chooses a file in an item's file input, as the file picker would. */
function chooseFile(detail: TabaRequestDetail, itemId: string, file: File): void {
  const input = within<HTMLInputElement>(itemOf(detail, itemId), 'file-input')!;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

function pdf(name = 'statement.pdf', bytes = 2048): File {
  return new File([new Uint8Array(bytes)], name, { type: 'application/pdf' });
}

describe('<taba-request-detail>', () => {
  it('shows the request’s head, the team’s note, and every item with its prompt, state, reason and answer', async () => {
    const { double, request, vat, statement, signer, letter, yearEnd } = setup();
    const release = double.hold();
    const detail = await renderDetail(double, request.id);
    expect(part(detail, 'loading')?.getAttribute('role')).to.equal('status');
    release();
    await shown(detail);

    expect(textOf(part(detail, 'title'))).to.equal(`${request.number} Year-end documents`);
    expect(textOf(part(detail, 'status'))).to.equal('In Progress');
    expect(textOf(part(detail, 'project'))).to.equal('Annual accounts');
    expect(textOf(part(detail, 'progress-text'))).to.equal('1 of 5 accepted');
    expect(part(detail, 'message')!.textContent).to.equal('Please send these by Friday.\nThank you!');
    expect(part(detail, 'closed')).to.equal(null);

    const rows = parts(detail, 'item').map((item) => [textOf(within(item, 'prompt')), textOf(within(item, 'state'))]);
    expect(rows).to.deep.equal([
      ['What is your VAT number?', 'Awaiting your answer'],
      ['Your bank statement for December', 'Awaiting your answer'],
      ['Who signs the accounts?', 'Returned'],
      ['The signed engagement letter', 'Accepted'],
      ['Your year end date', 'Under review'],
    ]);
    expect(part(detail, 'items')!.localName).to.equal('ol');
    expect(within(itemOf(detail, vat.id), 'prompt')!.localName).to.equal('h4');
    expect(itemOf(detail, signer.id).getAttribute('part')).to.equal('item item-returned');
    expect(within(itemOf(detail, signer.id), 'state')!.getAttribute('part')).to.equal('state state-returned');
    expect(textOf(within(itemOf(detail, signer.id), 'return-reason'))).to.equal('Why it was returned: Please give the full name, not initials.');
    expect(textOf(within(itemOf(detail, signer.id), 'answer-text'))).to.equal('A. L.');
    const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ANSWERED_AT));
    expect(textOf(within(itemOf(detail, signer.id), 'answered-at'))).to.equal(`Sent ${when}`);

    // A file provided is its name and size: it sits in the team's review, never a link.
    expect(textOf(within(itemOf(detail, letter.id), 'answer-file'))).to.equal(`engagement.pdf (${new Intl.NumberFormat(undefined, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 }).format(245.76)})`);
    expect(detail.shadowRoot!.querySelector('a'), 'no links').to.equal(null);

    // Text items get a text area, file items a file input; accepted items neither.
    expect(within(itemOf(detail, vat.id), 'answer-form')).not.to.equal(null);
    expect(within(itemOf(detail, statement.id), 'upload-form')).not.to.equal(null);
    expect(within(itemOf(detail, letter.id), 'upload-form'), 'accepted: read-only').to.equal(null);
    expect(itemOf(detail, letter.id).querySelector('form, textarea, input, button')).to.equal(null);
    expect(textOf(itemOf(detail, vat.id).querySelector('label'))).to.equal('Your answer');
    expect(textOf(itemOf(detail, signer.id).querySelector('label')), 'answering again').to.equal('Your new answer');
    expect(textOf(itemOf(detail, yearEnd.id).querySelector('label')), 'under review: can still be replaced').to.equal('Your new answer');
    expect(textOf(itemOf(detail, statement.id).querySelector('label'))).to.equal('File');
  });

  it('answers a text item by keyboard alone: under review, announced, focus on the item, taba-request-item-answered', async () => {
    const { double, desk, request, vat } = setup({ status: 'sent' });
    const detail = await renderDetail(double, request.id);
    await shown(detail);
    const send = () => within<HTMLButtonElement>(itemOf(detail, vat.id), 'send')!;
    expect(send().disabled, 'nothing to send yet').to.equal(true);

    within<HTMLTextAreaElement>(itemOf(detail, vat.id), 'answer-input')!.focus();
    await sendKeys({ type: '  GB123456789 ' });
    expect(textOf(within(itemOf(detail, vat.id), 'counter'))).to.equal('9,989 characters left');
    await sendKeys({ press: 'Tab' });
    expect(detail.shadowRoot!.activeElement).to.equal(send());
    const answered = oneEvent(detail, 'taba-request-item-answered');
    await sendKeys({ press: 'Enter' });
    const { detail: event } = await answered;
    expect(event.item).to.deep.include({ id: vat.id, state: 'under_review' });
    expect(event.request.status).to.equal('in_progress');

    await waitUntil(() => textOf(within(itemOf(detail, vat.id), 'state')) === 'Under review', 'new state shown');
    expect(textOf(within(itemOf(detail, vat.id), 'answer-text'))).to.equal('GB123456789');
    expect(textOf(part(detail, 'status')), 'the first answer puts the request in progress').to.equal('In Progress');
    expect(within<HTMLTextAreaElement>(itemOf(detail, vat.id), 'answer-input')!.value).to.equal('');
    await waitUntil(() => detail.shadowRoot!.activeElement?.id === `item-${vat.id}`, 'focus on the item');
    await waitUntil(() => textOf(part(detail, 'announcement')) === 'Answer sent. The team will review it.', 'announced');
    expect(part(detail, 'announcement')!.getAttribute('role')).to.equal('status');

    const [[input]] = double.callsOf('answerPortalRequestItem') as [[{ params: unknown; body: unknown; idempotencyKey: string }]];
    expect(input.params).to.deep.equal({ requestId: request.id, itemId: vat.id });
    expect(input.body).to.deep.equal({ text: 'GB123456789' });
    expect(input.idempotencyKey).to.match(/^[0-9a-f]{32}$/);
    expect(desk.stored).to.deep.equal([{ itemId: vat.id, text: 'GB123456789', fileName: null }]);
  });

  it('answers a returned item again, and replaces an answer under review', async () => {
    const { double, desk, request, signer, yearEnd } = setup();
    const detail = await renderDetail(double, request.id);
    await shown(detail);

    setDraft(detail, signer.id, 'Ada Lovelace');
    await detail.updateComplete;
    within<HTMLButtonElement>(itemOf(detail, signer.id), 'send')!.click();
    await waitUntil(() => textOf(within(itemOf(detail, signer.id), 'state')) === 'Under review', 'answered again');
    expect(within(itemOf(detail, signer.id), 'return-reason'), 'the reason goes with the returned answer').to.equal(null);
    expect(textOf(within(itemOf(detail, signer.id), 'answer-text'))).to.equal('Ada Lovelace');

    setDraft(detail, yearEnd.id, '30 June');
    await detail.updateComplete;
    within<HTMLButtonElement>(itemOf(detail, yearEnd.id), 'send')!.click();
    await waitUntil(() => textOf(within(itemOf(detail, yearEnd.id), 'answer-text')) === '30 June', 'replaced');
    expect(desk.stored.map((answer) => answer.text)).to.deep.equal(['Ada Lovelace', '30 June']);
  });

  it('counts characters like the server and disables Send past 10,000', async () => {
    const { double, request, vat } = setup();
    const detail = await renderDetail(double, request.id);
    await shown(detail);
    const item = () => itemOf(detail, vat.id);

    setDraft(detail, vat.id, ` ${'😀'.repeat(10_000)}\n`);
    await detail.updateComplete;
    expect(textOf(within(item(), 'counter'))).to.equal('0 characters left');
    expect(within<HTMLButtonElement>(item(), 'send')!.disabled).to.equal(false);

    setDraft(detail, vat.id, 'a'.repeat(10_003));
    await detail.updateComplete;
    expect(textOf(within(item(), 'counter'))).to.equal('3 characters over the limit. Shorten your answer to send it.');
    expect(within(item(), 'counter')!.getAttribute('part')).to.equal('counter counter-over');
    expect(within<HTMLButtonElement>(item(), 'send')!.disabled).to.equal(true);
    expect(within(item(), 'answer-input')!.getAttribute('aria-invalid')).to.equal('true');
    expect(within(item(), 'answer-input')!.getAttribute('aria-describedby')).to.equal(`item-${vat.id} counter-${vat.id}`);
    within<HTMLFormElement>(item(), 'answer-form')!.requestSubmit();
    await detail.updateComplete;
    expect(double.callsOf('answerPortalRequestItem'), 'nothing sent past the limit').to.have.length(0);
  });

  it('retries an answer whose reply was lost with the same Idempotency-Key: answered once; a new draft gets a new key', async () => {
    const { double, desk, request, vat, yearEnd } = setup();
    const detail = await renderDetail(double, request.id);
    await shown(detail);
    setDraft(detail, vat.id, 'GB123456789');
    await detail.updateComplete;
    desk.loseNextAnswer();
    within<HTMLButtonElement>(itemOf(detail, vat.id), 'send')!.click();

    await waitUntil(() => within(itemOf(detail, vat.id), 'error'), 'send failed');
    const alert = within(itemOf(detail, vat.id), 'error')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(textOf(alert)).to.contain('Your answer was not sent. It is still here; send it again with Retry.');
    expect(within<HTMLTextAreaElement>(itemOf(detail, vat.id), 'answer-input')!.value, 'draft kept').to.equal('GB123456789');
    expect(textOf(within(itemOf(detail, vat.id), 'state')), 'shown as it was').to.equal('Awaiting your answer');
    await waitUntil(() => detail.shadowRoot!.activeElement === within(itemOf(detail, vat.id), 'retry'), 'focus on Retry');
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => textOf(within(itemOf(detail, vat.id), 'state')) === 'Under review', 'answered');
    expect(within(itemOf(detail, vat.id), 'error')).to.equal(null);
    const keys = double.callsOf('answerPortalRequestItem').map(([input]) => (input as { idempotencyKey: string }).idempotencyKey);
    expect(keys).to.have.length(2);
    expect(keys[1]).to.equal(keys[0]);
    expect(desk.stored, 'stored once').to.have.length(1);

    setDraft(detail, yearEnd.id, '30 June');
    await detail.updateComplete;
    within<HTMLButtonElement>(itemOf(detail, yearEnd.id), 'send')!.click();
    await waitUntil(() => desk.stored.length === 2, 'second answer');
    const third = (double.callsOf('answerPortalRequestItem')[2]![0] as { idempotencyKey: string }).idempotencyKey;
    expect(third).not.to.equal(keys[0]);
  });

  it('shows the server’s refusal with its reason and no Retry, keeps the draft, and clears it once the text changes', async () => {
    const { double, desk, request, vat } = setup();
    const detail = await renderDetail(double, request.id);
    await shown(detail);
    // Closed by the team meanwhile: the server refuses.
    desk.requests[0]!.status = 'cancelled';
    setDraft(detail, vat.id, 'GB123456789');
    await detail.updateComplete;
    within<HTMLButtonElement>(itemOf(detail, vat.id), 'send')!.click();

    await waitUntil(() => within(itemOf(detail, vat.id), 'error'), 'refused');
    const alert = within(itemOf(detail, vat.id), 'error')!;
    expect(textOf(alert)).to.contain('Your answer was not accepted by the portal.');
    expect(textOf(alert)).to.contain('This request is closed; it takes no more answers.');
    expect(within(alert, 'retry'), 'the same answer would be refused again').to.equal(null);
    await waitUntil(() => hasFocus(detail, 'answer-input'), 'focus on the answer');
    expect(within(itemOf(detail, vat.id), 'answer-input')!.getAttribute('aria-invalid')).to.equal('true');

    await sendKeys({ type: '!' });
    await detail.updateComplete;
    expect(within(itemOf(detail, vat.id), 'error')).to.equal(null);
  });

  it('uploads a file with an accessible progress bar, announces it, and shows the file provided (no link)', async () => {
    const { double, desk, request, statement } = setup();
    const detail = await renderDetail(double, request.id);
    await shown(detail);
    const item = () => itemOf(detail, statement.id);
    const upload = () => within<HTMLButtonElement>(item(), 'upload-button')!;
    expect(upload().disabled, 'no file chosen yet').to.equal(true);

    let finish!: () => void;
    const reported = reportUploadProgress(double, [512, 1024], new Promise<void>((resolve) => (finish = resolve)));
    chooseFile(detail, statement.id, pdf('statement.pdf', 2048));
    await detail.updateComplete;
    upload().focus();
    const answered = oneEvent(detail, 'taba-request-item-answered');
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => within(item(), 'upload-progress'), 'upload under way');
    const bar = within<HTMLProgressElement>(item(), 'upload-progress')!;
    expect(bar.localName).to.equal('progress');
    expect([bar.value, bar.max]).to.deep.equal([1024, 2048]);
    expect(textOf(bar.labels[0]!)).to.equal('Uploading statement.pdf');
    expect(upload().getAttribute('aria-disabled')).to.equal('true');
    expect(within(item(), 'upload-form')!.getAttribute('aria-busy')).to.equal('true');
    expect(reported.calls).to.equal(1);
    finish();

    const { detail: event } = await answered;
    expect(event.item.answer?.file).to.deep.equal({ name: 'statement.pdf', size: 2048, contentType: 'application/pdf' });
    await waitUntil(() => textOf(within(item(), 'state')) === 'Under review', 'under review');
    expect(within(item(), 'upload-progress')).to.equal(null);
    expect(textOf(within(item(), 'answer-file'))).to.match(/^statement\.pdf \(/);
    expect(item().querySelector('a')).to.equal(null);
    expect(within<HTMLInputElement>(item(), 'file-input')!.files).to.have.length(0);
    expect(textOf(item().querySelector('label')), 'a new file can replace it').to.equal('A new file');
    await waitUntil(() => textOf(part(detail, 'announcement')) === 'statement.pdf uploaded. The team will review it.', 'announced');
    await waitUntil(() => detail.shadowRoot!.activeElement?.id === `item-${statement.id}`, 'focus on the item');

    const [[input]] = double.callsOf('uploadPortalRequestItemFile') as [[{ params: unknown; body: { file: File } }]];
    expect(input.params).to.deep.equal({ requestId: request.id, itemId: statement.id });
    expect(input.body.file.name).to.equal('statement.pdf');
    expect(desk.stored).to.deep.equal([{ itemId: statement.id, text: null, fileName: 'statement.pdf' }]);
  });

  it('shows why the server refused a file (too large, type not allowed) without Retry, and offers Retry after too many uploads', async () => {
    const { double, desk, request, statement } = setup();
    const detail = await renderDetail(double, request.id);
    await shown(detail);
    const item = () => itemOf(detail, statement.id);
    reportUploadProgress(double, [2048]);

    for (const [problem, reason] of [
      [uploadProblems.tooLarge(), 'The file is larger than 25 MB.'],
      [uploadProblems.typeNotAllowed(), 'Upload a PDF, an image or an office document.'],
    ] as const) {
      chooseFile(detail, statement.id, pdf('huge.pdf'));
      await detail.updateComplete;
      double.failNext('uploadPortalRequestItemFile', problem);
      within<HTMLButtonElement>(item(), 'upload-button')!.click();
      await waitUntil(() => within(item(), 'error'), `refused: ${problem.code}`);
      const alert = within(item(), 'error')!;
      expect(textOf(alert)).to.contain('huge.pdf was not uploaded.');
      expect(textOf(alert)).to.contain(reason);
      expect(within(alert, 'retry'), 'the same file would be refused again').to.equal(null);
      expect(within(item(), 'upload-progress')).to.equal(null);
      await waitUntil(() => hasFocus(detail, 'file-input'), 'focus on the file chooser');
    }

    chooseFile(detail, statement.id, pdf('statement.pdf'));
    await detail.updateComplete;
    expect(within(item(), 'error'), 'a new file clears the refusal').to.equal(null);
    double.failNext('uploadPortalRequestItemFile', uploadProblems.tooMany());
    within<HTMLButtonElement>(item(), 'upload-button')!.click();
    await waitUntil(() => within(item(), 'error'), 'rate limited');
    expect(textOf(within(item(), 'error'))).to.contain('Too many uploads');
    expect(textOf(within(item(), 'error-advice'))).to.contain('Try again in a few minutes');
    await waitUntil(() => detail.shadowRoot!.activeElement === within(item(), 'retry'), 'focus on Retry');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => textOf(within(item(), 'state')) === 'Under review', 'uploaded on retry');
    expect(desk.stored.map((answer) => answer.fileName)).to.deep.equal(['statement.pdf']);
  });

  it('is read-only when the request is completed or cancelled, and says so', async () => {
    for (const [status, note] of [
      ['completed', 'This request is completed: every answer was accepted.'],
      ['cancelled', 'This request was cancelled; nothing more is needed.'],
    ] as const) {
      const { double, request } = setup({ status });
      const detail = await renderDetail(double, request.id);
      await shown(detail);
      expect(textOf(part(detail, 'closed'))).to.equal(note);
      expect(parts(detail, 'item')).to.have.length(5);
      expect(detail.shadowRoot!.querySelector('form, textarea, input, button'), status).to.equal(null);
    }
  });

  it('focus() moves to the heading once the request is shown', async () => {
    const { double, request } = setup();
    const release = double.hold();
    const detail = await renderDetail(double, request.id);
    detail.focus();
    release();
    await shown(detail);
    await waitUntil(() => hasFocus(detail, 'title'), 'focus on the heading');
  });

  it('says so when the request has no items, alerts with Retry when loading fails, and needs a request and a client', async () => {
    const bare = setup({ items: [], message: '' });
    const empty = await renderDetail(bare.double, bare.request.id);
    await shown(empty);
    expect(textOf(part(empty, 'empty'))).to.equal('No items yet');
    expect(part(empty, 'message')).to.equal(null);

    const { double, request } = setup();
    double.failNext('retrievePortalRequest', new NotFoundError({ type: 'about:blank', title: 'Request not found', status: 404, code: 'not_found' }));
    const detail = await renderDetail(double, request.id);
    await waitUntil(() => part(detail, 'error'), 'error');
    expect(textOf(part(detail, 'error'))).to.contain('Could not load this request.');
    buttonByText(detail, 'Retry')!.click();
    await shown(detail);

    const none = await renderDetail(double, undefined);
    expect(textOf(part(none, 'notice'))).to.equal('No request selected.');
    const alone = await fixture<TabaRequestDetail>(html`<taba-request-detail request-id="req_x"></taba-request-detail>`);
    expect(textOf(part(alone, 'notice'))).to.equal('Not connected to a portal session.');
  });
});

describe('<taba-request-detail> accessibility (WCAG 2.2 AA)', () => {
  it('has no violations loading, with every kind and state of item, uploading, and after failures', async function () {
    this.timeout(30_000);
    const { double, request, vat, statement } = setup();
    const release = double.hold();
    const detail = await renderDetail(double, request.id);
    await expectAccessible(detail, 'loading');
    release();
    await shown(detail);
    await expectAccessible(detail, 'shown');

    let finish!: () => void;
    reportUploadProgress(double, [1024], new Promise<void>((resolve) => (finish = resolve)));
    chooseFile(detail, statement.id, pdf());
    await detail.updateComplete;
    within<HTMLButtonElement>(itemOf(detail, statement.id), 'upload-button')!.click();
    await waitUntil(() => within(itemOf(detail, statement.id), 'upload-progress'), 'uploading');
    await expectAccessible(detail, 'uploading');
    finish();
    await waitUntil(() => textOf(part(detail, 'announcement')).endsWith('uploaded. The team will review it.'), 'uploaded');
    await expectAccessible(detail, 'uploaded');

    chooseFile(detail, statement.id, pdf('huge.pdf'));
    await detail.updateComplete;
    double.failNext('uploadPortalRequestItemFile', uploadProblems.tooLarge());
    within<HTMLButtonElement>(itemOf(detail, statement.id), 'upload-button')!.click();
    await waitUntil(() => within(itemOf(detail, statement.id), 'error'), 'upload refused');
    setDraft(detail, vat.id, 'a'.repeat(10_001));
    await detail.updateComplete;
    await expectAccessible(detail, 'upload refused, answer too long');

    setDraft(detail, vat.id, 'GB123');
    await detail.updateComplete;
    double.failNext('answerPortalRequestItem', new TypeError('Failed to fetch'));
    within<HTMLButtonElement>(itemOf(detail, vat.id), 'send')!.click();
    await waitUntil(() => within(itemOf(detail, vat.id), 'retry'), 'send failed');
    await expectAccessible(detail, 'send failed');
  });

  it('has no violations when closed, without items, when loading failed, and without a client', async function () {
    this.timeout(20_000);
    const closed = setup({ status: 'completed' });
    const done = await renderDetail(closed.double, closed.request.id);
    await shown(done);
    await expectAccessible(done, 'completed');

    const bare = setup({ items: [] });
    const empty = await renderDetail(bare.double, bare.request.id);
    await shown(empty);
    await expectAccessible(empty, 'no items');

    const { double, request } = setup();
    double.failNext('retrievePortalRequest', new TypeError('Failed to fetch'));
    const failed = await renderDetail(double, request.id);
    await waitUntil(() => part(failed, 'error'), 'error');
    await expectAccessible(failed, 'error');

    const alone = await fixture<TabaRequestDetail>(html`<taba-request-detail request-id="req_x"></taba-request-detail>`);
    await expectAccessible(alone, 'not connected');
  });
});

import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ConflictError, NotFoundError, ValidationError } from '../../../sdk/errors.js';
import { PortalClient } from '../../../sdk/portal-client.js';
import { testDialects } from '../../test-support/databases.js';
import { pdfOfSize, samples } from '../../test-support/files.js';
import { seedCustomerWithProposals } from '../../test-support/fixtures.js';
import { startTestServer, type TestServer } from '../../test-support/server.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The browser's XMLHttpRequest as far as the SDK uses it, sending through the real fetch: Node has
 * no XHR, and this is how the transport's upload-progress path is exercised against the real
 * server. Progress is reported the way a browser does: partway, then the whole body.
 */
class BrowserXhr {
  static sent = 0;
  readonly upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  responseType = '';
  status = 0;
  statusText = '';
  response: Blob | null = null;
  #method = 'GET';
  #url = '';
  readonly #headers: Record<string, string> = {};
  #responseHeaders = new Headers();

  open(method: string, url: string): void {
    this.#method = method;
    this.#url = url;
  }

  setRequestHeader(name: string, value: string): void {
    this.#headers[name] = value;
  }

  getAllResponseHeaders(): string {
    return [...this.#responseHeaders].map(([name, value]) => `${name}: ${value}`).join('\r\n');
  }

  send(body: FormData): void {
    BrowserXhr.sent += 1;
    void (async () => {
      try {
        // The encoded multipart body, as the browser would stream it.
        const encoded = new Request(this.#url, { method: this.#method, body });
        const bytes = new Uint8Array(await encoded.arrayBuffer());
        this.upload.onprogress?.({ lengthComputable: true, loaded: Math.floor(bytes.length / 2), total: bytes.length });
        this.upload.onprogress?.({ lengthComputable: true, loaded: bytes.length, total: bytes.length });
        const response = await fetch(this.#url, { method: this.#method, headers: { ...this.#headers, 'content-type': encoded.headers.get('content-type')! }, body: bytes });
        this.status = response.status;
        this.statusText = response.statusText;
        this.#responseHeaders = response.headers;
        this.response = await response.blob();
        this.onload?.();
      } catch {
        this.onerror?.();
      }
    })();
  }
}

for (const dialect of testDialects) {
  describe(`information requests and intake through the SDK (${dialect})`, () => {
    let server: TestServer;
    let seeded: Awaited<ReturnType<typeof seedCustomerWithProposals>>;

    before(async () => {
      server = await startTestServer(dialect);
      seeded = await seedCustomerWithProposals(server.workspace);
    });
    after(() => server.close());

    test('the team asks, the contact answers and uploads (with progress in a browser), the team reviews the file and completes the request', async () => {
      const { workspace } = server;
      const draft = await workspace.requests.create({
        customerId: seeded.customerId,
        title: 'Year-end documents',
        items: [
          { kind: 'text', prompt: 'Your fiscal year end?' },
          { kind: 'file', prompt: 'Bank statement' },
          { kind: 'file', prompt: 'Signed engagement letter' },
        ],
      });
      const request = await workspace.requests.send(draft.id);
      const [fiscal, statement, letter] = request.items;

      const portal = new PortalClient({ apiBase: server.url, clientSecret: (await workspace.portalSessions.create({ contactId: seeded.contactId })).clientSecret });
      assert.deepEqual((await portal.requests.list()).items.map((card) => [card.number, card.status, card.acceptedCount, card.itemCount]), [[request.number, 'sent', 0, 3]]);
      assert.deepEqual((await portal.requests.list({ tab: 'completed' })).items, []);

      const idempotencyKey = randomUUID();
      const answered = await portal.requests.answer(request.id, fiscal!.id, { text: '31 March' }, { idempotencyKey });
      const again = await portal.requests.answer(request.id, fiscal!.id, { text: '31 March' }, { idempotencyKey });
      assert.equal(again.items[0]!.answer!.answeredAt, answered.items[0]!.answer!.answeredAt, 'a retry with the same key answers the first result');
      await assert.rejects(portal.requests.answer(request.id, statement!.id, { text: 'text for a file' }), (error: unknown) => error instanceof ValidationError && error.code === 'item_kind_mismatch');

      // Without XMLHttpRequest (Node, a server): fetch, and a nameless Blob named by `filename`.
      const statementBytes = pdfOfSize(20_000);
      const afterStatement = await portal.requests.uploadFile(request.id, statement!.id, new Blob([new Uint8Array(statementBytes)], { type: 'application/pdf' }), { filename: 'statement.pdf' });
      assert.deepEqual(afterStatement.items[1]!.answer?.file, { name: 'statement.pdf', size: 20_000, contentType: 'application/pdf' });

      // In a browser: XMLHttpRequest, with progress up to the whole body; errors arrive as the same typed errors.
      const globals = globalThis as { XMLHttpRequest?: unknown };
      globals.XMLHttpRequest = BrowserXhr;
      BrowserXhr.sent = 0;
      try {
        const progress: [number, number][] = [];
        const letterBytes = samples.pdf();
        const afterLetter = await portal.requests.uploadFile(request.id, letter!.id, new File([new Uint8Array(letterBytes)], 'letter.pdf', { type: 'application/pdf' }), {
          onUploadProgress: (sent, total) => progress.push([sent, total]),
        });
        assert.equal(BrowserXhr.sent, 1, 'sent through XMLHttpRequest');
        assert.equal(afterLetter.items[2]!.state, 'under_review');
        assert.ok(progress.length >= 2, JSON.stringify(progress));
        const [lastSent, total] = progress.at(-1)!;
        assert.ok(total > letterBytes.length && lastSent === total, 'the whole multipart body was reported');
        await assert.rejects(
          portal.requests.uploadFile(request.id, letter!.id, new File([], 'empty.pdf', { type: 'application/pdf' }), { onUploadProgress: () => undefined }),
          (error: unknown) => error instanceof ValidationError && error.code === 'empty_file' && error.status === 400,
        );
        await assert.rejects(
          portal.requests.uploadFile('req_nothing', letter!.id, new File([letterBytes], 'x.pdf'), { onUploadProgress: () => undefined }),
          (error: unknown) => error instanceof NotFoundError,
        );
        assert.equal(BrowserXhr.sent, 3);
      } finally {
        delete globals.XMLHttpRequest;
      }

      // The team: the queue, the file's bytes through a reviewer's link, a rejection and an acceptance.
      const queue = await workspace.intake.list({ status: 'pending', customerId: seeded.customerId });
      assert.deepEqual(queue.items.map((item) => item.file.name).sort(), ['letter.pdf', 'statement.pdf']);
      const statementIntake = queue.items.find((item) => item.file.name === 'statement.pdf')!;
      const bytes = new Uint8Array(await new Response(await workspace.intake.download(statementIntake.id)).arrayBuffer());
      assert.equal(sha256(bytes), sha256(statementBytes));
      await workspace.intake.reject(statementIntake.id, { reason: 'Please send the December statement.' });
      await assert.rejects(workspace.intake.accept(statementIntake.id), (error: unknown) => error instanceof ConflictError && error.code === 'intake_already_reviewed');
      const returned = await portal.requests.retrieve(request.id);
      assert.deepEqual([returned.items[1]!.state, returned.items[1]!.returnReason], ['returned', 'Please send the December statement.']);
      await portal.requests.uploadFile(request.id, statement!.id, new File([new Uint8Array(statementBytes)], 'december.pdf', { type: 'application/pdf' }));

      for (const item of (await workspace.intake.list({ status: 'pending', customerId: seeded.customerId })).items) await workspace.intake.accept(item.id);
      const completed = await workspace.requests.acceptItem(request.id, fiscal!.id);
      assert.deepEqual([completed.status, completed.acceptedCount], ['completed', 3]);
      assert.deepEqual((await portal.requests.list({ tab: 'completed' })).items.map((card) => [card.id, card.status]), [[request.id, 'completed']]);
      assert.deepEqual((await workspace.requests.list({ status: 'completed' })).items.map((item) => item.id), [request.id]);
    });
  });
}

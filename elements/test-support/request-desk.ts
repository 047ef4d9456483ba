import type { PortalRequest, PortalRequestCard, PortalRequestItem } from '../../sdk/contract/requests.js';
import { ApiError, ConflictError, NotFoundError, RateLimitError, ValidationError } from '../../sdk/errors.js';
import type { PortalApiDouble } from './portal-api-double.js';

let nextNumber = 1;

function padded(number: number, width: number): string {
  return number.toString().padStart(width, '0');
}

/** A text item awaiting the contact's answer; override any field. */
export function requestItemFixture(overrides: Partial<PortalRequestItem> = {}): PortalRequestItem {
  const number = nextNumber++;
  return {
    id: `rqi_${padded(number, 6)}`,
    position: 1,
    kind: 'text',
    prompt: `Question ${number}`,
    state: 'awaiting_response',
    returnReason: null,
    answer: null,
    ...overrides,
  };
}

/**
 * A sent request with one text item; override any field. `itemCount` and `acceptedCount` follow
 * the items unless given, and items are numbered by position.
 */
export function requestFixture(overrides: Partial<PortalRequest> = {}): PortalRequest {
  const number = nextNumber++;
  const items = (overrides.items ?? [requestItemFixture()]).map((item, index) => ({ ...item, position: index + 1 }));
  return {
    id: `req_${padded(number, 6)}`,
    number: `REQ-${padded(number, 4)}`,
    title: `Request ${number}`,
    status: 'sent',
    projectId: null,
    projectName: null,
    sentAt: '2026-11-20T09:00:00.000Z',
    message: '',
    ...overrides,
    items,
    itemCount: overrides.itemCount ?? items.length,
    acceptedCount: overrides.acceptedCount ?? items.filter((item) => item.state === 'accepted').length,
  };
}

function card({ id, number, title, status, projectId, projectName, itemCount, acceptedCount, sentAt }: PortalRequest): PortalRequestCard {
  return { id, number, title, status, projectId, projectName, itemCount, acceptedCount, sentAt };
}

const OPEN: readonly string[] = ['sent', 'in_progress'];

/**
 * The portal's request routes answered on a `PortalApiDouble` by declaration, keeping state like
 * the server: the Open and Completed tabs, answers and uploads with the server's rules and codes,
 * and an `Idempotency-Key` answered once.
 */
export class RequestDesk {
  /** The requests, newest sent first (the list's order). */
  readonly requests: PortalRequest[];
  /** Every answer and upload stored, in order: what a retry must not add to. */
  readonly stored: { itemId: string; text: string | null; fileName: string | null }[] = [];
  readonly #answeredByKey = new Map<string, { request: string; answer: PortalRequest }>();
  #loseNext = false;

  constructor(double: PortalApiDouble, requests: PortalRequest[] = []) {
    this.requests = requests.map((request) => structuredClone(request));
    double
      .answer('listPortalRequests', ({ query }) => {
        const open = (query?.tab ?? 'open') === 'open';
        const matching = this.requests.filter((request) => OPEN.includes(request.status) === open).map(card);
        const start = query?.cursor ? Number(query.cursor) : 0;
        const end = start + (query?.limit ?? 20);
        return { items: matching.slice(start, end), nextCursor: end < matching.length ? String(end) : null };
      })
      .answer('retrievePortalRequest', ({ params }) => structuredClone(this.#find(params.requestId)))
      .answer('answerPortalRequestItem', ({ params, body, idempotencyKey }) => {
        const asked = JSON.stringify({ params, body });
        const seen = idempotencyKey === undefined ? undefined : this.#answeredByKey.get(idempotencyKey);
        if (seen && seen.request !== asked) throw conflict('idempotency_key_reused', 'Idempotency key reused');
        const answer = seen?.answer ?? this.#answer(params.requestId, params.itemId, 'text', { text: body.text.trim(), file: null });
        if (!seen && idempotencyKey !== undefined) this.#answeredByKey.set(idempotencyKey, { request: asked, answer });
        return this.#deliver(answer);
      })
      .answer('uploadPortalRequestItemFile', ({ params, body }) => {
        const file = body.file as File;
        if (file.size === 0) throw new ValidationError({ type: 'about:blank', title: 'Empty file', status: 400, code: 'empty_file', detail: 'The file is empty.' });
        const provided = { name: file.name, size: file.size, contentType: file.type || 'application/octet-stream' };
        return this.#deliver(this.#answer(params.requestId, params.itemId, 'file', { text: null, file: provided }));
      });
  }

  /** The next answer or upload is stored, then its answer is lost on the way back (a dropped connection). */
  loseNextAnswer(): void {
    this.#loseNext = true;
  }

  #deliver(answer: PortalRequest): PortalRequest {
    if (this.#loseNext) {
      this.#loseNext = false;
      // Not a TabaError: the double lets it out of its fetch, and the SDK reports a connection failure.
      throw new TypeError('Failed to fetch');
    }
    return structuredClone(answer);
  }

  #find(requestId: string): PortalRequest {
    const request = this.requests.find((candidate) => candidate.id === requestId);
    if (!request) throw new NotFoundError({ type: 'about:blank', title: 'Request not found', status: 404, code: 'not_found' });
    return request;
  }

  /** The server's rules, in its order; a stored answer makes the item under review and the request in progress. */
  #answer(requestId: string, itemId: string, kind: PortalRequestItem['kind'], answer: { text: string | null; file: { name: string; size: number; contentType: string } | null }): PortalRequest {
    const request = this.#find(requestId);
    const item = request.items.find((candidate) => candidate.id === itemId);
    if (!item) throw new NotFoundError({ type: 'about:blank', title: 'Item not found', status: 404, code: 'not_found' });
    if (request.status === 'completed' || request.status === 'cancelled') {
      throw conflict('request_closed', 'Request closed', 'This request is closed; it takes no more answers.');
    }
    if (item.state === 'accepted') throw conflict('item_already_accepted', 'Item already accepted', 'The team already accepted this item.');
    if (item.kind !== kind) {
      throw new ValidationError({ type: 'about:blank', title: 'Wrong kind of answer', status: 422, code: 'item_kind_mismatch' });
    }
    if (answer.text !== null) {
      const length = [...answer.text].length;
      if (length === 0 || length > 10_000) {
        const code = length === 0 ? 'answer_empty' : 'answer_too_long';
        const detail = length === 0 ? 'Write an answer before sending.' : `An answer has at most 10,000 characters; this one has ${length}.`;
        throw new ValidationError({ type: 'about:blank', title: 'Invalid answer', status: 422, code, detail });
      }
    }
    Object.assign(item, { state: 'under_review', returnReason: null, answer: { ...answer, answeredAt: new Date().toISOString() } });
    if (request.status === 'sent') request.status = 'in_progress';
    this.stored.push({ itemId, text: answer.text, fileName: answer.file?.name ?? null });
    return structuredClone(request);
  }
}

function conflict(code: string, title: string, detail?: string): ConflictError {
  return new ConflictError({ type: 'about:blank', title, status: 409, code, detail });
}

/** The errors an upload meets at the server, as the SDK throws them. */
export const uploadProblems = {
  tooLarge: () =>
    new ValidationError({ type: 'about:blank', title: 'File too large', status: 413, code: 'file_too_large', detail: 'The file is larger than 25 MB.', requestId: 'req_413' }),
  typeNotAllowed: () =>
    new ApiError({ type: 'about:blank', title: 'File type not allowed', status: 415, code: 'file_type_not_allowed', detail: 'Upload a PDF, an image or an office document.', requestId: 'req_415' }),
  tooMany: () =>
    new RateLimitError({ type: 'about:blank', title: 'Too many uploads', status: 429, code: 'rate_limited', requestId: 'req_429' }),
};

/**
 * Makes `double.requests.uploadFile` report progress as a browser does: `steps` (bytes sent of
 * the file's size) before the upload goes through the double. (In a browser the SDK uploads with
 * progress through XMLHttpRequest, which a double's `fetch` cannot stand in for.) Answers the
 * sizes each call was given `onUploadProgress` for.
 */
export function reportUploadProgress(double: PortalApiDouble, steps: number[], hold?: Promise<void>): { calls: number } {
  const seen = { calls: 0 };
  const upload = double.requests.uploadFile;
  double.requests.uploadFile = async (requestId, itemId, file, options = {}) => {
    if (options.onUploadProgress) {
      seen.calls++;
      for (const sent of steps) options.onUploadProgress(sent, file.size);
      await hold;
    }
    return upload(requestId, itemId, file, { ...options, onUploadProgress: undefined });
  };
  return seen;
}

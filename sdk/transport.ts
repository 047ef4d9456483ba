import type { Problem } from './contract/common.js';
import { endpointPath, type Endpoint, type EndpointInput, type EndpointResult, type HttpMethod } from './contract/endpoint.js';
import { originCheckEndpoints, type OriginCheck } from './contract/origin-check.js';
import { ConnectionError, OriginNotAllowedError, errorFromProblem, type TabaError } from './errors.js';

export type { HttpMethod };

export interface RequestOptions {
  body?: unknown;
  /** Sent as `multipart/form-data` instead of a JSON `body` (the boundary header is fetch's to set). */
  form?: FormData;
  query?: object;
  token?: string;
  /** Sent as the `Idempotency-Key` header: a retry with the same key never makes a second change. */
  idempotencyKey?: string;
  /** Reports the bytes of a `form` sent so far (in a browser, where XMLHttpRequest exists, unless the transport was given its own `fetch`). */
  onUploadProgress?: UploadProgress;
}

/** Options of a call that changes something. */
export interface SendOptions {
  /** Sent as `Idempotency-Key` (1–255 characters, kept 24 h), e.g. `crypto.randomUUID()` made once per message. */
  idempotencyKey?: string;
}

/** Called as a multipart body goes out: bytes sent so far and the body's total. */
export type UploadProgress = (sent: number, total: number) => void;

/** Options of an upload: `onUploadProgress` is reported in browsers (fetch cannot report an upload's progress). */
export interface UploadOptions extends SendOptions {
  onUploadProgress?: UploadProgress;
}

export interface TransportOptions {
  /** Base URL of the taba-portal server, e.g. `https://portal.example.com`. */
  apiBase: string;
  /** A fetch implementation; defaults to the global one. */
  fetch?: typeof fetch;
  /** How many times a 429 (or a 503 on GET) is retried when the server sends Retry-After. */
  maxRetries?: number;
  /**
   * When a call fails without an answer, ask `GET /v1/portal/origin-check` whether the page's
   * origin is the reason (the browser hides a refused CORS preflight as a network error).
   */
  checkOriginOnFailure?: boolean;
}

const MAX_RETRY_DELAY_MS = 10_000;

/** Sends JSON requests and turns problem+json answers into typed errors. */
export class Transport {
  readonly apiBase: string;
  readonly #fetch: typeof fetch;
  /** A fetch of the caller's own is always used, even for uploads (which then report no progress). */
  readonly #customFetch: boolean;
  readonly #maxRetries: number;
  readonly #checkOriginOnFailure: boolean;

  constructor(options: TransportOptions) {
    this.apiBase = options.apiBase.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#customFetch = options.fetch !== undefined;
    this.#maxRetries = options.maxRetries ?? 2;
    this.#checkOriginOnFailure = options.checkOriginOnFailure ?? false;
  }

  /** Calls a declared endpoint; the answer has the type the declaration gives its success response. */
  async call<E extends Endpoint>(endpoint: E, input: EndpointInput<E>, token?: string, options: UploadOptions = {}): Promise<EndpointResult<E>> {
    const { params, query, body } = input as { params?: Record<string, unknown>; query?: object; body?: unknown };
    const payload = endpoint.multipart && body !== undefined ? { form: formData(body as Record<string, unknown>) } : { body };
    // The one place where a parsed answer takes its declared type: the server's response schema shaped it.
    return (await this.request(endpoint.method, endpointPath(endpoint, params), { query, ...payload, token, ...options })) as EndpointResult<E>;
  }

  /** Calls a declared endpoint that streams its answer (e.g. JSON Lines); rejects with a TabaError as `call` does. */
  async stream<E extends Endpoint>(endpoint: E, input: EndpointInput<E>, token?: string, accept = 'application/x-ndjson'): Promise<ReadableStream<Uint8Array>> {
    const { params, query } = input as { params?: Record<string, unknown>; query?: object };
    const url = new URL(this.apiBase + endpointPath(endpoint, params));
    for (const [key, value] of Object.entries(query ?? {}) as [string, unknown][]) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { accept: `${accept}, application/problem+json` };
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await this.#fetch(url, { method: endpoint.method, headers });
    } catch (cause) {
      throw await this.#noAnswer(cause);
    }
    if (!response.ok || !response.body) throw errorFromProblem(await readProblem(response));
    return response.body;
  }

  /** Sends one request; resolves to the parsed JSON answer (undefined for 204), rejects with a TabaError. */
  async request(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<unknown> {
    const url = new URL(this.apiBase + path);
    for (const [key, value] of Object.entries(options.query ?? {}) as [string, unknown][]) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    let body: string | FormData | undefined;
    if (options.form !== undefined) {
      body = options.form;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }

    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response =
          options.onUploadProgress && body instanceof FormData && !this.#customFetch && typeof XMLHttpRequest !== 'undefined'
            ? await sendWithProgress(url, method, headers, body, options.onUploadProgress)
            : await this.#fetch(url, { method, headers, body });
      } catch (cause) {
        throw await this.#noAnswer(cause);
      }
      if (response.ok) {
        if (response.status === 204) return undefined;
        return (await response.json()) as unknown;
      }
      const delay = retryDelay(response, method, attempt, this.#maxRetries);
      if (delay !== null) {
        await response.body?.cancel();
        await new Promise((resolve) => setTimeout(resolve, delay));
        continue;
      }
      throw errorFromProblem(await readProblem(response));
    }
  }

  /** Why a call got no answer: a server that refused the page's origin, or none reachable. */
  async #noAnswer(cause: unknown): Promise<TabaError> {
    if (this.#checkOriginOnFailure) {
      try {
        // A simple GET (no preflight) that the server lets any origin read.
        const response = await this.#fetch(new URL(this.apiBase + originCheckEndpoints.check.path), { headers: { accept: 'application/json' } });
        const check = response.ok ? ((await response.json()) as Partial<OriginCheck>) : undefined;
        if (check?.allowed === false && typeof check.origin === 'string') return new OriginNotAllowedError(check.origin);
      } catch {
        // Not reachable either: a connection failure after all.
      }
    }
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new ConnectionError(
      {
        type: 'about:blank',
        title: 'Could not reach the portal server',
        status: 0,
        code: 'connection_failed',
        detail: `No answer from ${this.apiBase} (${reason}); check the address and the network.`,
      },
      this.apiBase,
    );
  }
}

/**
 * Sends a multipart body through XMLHttpRequest, the one browser API that reports an upload's
 * progress, and answers a `Response` like fetch's, so retries and errors are handled alike.
 */
function sendWithProgress(url: URL, method: HttpMethod, headers: Record<string, string>, body: FormData, onProgress: UploadProgress): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url.href);
    xhr.responseType = 'blob';
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onload = () => {
      const responseHeaders = new Headers();
      for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
        const colon = line.indexOf(':');
        if (colon > 0) responseHeaders.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      }
      // A 204 (or 205, 304) answer may not carry a body in a Response.
      const bodyless = xhr.status === 204 || xhr.status === 205 || xhr.status === 304;
      resolve(new Response(bodyless ? null : (xhr.response as Blob), { status: xhr.status, statusText: xhr.statusText, headers: responseHeaders }));
    };
    xhr.onerror = () => reject(new TypeError('Network request failed'));
    xhr.onabort = () => reject(new TypeError('Network request aborted'));
    xhr.ontimeout = () => reject(new TypeError('Network request timed out'));
    xhr.send(body);
  });
}

/** A multipart body from a declared one: a Blob (or File, whose name is kept) is a file part, anything else a text field. */
function formData(body: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined) continue;
    if (value instanceof Blob) form.append(name, value, 'name' in value && typeof value.name === 'string' ? value.name : 'file');
    else form.append(name, String(value));
  }
  return form;
}

function retryDelay(response: Response, method: HttpMethod, attempt: number, maxRetries: number): number | null {
  if (attempt >= maxRetries) return null;
  // A 429 was never processed, so any method may be retried; a 503 only for reads.
  if (response.status !== 429 && !(response.status === 503 && method === 'GET')) return null;
  const header = response.headers.get('retry-after');
  if (header === null) return null;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  if (Number.isNaN(ms)) return null;
  // A wait longer than we would ever make (an upload limit of ten minutes) could not succeed: answer the error now.
  if (ms > MAX_RETRY_DELAY_MS) return null;
  return Math.max(ms, 0);
}

async function readProblem(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as Partial<Problem>;
    if (typeof parsed.code === 'string' && typeof parsed.title === 'string') {
      return { ...parsed, status: response.status } as Problem;
    }
  } catch {
    // not JSON: fall through to a generic problem
  }
  return {
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status,
    code: 'unexpected_response',
    detail: text.slice(0, 200),
  };
}

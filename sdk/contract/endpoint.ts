import type { Static, TSchema } from 'typebox';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Who may call an endpoint, which is also its OpenAPI security requirement:
 * - `public`: anyone (sign-in, session exchange and refresh, origin check);
 * - `portal`: a portal contact's access token;
 * - `workspace`: an API key or a member's access token, allowed by `permission`;
 * - `member`: only a member's own access token (their session, not the workspace's data).
 */
export type Access =
  | { surface: 'public' }
  | { surface: 'portal' }
  | { surface: 'workspace'; permission: string }
  | { surface: 'member' };

export type SuccessStatus = 200 | 201 | 202 | 204;

interface EndpointFields {
  method: HttpMethod;
  /** The full path, with `:name` for each path parameter (`/v1/portal/proposals/:proposalId`). */
  path: string;
  /** Stable and unique: what a generated client names the call. */
  operationId: string;
  summary: string;
  description?: string;
  params?: TSchema;
  query?: TSchema;
  /**
   * The request body. Give its schema `examples` (`Type.Object({...}, { examples: [...] })`) when
   * a default-filled body would not be accepted: OpenAPI shows them and the security suite sends the first.
   */
  body?: TSchema;
  /**
   * The body is `multipart/form-data` rather than JSON: OpenAPI shows `body` under that media type
   * (a `Type.Unsafe<Blob>({ type: 'string', format: 'binary' })` property is a file part), the SDK
   * sends it as `FormData`, and the server's handler streams it itself (it is not validated as JSON).
   */
  multipart?: boolean;
  /** The status of a successful answer; every endpoint also answers problem+json (`ProblemResponses`). */
  status: SuccessStatus;
  /** The body of a successful answer (`Type.Null()` for 204); the server strips whatever it does not name. */
  response: TSchema;
  /** Problem statuses beyond `ProblemResponses`, e.g. 503 for a dependency that is not configured. */
  extraProblems?: readonly number[];
}

/** One HTTP endpoint, declared once: the server registers it, the SDK calls it, OpenAPI documents it. */
export type EndpointSpec = EndpointFields & Access;
export type Endpoint = EndpointSpec & { readonly kind: 'endpoint' };

/** Keeps the literal types of a declaration, so the server's request and the SDK's result follow from it. */
export function endpoint<const E extends EndpointSpec>(spec: E): E & { readonly kind: 'endpoint' } {
  return { ...spec, kind: 'endpoint' };
}

export function isEndpoint(value: unknown): value is Endpoint {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'endpoint';
}

type StaticOf<S> = S extends TSchema ? Static<S> : undefined;

export type EndpointParams<E extends Endpoint> = StaticOf<E['params']>;
export type EndpointQuery<E extends Endpoint> = StaticOf<E['query']>;
export type EndpointBody<E extends Endpoint> = StaticOf<E['body']>;
/** What a successful call answers; nothing for a 204. */
export type EndpointResult<E extends Endpoint> = E['status'] extends 204 ? void : Static<E['response']>;

/** The parts of a call: `params` and `body` when the endpoint declares them, `query` always optional. */
export type EndpointInput<E extends Endpoint> = (E['params'] extends TSchema ? { params: Static<E['params']> } : { params?: never }) &
  (E['query'] extends TSchema ? { query?: Static<E['query']> } : { query?: never }) &
  (E['body'] extends TSchema ? { body: Static<E['body']> } : { body?: never });

/** `METHOD /path/:param`, the way a route table names an endpoint. */
export function endpointKey(endpoint: Pick<Endpoint, 'method' | 'path'>): string {
  return `${endpoint.method} ${endpoint.path}`;
}

/** The path with each `:name` replaced by its encoded value. */
export function endpointPath(endpoint: Pick<Endpoint, 'path'>, params: Record<string, unknown> = {}): string {
  return endpoint.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`${endpoint.path}: missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

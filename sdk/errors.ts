import type { Problem } from './contract/common.js';

/** Base class of every error the SDK throws; carries the server's problem details. */
export class TabaError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly detail: string | undefined;
  readonly errors: { field: string; message: string }[];

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = new.target.name;
    this.status = problem.status;
    this.code = problem.code;
    this.requestId = problem.requestId;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
  }
}

/** 400 or 413: the request was malformed; `errors` names the fields. */
export class ValidationError extends TabaError {}
/** 401: missing, expired or invalid credentials. */
export class AuthenticationError extends TabaError {}
/** 403: signed in, but not allowed to do this. */
export class PermissionError extends TabaError {}
/** 404: no such object, or it belongs to someone else. */
export class NotFoundError extends TabaError {}
/** 409: the object's state does not allow the action (e.g. `proposal_expired`). */
export class ConflictError extends TabaError {}
/** 429: too many requests; retried automatically when the server says when. */
export class RateLimitError extends TabaError {}
/** 5xx: the server failed; the request id helps the tenant trace it. */
export class ApiError extends TabaError {}
/** The server could not be reached at all (status 0); `apiBase` is the address that was tried. */
export class ConnectionError extends TabaError {
  readonly apiBase: string | undefined;

  constructor(problem: Problem, apiBase?: string) {
    super(problem);
    this.apiBase = apiBase;
  }
}

/**
 * 403 `origin_not_allowed` found out by the SDK itself: the browser blocked a call because the
 * page's `origin` is in no workspace's allowed origins, so the server's own answer was unreadable.
 */
export class OriginNotAllowedError extends PermissionError {
  readonly origin: string;

  constructor(origin: string, requestId?: string) {
    super({
      type: 'about:blank',
      title: 'Origin not allowed',
      status: 403,
      code: 'origin_not_allowed',
      detail: `This site's origin, ${origin}, is not allowed to use this portal; add it to the workspace's allowed origins in the settings.`,
      requestId,
    });
    this.origin = origin;
  }
}

/** The page's own `fetchClientSecret` failed (status 0); `detail` is its error's message, `cause` the error. */
export class ClientSecretError extends TabaError {
  constructor(cause: unknown) {
    super({
      type: 'about:blank',
      title: 'Could not start a portal session',
      status: 0,
      code: 'client_secret_unavailable',
      detail: cause instanceof Error && cause.message ? cause.message : 'fetchClientSecret failed without a message.',
    });
    this.cause = cause;
  }
}

export function errorFromProblem(problem: Problem): TabaError {
  const { status } = problem;
  if (status === 400 || status === 413 || status === 422) return new ValidationError(problem);
  if (status === 401) return new AuthenticationError(problem);
  if (status === 403) return new PermissionError(problem);
  if (status === 404) return new NotFoundError(problem);
  if (status === 409) return new ConflictError(problem);
  if (status === 429) return new RateLimitError(problem);
  return new ApiError(problem);
}

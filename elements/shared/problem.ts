import { strings } from './strings.js';

/**
 * What the elements read from a failed call. SDK errors carry the server's problem details; they
 * are read by shape, not `instanceof`, so that a client from another copy of the SDK works too.
 */
export interface FailedCall {
  /** HTTP status; 0 when the server could not be reached. */
  status: number;
  /** The server's stable machine code, e.g. `invalid_sign_in`, `portal_disabled`. */
  code: string | undefined;
  detail: string | undefined;
  requestId: string | undefined;
  /** Seconds to wait before trying again, when the client knows them (from Retry-After). */
  retryAfterSeconds: number | undefined;
  /** For `origin_not_allowed` found out by the SDK: the page's origin. */
  origin: string | undefined;
  /** For `connection_failed`: the server address that did not answer. */
  apiBase: string | undefined;
}

export function failedCall(error: unknown): FailedCall | null {
  if (!(error instanceof Error)) return null;
  const fields = error as Error & Record<string, unknown>;
  if (typeof fields.status !== 'number') return null;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const seconds = fields.retryAfterSeconds ?? fields.retryAfter;
  return {
    status: fields.status,
    code: text(fields.code),
    detail: text(fields.detail),
    requestId: text(fields.requestId),
    retryAfterSeconds: typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined,
    origin: text(fields.origin),
    apiBase: text(fields.apiBase),
  };
}

/** The server answered that the workspace's portal module is off (or the workspace is unknown). */
export function isPortalDisabled(error: unknown): boolean {
  return failedCall(error)?.code === 'portal_disabled';
}

/**
 * What to tell the reader about a failed call, in the elements' own words where the cause is
 * known: a page origin the workspace does not allow, a server that does not answer, or the
 * page's own `fetchClientSecret` failing (its message is shown as it is).
 */
export function failureMessage(error: unknown): string {
  const call = failedCall(error);
  if (!call) return strings.common.unexpectedError;
  if (call.code === 'origin_not_allowed') return strings.common.originNotAllowed(call.origin ?? location.origin);
  if (call.code === 'connection_failed' && call.apiBase) return strings.common.unreachable(call.apiBase);
  if (call.code === 'client_secret_unavailable') return call.detail ?? strings.common.unexpectedError;
  return (error as Error).message;
}

/**
 * What the reader can do next, for a failure whose message does not say it: the server failed
 * or answered without a detail. Our own messages and the server's details already say it.
 */
export function failureAdvice(error: unknown): string | null {
  const call = failedCall(error);
  if (!call || call.detail || call.status === 0 || call.code === 'origin_not_allowed') return null;
  if (call.status >= 500 || call.status === 429) return strings.common.tryAgainLater;
  if (call.status === 404) return strings.common.notFoundAdvice;
  return strings.common.contactBusiness;
}

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
  };
}

/** The server answered that the workspace's portal module is off (or the workspace is unknown). */
export function isPortalDisabled(error: unknown): boolean {
  return failedCall(error)?.code === 'portal_disabled';
}

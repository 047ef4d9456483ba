/** An error that answers as RFC 9457 problem+json with a stable `code`. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: { field: string; message: string }[],
  ) {
    super(detail ?? title);
    this.name = 'Problem';
  }
}

export const notFound = (what: string) => new Problem(404, 'not_found', 'Not found', `No such ${what}.`);

export const unauthorized = (detail = 'A valid bearer token is required.') =>
  new Problem(401, 'unauthorized', 'Unauthorized', detail);

import { Problem } from './problem.js';

/** A keyset position: the sort value and id of the last item on the previous page. */
export interface Cursor {
  after: string;
  id: string;
}

/**
 * A cursor holds a sort value and an id that this server wrote: control characters (NUL breaks
 * PostgreSQL) and unpaired surrogates mean it was made by hand.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNFIT_FOR_CURSOR = /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.after, cursor.id])).toString('base64url');
}

export function decodeCursor(value: string | undefined): Cursor | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((part) => typeof part === 'string' && !UNFIT_FOR_CURSOR.test(part))) {
      return { after: parsed[0] as string, id: parsed[1] as string };
    }
  } catch {
    // fall through
  }
  throw invalidCursor();
}

/** A cursor this server did not write, or one that does not fit the list it is passed to. */
export function invalidCursor(): Problem {
  return new Problem(400, 'invalid_cursor', 'Invalid cursor', 'Pass back the nextCursor of a previous page unchanged.');
}

/**
 * The contract's comment body rule (`COMMENT_BODY_MAX_LENGTH`, `commentBodyLength` in
 * sdk/contract/projects.ts), repeated here so that a widget does not bundle the schema library the
 * contract module loads; comment-body.test.ts keeps the two equal.
 */
export const COMMENT_BODY_MAX_LENGTH = 2_000;

/** Unicode code points after trimming, as the server counts them (an emoji counts as one). */
export function commentBodyLength(body: string): number {
  return [...body.trim()].length;
}

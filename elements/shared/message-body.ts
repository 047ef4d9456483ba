/**
 * The contract's message body rule (`MESSAGE_BODY_MAX_LENGTH`, `messageBodyLength` in
 * sdk/contract/messages.ts), repeated here so that a widget does not bundle the schema library the
 * contract module loads; message-body.test.ts keeps the two equal.
 */
export const MESSAGE_BODY_MAX_LENGTH = 2_000;

/** Unicode code points after trimming, as the server counts them (an emoji counts as one). */
export function messageBodyLength(body: string): number {
  return [...body.trim()].length;
}

/**
 * The contract's answer rule (`REQUEST_ANSWER_MAX_LENGTH`, `requestAnswerLength` in
 * sdk/contract/requests.ts), repeated here so that the widget does not bundle the schema library
 * the contract module loads; answer-length.test.ts keeps the two equal.
 */
export const ANSWER_MAX_LENGTH = 10_000;

/** Unicode code points after trimming, as the server counts them (an emoji counts as one). */
export function answerLength(text: string): number {
  return [...text.trim()].length;
}

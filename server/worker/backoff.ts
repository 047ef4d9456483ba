/**
 * The wait before the next attempt after `attempts` failed ones: base × 2^(attempts − 1), at most
 * `maxMs`, of which a random half is jitter, so deliveries that failed together do not retry together.
 */
export function retryDelayMs(attempts: number, { baseMs, maxMs }: { baseMs: number; maxMs: number }, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

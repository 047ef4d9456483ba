/** Times are stored and sent as ISO-8601 UTC strings. */
export function isoNow(): string {
  return new Date().toISOString();
}

export function isoAfter(ms: number, from = Date.now()): string {
  return new Date(from + ms).toISOString();
}

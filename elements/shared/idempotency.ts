/**
 * A new `Idempotency-Key` for one draft: 128 random bits as hex. `getRandomValues` works on
 * plain-http pages too, unlike `randomUUID`.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

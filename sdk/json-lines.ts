/** Parses a JSON Lines body as it arrives: one value per line, one chunk of the body in memory at a time. */
export async function* readJsonLines<T>(body: ReadableStream<Uint8Array>): AsyncGenerator<T> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let pending = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) yield JSON.parse(line) as T;
      if (done) break;
    }
    if (pending.trim()) yield JSON.parse(pending) as T;
  } finally {
    // Stopping early (a `break` in `for await`) cancels the download instead of reading it to the end.
    await reader.cancel().catch(() => undefined);
  }
}

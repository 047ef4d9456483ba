import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Temporary files hold an upload until it is complete. Their names say which host and process wrote
 * them (`upload-<host>-<pid>-<random>.part`), so a starting server can tell the leftovers of a killed
 * process from the uploads another live process on the same data directory is still receiving.
 */
const HOST = createHash('sha256').update(os.hostname()).digest('hex').slice(0, 8);
const NAME = /^(?:upload|store)-([0-9a-f]{8})-(\d+)-[0-9a-f]+\.part$/;

/** Files older than this are removed whoever wrote them: no upload takes six hours. */
export const STALE_TEMP_MS = 6 * 3_600_000;

/** A new, not yet existing path in `tempDir` (created with mode 0700 when missing). */
export async function tempPath(tempDir: string, kind: 'upload' | 'store'): Promise<string> {
  await fs.mkdir(tempDir, { recursive: true, mode: 0o700 });
  return path.join(tempDir, `${kind}-${HOST}-${process.pid}-${randomBytes(12).toString('hex')}.part`);
}

/** Removes a file if it is there. */
export async function removeQuietly(file: string | undefined): Promise<void> {
  if (file) await fs.rm(file, { force: true }).catch(() => undefined);
}

/**
 * Removes temporary files left by processes that are gone: those written on this host by a process
 * that no longer runs, and any older than `staleAfterMs`. Returns how many it removed.
 */
export async function sweepTempFiles(tempDir: string, options: { staleAfterMs?: number; now?: () => number } = {}): Promise<number> {
  const staleAfterMs = options.staleAfterMs ?? STALE_TEMP_MS;
  const now = options.now?.() ?? Date.now();
  let entries: string[];
  try {
    entries = await fs.readdir(tempDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let removed = 0;
  for (const entry of entries) {
    const file = path.join(tempDir, entry);
    const stat = await fs.lstat(file).catch(() => undefined);
    if (!stat || !stat.isFile()) continue;
    const match = NAME.exec(entry);
    const stale = now - stat.mtimeMs > staleAfterMs;
    const orphaned = match !== null && match[1] === HOST && !processRuns(Number(match[2]));
    if (stale || orphaned) {
      await fs.rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}

function processRuns(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

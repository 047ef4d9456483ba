import type { Config } from '../config.js';
import type { WorkerLog } from './worker.js';

const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity } as const;

/**
 * JSON lines in pino's shape for `taba-portal worker`, which runs without a Fastify instance
 * (and so without its logger); an error is reduced to its name and message.
 */
export function createWorkerLog(level: Config['logLevel'], write: (line: string) => void = (line) => process.stdout.write(line)): WorkerLog {
  const threshold = LEVELS[level];
  const at = (name: 'info' | 'warn' | 'error') => (first: unknown, message?: unknown) => {
    if (LEVELS[name] < threshold) return;
    const fields = typeof first === 'object' && first !== null ? { ...(first as Record<string, unknown>) } : {};
    const msg = typeof first === 'string' ? first : typeof message === 'string' ? message : undefined;
    if (fields.err instanceof Error) fields.err = { type: fields.err.name, message: fields.err.message };
    write(`${JSON.stringify({ level: LEVELS[name], time: Date.now(), pid: process.pid, ...fields, msg })}\n`);
  };
  return { info: at('info'), warn: at('warn'), error: at('error') } as WorkerLog;
}

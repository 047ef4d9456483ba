import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { OutboxMessageRow } from '../db/schema.js';
import { claimDueMessages, markDelivered, markFailed, releaseClaims } from '../features/outbox/repository.js';
import { pruneExpiredIdempotencyKeys } from '../lib/idempotency.js';
import type { Mailer } from '../lib/mailer.js';
import { isoAfter } from '../lib/time.js';
import { retryDelayMs } from './backoff.js';
import { deliverMessage } from './deliver.js';
import { enqueueExpiryReminders } from './reminders.js';

export type WorkerLog = Pick<FastifyBaseLogger, 'info' | 'debug' | 'warn' | 'error'>;

export interface OutboxWorkerOptions {
  database: Database;
  config: Pick<Config, 'outbox' | 'publicUrl'>;
  mailer: Mailer;
  log: WorkerLog;
  /** Deliveries claimed and sent at once. */
  batchSize?: number;
}

export interface OutboxWorker {
  /** Stored in `claimed_by` of the rows it holds. */
  readonly id: string;
  /** Polls until `stop()`. */
  start(): void;
  /** Claims and delivers one batch; answers how many deliveries it attempted. */
  runOnce(): Promise<number>;
  /**
   * Stops claiming, lets deliveries in flight finish for up to `graceMs`, then cuts the rest
   * short and gives them back (due at once, same id), so nothing stays held until its lease ends.
   */
  stop(graceMs?: number): Promise<void>;
}

export function createOutboxWorker({ database, config, mailer, log, batchSize = 10 }: OutboxWorkerOptions): OutboxWorker {
  const id = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const { outbox } = config;
  const abort = new AbortController();
  const inFlight = new Set<Promise<void>>();
  let running: Promise<void> | undefined;
  let stopping = false;
  let wake: (() => void) | undefined;
  let lastReminderScan = 0;

  async function deliver(message: OutboxMessageRow): Promise<void> {
    const outcome = await deliverMessage({ db: database.db, mailer, publicUrl: config.publicUrl, outbox, signal: abort.signal }, message).catch(
      (error: unknown) => ({ delivered: false as const, error: `internal error (${(error as Error).name})` }),
    );
    if (abort.signal.aborted && !outcome.delivered) {
      await releaseClaims(database.db, id, [message.id]);
      return;
    }
    if (outcome.delivered) {
      await markDelivered(database.db, message.id, id);
      return;
    }
    const lastAttempt = message.attempts >= outbox.maxAttempts;
    const retryAt = lastAttempt ? null : isoAfter(retryDelayMs(message.attempts, { baseMs: outbox.retryBaseMs, maxMs: outbox.retryMaxMs }));
    await markFailed(database.db, message.id, id, { error: outcome.error, retryAt });
    if (lastAttempt) log.warn({ messageId: message.id, channel: message.channel, eventType: message.event_type, attempts: message.attempts }, 'outbox delivery became a dead letter');
  }

  async function runOnce(): Promise<number> {
    const claimed = await claimDueMessages(database, id, { limit: batchSize, leaseMs: outbox.leaseMs });
    await Promise.all(
      claimed.map((message) => {
        const delivery = deliver(message).catch((error: unknown) => log.error({ err: error, messageId: message.id }, 'outbox delivery could not be recorded'));
        inFlight.add(delivery);
        return delivery.finally(() => inFlight.delete(delivery));
      }),
    );
    return claimed.length;
  }

  async function scanReminders(): Promise<void> {
    if (Date.now() - lastReminderScan < outbox.reminderScanMs) return;
    lastReminderScan = Date.now();
    const enqueued = await enqueueExpiryReminders(database.db);
    if (enqueued) log.info({ enqueued }, 'expiry reminders enqueued (proposals and acceptances)');
    // Housekeeping on the same clock: Idempotency-Keys past their 24 hours.
    await pruneExpiredIdempotencyKeys(database);
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      let attempted = 0;
      try {
        await scanReminders();
        attempted = await runOnce();
      } catch (error) {
        if (stopping) break;
        log.error({ err: error }, 'outbox worker could not claim deliveries; trying again');
      }
      // A full batch suggests more are due: go on at once.
      if (attempted < batchSize && !stopping) await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, outbox.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  return {
    id,
    start() {
      if (running) return;
      log.info({ workerId: id }, 'outbox worker started');
      running = loop();
    },
    runOnce,
    async stop(graceMs = 5_000) {
      stopping = true;
      wake?.();
      const finished = Promise.all([running, ...inFlight]);
      let timer: NodeJS.Timeout | undefined;
      const late = await Promise.race([finished.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs)))]);
      clearTimeout(timer);
      if (late) abort.abort();
      await finished;
    },
  };
}

import { once } from 'node:events';
import fastifyRateLimit, { normalizeIP, type FastifyRateLimitStore, type RateLimitOptions, type RateLimitPluginOptions as LibraryPluginOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { sql, type Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import { Problem } from '../lib/problem.js';
import type { PortalPrincipal, WorkspacePrincipal } from './auth.js';

/**
 * Rate limits, with @fastify/rate-limit doing the bookkeeping of headers and 429 answers.
 *
 * - Every `/v1/*` route has the API limit (`RATE_LIMIT_API_PER_MINUTE`, 600 by default) per caller:
 *   the signed-in contact, API key or member once authentication has run, the IP on public routes.
 * - The routes that hand out credentials have strict per-IP limits (`strictLimits`).
 * - Everything else (the hosted page, /health, /openapi.json) is not limited here.
 *
 * Where counters live follows `RATE_LIMIT_STORE`:
 * - `database` (default): strict limits are exact, one upsert per request on `rate_limits`, so
 *   every node sharing the database shares the count. The API limit is counted in memory and
 *   written to the same table in batches once a second (`BatchedDatabaseCounter`): no database
 *   write on the hot path, shared across nodes within about a second.
 * - `redis`: both exact in Redis (one round trip per request).
 * - `memory`: both exact in this process only.
 *
 * The strict routes send x-ratelimit-* headers on every answer; other API answers only once limited.
 */

export const RATE_LIMIT_WINDOW_MS = 60_000;

export interface StrictLimit {
  /** `METHOD url` as in the route table. */
  route: string;
  /** Names the counter; part of the stored key. */
  name: string;
  /** Requests per IP per minute. */
  max: number;
}

/** The routes that hand out credentials; their limit is per client IP (IPv6 by /64). */
export const strictLimits: readonly StrictLimit[] = [
  { route: 'POST /v1/portal/sessions', name: 'session-exchange', max: 120 },
  { route: 'POST /v1/portal/sessions/refresh', name: 'session-refresh', max: 120 },
  { route: 'POST /v1/portal/sign-in', name: 'sign-in', max: 10 },
  { route: 'POST /v1/portal/sign-in/verify', name: 'sign-in-verify', max: 30 },
  { route: 'POST /v1/workspace/auth/google', name: 'member-sign-in', max: 30 },
  { route: 'POST /v1/workspace/auth/refresh', name: 'member-refresh', max: 120 },
  { route: 'POST /v1/workspace/onboarding', name: 'member-onboarding', max: 10 },
];

/** A key's counter row is dropped this long after its window started. */
const STALE_AFTER_MS = 60 * 60_000;
/** How often the batched counter writes to and reads from the database. */
const FLUSH_INTERVAL_MS = 1_000;
/** A key is shared with other nodes once it has used this fraction of its limit here. */
const SHARE_FROM_FRACTION = 0.05;
/** Bound on keys held in memory; beyond it, expired and barely-used keys are dropped. */
const MAX_KEYS_IN_MEMORY = 50_000;
const FLUSH_BATCH = 300;

interface Hit {
  /** Requests counted in the current window, this one included. */
  count: number;
  /** When the window ends, ms since the epoch. */
  resetAt: number;
}

/** Fixed windows aligned to the epoch, so every node agrees on where a window starts. */
interface Counter {
  hit(key: string, windowMs: number, max: number): Hit | Promise<Hit>;
  close(): Promise<void>;
}

const windowStart = (now: number, windowMs: number) => now - (now % windowMs);

/**
 * One statement on both dialects: insert, or add to the current window, or start a new window.
 * A row from a newer window (another node's clock slightly ahead) is kept as it is.
 */
function upsertCounts(db: Kysely<DB>, rows: { key: string; window_start: number; count: number }[]) {
  const stored = sql.ref('rate_limits.window_start');
  const incoming = sql.ref('excluded.window_start');
  return db
    .insertInto('rate_limits')
    .values(rows)
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({
        count: sql<number>`case when ${stored} = ${incoming} then ${sql.ref('rate_limits.count')} + ${sql.ref('excluded.count')}
          when ${stored} > ${incoming} then ${sql.ref('rate_limits.count')} else ${sql.ref('excluded.count')} end`,
        window_start: sql<number>`case when ${stored} > ${incoming} then ${stored} else ${incoming} end`,
      }),
    )
    .returning(['key', 'count', 'window_start'])
    .execute();
}

/** Exact and shared: one upsert per request. */
export class DatabaseCounter implements Counter {
  constructor(private readonly db: Kysely<DB>) {}

  async hit(key: string, windowMs: number): Promise<Hit> {
    const [row] = await upsertCounts(this.db, [{ key, window_start: windowStart(Date.now(), windowMs), count: 1 }]);
    if (!row) throw new Error('rate limit upsert returned no row');
    return { count: row.count, resetAt: Number(row.window_start) + windowMs };
  }

  async close(): Promise<void> {}
}

interface BatchedEntry {
  windowStart: number;
  windowMs: number;
  /** The database's total at the last flush (all nodes, this one's flushed hits included). */
  shared: number;
  /** Hits here not yet written. */
  local: number;
  shareFrom: number;
}

/**
 * Counts in memory and writes to the shared table in batches: a request costs a Map lookup. A key
 * is written once it has used `SHARE_FROM_FRACTION` of its limit on this node, so one-off callers
 * never reach the database. With N nodes a caller can exceed its limit by at most about N × (that
 * fraction + one flush interval of its traffic) before every node sees the shared total.
 */
export class BatchedDatabaseCounter implements Counter {
  private readonly entries = new Map<string, BatchedEntry>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> | undefined;
  private lastCleanup = Date.now();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly onError: (error: unknown) => void,
    intervalMs = FLUSH_INTERVAL_MS,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  hit(key: string, windowMs: number, max: number): Hit {
    const now = Date.now();
    const start = windowStart(now, windowMs);
    let entry = this.entries.get(key);
    if (!entry || entry.windowStart !== start) {
      if (!entry && this.entries.size >= MAX_KEYS_IN_MEMORY) this.sweep(now);
      entry = { windowStart: start, windowMs, shared: 0, local: 0, shareFrom: Math.max(1, Math.ceil(max * SHARE_FROM_FRACTION)) };
      this.entries.set(key, entry);
    }
    entry.local += 1;
    return { count: entry.shared + entry.local, resetAt: start + windowMs };
  }

  /** Writes pending hits and reads back the shared totals; runs once a second, and on close. */
  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async write(): Promise<void> {
    const now = Date.now();
    const pending: { key: string; entry: BatchedEntry; sent: number }[] = [];
    for (const [key, entry] of this.entries) {
      if (entry.windowStart + entry.windowMs <= now) this.entries.delete(key);
      else if (entry.local > 0 && entry.shared + entry.local >= entry.shareFrom) pending.push({ key, entry, sent: entry.local });
    }
    try {
      for (let i = 0; i < pending.length; i += FLUSH_BATCH) {
        const batch = pending.slice(i, i + FLUSH_BATCH);
        const rows = await upsertCounts(
          this.db,
          batch.map(({ key, entry, sent }) => ({ key, window_start: entry.windowStart, count: sent })),
        );
        const totals = new Map(rows.map((row) => [row.key, row]));
        for (const { key, entry, sent } of batch) {
          const row = totals.get(key);
          // Hits counted while the statement ran stay local; a window that moved on is dropped.
          if (this.entries.get(key) !== entry) continue;
          entry.local -= sent;
          if (row && Number(row.window_start) === entry.windowStart) entry.shared = row.count;
        }
      }
      if (now - this.lastCleanup > STALE_AFTER_MS / 4) {
        this.lastCleanup = now;
        await this.db.deleteFrom('rate_limits').where('window_start', '<', now - STALE_AFTER_MS).execute();
      }
    } catch (error) {
      this.onError(error);
    }
  }

  /** Drops keys whose window ended and keys too little used to have been shared. */
  private sweep(now: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.windowStart + entry.windowMs <= now || entry.shared + entry.local < entry.shareFrom) this.entries.delete(key);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

/** Exact, for one process. */
export class MemoryCounter implements Counter {
  private readonly entries = new Map<string, { windowStart: number; windowMs: number; count: number }>();

  hit(key: string, windowMs: number): Hit {
    const now = Date.now();
    const start = windowStart(now, windowMs);
    let entry = this.entries.get(key);
    if (!entry || entry.windowStart !== start) {
      if (!entry && this.entries.size >= MAX_KEYS_IN_MEMORY) {
        for (const [stale, old] of this.entries) if (old.windowStart + old.windowMs <= now) this.entries.delete(stale);
        if (this.entries.size >= MAX_KEYS_IN_MEMORY) this.entries.clear();
      }
      entry = { windowStart: start, windowMs, count: 0 };
      this.entries.set(key, entry);
    }
    entry.count += 1;
    return { count: entry.count, resetAt: start + windowMs };
  }

  async close(): Promise<void> {}
}

/** Exact and shared through Redis: INCR and PEXPIRE of a per-window key in one round trip. */
export class RedisCounter implements Counter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'taba-portal:rate:',
  ) {}

  async hit(key: string, windowMs: number): Promise<Hit> {
    const start = windowStart(Date.now(), windowMs);
    const name = `${this.prefix}${key}:${start}`;
    const results = await this.redis.multi().incr(name).pexpire(name, windowMs + 1_000).exec();
    const [incr] = results ?? [];
    if (!incr || incr[0]) throw incr?.[0] ?? new Error('redis transaction aborted');
    return { count: Number(incr[1]), resetAt: start + windowMs };
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** What a strict limiter built with `app.rateLimit()` takes. */
type LimiterOptions = RateLimitOptions & Pick<LibraryPluginOptions, 'addHeadersOnExceeding'>;

function storeResult(hit: Hit): { current: number; ttl: number } {
  return { current: hit.count, ttl: Math.max(1, hit.resetAt - Date.now()) };
}

function countUnavailable(error: unknown): Problem {
  const problem = new Problem(503, 'rate_limit_unavailable', 'Service unavailable', 'The request could not be counted; try again shortly.');
  problem.cause = error;
  return problem;
}

/** Adapts the strict counter to @fastify/rate-limit's store interface (`incr`, `child`). */
function storeClass(counter: Counter) {
  return class TabaRateLimitStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number, max: number): void {
      let hit: Hit | Promise<Hit>;
      try {
        hit = counter.hit(key, timeWindow, max);
      } catch (error) {
        callback(countUnavailable(error));
        return;
      }
      if (hit instanceof Promise) hit.then((counted) => callback(null, storeResult(counted)), (error: unknown) => callback(countUnavailable(error)));
      else callback(null, storeResult(hit));
    }

    child(): FastifyRateLimitStore {
      return new TabaRateLimitStore();
    }
  };
}

/** "45 seconds", "1 minute": how long until a limited caller may retry, as @fastify/rate-limit words it. */
function retryIn(seconds: number): string {
  const [count, unit] = seconds < 60 ? [seconds, 'second'] : [Math.round(seconds / 60), 'minute'];
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

export function rateLimited(max: number, retryAfterSeconds: number): Problem {
  return new Problem(429, 'rate_limited', 'Too many requests', `Rate limit of ${max} requests a minute reached; retry in ${retryIn(retryAfterSeconds)}.`);
}

/**
 * The API limit as one callback hook: it runs on every API request, where @fastify/rate-limit's
 * hook (async, awaiting its key, its limit and the store through promises) cost more than the
 * count. The same answers: nothing added under the limit; over it, 429 problem+json with
 * Retry-After and the x-ratelimit-* headers; a count that fails lets the request through (the API
 * stays up while Redis is away; the strict limits fail closed).
 */
function apiLimitHook(counter: Counter, max: number, caller: (request: FastifyRequest) => string): onRequestHookHandler {
  return function apiRateLimit(request, reply, done) {
    let hit: Hit | Promise<Hit>;
    try {
      hit = counter.hit(caller(request), RATE_LIMIT_WINDOW_MS, max);
    } catch {
      done();
      return;
    }
    if (hit instanceof Promise) {
      hit.then(
        (counted) => done(overLimit(reply, counted, max)),
        () => done(),
      );
      return;
    }
    done(overLimit(reply, hit, max));
  };
}

/** Undefined under the limit; over it, the headers of a limited answer are set and its problem returned. */
function overLimit(reply: FastifyReply, hit: Hit, max: number): Problem | undefined {
  if (hit.count <= max) return undefined;
  const retryAfter = Math.ceil(Math.max(1, hit.resetAt - Date.now()) / 1000);
  reply.header('x-ratelimit-limit', max);
  reply.header('x-ratelimit-remaining', 0);
  reply.header('x-ratelimit-reset', retryAfter);
  reply.header('retry-after', retryAfter);
  return rateLimited(max, retryAfter);
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The counters behind the limits; `flush()` writes batched counts now (tests, shutdown). */
    rateLimitCounters: { store: Config['rateLimit']['store']; flush(): Promise<void> };
  }
}

export type RateLimitPluginOptions = Config['rateLimit'];

export const rateLimitPlugin = fp<RateLimitPluginOptions>(
  async (app, options) => {
    const counters = await createCounters(app, options);
    app.decorate('rateLimitCounters', {
      store: options.store,
      flush: () => (counters.api instanceof BatchedDatabaseCounter ? counters.api.flush() : Promise.resolve()),
    });
    app.addHook('onClose', async () => {
      await Promise.all([...new Set([counters.api, counters.strict])].map((counter) => counter.close()));
    });

    await app.register(fastifyRateLimit, {
      global: false,
      store: storeClass(counters.strict),
      timeWindow: RATE_LIMIT_WINDOW_MS,
      errorResponseBuilder: (_request, context) => rateLimited(context.max, Math.ceil(context.ttl / 1000)),
    });

    const limiter = (options: LimiterOptions) => app.rateLimit(options) as onRequestHookHandler;
    const ip = (request: FastifyRequest) => normalizeIP(request.ip, 64);
    // API answers carry the x-ratelimit-* headers, and Retry-After, only once limited: on a fast
    // read the headers cost more than the count.
    const apiLimiter = apiLimitHook(counters.api, options.apiPerMinute, apiCaller);
    // The routes that hand out credentials: x-ratelimit-* on every answer, and a count that fails refuses (503).
    const strict = new Map(
      strictLimits.map((rule) => [rule.route, limiter({ max: rule.max, keyGenerator: (request) => `${rule.name}:ip:${ip(request)}` })]),
    );

    // Route-level onRequest hooks run after the encapsulated ones, so a limiter sees the principal
    // that authentication found, and a 429 from the portal API still carries its CORS headers.
    app.addHook('onRoute', (route) => {
      if (!route.url?.startsWith('/v1/') || route.config?.rateLimit !== undefined) return;
      const methods = [route.method].flat();
      const handler = methods.map((method) => strict.get(`${method} ${route.url}`)).find(Boolean) ?? apiLimiter;
      route.onRequest = [...[route.onRequest ?? []].flat(), handler];
    });

    function apiCaller(request: FastifyRequest): string {
      const portal = request.portal as PortalPrincipal | null;
      if (portal) return `api:contact:${portal.contactId}`;
      const workspace = request.workspace as WorkspacePrincipal | null;
      if (workspace) return `api:${workspace.actorType}:${workspace.actorId}`;
      return `api:ip:${ip(request)}`;
    }
  },
  { name: 'rate-limit', dependencies: ['database', 'auth'] },
);

async function createCounters(app: FastifyInstance, options: RateLimitPluginOptions): Promise<{ api: Counter; strict: Counter }> {
  if (options.store === 'memory') {
    const counter = new MemoryCounter();
    return { api: counter, strict: counter };
  }
  if (options.store === 'redis') {
    if (!options.redisUrl) throw new Error('RATE_LIMIT_STORE=redis needs REDIS_URL');
    // No offline queue: while Redis is away a count fails at once instead of holding the request.
    const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2_000, enableOfflineQueue: false });
    let reported = false;
    redis.on('error', (error: Error) => {
      if (!reported) app.log.warn({ err: error }, 'rate limits: Redis unreachable, retrying');
      reported = true;
    });
    redis.on('ready', () => {
      reported = false;
    });
    // Start once connected, or after two seconds without: until Redis answers, the strict limits
    // answer 503 and the API limit lets requests through.
    await Promise.race([once(redis, 'ready'), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]).catch(() => undefined);
    const counter = new RedisCounter(redis);
    return { api: counter, strict: counter };
  }
  return {
    api: new BatchedDatabaseCounter(app.db, (error) => app.log.warn({ err: error }, 'rate limits: could not write batched counts')),
    strict: new DatabaseCounter(app.db),
  };
}

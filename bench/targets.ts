/**
 * The HTTP servers under test. bench/run.ts runs each in its own process, so that no two targets
 * share a heap or a JIT warm-up: targets.ts <hello|raw|raw-pg|app> <database> <jwt secret> (through
 * tsx; the database is a SQLite file or a postgres:// URL) tells the parent its URL over IPC, then
 * serves until killed.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import { createVerifier } from 'fast-jwt';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import pg from 'pg';
import { Page, PageQuery } from '../sdk/contract/common.js';
import { PortalProposal, ProposalParams } from '../sdk/contract/proposals.js';
import { chainHash } from '../server/features/audit/repository.js';
import { newId } from '../server/lib/ids.js';
import { ACCESS_TOKEN_TTL_SECONDS, CLOCK_SKEW_SECONDS, PORTAL_ACCESS_TYPE, PORTAL_AUDIENCE, TOKEN_ISSUER } from '../server/plugins/auth.js';

export type TargetKind = 'hello' | 'raw' | 'raw-pg' | 'app';

/** A: bare Fastify, the ceiling of what any route can reach here. */
export function helloServer(): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ hello: 'world' }));
  return app;
}

const PORTAL_COLUMNS = 'id, number, title, fee_model, fee_amount, currency, summary, status, sent_at, expires_at, decided_at, decline_reason';

interface ProposalRow {
  id: string;
  number: string;
  title: string;
  fee_model: string;
  fee_amount: number;
  currency: string;
  summary: string;
  status: string;
  sent_at: string;
  expires_at: string;
  decided_at: string | null;
  decline_reason: string | null;
}

interface Claims {
  sub: string;
  ws: string;
  cus: string;
  sid: string;
  typ: string;
}

type MaybePromise<T> = T | Promise<T>;

/** What a hand-written route reads and writes, once per dialect. */
interface HandWrittenStore {
  /** The same check as authenticatePortal: the session is live and the workspace has the portal on. */
  liveSession(claims: Claims, now: string): MaybePromise<{ portal_enabled: number } | undefined>;
  page(customerId: string, limit: number, after: [string, string] | undefined): MaybePromise<ProposalRow[]>;
  /**
   * The writes of decideOnProposal in one transaction: the status, the audit event chained to the
   * last one, the follow-up item, and the lookups of webhook endpoints for its two events.
   */
  accept(claims: Claims, proposalId: string, at: string): MaybePromise<ProposalRow | 'not_found' | 'conflict'>;
  close(): MaybePromise<void>;
}

/** The audit event of an accept, chained to the workspace's last event as appendAuditEvent does it. */
function acceptEvent(claims: Claims, proposalId: string, previous: { seq: number; hash: string } | undefined, at: string) {
  const event = {
    id: newId('evt'),
    workspace_id: claims.ws,
    seq: (previous?.seq ?? 0) + 1,
    actor_type: 'contact' as const,
    actor_id: claims.sub,
    action: 'proposal.accepted',
    subject_type: 'proposal',
    subject_id: proposalId,
    customer_id: claims.cus,
    data: '{}',
    created_at: at,
    prev_hash: previous?.hash ?? '0'.repeat(64),
  };
  return { ...event, hash: chainHash(event) };
}

const AUDIT_INSERT = `insert into audit_events (id, workspace_id, seq, actor_type, actor_id, action, subject_type, subject_id, customer_id, data, created_at, prev_hash, hash)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`;
/** The tenant team's follow-up item, as createFollowUp writes it. */
const FOLLOW_UP_INSERT = `insert into follow_ups (id, workspace_id, kind, source_type, source_id, customer_id, contact_id, summary, state, created_at, updated_at)
  values ($1, $2, 'proposal.accepted', 'proposal', $3, $4, $5, $6, 'open', $7, $8)`;
const followUpValues = (claims: Claims, row: ProposalRow, at: string) => [newId('fu'), claims.ws, row.id, claims.cus, claims.sub, `Proposal ${row.number} "${row.title}" accepted`, at, at];
/** Webhook endpoints subscribed to the event (the benchmark workspace has none, so nothing is enqueued). */
const WEBHOOK_ENDPOINTS = 'select * from webhook_endpoints where workspace_id = $1 and enabled = 1';

const auditValues = (e: ReturnType<typeof acceptEvent>) => [
  e.id, e.workspace_id, e.seq, e.actor_type, e.actor_id, e.action, e.subject_type, e.subject_id, e.customer_id, e.data, e.created_at, e.prev_hash, e.hash,
];

/** SQLite through raw better-sqlite3 prepared statements. */
export function sqliteStore(file: string): HandWrittenStore {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const liveSession = sqlite.prepare<[string, string, string]>(
    `select w.portal_enabled from portal_sessions s join workspaces w on w.id = s.workspace_id
     where s.id = ? and s.contact_id = ? and s.revoked_at is null and s.expires_at > ?`,
  );
  // One statement per page size with the limit written in, as the app does (server/lib/keyset.ts):
  // SQLite prepares a statement whose LIMIT is a bound parameter again on every run.
  const pages = new Map<string, SQLite.Statement>();
  const pageStatement = (after: boolean, limit: number) => {
    const key = `${after}:${limit}`;
    let statement = pages.get(key);
    if (!statement) {
      const position = after ? ' and (sent_at < ? or (sent_at = ? and id < ?))' : '';
      statement = sqlite.prepare(
        `select ${PORTAL_COLUMNS} from proposals where customer_id = ? and sent_at is not null${position} order by sent_at desc, id desc limit ${Math.trunc(limit)}`,
      );
      pages.set(key, statement);
    }
    return statement;
  };
  const findProposal = sqlite.prepare<[string, string]>(`select ${PORTAL_COLUMNS} from proposals where id = ? and customer_id = ? and sent_at is not null`);
  const decide = sqlite.prepare<[string, string, string, string]>(
    `update proposals set status = 'accepted', decided_at = ?, decided_by_contact_id = ?, decline_reason = null
     where id = ? and status = 'pending' and expires_at > ? returning ${PORTAL_COLUMNS}`,
  );
  const lastEvent = sqlite.prepare<[string]>('select seq, hash from audit_events where workspace_id = ? order by seq desc limit 1');
  const insertEvent = sqlite.prepare(AUDIT_INSERT.replace(/\$\d+/g, '?'));
  const insertFollowUp = sqlite.prepare(FOLLOW_UP_INSERT.replace(/\$\d+/g, '?'));
  const webhookEndpoints = sqlite.prepare(WEBHOOK_ENDPOINTS.replace('$1', '?'));
  const accept = sqlite.transaction((claims: Claims, proposalId: string, at: string): ProposalRow | 'not_found' | 'conflict' => {
    const row = findProposal.get(proposalId, claims.cus) as ProposalRow | undefined;
    if (!row) return 'not_found';
    if (row.status === 'accepted') return row;
    if (row.status !== 'pending' || row.expires_at <= at) return 'conflict';
    const decided = decide.get(at, claims.sub, proposalId, at) as ProposalRow | undefined;
    if (!decided) return 'conflict';
    const previous = lastEvent.get(claims.ws) as { seq: number; hash: string } | undefined;
    insertEvent.run(auditValues(acceptEvent(claims, proposalId, previous, at)));
    insertFollowUp.run(followUpValues(claims, decided, at));
    webhookEndpoints.all(claims.ws); // for follow_up.created
    webhookEndpoints.all(claims.ws); // for proposal.accepted
    return decided;
  });
  return {
    liveSession: (claims, now) => liveSession.get(claims.sid, claims.sub, now) as { portal_enabled: number } | undefined,
    page: (customerId, limit, after) =>
      (after ? pageStatement(true, limit).all(customerId, after[0], after[0], after[1]) : pageStatement(false, limit).all(customerId)) as ProposalRow[],
    // BEGIN IMMEDIATE, as the app begins its transactions (server/db/database.ts).
    accept: (claims, proposalId, at) => accept.immediate(claims, proposalId, at),
    close: () => void sqlite.close(),
  };
}

/** PostgreSQL through `pg` with named prepared statements, on a pool the size of the app's. */
function postgresStore(url: string, poolMax: number): HandWrittenStore {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    // The app reads bigint columns as numbers; so does this.
    types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format)) } as pg.CustomTypesConfig,
  });
  const one = async <T>(client: pg.Pool | pg.PoolClient, name: string, text: string, values: unknown[]) =>
    (await client.query({ name, text, values })).rows[0] as T | undefined;
  return {
    liveSession: (claims, now) =>
      one<{ portal_enabled: number }>(
        pool,
        'live-session',
        `select w.portal_enabled from portal_sessions s join workspaces w on w.id = s.workspace_id
         where s.id = $1 and s.contact_id = $2 and s.revoked_at is null and s.expires_at > $3`,
        [claims.sid, claims.sub, now],
      ),
    async page(customerId, limit, after) {
      const result = after
        ? await pool.query({
            name: 'next-page',
            text: `select ${PORTAL_COLUMNS} from proposals where customer_id = $1 and sent_at is not null and (sent_at, id) < ($2, $3)
                   order by sent_at desc, id desc limit $4`,
            values: [customerId, after[0], after[1], limit],
          })
        : await pool.query({
            name: 'first-page',
            text: `select ${PORTAL_COLUMNS} from proposals where customer_id = $1 and sent_at is not null order by sent_at desc, id desc limit $2`,
            values: [customerId, limit],
          });
      return result.rows as ProposalRow[];
    },
    async accept(claims, proposalId, at) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const row = await one<ProposalRow>(client, 'find-proposal', `select ${PORTAL_COLUMNS} from proposals where id = $1 and customer_id = $2 and sent_at is not null`, [
          proposalId,
          claims.cus,
        ]);
        let answer: ProposalRow | 'not_found' | 'conflict';
        if (!row) answer = 'not_found';
        else if (row.status === 'accepted') answer = row;
        else if (row.status !== 'pending' || row.expires_at <= at) answer = 'conflict';
        else {
          const decided = await one<ProposalRow>(
            client,
            'decide',
            `update proposals set status = 'accepted', decided_at = $1, decided_by_contact_id = $2, decline_reason = null
             where id = $3 and status = 'pending' and expires_at > $1 returning ${PORTAL_COLUMNS}`,
            [at, claims.sub, proposalId],
          );
          if (!decided) answer = 'conflict';
          else {
            // Serialises appends per workspace, as appendAuditEvent does on PostgreSQL.
            await client.query({ name: 'lock-workspace', text: 'select id from workspaces where id = $1 for update', values: [claims.ws] });
            const previous = await one<{ seq: number; hash: string }>(
              client,
              'last-event',
              'select seq, hash from audit_events where workspace_id = $1 order by seq desc limit 1',
              [claims.ws],
            );
            await client.query({ name: 'insert-event', text: AUDIT_INSERT, values: auditValues(acceptEvent(claims, proposalId, previous, at)) });
            await client.query({ name: 'insert-follow-up', text: FOLLOW_UP_INSERT, values: followUpValues(claims, decided, at) });
            await client.query({ name: 'webhook-endpoints', text: WEBHOOK_ENDPOINTS, values: [claims.ws] }); // for follow_up.created
            await client.query({ name: 'webhook-endpoints', text: WEBHOOK_ENDPOINTS, values: [claims.ws] }); // for proposal.accepted
            answer = decided;
          }
        }
        await client.query('commit');
        return answer;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Requests a contact may make in a minute, as the app's `RATE_LIMIT_API_PER_MINUTE` in the benchmark. */
const BENCH_API_LIMIT = 1_000_000_000;

/**
 * The API rate count, by hand: a fixed one-minute window per contact in a Map, as the app counts
 * in memory before its batched write (server/plugins/rate-limit.ts).
 */
function apiRateCounter(max: number) {
  const windows = new Map<string, { start: number; count: number }>();
  return (contactId: string): boolean => {
    const now = Date.now();
    const start = now - (now % 60_000);
    let window = windows.get(contactId);
    if (!window || window.start !== start) {
      window = { start, count: 0 };
      windows.set(contactId, window);
    }
    window.count += 1;
    return window.count <= max;
  };
}

/**
 * B: the work of the portal's list and accept routes written by hand: fast-jwt with the verifier
 * options of server/plugins/auth.ts and the same lifetime check, the same live-session check, the
 * API rate count per contact, the queries of the store, the same querystring, params and response
 * schemas, and the two security headers every answer of the app carries (docs/security.md). (A
 * browser Origin header would add the allowed-origins check; the benchmark sends none, like a
 * same-origin or server-side caller.)
 */
export function handWrittenServer(store: HandWrittenStore, jwtSecret: string): FastifyInstance {
  const verify = createVerifier({
    key: jwtSecret,
    algorithms: ['HS256'],
    allowedIss: TOKEN_ISSUER,
    allowedAud: PORTAL_AUDIENCE,
    requiredClaims: ['sub', 'ws', 'cus', 'sid', 'typ', 'exp', 'iat'],
    maxAge: ACCESS_TOKEN_TTL_SECONDS * 1000,
    cache: 1_000, // as server/plugins/auth.ts
  });

  const counted = apiRateCounter(BENCH_API_LIMIT);

  /** The signed-in contact, or undefined once a 401/403/429 has been sent. */
  async function signedIn(request: FastifyRequest, reply: FastifyReply): Promise<Claims | undefined> {
    reply.header('x-content-type-options', 'nosniff').header('cache-control', 'no-store');
    const match = /^Bearer ([^\s]+)$/i.exec(request.headers.authorization ?? '');
    let claims: Claims & { iat: number; exp: number };
    try {
      claims = verify(match?.[1] ?? '') as Claims & { iat: number; exp: number };
    } catch {
      void reply.code(401).send({ error: 'unauthorized' });
      return undefined;
    }
    if (claims.typ !== PORTAL_ACCESS_TYPE) return void reply.code(401).send({ error: 'unauthorized' });
    // As withinLifetime in server/plugins/auth.ts: not issued ahead of this clock, not longer-lived than issued.
    if (claims.iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS || claims.exp - claims.iat > ACCESS_TOKEN_TTL_SECONDS) {
      return void reply.code(401).send({ error: 'unauthorized' });
    }
    const session = await store.liveSession(claims, new Date().toISOString());
    if (!session) return void reply.code(401).send({ error: 'unauthorized' });
    if (!session.portal_enabled) return void reply.code(403).send({ error: 'portal_disabled' });
    if (!counted(claims.sub)) return void reply.code(429).header('retry-after', 60).send({ error: 'rate_limited' });
    return claims;
  }

  const toPortal = (row: ProposalRow, now: string) => ({
    id: row.id,
    number: row.number,
    title: row.title,
    feeModel: row.fee_model,
    fee: { amount: row.fee_amount, currency: row.currency },
    summary: row.summary,
    expiresAt: row.expires_at,
    decidedAt: row.decided_at,
    declineReason: row.decline_reason,
    status: row.status === 'pending' && row.expires_at <= now ? 'expired' : row.status,
    sentAt: row.sent_at,
  });

  const app = Fastify({ logger: false });
  app.get<{ Querystring: { limit?: number; cursor?: string } }>(
    '/v1/portal/proposals',
    { schema: { querystring: PageQuery, response: { 200: Page(PortalProposal) } } },
    async (request, reply) => {
      const claims = await signedIn(request, reply);
      if (!claims) return reply;
      const limit = request.query.limit ?? 20;
      const after = request.query.cursor
        ? (JSON.parse(Buffer.from(request.query.cursor, 'base64url').toString('utf8')) as [string, string])
        : undefined;
      const rows = await store.page(claims.cus, limit + 1, after);
      const now = new Date().toISOString();
      const more = rows.length > limit;
      if (more) rows.length = limit;
      const last = rows[rows.length - 1];
      return {
        items: rows.map((row) => toPortal(row, now)),
        nextCursor: more && last ? Buffer.from(JSON.stringify([last.sent_at, last.id])).toString('base64url') : null,
      };
    },
  );
  app.post<{ Params: { proposalId: string } }>(
    '/v1/portal/proposals/:proposalId/accept',
    { schema: { params: ProposalParams, response: { 200: PortalProposal } } },
    async (request, reply) => {
      const claims = await signedIn(request, reply);
      if (!claims) return reply;
      const at = new Date().toISOString();
      const result = await store.accept(claims, request.params.proposalId, at);
      if (result === 'not_found') return reply.code(404).send({ error: 'not_found' });
      if (result === 'conflict') return reply.code(409).send({ error: 'conflict' });
      return toPortal(result, at);
    },
  );
  app.addHook('onClose', async () => {
    await store.close();
  });
  return app;
}

const isPostgres = (database: string) => /^postgres(ql)?:\/\//.test(database);
/** Both PostgreSQL targets use a pool of this many connections (the app's default). */
const PG_POOL_MAX = 10;

/** C: the real service, as `taba-portal start` builds it (default rate-limit store), logger off. */
export async function realApp(database: string, jwtSecret: string, dataDir: string): Promise<FastifyInstance> {
  // Loaded here only, so that A never loads the service and B only the modules of its id and audit-hash functions.
  const { buildApp } = await import('../server/app.js');
  const { loadConfig } = await import('../server/config.js');
  const config = loadConfig({
    TABA_DATA_DIR: dataDir,
    DATABASE_URL: isPostgres(database) ? database : `sqlite:${database}`,
    DATABASE_POOL_MAX: String(PG_POOL_MAX),
    TABA_JWT_SECRET: jwtSecret,
    LOG_LEVEL: 'silent',
    // One contact sends thousands of requests a second here; keep the limiter running (its
    // bookkeeping is part of the cost) but far above what the load generator reaches.
    RATE_LIMIT_API_PER_MINUTE: String(BENCH_API_LIMIT),
  });
  return buildApp(config, { logger: false });
}

/** CPU profiling of the measured window only (no start-up, no warm-up), on the parent's request. */
let profiler: Session | undefined;

async function startProfile(): Promise<void> {
  profiler = new Session();
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
  await profiler.post('Profiler.start');
  process.send?.({ profile: 'started' });
}

async function stopProfile(file: string): Promise<void> {
  if (!profiler) return;
  const { profile } = await profiler.post('Profiler.stop');
  profiler.disconnect();
  profiler = undefined;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(profile));
  process.send?.({ profile: 'stopped' });
}

async function main(): Promise<void> {
  const [kind, database = '', jwtSecret = '', dataDir = ''] = process.argv.slice(2) as [TargetKind, string?, string?, string?];
  let app: FastifyInstance;
  if (kind === 'hello') app = helloServer();
  else if (kind === 'raw') app = handWrittenServer(sqliteStore(database), jwtSecret);
  else if (kind === 'raw-pg') app = handWrittenServer(postgresStore(database, PG_POOL_MAX), jwtSecret);
  else if (kind === 'app') app = await realApp(database, jwtSecret, dataDir);
  else throw new Error(`unknown target ${String(kind)}`);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.on('message', (message: { profile?: 'start' | 'stop'; file?: string; cpu?: boolean }) => {
    // CPU time used so far (all threads): per request it varies far less than req/s when the
    // machine is busy with other work.
    if (message.cpu) process.send?.({ cpu: process.cpuUsage() });
    if (message.profile === 'start') void startProfile();
    if (message.profile === 'stop' && message.file) void stopProfile(message.file);
  });
  process.send?.({ url });
  const stop = () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.once('disconnect', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();

/**
 * The HTTP servers under test. bench/run.ts runs each in its own process, so that no two targets
 * share a heap or a JIT warm-up: targets.ts <hello|raw|app> <sqlite file> <jwt secret> (through
 * tsx) tells the parent its URL over IPC, then serves until killed.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import { createVerifier } from 'fast-jwt';
import Fastify, { type FastifyInstance } from 'fastify';
import { Page, PageQuery } from '../sdk/contract/common.js';
import { PortalProposal } from '../sdk/contract/proposals.js';
import { ACCESS_TOKEN_TTL_SECONDS, PORTAL_ACCESS_TYPE, PORTAL_AUDIENCE, TOKEN_ISSUER } from '../server/plugins/auth.js';

export type TargetKind = 'hello' | 'raw' | 'app';

/** A: bare Fastify, the ceiling of what any route can reach here. */
export function helloServer(): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ hello: 'world' }));
  return app;
}

/**
 * B: the work of `GET /v1/portal/proposals` written by hand: fast-jwt with the verifier options
 * of server/plugins/auth.ts, the same live-session check, one prepared better-sqlite3 statement for
 * the keyset page, the same querystring and response schemas. (A browser Origin header would add
 * the allowed-origins check; the benchmark sends none, like a same-origin or server-side caller.)
 */
export function rawServer(file: string, jwtSecret: string): FastifyInstance {
  const sqlite = new SQLite(file, { readonly: false });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const firstPage = sqlite.prepare<[string, number]>(
    `select id, number, title, fee_model, fee_amount, currency, summary, status, sent_at, expires_at, decided_at, decline_reason
     from proposals where customer_id = ? and sent_at is not null order by sent_at desc, id desc limit ?`,
  );
  // The same check as authenticatePortal: the session is live and the workspace has the portal on.
  const liveSession = sqlite.prepare<[string, string, string]>(
    `select w.portal_enabled from portal_sessions s join workspaces w on w.id = s.workspace_id
     where s.id = ? and s.contact_id = ? and s.revoked_at is null and s.expires_at > ?`,
  );
  const nextPage = sqlite.prepare<[string, string, string, string, number]>(
    `select id, number, title, fee_model, fee_amount, currency, summary, status, sent_at, expires_at, decided_at, decline_reason
     from proposals where customer_id = ? and sent_at is not null and (sent_at < ? or (sent_at = ? and id < ?))
     order by sent_at desc, id desc limit ?`,
  );
  const verify = createVerifier({
    key: jwtSecret,
    algorithms: ['HS256'],
    allowedIss: TOKEN_ISSUER,
    allowedAud: PORTAL_AUDIENCE,
    requiredClaims: ['sub', 'ws', 'cus', 'sid', 'typ', 'exp', 'iat'],
    maxAge: ACCESS_TOKEN_TTL_SECONDS * 1000,
    cache: 10_000,
  });

  interface Row {
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

  const app = Fastify({ logger: false });
  app.get<{ Querystring: { limit?: number; cursor?: string } }>(
    '/v1/portal/proposals',
    { schema: { querystring: PageQuery, response: { 200: Page(PortalProposal) } } },
    async (request, reply) => {
      const match = /^Bearer ([^\s]+)$/i.exec(request.headers.authorization ?? '');
      let claims: { sub: string; cus: string; sid: string; typ: string };
      try {
        claims = verify(match?.[1] ?? '') as typeof claims;
      } catch {
        return reply.code(401).send({ error: 'unauthorized' });
      }
      if (claims.typ !== PORTAL_ACCESS_TYPE) return reply.code(401).send({ error: 'unauthorized' });
      const session = liveSession.get(claims.sid, claims.sub, new Date().toISOString()) as { portal_enabled: number } | undefined;
      if (!session) return reply.code(401).send({ error: 'unauthorized' });
      if (!session.portal_enabled) return reply.code(403).send({ error: 'portal_disabled' });
      const limit = request.query.limit ?? 20;
      let rows: Row[];
      if (request.query.cursor) {
        const [after, id] = JSON.parse(Buffer.from(request.query.cursor, 'base64url').toString('utf8')) as [string, string];
        rows = nextPage.all(claims.cus, after, after, id, limit + 1) as Row[];
      } else {
        rows = firstPage.all(claims.cus, limit + 1) as Row[];
      }
      const now = new Date().toISOString();
      const more = rows.length > limit;
      if (more) rows.length = limit;
      const last = rows[rows.length - 1];
      return {
        items: rows.map((row) => ({
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
        })),
        nextCursor: more && last ? Buffer.from(JSON.stringify([last.sent_at, last.id])).toString('base64url') : null,
      };
    },
  );
  app.addHook('onClose', async () => {
    sqlite.close();
  });
  return app;
}

/** C: the real service, as `taba-portal start` builds it (default rate-limit store), logger off. */
export async function realApp(file: string, jwtSecret: string): Promise<FastifyInstance> {
  // Loaded here only, so that A and B never load the service's modules.
  const { buildApp } = await import('../server/app.js');
  const { loadConfig } = await import('../server/config.js');
  const config = loadConfig({
    TABA_DATA_DIR: path.dirname(file),
    DATABASE_URL: `sqlite:${file}`,
    TABA_JWT_SECRET: jwtSecret,
    LOG_LEVEL: 'silent',
    // One contact sends thousands of requests a second here; keep the limiter running (its
    // bookkeeping is part of the cost) but far above what the load generator reaches.
    RATE_LIMIT_API_PER_MINUTE: '1000000000',
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
  const [kind, file = '', jwtSecret = ''] = process.argv.slice(2) as [TargetKind, string?, string?];
  let app: FastifyInstance;
  if (kind === 'hello') app = helloServer();
  else if (kind === 'raw') app = rawServer(file, jwtSecret);
  else if (kind === 'app') app = await realApp(file, jwtSecret);
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

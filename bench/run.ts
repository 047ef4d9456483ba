/**
 * `npm run bench`: throughput, latency and server CPU of the portal's list routes and of accepting
 * a proposal, on SQLite and on PostgreSQL, against baselines measured in the same run, the server's
 * memory while a 1 GiB file goes up and down (bench/files.ts), the first render of a 100-row list in
 * Chromium and the gzip size of the element bundles (bench/render.ts). Prints tables, writes .bench/results.json and the figures
 * section of docs/benchmarks.md; never fails on a figure (budgets are in DESIGN.md).
 *
 * Each server runs in its own child process (bench/targets.ts); the load generator
 * (bench/load.ts, autocannon) runs in another, so it never competes with a server for its event loop.
 *
 * Environment:
 *   BENCH_DURATION  seconds per measured list run (default 8; a 2 s warm-up precedes each)
 *   BENCH_ROWS      proposals in the large SQLite workspace (default 1000000)
 *   BENCH_ACCEPTS   accepts per measured accept run (default 5000; 1,000 more warm up)
 *   BENCH_PG        PostgreSQL server for the PostgreSQL half (default TABA_TEST_PG, else a local server)
 *   BENCH_FILE_MB   size of the file bench/files.ts moves, in MiB (default 1024)
 *   BENCH_PROFILE=1 write V8 CPU profiles of the measured SQLite runs at 1k rows to .bench/profiles/
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { WorkspaceClient } from '../sdk/workspace-client.js';
import type { Config } from '../server/config.js';
import { openDatabase } from '../server/db/database.js';
import { verifyAuditChain } from '../server/features/audit/repository.js';
import { newId } from '../server/lib/ids.js';
import { createBenchDataset, type BenchDataset } from './dataset.js';
import { formatFileBench, runFileBench } from './files.js';
import type { AutocannonResult, LoadOptions } from './load.js';
import { copyToPostgres, DEFAULT_PG_URL, type PostgresCopy } from './postgres.js';
import { bundleBudgetRows, formatRenderBench, machineLine, measureBundleSizes, renderBudgetRows, runRenderBench } from './render.js';
import { benchListRoutes } from './routes.js';
import type { TargetKind } from './targets.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DURATION = positiveNumber('BENCH_DURATION', 8);
const WARMUP = Math.min(2, DURATION);
const LARGE_ROWS = positiveNumber('BENCH_ROWS', 1_000_000);
const ACCEPTS = Math.round(positiveNumber('BENCH_ACCEPTS', 5_000));
const WARMUP_ACCEPTS = 1_000;
const SMALL_ROWS = 1_000;
const PER_CUSTOMER = 200;
const CONNECTIONS = 50;
const PROFILE = process.env.BENCH_PROFILE === '1';
const PROFILE_DIR = path.join(root, '.bench', 'profiles');
const PG_URL = process.env.BENCH_PG || process.env.TABA_TEST_PG || DEFAULT_PG_URL;
const DOC = path.join(root, 'docs', 'benchmarks.md');

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}=${raw} must be a positive number`);
  return value;
}

interface Target {
  url: string;
  /** Starts a CPU profile inside the target; the returned function stops it and writes `file`. */
  profile(): Promise<(file: string) => Promise<void>>;
  /** The target process's CPU time so far, in µs. */
  cpu(): Promise<number>;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
let work = '';

/** Starts one server of bench/targets.ts in a child process and waits for its URL. */
function startTarget(kind: TargetKind, database = '', jwtSecret = ''): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(work, 'data-'));
  const child = fork(path.join(root, 'bench', 'targets.ts'), [kind, database, jwtSecret, dataDir], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exited.then(() => children.delete(child), () => undefined);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`target ${kind} exited with ${code} before listening`)));
    child.once('message', (message) => {
      const reply = <T>(accept: (answer: T) => boolean) =>
        new Promise<T>((done) => {
          const listener = (answer: unknown) => {
            if (!accept(answer as T)) return;
            child.off('message', listener);
            done(answer as T);
          };
          child.on('message', listener);
        });
      const profileReply = (expected: string) => reply<{ profile?: string }>((answer) => answer.profile === expected);
      resolve({
        url: (message as { url: string }).url,
        async profile() {
          const started = profileReply('started');
          child.send({ profile: 'start' });
          await started;
          return async (profileFile: string) => {
            const stopped = profileReply('stopped');
            child.send({ profile: 'stop', file: profileFile });
            await stopped;
          };
        },
        async cpu() {
          const answer = reply<{ cpu?: NodeJS.CpuUsage }>((message) => message.cpu !== undefined);
          child.send({ cpu: true });
          const { cpu } = await answer;
          return cpu ? cpu.user + cpu.system : 0;
        },
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}

interface LoadResult {
  requestsPerSecond: number;
  /** Server CPU time per request, µs (all of the server's threads; not the PostgreSQL server's). */
  cpuPerRequest?: number;
  p50: number;
  p99: number;
  requests: number;
}

/** One load run in its own process (bench/load.ts); throws when any response was not a 2xx. */
function load(options: LoadOptions): Promise<LoadResult> {
  const args = ['--import', 'tsx', path.join(root, 'bench', 'load.ts'), JSON.stringify(options)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      children.delete(child);
      if (code !== 0) return reject(new Error(`load generator exited with ${code}: ${stderr.slice(-500)}`));
      const result = JSON.parse(stdout) as AutocannonResult;
      const bad = result.non2xx + result.errors + result.timeouts;
      if (bad > 0) {
        const statuses = Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => `${status}×${count}`).join(', ');
        return reject(new Error(`${options.url}: ${bad} of ${result.requests.total} requests failed or were not 2xx (${statuses}; ${result.errors} errors)`));
      }
      resolve({
        // A run over a list of paths ends when they are used up, so its rate is the total over its duration.
        requestsPerSecond: options.pathsFile ? result.requests.total / result.duration : result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        requests: result.requests.total,
      });
    });
  });
}

interface Measurement {
  label: string;
  target: Target;
  /** A warm-up run and a measured run of the same kind. */
  warmup: LoadOptions;
  measured: LoadOptions;
  profileName?: string;
}

async function measure({ label, target, warmup, measured, profileName }: Measurement): Promise<LoadResult> {
  process.stdout.write(`  ${label} … `);
  await load(warmup);
  const profileFile = PROFILE && profileName ? path.join(PROFILE_DIR, `${profileName}.cpuprofile`) : undefined;
  const stopProfile = profileFile ? await target.profile() : undefined;
  const cpuBefore = await target.cpu();
  const result = await load(measured);
  result.cpuPerRequest = ((await target.cpu()) - cpuBefore) / result.requests;
  if (stopProfile && profileFile) {
    await stopProfile(profileFile);
    fs.writeFileSync(profileFile.replace(/\.cpuprofile$/, '.requests'), String(result.requests));
  }
  console.log(`${Math.round(result.requestsPerSecond).toLocaleString('en-US')} req/s, p99 ${fmt(result.p99)} ms, ${Math.round(result.cpuPerRequest)} µs CPU/req`);
  return result;
}

const repeated = (url: string, token: string | undefined, duration: number, connections = CONNECTIONS): LoadOptions => ({ url, connections, method: 'GET', duration, ...(token ? { token } : {}) });
/** A document route (a statement) is asked for now and then, not by 50 clients at once: a few connections, so nothing is left queued for the next route. */
const DOCUMENT_CONNECTIONS = 2;

/** Signs the dataset's contact in the way a tenant page does: mint with the API key, exchange. */
async function accessToken(apiBase: string, dataset: BenchDataset): Promise<string> {
  const workspace = new WorkspaceClient({ apiBase, apiKey: dataset.apiKey });
  const { clientSecret } = await workspace.portalSessions.create({ contactId: dataset.contactId });
  const response = await fetch(`${apiBase}/v1/portal/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientSecret }),
  });
  if (!response.ok) throw new Error(`token exchange failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function call<T>(method: 'GET' | 'POST', url: string, token: string): Promise<T> {
  const response = await fetch(url, { method, headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

type Dialect = Config['database']['dialect'];

/** B (hand-written) and C (the real app) on one database, started together and stopped together. */
async function withPair<T>(dialect: Dialect, database: string, jwtSecret: string, run: (app: Target, raw: Target) => Promise<T>): Promise<T> {
  const app = await startTarget('app', database, jwtSecret);
  try {
    const raw = await startTarget(dialect === 'postgres' ? 'raw-pg' : 'raw', database, jwtSecret);
    try {
      return await run(app, raw);
    } finally {
      await raw.stop();
    }
  } finally {
    await app.stop();
  }
}

interface ListResult {
  route: string;
  /** A document route (a statement): reported, with no list budget — it reads a whole period, not a page. */
  document?: boolean;
  /** Absent when the route has no hand-written version. */
  raw?: LoadResult;
  app: LoadResult;
}

/** Every list route on one database: B (where there is one) and C, after checking that both answer the same page. */
async function measureLists(dialect: Dialect, database: string, dataset: BenchDataset, jwtSecret: string, tag: string): Promise<ListResult[]> {
  return withPair(dialect, database, jwtSecret, async (app, raw) => {
    const token = await accessToken(app.url, dataset);
    const results: ListResult[] = [];
    for (const route of benchListRoutes) {
      const fromApp = await call<{ items: unknown[]; nextCursor: string | null }>('GET', app.url + route.path, token);
      if (!route.document && (fromApp.items.length < 2 || fromApp.nextCursor === null)) {
        throw new Error(`${route.path}: expected a full page with a next cursor, got ${fromApp.items.length} items`);
      }
      const profileName = (who: string) => (dialect === 'sqlite' && tag === '1k' ? `${who}${route === benchListRoutes[0] ? '' : `-${route.name}`}` : undefined);
      const pair = (target: Target, who: string): Measurement => ({
        label: `${who} ${who === 'B' ? 'hand-written' : 'real app    '} ${route.name}, ${dialect}, ${tag} rows`,
        target,
        warmup: repeated(target.url + route.path, token, WARMUP, route.document ? DOCUMENT_CONNECTIONS : CONNECTIONS),
        measured: repeated(target.url + route.path, token, DURATION, route.document ? DOCUMENT_CONNECTIONS : CONNECTIONS),
        ...(profileName(who) ? { profileName: profileName(who)! } : {}),
      });
      let rawResult: LoadResult | undefined;
      if (route.handWritten) {
        const fromRaw = await call('GET', raw.url + route.path, token);
        if (!isDeepStrictEqual(fromApp, fromRaw)) {
          throw new Error(`B and C answer different pages:\nC ${JSON.stringify(fromApp).slice(0, 400)}\nB ${JSON.stringify(fromRaw).slice(0, 400)}`);
        }
        rawResult = await measure(pair(raw, 'B'));
      }
      const appResult = await measure(pair(app, 'C'));
      results.push({ route: route.name, ...(route.document ? { document: true } : {}), ...(rawResult ? { raw: rawResult } : {}), app: appResult });
    }
    return results;
  });
}

interface AcceptResult {
  raw: LoadResult;
  app: LoadResult;
}

/** Fresh pending proposals of the signed-in customer, in the dataset's workspace; returns their ids. */
async function addPendingProposals(database: Config['database'], dataset: BenchDataset, count: number): Promise<string[]> {
  const { db } = openDatabase(database);
  try {
    const now = Date.now();
    const rows = Array.from({ length: count }, (_, i) => ({
      id: newId('prop'),
      workspace_id: dataset.workspaceId,
      customer_id: dataset.customerId,
      number: `PROP-B${String(i + 1).padStart(6, '0')}`,
      title: 'Support retainer',
      fee_model: 'retainer' as const,
      fee_amount: 250_000,
      currency: 'EUR',
      summary: 'Support retainer: scope, deliverables, timeline and acceptance criteria as discussed in our call.',
      internal_notes: 'Margin target 35%.',
      status: 'pending' as const,
      sent_at: new Date(now - 60_000).toISOString(),
      expires_at: new Date(now + 30 * 24 * 3_600_000).toISOString(),
      decided_at: null,
      decided_by_contact_id: null,
      decline_reason: null,
      created_at: new Date(now - 120_000).toISOString(),
    }));
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 1_000) await trx.insertInto('proposals').values(rows.slice(i, i + 1_000)).execute();
    });
    return rows.map((row) => row.id);
  } finally {
    await db.destroy();
  }
}

/**
 * Accepting proposals: every request accepts a fresh pending proposal (B and C each get their own),
 * 50 at a time. Afterwards the workspace's audit chain must verify and hold one event per accept.
 */
async function measureAccepts(dialect: Dialect, config: Config['database'], database: string, dataset: BenchDataset, jwtSecret: string): Promise<AcceptResult> {
  const perTarget = WARMUP_ACCEPTS + ACCEPTS;
  const ids = await addPendingProposals(config, dataset, 2 * perTarget);
  const acceptPaths = (list: string[], name: string) => {
    const file = path.join(work, `${dialect}-${name}.paths`);
    fs.writeFileSync(file, list.map((id) => `/v1/portal/proposals/${id}/accept`).join('\n'));
    return file;
  };
  const result = await withPair(dialect, database, jwtSecret, async (app, raw) => {
    const token = await accessToken(app.url, dataset);
    // The first proposal of each list is accepted alone, so that both answers can be compared before the load.
    const run = (target: Target, who: 'B' | 'C', list: string[]): { probe: string; measurement: Measurement } => {
      const [probe, ...rest] = list as [string, ...string[]];
      const options = (paths: string[], name: string): LoadOptions => ({ url: target.url, connections: CONNECTIONS, method: 'POST', token, pathsFile: acceptPaths(paths, `${who}-${name}`) });
      return {
        probe,
        measurement: {
          label: `${who} ${who === 'B' ? 'hand-written' : 'real app    '} accept, ${dialect}`,
          target,
          warmup: options(rest.slice(0, WARMUP_ACCEPTS - 1), 'warmup'),
          measured: options(rest.slice(WARMUP_ACCEPTS - 1), 'measured'),
          ...(dialect === 'sqlite' ? { profileName: `accept-${who}` } : {}),
        },
      };
    };
    const forRaw = run(raw, 'B', ids.slice(0, perTarget));
    const forApp = run(app, 'C', ids.slice(perTarget));
    const answers = await Promise.all(
      [forRaw, forApp].map(({ probe, measurement }) => call<Record<string, unknown>>('POST', `${measurement.target.url}/v1/portal/proposals/${probe}/accept`, token)),
    );
    const comparable = ({ id: _id, number: _number, decidedAt: _decidedAt, ...rest }: Record<string, unknown>) => rest;
    if (answers[0]?.status !== 'accepted' || !isDeepStrictEqual(comparable(answers[0]), comparable(answers[1]!))) {
      throw new Error(`B and C answer accepts differently:\nB ${JSON.stringify(answers[0])}\nC ${JSON.stringify(answers[1])}`);
    }
    return { raw: await measure(forRaw.measurement), app: await measure(forApp.measurement) };
  });
  const { db } = openDatabase(config);
  try {
    const broken = await verifyAuditChain(db, dataset.workspaceId);
    if (broken !== null) throw new Error(`${dialect}: the audit chain breaks at event ${broken} after the accept runs`);
    const events = await db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'proposal.accepted')
      .where('subject_id', 'in', ids)
      .executeTakeFirstOrThrow();
    if (Number(events.n) !== ids.length) throw new Error(`${dialect}: ${ids.length} accepts wrote ${events.n} audit events`);
    // B must keep doing the writes C does: one follow-up item per accept too.
    const followUps = await db
      .selectFrom('follow_ups')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'proposal.accepted')
      .where('source_id', 'in', ids)
      .executeTakeFirstOrThrow();
    if (Number(followUps.n) !== ids.length) throw new Error(`${dialect}: ${ids.length} accepts wrote ${followUps.n} follow-ups`);
  } finally {
    await db.destroy();
  }
  return result;
}

function rowCount(n: number): string {
  return n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}M` : n >= 1_000 && n % 1_000 === 0 ? `${n / 1_000}k` : String(n);
}

interface DialectResults {
  lists: ListResult[];
  accept: AcceptResult;
}

async function main(): Promise<void> {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'taba-bench-'));
  let postgres: PostgresCopy | undefined;
  const cleanup = () => {
    for (const child of children) child.kill('SIGKILL');
    fs.rmSync(work, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    const jwtSecret = randomBytes(32).toString('base64url');
    const large = rowCount(LARGE_ROWS);
    const loadBefore = os.loadavg();
    console.log(
      `taba-portal bench · ${os.cpus().length} CPUs · Node ${process.version} · ${CONNECTIONS} connections · servers and load generator in separate processes · ` +
        `load average ${loadBefore.map((n) => n.toFixed(2)).join(' ')}\n`,
    );
    console.log('Preparing databases (app migrations, bulk insert; PostgreSQL: a copy of the 1k database in a schema of its own) …');
    const small = await createBenchDataset(path.join(work, 'small.sqlite'), { proposals: SMALL_ROWS, perCustomer: PER_CUSTOMER });
    const big = await createBenchDataset(path.join(work, 'large.sqlite'), { proposals: LARGE_ROWS, perCustomer: PER_CUSTOMER });
    const sizeMb = (fs.statSync(big.file).size / 1024 / 1024).toFixed(0);
    console.log(
      `  1k: ${small.customers} customers × ${PER_CUSTOMER} proposals; ${large}: ${big.customers.toLocaleString('en-US')} customers × ${PER_CUSTOMER} ` +
        `(${sizeMb} MB, built in ${big.seconds.toFixed(1)} s). The signed-in customer holds ${PER_CUSTOMER} proposals in both.`,
    );
    try {
      postgres = await copyToPostgres(small.file, PG_URL);
      console.log(`  PostgreSQL: ${redact(PG_URL)}, schema ${new URL(postgres.url).searchParams.get('options')?.split('=')[1]}`);
    } catch (error) {
      console.log(`  PostgreSQL at ${redact(PG_URL)} is not reachable (${(error as Error).message}); set BENCH_PG. Its half is left out.`);
    }

    console.log('\nLoad:');
    const hello = await startTarget('hello');
    let a: LoadResult;
    try {
      a = await measure({ label: 'A bare Fastify hello', target: hello, warmup: repeated(hello.url + '/', undefined, WARMUP), measured: repeated(hello.url + '/', undefined, DURATION) });
    } finally {
      await hello.stop();
    }
    const sqlite1k = await measureLists('sqlite', small.file, small, jwtSecret, '1k');
    const sqliteLarge = await measureLists('sqlite', big.file, big, jwtSecret, large);
    const pg1k = postgres ? await measureLists('postgres', postgres.url, small, jwtSecret, '1k') : undefined;
    const sqliteAccept = await measureAccepts('sqlite', { dialect: 'sqlite', file: small.file }, small.file, small, jwtSecret);
    const pgAccept = postgres ? await measureAccepts('postgres', { dialect: 'postgres', url: postgres.url }, postgres.url, small, jwtSecret) : undefined;
    const loadAfter = os.loadavg();

    console.log('\nFiles: one large document uploaded through the workspace API, then downloaded by its signed link …');
    const files = await runFileBench();
    console.log(formatFileBench(files));

    console.log('\nRender: the first render of a 100-row list in Chromium …');
    const render = await runRenderBench();
    console.log(formatRenderBench(render));
    // The bundle's entry is what a page loads first; each section's chunk follows when it is shown
    // (and, when idle, the rest), a language's catalogue when it is chosen.
    const bundles = measureBundleSizes();

    const figures: [string, LoadResult, LoadResult | undefined][] = [['A  bare Fastify hello', a, undefined]];
    const listRows = (dialect: string, tag: string, results: ListResult[]) => {
      for (const result of results) {
        if (result.raw) figures.push([`B  hand-written ${result.route}, ${dialect}, ${tag}`, result.raw, result.raw]);
        figures.push([`C  real app ${result.route}, ${dialect}, ${tag}`, result.app, result.raw]);
      }
    };
    listRows('SQLite', '1k', sqlite1k);
    listRows('SQLite', large, sqliteLarge);
    if (pg1k) listRows('PostgreSQL', '1k', pg1k);
    const acceptRows = (dialect: string, accept: AcceptResult) => {
      figures.push([`B  hand-written accept, ${dialect}`, accept.raw, accept.raw]);
      figures.push([`C  real app accept, ${dialect}`, accept.app, accept.raw]);
    };
    acceptRows('SQLite', sqliteAccept);
    if (pgAccept) acceptRows('PostgreSQL', pgAccept);
    const rps = (r: LoadResult) => Math.round(r.requestsPerSecond).toLocaleString('en-US');
    const cpu = (r: LoadResult) => (r.cpuPerRequest === undefined ? '—' : Math.round(r.cpuPerRequest).toLocaleString('en-US'));
    const figureTable = table(
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', '÷ A', '÷ B'],
      figures.map(([name, r, base]) => [name, rps(r), fmt(r.p50), fmt(r.p99), cpu(r), ratio(r, a), base ? ratio(r, base) : '']),
    );
    console.log('\n' + figureTable);

    const proposals1k = sqlite1k[0]!;
    const proposalsLarge = sqliteLarge[0]!;
    const verdict = (ok: boolean) => (ok ? 'within budget' : 'OVER BUDGET');
    /** Throughput ratio, then the same ratio from CPU per request (base CPU ÷ this CPU). */
    const pairRows = (name: string, r: LoadResult, base: LoadResult | undefined, goal: number): string[][] => {
      if (!base) return [];
      const byRate = r.requestsPerSecond / base.requestsPerSecond;
      const byCpu = base.cpuPerRequest && r.cpuPerRequest ? base.cpuPerRequest / r.cpuPerRequest : NaN;
      return [
        [`${name}, req/s`, byRate.toFixed(3), `≥ ${goal.toFixed(2)}`, verdict(byRate >= goal)],
        [`${name}, server CPU per request`, byCpu.toFixed(3), `≥ ${goal.toFixed(2)}`, verdict(byCpu >= goal)],
      ];
    };
    const p99Ratio = proposalsLarge.app.p99 / proposals1k.app.p99;
    const rawP99Ratio = proposalsLarge.raw && proposals1k.raw ? proposalsLarge.raw.p99 / proposals1k.raw.p99 : NaN;
    const listBudgets = (dialect: string, results: ListResult[]) =>
      results.flatMap((result) =>
        result.document
          ? [[`${dialect} ${result.route} (a document: no list budget), p99 / CPU per request`, `${result.app.p99} ms / ${(result.app.cpuPerRequest ?? NaN).toFixed(0)} µs`, '', '']]
          : [
              ...pairRows(`${dialect} ${result.route} C ÷ B (1k)`, result.app, result.raw, 0.9),
              ...pairRows(`${dialect} ${result.route} C ÷ A (1k)`, result.app, a, 0.1),
            ],
      );
    const budgetRows = [
      ...listBudgets('SQLite', sqlite1k),
      ...(pg1k ? listBudgets('PostgreSQL', pg1k) : []),
      ...pairRows('SQLite accept C ÷ B', sqliteAccept.app, sqliteAccept.raw, 0.8),
      ...(pgAccept ? pairRows('PostgreSQL accept C ÷ B', pgAccept.app, pgAccept.raw, 0.8) : []),
      [`SQLite list C p99 ${large} ÷ 1k rows`, p99Ratio.toFixed(2), '≤ 1.50', verdict(p99Ratio <= 1.5)],
      [`  (B p99 ${large} ÷ 1k, for reference)`, rawP99Ratio.toFixed(2), '', ''],
      ...(['upload', 'download'] as const).map((part) => [
        `${(files.bytes / 1024 / 1024).toFixed(0)} MiB ${part}, server RSS growth`,
        `${files[part].rssGrowthMb.toFixed(1)} MB`,
        `< ${files.budgetMb} MB`,
        verdict(files[part].rssGrowthMb < files.budgetMb && files.sha256Matches),
      ]),
      ...renderBudgetRows(render),
      ...bundleBudgetRows(bundles),
    ];
    const budgetTable = table(['budget (DESIGN.md)', 'measured', 'budget', ''], budgetRows);
    console.log('\n' + budgetTable);
    if (!postgres) console.log('\nPostgreSQL left out: not reachable.');
    if (PROFILE) {
      const dir = path.relative(root, PROFILE_DIR);
      console.log(`\nCPU profiles of the measured SQLite runs (1k rows): ${dir}/B.cpuprofile, ${dir}/C.cpuprofile, ${dir}/accept-B.cpuprofile, ${dir}/accept-C.cpuprofile`);
      console.log(`Summarise: npx tsx bench/profile-summary.ts ${dir}/C.cpuprofile`);
    }

    const at = new Date().toISOString();
    const machine = `${os.cpus().length} CPUs, Node ${process.version}, load average ${loadBefore[0]!.toFixed(2)} before and ${loadAfter[0]!.toFixed(2)} after`;
    const sqlite: DialectResults = { lists: sqlite1k, accept: sqliteAccept };
    const postgresResults: DialectResults | undefined = pg1k && pgAccept ? { lists: pg1k, accept: pgAccept } : undefined;
    fs.mkdirSync(path.join(root, '.bench'), { recursive: true });
    fs.writeFileSync(
      path.join(root, '.bench', 'results.json'),
      JSON.stringify(
        { at, machine, duration: DURATION, accepts: ACCEPTS, connections: CONNECTIONS, a, sqlite, sqliteLarge, largeRows: LARGE_ROWS, postgres: postgresResults, files, render, bundles },
        null,
        2,
      ) + '\n',
    );
    writeDocFigures(at, machine, figureTable, budgetTable);
    console.log(`\nWritten: .bench/results.json and the figures section of ${path.relative(root, DOC)}.`);
  } finally {
    await postgres?.drop().catch(() => undefined);
    cleanup();
  }
}

/** `npm run bench -- render`: prints the render and size budgets and writes .bench/render.json (docs/benchmarks.md is left as it is). */
async function renderOnly(): Promise<void> {
  console.log(`taba-portal bench, render and bundle sizes · ${machineLine()}\n`);
  const render = await runRenderBench();
  console.log(formatRenderBench(render));
  const bundles = measureBundleSizes();
  console.log('\n' + table(['budget (DESIGN.md)', 'measured', 'budget', ''], [...renderBudgetRows(render), ...bundleBudgetRows(bundles)]));
  fs.mkdirSync(path.join(root, '.bench'), { recursive: true });
  fs.writeFileSync(path.join(root, '.bench', 'render.json'), JSON.stringify({ at: new Date().toISOString(), machine: machineLine(), render, bundles }, null, 2) + '\n');
  console.log('\nWritten: .bench/render.json.');
}

/** Replaces the generated section of docs/benchmarks.md with this run's tables. */
function writeDocFigures(at: string, machine: string, figureTable: string, budgetTable: string): void {
  const start = '<!-- bench:figures:start -->';
  const end = '<!-- bench:figures:end -->';
  const doc = fs.readFileSync(DOC, 'utf8');
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) return console.log(`(${path.relative(root, DOC)} has no ${start} … ${end} section; not updated)`);
  const section = [
    start,
    `Written by \`npm run bench\` on ${at.slice(0, 16).replace('T', ' ')} UTC (${machine}; ${DURATION} s per list run, ${ACCEPTS.toLocaleString('en-US')} accepts per accept run).`,
    '',
    '```',
    figureTable,
    '```',
    '',
    '```',
    budgetTable,
    '```',
    end,
  ].join('\n');
  fs.writeFileSync(DOC, doc.slice(0, from) + section + doc.slice(to + end.length));
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//<user>@');
}

function ratio(r: LoadResult, base: LoadResult): string {
  return (r.requestsPerSecond / base.requestsPerSecond).toFixed(3);
}

function fmt(ms: number): string {
  return ms.toFixed(ms < 10 ? 1 : 0);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}


// `npm run bench -- soak`: the 10-minute soak of bench/soak.ts instead of the comparison;
// `npm run bench -- files`: only the large upload and download of bench/files.ts;
// `npm run bench -- render`: only the first render in Chromium and the bundle sizes of bench/render.ts.
if (process.argv[2] === 'soak') await (await import('./soak.js')).runSoak();
else if (process.argv[2] === 'files') console.log(formatFileBench(await runFileBench()));
else if (process.argv[2] === 'render') await renderOnly();
else await main();

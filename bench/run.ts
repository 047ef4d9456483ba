/**
 * `npm run bench`: throughput and latency of the authenticated portal list against baselines
 * measured in the same run, plus the gzip size of the element bundles. Prints a table; never fails
 * on a figure (budgets are in DESIGN.md).
 *
 * Each server runs in its own child process (bench/targets.ts); autocannon runs in another child
 * process, so the load generator never competes with a server for its event loop.
 *
 * Environment:
 *   BENCH_DURATION  seconds per measured autocannon run (default 8; a 2 s warm-up precedes each)
 *   BENCH_ROWS      proposals in the large workspace (default 1000000)
 *   BENCH_PROFILE=1 write V8 CPU profiles of B's and C's measured runs (1k rows) to .bench/profiles/
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import zlib from 'node:zlib';
import { WorkspaceClient } from '../sdk/workspace-client.js';
import { createBenchDataset, type BenchDataset } from './dataset.js';
import type { TargetKind } from './targets.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DURATION = positiveNumber('BENCH_DURATION', 8);
const WARMUP = Math.min(2, DURATION);
const LARGE_ROWS = positiveNumber('BENCH_ROWS', 1_000_000);
const SMALL_ROWS = 1_000;
const PER_CUSTOMER = 200;
const CONNECTIONS = 50;
const PROFILE = process.env.BENCH_PROFILE === '1';
const PROFILE_DIR = path.join(root, '.bench', 'profiles');

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

/** Starts one server of bench/targets.ts in a child process and waits for its URL. */
function startTarget(kind: TargetKind, file = '', jwtSecret = ''): Promise<Target> {
  const child = fork(path.join(root, 'bench', 'targets.ts'), [kind, file, jwtSecret], {
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
  /** Server CPU time per request, µs (all of the server's threads). */
  cpuPerRequest?: number;
  p50: number;
  p99: number;
  requests: number;
}

/** One autocannon run in its own process; throws when any response was not a 2xx. */
function autocannon(url: string, seconds: number, token?: string): Promise<LoadResult> {
  const args = [path.join(root, 'node_modules', 'autocannon', 'autocannon.js'), '--json', '-n', '-c', String(CONNECTIONS), '-d', String(seconds)];
  if (token) args.push('-H', `authorization=Bearer ${token}`);
  args.push(url);
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
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${stderr.slice(-500)}`));
      const result = JSON.parse(stdout) as {
        requests: { average: number; total: number };
        latency: { p50: number; p99: number };
        non2xx: number;
        errors: number;
        timeouts: number;
        statusCodeStats?: Record<string, { count: number }>;
      };
      const bad = result.non2xx + result.errors + result.timeouts;
      if (bad > 0) {
        const statuses = Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => `${code}×${count}`).join(', ');
        return reject(new Error(`${url}: ${bad} of ${result.requests.total} requests failed or were not 2xx (${statuses}; ${result.errors} errors)`));
      }
      resolve({
        requestsPerSecond: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        requests: result.requests.total,
      });
    });
  });
}

async function measure(label: string, target: Target, url: string, token?: string, profileFile?: string): Promise<LoadResult> {
  process.stdout.write(`  ${label}: warm-up ${WARMUP}s, measure ${DURATION}s … `);
  await autocannon(url, WARMUP, token);
  const stopProfile = profileFile ? await target.profile() : undefined;
  const cpuBefore = await target.cpu();
  const result = await autocannon(url, DURATION, token);
  result.cpuPerRequest = ((await target.cpu()) - cpuBefore) / result.requests;
  if (stopProfile && profileFile) {
    await stopProfile(profileFile);
    fs.writeFileSync(profileFile.replace(/\.cpuprofile$/, '.requests'), String(result.requests));
  }
  console.log(`${Math.round(result.requestsPerSecond).toLocaleString('en-US')} req/s, ${Math.round(result.cpuPerRequest)} µs CPU/req`);
  return result;
}

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

async function getJson(url: string, token: string): Promise<{ items: unknown[]; nextCursor: string | null }> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { items: unknown[]; nextCursor: string | null };
}

const LIST_PATH = '/v1/portal/proposals?limit=20';

interface PairResult {
  raw: LoadResult;
  app: LoadResult;
}

/** B and C on one dataset, after checking that both answer the same page. */
async function measureList(dataset: BenchDataset, jwtSecret: string, tag: string): Promise<PairResult> {
  const app = await startTarget('app', dataset.file, jwtSecret);
  const raw = await startTarget('raw', dataset.file, jwtSecret).catch(async (error: unknown) => {
    await app.stop();
    throw error;
  });
  try {
    const token = await accessToken(app.url, dataset);
    const fromApp = await getJson(app.url + LIST_PATH, token);
    const fromRaw = await getJson(raw.url + LIST_PATH, token);
    if (fromApp.items.length !== 20 || fromApp.nextCursor === null) {
      throw new Error(`expected a full page of 20 with a next cursor, got ${fromApp.items.length}`);
    }
    if (!isDeepStrictEqual(fromApp, fromRaw)) {
      throw new Error(`B and C answer different pages:\nC ${JSON.stringify(fromApp).slice(0, 400)}\nB ${JSON.stringify(fromRaw).slice(0, 400)}`);
    }
    const profile = (name: string) => (PROFILE && tag === '1k' ? path.join(PROFILE_DIR, `${name}.cpuprofile`) : undefined);
    const rawResult = await measure(`B hand-written, ${tag} rows`, raw, raw.url + LIST_PATH, token, profile('B'));
    const appResult = await measure(`C real app,     ${tag} rows`, app, app.url + LIST_PATH, token, profile('C'));
    return { raw: rawResult, app: appResult };
  } finally {
    await Promise.all([app.stop(), raw.stop()]);
  }
}

function gzipSize(file: string): number | undefined {
  try {
    return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
  } catch {
    return undefined;
  }
}

function rowCount(n: number): string {
  return n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}M` : n >= 1_000 && n % 1_000 === 0 ? `${n / 1_000}k` : String(n);
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'taba-bench-'));
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
    console.log(`taba-portal bench · ${os.cpus().length} CPUs · Node ${process.version} · ${CONNECTIONS} connections · servers and autocannon in separate processes\n`);
    console.log('Preparing databases (app migrations, bulk insert with better-sqlite3) …');
    const small = await createBenchDataset(path.join(work, 'small.sqlite'), { proposals: SMALL_ROWS, perCustomer: PER_CUSTOMER });
    const big = await createBenchDataset(path.join(work, 'large.sqlite'), { proposals: LARGE_ROWS, perCustomer: PER_CUSTOMER });
    const sizeMb = (fs.statSync(big.file).size / 1024 / 1024).toFixed(0);
    console.log(
      `  1k: ${small.customers} customers × ${PER_CUSTOMER} proposals; ${large}: ${big.customers.toLocaleString('en-US')} customers × ${PER_CUSTOMER} ` +
        `(${sizeMb} MB, built in ${big.seconds.toFixed(1)} s). The signed-in customer holds ${PER_CUSTOMER} proposals in both.\n`,
    );

    console.log('Load:');
    const hello = await startTarget('hello');
    let a: LoadResult;
    try {
      a = await measure('A bare Fastify hello', hello, hello.url + '/');
    } finally {
      await hello.stop();
    }
    const at1k = await measureList(small, jwtSecret, '1k');
    const atLarge = await measureList(big, jwtSecret, large);

    const bundle = gzipSize(path.join(root, 'dist', 'taba-portal.js'));
    const widget = gzipSize(path.join(root, 'dist', 'widgets', 'taba-proposal-list.js'));

    const rps = (r: LoadResult) => Math.round(r.requestsPerSecond).toLocaleString('en-US');
    const rows: [string, LoadResult, string, string][] = [
      ['A  bare Fastify hello', a, '1.00', ''],
      ['B  hand-written list, 1k rows', at1k.raw, ratio(at1k.raw, a), '1.00'],
      ['C  real app list, 1k rows', at1k.app, ratio(at1k.app, a), ratio(at1k.app, at1k.raw)],
      [`B  hand-written list, ${large} rows`, atLarge.raw, ratio(atLarge.raw, a), '1.00'],
      [`C  real app list, ${large} rows`, atLarge.app, ratio(atLarge.app, a), ratio(atLarge.app, atLarge.raw)],
    ];
    const cpu = (r: LoadResult) => (r.cpuPerRequest === undefined ? '—' : Math.round(r.cpuPerRequest).toLocaleString('en-US'));
    console.log(
      '\n' +
        table(
          ['target', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', '÷ A', '÷ B'],
          rows.map(([name, r, vsA, vsB]) => [name, rps(r), fmt(r.p50), fmt(r.p99), cpu(r), vsA, vsB]),
        ),
    );

    const cOverB = at1k.app.requestsPerSecond / at1k.raw.requestsPerSecond;
    const cOverA = at1k.app.requestsPerSecond / a.requestsPerSecond;
    const p99Ratio = atLarge.app.p99 / at1k.app.p99;
    const rawP99Ratio = atLarge.raw.p99 / at1k.raw.p99;
    const verdict = (ok: boolean) => (ok ? 'within budget' : 'OVER BUDGET');
    const cpuRatio = (base: LoadResult, r: LoadResult) =>
      base.cpuPerRequest && r.cpuPerRequest ? (base.cpuPerRequest / r.cpuPerRequest).toFixed(3) : '—';
    const budgetRows = [
      ['C ÷ B req/s (1k rows)', cOverB.toFixed(3), '≥ 0.90', verdict(cOverB >= 0.9)],
      ['  (B ÷ C server CPU per request)', cpuRatio(at1k.raw, at1k.app), '', ''],
      ['C ÷ A req/s (1k rows)', cOverA.toFixed(3), '≥ 0.10', verdict(cOverA >= 0.1)],
      ['  (A ÷ C server CPU per request)', cpuRatio(a, at1k.app), '', ''],
      [`C p99 ${large} ÷ 1k rows`, p99Ratio.toFixed(2), '≤ 1.50', verdict(p99Ratio <= 1.5)],
      [`  (B p99 ${large} ÷ 1k, for reference)`, rawP99Ratio.toFixed(2), '', ''],
      ['dist/taba-portal.js gzip', kb(bundle), '≤ 40 KB', bundle === undefined ? 'not built' : verdict(bundle <= 40 * 1024)],
      ['dist/widgets/taba-proposal-list.js gzip', kb(widget), '≤ 15 KB', widget === undefined ? 'not built' : verdict(widget <= 15 * 1024)],
    ];
    console.log('\n' + table(['budget (DESIGN.md)', 'measured', 'budget', ''], budgetRows));
    if (PROFILE) {
      const dir = path.relative(root, PROFILE_DIR);
      console.log(`\nCPU profiles of the measured runs of B and C (1k rows): ${dir}/B.cpuprofile, ${dir}/C.cpuprofile`);
      console.log(`Summarise: npx tsx bench/profile-summary.ts ${dir}/C.cpuprofile`);
    }

    fs.mkdirSync(path.join(root, '.bench'), { recursive: true });
    fs.writeFileSync(
      path.join(root, '.bench', 'results.json'),
      JSON.stringify({ at: new Date().toISOString(), duration: DURATION, connections: CONNECTIONS, a, at1k, atLarge, largeRows: LARGE_ROWS, bundle, widget }, null, 2) + '\n',
    );
  } finally {
    cleanup();
  }
}

function ratio(r: LoadResult, base: LoadResult): string {
  return (r.requestsPerSecond / base.requestsPerSecond).toFixed(3);
}

function fmt(ms: number): string {
  return ms.toFixed(ms < 10 ? 1 : 0);
}

function kb(bytes: number | undefined): string {
  return bytes === undefined ? '—' : `${(bytes / 1024).toFixed(1)} KB`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

await main();

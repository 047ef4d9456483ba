/**
 * `npm run bench -- soak`: mixed portal traffic on loopback against one server process for
 * SOAK_MINUTES (default 10), with RSS, heap and p99 reported at each minute, against the budget of
 * DESIGN.md: flat (under 10 % growth after minute 1) and 0 errors.
 *
 * The server is the real app (`buildApp()`) in a child process (this file with `serve`, through
 * tsx, with --expose-gc so that its heap is read after a full collection); the load comes from
 * this process, over HTTP to 127.0.0.1 only. Each virtual visitor repeats a visit, as an embedded
 * portal would make it: the tenant backend mints a client secret, the page exchanges it, reads the
 * profile and the proposal list (two pages), opens one, accepts or declines a proposal the tenant
 * has just created and sent, refreshes its tokens, reads again and signs out.
 *
 * Environment:
 *   SOAK_MINUTES         length of the run (default 10; a fraction is allowed for a trial)
 *   SOAK_SAMPLE_SECONDS  seconds between two samples (default 60: one per minute)
 *   SOAK_RATE            requests per second offered, all visitors together (default 250)
 *   SOAK_VISITORS        concurrent visitors (default 16)
 *   SOAK_DATABASE_URL    a postgres:// URL to soak on PostgreSQL (a scratch database; a new workspace
 *                        is added to it); a new SQLite file in a temp folder when unset
 *
 * Writes the samples and verdicts to .bench/soak.json; exits 1 when a budget is not met.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { createApiKey } from '../server/features/api-keys/repository.js';
import { updateSettings } from '../server/features/settings/repository.js';
import { createWorkspace } from '../server/features/workspaces/repository.js';

const SOAK_FILE = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(SOAK_FILE), '..');

/** Growth allowed after the first sample, as a fraction of it (DESIGN.md: under 10 %). */
const FLAT_BUDGET = 0.1;
const CUSTOMERS = 20;
/** Sent proposals each customer starts with: a full first page of 20 and a second page. */
const PROPOSALS_AT_START = 25;
const DAY = 24 * 60 * 60_000;
const REQUEST_TIMEOUT_MS = 10_000;

interface Settings {
  minutes: number;
  sampleSeconds: number;
  rate: number;
  visitors: number;
  databaseUrl: string | undefined;
}

function readSettings(env: NodeJS.ProcessEnv): Settings {
  const positive = (name: string, fallback: number) => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}=${raw} must be a positive number`);
    return value;
  };
  const databaseUrl = env.SOAK_DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('SOAK_DATABASE_URL must be a postgres:// URL');
  return {
    minutes: positive('SOAK_MINUTES', 10),
    sampleSeconds: positive('SOAK_SAMPLE_SECONDS', 60),
    rate: positive('SOAK_RATE', 250),
    visitors: Math.round(positive('SOAK_VISITORS', 16)),
    databaseUrl,
  };
}

// ─── the server process ─────────────────────────────────────────────────────────────────────

interface Ready {
  url: string;
  apiKey: string;
  dialect: string;
}

/** What the server process reports at each sample. */
export interface ServerSample {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  /** CPU time of the server process since it started, µs. */
  cpu: number;
  /** RSS split by kind (Linux /proc/self/status: RssAnon, RssFile, RssShmem), bytes; empty elsewhere. */
  rssKinds: Record<string, number>;
  /** Size of each V8 heap space (new, old, code, large objects, …), bytes: where heap growth sits. */
  heapSpaces: Record<string, number>;
  /** A heap snapshot written at this sample (SOAK_HEAP_SNAPSHOTS=1). */
  heapSnapshot?: string;
}

/** The child: the real app with one workspace, listening on loopback until SIGTERM. */
async function serve(dataDir: string): Promise<void> {
  const config = loadConfig({
    TABA_DATA_DIR: dataDir,
    DATABASE_URL: process.env.SOAK_DATABASE_URL ?? '',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    // Visitors come through X-Forwarded-For, each from its own address, as behind a reverse proxy;
    // otherwise all of them would share 127.0.0.1's strict per-IP limits.
    TRUST_PROXY: 'true',
    // Counted as always, but far above what one visitor reaches.
    RATE_LIMIT_API_PER_MINUTE: '1000000000',
  });
  const app = await buildApp(config);
  const workspace = await createWorkspace(app.db, 'Soak Supplies');
  await updateSettings(app.db, workspace.id, { portalEnabled: true });
  const key = await createApiKey(app.db, workspace.id, 'soak');
  const url = await app.listen({ port: config.port, host: config.host });
  let snapshots = 0;
  process.on('message', (message: { sample?: boolean }) => {
    if (!message.sample) return;
    const { user, system } = process.cpuUsage();
    // A full collection first: what is left is what the server holds on to.
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    const heapSnapshot = process.env.SOAK_HEAP_SNAPSHOTS === '1' ? v8.writeHeapSnapshot(path.join(root, '.bench', `soak-${++snapshots}.heapsnapshot`)) : undefined;
    const heapSpaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((space) => [space.space_name, space.space_size]));
    process.send?.({ sample: { rss, heapUsed, heapTotal, external, cpu: user + system, rssKinds: rssKinds(), heapSpaces, heapSnapshot } satisfies ServerSample });
  });
  process.once('SIGTERM', () => {
    void app.close().then(() => process.exit(0));
  });
  process.send?.({ ready: { url, apiKey: key.secret, dialect: config.database.dialect } satisfies Ready });
}

function rssKinds(): Record<string, number> {
  let status: string;
  try {
    status = fs.readFileSync('/proc/self/status', 'utf8');
  } catch {
    return {};
  }
  return Object.fromEntries([...status.matchAll(/^(RssAnon|RssFile|RssShmem):\s+(\d+) kB$/gm)].map((match) => [match[1]!, Number(match[2]) * 1024]));
}

interface Server extends Ready {
  sample(): Promise<ServerSample>;
  stop(): Promise<void>;
}

function startServer(dataDir: string): Promise<Server> {
  const child: ChildProcess = fork(SOAK_FILE, ['serve', dataDir], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the soak server exited with ${code} before listening`)));
    child.once('message', (message) => {
      const ready = (message as { ready: Ready }).ready;
      resolve({
        ...ready,
        sample: () =>
          new Promise<ServerSample>((done) => {
            const listener = (answer: unknown) => {
              const sample = (answer as { sample?: ServerSample }).sample;
              if (!sample) return;
              child.off('message', listener);
              done(sample);
            };
            child.on('message', listener);
            child.send({ sample: true });
          }),
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}

// ─── the load ───────────────────────────────────────────────────────────────────────────────

/** Latencies and errors of the requests finished in one sample period. */
class Period {
  readonly latencies: number[] = [];
  /** The same latencies by step of the visit, to tell which one moved. */
  readonly bySteps = new Map<string, number[]>();
  errors = 0;
}

interface ErrorSample {
  at: string;
  step: string;
  status: number | string;
  body: string;
}

class Traffic {
  current = new Period();
  total = 0;
  readonly errorSamples: ErrorSample[] = [];
  private nextSlot = performance.now();

  constructor(
    private readonly base: string,
    private readonly apiKey: string,
    private readonly intervalMs: number,
    /** Bounds of the whole run: no request starts after either. */
    private readonly deadline: number,
    private readonly maxRequests: number,
  ) {}

  get done(): boolean {
    return Date.now() >= this.deadline || this.total >= this.maxRequests;
  }

  /** One request at the offered rate; answers the parsed body, or undefined when it was not `expected` (an error). */
  async request(step: string, method: 'GET' | 'POST', url: string, expected: number, options: { token?: string; body?: object; ip?: string } = {}) {
    // Paced: a late visitor does not make up for more than a second of lost time in a burst.
    const now = performance.now();
    this.nextSlot = Math.max(this.nextSlot + this.intervalMs, now - 1_000);
    if (this.nextSlot > now) await sleep(this.nextSlot - now);
    if (this.done) return undefined;
    this.total += 1;
    const headers: Record<string, string> = { authorization: `Bearer ${options.token ?? this.apiKey}` };
    if (options.body) headers['content-type'] = 'application/json';
    if (options.ip) headers['x-forwarded-for'] = options.ip;
    const started = performance.now();
    let status: number | string;
    let text = '';
    try {
      const response = await fetch(this.base + url, {
        method,
        headers,
        body: options.body && JSON.stringify(options.body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      text = await response.text();
      status = response.status;
    } catch (error) {
      status = (error as Error).name;
    }
    const period = this.current;
    const latency = performance.now() - started;
    period.latencies.push(latency);
    const ofStep = period.bySteps.get(step);
    if (ofStep) ofStep.push(latency);
    else period.bySteps.set(step, [latency]);
    if (status === expected) return text ? (JSON.parse(text) as Record<string, unknown>) : {};
    period.errors += 1;
    if (this.errorSamples.length < 20) this.errorSamples.push({ at: new Date().toISOString(), step, status, body: text.slice(0, 300) });
    return undefined;
  }
}

interface Customer {
  customerId: string;
  contactId: string;
}

async function setUp(traffic: Traffic): Promise<Customer[]> {
  const customers: Customer[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const customer = await traffic.request('setup', 'POST', '/v1/workspace/customers', 201, { body: { name: `Customer ${i + 1}` } });
    if (!customer) throw new Error(`setup failed: ${JSON.stringify(traffic.errorSamples)}`);
    const contact = await traffic.request('setup', 'POST', `/v1/workspace/customers/${String(customer.id)}/contacts`, 201, {
      body: { displayName: `Buyer ${i + 1}`, email: `buyer${i + 1}@customer${i + 1}.example`, role: 'Buyer' },
    });
    if (!contact) throw new Error(`setup failed: ${JSON.stringify(traffic.errorSamples)}`);
    customers.push({ customerId: String(customer.id), contactId: String(contact.id) });
  }
  await Promise.all(
    customers.map(async ({ customerId }) => {
      for (let i = 0; i < PROPOSALS_AT_START; i++) {
        if (!(await sendProposal(traffic, customerId, 'setup'))) throw new Error(`setup failed: ${JSON.stringify(traffic.errorSamples)}`);
      }
    }),
  );
  return customers;
}

let proposalNumber = 0;

/** The tenant creates a proposal and sends it; answers its id. */
async function sendProposal(traffic: Traffic, customerId: string, step = 'create proposal'): Promise<string | undefined> {
  proposalNumber += 1;
  const created = await traffic.request(step, 'POST', '/v1/workspace/proposals', 201, {
    body: {
      customerId,
      title: `Proposal ${proposalNumber}`,
      feeModel: 'fixed_fee',
      fee: { amount: 50_000 + (proposalNumber % 100) * 1_000, currency: 'USD' },
      summary: 'Scope, schedule and terms.',
      expiresAt: new Date(Date.now() + 30 * DAY).toISOString(),
      internalNotes: 'Margin 30 %.',
    },
  });
  if (!created) return undefined;
  const sent = await traffic.request(`${step}: send`, 'POST', `/v1/workspace/proposals/${String(created.id)}/send`, 200);
  return sent ? String(created.id) : undefined;
}

let visitNumber = 0;

/** One visit of a contact, start to sign-out; stops at the first error (it is counted). */
async function visit(traffic: Traffic, customer: Customer): Promise<void> {
  visitNumber += 1;
  const n = visitNumber;
  // Its own client address, from a pool of 65,536, so the strict per-IP limits see real clients.
  const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const minted = await traffic.request('mint client secret', 'POST', '/v1/workspace/portal-sessions', 201, { body: { contactId: customer.contactId } });
  if (!minted) return;
  const tokens = await traffic.request('exchange', 'POST', '/v1/portal/sessions', 200, { body: { clientSecret: minted.clientSecret }, ip });
  if (!tokens) return;
  const token = String(tokens.accessToken);
  if (!(await traffic.request('profile', 'GET', '/v1/portal/me', 200, { token, ip }))) return;
  const page = await traffic.request('list proposals', 'GET', '/v1/portal/proposals?limit=20', 200, { token, ip });
  if (!page) return;
  if (typeof page.nextCursor === 'string') {
    const next = `/v1/portal/proposals?limit=20&cursor=${encodeURIComponent(page.nextCursor)}`;
    if (!(await traffic.request('list proposals, page 2', 'GET', next, 200, { token, ip }))) return;
  }
  const [first] = page.items as { id: string }[];
  if (first && !(await traffic.request('open proposal', 'GET', `/v1/portal/proposals/${first.id}`, 200, { token, ip }))) return;
  const fresh = await sendProposal(traffic, customer.customerId);
  if (!fresh) return;
  const decision =
    n % 3 === 0
      ? traffic.request('decline', 'POST', `/v1/portal/proposals/${fresh}/decline`, 200, { token, ip, body: { reason: 'Budget moved to next quarter.' } })
      : traffic.request('accept', 'POST', `/v1/portal/proposals/${fresh}/accept`, 200, { token, ip, body: {} });
  if (!(await decision)) return;
  const refreshed = await traffic.request('refresh', 'POST', '/v1/portal/sessions/refresh', 200, { body: { refreshToken: tokens.refreshToken }, ip });
  if (!refreshed) return;
  const renewed = String(refreshed.accessToken);
  if (!(await traffic.request('list proposals, refreshed', 'GET', '/v1/portal/proposals?limit=20', 200, { token: renewed, ip }))) return;
  await traffic.request('sign out', 'POST', '/v1/portal/sign-out', 204, { token: renewed, ip });
}

// ─── samples and budgets ─────────────────────────────────────────────────────────────────────

export interface SoakSample {
  /** End of the period, minutes since the measured run started. */
  minute: number;
  requests: number;
  /** Server CPU time per request in the period, µs: steadier than latency when other work shares the cores. */
  cpuUsPerRequest: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  rssKindsMb: Record<string, number>;
  heapSpacesMb: Record<string, number>;
  heapSnapshot?: string;
  /** p99 of each step of the visit, ms. */
  p99MsBySteps: Record<string, number>;
}

export interface SoakBudget {
  name: string;
  first: number;
  peak: number;
  /** Peak after the first sample ÷ the first sample − 1; null with fewer than two samples. */
  growth: number | null;
  verdict: 'PASS' | 'FAIL' | 'n/a';
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const ms = (value: number) => Math.round(value * 10) / 10;

function sample(minute: number, period: Period, memory: ServerSample, cpu: number): SoakSample {
  const sorted = period.latencies.sort((x, y) => x - y);
  return {
    minute,
    requests: sorted.length,
    cpuUsPerRequest: sorted.length ? Math.round(cpu / sorted.length) : 0,
    errors: period.errors,
    p50Ms: ms(percentile(sorted, 50)),
    p99Ms: ms(percentile(sorted, 99)),
    maxMs: ms(sorted.at(-1) ?? 0),
    rssMb: mb(memory.rss),
    heapUsedMb: mb(memory.heapUsed),
    heapTotalMb: mb(memory.heapTotal),
    externalMb: mb(memory.external),
    rssKindsMb: Object.fromEntries(Object.entries(memory.rssKinds).map(([kind, size]) => [kind, mb(size)])),
    heapSpacesMb: Object.fromEntries(Object.entries(memory.heapSpaces).map(([space, size]) => [space, mb(size)])),
    ...(memory.heapSnapshot && { heapSnapshot: memory.heapSnapshot }),
    p99MsBySteps: Object.fromEntries([...period.bySteps].map(([step, latencies]) => [step, ms(percentile(latencies.sort((x, y) => x - y), 99))])),
  };
}

/** Flat: no sample after the first is more than FLAT_BUDGET above the first. */
export function flatBudget(name: string, values: number[]): SoakBudget {
  const [first = 0, ...later] = values;
  if (!later.length) return { name, first, peak: first, growth: null, verdict: 'n/a' };
  const peak = Math.max(...later);
  const growth = peak / first - 1;
  return { name, first, peak, growth, verdict: growth < FLAT_BUDGET ? 'PASS' : 'FAIL' };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

const SAMPLE_HEADER = ['minute', 'requests', 'req/s', 'CPU µs/req', 'errors', 'p50 ms', 'p99 ms', 'max ms', 'RSS MB', 'heap MB'];

function sampleRow(s: SoakSample, seconds: number): string[] {
  const round = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));
  return [round(s.minute), String(s.requests), String(Math.round(s.requests / seconds)), String(s.cpuUsPerRequest), String(s.errors), s.p50Ms.toFixed(1), s.p99Ms.toFixed(1), s.maxMs.toFixed(0), s.rssMb.toFixed(1), s.heapUsedMb.toFixed(1)];
}

// ─── the run ─────────────────────────────────────────────────────────────────────────────────

export async function runSoak(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const settings = readSettings(env);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taba-soak-'));
  const server = await startServer(dataDir);
  const stopAll = async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    const runMs = settings.minutes * 60_000;
    const sampleMs = Math.min(settings.sampleSeconds * 1000, runMs);
    const periods = Math.max(1, Math.round(runMs / sampleMs));
    console.log(
      `taba-portal soak · ${os.cpus().length} CPUs · Node ${process.version} · ${server.dialect} · ${settings.minutes} min · ` +
        `${settings.rate} req/s offered by ${settings.visitors} visitors · server ${server.url}\n`,
    );
    const setupTraffic = new Traffic(server.url, server.apiKey, 0, Date.now() + 5 * 60_000, 10_000);
    const customers = await setUp(setupTraffic);
    console.log(`Set up ${customers.length} customers with a contact and ${PROPOSALS_AT_START} sent proposals each.\n`);

    let previous = await server.sample();
    const started = Date.now();
    const deadline = started + periods * sampleMs;
    // Bounded twice: by time, and by the count the offered rate allows with 10 % to spare.
    const traffic = new Traffic(server.url, server.apiKey, 1000 / settings.rate, deadline, Math.ceil(settings.rate * (deadline - started) / 1000 * 1.1));
    const visitors = Array.from({ length: settings.visitors }, async (_, index) => {
      for (let i = index; !traffic.done; i += settings.visitors) await visit(traffic, customers[i % customers.length]!);
    });

    const samples: SoakSample[] = [];
    console.log(table(SAMPLE_HEADER, []).split('\n').slice(0, 2).join('\n'));
    for (let k = 1; k <= periods; k++) {
      await sleep(Math.max(0, started + k * sampleMs - Date.now()));
      const period = traffic.current;
      traffic.current = new Period();
      const current = await server.sample();
      const taken = sample(Math.round(((k * sampleMs) / 60_000) * 100) / 100, period, current, current.cpu - previous.cpu);
      previous = current;
      samples.push(taken);
      console.log(table(SAMPLE_HEADER, [sampleRow(taken, sampleMs / 1000)]).split('\n')[2]);
    }
    await Promise.all(visitors);

    const errors = samples.reduce((sum, s) => sum + s.errors, 0) + traffic.current.errors;
    const budgets: SoakBudget[] = [
      flatBudget('RSS', samples.map((s) => s.rssMb)),
      flatBudget('heap used (after a full GC)', samples.map((s) => s.heapUsedMb)),
      flatBudget('p99 latency', samples.map((s) => s.p99Ms)),
      // Latency moves with whatever else runs on the machine; CPU time per request much less.
      flatBudget('server CPU per request', samples.map((s) => s.cpuUsPerRequest)),
    ];
    const errorBudget: SoakBudget = { name: 'errors', first: samples[0]?.errors ?? 0, peak: errors, growth: null, verdict: errors === 0 ? 'PASS' : 'FAIL' };
    const budgetRows = budgets.map((b) => [
      `${b.name}: peak after the first sample ÷ the first`,
      b.growth === null ? '—' : `${b.first} → ${b.peak} (${b.growth >= 0 ? '+' : ''}${(b.growth * 100).toFixed(1)} %)`,
      '< +10 %',
      b.verdict === 'n/a' ? 'n/a (needs two samples)' : b.verdict,
    ]);
    budgetRows.push(['errors (any answer not the expected one)', `${errors} of ${traffic.total}`, '0', errorBudget.verdict]);
    console.log('\n' + table(['budget (DESIGN.md)', 'measured', 'budget', ''], budgetRows));
    if (traffic.errorSamples.length) console.log('\nFirst errors:\n' + traffic.errorSamples.map((e) => `  ${e.at} ${e.step}: ${e.status} ${e.body}`).join('\n'));

    fs.mkdirSync(path.join(root, '.bench'), { recursive: true });
    const file = path.join(root, '.bench', 'soak.json');
    fs.writeFileSync(
      file,
      JSON.stringify(
        {
          at: new Date(started).toISOString(),
          dialect: server.dialect,
          node: process.version,
          cpus: os.cpus().length,
          minutes: settings.minutes,
          sampleSeconds: sampleMs / 1000,
          offeredRate: settings.rate,
          visitors: settings.visitors,
          visits: visitNumber,
          requests: traffic.total,
          errors,
          samples,
          budgets: [...budgets, errorBudget],
          errorSamples: traffic.errorSamples,
        },
        null,
        2,
      ) + '\n',
    );
    console.log(`\nWritten to ${path.relative(process.cwd(), file)}.`);
    if ([...budgets, errorBudget].some((b) => b.verdict === 'FAIL')) process.exitCode = 1;
  } finally {
    await stopAll();
  }
}

const entry = process.argv[1] ? pathToFileURL(path.resolve(process.argv[1])).href : '';
if (entry === import.meta.url) {
  if (process.argv[2] === 'serve') await serve(process.argv[3] ?? os.tmpdir());
  else await runSoak();
}

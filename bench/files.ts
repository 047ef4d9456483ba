/**
 * `npm run bench -- files`: uploads one large document through the real workspace API and
 * downloads it back through its signed link, against the built server (`dist/server/main.js`)
 * on SQLite with the local file store, and reports the server's RSS growth while each runs.
 * The budget (issue 10): growth < 64 MB for a 1 GiB file, because uploads and downloads are
 * streamed and never held in memory.
 *
 * Environment:
 *   BENCH_FILE_MB   size of the file in MiB (default 1024)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = path.join(root, 'dist', 'server', 'main.js');
const MiB = 1024 * 1024;
const BUDGET_MB = 64;

export interface FileBenchResult {
  bytes: number;
  upload: { seconds: number; mibPerSecond: number; rssGrowthMb: number };
  download: { seconds: number; mibPerSecond: number; rssGrowthMb: number };
  baselineRssMb: number;
  sha256Matches: boolean;
  budgetMb: number;
}

function fileBytes(): number {
  const raw = process.env.BENCH_FILE_MB;
  const mb = raw ? Number(raw) : 1024;
  if (!Number.isFinite(mb) || mb <= 0) throw new Error(`BENCH_FILE_MB=${raw} must be a positive number`);
  return Math.round(mb * MiB);
}

/** The server's resident set size, read from /proc (Linux), in bytes. */
function rss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!match) throw new Error('no VmRSS in /proc status');
  return Number(match[1]) * 1024;
}

/** Samples RSS every 25 ms until stopped; returns the peak. */
function watchPeak(pid: number): () => number {
  let peak = rss(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rss(pid));
    } catch {
      /* the process is gone; the caller sees the failure elsewhere */
    }
  }, 25);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rss(pid));
  };
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`taba-portal ${args[0]} exited ${code}: ${err}`))));
  });
}

async function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [MAIN, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  // What the server said, for the error when it does not come up.
  let said = '';
  child.stdout?.on('data', (chunk: Buffer) => (said += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (said += chunk.toString()));
  const url = `http://127.0.0.1:${env.PORT}`;
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${said.trim()}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return { child, url };
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not answer /health within 60 s');
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A streamed multipart body: one text file of `size` bytes, generated on the fly and hashed as it goes. */
function multipartBody(size: number, boundary: string, hash: ReturnType<typeof createHash>): ReadableStream<Uint8Array> {
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="shared"\r\n\r\ntrue\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="large.txt"\r\nContent-Type: text/plain\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const line = Buffer.from('taba-portal streams uploads to disk; this line repeats to fill one large file.\n');
  const chunk = Buffer.alloc(MiB);
  for (let offset = 0; offset < chunk.length; offset += line.length) line.copy(chunk, offset);
  let sent = 0;
  let stage: 'head' | 'body' | 'tail' | 'done' = 'head';
  return new ReadableStream({
    pull(controller) {
      if (stage === 'head') {
        controller.enqueue(head);
        stage = 'body';
      } else if (stage === 'body') {
        const piece = chunk.subarray(0, Math.min(chunk.length, size - sent));
        hash.update(piece);
        sent += piece.length;
        controller.enqueue(piece);
        if (sent >= size) stage = 'tail';
      } else if (stage === 'tail') {
        controller.enqueue(tail);
        stage = 'done';
      } else {
        controller.close();
      }
    },
  });
}

/** A port nothing listens on now, from the system (a random one may be another service's, e.g. 25672). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function runFileBench(): Promise<FileBenchResult> {
  const bytes = fileBytes();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'taba-bench-files-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `sqlite:${path.join(work, 'bench.sqlite')}`,
    TABA_DATA_DIR: work,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    MAX_UPLOAD_BYTES: String(bytes + MiB),
    TABA_START_WORKER: 'false',
    LOG_LEVEL: 'warn',
  };
  let server: ChildProcess | undefined;
  try {
    const created = await run(['create-api-key', '--new-workspace', 'File bench'], env);
    const key = /(sk_\S+)/.exec(created)?.[1];
    if (!key) throw new Error(`no API key in: ${created}`);
    const started = await startServer(env);
    server = started.child;
    const { url } = started;
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const customer = await json<{ id: string }>(await fetch(`${url}/v1/workspace/customers`, { method: 'POST', headers, body: JSON.stringify({ name: 'Bench customer' }) }));
    const project = await json<{ id: string }>(
      await fetch(`${url}/v1/workspace/projects`, { method: 'POST', headers, body: JSON.stringify({ customerId: customer.id, name: 'Large files' }) }),
    );
    // Let the process settle after start-up before the baseline is read.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const pid = server.pid!;
    const baseline = rss(pid);

    const sent = createHash('sha256');
    const boundary = `bench${Date.now()}`;
    const stopUpload = watchPeak(pid);
    const uploadStart = process.hrtime.bigint();
    const document = await json<{ id: string; size: number; sha256: string }>(
      await fetch(`${url}/v1/workspace/projects/${project.id}/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: multipartBody(bytes, boundary, sent),
        duplex: 'half',
      } as RequestInit),
    );
    const uploadSeconds = Number(process.hrtime.bigint() - uploadStart) / 1e9;
    const uploadPeak = stopUpload();
    const sentHash = sent.digest('hex');
    if (document.size !== bytes || document.sha256 !== sentHash) throw new Error(`stored ${document.size} bytes, sha256 ${document.sha256}; sent ${bytes}, ${sentHash}`);

    const link = await json<{ url: string }>(await fetch(`${url}/v1/workspace/documents/${document.id}/download-link`, { method: 'POST', headers: { authorization: `Bearer ${key}` } }));
    const downloadBaseline = rss(pid);
    const stopDownload = watchPeak(pid);
    const downloadStart = process.hrtime.bigint();
    const response = await fetch(link.url);
    if (!response.ok || !response.body) throw new Error(`download answered ${response.status}`);
    const received = createHash('sha256');
    let receivedBytes = 0;
    for await (const piece of response.body as unknown as AsyncIterable<Uint8Array>) {
      received.update(piece);
      receivedBytes += piece.length;
    }
    const downloadSeconds = Number(process.hrtime.bigint() - downloadStart) / 1e9;
    const downloadPeak = stopDownload();
    const receivedHash = received.digest('hex');

    return {
      bytes,
      baselineRssMb: baseline / MiB,
      upload: { seconds: uploadSeconds, mibPerSecond: bytes / MiB / uploadSeconds, rssGrowthMb: (uploadPeak - baseline) / MiB },
      download: {
        seconds: downloadSeconds,
        mibPerSecond: receivedBytes / MiB / downloadSeconds,
        rssGrowthMb: (downloadPeak - Math.min(baseline, downloadBaseline)) / MiB,
      },
      sha256Matches: receivedBytes === bytes && receivedHash === sentHash,
      budgetMb: BUDGET_MB,
    };
  } finally {
    server?.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (server && server.exitCode === null) server.kill('SIGKILL');
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The table the bench prints and writes to docs/benchmarks.md. */
export function formatFileBench(result: FileBenchResult): string {
  const row = (name: string, part: FileBenchResult['upload']) =>
    `${name.padEnd(10)} ${part.seconds.toFixed(1).padStart(8)} ${part.mibPerSecond.toFixed(0).padStart(8)} ${part.rssGrowthMb.toFixed(1).padStart(12)}   ${part.rssGrowthMb < result.budgetMb ? 'within' : 'OVER'} < ${result.budgetMb} MB`;
  return [
    `${(result.bytes / MiB).toFixed(0)} MiB file, local store, SQLite; server RSS at rest ${result.baselineRssMb.toFixed(1)} MB; sha256 of the download ${result.sha256Matches ? 'matches' : 'DOES NOT MATCH'} the upload`,
    '',
    `${'transfer'.padEnd(10)} ${'seconds'.padStart(8)} ${'MiB/s'.padStart(8)} ${'RSS growth MB'.padStart(12)}   budget`,
    row('upload', result.upload),
    row('download', result.download),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const result = await runFileBench();
  console.log(formatFileBench(result));
}

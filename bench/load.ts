/**
 * The load generator, run by bench/run.ts in its own process so that it never shares an event
 * loop with a server: `load.ts <json options>` runs autocannon and prints its result as JSON.
 *
 * A run either repeats one request for `duration` seconds, or walks a list of paths once (`pathsFile`,
 * one request each: e.g. a fresh pending proposal for every accept).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

export interface LoadOptions {
  url: string;
  connections: number;
  method: 'GET' | 'POST';
  token?: string;
  /** Seconds of a repeated request. */
  duration?: number;
  /** A file of paths, one a line, to request once each; the run ends when they are used up. */
  pathsFile?: string;
}

/** The part of autocannon's result bench/run.ts reads. */
export interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}

interface RawRequest {
  method: string;
  path: string;
}

type Autocannon = (
  options: {
    url: string;
    connections: number;
    duration?: number;
    amount?: number;
    headers: Record<string, string>;
    requests: { method: string; setupRequest?: (request: RawRequest) => RawRequest }[];
  },
  done: (error: Error | null, result: AutocannonResult) => void,
) => unknown;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

function run(options: LoadOptions): Promise<AutocannonResult> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const paths = options.pathsFile ? fs.readFileSync(options.pathsFile, 'utf8').split('\n').filter(Boolean) : undefined;
  let next = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: options.url,
        connections: options.connections,
        headers,
        ...(paths ? { amount: paths.length } : { duration: options.duration ?? 1 }),
        requests: [
          {
            method: options.method,
            ...(paths ? { setupRequest: (request: RawRequest) => ({ ...request, path: paths[next++ % paths.length]! }) } : {}),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
process.stdout.write(JSON.stringify(await run(options)));

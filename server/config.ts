import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** Where the SQLite file and stored files live. */
  dataDir: string;
  /** PostgreSQL waits at most connectTimeoutMs for a connection, so an unreachable server fails instead of hanging (default 10 s). */
  database: { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string; connectTimeoutMs?: number; poolMax?: number };
  /** The URL customers reach this server at; used in printed and emailed links. */
  publicUrl: string;
  /** HS256 key for portal access tokens; when unset one is generated and kept in the database. */
  jwtSecret: string | undefined;
  /** Largest JSON body accepted, in bytes. */
  bodyLimit: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Trust X-Forwarded-* from a reverse proxy in front of the server. */
  trustProxy: boolean;
  /** Google sign-in for workspace members; issuer and key set are configurable so tests use a local key set. */
  google: { clientId: string | undefined; issuer: string; jwksUrl: string };
  /** Outgoing mail (sign-in links and codes); with none, messages are written to the server log. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Where rate-limit counters live: `database` (default, shared by every node on the same database), `redis`, or `memory` (one process). */
  rateLimit: {
    store: 'database' | 'redis' | 'memory';
    redisUrl: string | undefined;
    /** Requests a minute one API caller (contact, API key, member; the IP for public routes) may make on `/v1/*`. */
    apiPerMinute: number;
  };
  /** The outbox worker: email and webhook deliveries, retries and dead letters (server/worker/). */
  outbox: OutboxConfig;
  /** Uploaded files: where they are kept, how large they may be, how download links are signed (docs/files.md). */
  files: FilesConfig;
}

export interface FilesConfig {
  /** Largest accepted upload in bytes; one byte more answers 413 `file_too_large`. */
  maxUploadBytes: number;
  /** Local disk under `<dataDir>/files` (the default), or an S3-compatible bucket when `TABA_S3_BUCKET` is set. */
  store:
    | { kind: 'local'; root: string }
    | { kind: 's3'; bucket: string; endpoint: string | undefined; region: string | undefined; forcePathStyle: boolean; prefix: string };
  /** Uploads are spooled here until complete (`<dataDir>/tmp`); stale files are swept at start. */
  tempDir: string;
  /** Id of the key that signs download links now; its secret is kept in the database. */
  linkKeyId: string;
  /** Ids of older keys whose links are still accepted while they expire (key rotation). */
  previousLinkKeyIds: string[];
  /** How long a download link (signed or presigned) stays valid by default. */
  linkTtlSeconds: number;
}

export interface OutboxConfig {
  /** `taba-portal start` also runs a worker; false when separate `taba-portal worker` processes do the work. */
  runInStart: boolean;
  /** How long an idle worker waits before looking for due deliveries again. */
  pollMs: number;
  /** How long a claimed delivery stays with its worker; after that another worker may take it over. */
  leaseMs: number;
  /** Attempts before a delivery becomes a dead letter. */
  maxAttempts: number;
  /** The first retry waits about this long; each further one twice as long (with jitter), at most `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long a webhook endpoint has to answer. */
  webhookTimeoutMs: number;
  /** Allows webhook endpoints on private, loopback and link-local addresses (tests, trusted networks). */
  webhookAllowPrivate: boolean;
  /** How often a worker looks for pending proposals that expire within 48 hours. */
  reminderScanMs: number;
}

/** A bad environment variable; the message names it and says what is expected. */
export class ConfigError extends Error {
  constructor(readonly variable: string, expected: string, value: string) {
    super(`${variable}=${JSON.stringify(value)} is invalid: expected ${expected}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = integer(env, 'PORT', 8080, 0, 65_535);
  const host = env.HOST?.trim() || '127.0.0.1';
  const dataDir = path.resolve(env.TABA_DATA_DIR?.trim() || './data');
  const publicUrl = url(env, 'PUBLIC_URL', `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`);
  const jwtSecret = env.TABA_JWT_SECRET || undefined;
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('TABA_JWT_SECRET', 'at least 32 characters', '<redacted>');
  }
  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', LOG_LEVELS.join(' | '), logLevel);
  }
  return {
    port,
    host,
    dataDir,
    database: database(env, dataDir),
    publicUrl,
    jwtSecret,
    bodyLimit: integer(env, 'BODY_LIMIT', 64 * 1024, 1024, 10 * 1024 * 1024),
    logLevel,
    trustProxy: boolean(env, 'TRUST_PROXY', false),
    google: {
      clientId: env.GOOGLE_CLIENT_ID?.trim() || undefined,
      issuer: env.GOOGLE_ISSUER?.trim() || 'https://accounts.google.com',
      jwksUrl: url(env, 'GOOGLE_JWKS_URL', 'https://www.googleapis.com/oauth2/v3/certs'),
    },
    smtpUrl: smtp(env),
    mailFrom: env.MAIL_FROM?.trim() || 'Customer portal <portal@localhost>',
    rateLimit: rateLimit(env),
    outbox: outbox(env),
    files: files(env, dataDir),
  };
}

function files(env: NodeJS.ProcessEnv, dataDir: string): FilesConfig {
  const keyId = (name: string, raw: string) => {
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(raw)) throw new ConfigError(name, 'key ids of 1 to 32 letters, digits, _ or -', raw);
    return raw;
  };
  const linkKeyId = keyId('TABA_FILE_LINK_KEY_ID', env.TABA_FILE_LINK_KEY_ID?.trim() || 'k1');
  const previousLinkKeyIds = (env.TABA_FILE_LINK_PREVIOUS_KEY_IDS ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
    .map((id) => keyId('TABA_FILE_LINK_PREVIOUS_KEY_IDS', id));
  const bucket = env.TABA_S3_BUCKET?.trim();
  let store: FilesConfig['store'] = { kind: 'local', root: path.join(dataDir, 'files') };
  if (bucket) {
    const endpoint = env.TABA_S3_ENDPOINT?.trim() ? url(env, 'TABA_S3_ENDPOINT', '') : undefined;
    const prefix = env.TABA_S3_PREFIX?.trim().replace(/^\/+|\/+$/g, '') ?? '';
    if (prefix && !/^[A-Za-z0-9_./-]{1,200}$/.test(prefix)) throw new ConfigError('TABA_S3_PREFIX', 'letters, digits, _ . - and /', prefix);
    store = {
      kind: 's3',
      bucket,
      endpoint,
      region: env.TABA_S3_REGION?.trim() || undefined,
      // S3-compatible servers (MinIO, a local test server) usually need bucket-in-path addressing.
      forcePathStyle: boolean(env, 'TABA_S3_FORCE_PATH_STYLE', endpoint !== undefined),
      prefix,
    };
  }
  return {
    maxUploadBytes: integer(env, 'MAX_UPLOAD_BYTES', 100 * 1024 * 1024, 1, 5 * 1024 * 1024 * 1024),
    store,
    tempDir: path.join(dataDir, 'tmp'),
    linkKeyId,
    previousLinkKeyIds: previousLinkKeyIds.filter((id) => id !== linkKeyId),
    linkTtlSeconds: integer(env, 'TABA_FILE_LINK_TTL_SECONDS', 300, 1, 3600),
  };
}

function smtp(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.SMTP_URL?.trim();
  if (!raw) return undefined;
  if (!/^smtps?:\/\/[^\s]+$/.test(raw)) throw new ConfigError('SMTP_URL', 'an smtp:// or smtps:// URL', raw.replace(/\/\/[^@/]*@/, '//<credentials>@'));
  return raw;
}

function outbox(env: NodeJS.ProcessEnv): OutboxConfig {
  const retryBaseMs = integer(env, 'TABA_OUTBOX_RETRY_BASE_MS', 30_000, 1, 86_400_000);
  return {
    runInStart: boolean(env, 'TABA_START_WORKER', true),
    pollMs: integer(env, 'TABA_OUTBOX_POLL_MS', 1_000, 10, 3_600_000),
    leaseMs: integer(env, 'TABA_OUTBOX_LEASE_MS', 60_000, 100, 86_400_000),
    maxAttempts: integer(env, 'TABA_OUTBOX_MAX_ATTEMPTS', 8, 1, 100),
    retryBaseMs,
    retryMaxMs: Math.max(retryBaseMs, integer(env, 'TABA_OUTBOX_RETRY_MAX_MS', 6 * 3_600_000, 1, 7 * 86_400_000)),
    webhookTimeoutMs: integer(env, 'TABA_WEBHOOK_TIMEOUT_MS', 10_000, 10, 60_000),
    webhookAllowPrivate: boolean(env, 'TABA_WEBHOOK_ALLOW_PRIVATE', false),
    reminderScanMs: integer(env, 'TABA_REMINDER_SCAN_MS', 60_000, 10, 86_400_000),
  };
}

function rateLimit(env: NodeJS.ProcessEnv): Config['rateLimit'] {
  const store = env.RATE_LIMIT_STORE?.trim() || 'database';
  if (store !== 'database' && store !== 'redis' && store !== 'memory') {
    throw new ConfigError('RATE_LIMIT_STORE', 'database | redis | memory', store);
  }
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (store === 'redis' && !redisUrl) throw new ConfigError('REDIS_URL', 'a redis:// URL when RATE_LIMIT_STORE=redis', '');
  return { store, redisUrl, apiPerMinute: integer(env, 'RATE_LIMIT_API_PER_MINUTE', 600, 1, 1_000_000_000) };
}

function database(env: NodeJS.ProcessEnv, dataDir: string): Config['database'] {
  const value = env.DATABASE_URL?.trim();
  if (!value) return { dialect: 'sqlite', file: path.join(dataDir, 'taba-portal.sqlite') };
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new ConfigError('DATABASE_URL', 'a postgres:// URL or sqlite:<file>', value);
    }
    return {
      dialect: 'postgres',
      url: value,
      connectTimeoutMs: integer(env, 'DATABASE_CONNECT_TIMEOUT_MS', 10_000, 100, 600_000),
      poolMax: integer(env, 'DATABASE_POOL_MAX', 10, 1, 1_000),
    };
  }
  if (value.startsWith('sqlite:') && value.length > 'sqlite:'.length) {
    return { dialect: 'sqlite', file: path.resolve(value.slice('sqlite:'.length)) };
  }
  throw new ConfigError('DATABASE_URL', 'a postgres:// URL or sqlite:<file>', value);
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(name, `an integer from ${min} to ${max}`, raw);
  }
  return value;
}

function url(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  try {
    const parsed = new URL(raw);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
    return parsed.origin + parsed.pathname.replace(/\/+$/, '') + parsed.search;
  } catch {
    throw new ConfigError(name, 'an http(s) URL', raw);
  }
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, 'true or false', raw);
}

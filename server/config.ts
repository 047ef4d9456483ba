import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** Where the SQLite file and stored files live. */
  dataDir: string;
  database: { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };
  /** The URL customers reach this server at; used in printed and emailed links. */
  publicUrl: string;
  /** HS256 key for portal access tokens; when unset one is generated and kept in the database. */
  jwtSecret: string | undefined;
  /** Largest JSON body accepted, in bytes. */
  bodyLimit: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Trust X-Forwarded-* from a reverse proxy in front of the server. */
  trustProxy: boolean;
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
  };
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
    return { dialect: 'postgres', url: value };
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
    return parsed.origin + parsed.pathname.replace(/\/+$/, '');
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

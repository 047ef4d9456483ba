import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type DialectAdapter, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { migrations } from './migrations/index.js';
import { namedStatementPool } from './named-statements.js';
import type { DB } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
}

const PG_INT8 = 20;
const STATEMENT_CACHE_SIZE = 500;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_POOL_MAX = 10;

/**
 * The driver under a Kysely instance that openDatabase made (not under a transaction), for
 * server/lib/compiled-query.ts: SQLite statements from the same statement cache, and the pg pool,
 * which runs named prepared statements that Kysely's driver cannot ask for.
 */
export type DriverAccess =
  | { dialect: 'sqlite'; sqlite: SQLite.Database; prepare(sql: string): SQLite.Statement }
  | { dialect: 'postgres'; pool: pg.Pool };

const driverAccess = new WeakMap<Kysely<DB>, DriverAccess>();
/** The same, by the database's dialect adapter, which its transactions share. */
const driverAccessByAdapter = new WeakMap<DialectAdapter, DriverAccess>();

export function driverAccessOf(db: Kysely<DB>): DriverAccess | undefined {
  return driverAccess.get(db);
}

/**
 * The driver under a transaction of a database that openDatabase made. Only for statements of
 * that transaction while it is open: on SQLite the one connection is then the transaction's.
 */
export function transactionDriverAccessOf(trx: Kysely<DB>): DriverAccess | undefined {
  return trx.isTransaction ? driverAccessByAdapter.get(trx.getExecutor().adapter) : undefined;
}

function registerDriverAccess(db: Kysely<DB>, access: DriverAccess): void {
  driverAccess.set(db, access);
  driverAccessByAdapter.set(db.getExecutor().adapter, access);
}

export function openDatabase(database: Config['database']): Database {
  if (database.dialect === 'postgres') {
    const pool = new pg.Pool({
      connectionString: database.url,
      // DATABASE_POOL_MAX: each node's share of the server's max_connections.
      max: database.poolMax ?? DEFAULT_POOL_MAX,
      // Without it a host that never answers leaves the first query waiting forever.
      connectionTimeoutMillis: database.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      // Money and counters are bigint columns; their values stay well inside Number's exact range.
      types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === PG_INT8 ? Number : pg.types.getTypeParser(oid, format)) } as pg.CustomTypesConfig,
    });
    // Compiled queries run as named prepared statements, in transactions too (named-statements.ts).
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: namedStatementPool(pool) }) });
    registerDriverAccess(db, { dialect: 'postgres', pool });
    return { db, dialect: 'postgres' };
  }
  createDirectory(path.dirname(database.file));
  const sqlite = new SQLite(database.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const statements = withStatementCache(sqlite);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: statements }) });
  registerDriverAccess(db, { dialect: 'sqlite', sqlite, prepare: statements.prepare });
  return { db, dialect: 'sqlite' };
}

/**
 * Opens the database and checks that it answers, so that a bad DATABASE_URL or data directory
 * fails here with a DatabaseUnavailable that says why, rather than at the first request.
 */
export async function connectDatabase(database: Config['database']): Promise<Database> {
  let opened: Database | undefined;
  try {
    opened = openDatabase(database);
    // sqlite_master is read from the file itself, so a file that is not a database fails here too.
    await (opened.dialect === 'sqlite' ? sql`select count(*) as n from sqlite_master` : sql`select 1`).execute(opened.db);
    return opened;
  } catch (error) {
    await opened?.db.destroy().catch(() => undefined);
    const cause = whyUnavailable(error, database);
    if (cause === undefined) throw error;
    throw new DatabaseUnavailable(cause, { cause: error });
  }
}

/** The database cannot be opened or reached; the message is one line a person can act on. */
export class DatabaseUnavailable extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DatabaseUnavailable';
  }
}

/** One line saying why the database is unavailable, or undefined for an error that is not about reaching it. */
function whyUnavailable(error: unknown, database: Config['database']): string | undefined {
  const { code, message } = errorParts(error);
  // Opening and probing a SQLite file does nothing else, so whatever failed was opening it.
  if (database.dialect === 'sqlite') return `cannot open the SQLite database ${database.file}: ${message}`;
  const url = new URL(database.url);
  const where = `PostgreSQL at ${url.hostname}:${url.port || 5432}`;
  const timeout = database.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const network: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host name could not be resolved',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ETIMEDOUT: 'connection timed out',
  };
  if (code !== undefined && network[code]) return `cannot connect to ${where}: ${network[code]}`;
  if (/timeout/i.test(message)) return `cannot connect to ${where}: no answer within ${timeout} ms (DATABASE_CONNECT_TIMEOUT_MS)`;
  if (/terminated unexpectedly/i.test(message)) return `cannot connect to ${where}: the server closed the connection`;
  if (code === '3D000') return `${where} has no database ${JSON.stringify(decodeURIComponent(url.pathname.slice(1)))}: create it (createdb) or fix the URL`;
  if (code === '28P01' || code === '28000') return `${where} refused the login: ${message}`;
  // Class 08 is "connection exception"; 57P03 is a server still starting up.
  if (code !== undefined && (code.startsWith('08') || code === '57P03')) return `cannot connect to ${where}: ${message}`;
  return undefined;
}

/** Node reports a refused connection to a name with several addresses as an AggregateError. */
function errorParts(error: unknown): { code: string | undefined; message: string } {
  const first = error instanceof AggregateError && error.errors.length ? error.errors[0] : error;
  const code = typeof first === 'object' && first !== null && 'code' in first && typeof first.code === 'string' ? first.code : undefined;
  const message = first instanceof Error ? first.message : String(first);
  return { code, message };
}

/**
 * mkdir -p that fails instead of hanging: Node's recursive mkdir loops forever on paths such as
 * /proc/x, where the parent exists but refuses new entries with ENOENT.
 */
function createDirectory(directory: string): void {
  const missing: string[] = [];
  for (let dir = path.resolve(directory); !fs.existsSync(dir); dir = path.dirname(dir)) {
    missing.unshift(dir);
    if (path.dirname(dir) === dir) break;
  }
  for (const dir of missing) {
    try {
      fs.mkdirSync(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw Object.assign(new Error(`cannot create the directory ${dir} (${code ?? 'error'})`), { code });
    }
  }
}

/**
 * Kysely prepares every query anew; preparing is most of a small query's cost in better-sqlite3,
 * so statements are kept per SQL text (Kysely's SQL text is stable for a given query shape).
 *
 * Transactions begin IMMEDIATE: a deferred one that reads and then writes fails at once with
 * SQLITE_BUSY(_SNAPSHOT) when another connection (a second process on the file) wrote in
 * between, whatever busy_timeout says; taking the write lock at `begin` waits for it instead.
 */
function withStatementCache(sqlite: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (sql: string) => {
      const text = sql === 'begin' ? 'begin immediate' : sql;
      let statement = statements.get(text);
      if (!statement) {
        statement = sqlite.prepare(text);
        if (statements.size >= STATEMENT_CACHE_SIZE) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationResultSet> {
  // Kysely looks for its migration tables in every schema it can see unless told which one: on a
  // PostgreSQL server shared by several schemas (one per test run) it would find another's.
  const migrationTableSchema =
    db.getExecutor().adapter instanceof PostgresAdapter ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}

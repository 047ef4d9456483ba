import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { migrations } from './migrations/index.js';
import type { DB } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
}

const PG_INT8 = 20;
const STATEMENT_CACHE_SIZE = 500;

export function openDatabase(database: Config['database']): Database {
  if (database.dialect === 'postgres') {
    const pool = new pg.Pool({
      connectionString: database.url,
      max: 10,
      // Money and counters are bigint columns; their values stay well inside Number's exact range.
      types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === PG_INT8 ? Number : pg.types.getTypeParser(oid, format)) } as pg.CustomTypesConfig,
    });
    return { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' };
  }
  fs.mkdirSync(path.dirname(database.file), { recursive: true });
  const sqlite = new SQLite(database.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return { db: new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }), dialect: 'sqlite' };
}

/**
 * Kysely prepares every query anew; preparing is most of a small query's cost in better-sqlite3,
 * so statements are kept per SQL text (Kysely's SQL text is stable for a given query shape).
 */
function withStatementCache(sqlite: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
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

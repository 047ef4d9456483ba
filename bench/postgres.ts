/**
 * The PostgreSQL side of the benchmark: a schema of its own on the server named by BENCH_PG or
 * TABA_TEST_PG (default: a local server), made by the app's own migrations and filled with a copy
 * of a SQLite benchmark database, so both dialects serve exactly the same rows.
 */
import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest, openDatabase } from '../server/db/database.js';

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface PostgresCopy {
  /** A connection URL whose search_path is the copy's schema. */
  url: string;
  drop(): Promise<void>;
}

/** PostgreSQL allows 65,535 parameters per statement. */
const MAX_PARAMETERS = 60_000;

export async function copyToPostgres(sqliteFile: string, serverUrl: string): Promise<PostgresCopy> {
  const schema = `taba_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const drop = async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  };

  const { db } = openDatabase({ dialect: 'postgres', url: url.toString() });
  const source = new SQLite(sqliteFile, { readonly: true });
  try {
    await migrateToLatest(db);
    // Tables in the order the migrations created them, so every foreign key finds its row.
    const tables = source
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by rowid")
      .all() as { name: string }[];
    for (const { name } of tables) {
      const rows = source.prepare(`select * from "${name}"`).all() as Record<string, unknown>[];
      if (rows.length === 0) continue;
      await sql`delete from ${sql.table(name)}`.execute(db);
      const batch = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(rows[0]!).length));
      for (let i = 0; i < rows.length; i += batch) {
        // The table name comes from the schema itself; the rows are the SQLite file's own.
        await db
          .insertInto(name as 'proposals')
          .values(rows.slice(i, i + batch) as never)
          .execute();
      }
    }
    await sql`analyze`.execute(db);
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  } finally {
    source.close();
    await db.destroy();
  }
  return { url: url.toString(), drop };
}

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.js';
import type { Dialect } from '../db/database.js';

/** SQLite always; PostgreSQL too when TABA_TEST_PG names a server (CI sets it). */
export const testDialects: Dialect[] = process.env.TABA_TEST_PG ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase {
  config: Config['database'];
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh, empty database: a new SQLite file, or a new schema on the test PostgreSQL server. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taba-test-'));
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (dialect === 'sqlite') {
    return { config: { dialect: 'sqlite', file: path.join(dataDir, 'test.sqlite') }, dataDir, drop: async () => removeDir() };
  }
  const base = process.env.TABA_TEST_PG;
  if (!base) throw new Error('TABA_TEST_PG is not set');
  const schema = `taba_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    config: { dialect: 'postgres', url: url.toString() },
    dataDir,
    drop: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
      removeDir();
    },
  };
}

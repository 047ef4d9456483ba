import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.js';
import { driverAccessOf, openDatabase } from './db/database.js';

test('defaults: SQLite under ./data, port 8080, loopback', () => {
  const config = loadConfig({});
  assert.equal(config.port, 8080);
  assert.equal(config.host, '127.0.0.1');
  assert.deepEqual(config.database, { dialect: 'sqlite', file: path.resolve('data/taba-portal.sqlite') });
  assert.equal(config.publicUrl, 'http://127.0.0.1:8080');
});

test('DATABASE_URL picks PostgreSQL; TABA_DATA_DIR moves the SQLite file', () => {
  assert.deepEqual(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/portal' }).database, {
    dialect: 'postgres',
    url: 'postgres://u@db:5432/portal',
    connectTimeoutMs: 10_000,
    poolMax: 10,
  });
  assert.deepEqual(loadConfig({ TABA_DATA_DIR: '/tmp/x' }).database, { dialect: 'sqlite', file: '/tmp/x/taba-portal.sqlite' });
});

test('DATABASE_CONNECT_TIMEOUT_MS bounds the wait for PostgreSQL', () => {
  const database = loadConfig({ DATABASE_URL: 'postgres://u@db/portal', DATABASE_CONNECT_TIMEOUT_MS: '2500' }).database;
  assert.equal(database.dialect === 'postgres' && database.connectTimeoutMs, 2500);
});

test('DATABASE_POOL_MAX sizes the PostgreSQL pool (10 by default)', async () => {
  for (const [env, expected] of [[{}, 10], [{ DATABASE_POOL_MAX: '25' }, 25]] as const) {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db/portal', ...env }).database;
    assert.equal(config.dialect === 'postgres' && config.poolMax, expected);
    // The pool connects lazily, so this opens nothing.
    const { db } = openDatabase(config);
    const driver = driverAccessOf(db);
    assert.equal(driver?.dialect === 'postgres' && driver.pool.options.max, expected);
    await db.destroy();
  }
});

test('a bad value is named in the error', () => {
  const cases: [Record<string, string>, string][] = [
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ TABA_JWT_SECRET: 'short' }, 'TABA_JWT_SECRET'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
    [{ BODY_LIMIT: '-5' }, 'BODY_LIMIT'],
    [{ RATE_LIMIT_STORE: 'disk' }, 'RATE_LIMIT_STORE'],
    [{ RATE_LIMIT_STORE: 'redis' }, 'REDIS_URL'],
    [{ RATE_LIMIT_API_PER_MINUTE: '0' }, 'RATE_LIMIT_API_PER_MINUTE'],
    [{ SMTP_URL: 'mailto:x' }, 'SMTP_URL'],
    [{ GOOGLE_JWKS_URL: 'not a url' }, 'GOOGLE_JWKS_URL'],
    [{ DATABASE_URL: 'postgres://db/x', DATABASE_CONNECT_TIMEOUT_MS: 'soon' }, 'DATABASE_CONNECT_TIMEOUT_MS'],
    [{ DATABASE_URL: 'postgres://db/x', DATABASE_POOL_MAX: '0' }, 'DATABASE_POOL_MAX'],
  ];
  for (const [env, variable] of cases) {
    assert.throws(
      () => loadConfig(env),
      (error: unknown) => error instanceof ConfigError && error.variable === variable && error.message.startsWith(`${variable}=`),
      variable,
    );
  }
});

test('the JWT secret is never echoed in the error', () => {
  assert.throws(() => loadConfig({ TABA_JWT_SECRET: 'hunter2' }), (error: Error) => !error.message.includes('hunter2'));
});

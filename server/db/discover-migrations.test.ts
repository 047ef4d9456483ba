import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { createTestDatabase, testDialects } from '../test-support/databases.js';
import { connectDatabase, migrateToLatest } from './database.js';
import { migrations } from './migrations/index.js';

const folder = new URL('./migrations/', import.meta.url);

test('the migrations are every timestamped file in the folder, in file-name order', () => {
  const files = fs
    .readdirSync(folder)
    .filter((file) => file !== 'index.ts' && file.endsWith('.ts'))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();
  assert.ok(files.length >= 7, 'the folder holds the migrations');
  assert.deepEqual(Object.keys(migrations), files);
  for (const [name, migration] of Object.entries(migrations)) assert.equal(typeof migration.up, 'function', `${name} has up()`);
});

for (const dialect of testDialects) {
  test(`${dialect}: migrating a fresh database applies every discovered migration, in order, once`, async (t) => {
    const database = await createTestDatabase(dialect);
    t.after(() => database.drop());
    const { db } = await connectDatabase(database.config);
    t.after(() => db.destroy());
    const first = await migrateToLatest(db);
    assert.deepEqual(
      first.results?.map((result) => [result.migrationName, result.status]),
      Object.keys(migrations).map((name) => [name, 'Success']),
    );
    const again = await migrateToLatest(db);
    assert.deepEqual(again.results, [], 'a migrated database has nothing left to apply');
  });
}

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createTestDatabase, testDialects } from '../test-support/databases.js';
import { connectDatabase, migrateToLatest } from './database.js';
import { discoverMigrations, migrationFolders, migrationLocations } from './discover-migrations.js';
import { migrations } from './migrations/index.js';

const folder = new URL('./migrations/', import.meta.url);

/** The timestamped `.ts` files of a folder, without the extension. */
const migrationFilesIn = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((file) => file !== 'index.ts' && file.endsWith('.ts'))
    .map((file) => file.replace(/\.ts$/, ''));

test('the migrations are every timestamped file in server/db/migrations and in each feature\'s migrations folder, in file-name order', () => {
  const featuresRoot = new URL('../features/', import.meta.url);
  const featureFolders = fs
    .readdirSync(featuresRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(fileURLToPath(featuresRoot), entry.name, 'migrations')))
    .map((entry) => path.join(fileURLToPath(featuresRoot), entry.name, 'migrations'));
  const files = [...migrationFilesIn(fileURLToPath(folder)), ...featureFolders.flatMap(migrationFilesIn)].sort();
  assert.ok(files.length >= 7, 'the folder holds the migrations');
  assert.deepEqual(Object.keys(migrations), files);
  for (const [name, migration] of Object.entries(migrations)) assert.equal(typeof migration.up, 'function', `${name} has up()`);
});

test("a feature's migrations run in file-name order together with the shared ones; a name in two folders is refused", async (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'taba-migrations-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const write = (dir: string, name: string, marker: string) => {
    fs.mkdirSync(path.join(root, dir), { recursive: true });
    fs.writeFileSync(path.join(root, dir, name), `export async function up() { return ${JSON.stringify(marker)}; }\n`);
  };
  write('db/migrations', '2026_01_01_0001_first.js', 'shared 1');
  write('db/migrations', '2026_03_01_0001_third.js', 'shared 3');
  write('db/migrations', 'index.js', 'not a migration');
  write('features/announcements/migrations', '2026_02_01_0001_announcements.js', 'feature');
  write('features/announcements/migrations', '2026_02_01_0001_announcements.d.ts', 'a declaration');
  write('features/announcements', '2026_02_01_0002_not_in_migrations.js', 'beside, not in, the folder');
  fs.mkdirSync(path.join(root, 'features/no-migrations'), { recursive: true });

  const dbMigrations = pathToFileURL(path.join(root, 'db/migrations/'));
  const folders = migrationFolders(dbMigrations);
  assert.deepEqual(
    folders.map((url) => path.relative(root, fileURLToPath(url))),
    ['db/migrations', 'features/announcements/migrations'],
  );
  const found = await discoverMigrations(folders);
  assert.deepEqual(Object.keys(found), ['2026_01_01_0001_first', '2026_02_01_0001_announcements', '2026_03_01_0001_third']);
  assert.equal(await found['2026_02_01_0001_announcements']?.up({} as never), 'feature');

  write('features/announcements/migrations', '2026_03_01_0001_third.js', 'the same name again');
  assert.throws(() => migrationLocations(migrationFolders(dbMigrations)), /2026_03_01_0001_third is in both/);
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

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Migration } from 'kysely';

/** A migration file: a timestamp and a name, `.ts` under tsx, `.js` once built (never `.d.ts` or `.map`). */
const MIGRATION_FILE = /^(\d{4}_\d{2}_\d{2}_\d{4}_[a-z0-9_]+)\.(?:ts|js)$/;

/** The migration names in a folder, sorted by file name, which is the order Kysely runs them in. */
export function migrationNames(folder: URL): string[] {
  const names = new Set<string>();
  for (const file of fs.readdirSync(fileURLToPath(folder))) {
    const name = MIGRATION_FILE.exec(file)?.[1];
    if (name) names.add(name);
  }
  return [...names].sort();
}

/**
 * Where the app's migrations are: `server/db/migrations/` and every feature's own
 * `server/features/<x>/migrations/`. Given the first, the others are found beside it, so the same
 * layout works from the sources (tsx) and from dist/.
 */
export function migrationFolders(dbMigrations: URL): URL[] {
  const featuresRoot = new URL('../../features/', dbMigrations);
  const folders = [dbMigrations];
  if (!fs.existsSync(fileURLToPath(featuresRoot))) return folders;
  const features = fs
    .readdirSync(fileURLToPath(featuresRoot), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const feature of features) {
    const folder = new URL(`${feature}/migrations/`, featuresRoot);
    if (fs.existsSync(fileURLToPath(folder))) folders.push(folder);
  }
  return folders;
}

/** Every migration in the folders by name, in name order across all of them; a name in two folders is an error. */
export function migrationLocations(folders: readonly URL[]): [name: string, folder: URL][] {
  const found = new Map<string, URL>();
  for (const folder of folders) {
    for (const name of migrationNames(folder)) {
      const other = found.get(name);
      if (other) throw new Error(`migration ${name} is in both ${fileURLToPath(other)} and ${fileURLToPath(folder)}`);
      found.set(name, folder);
    }
  }
  return [...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Every migration in the folders by name, so a new migration file needs no list kept by hand. */
export async function discoverMigrations(folders: URL | readonly URL[]): Promise<Record<string, Migration>> {
  const migrations: Record<string, Migration> = {};
  for (const [name, folder] of migrationLocations(folders instanceof URL ? [folders] : folders)) {
    // `.js` like a static import: tsx maps it to the `.ts` source, dist/ holds the `.js` itself.
    const module = (await import(new URL(`${name}.js`, folder).href)) as Partial<Migration>;
    if (typeof module.up !== 'function') throw new Error(`migration ${name} exports no up()`);
    migrations[name] = { up: module.up, ...(module.down ? { down: module.down } : {}) };
  }
  return migrations;
}

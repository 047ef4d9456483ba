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

/** Every migration in a folder by name, so a new migration file needs no list kept by hand. */
export async function discoverMigrations(folder: URL): Promise<Record<string, Migration>> {
  const migrations: Record<string, Migration> = {};
  for (const name of migrationNames(folder)) {
    // `.js` like a static import: tsx maps it to the `.ts` source, dist/ holds the `.js` itself.
    const module = (await import(new URL(`${name}.js`, folder).href)) as Partial<Migration>;
    if (typeof module.up !== 'function') throw new Error(`migration ${name} exports no up()`);
    migrations[name] = { up: module.up, ...(module.down ? { down: module.down } : {}) };
  }
  return migrations;
}

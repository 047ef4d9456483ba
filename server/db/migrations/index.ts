import type { Migration } from 'kysely';
import { discoverMigrations } from '../discover-migrations.js';

/** Every migration file in this folder, by its timestamped name; Kysely runs them in name order. */
export const migrations: Record<string, Migration> = await discoverMigrations(new URL('./', import.meta.url));

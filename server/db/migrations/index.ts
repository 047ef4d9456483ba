import type { Migration } from 'kysely';
import { discoverMigrations, migrationFolders } from '../discover-migrations.js';

/**
 * Every migration file in this folder and in each feature's `migrations/` folder, by its
 * timestamped name; Kysely runs them in name order, whichever folder holds them.
 */
export const migrations: Record<string, Migration> = await discoverMigrations(migrationFolders(new URL('./', import.meta.url)));

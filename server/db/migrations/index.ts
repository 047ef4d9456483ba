import type { Migration } from 'kysely';
import * as foundation from './2026_11_25_0001_foundation.js';
import * as identityAndAccess from './2026_11_25_0002_identity_and_access.js';

/** Every migration, by its timestamped file name; Kysely runs them in name order. */
export const migrations: Record<string, Migration> = {
  '2026_11_25_0001_foundation': foundation,
  '2026_11_25_0002_identity_and_access': identityAndAccess,
};

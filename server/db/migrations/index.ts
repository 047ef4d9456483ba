import type { Migration } from 'kysely';
import * as foundation from './2026_11_25_0001_foundation.js';
import * as identityAndAccess from './2026_11_25_0002_identity_and_access.js';
import * as demoWorkspace from './2026_12_02_0001_demo_workspace.js';
import * as workspaceBrand from './2026_12_02_0002_workspace_brand.js';
import * as outboxAndWebhooks from './2026_12_02_0003_outbox_and_webhooks.js';
import * as followUps from './2026_12_02_0004_follow_ups.js';
import * as messages from './2026_12_02_0005_messages.js';

/** Every migration, by its timestamped file name; Kysely runs them in name order. */
export const migrations: Record<string, Migration> = {
  '2026_11_25_0001_foundation': foundation,
  '2026_11_25_0002_identity_and_access': identityAndAccess,
  '2026_12_02_0001_demo_workspace': demoWorkspace,
  '2026_12_02_0002_workspace_brand': workspaceBrand,
  '2026_12_02_0003_outbox_and_webhooks': outboxAndWebhooks,
  '2026_12_02_0004_follow_ups': followUps,
  '2026_12_02_0005_messages': messages,
};

import { PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/schema.js';
import { createApiKey } from '../features/api-keys/repository.js';
import { createPortalContact } from '../features/contacts/repository.js';
import { createCustomer } from '../features/customers/repository.js';
import { features } from '../features/index.js';
import { updateSettings } from '../features/settings/repository.js';
import { createWorkspace } from '../features/workspaces/repository.js';
import type { FileStore } from '../files/index.js';
import type { PortalPrincipal, WorkspacePrincipal } from '../plugins/auth.js';
import { saveDemoState, type DemoState } from './state.js';

/** What a feature's `seed` gets: the demo workspace as the core seed made it, and the people in it. */
export interface DemoSeed {
  /** The database with its dialect: a feature's actions open their own transactions, as in real use. */
  database: Database;
  workspaceId: string;
  /** When seeding started (ms); times are placed relative to it. */
  now: number;
  /** The demo API key (full scope), acting for the team. */
  team: WorkspacePrincipal;
  /** Ada at Acme, the contact the demo signs in as. */
  contact: PortalPrincipal;
  customers: {
    acme: { id: string; contacts: { ada: string; grace: string } };
    globex: { id: string; contacts: { hank: string } };
  };
  /** Where demo files go (documents); absent when seeding a bare database, and then no files are seeded. */
  fileStore?: FileStore;
  /** Ids one feature's seed leaves for a later one's (features seed in registry order), e.g. `proposal.featured`. */
  shared: Map<string, string>;
}

/**
 * Seeds one demo workspace: two customers with their contacts, then each feature's part in
 * registry order (proposals in every status with the team's follow-ups, conversations with a
 * reply Ada has not read yet, …). The database remembers it as its demo workspace.
 */
export async function seedDemo(db: Kysely<DB>, options: { fileStore?: FileStore } = {}): Promise<DemoState> {
  const seeded = await db.transaction().execute(async (trx) => {
    const workspace = await createWorkspace(trx, 'Northwind Studio (demo)');
    const apiKey = await createApiKey(trx, workspace.id, 'Demo key');
    // The example tenant site (examples/tenant-site) embeds the portal from port 3000.
    await updateSettings(trx, workspace.id, { portalEnabled: true, allowedOrigins: ['http://127.0.0.1:3000', 'http://localhost:3000'] });
    const acme = await createCustomer(trx, workspace.id, 'Acme Manufacturing');
    const ada = await createPortalContact(trx, workspace.id, acme.id, { displayName: 'Ada Lovelace', email: 'ada@acme.example', role: 'Operations Director' });
    const grace = await createPortalContact(trx, workspace.id, acme.id, { displayName: 'Grace Hopper', email: 'grace@acme.example', role: 'Finance Manager' });
    const globex = await createCustomer(trx, workspace.id, 'Globex Retail');
    const hank = await createPortalContact(trx, workspace.id, globex.id, { displayName: 'Hank Scorpio', email: 'hank@globex.example', role: 'CEO' });
    await saveDemoState(trx, { workspaceId: workspace.id, apiKeyId: apiKey.id, apiKey: apiKey.secret, contactId: ada.id });
    return {
      state: { workspaceId: workspace.id, apiKey: apiKey.secret, contactId: ada.id, contactName: ada.display_name, contactEmail: ada.email },
      apiKeyId: apiKey.id,
      customers: {
        acme: { id: acme.id, contacts: { ada: ada.id, grace: grace.id } },
        globex: { id: globex.id, contacts: { hank: hank.id } },
      },
    };
  });

  const { workspaceId, contactId } = seeded.state;
  const demo: DemoSeed = {
    database: { db, dialect: db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite' },
    workspaceId,
    now: Date.now(),
    team: { workspaceId, actorType: 'api_key', actorId: seeded.apiKeyId, scope: 'full' },
    contact: { workspaceId, customerId: seeded.customers.acme.id, contactId, sessionId: 'demo' },
    customers: seeded.customers,
    shared: new Map(),
    ...(options.fileStore ? { fileStore: options.fileStore } : {}),
  };
  for (const feature of features) await feature.seed?.(demo);
  return seeded.state;
}

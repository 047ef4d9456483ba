#!/usr/bin/env node
import { parseArgs } from 'node:util';
import closeWithGrace from 'close-with-grace';
import type { Kysely } from 'kysely';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { migrateToLatest, openDatabase } from './db/database.js';
import type { DB } from './db/schema.js';
import { readDemoState, seedDemo, type DemoState } from './demo/seed.js';
import { createApiKey } from './features/api-keys/repository.js';
import { mintClientSecret } from './features/portal-sessions/repository.js';
import { createWorkspace, findWorkspace } from './features/workspaces/repository.js';

const USAGE = `Usage: taba-portal <command> [options]

Commands:
  start [--demo]          migrate, then serve; --demo seeds a demo workspace on first run
  migrate                 apply pending database migrations
  seed-demo               add the demo workspace and print its API key
  create-api-key --workspace <ws_id> [--name <name>]
  create-api-key --new-workspace <workspace name> [--name <name>]
                          create an API key (printed once, stored hashed)

Environment: PORT, HOST, DATABASE_URL, TABA_DATA_DIR, PUBLIC_URL, LOG_LEVEL, TABA_JWT_SECRET, BODY_LIMIT, TRUST_PROXY`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      demo: { type: 'boolean', default: false },
      workspace: { type: 'string' },
      'new-workspace': { type: 'string' },
      name: { type: 'string', default: 'API key' },
    },
  });
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`taba-portal: ${error.message}`);
      return 1;
    }
    throw error;
  }

  switch (command) {
    case 'start':
      return start(config, values.demo);
    case 'migrate':
      return withDatabase(config, async (db) => {
        const result = await migrateToLatest(db);
        const applied = result.results?.map((r) => r.migrationName) ?? [];
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      });
    case 'seed-demo':
      return withDatabase(config, async (db) => {
        const demo = await seedDemo(db, config.dataDir);
        console.log(`Demo workspace ${demo.workspaceId}\nAPI key (shown once): ${demo.apiKey}`);
      });
    case 'create-api-key':
      return withDatabase(config, async (db) => {
        let workspaceId = values.workspace;
        if (values['new-workspace']) workspaceId = (await createWorkspace(db, values['new-workspace'])).id;
        if (!workspaceId) throw new UsageError('create-api-key needs --workspace <ws_id> or --new-workspace <name>');
        if (!(await findWorkspace(db, workspaceId))) throw new UsageError(`No workspace ${workspaceId}`);
        const key = await createApiKey(db, workspaceId, values.name);
        console.log(`Workspace ${workspaceId}\nAPI key ${key.id} (shown once, store it now): ${key.secret}`);
      });
    default:
      console.error(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 1;
  }
}

class UsageError extends Error {}

async function withDatabase(config: Config, run: (db: Kysely<DB>) => Promise<void>): Promise<number> {
  const { db } = openDatabase(config.database);
  try {
    await migrateToLatest(db);
    await run(db);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`taba-portal: ${error.message}`);
    return 1;
  } finally {
    await db.destroy();
  }
}

async function start(config: Config, demo: boolean): Promise<number> {
  const app = await buildApp(config);
  let demoState: DemoState | undefined;
  if (demo) demoState = await ensureDemo(app.db, config.dataDir);

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
  });

  await app.listen({ port: config.port, host: config.host });
  if (demoState) {
    const secret = await mintClientSecret(app.db, demoState.workspaceId, demoState.contactId);
    console.log(`
  taba-portal is running at ${config.publicUrl}

  Demo workspace API key:  ${demoState.apiKey}
  Hosted portal for ${demoState.contactName} (one-time link, valid 5 minutes):
    ${config.publicUrl}/portal?workspace=${demoState.workspaceId}#secret=${secret.clientSecret}

  After it expires, sign in by email at ${config.publicUrl}/portal?workspace=${demoState.workspaceId}
  as ${demoState.contactEmail ?? 'ada@acme.example'} (without SMTP_URL the code is written to this log).

  A new link is printed at every start. API reference: ${config.publicUrl}/openapi.json
`);
  }
  return -1; // keep running
}

/** Seeds on the first run only; later runs reuse the saved demo state, so nothing is duplicated. */
async function ensureDemo(db: Kysely<DB>, dataDir: string): Promise<DemoState | undefined> {
  const saved = readDemoState(dataDir);
  if (saved && (await findWorkspace(db, saved.workspaceId))) return saved;
  const existing = await db.selectFrom('workspaces').select('id').limit(1).executeTakeFirst();
  if (existing) return undefined; // a real database: never add demo data to it
  return seedDemo(db, dataDir);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);

#!/usr/bin/env node
import { parseArgs, type ParseArgsConfig } from 'node:util';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { UpdateWorkspaceSettings, WorkspaceSettings } from '../sdk/contract/settings.js';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { connectDatabase, DatabaseUnavailable, migrateToLatest, type Database } from './db/database.js';
import type { DB } from './db/schema.js';
import { seedDemo } from './demo/seed.js';
import { createDownloadLinks, createFileStore, loadLinkKeys, type FileStore } from './files/index.js';
import { findDemoState, type DemoState } from './demo/state.js';
import { createApiKey } from './features/api-keys/repository.js';
import { appendAuditEvent } from './features/audit/repository.js';
import { mintClientSecret } from './features/portal-sessions/repository.js';
import { getSettings, normaliseOrigin, updateSettings } from './features/settings/repository.js';
import { createWorkspace, findWorkspace } from './features/workspaces/repository.js';
import { createMailer } from './lib/mailer.js';
import { Problem } from './lib/problem.js';
import { createWorkerLog } from './worker/log.js';
import { createOutboxWorker, type WorkerLog } from './worker/worker.js';

const USAGE = `Usage: taba-portal <command> [options]

Commands:
  start [--demo]          migrate, then serve; --demo seeds a demo workspace into an empty database
                          and prints its API key and a portal link at every start; also runs an
                          outbox worker unless TABA_START_WORKER=false
  worker                  migrate, then deliver queued emails and webhooks until stopped (run as
                          many as you like on PostgreSQL)
  migrate                 apply pending database migrations
  seed-demo               add a demo workspace and print its API key
  create-api-key --workspace <ws_id> [--name <name>]
  create-api-key --new-workspace <workspace name> [--name <name>]
                          create an API key (printed once, stored hashed)
  settings --workspace <ws_id> [--enable-portal | --disable-portal]
           [--allow-origin <origin>]... [--remove-origin <origin>]...
           [--brand-name <text>] [--brand-logo <https url>] [--brand-accent <#rrggbb>]
                          show the workspace's portal settings, or change them (an empty
                          --brand-… value clears it); origins are added to or removed from the list

Environment: PORT, HOST, DATABASE_URL, DATABASE_CONNECT_TIMEOUT_MS, TABA_DATA_DIR, PUBLIC_URL,
LOG_LEVEL, TABA_JWT_SECRET, BODY_LIMIT, TRUST_PROXY, SMTP_URL, MAIL_FROM, TABA_START_WORKER,
TABA_OUTBOX_*, TABA_WEBHOOK_TIMEOUT_MS, TABA_WEBHOOK_ALLOW_PRIVATE (see README.md)`;

/** A problem with what the person asked for; printed as one line, exit code 1. */
class CommandError extends Error {}

const OPTIONS = {
  help: { type: 'boolean', short: 'h', default: false },
  demo: { type: 'boolean', default: false },
  workspace: { type: 'string' },
  'new-workspace': { type: 'string' },
  name: { type: 'string', default: 'API key' },
  'enable-portal': { type: 'boolean', default: false },
  'disable-portal': { type: 'boolean', default: false },
  'allow-origin': { type: 'string', multiple: true, default: [] as string[] },
  'remove-origin': { type: 'string', multiple: true, default: [] as string[] },
  'brand-name': { type: 'string' },
  'brand-logo': { type: 'string' },
  'brand-accent': { type: 'string' },
} satisfies ParseArgsConfig['options'];

const parseOptions = (args: string[]) => parseArgs({ args, options: OPTIONS }).values;
type Options = ReturnType<typeof parseOptions>;

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [command, ...rest] = argv;
  let values: Options;
  try {
    values = parseOptions(rest);
  } catch (error) {
    // node:util reports an unknown or malformed option as a TypeError with a readable message.
    console.error(`taba-portal: ${(error as Error).message}; see \`taba-portal help\``);
    return 1;
  }
  if (command === undefined || command === 'help' || command === '--help' || command === '-h' || values.help) {
    console.log(USAGE);
    return 0;
  }

  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`taba-portal: ${error.message}`);
      return 1;
    }
    throw error;
  }
  // The variable that chose the database: a message about the database names it.
  const databaseVariable = env.DATABASE_URL?.trim() ? 'DATABASE_URL' : 'TABA_DATA_DIR';

  try {
    switch (command) {
      case 'start':
        return await start(config, values.demo);
      case 'worker':
        return await worker(config);
      case 'migrate':
        return await withDatabase(config, async (db) => {
          const result = await migrateToLatest(db);
          const applied = result.results?.map((r) => r.migrationName) ?? [];
          console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
        });
      case 'seed-demo':
        return await withDatabase(config, async (db) => {
          // The demo's documents go into the configured file store, as uploads do.
          const links = createDownloadLinks({ publicUrl: config.publicUrl, ...(await loadLinkKeys(db, config.files)) });
          const fileStore = await createFileStore(config.files, { links });
          const demo = await seedDemo(db, { fileStore }).finally(() => fileStore.close());
          console.log(`Demo workspace ${demo.workspaceId}\nAPI key: ${demo.apiKey} (start --demo prints it again)`);
        });
      case 'create-api-key':
        return await withDatabase(config, (db) => createApiKeyCommand(db, values));
      case 'settings':
        return await withDatabase(config, (db, dialect) => settingsCommand(db, dialect, values, config.publicUrl));
      default:
        console.error(`taba-portal: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
        return 1;
    }
  } catch (error) {
    const line = oneLine(error, databaseVariable);
    if (line === undefined) throw error;
    console.error(`taba-portal: ${line}`);
    return 1;
  }
}

/** The one line a known failure prints, or undefined for an error that deserves its stack trace. */
function oneLine(error: unknown, databaseVariable: string): string | undefined {
  if (error instanceof CommandError) return error.message;
  if (error instanceof DatabaseUnavailable) return `${databaseVariable}: ${error.message}`;
  if (error instanceof Problem) return error.detail ?? error.title;
  return undefined;
}

async function withDatabase(config: Config, run: (db: Kysely<DB>, dialect: Database['dialect']) => Promise<void>): Promise<number> {
  const { db, dialect } = await connectDatabase(config.database);
  try {
    await migrateToLatest(db);
    await run(db, dialect);
    return 0;
  } finally {
    await db.destroy();
  }
}

async function createApiKeyCommand(db: Kysely<DB>, values: Options): Promise<void> {
  const newWorkspace = values['new-workspace'];
  if (values.workspace && newWorkspace !== undefined) throw new CommandError('create-api-key takes --workspace or --new-workspace, not both');
  let workspaceId = values.workspace;
  if (newWorkspace !== undefined) {
    if (!newWorkspace.trim()) throw new CommandError('--new-workspace needs a workspace name');
    workspaceId = (await createWorkspace(db, newWorkspace.trim())).id;
  }
  if (!workspaceId) throw new CommandError('create-api-key needs --workspace <ws_id> or --new-workspace <name>');
  await requireWorkspace(db, workspaceId);
  const key = await createApiKey(db, workspaceId, values.name);
  console.log(`Workspace ${workspaceId}\nAPI key ${key.id} (shown once, store it now): ${key.secret}`);
  if (newWorkspace !== undefined) {
    console.log(
      `\nThe portal of a new workspace is off. Turn it on and allow the origin of the site that embeds it:\n` +
        `  taba-portal settings --workspace ${workspaceId} --enable-portal --allow-origin https://your.site`,
    );
  }
}

async function requireWorkspace(db: Kysely<DB>, workspaceId: string): Promise<{ id: string; name: string }> {
  const workspace = await findWorkspace(db, workspaceId);
  if (workspace) return workspace;
  const { listed, more } = await listWorkspaces(db);
  const known = listed.length ? `; workspaces here: ${listed.map((w) => `${w.id} (${w.name})`).join(', ')}${more ? `, and ${more} more` : ''}` : '; this database has none';
  throw new CommandError(`no workspace ${workspaceId}${known}`);
}

const LISTED_WORKSPACES = 5;

async function listWorkspaces(db: Kysely<DB>): Promise<{ listed: { id: string; name: string }[]; more: number }> {
  const listed = await db.selectFrom('workspaces').select(['id', 'name']).orderBy('created_at').orderBy('id').limit(LISTED_WORKSPACES).execute();
  const { count } = await db.selectFrom('workspaces').select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow();
  return { listed, more: Number(count) - listed.length };
}

async function settingsCommand(db: Kysely<DB>, dialect: Database['dialect'], values: Options, publicUrl: string): Promise<void> {
  const workspaceId = values.workspace;
  if (!workspaceId) throw new CommandError('settings needs --workspace <ws_id>');
  if (values['enable-portal'] && values['disable-portal']) throw new CommandError('give --enable-portal or --disable-portal, not both');
  const workspace = await requireWorkspace(db, workspaceId);
  const adding = values['allow-origin'].map((origin) => normaliseOrigin(origin));
  const removing = values['remove-origin'].map((origin) => normaliseOrigin(origin));
  const brand = {
    ...(values['brand-name'] !== undefined && { name: values['brand-name'] || null }),
    ...(values['brand-logo'] !== undefined && { logoUrl: values['brand-logo'] || null }),
    ...(values['brand-accent'] !== undefined && { accentColor: values['brand-accent'] || null }),
  };
  const changesPortal = values['enable-portal'] || values['disable-portal'];
  const changes = changesPortal || adding.length > 0 || removing.length > 0 || Object.keys(brand).length > 0;
  if (!changes) {
    printSettings(workspace, await getSettings(db, workspaceId), publicUrl, 'Portal settings of');
    return;
  }

  const settings = await db.transaction().execute(async (trx) => {
    // Holds the workspace row, so a concurrent change cannot slip between reading the origins and writing them.
    if (dialect === 'postgres') await trx.selectFrom('workspaces').select('id').where('id', '=', workspaceId).forUpdate().execute();
    const current = await getSettings(trx, workspaceId);
    const notListed = removing.filter((origin) => !current.allowedOrigins.includes(origin));
    if (notListed.length) {
      throw new CommandError(`${notListed.join(', ')} is not an allowed origin of ${workspaceId} (allowed: ${current.allowedOrigins.join(', ') || 'none'}); nothing was changed`);
    }
    const input: UpdateWorkspaceSettings = {
      ...(changesPortal && { portalEnabled: values['enable-portal'] }),
      ...((adding.length > 0 || removing.length > 0) && {
        allowedOrigins: [...new Set([...current.allowedOrigins, ...adding])].filter((origin) => !removing.includes(origin)),
      }),
      ...(Object.keys(brand).length > 0 && { brand }),
    };
    const updated = await updateSettings(trx, workspaceId, input);
    // The CLI runs on the server with database access: the audit trail records it as the system acting.
    await appendAuditEvent(trx, dialect, { workspaceId, actorType: 'system', actorId: 'cli' }, {
      action: 'settings.updated',
      subjectType: 'workspace',
      subjectId: workspaceId,
      customerId: null,
      data: { ...input },
    });
    return updated;
  });
  printSettings(workspace, settings, publicUrl, 'Updated portal settings of');
}

function printSettings(workspace: { id: string; name: string }, settings: WorkspaceSettings, publicUrl: string, heading: string): void {
  const none = '(none)';
  const [firstOrigin = none, ...otherOrigins] = settings.allowedOrigins;
  const lines = [
    `${heading} workspace ${workspace.id} (${workspace.name}):`,
    `  portal:           ${settings.portalEnabled ? 'enabled' : 'disabled'}`,
    `  allowed origins:  ${firstOrigin}`,
    ...otherOrigins.map((origin) => `                    ${origin}`),
    `  brand name:       ${settings.brand.name ?? none}`,
    `  brand logo:       ${settings.brand.logoUrl ?? none}`,
    `  brand accent:     ${settings.brand.accentColor ?? none}`,
    `  hosted portal:    ${publicUrl}/portal?workspace=${workspace.id}`,
  ];
  if (!settings.portalEnabled) lines.push(`The portal is off: add --enable-portal to turn it on.`);
  else if (!settings.allowedOrigins.length) lines.push(`No site may embed the portal yet: add --allow-origin https://your.site.`);
  console.log(lines.join('\n'));
}

async function start(config: Config, demo: boolean): Promise<number> {
  const database = await connectDatabase(config.database);
  let app: FastifyInstance;
  try {
    app = await buildApp(config, { database });
  } catch (error) {
    await database.db.destroy();
    throw error;
  }
  let demoState: DemoState | undefined;
  try {
    demoState = demo ? await ensureDemo(app.db, app.fileStore) : undefined;
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    // Closing the database lets the process end instead of waiting on an open pool.
    await app.close();
    throw listenFailure(error, config);
  }
  const outboxWorker = config.outbox.runInStart ? startWorker({ db: app.db, dialect: app.dialect }, config, app.log) : undefined;
  // Registered once listening: before that, a failure is reported above and exits non-zero.
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    // The worker first: what it holds is finished or given back while the database is still open.
    await outboxWorker?.stop();
    await app.close();
  });

  if (demoState) {
    const secret = await mintClientSecret(app.db, demoState.workspaceId, demoState.contactId);
    console.log(`
  taba-portal is running at ${config.publicUrl}

  Demo workspace API key:  ${demoState.apiKey}
  Hosted portal for ${demoState.contactName} (one-time link, valid 5 minutes):
    ${config.publicUrl}/portal?workspace=${demoState.workspaceId}#secret=${secret.clientSecret}

  After it expires, sign in by email at ${config.publicUrl}/portal?workspace=${demoState.workspaceId}
  as ${demoState.contactEmail} (without SMTP_URL the code is written to this log).

  A new link is printed at every start. API reference: ${config.publicUrl}/openapi.json
`);
  } else if (demo) {
    console.log(await noDemoExplanation(app.db, config));
  }
  return -1; // keep running
}

/** An outbox worker on an open database, with its own mailer; `stop()` also closes the mailer. */
function startWorker(database: Database, config: Config, log: WorkerLog): { stop(): Promise<void> } {
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log });
  const outboxWorker = createOutboxWorker({ database, config, mailer, log });
  outboxWorker.start();
  return {
    async stop() {
      // Well inside close-with-grace's 10 s, so released rows are written before the process is forced out.
      await outboxWorker.stop(5_000);
      await mailer.close();
    },
  };
}

/** `taba-portal worker`: only the outbox worker, until SIGINT or SIGTERM. */
async function worker(config: Config): Promise<number> {
  const database = await connectDatabase(config.database);
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.db.destroy();
    throw error;
  }
  const log = createWorkerLog(config.logLevel);
  if (!config.smtpUrl) log.warn('SMTP_URL is not set: emails are written to this log instead of being sent');
  const running = startWorker(database, config, log);
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) log.error({ err }, 'worker shutting down after an error');
    else log.info({ signal }, 'worker shutting down');
    await running.stop();
    await database.db.destroy();
  });
  return -1; // keep running
}

/** Seeds an empty database; a database with workspaces of its own never gets demo data. */
async function ensureDemo(db: Kysely<DB>, fileStore: FileStore): Promise<DemoState | undefined> {
  const saved = await findDemoState(db);
  if (saved) return saved;
  const existing = await db.selectFrom('workspaces').select('id').limit(1).executeTakeFirst();
  if (existing) return undefined;
  return seedDemo(db, { fileStore });
}

/** Why `start --demo` printed no link, and how to go on with the workspaces this database has. */
async function noDemoExplanation(db: Kysely<DB>, config: Config): Promise<string> {
  const { listed, more } = await listWorkspaces(db);
  const where = config.database.dialect === 'sqlite' ? `the SQLite file ${config.database.file}` : `PostgreSQL at ${postgresAddress(config.database.url)}`;
  return `
  taba-portal is running at ${config.publicUrl}

  No demo link: the database (${where}) already has workspaces and none of them
  is a demo workspace, and --demo adds one only to an empty database. Its workspaces:
${listed.map((w) => `    ${w.id}  ${w.name}`).join('\n')}${more ? `\n    … and ${more} more` : ''}
  Create an API key for one:  taba-portal create-api-key --workspace <ws_id>
  Turn its portal on for your site:
    taba-portal settings --workspace <ws_id> --enable-portal --allow-origin https://your.site
  (In a clone of this repository, taba-portal is \`node dist/server/main.js\`.)
  For the demo, start on an empty database, e.g. DATABASE_URL=sqlite:data/demo.sqlite npm start.
`;
}

function postgresAddress(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

/** Turns a listen error into one line naming PORT or HOST. */
function listenFailure(error: unknown, config: Config): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new CommandError(`PORT=${config.port} is already in use on ${config.host}; stop the other server or set PORT`);
  if (code === 'EACCES') return new CommandError(`PORT=${config.port} needs privileges this process does not have; set PORT to 1024 or above`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new CommandError(`HOST=${config.host} is not an address of this machine; set HOST (127.0.0.1 or 0.0.0.0)`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

main(process.argv.slice(2), process.env).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);

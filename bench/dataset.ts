/**
 * Builds a benchmark database: the app's own migrations, one workspace with an API key, customers
 * each with one portal contact, and proposals inserted in bulk with raw better-sqlite3 in one
 * transaction. Every customer holds the same number of proposals, so the signed-in customer's
 * list is identical whatever the size of the workspace; only the workspace grows.
 */
import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { migrateToLatest, openDatabase } from '../server/db/database.js';
import { createApiKey } from '../server/features/api-keys/repository.js';
import { features } from '../server/features/index.js';
import { createWorkspace } from '../server/features/workspaces/repository.js';

export interface BenchDataset {
  file: string;
  workspaceId: string;
  apiKey: string;
  /** The contact the benchmark signs in as, and their customer. */
  contactId: string;
  customerId: string;
  proposals: number;
  customers: number;
  seconds: number;
}

const DAY = 24 * 60 * 60_000;
const HISTORY_MS = 3 * 365 * DAY;
/** Enough for a full page of the portal's thread list, and a next cursor, for every customer. */
const THREADS_PER_CUSTOMER = 25;

const TITLES = [
  'Website redesign',
  'Quarterly maintenance',
  'Data migration',
  'Brand workshop',
  'Office relocation support',
  'Analytics dashboard',
  'Store rollout',
  'Loyalty programme audit',
  'Mobile app discovery',
  'Accessibility review',
  'Cloud cost review',
  'Security assessment',
  'Content strategy',
  'Checkout optimisation',
  'Support retainer',
  'Product photography',
];
const FEE_MODELS = ['fixed_fee', 'hourly_rate', 'retainer', 'milestone'] as const;
const CURRENCIES = ['USD', 'USD', 'USD', 'EUR', 'EUR', 'GBP'];
const DECLINE_REASONS = ['Budget moved to next year.', 'We chose another supplier.', 'Scope no longer needed.'];
const COMPANY_WORDS = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Tyrell', 'Soylent', 'Cyberdyne', 'Wonka'];
const COMPANY_KINDS = ['Manufacturing', 'Retail', 'Logistics', 'Foods', 'Labs', 'Partners', 'Holdings', 'Studios'];

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
let idPool = Buffer.alloc(0);
let idOffset = 0;

/** Ids in the app's format (`prefix_` + 20 base32 characters, 100 random bits), from pooled randomness. */
function bulkId(prefix: string): string {
  if (idOffset + 20 > idPool.length) {
    idPool = randomBytes(20 * 8192);
    idOffset = 0;
  }
  let id = `${prefix}_`;
  for (let i = 0; i < 20; i++) id += ID_ALPHABET[idPool[idOffset + i]! % 32];
  idOffset += 20;
  return id;
}

/** A small seeded generator, so every run builds the same shape of data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export async function createBenchDataset(file: string, options: { proposals: number; perCustomer: number }): Promise<BenchDataset> {
  const started = performance.now();
  const database = openDatabase({ dialect: 'sqlite', file });
  await migrateToLatest(database.db);
  const workspace = await createWorkspace(database.db, 'Northwind Studio (bench)');
  const key = await createApiKey(database.db, workspace.id, 'bench');
  await database.db.updateTable('workspaces').set({ portal_enabled: 1 }).where('id', '=', workspace.id).execute();
  await database.db.destroy();

  const customers = Math.max(1, Math.round(options.proposals / options.perCustomer));
  const rand = random(20_261_125);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const now = Date.now();
  const start = now - HISTORY_MS;

  const sqlite = new SQLite(file);
  // A throwaway file, loaded once: no journal while loading (WAL would write every page twice).
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('cache_size = -262144'); // 256 MiB while loading
  const insertCustomer = sqlite.prepare('insert into customers (id, workspace_id, name, created_at) values (?, ?, ?, ?)');
  const insertContact = sqlite.prepare(
    'insert into portal_contacts (id, workspace_id, customer_id, display_name, email, role, created_at) values (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertProposal = sqlite.prepare(
    `insert into proposals (id, workspace_id, customer_id, number, title, fee_model, fee_amount, currency, summary,
       internal_notes, status, sent_at, expires_at, decided_at, decided_by_contact_id, decline_reason, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setCounter = sqlite.prepare('update workspaces set next_proposal_number = ? where id = ?');

  // The list indexes are built once after loading (a sort) rather than row by row; the app's own
  // definitions are read back from the schema and re-created unchanged.
  const listIndexes = sqlite
    .prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = 'proposals' and sql is not null")
    .all() as { name: string; sql: string }[];

  const load = sqlite.transaction(() => {
    for (const index of listIndexes) sqlite.exec(`drop index "${index.name}"`);
    const accounts: { customerId: string; contactId: string }[] = [];
    for (let i = 0; i < customers; i++) {
      const customerId = bulkId('cus');
      const contactId = bulkId('ctc');
      const createdAt = new Date(start - (customers - i) * 60_000).toISOString();
      const name = `${pick(COMPANY_WORDS)} ${pick(COMPANY_KINDS)} ${i + 1}`;
      insertCustomer.run(customerId, workspace.id, name, createdAt);
      insertContact.run(contactId, workspace.id, customerId, `Contact ${i + 1}`, `buyer${i + 1}@customer${i + 1}.example`, 'Buyer', createdAt);
      accounts.push({ customerId, contactId });
    }
    // Proposals arrive in time order over three years; customer i % customers owns row i, so each
    // customer's proposals are spread over the whole history, interleaved with everyone else's.
    const step = HISTORY_MS / options.proposals;
    for (let i = 0; i < options.proposals; i++) {
      const account = accounts[i % customers]!;
      const createdMs = start + i * step + rand() * step;
      const title = pick(TITLES);
      const feeModel = pick(FEE_MODELS);
      const isDraft = createdMs > now - 14 * DAY ? rand() < 0.5 : rand() < 0.03;
      const sentMs = isDraft ? null : Math.min(createdMs + rand() * 2 * DAY, now - 60_000);
      const expiresMs = (sentMs ?? createdMs) + 30 * DAY;
      let status = isDraft ? 'draft' : 'pending';
      let decidedMs: number | null = null;
      let reason: string | null = null;
      if (sentMs !== null) {
        const outcome = rand();
        const decidable = Math.min(expiresMs, now) - sentMs;
        if (outcome < 0.55) status = 'accepted';
        else if (outcome < 0.75) status = 'declined';
        // otherwise it stays pending, and reads as expired once its expiry has passed
        if (status !== 'pending') {
          decidedMs = sentMs + rand() * decidable;
          if (status === 'declined' && rand() < 0.7) reason = pick(DECLINE_REASONS);
        }
      }
      insertProposal.run(
        bulkId('prop'),
        workspace.id,
        account.customerId,
        `PROP-${String(i + 1).padStart(7, '0')}`,
        title,
        feeModel,
        Math.round(500 + rand() * 60_000) * 100,
        pick(CURRENCIES),
        `${title}: scope, deliverables, timeline and acceptance criteria as discussed in our call.`,
        'Margin target 35%. Do not share with the customer.',
        status,
        sentMs === null ? null : new Date(sentMs).toISOString(),
        new Date(expiresMs).toISOString(),
        decidedMs === null ? null : new Date(decidedMs).toISOString(),
        decidedMs === null ? null : account.contactId,
        reason,
        new Date(createdMs).toISOString(),
      );
    }
    const insertThread = sqlite.prepare(
      `insert into threads (id, workspace_id, customer_id, subject_type, subject_id, title, message_count, customer_message_count,
         team_message_count, last_message_at, last_activity_at, created_at)
       values (?, ?, ?, null, null, ?, 2, 1, 1, ?, ?, ?)`,
    );
    for (const account of accounts) {
      for (let j = 0; j < THREADS_PER_CUSTOMER; j++) {
        const at = new Date(start + rand() * HISTORY_MS).toISOString();
        insertThread.run(bulkId('thr'), workspace.id, account.customerId, `Question about ${pick(TITLES)}`, at, at, at);
      }
    }
    // Rows for the list routes other features declare (`bench.rows` in server/features/<x>/index.ts).
    for (const feature of features) {
      feature.bench?.rows?.({ sqlite, workspaceId: workspace.id, accounts, id: bulkId, random: rand, historyStart: start, historyMs: HISTORY_MS });
    }
    setCounter.run(options.proposals + 1, workspace.id);
    for (const index of listIndexes) sqlite.exec(index.sql);
    return accounts[0]!;
  });
  const signedIn = load();
  sqlite.pragma('journal_mode = WAL'); // as the app runs it
  sqlite.close();
  return {
    file,
    workspaceId: workspace.id,
    apiKey: key.secret,
    contactId: signedIn.contactId,
    customerId: signedIn.customerId,
    proposals: options.proposals,
    customers,
    seconds: (performance.now() - started) / 1000,
  };
}

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { connectDatabase, migrateToLatest, type Database } from '../db/database.js';
import { enqueueEmail, enqueueWebhookEvent } from '../features/outbox/repository.js';
import { createWebhookEndpoint } from '../features/webhooks/repository.js';
import { createWorkspace } from '../features/workspaces/repository.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../test-support/databases.js';
import { startMailbox, type Mailbox } from '../test-support/mailbox.js';
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/webhook-receiver.js';

/** `taba-portal worker` as separate processes: killed mid-delivery, and two sharing one PostgreSQL queue. */

const MAIN = path.resolve(import.meta.dirname, '../main.ts');
const PUBLIC_HOST = 'portal.test';

interface WorkerProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
}

function spawnWorker(testDb: TestDatabase, mailbox: Mailbox, extraEnv: NodeJS.ProcessEnv = {}): WorkerProcess {
  const config = testDb.config;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: config.dialect === 'postgres' ? config.url : `sqlite:${config.file}`,
    TABA_DATA_DIR: testDb.dataDir,
    PUBLIC_URL: `https://${PUBLIC_HOST}`,
    SMTP_URL: mailbox.url,
    LOG_LEVEL: 'warn',
    TABA_WEBHOOK_ALLOW_PRIVATE: 'true',
    TABA_OUTBOX_POLL_MS: '50',
    TABA_OUTBOX_RETRY_BASE_MS: '50',
    ...extraEnv,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'worker'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitFor(what: string, predicate: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function setUp(dialect: TestDatabase['config']['dialect'], receiver: WebhookReceiver) {
  const testDb = await createTestDatabase(dialect);
  const database: Database = await connectDatabase(testDb.config);
  await migrateToLatest(database.db);
  const workspace = await createWorkspace(database.db, 'Worker Co');
  const endpoint = await createWebhookEndpoint(database.db, workspace.id, { url: `${receiver.url}/hooks`, eventTypes: ['proposal.accepted'] }, { allowPrivate: true });
  receiver.secret = endpoint.secret;
  return { testDb, database, workspaceId: workspace.id };
}

const messages = (database: Database, workspaceId: string) => database.db.selectFrom('outbox_messages').selectAll().where('workspace_id', '=', workspaceId).execute();

for (const dialect of testDialects) {
  describe(`taba-portal worker processes (${dialect})`, () => {
    let mailbox: Mailbox;
    let receiver: WebhookReceiver;
    before(async () => {
      mailbox = await startMailbox();
      receiver = await startWebhookReceiver();
    });
    after(async () => {
      await receiver.close();
      await mailbox.close();
    });

    test('a worker killed with SIGKILL mid-delivery loses nothing: after a restart every event arrives with the same webhook-id or Message-ID', async () => {
      const { testDb, database, workspaceId } = await setUp(dialect, receiver);
      const first = { process: undefined as WorkerProcess | undefined };
      let second: WorkerProcess | undefined;
      try {
        const recipients = ['kill.one@example.com', 'kill.two@example.com'];
        await database.db.transaction().execute(async (trx) => {
          for (let n = 0; n < 5; n++) await enqueueWebhookEvent(trx, { workspaceId, type: 'proposal.accepted', data: { n } });
          for (const to of recipients) {
            await enqueueEmail(trx, {
              workspaceId,
              to,
              notification: { template: 'proposal.sent', workspaceId, workspaceName: 'Worker Co', contactName: 'Kim', proposalNumber: 'PROP-0001', proposalTitle: 'Kill test', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
            });
          }
        });
        const rows = await messages(database, workspaceId);
        const webhookIds = rows.filter((row) => row.channel === 'webhook').map((row) => row.id).sort();

        receiver.answer = () => 'hold';
        first.process = spawnWorker(testDb, mailbox, { TABA_OUTBOX_LEASE_MS: '2000' });
        await waitFor('the first worker to be mid-delivery on every event', () => new Set(receiver.received.map((r) => r.webhookId)).size === webhookIds.length);
        first.process.child.kill('SIGKILL');
        assert.equal(await first.process.exited, null, 'killed, not exited');
        const held = (await messages(database, workspaceId)).filter((row) => row.channel === 'webhook');
        assert.ok(held.every((row) => row.status === 'pending' && row.claimed_by !== null), 'the killed worker still held its claims');

        receiver.answer = () => ({ status: 204 });
        second = spawnWorker(testDb, mailbox, { TABA_OUTBOX_LEASE_MS: '2000' });
        await waitFor('every delivery to be made after the restart', async () => (await messages(database, workspaceId)).every((row) => row.status === 'delivered'));

        const answered = receiver.received.filter((r) => r.answered === 204);
        assert.deepEqual([...new Set(answered.map((r) => r.webhookId))].sort(), webhookIds, 'every event arrived, under its original webhook-id');
        assert.ok(answered.every((r) => r.event !== undefined), 'every delivery verifies');
        for (const row of rows.filter((r) => r.channel === 'email')) {
          const mails = await mailbox.waitFor(row.recipient!);
          assert.ok(mails.length >= 1);
          assert.ok(mails.every((mail) => mail.messageId === `<${row.id}@${PUBLIC_HOST}>`), 'a resent email keeps its Message-ID');
        }

        second.child.kill('SIGTERM');
        assert.equal(await second.exited, 0, second.output());
      } finally {
        first.process?.child.kill('SIGKILL');
        second?.child.kill('SIGKILL');
        await database.db.destroy();
        await testDb.drop();
      }
    });

    test('a stopping worker gives back the delivery it holds, and a new worker delivers it', async () => {
      const { testDb, database, workspaceId } = await setUp(dialect, receiver);
      let worker: WorkerProcess | undefined;
      try {
        await database.db.transaction().execute((trx) => enqueueWebhookEvent(trx, { workspaceId, type: 'proposal.accepted', data: { graceful: true } }));
        const [row] = await messages(database, workspaceId);
        receiver.answer = () => 'hold';
        // A long lease: only the release on shutdown can make the row claimable again in time.
        worker = spawnWorker(testDb, mailbox, { TABA_OUTBOX_LEASE_MS: '600000' });
        await waitFor('the delivery to be in flight', () => receiver.received.some((r) => r.webhookId === row?.id));
        worker.child.kill('SIGTERM');
        assert.equal(await worker.exited, 0, worker.output());
        const [released] = await messages(database, workspaceId);
        assert.deepEqual([released?.status, released?.claimed_by, released?.claimed_until, released?.attempts], ['pending', null, null, 0], 'released, the cut-short attempt not counted');

        receiver.answer = () => ({ status: 204 });
        worker = spawnWorker(testDb, mailbox, { TABA_OUTBOX_LEASE_MS: '600000' });
        await waitFor('the released delivery to be made', async () => (await messages(database, workspaceId))[0]?.status === 'delivered');
        assert.ok(receiver.received.some((r) => r.webhookId === row?.id && r.answered === 204));
        worker.child.kill('SIGTERM');
        assert.equal(await worker.exited, 0);
      } finally {
        worker?.child.kill('SIGKILL');
        await database.db.destroy();
        await testDb.drop();
      }
    });

    if (dialect === 'postgres') {
      test('two workers on PostgreSQL deliver 1,000 events between them, each exactly once', async () => {
        const { testDb, database, workspaceId } = await setUp(dialect, receiver);
        const workers: WorkerProcess[] = [];
        try {
          await database.db.transaction().execute(async (trx) => {
            for (let n = 0; n < 1_000; n++) await enqueueWebhookEvent(trx, { workspaceId, type: 'proposal.accepted', data: { n } });
          });
          const ids = new Set((await messages(database, workspaceId)).map((row) => row.id));
          assert.equal(ids.size, 1_000);
          receiver.answer = () => ({ status: 204 });
          const before = receiver.received.length;
          workers.push(spawnWorker(testDb, mailbox), spawnWorker(testDb, mailbox));
          await waitFor('1,000 deliveries', async () => (await messages(database, workspaceId)).every((row) => row.status === 'delivered'), 120_000);

          const counts = new Map<string, number>();
          for (const request of receiver.received.slice(before)) if (ids.has(request.webhookId)) counts.set(request.webhookId, (counts.get(request.webhookId) ?? 0) + 1);
          assert.equal(counts.size, 1_000, 'every event arrived');
          assert.deepEqual([...new Set(counts.values())], [1], 'none arrived twice');
          const byWorker = await database.db
            .selectFrom('outbox_messages')
            .select(['claimed_by', (eb) => eb.fn.countAll<number>().as('delivered')])
            .where('workspace_id', '=', workspaceId)
            .groupBy('claimed_by')
            .execute();
          assert.equal(byWorker.length, 2, `both workers delivered some: ${JSON.stringify(byWorker)}`);

          for (const worker of workers) worker.child.kill('SIGTERM');
          assert.deepEqual(await Promise.all(workers.map((w) => w.exited)), [0, 0]);
        } finally {
          for (const worker of workers) worker.child.kill('SIGKILL');
          await database.db.destroy();
          await testDb.drop();
        }
      });
    }
  });
}

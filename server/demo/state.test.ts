import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { loadConfig } from '../config.js';
import { connectDatabase, migrateToLatest } from '../db/database.js';
import { createDownloadLinks, createFileStore } from '../files/index.js';
import { hashSecret } from '../lib/ids.js';
import { createTestDatabase, testDialects } from '../test-support/databases.js';
import { seedDemo } from './seed.js';
import { findDemoState, loadDemoState } from './state.js';

for (const dialect of testDialects) {
  test(`${dialect}: the database remembers its demo workspace, and a revoked demo key is replaced by a working one`, async (t) => {
    const database = await createTestDatabase(dialect);
    t.after(() => database.drop());
    const { db } = await connectDatabase(database.config);
    t.after(() => db.destroy());
    await migrateToLatest(db);
    assert.equal(await findDemoState(db), undefined, 'a fresh database has no demo');

    const seeded = await seedDemo(db);
    assert.deepEqual(await findDemoState(db), seeded);
    const env = database.config.dialect === 'sqlite' ? { DATABASE_URL: `sqlite:${database.config.file}` } : { DATABASE_URL: database.config.url };
    assert.deepEqual(await loadDemoState(env), seeded, 'tools beside the server find it from the environment');

    await db.updateTable('api_keys').set({ revoked_at: new Date().toISOString() }).where('token_hash', '=', hashSecret(seeded.apiKey)).execute();
    const renewed = await findDemoState(db);
    assert.ok(renewed);
    assert.notEqual(renewed.apiKey, seeded.apiKey);
    const key = await db.selectFrom('api_keys').select(['workspace_id', 'revoked_at', 'scope']).where('token_hash', '=', hashSecret(renewed.apiKey)).executeTakeFirst();
    assert.deepEqual(key, { workspace_id: seeded.workspaceId, revoked_at: null, scope: 'full' });
    assert.equal((await findDemoState(db))?.apiKey, renewed.apiKey, 'renewed once, then kept');
  });
}

for (const dialect of testDialects) {
  test(`${dialect}: the demo shows every section working: proposals, conversations with an unread reply, and the team's follow-ups`, async (t) => {
    const database = await createTestDatabase(dialect);
    t.after(() => database.drop());
    const { db } = await connectDatabase(database.config);
    t.after(() => db.destroy());
    await migrateToLatest(db);
    const { workspaceId } = await seedDemo(db);

    const proposals = await db.selectFrom('proposals').select('status').where('workspace_id', '=', workspaceId).execute();
    assert.ok(proposals.length >= 6, `${proposals.length} proposals`);
    const threads = await db.selectFrom('threads').select(['id', 'title']).where('workspace_id', '=', workspaceId).execute();
    assert.equal(threads.length, 2);
    const messages = await db.selectFrom('thread_messages').select(['internal']).where('workspace_id', '=', workspaceId).execute();
    assert.equal(messages.length, 4, 'a question, an internal note, a reply, and a welcome');
    assert.equal(messages.filter((message) => Boolean(message.internal)).length, 1);
    const followUps = await db.selectFrom('follow_ups').select(['kind', 'state']).where('workspace_id', '=', workspaceId).orderBy('kind').execute();
    assert.deepEqual(
      followUps.map((followUp) => followUp.kind),
      [
        'delivery.exception',
        'estimate.approved',
        'estimate.declined',
        'message.received',
        'project.comment_added',
        'proposal.accepted',
        'proposal.accepted',
        'proposal.declined',
        'request.item_answered',
        'request.item_answered',
      ],
    );
  });
}

for (const dialect of testDialects) {
  test(`${dialect}: the demo has projects with tasks in every status, hours, comments both ways, and documents stored in the file store`, async (t) => {
    const database = await createTestDatabase(dialect);
    t.after(() => database.drop());
    const { db } = await connectDatabase(database.config);
    t.after(() => db.destroy());
    await migrateToLatest(db);
    const config = loadConfig({ TABA_DATA_DIR: database.dataDir });
    const fileStore = await createFileStore(config.files, { links: createDownloadLinks({ publicUrl: config.publicUrl, current: { id: 'k1', secret: 'demo-test' } }) });
    t.after(() => fileStore.close());
    const { workspaceId, contactId } = await seedDemo(db, { fileStore });

    const contact = await db.selectFrom('portal_contacts').select('customer_id').where('id', '=', contactId).executeTakeFirstOrThrow();
    const projects = await db.selectFrom('projects').select(['id', 'name', 'status', 'customer_id']).where('workspace_id', '=', workspaceId).execute();
    const mine = projects.filter((project) => project.customer_id === contact.customer_id);
    assert.ok(mine.filter((project) => project.status === 'active').length >= 2, 'the signed-in customer has active projects');
    assert.ok(mine.some((project) => project.status === 'archived'), 'and an archived one the portal hides');
    const tasks = await db.selectFrom('project_tasks').select('status').where('workspace_id', '=', workspaceId).execute();
    assert.deepEqual([...new Set(tasks.map((task) => task.status))].sort(), ['cancelled', 'done', 'in_progress', 'open']);
    const time = await db.selectFrom('time_entries').select('billable').where('workspace_id', '=', workspaceId).execute();
    assert.deepEqual([...new Set(time.map((entry) => entry.billable))].sort(), [0, 1], 'billable and non-billable time');
    const comments = await db.selectFrom('project_comments').select(['visibility', 'author_type']).where('workspace_id', '=', workspaceId).execute();
    assert.ok(comments.some((comment) => comment.visibility === 'internal'));
    assert.ok(comments.some((comment) => comment.visibility === 'customer' && comment.author_type === 'contact'));
    assert.ok(comments.some((comment) => comment.visibility === 'customer' && comment.author_type !== 'contact'));

    const documents = await db.selectFrom('documents').select(['shared', 'storage_key', 'size', 'sha256', 'content_type']).where('workspace_id', '=', workspaceId).execute();
    assert.deepEqual([...new Set(documents.map((document) => document.shared))].sort(), [0, 1], 'shared and unshared documents');
    assert.ok(documents.some((document) => document.content_type === 'application/pdf'));
    for (const document of documents) {
      const stream = await fileStore.open(document.storage_key);
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        hash.update(chunk);
        size += chunk.length;
      }
      assert.equal(size, Number(document.size));
      assert.equal(hash.digest('hex'), document.sha256, 'the stored bytes are the recorded ones');
    }
  });
}

for (const dialect of testDialects) {
  test(`${dialect}: the demo has information requests in progress and completed, and a provided file waiting in the intake queue`, async (t) => {
    const database = await createTestDatabase(dialect);
    t.after(() => database.drop());
    const { db } = await connectDatabase(database.config);
    t.after(() => db.destroy());
    await migrateToLatest(db);
    const config = loadConfig({ TABA_DATA_DIR: database.dataDir });
    const fileStore = await createFileStore(config.files, { links: createDownloadLinks({ publicUrl: config.publicUrl, current: { id: 'k1', secret: 'demo-test' } }) });
    t.after(() => fileStore.close());
    const { workspaceId, contactId } = await seedDemo(db, { fileStore });

    const contact = await db.selectFrom('portal_contacts').select('customer_id').where('id', '=', contactId).executeTakeFirstOrThrow();
    const requests = await db
      .selectFrom('information_requests')
      .select(['id', 'number', 'status', 'customer_id', 'item_count', 'accepted_count'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('number')
      .execute();
    assert.deepEqual(
      requests.map((request) => [request.number, request.status, Number(request.accepted_count), Number(request.item_count)]),
      [
        ['REQ-0001', 'in_progress', 1, 3],
        ['REQ-0002', 'completed', 2, 2],
      ],
    );
    assert.ok(requests.every((request) => request.customer_id === contact.customer_id), "the signed-in contact's customer");
    const items = await db.selectFrom('information_request_items').select(['kind', 'state']).where('request_id', '=', requests[0]!.id).orderBy('position').execute();
    assert.deepEqual(
      items.map((item) => [item.kind, item.state]),
      [
        ['text', 'accepted'],
        ['file', 'under_review'],
        ['text', 'awaiting_response'],
      ],
    );
    const intake = await db.selectFrom('intake_items').select(['status', 'storage_key', 'sha256', 'file_size']).where('workspace_id', '=', workspaceId).where('kind', '=', 'request_item').execute();
    assert.equal(intake.length, 1);
    assert.equal(intake[0]!.status, 'pending');
    assert.ok(intake[0]!.storage_key.startsWith(`intake-${workspaceId}/`), 'kept under the quarantine prefix, apart from documents');
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of (await fileStore.open(intake[0]!.storage_key)) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
    }
    assert.deepEqual([size, hash.digest('hex')], [Number(intake[0]!.file_size), intake[0]!.sha256], 'the quarantined bytes are the recorded ones');
  });
}

for (const dialect of testDialects) {
  test(`${dialect}: the demo has documents sent for acceptance in every state: pending (one in amber), accepted with evidence, expired`, async (t) => {
    const database = await createTestDatabase(dialect);
    t.after(() => database.drop());
    const { db } = await connectDatabase(database.config);
    t.after(() => db.destroy());
    await migrateToLatest(db);
    const config = loadConfig({ TABA_DATA_DIR: database.dataDir });
    const fileStore = await createFileStore(config.files, { links: createDownloadLinks({ publicUrl: config.publicUrl, current: { id: 'k1', secret: 'demo-test' } }) });
    t.after(() => fileStore.close());
    const { workspaceId, contactId } = await seedDemo(db, { fileStore });

    const contact = await db.selectFrom('portal_contacts').select('customer_id').where('id', '=', contactId).executeTakeFirstOrThrow();
    const acceptances = await db
      .selectFrom('acceptances')
      .innerJoin('documents', 'documents.id', 'acceptances.document_id')
      .select(['acceptances.id', 'acceptances.customer_id', 'acceptances.status', 'acceptances.expires_at', 'acceptances.document_sha256', 'documents.sha256', 'acceptances.accepted_name', 'acceptances.accepted_ip', 'acceptances.accepted_user_agent', 'acceptances.accepted_document_sha256'])
      .where('acceptances.workspace_id', '=', workspaceId)
      .execute();
    assert.ok(acceptances.every((acceptance) => acceptance.customer_id === contact.customer_id), "the signed-in contact's customer");
    assert.ok(acceptances.every((acceptance) => acceptance.document_sha256 === acceptance.sha256), 'each of the stored documents, unchanged');
    const now = new Date().toISOString();
    const hoursLeft = (iso: string) => (Date.parse(iso) - Date.parse(now)) / 3_600_000;
    const pending = acceptances.filter((acceptance) => acceptance.status === 'pending' && acceptance.expires_at > now);
    assert.deepEqual(pending.map((acceptance) => Math.round(hoursLeft(acceptance.expires_at))).sort((a, b) => a - b), [30, 240], 'one expiring within 48 hours (amber), one in 10 days');
    assert.equal(acceptances.filter((acceptance) => acceptance.status === 'pending' && acceptance.expires_at <= now).length, 1, 'one expired');
    const accepted = acceptances.filter((acceptance) => acceptance.status === 'accepted');
    assert.equal(accepted.length, 1);
    assert.equal(accepted[0]?.accepted_name, 'Ada Lovelace');
    assert.ok(accepted[0]?.accepted_ip && accepted[0].accepted_user_agent, 'with where it was accepted from');
    assert.equal(accepted[0]?.accepted_document_sha256, accepted[0]?.sha256);
    const followUps = await db.selectFrom('follow_ups').select('source_id').where('workspace_id', '=', workspaceId).where('kind', '=', 'acceptance.accepted').execute();
    assert.deepEqual(followUps.map((followUp) => followUp.source_id), [accepted[0]?.id], "the team's follow-up on the accepted one");
  });
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectDatabase, migrateToLatest } from '../db/database.js';
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
      ['message.received', 'proposal.accepted', 'proposal.accepted', 'proposal.declined'],
    );
  });
}

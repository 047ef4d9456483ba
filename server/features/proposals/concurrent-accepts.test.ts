import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import type { PortalProposal } from '../../../sdk/contract/proposals.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { asContact, customerWithContact, signInContact } from '../../test-support/portal.js';
import { verifyAuditChain } from '../audit/repository.js';

/**
 * Another process writing to the same SQLite file all the time, as a second node sharing the
 * rate-limit table (or a `taba-portal worker`) does: one short write transaction after another.
 */
const OTHER_WRITER = `
import SQLite from 'better-sqlite3';
const sqlite = new SQLite(process.argv[1]);
sqlite.pragma('busy_timeout = 5000');
const count = sqlite.prepare("insert into rate_limits (key, window_start, count) values ('api:ip:other-node', 0, 1) on conflict (key) do update set count = count + 1");
let writes = 0;
let running = true;
process.on('message', () => { running = false; });
const next = () => {
  if (!running) return process.send({ writes }, () => process.exit(0));
  count.run();
  writes++;
  setImmediate(next);
};
process.send({ ready: true });
next();
`;

describe('concurrent accepts on SQLite', () => {
  let t: TestApp;
  let apiKey: string;
  let workspaceId: string;

  before(async () => {
    t = await createTestApp('sqlite');
    ({ apiKey, workspaceId } = await t.newWorkspace('Concurrent accepts'));
  });
  after(() => t.close());

  test('50 concurrent accepts of distinct proposals all succeed while another process writes to the file, each with one audit event', async () => {
    // Without BEGIN IMMEDIATE (server/db/database.ts) about half of them answered 500 (SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT).
    const acme = await customerWithContact(t.app, apiKey, 'Acme');
    const { accessToken } = await signInContact(t.app, apiKey, acme.contactId);
    const proposals: string[] = [];
    for (let i = 0; i < 50; i++) proposals.push(await acme.proposal(`Proposal ${i + 1}`));
    assert.equal(t.config.database.dialect, 'sqlite');
    const file = t.config.database.dialect === 'sqlite' ? t.config.database.file : '';

    const writer: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', OTHER_WRITER, file], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const [ready] = (await once(writer, 'message')) as [{ ready?: boolean }];
    assert.ok(ready.ready);
    let answers;
    try {
      const portal = asContact(t.app, accessToken);
      answers = await Promise.all(proposals.map((id) => portal('POST', `/v1/portal/proposals/${id}/accept`)));
    } finally {
      writer.send('stop');
    }
    const [{ writes }] = (await once(writer, 'message')) as [{ writes: number }];
    assert.ok(writes > 0, 'the other process wrote while the accepts ran');

    const statuses = answers.map((answer) => answer.statusCode);
    assert.deepEqual(statuses, proposals.map(() => 200), `every accept answered 200: ${answers.find((a) => a.statusCode !== 200)?.body ?? ''}`);
    for (const answer of answers) assert.equal(answer.json<PortalProposal>().status, 'accepted');

    const events = await t.app.db.selectFrom('audit_events').select('subject_id').where('workspace_id', '=', workspaceId).where('action', '=', 'proposal.accepted').execute();
    assert.deepEqual(events.map((event) => event.subject_id).sort(), [...proposals].sort(), 'one proposal.accepted event per proposal');
    assert.equal(await verifyAuditChain(t.app.db, workspaceId), null, 'the audit chain is intact');
  });
});

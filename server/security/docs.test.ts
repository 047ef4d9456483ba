/**
 * docs/security.md and the code cannot drift: its permission table must equal
 * server/lib/permissions.ts, its rate-limit table server/plugins/rate-limit.ts, and its list of
 * routes by action the route table. On a mismatch the message carries the section as it should read.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { packageRoot } from '../lib/package-root.js';
import { permissionTable, rateLimitTable, routesByAction } from './doc-tables.js';
import { securityApp, type SecurityApp } from './harness.js';

const DOC = path.join(packageRoot, 'docs', 'security.md');

/** The text between `<!-- name:start -->` and `<!-- name:end -->`. */
function section(doc: string, name: string): string {
  const start = doc.indexOf(`<!-- ${name}:start -->`);
  const end = doc.indexOf(`<!-- ${name}:end -->`);
  assert.ok(start >= 0 && end > start, `docs/security.md has no ${name} section`);
  return doc.slice(start + `<!-- ${name}:start -->`.length, end).trim();
}

describe('docs/security.md matches the code', () => {
  let s: SecurityApp;
  let doc: string;
  before(async () => {
    s = await securityApp('sqlite');
    doc = fs.readFileSync(DOC, 'utf8');
  });
  after(() => s.close());

  test('the permission table', () => {
    const expected = permissionTable();
    assert.equal(section(doc, 'permission-table'), expected, `docs/security.md's permission table should read:\n${expected}\n`);
  });

  test('the routes each action allows', () => {
    const expected = routesByAction(s.routes);
    assert.equal(section(doc, 'routes-by-action'), expected, `docs/security.md's routes by action should read:\n${expected}\n`);
  });

  test('the strict rate limits', () => {
    const expected = rateLimitTable();
    assert.equal(section(doc, 'rate-limits'), expected, `docs/security.md's rate-limit table should read:\n${expected}\n`);
  });
});

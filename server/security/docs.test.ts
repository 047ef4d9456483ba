/**
 * docs/security.md and the code cannot drift: its permission table must equal
 * server/lib/permissions.ts, its rate-limit table server/plugins/rate-limit.ts, and its list of
 * routes by action the route table. On a mismatch, `npm run docs:security` rewrites them.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { packageRoot } from '../lib/package-root.js';
import { generatedSections, permissionTable, rateLimitTable, routesByAction, sectionText, withSections } from './doc-tables.js';
import { securityApp, type SecurityApp } from './harness.js';

const DOC = path.join(packageRoot, 'docs', 'security.md');

const FIX = 'run `npm run docs:security` to rewrite it';

/** The text between `<!-- name:start -->` and `<!-- name:end -->`. */
function section(doc: string, name: string): string {
  const text = sectionText(doc, name);
  assert.ok(text !== undefined, `docs/security.md has no ${name} section`);
  return text;
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
    assert.equal(section(doc, 'permission-table'), expected, `docs/security.md's permission table differs from the code; ${FIX}. It should read:\n${expected}\n`);
  });

  test('the routes each action allows', () => {
    const expected = routesByAction(s.routes);
    assert.equal(section(doc, 'routes-by-action'), expected, `docs/security.md's routes by action differ from the code; ${FIX}. They should read:\n${expected}\n`);
  });

  test('the strict rate limits', () => {
    const expected = rateLimitTable();
    assert.equal(section(doc, 'rate-limits'), expected, `docs/security.md's rate-limit table differs from the code; ${FIX}. It should read:\n${expected}\n`);
  });

  test('npm run docs:security rewrites a stale table and keeps the prose around it', () => {
    const stale = doc.replace(/(<!-- rate-limits:start -->)[^]*?(<!-- rate-limits:end -->)/, '$1\n| stale |\n$2');
    assert.notEqual(stale, doc);
    const rewritten = withSections(stale, generatedSections(s.routes));
    assert.equal(sectionText(rewritten, 'rate-limits'), rateLimitTable());
    assert.equal(rewritten.replace(/<!-- rate-limits:start -->[^]*?<!-- rate-limits:end -->/, ''), stale.replace(/<!-- rate-limits:start -->[^]*?<!-- rate-limits:end -->/, ''));
  });
});

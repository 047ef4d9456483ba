import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../test-support/app.js';
import { testDialects } from '../test-support/databases.js';

for (const dialect of testDialects) {
  describe(`hosted portal page (${dialect})`, () => {
    let t: TestApp;

    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    test('names the business in its title by its brand name, else by the workspace’s name, under the strict CSP', async () => {
      const branded = await t.newWorkspace('Northwind Ltd', { portalEnabled: true, brand: { name: 'Northwind <Studio>' } });
      const page = await t.app.inject({ method: 'GET', url: `/portal?workspace=${branded.workspaceId}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<title>Northwind &#60;Studio&#62; · Customer portal<\/title>/);
      assert.doesNotMatch(page.body, /Northwind Ltd/);
      const csp = String(page.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'/);
      assert.match(csp, /style-src 'self'(;|$)/);
      assert.doesNotMatch(page.body, /<style|style=|<script>/, 'no inline style or script');

      const plain = await t.newWorkspace('Acme Manufacturing', { portalEnabled: true });
      const unbranded = await t.app.inject({ method: 'GET', url: `/portal?workspace=${plain.workspaceId}` });
      assert.match(unbranded.body, /<title>Acme Manufacturing · Customer portal<\/title>/);
    });

    test('lets the page show the workspace’s logo, and no other image from elsewhere', async () => {
      const branded = await t.newWorkspace('Logo Ltd', { portalEnabled: true, brand: { logoUrl: 'https://cdn.logo.example/brand/logo.png' } });
      const page = await t.app.inject({ method: 'GET', url: `/portal?workspace=${branded.workspaceId}` });
      assert.match(String(page.headers['content-security-policy']), /img-src 'self' data: https:\/\/cdn\.logo\.example;/);
      const plain = await t.newWorkspace('No Logo Ltd', { portalEnabled: true });
      const unbranded = await t.app.inject({ method: 'GET', url: `/portal?workspace=${plain.workspaceId}` });
      assert.match(String(unbranded.headers['content-security-policy']), /img-src 'self' data:;/);
    });
  });
}

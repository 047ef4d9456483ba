import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Problem } from '../sdk/contract/common.js';
import { createTestApp, type TestApp } from './test-support/app.js';
import { testDialects } from './test-support/databases.js';

for (const dialect of testDialects) {
  describe(`service basics (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
      t.app.get('/test-only/boom', async () => {
        throw new Error('secret internal detail: password=hunter2');
      });
    });
    after(() => t.close());

    test('GET /health checks the database', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/health' });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { status: 'ok', database: 'ok' });
      assert.match(String(response.headers['x-request-id']), /^req_[a-z0-9]{20}$/);
    });

    test('GET /openapi.json documents every API route with its schemas', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
      assert.equal(doc.openapi, '3.1.0');
      const expected: [string, string][] = [
        ['/v1/workspace/customers', 'get'],
        ['/v1/workspace/customers', 'post'],
        ['/v1/workspace/customers/{customerId}/contacts', 'get'],
        ['/v1/workspace/customers/{customerId}/contacts', 'post'],
        ['/v1/workspace/proposals', 'get'],
        ['/v1/workspace/proposals', 'post'],
        ['/v1/workspace/proposals/{proposalId}/send', 'post'],
        ['/v1/workspace/portal-sessions', 'post'],
        ['/v1/portal/sessions', 'post'],
        ['/v1/portal/sessions/refresh', 'post'],
        ['/v1/portal/me', 'get'],
        ['/v1/portal/proposals', 'get'],
        ['/v1/portal/proposals/{proposalId}', 'get'],
        ['/v1/portal/proposals/{proposalId}/accept', 'post'],
        ['/v1/portal/proposals/{proposalId}/decline', 'post'],
        ['/health', 'get'],
      ];
      for (const [path, method] of expected) assert.ok(doc.paths[path]?.[method], `${method.toUpperCase()} ${path} is documented`);
      const createProposal = JSON.stringify(doc.paths['/v1/workspace/proposals']?.post);
      assert.ok(createProposal.includes('fixed_fee') && createProposal.includes('hourly_rate'), 'fee models come from the contract');
    });

    test('an unknown route answers problem+json 404', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/v1/nothing-here' });
      assert.equal(response.statusCode, 404);
      assert.equal(response.headers['content-type'], 'application/problem+json');
      assert.equal(response.json<Problem>().code, 'route_not_found');
    });

    test('a server error answers 500 without internal detail', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/test-only/boom' });
      assert.equal(response.statusCode, 500);
      const problem = response.json<Problem>();
      assert.equal(problem.code, 'internal_error');
      assert.ok(!response.body.includes('hunter2'));
      assert.equal(problem.requestId, response.headers['x-request-id']);
    });

    test('malformed JSON and wrong media types answer 4xx problem+json', async () => {
      const { apiKey } = await t.newWorkspace();
      const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
      const broken = await t.app.inject({ method: 'POST', url: '/v1/workspace/customers', headers, payload: '{"name": ' });
      assert.equal(broken.statusCode, 400);
      assert.equal(broken.headers['content-type'], 'application/problem+json');
      const xml = await t.app.inject({ method: 'POST', url: '/v1/workspace/customers', headers: { ...headers, 'content-type': 'application/xml' }, payload: '<name/>' });
      assert.equal(xml.statusCode, 415);
      assert.equal(xml.json<Problem>().code, 'unsupported_media_type');
    });

    test('workspace routes need a valid API key', async () => {
      for (const authorization of [undefined, 'Bearer sk_not_a_real_key', 'Basic dXNlcjpwYXNz', 'Bearer']) {
        const response = await t.app.inject({ method: 'GET', url: '/v1/workspace/customers', headers: authorization ? { authorization } : {} });
        assert.equal(response.statusCode, 401, String(authorization));
        assert.equal(response.json<Problem>().code, 'unauthorized');
      }
    });

    test('the hosted page is a shell with a strict Content-Security-Policy and no inline script', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/portal' });
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^text\/html/);
      const csp = String(response.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
      assert.match(csp, /frame-ancestors 'none'/);
      assert.ok(response.body.includes('<taba-portal'));
      assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(response.body), 'every script has a src');
      const boot = await t.app.inject({ method: 'GET', url: '/portal/assets/hosted.js' });
      assert.equal(boot.statusCode, 200);
      assert.match(String(boot.headers['content-type']), /^text\/javascript/);
      assert.ok(boot.body.includes('history.replaceState'), 'the secret is removed from the address bar');
    });
  });
}

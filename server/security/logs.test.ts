/**
 * What the log never holds: API keys, client secrets, access and refresh tokens, member tokens.
 * The app runs at level `trace` with the production redaction (server/app.ts `logRedaction`), a
 * tenant and a contact go through their flows, and no credential appears in any log line.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { buildApp, logRedaction } from '../app.js';
import { loadConfig } from '../config.js';
import { createApiKey } from '../features/api-keys/repository.js';
import { updateSettings } from '../features/settings/repository.js';
import { createWorkspace } from '../features/workspaces/repository.js';
import { createTestDatabase } from '../test-support/databases.js';
import { randomIp } from './harness.js';

describe('logging', () => {
  test('no credential reaches the log, at level trace', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const database = await createTestDatabase('sqlite');
    const app = await buildApp({ ...loadConfig({ TABA_DATA_DIR: database.dataDir }), database: database.config }, { logger: { level: 'trace', stream } });
    try {
      const workspace = await createWorkspace(app.db, 'Logged');
      await updateSettings(app.db, workspace.id, { portalEnabled: true });
      const { secret: apiKey } = await createApiKey(app.db, workspace.id, 'backend', 'full');
      const asKey = (method: 'GET' | 'POST', url: string, payload?: object) =>
        app.inject({ method, url, payload, headers: { authorization: `Bearer ${apiKey}`, cookie: 'session=cookie-secret' }, remoteAddress: randomIp() });
      const customer = (await asKey('POST', '/v1/workspace/customers', { name: 'Logged customer' })).json<{ id: string }>();
      const contact = (await asKey('POST', `/v1/workspace/customers/${customer.id}/contacts`, { displayName: 'C', email: 'c@logged.example', role: 'Buyer' })).json<{ id: string }>();
      const { clientSecret } = (await asKey('POST', '/v1/workspace/portal-sessions', { contactId: contact.id })).json<{ clientSecret: string }>();
      const tokens = (await app.inject({ method: 'POST', url: '/v1/portal/sessions', payload: { clientSecret } })).json<{ accessToken: string; refreshToken: string }>();
      const refreshed = (await app.inject({ method: 'POST', url: '/v1/portal/sessions/refresh', payload: { refreshToken: tokens.refreshToken } })).json<{ accessToken: string; refreshToken: string }>();
      await app.inject({ method: 'GET', url: '/v1/portal/proposals', headers: { authorization: `Bearer ${refreshed.accessToken}` } });
      // Refused credentials are logged as refusals, not as what was presented.
      await app.inject({ method: 'POST', url: '/v1/portal/sessions/refresh', payload: { refreshToken: tokens.refreshToken } });
      await app.inject({ method: 'GET', url: '/v1/workspace/customers', headers: { authorization: `Bearer ${tokens.accessToken}` } });
      // A careless log call with a credential in it is redacted, at the top level or one down.
      app.log.info({ apiKey, nested: { refreshToken: refreshed.refreshToken, clientSecret } }, 'careless');

      const secrets = { apiKey, clientSecret, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, refreshed: refreshed.refreshToken, cookie: 'cookie-secret' };
      assert.ok(lines.length > 10, 'the log was captured');
      for (const [name, value] of Object.entries(secrets)) {
        const leaks = lines.filter((line) => line.includes(value));
        assert.deepEqual(leaks, [], `${name} appears in the log`);
      }
      assert.ok(lines.some((line) => line.includes('careless') && line.includes('[redacted]')));
      assert.ok(logRedaction.paths.includes('req.headers.authorization'));
    } finally {
      await app.close();
      await database.drop();
    }
  });
});

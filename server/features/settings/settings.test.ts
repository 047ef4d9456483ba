import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AuditEvent } from '../../../sdk/contract/audit.js';
import type { Page, Problem as ProblemBody } from '../../../sdk/contract/common.js';
import type { UpdateWorkspaceSettings, WorkspaceSettings } from '../../../sdk/contract/settings.js';
import { Problem } from '../../lib/problem.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { asWorkspace, customerWithContact } from '../../test-support/portal.js';
import { normaliseOrigin, updateSettings } from './repository.js';

/** What a tenant types → what is stored: exactly what a browser sends in `Origin`. */
const goodOrigins: [string, string][] = [
  ['https://www.example.com', 'https://www.example.com'],
  ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
  ['http://localhost:5173', 'http://localhost:5173'],
  ['HTTPS://Shop.Example.COM', 'https://shop.example.com'],
  ['https://example.com/', 'https://example.com'],
  ['https://example.com:443', 'https://example.com'],
  ['http://example.com:80', 'http://example.com'],
  ['https://example.com:8443', 'https://example.com:8443'],
  ['http://192.168.1.20:65535', 'http://192.168.1.20:65535'],
  ['https://my-shop.example.co.uk', 'https://my-shop.example.co.uk'],
  ['https://xn--bcher-kva.example', 'https://xn--bcher-kva.example'],
  ['https://bücher.example', 'https://xn--bcher-kva.example'],
  ['http://[::1]:3000', 'http://[::1]:3000'],
  ['http://[0:0:0:0:0:0:0:1]', 'http://[::1]'],
  ['https://[2001:DB8::1]:8443', 'https://[2001:db8::1]:8443'],
];

/** Values that no browser ever sends as an `Origin`, so allowing them could never work. */
const badOrigins: string[] = [
  "https://x'.example",
  'https://*.example.com',
  'https://shop_1.example',
  'https://-shop.example',
  'https://a..example',
  'https://example.com.',
  `https://${'a'.repeat(64)}.example`,
  'https://example.com/portal',
  'https://example.com?x=1',
  'https://example.com#top',
  'https://user:secret@example.com',
  'ftp://example.com',
  'javascript://example.com',
  'example.com',
  'null',
  '',
  'https://',
  'https://example.com:',
  'https://example.com:0',
  'https://example.com:65536',
  'https://example.com:080',
  'https://exa mple.com',
  ' https://example.com',
  'http://256.1.1.1',
  'http://010.0.0.1',
  'http://1.2.3',
  'http://0x7f.0.0.1',
  'https://shop.123',
  'http://::1',
  'http://[::1',
  'http://[fe80::1%25eth0]',
  'http://[127.0.0.1]',
];

for (const dialect of testDialects) {
  describe(`workspace settings (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    /** A workspace as `create-api-key --new-workspace` leaves it: portal off, nothing allowed. */
    const newWorkspace = async () => {
      const { workspaceId, apiKey } = await t.newWorkspace('Northwind Studio', {});
      return { workspaceId, apiKey, call: asWorkspace(t.app, apiKey) };
    };
    const settingsOf = async (call: ReturnType<typeof asWorkspace>) => {
      const response = await call('GET', '/v1/workspace/settings');
      assert.equal(response.statusCode, 200, response.body);
      return response.json<WorkspaceSettings>();
    };

    test('a full API key enables the portal, allows origins and sets the brand, and the change is audited', async () => {
      const { workspaceId, apiKey, call } = await newWorkspace();
      assert.deepEqual(await settingsOf(call), { portalEnabled: false, allowedOrigins: [], brand: { name: null, logoUrl: null, accentColor: null } });

      const body = {
        portalEnabled: true,
        allowedOrigins: ['https://www.northwind.example', 'http://127.0.0.1:4000'],
        brand: { name: '  Northwind Studio ', logoUrl: 'https://cdn.northwind.example/logo.svg', accentColor: '#0F766E' },
      };
      const updated = await call('PATCH', '/v1/workspace/settings', body);
      assert.equal(updated.statusCode, 200, updated.body);
      const expected: WorkspaceSettings = {
        portalEnabled: true,
        allowedOrigins: ['http://127.0.0.1:4000', 'https://www.northwind.example'],
        brand: { name: 'Northwind Studio', logoUrl: 'https://cdn.northwind.example/logo.svg', accentColor: '#0f766e' },
      };
      assert.deepEqual(updated.json(), expected);
      assert.deepEqual(await settingsOf(call), expected);

      // The same key can now start a portal session for a page on an allowed origin.
      const acme = await customerWithContact(t.app, apiKey);
      const minted = await call('POST', '/v1/workspace/portal-sessions', { contactId: acme.contactId, origin: 'http://127.0.0.1:4000' });
      assert.equal(minted.statusCode, 201, minted.body);
      const events = (await call('GET', `/v1/workspace/audit-events?subjectId=${workspaceId}`)).json<Page<AuditEvent>>().items;
      const changed = events.filter((event) => event.action === 'settings.updated');
      assert.equal(changed.length, 1);
      assert.equal(changed[0]?.actorType, 'api_key');
      assert.deepEqual(changed[0]?.data, body);
    });

    test('the brand changes field by field, and null clears a field', async () => {
      const { call } = await newWorkspace();
      const patch = async (input: UpdateWorkspaceSettings) => {
        const response = await call('PATCH', '/v1/workspace/settings', input);
        assert.equal(response.statusCode, 200, response.body);
        return response.json<WorkspaceSettings>().brand;
      };
      assert.deepEqual(await patch({ brand: { name: 'Northwind', accentColor: '#112233' } }), { name: 'Northwind', logoUrl: null, accentColor: '#112233' });
      assert.deepEqual(await patch({ brand: { logoUrl: 'http://localhost:4000/logo.png' } }), { name: 'Northwind', logoUrl: 'http://localhost:4000/logo.png', accentColor: '#112233' });
      assert.deepEqual(await patch({ brand: { accentColor: null } }), { name: 'Northwind', logoUrl: 'http://localhost:4000/logo.png', accentColor: null });
      assert.deepEqual(await patch({ portalEnabled: true }), { name: 'Northwind', logoUrl: 'http://localhost:4000/logo.png', accentColor: null });
      assert.deepEqual(await patch({ brand: { name: null, logoUrl: null } }), { name: null, logoUrl: null, accentColor: null });
      assert.deepEqual((await settingsOf(call)).brand, { name: null, logoUrl: null, accentColor: null });
    });

    test('a bad brand is refused with invalid_brand naming the field, and nothing changes', async () => {
      const { call } = await newWorkspace();
      await call('PATCH', '/v1/workspace/settings', { brand: { name: 'Northwind', logoUrl: 'https://northwind.example/logo.png', accentColor: '#123456' } });
      const before = await settingsOf(call);
      const cases: [UpdateWorkspaceSettings['brand'], string][] = [
        [{ name: '   ' }, 'name'],
        [{ name: 'N'.repeat(81) }, 'name'],
        [{ name: 'North\nwind' }, 'name'],
        [{ name: 'North\u0007wind' }, 'name'],
        [{ logoUrl: 'http://northwind.example/logo.png' }, 'logoUrl'],
        [{ logoUrl: 'ftp://northwind.example/logo.png' }, 'logoUrl'],
        [{ logoUrl: 'data:image/png;base64,AAAA' }, 'logoUrl'],
        [{ logoUrl: 'logo.png' }, 'logoUrl'],
        [{ logoUrl: 'https://user:pw@northwind.example/logo.png' }, 'logoUrl'],
        [{ logoUrl: "https://x'.example/logo.png" }, 'logoUrl'],
        [{ logoUrl: 'https://northwind.example/lo go.png' }, 'logoUrl'],
        [{ logoUrl: `https://northwind.example/${'a'.repeat(1980)}.png` }, 'logoUrl'],
        [{ accentColor: 'red' }, 'accentColor'],
        [{ accentColor: '#fff' }, 'accentColor'],
        [{ accentColor: '#12345g' }, 'accentColor'],
        [{ accentColor: '123456' }, 'accentColor'],
      ];
      for (const [brand, field] of cases) {
        const response = await call('PATCH', '/v1/workspace/settings', { portalEnabled: true, brand: { name: 'Changed', ...brand } });
        const where = `${JSON.stringify(brand).slice(0, 100)}: ${response.body.slice(0, 300)}`;
        assert.equal(response.statusCode, 400, where);
        assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
        const problem = response.json<ProblemBody>();
        assert.equal(problem.code, 'invalid_brand', where);
        assert.deepEqual(problem.errors?.map((error) => error.field), [`body.brand.${field}`], where);
      }
      assert.deepEqual(await settingsOf(call), before, 'a refused change changes nothing');
    });

    test('origins are stored exactly as a browser sends them in Origin', async () => {
      const { workspaceId, call } = await newWorkspace();
      for (const [input, stored] of goodOrigins) {
        const response = await call('PATCH', '/v1/workspace/settings', { allowedOrigins: [input] });
        assert.equal(response.statusCode, 200, `${input}: ${response.body}`);
        assert.deepEqual(response.json<WorkspaceSettings>().allowedOrigins, [stored], input);
        // The CLI's way in: the same rule through the repository.
        assert.equal(normaliseOrigin(input, '--allow-origin'), stored, input);
      }
      const all = await t.app.db.transaction().execute((trx) => updateSettings(trx, workspaceId, { allowedOrigins: goodOrigins.map(([input]) => input) }));
      assert.deepEqual(all.allowedOrigins, [...new Set(goodOrigins.map(([, stored]) => stored))].sort(), 'duplicates after normalising are kept once');
      assert.deepEqual((await settingsOf(call)).allowedOrigins, all.allowedOrigins, 'the same order when read again');
    });

    test('a value that is not an origin is refused with invalid_origin naming the value and the field', async () => {
      const { workspaceId, call } = await newWorkspace();
      await call('PATCH', '/v1/workspace/settings', { allowedOrigins: ['https://www.northwind.example'] });
      for (const bad of badOrigins) {
        const response = await call('PATCH', '/v1/workspace/settings', { allowedOrigins: ['https://shop.northwind.example', bad] });
        const where = `${JSON.stringify(bad)}: ${response.body}`;
        assert.equal(response.statusCode, 400, where);
        const problem = response.json<ProblemBody>();
        assert.equal(problem.code, 'invalid_origin', where);
        assert.ok(problem.detail?.includes(JSON.stringify(bad)), `the detail names the value: ${where}`);
        assert.deepEqual(problem.errors?.map((error) => error.field), ['body.allowedOrigins.1'], where);

        // The CLI's way in: the repository refuses it the same way, and names the CLI's flag.
        await assert.rejects(
          t.app.db.transaction().execute((trx) => updateSettings(trx, workspaceId, { allowedOrigins: [bad] })),
          (error: unknown) => error instanceof Problem && error.code === 'invalid_origin',
          where,
        );
        assert.throws(
          () => normaliseOrigin(bad, '--allow-origin'),
          (error: unknown) => error instanceof Problem && error.status === 400 && error.errors?.[0]?.field === '--allow-origin' && (error.detail ?? '').includes(JSON.stringify(bad)),
          where,
        );
      }
      assert.deepEqual((await settingsOf(call)).allowedOrigins, ['https://www.northwind.example'], 'nothing was stored');
    });

    test('a portal session for a page that is not an origin is refused naming body.origin', async () => {
      const { apiKey } = await t.newWorkspace('Mint');
      const acme = await customerWithContact(t.app, apiKey);
      const response = await asWorkspace(t.app, apiKey)('POST', '/v1/workspace/portal-sessions', { contactId: acme.contactId, origin: "https://x'.example" });
      assert.equal(response.statusCode, 400, response.body);
      const problem = response.json<ProblemBody>();
      assert.equal(problem.code, 'invalid_origin');
      assert.deepEqual(problem.errors?.map((error) => error.field), ['body.origin']);
    });
  });
}

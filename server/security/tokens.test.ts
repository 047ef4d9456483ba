/**
 * Token attacks: every forged or misused credential answers 401 on every authenticated route of
 * its surface (the route table is walked, not sampled). Forged tokens are made with jose; the
 * control tokens come from the app itself and must be accepted, so a 401 below means the attacked
 * property was refused, not that the route refuses everything.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { exportJWK, SignJWT } from 'jose';
import {
  MEMBER_ACCESS_TYPE,
  MEMBER_AUDIENCE,
  PORTAL_ACCESS_TYPE,
  PORTAL_AUDIENCE,
  TOKEN_ISSUER,
} from '../plugins/auth.js';
import { testDialects } from '../test-support/databases.js';
import { authenticatedRoutes, bearerCall, fillUrl, memberSelfServiceRoutes, problemCode, securityApp, validBody, type RouteInfo, type SecurityApp, type Tenant } from './harness.js';

const encoder = new TextEncoder();
const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An attacker's own RSA key pair: its private key signs, its public PEM doubles as an HMAC "secret". */
const attackerKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const attackerPublicPem = attackerKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

interface Forge {
  claims?: Record<string, unknown>;
  secret?: Uint8Array;
  alg?: string;
  iss?: string;
  aud?: string;
  iat?: number;
  exp?: number;
  nbf?: number;
}

interface Surface {
  name: 'portal' | 'workspace';
  audience: string;
  type: string;
  claims: Record<string, unknown>;
  /** A claim the surface requires besides the registered ones. */
  requiredClaim: string;
}

/** One attack: its name and the Authorization header value (undefined: none sent). */
type Attack = [string, () => Promise<string | undefined>];

function attacksOn(surface: Surface, other: Surface, secret: string, extra: Attack[]): Attack[] {
  const sign = ({ claims = {}, secret: key = encoder.encode(secret), alg = 'HS256', iss = TOKEN_ISSUER, aud = surface.audience, iat = now() - 5, exp = now() + 600, nbf }: Forge = {}) => {
    const jwt = new SignJWT({ ...surface.claims, typ: surface.type, ...claims }).setProtectedHeader({ alg }).setIssuer(iss).setAudience(aud).setIssuedAt(iat).setExpirationTime(exp);
    if (nbf !== undefined) jwt.setNotBefore(nbf);
    return jwt.sign(key);
  };
  const registered = { iss: TOKEN_ISSUER, aud: surface.audience, iat: now(), exp: now() + 600, typ: surface.type, ...surface.claims };
  return [
    ['no token', async () => undefined],
    ['not a JWT', async () => 'definitely-not-a-token'],
    ['alg none, unsigned', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(registered)}.`],
    ['alg NONE, signature stripped', async () => `${b64({ alg: 'NONE', typ: 'JWT' })}.${b64(registered)}.`],
    [
      'payload changed after signing',
      async () => {
        const [header, , signature] = (await sign()).split('.');
        return `${header}.${b64({ ...registered, ws: 'ws_someoneelse0000000000' })}.${signature}`;
      },
    ],
    ['HS256 with another secret', () => sign({ secret: encoder.encode('another-secret-entirely-0123456789abcdef') })],
    ['HS384 with the right secret (algorithm pinned)', () => sign({ alg: 'HS384' })],
    ['RS256 signed with a foreign key', () => sign({ alg: 'RS256', secret: attackerKeys.privateKey as unknown as Uint8Array })],
    ['HS256 keyed with an RSA public key PEM (HS/RS confusion)', () => sign({ secret: encoder.encode(attackerPublicPem) })],
    [
      'RS256 with the verifying key embedded in the header (jwk)',
      async () =>
        new SignJWT({ ...surface.claims, typ: surface.type })
          .setProtectedHeader({ alg: 'RS256', jwk: await exportJWK(attackerKeys.publicKey) })
          .setIssuer(TOKEN_ISSUER)
          .setAudience(surface.audience)
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(attackerKeys.privateKey),
    ],
    ['expired', () => sign({ iat: now() - 1200, exp: now() - 60 })],
    ['not yet valid (nbf in an hour)', () => sign({ nbf: now() + 3600 })],
    ['older than the 15-minute lifetime (iat an hour ago)', () => sign({ iat: now() - 3600, exp: now() + 600 })],
    ['issued years in the future (iat + 3 years)', () => sign({ iat: now() + 3 * 365 * 86_400, exp: now() + 3 * 365 * 86_400 + 600 })],
    ['issued five minutes in the future (beyond the clock skew)', () => sign({ iat: now() + 300, exp: now() + 900 })],
    ['expiring a year ahead', () => sign({ iat: now() - 5, exp: now() + 365 * 86_400 })],
    ['a lifetime of 15 minutes and 1 second', () => sign({ iat: now() - 5, exp: now() + 896 })],
    ['no iat', async () => new SignJWT({ ...surface.claims, typ: surface.type }).setProtectedHeader({ alg: 'HS256' }).setIssuer(TOKEN_ISSUER).setAudience(surface.audience).setExpirationTime(now() + 600).sign(encoder.encode(secret))],
    [`wrong audience (${other.audience})`, () => sign({ aud: other.audience })],
    ['wrong issuer', () => sign({ iss: 'https://evil.example' })],
    [`wrong type (${other.type})`, () => sign({ claims: { typ: other.type } })],
    ['wrong type (refresh)', () => sign({ claims: { typ: 'refresh' } })],
    [`missing the ${surface.requiredClaim} claim`, () => sign({ claims: { [surface.requiredClaim]: undefined } })],
    ...extra,
  ];
}

for (const dialect of testDialects) {
  describe(`token attacks (${dialect})`, () => {
    let s: SecurityApp;
    let tenant: Tenant;
    let contactId: string;
    let portal: Surface;
    let workspace: Surface;
    const tally = { classes: 0, cases: 0 };

    before(async () => {
      s = await securityApp(dialect);
      tenant = await s.tenant('Tokens');
      const customer = await tenant.customer('Token customer');
      contactId = customer.contactId;
      const decode = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
      const portalClaims = decode(await tenant.portalToken(contactId));
      const memberClaims = decode(await tenant.owner.token());
      portal = { name: 'portal', audience: PORTAL_AUDIENCE, type: PORTAL_ACCESS_TYPE, requiredClaim: 'cus', claims: pick(portalClaims, ['sub', 'ws', 'cus', 'sid']) };
      workspace = { name: 'workspace', audience: MEMBER_AUDIENCE, type: MEMBER_ACCESS_TYPE, requiredClaim: 'sid', claims: pick(memberClaims, ['sub', 'ws', 'sid']) };
    });
    after(() => s.close());

    /** Each case on each route: 401, problem+json `unauthorized`. */
    async function attackEveryRoute(t: { diagnostic(message: string): void }, surface: Surface, routes: RouteInfo[], attacks: Attack[], skip: (route: RouteInfo, attack: string) => boolean = () => false) {
      assert.ok(routes.length > 0, `no authenticated ${surface.name} routes found`);
      let cases = 0;
      for (const [name, make] of attacks) {
        const token = await make();
        for (const route of routes) {
          if (skip(route, name)) continue;
          const response = await bearerCall(s.app, token)(route.method, fillUrl(route), validBody(route));
          assert.equal(response.statusCode, 401, `${route.id} with "${name}" answered ${response.statusCode} ${response.body}`);
          assert.equal(problemCode(response), 'unauthorized', `${route.id} with "${name}"`);
          cases += 1;
        }
      }
      tally.classes += attacks.length;
      tally.cases += cases;
      t.diagnostic(`token attacks, ${surface.name}: ${attacks.length} attack classes × ${routes.length} authenticated routes = ${cases} cases, all 401`);
    }

    test('control: the app accepts its own tokens, and a jose-made token with the same claims, on every authenticated route', async () => {
      const jose = async (surface: Surface) =>
        new SignJWT({ ...surface.claims, typ: surface.type })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(TOKEN_ISSUER)
          .setAudience(surface.audience)
          .setIssuedAt()
          .setExpirationTime('10m')
          .sign(encoder.encode(s.jwtSecret));
      assert.notEqual((await bearerCall(s.app, await jose(portal))('GET', '/v1/portal/me')).statusCode, 401);
      assert.notEqual((await bearerCall(s.app, await jose(workspace))('GET', '/v1/workspace/settings')).statusCode, 401);
      // Another node's clock a little ahead: an `iat` within the allowed skew, with the full 15-minute lifetime.
      const skewed = (surface: Surface) =>
        new SignJWT({ ...surface.claims, typ: surface.type })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(TOKEN_ISSUER)
          .setAudience(surface.audience)
          .setIssuedAt(now() + 30)
          .setExpirationTime(now() + 30 + 900)
          .sign(encoder.encode(s.jwtSecret));
      assert.equal((await bearerCall(s.app, await skewed(portal))('GET', '/v1/portal/me')).statusCode, 200);
      assert.equal((await bearerCall(s.app, await skewed(workspace))('GET', '/v1/workspace/settings')).statusCode, 200);
      // A new session per route: a sign-out route must not end the session of the next one.
      for (const route of authenticatedRoutes(s.routes, 'portal')) {
        const response = await bearerCall(s.app, await tenant.portalToken(contactId))(route.method, fillUrl(route), validBody(route));
        assert.notEqual(response.statusCode, 401, `${route.id}: ${response.body}`);
      }
      for (const route of authenticatedRoutes(s.routes, 'workspace')) {
        const response = await bearerCall(s.app, await tenant.owner.token())(route.method, fillUrl(route), validBody(route));
        assert.notEqual(response.statusCode, 401, `${route.id}: ${response.body}`);
      }
    });

    test('portal routes refuse forged and misused tokens', async (t) => {
      const revokedSession = async () => {
        const token = await tenant.portalToken(contactId);
        const revoked = await tenant.asKey('POST', `/v1/workspace/contacts/${contactId}/revoke-sessions`);
        assert.equal(revoked.statusCode, 200);
        return token;
      };
      const removedContact = async () => {
        const { id: customerId, contactId: doomed } = await tenant.customer('Removed');
        const token = await tenant.portalToken(doomed);
        assert.equal((await tenant.asKey('DELETE', `/v1/workspace/customers/${customerId}/contacts/${doomed}`)).statusCode, 204);
        return token;
      };
      const sessionEnded = new Set(['a session revoked by the workspace', 'a session whose contact was removed']);
      await attackEveryRoute(
        t,
        portal,
        authenticatedRoutes(s.routes, 'portal'),
        attacksOn(portal, workspace, s.jwtSecret, [
          ['a member token (workspace) on a portal route', () => tenant.owner.token()],
          ['an API key on a portal route', async () => tenant.apiKey],
          ['a session revoked by the workspace', revokedSession],
          ['a session whose contact was removed', removedContact],
        ]),
        // As for members: a session that has ended may sign out again (204), and learns nothing.
        (route, attack) => route.id === 'POST /v1/portal/sign-out' && sessionEnded.has(attack),
      );
    });

    test('the public brand route reads no credential: any token, forged or real, gets what no token gets', async (t) => {
      const url = `/v1/portal/brand?workspace=${tenant.workspaceId}`;
      const without = await bearerCall(s.app, undefined)('GET', url);
      assert.equal(without.statusCode, 200, without.body);
      const attacks = attacksOn(portal, workspace, s.jwtSecret, [
        ['a real portal token', () => tenant.portalToken(contactId)],
        ['a member token', () => tenant.owner.token()],
        ['an API key', async () => tenant.apiKey],
      ]);
      for (const [name, make] of attacks) {
        const response = await bearerCall(s.app, await make())('GET', url);
        assert.equal(response.statusCode, 200, `${name}: ${response.body}`);
        assert.deepEqual(response.json(), without.json(), name);
      }
      t.diagnostic(`GET /v1/portal/brand: ${attacks.length} tokens, each answered as without one`);
    });

    test('workspace routes refuse forged and misused tokens', async (t) => {
      const revokedKey = async () => {
        const key = await tenant.key('full');
        assert.equal((await (await tenant.asOwner())('DELETE', `/v1/workspace/api-keys/${key.id}`)).statusCode, 204);
        return key.secret;
      };
      const revokedMemberSession = async () => {
        const token = await tenant.owner.token();
        assert.equal((await bearerCall(s.app, token)('POST', '/v1/workspace/auth/sign-out')).statusCode, 204);
        return token;
      };
      const removedMember = async () => {
        const member = await tenant.member('manager');
        const token = await member.token();
        assert.equal((await (await tenant.asOwner())('DELETE', `/v1/workspace/members/${member.memberId}`)).statusCode, 204);
        return token;
      };
      const sessionEnded = new Set(['a member session that signed out', 'a member who was removed']);
      await attackEveryRoute(
        t,
        workspace,
        authenticatedRoutes(s.routes, 'workspace'),
        attacksOn(workspace, portal, s.jwtSecret, [
          ['a portal token on a workspace route', () => tenant.portalToken(contactId)],
          ['an unknown API key', async () => 'sk_' + 'A'.repeat(43)],
          ['a revoked API key', revokedKey],
          ['a member session that signed out', revokedMemberSession],
          ['a member who was removed', removedMember],
        ]),
        // Signing out is idempotent: a signed-out session may sign out again (204), and learns nothing.
        (route, attack) => memberSelfServiceRoutes.has(route.id) && sessionEnded.has(attack),
      );
      t.diagnostic(`token attacks in all: ${tally.classes} attack classes over both surfaces, ${tally.cases} cases, all 401`);
    });
  });
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, source[key]]));
}

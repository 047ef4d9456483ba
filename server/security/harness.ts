/**
 * Shared by the security suite: an app whose route table is recorded as it is built, tenants
 * (workspaces with an owner, keys, customers, contacts) made through the API where one exists,
 * and the map from id parameter to "how to make a real object for that id".
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse, RouteOptions } from 'fastify';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import type { Dialect } from '../db/database.js';
import type { ApiKeyScope, WorkspaceRole } from '../db/schema.js';
import { createApiKey } from '../features/api-keys/repository.js';
import { openMemberSession } from '../features/members/sessions.js';
import { updateSettings } from '../features/settings/repository.js';
import { createWorkspace } from '../features/workspaces/repository.js';
import { createFollowUp } from '../features/follow-ups/repository.js';
import { features } from '../features/index.js';
import { collectObjectFactories } from '../lib/feature.js';
import { newId } from '../lib/ids.js';
import { workspaceActions, type WorkspaceAction } from '../lib/permissions.js';
import { isoNow } from '../lib/time.js';
import { createTestDatabase } from '../test-support/databases.js';
import { multipart, samples } from '../test-support/files.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RouteInfo {
  /** `METHOD url`, the way the maps below name a route. */
  id: string;
  method: Method;
  url: string;
  surface: 'portal' | 'workspace' | 'other';
  /** Declared `security: []`: reachable without a bearer token (sign-in, session exchange, …). */
  public: boolean;
  permission: WorkspaceAction | undefined;
  /** Path parameters, in order: `:proposalId` → `proposalId`. */
  params: string[];
  body: TSchema | undefined;
}

/**
 * Workspace routes that authenticate a member themselves rather than through the workspace
 * auth hook, so they declare no permission: every role may use them, an API key may not.
 */
export const memberSelfServiceRoutes: ReadonlySet<string> = new Set(['POST /v1/workspace/auth/sign-out']);

/**
 * Public routes whose ids are bound by a signature in the URL instead of a token (the local file
 * store's download links): bola.test.ts attacks them by changing signed links rather than by
 * calling them as someone else.
 */
export const signedLinkRoutes: ReadonlySet<string> = new Set(['GET /v1/downloads/:workspaceId/:documentId', 'GET /v1/intake-downloads/:workspaceId/:intakeId']);

/** Public files of the hosted page, named by a content-hashed file name: no object, no owner. */
export const publicAssetRoutes: ReadonlySet<string> = new Set(['GET /portal/assets/chunks/:file']);

const JWT_SECRET = 'security-suite-secret-0123456789abcdefghij';

export interface SecurityApp {
  app: FastifyInstance;
  config: Config;
  dialect: Dialect;
  routes: RouteInfo[];
  jwtSecret: string;
  tenant(name?: string): Promise<Tenant>;
  close(): Promise<void>;
}

/** An app on a fresh database, with its route table recorded. */
export async function securityApp(dialect: Dialect, overrides: Partial<Config> = {}): Promise<SecurityApp> {
  const database = await createTestDatabase(dialect);
  const config: Config = { ...loadConfig({ TABA_DATA_DIR: database.dataDir }), database: database.config, jwtSecret: JWT_SECRET, ...overrides };
  const recorded: RouteOptions[] = [];
  const app = await buildApp(config, { logger: process.env.TABA_TEST_LOG ? { level: 'info' } : false, onRoute: (route) => void recorded.push(route) });
  await app.ready();
  return {
    app,
    config,
    dialect,
    routes: routeTable(recorded),
    jwtSecret: JWT_SECRET,
    tenant: (name) => createTenant(app, name),
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

function routeTable(recorded: RouteOptions[]): RouteInfo[] {
  const routes = new Map<string, RouteInfo>();
  for (const route of recorded) {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD' || method === 'OPTIONS' || route.url.includes('*')) continue;
      const id = `${method} ${route.url}`;
      const schema = route.schema as { security?: unknown[]; body?: TSchema } | undefined;
      routes.set(id, {
        id,
        method: method as Method,
        url: route.url,
        surface: route.url.startsWith('/v1/portal/') ? 'portal' : route.url.startsWith('/v1/workspace/') ? 'workspace' : 'other',
        public: Array.isArray(schema?.security) && schema.security.length === 0,
        permission: (route.config as { permission?: WorkspaceAction } | undefined)?.permission,
        params: [...route.url.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1] ?? ''),
        body: schema?.body,
      });
    }
  }
  return [...routes.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** The authenticated routes of a surface: what token attacks and the role matrix walk. */
export function authenticatedRoutes(routes: RouteInfo[], surface: 'portal' | 'workspace'): RouteInfo[] {
  return routes.filter((route) => route.surface === surface && !route.public);
}

/** A syntactically valid id that names nothing: `:proposalId` → `prop_…`-like. */
export function unknownId(): string {
  return newId('nope');
}

/** The URL with every parameter filled from `ids`, or with unknown ids. */
export function fillUrl(route: RouteInfo, ids: Record<string, string> = {}): string {
  return route.url.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => encodeURIComponent(ids[name] ?? unknownId()));
}

export const randomIp = () => `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
export const marker = (label: string) => `${label}-${randomBytes(6).toString('hex')}`;

export type Call = (method: Method, url: string, body?: object) => Promise<LightMyRequestResponse>;

export function bearerCall(app: FastifyInstance, token: string | undefined): Call {
  return (method, url, body) =>
    app.inject({ method, url, payload: body, headers: token ? { authorization: `Bearer ${token}` } : {}, remoteAddress: randomIp() });
}

export interface Member {
  memberId: string;
  role: WorkspaceRole;
  /** A new session each time, signed with the app's own key. */
  token(): Promise<string>;
}

export interface Tenant {
  /** The app itself, for what a JSON call cannot do (a portal contact's multipart upload). */
  app: FastifyInstance;
  workspaceId: string;
  /** A full API key, as a tenant backend holds it. */
  apiKey: string;
  owner: Member;
  /** Calls as the full API key. */
  asKey: Call;
  /** Calls as the owner (a new session). */
  asOwner(): Promise<Call>;
  key(scope: ApiKeyScope): Promise<{ id: string; secret: string }>;
  member(role: WorkspaceRole): Promise<Member>;
  /** A customer with its first portal contact (a proposal can only be sent to a customer that has one). */
  customer(name?: string): Promise<{ id: string; contactId: string }>;
  contact(customerId: string): Promise<{ id: string; email: string }>;
  /** A sent proposal whose internal notes carry `notes`. */
  proposal(customerId: string, fields?: { title?: string; internalNotes?: string }): Promise<string>;
  invitation(): Promise<string>;
  /** A webhook endpoint made through the API (a public address literal: nothing resolves or is called). */
  webhookEndpoint(): Promise<string>;
  /** An email that ran out of attempts; written directly, since only the worker makes dead letters. */
  deadLetter(): Promise<string>;
  /** Mints a client secret with the API key and exchanges it, as `<taba-portal>` does. */
  portalToken(contactId: string): Promise<string>;
  /** Calls the portal as one of the tenant's contacts (a new session), e.g. for a factory whose object needs a customer action. */
  asContact(contactId: string): Promise<Call>;
  /** An open follow-up about one of the customer's proposals, made as a customer action makes one. */
  followUp(customerId: string, proposalId: string): Promise<string>;
  /** A thread the team started with the customer, holding an internal note (its text goes into `internalNoteTexts`). */
  thread(customerId: string): Promise<string>;
  /**
   * An active project of the customer with what must stay internal: an internal comment, an
   * unshared document, time with rates and costs (their texts and amounts go into `internalNoteTexts`);
   * and what the customer sees: a task, a visible comment, a shared document.
   */
  project(customerId: string): Promise<string>;
  /** A document shared on a new active project of the customer, uploaded through the API. */
  document(customerId: string): Promise<string>;
}

/** The text of every internal note the suite wrote: no portal answer may carry one. */
export const internalNoteTexts = new Set<string>();

async function createTenant(app: FastifyInstance, name = 'Tenant'): Promise<Tenant> {
  const workspace = await createWorkspace(app.db, name);
  await updateSettings(app.db, workspace.id, { portalEnabled: true });
  const { secret: apiKey } = await createApiKey(app.db, workspace.id, 'backend', 'full');
  const asKey = bearerCall(app, apiKey);
  const expect = async (response: Promise<LightMyRequestResponse>, status: number, what: string) => {
    const answer = await response;
    if (answer.statusCode !== status) throw new Error(`${what}: ${answer.statusCode} ${answer.body}`);
    return answer.json<{ id: string }>();
  };

  const member = async (role: WorkspaceRole): Promise<Member> => {
    // Members join through Google sign-in; here the rows are written directly so that this
    // suite does not depend on it (features/members has its own tests).
    const tag = randomBytes(5).toString('hex');
    const email = `${role}-${tag}@${name.toLowerCase().replace(/\W/g, '') || 'tenant'}.example`;
    const personId = newId('per');
    await app.db.insertInto('people').values({ id: personId, google_sub: `g-${tag}`, email, name: `${role} ${tag}`, created_at: isoNow() }).execute();
    const memberId = newId('mem');
    await app.db
      .insertInto('members')
      .values({ id: memberId, workspace_id: workspace.id, person_id: personId, email, role, status: 'active', invited_by: null, created_at: isoNow(), joined_at: isoNow() })
      .execute();
    return {
      memberId,
      role,
      async token() {
        const session = await openMemberSession(app.db, { id: memberId, workspace_id: workspace.id, role });
        return app.signMemberAccessToken({ sub: memberId, ws: workspace.id, sid: session.sessionId });
      },
    };
  };
  const owner = await member('owner');
  const asOwner = async () => bearerCall(app, await owner.token());

  const contact = async (customerId: string) => {
    const email = `contact-${randomBytes(5).toString('hex')}@customer.example`;
    const created = await expect(
      asKey('POST', `/v1/workspace/customers/${customerId}/contacts`, { displayName: 'Contact', email, role: 'Buyer' }),
      201,
      'create contact',
    );
    return { id: created.id, email };
  };

  return {
    app,
    workspaceId: workspace.id,
    apiKey,
    owner,
    asKey,
    asOwner,
    member,
    contact,
    async key(scope) {
      const created = await expect((await asOwner())('POST', '/v1/workspace/api-keys', { name: `${scope} key`, scope }), 201, 'create API key');
      return { id: created.id, secret: (created as unknown as { secret: string }).secret };
    },
    async customer(customerName = 'Customer') {
      const id = (await expect(asKey('POST', '/v1/workspace/customers', { name: customerName }), 201, 'create customer')).id;
      return { id, contactId: (await contact(id)).id };
    },
    async proposal(customerId, fields = {}) {
      const draft = await expect(
        asKey('POST', '/v1/workspace/proposals', {
          customerId,
          title: fields.title ?? 'Proposal',
          feeModel: 'hourly_rate',
          fee: { amount: 15_000, currency: 'USD' },
          summary: 'What the customer sees.',
          expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          internalNotes: fields.internalNotes ?? marker('INTERNAL'),
        }),
        201,
        'create proposal',
      );
      await expect(asKey('POST', `/v1/workspace/proposals/${draft.id}/send`), 200, 'send proposal');
      return draft.id;
    },
    async webhookEndpoint() {
      return (await expect(asKey('POST', '/v1/workspace/webhook-endpoints', webhookEndpointBody()), 201, 'create webhook endpoint')).id;
    },
    async deadLetter() {
      const id = newId('msg');
      const now = isoNow();
      await app.db
        .insertInto('outbox_messages')
        .values({ id, workspace_id: workspace.id, channel: 'email', event_type: 'member.invited', payload: '{}', recipient: 'gone@elsewhere.example', endpoint_id: null, dedupe_key: null, status: 'dead', attempts: 8, next_attempt_at: now, claimed_by: null, claimed_until: null, last_error: 'SMTP 550', created_at: now, updated_at: now, delivered_at: null })
        .execute();
      return id;
    },
    async invitation() {
      const email = `invitee-${randomBytes(5).toString('hex')}@elsewhere.example`;
      return (await expect((await asOwner())('POST', '/v1/workspace/invitations', { email, role: 'team_lead' }), 201, 'invite')).id;
    },
    async thread(customerId) {
      const started = await expect(asKey('POST', '/v1/workspace/threads', { customerId, title: 'Made by the security suite', body: 'A question for the customer.' }), 201, 'start thread');
      const threadId = (started as unknown as { thread: { id: string } }).thread.id;
      const note = marker('INTERNAL-NOTE');
      internalNoteTexts.add(note);
      await expect(asKey('POST', `/v1/workspace/threads/${threadId}/messages`, { body: note, internal: true }), 201, 'add internal note');
      return threadId;
    },
    async project(customerId) {
      const project = await expect(asKey('POST', '/v1/workspace/projects', { customerId, name: 'Made by the security suite', description: 'A project.' }), 201, 'create project');
      const base = `/v1/workspace/projects/${project.id}`;
      const note = marker('INTERNAL-COMMENT');
      const hiddenName = marker('INTERNAL-DOC');
      // Amounts nothing else in the suite uses, so that finding one in an answer means a leak.
      const rate = 731_904_265;
      const cost = 684_215_379;
      for (const text of [note, hiddenName, String(rate), String(cost)]) internalNoteTexts.add(text);
      await expect(asKey('POST', `${base}/tasks`, { name: 'Visible task', status: 'in_progress', assigneeMemberId: owner.memberId }), 201, 'create task');
      await expect(
        asKey('POST', `${base}/time-entries`, { date: '2026-11-20', hours: 2.5, billable: true, memberId: owner.memberId, hourlyRate: { amount: rate, currency: 'USD' }, hourlyCost: { amount: cost, currency: 'USD' } }),
        201,
        'log time',
      );
      await expect(asKey('POST', `${base}/comments`, { body: note, visibility: 'internal' }), 201, 'internal comment');
      await expect(asKey('POST', `${base}/comments`, { body: 'A comment for the customer.', visibility: 'customer' }), 201, 'visible comment');
      for (const [name, shared] of [[`${hiddenName}.pdf`, 'false'], ['shared.pdf', 'true']] as const) {
        const form = multipart([
          { name: 'shared', data: shared },
          { name: 'file', filename: name, contentType: 'application/pdf', data: samples.pdf() },
        ]);
        const headers = { 'content-type': form.contentType, authorization: `Bearer ${apiKey}` };
        await expect(app.inject({ method: 'POST', url: `${base}/documents`, payload: form.body, headers, remoteAddress: randomIp() }), 201, 'upload document');
      }
      return project.id;
    },
    async document(customerId) {
      const project = await expect(asKey('POST', '/v1/workspace/projects', { customerId, name: 'Made by the security suite' }), 201, 'create project');
      const form = multipart([
        { name: 'shared', data: 'true' },
        { name: 'file', filename: 'brief.pdf', contentType: 'application/pdf', data: samples.pdf() },
      ]);
      const headers = { 'content-type': form.contentType, authorization: `Bearer ${apiKey}` };
      const uploaded = app.inject({ method: 'POST', url: `/v1/workspace/projects/${project.id}/documents`, payload: form.body, headers, remoteAddress: randomIp() });
      return (await expect(uploaded, 201, 'upload document')).id;
    },
    async followUp(customerId, proposalId) {
      const followUp = await createFollowUp(app.db, {
        workspaceId: workspace.id,
        kind: 'proposal.accepted',
        sourceType: 'proposal',
        sourceId: proposalId,
        customerId,
        contactId: null,
        summary: 'Made by the security suite',
      });
      return followUp.id;
    },
    async asContact(this: Tenant, contactId: string) {
      return bearerCall(app, await this.portalToken(contactId));
    },
    async portalToken(contactId) {
      const minted = await expect(asKey('POST', '/v1/workspace/portal-sessions', { contactId }), 201, 'mint portal session');
      const { clientSecret } = minted as unknown as { clientSecret: string };
      const exchanged = await app.inject({ method: 'POST', url: '/v1/portal/sessions', payload: { clientSecret }, remoteAddress: randomIp() });
      if (exchanged.statusCode !== 200) throw new Error(`exchange: ${exchanged.statusCode} ${exchanged.body}`);
      return exchanged.json<{ accessToken: string }>().accessToken;
    },
  };
}

/** A public address literal: accepted without TABA_WEBHOOK_ALLOW_PRIVATE and without a DNS lookup. */
const webhookEndpointBody = () => ({ url: 'https://93.184.215.14/taba-hooks', eventTypes: ['proposal.accepted'] });

/** Where a victim's objects live: one tenant, one of its customers. */
export interface Owner {
  tenant: Tenant;
  customerId: string;
}

/**
 * How to make a real object for each id parameter, belonging to `owner`: each feature declares its
 * own (`objectFactories` in server/features/<x>/index.ts). A route whose path has a parameter
 * missing here fails the suite by name: add the parameter before the route can ship.
 */
export const objectFactories: Record<string, (owner: Owner) => Promise<string>> = collectObjectFactories(features);

/**
 * Valid bodies for routes whose body neither `Value.Create` nor the schema's own `examples` can
 * make valid: a fresh value on every call (unique emails), a future date, an id (patterns, formats).
 */
const bodies: Record<string, () => object> = {
  'POST /v1/workspace/customers/:customerId/contacts': () => ({
    displayName: 'Another contact',
    email: `made-${randomBytes(5).toString('hex')}@customer.example`,
    role: 'Buyer',
  }),
  'POST /v1/workspace/invitations': () => ({ email: `invitee-${randomBytes(5).toString('hex')}@elsewhere.example`, role: 'finance_reviewer' }),
  'POST /v1/workspace/members': () => ({ email: `invitee-${randomBytes(5).toString('hex')}@elsewhere.example`, role: 'finance_reviewer' }),
  'PATCH /v1/workspace/members/:memberId': () => ({ role: 'manager' }),
  'POST /v1/workspace/portal-sessions': () => ({ contactId: unknownId() }),
  'POST /v1/workspace/proposals': () => ({
    customerId: unknownId(),
    title: 'Made by the security suite',
    feeModel: 'fixed_fee',
    fee: { amount: 100, currency: 'USD' },
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  }),
  'PATCH /v1/workspace/settings': () => ({}),
  'POST /v1/workspace/webhook-endpoints': () => webhookEndpointBody(),
  'PATCH /v1/workspace/follow-ups/:followUpId': () => ({ dueAt: new Date(Date.now() + 86_400_000).toISOString() }),
  'POST /v1/workspace/threads': () => ({ customerId: unknownId(), title: 'Made by the security suite', body: 'An answer.' }),
};

/** A body the route's schema accepts (so a refusal cannot come from validation), or undefined when it takes none. */
export function validBody(route: RouteInfo): object | undefined {
  const make = bodies[route.id];
  if (make) return make();
  if (!route.body) return undefined;
  // The declaration's example, which OpenAPI shows too; a wrong one fails here rather than as a refusal.
  const example = (route.body as { examples?: unknown[] }).examples?.[0];
  if (example !== undefined) {
    if (!Value.Check(route.body, example)) throw new Error(`${route.id}: the first of its body schema's \`examples\` does not match the schema`);
    return structuredClone(example) as object;
  }
  let candidate: object | undefined;
  try {
    candidate = Value.Create(route.body) as object;
  } catch {
    candidate = undefined;
  }
  if (candidate === undefined || !Value.Check(route.body, candidate)) {
    throw new Error(`${route.id}: no valid body can be made from its schema; give the body schema \`examples\` in sdk/contract, or add a body to \`bodies\` in server/security/harness.ts`);
  }
  return candidate;
}

/** The problem code of a problem+json answer, or a description of what came instead. */
export function problemCode(response: LightMyRequestResponse): string {
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) return `(not problem+json: ${response.headers['content-type']})`;
  return response.json<{ code: string }>().code;
}

export { workspaceActions };

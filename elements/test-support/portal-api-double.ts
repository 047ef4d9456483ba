import type { Page } from '../../sdk/contract/common.js';
import type { DownloadLink, PortalDocument, PortalDocumentListQuery } from '../../sdk/contract/documents.js';
import type {
  CreatePortalMessage,
  CreatePortalThread,
  PortalMessage,
  PortalThread,
  PortalThreadCreated,
  PortalThreadListQuery,
} from '../../sdk/contract/messages.js';
import type { PortalProfile } from '../../sdk/contract/profile.js';
import type { CreatePortalComment, PortalComment, PortalProject, PortalProjectCard } from '../../sdk/contract/projects.js';
import type { DeclineProposal, PortalProposal } from '../../sdk/contract/proposals.js';
import type { PortalTokens } from '../../sdk/contract/sessions.js';
import type { CustomerChoice, RequestSignIn, SignInRequested, SignInResult, VerifySignIn } from '../../sdk/contract/sign-in.js';
import { AuthenticationError, ConflictError, ConnectionError, NotFoundError, ValidationError } from '../../sdk/errors.js';
import { Value } from 'typebox/value';
import * as contract from '../../sdk/contract/index.js';
import { isEndpoint, type Endpoint, type EndpointInput, type EndpointResult } from '../../sdk/contract/endpoint.js';
import { portalSessionEndpoints } from '../../sdk/contract/sessions.js';
import { TabaError } from '../../sdk/errors.js';
import { PortalClient, type ListOptions } from '../../sdk/portal-client.js';
import type { PortalApi } from '../shared/context.js';

let nextNumber = 1;

/** A pending proposal; override any field. */
export function proposalFixture(overrides: Partial<PortalProposal> = {}): PortalProposal {
  const number = nextNumber++;
  return {
    id: `prop_${number.toString().padStart(6, '0')}`,
    number: `PRP-${number.toString().padStart(4, '0')}`,
    title: `Proposal ${number}`,
    feeModel: 'fixed_fee',
    fee: { amount: 125000, currency: 'USD' },
    summary: 'Design and build of the new website.',
    status: 'pending',
    sentAt: '2026-11-02T09:30:00.000Z',
    expiresAt: '2026-12-02T09:30:00.000Z',
    decidedAt: null,
    declineReason: null,
    ...overrides,
  };
}

export const profileFixture: PortalProfile = {
  contact: { id: 'ctc_ada', displayName: 'Ada Lovelace', email: 'ada@example.com', role: 'Finance lead', locale: null },
  customer: { id: 'cus_analytical', name: 'Analytical Engines Ltd' },
  brand: { name: 'Northwind Studio', logoUrl: null, accentColor: null },
};

/** Tokens as the server issues them; the double never reads them. */
export function tokensFixture(): PortalTokens {
  const now = Date.now();
  return {
    tokenType: 'Bearer',
    accessToken: 'access-token',
    accessTokenExpiresAt: new Date(now + 15 * 60_000).toISOString(),
    refreshToken: 'refresh-token',
    refreshTokenExpiresAt: new Date(now + 24 * 60 * 60_000).toISOString(),
  };
}

/** A thread of the signed-in customer; override any field. */
export function threadFixture(overrides: Partial<PortalThread> = {}): PortalThread {
  const number = nextNumber++;
  return {
    id: `thr_${number.toString().padStart(6, '0')}`,
    subject: null,
    title: `Conversation ${number}`,
    createdAt: '2026-11-20T09:00:00.000Z',
    lastMessageAt: '2026-11-20T09:00:00.000Z',
    unreadCount: 0,
    ...overrides,
  };
}

/** A message from the team in `threadId`; override any field. */
export function messageFixture(threadId: string, overrides: Partial<PortalMessage> = {}): PortalMessage {
  const number = nextNumber++;
  return {
    id: `tmsg_${number.toString().padStart(6, '0')}`,
    threadId,
    body: `Message ${number}`,
    author: { type: 'team', name: 'Grace Hopper', isYou: false },
    createdAt: '2026-11-20T09:00:00.000Z',
    ...overrides,
  };
}

/** An active project of the signed-in customer, with no tasks and no hours; override any field. */
export function projectFixture(overrides: Partial<PortalProject> = {}): PortalProject {
  const number = nextNumber++;
  return {
    id: `prj_${number.toString().padStart(6, '0')}`,
    name: `Project ${number}`,
    description: 'Design and build of the new website.',
    documentCount: 0,
    lastActivityAt: '2026-11-20T09:00:00.000Z',
    totalHours: 0,
    billableHours: 0,
    tasks: [],
    ...overrides,
  };
}

/** A comment from the team on `projectId`; override any field. */
export function commentFixture(projectId: string, overrides: Partial<PortalComment> = {}): PortalComment {
  const number = nextNumber++;
  return {
    id: `cmt_${number.toString().padStart(6, '0')}`,
    projectId,
    body: `Comment ${number}`,
    author: { type: 'team', name: 'Grace Hopper', isYou: false },
    createdAt: '2026-11-20T09:00:00.000Z',
    ...overrides,
  };
}

/** A document shared on `project`; override any field. */
export function documentFixture(project: Pick<PortalProject, 'id' | 'name'>, overrides: Partial<PortalDocument> = {}): PortalDocument {
  const number = nextNumber++;
  return {
    id: `doc_${number.toString().padStart(6, '0')}`,
    name: `Document ${number}.pdf`,
    projectId: project.id,
    projectName: project.name,
    size: 245_760,
    contentType: 'application/pdf',
    uploadedAt: '2026-11-20T09:00:00.000Z',
    ...overrides,
  };
}

type Method =
  | 'projects.list'
  | 'projects.retrieve'
  | 'projectComments.list'
  | 'projectComments.create'
  | 'documents.list'
  | 'documents.createDownloadLink'
  | 'threads.list'
  | 'threads.create'
  | 'threads.retrieve'
  | 'messages.list'
  | 'messages.create'
  | 'proposals.list'
  | 'proposals.retrieve'
  | 'proposals.accept'
  | 'proposals.decline'
  | 'me'
  | 'signIn.request'
  | 'signIn.verify'
  | 'signOut'
  // Every other portal operation, by its declaration's operationId (see `answer`).
  | PortalOperationId;

/** Each endpoint the contract exports, alone or in a group such as `portalProposalEndpoints`. */
type Declared<V> = V extends Endpoint ? V : V extends object ? Extract<V[keyof V], Endpoint> : never;
type PortalEndpoint = Extract<Declared<(typeof contract)[keyof typeof contract]>, { surface: 'portal' }>;
/** A signed-in portal operation, named by the `operationId` of its declaration. */
export type PortalOperationId = PortalEndpoint['operationId'];
type OperationEndpoint<Id extends PortalOperationId> = Extract<PortalEndpoint, { operationId: Id }>;
/** What a handler reads of a request's headers: the `Idempotency-Key` a retry repeats, when one was sent. */
export interface OperationHeaders {
  idempotencyKey?: string;
}
/** How the double answers an operation: typed from its declaration, so it cannot answer what the server could not. */
export type OperationHandler<Id extends PortalOperationId> = (
  input: EndpointInput<OperationEndpoint<Id>> & OperationHeaders,
) => EndpointResult<OperationEndpoint<Id>> | Promise<EndpointResult<OperationEndpoint<Id>>>;

const portalEndpoints: readonly Endpoint[] = Object.values(contract)
  .flatMap((value: unknown) => (isEndpoint(value) ? [value] : typeof value === 'object' && value !== null ? Object.values(value).filter(isEndpoint) : []))
  .filter((declared) => declared.surface === 'portal');

/** The declaration a request is for, and its path parameters. */
function declarationOf(method: string, pathname: string): { endpoint: Endpoint; params: Record<string, string> } | undefined {
  for (const endpoint of portalEndpoints) {
    if (endpoint.method !== method) continue;
    const names: string[] = [];
    const pattern = new RegExp(`^${endpoint.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`);
    const match = pattern.exec(pathname);
    if (match) return { endpoint, params: Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')])) };
  }
  return undefined;
}

/** What an operation nobody gave an answer for returns: a value its response schema accepts (a list: an empty last page). */
function declaredAnswer(endpoint: Endpoint): unknown {
  const value = Value.Create(endpoint.response) as unknown;
  if (typeof value === 'object' && value !== null && 'items' in value && 'nextCursor' in value) return { ...value, nextCursor: null };
  return value;
}

/** `{ idempotencyKey }` when the request sent one, else nothing, so a recorded call without it stays as it was. */
function idempotencyKeyOf(headers: HeadersInit | undefined): OperationHeaders {
  const key = new Headers(headers).get('idempotency-key');
  return key === null ? {} : { idempotencyKey: key };
}

const DOUBLE_API_BASE = 'https://portal-api-double.test';

function jsonResponse(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': type } });
}

const CHOICE_TOKEN = 'choice-token';

/**
 * An in-memory `PortalApi` for element tests. It keeps state like the server does (accepting a
 * proposal changes what `list` returns), can fail a call once, and can hold calls to show loading.
 * `PortalApi` is `PortalClient`'s shape, whose methods are typed from the endpoint declarations,
 * so an answer here that the server could not give does not compile.
 */
// The groups a test does not write by hand come from PortalClient at run time (see the constructor);
// the interface gives them their declared types and checks the hand-written ones against PortalApi.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface PortalApiDouble extends PortalApi {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class PortalApiDouble implements PortalApi {
  readonly proposalStore: PortalProposal[];
  profile: PortalProfile = profileFixture;
  /** Every call, in order, with its arguments. */
  readonly calls: { method: Method; args: unknown[] }[] = [];
  /** The code and link token that sign in; anything else is refused like the server does. */
  signInCode = '123456';
  signInLinkToken = 'link-token';
  /** The customers the contact's email belongs to; with two or more, verifying asks to choose. */
  customers: CustomerChoice[] = [{ id: profileFixture.customer.id, name: profileFixture.customer.name }];
  /** Threads and, per thread id, their messages oldest first; keep them in step with `addThread`. */
  readonly threadStore: PortalThread[] = [];
  readonly messageStore = new Map<string, PortalMessage[]>();
  /** Projects in list order (the server's: most recent activity first), and per project id their comments oldest first. */
  readonly projectStore: PortalProject[] = [];
  readonly commentStore = new Map<string, PortalComment[]>();
  /** Shared documents, newest upload first. */
  readonly documentStore: PortalDocument[] = [];
  /** How many download links were made; each link's URL carries its number, so a fresh one differs. */
  downloadLinksMade = 0;
  readonly #failures = new Map<Method, unknown>();
  readonly #lostAnswers = new Set<Method>();
  /** Posts already answered, by Idempotency-Key, like the server keeps them. */
  readonly #idempotent = new Map<string, { request: string; answer: unknown }>();
  #held: Promise<void> | undefined;
  readonly #handlers = new Map<string, (input: never) => unknown>();

  constructor(proposals: PortalProposal[] = []) {
    this.proposalStore = proposals.map((proposal) => structuredClone(proposal));
    // Every group of PortalClient not written out below is the real client's, sending through
    // `#serve`: a new SDK group is on the double without an edit here.
    const client = new PortalClient({ apiBase: DOUBLE_API_BASE, clientSecret: 'double-client-secret', fetch: (input, init) => this.#serve(input, init) });
    for (const [group, value] of Object.entries(client)) {
      // Writable and configurable like a class field: a Proxy (the shell's watchClient) may only answer
      // its own view of a group for such a property, never for a frozen one.
      if (!(group in this)) Object.defineProperty(this, group, { value, enumerable: true, writable: true, configurable: true });
    }
    // Its single methods too (`home()`), bound to it, unless written out below (`me()`, `signOut()`).
    for (const name of Object.getOwnPropertyNames(PortalClient.prototype)) {
      const method = Object.getOwnPropertyDescriptor(PortalClient.prototype, name)?.value as unknown;
      if (name === 'constructor' || name in this || typeof method !== 'function') continue;
      Object.defineProperty(this, name, { value: method.bind(client), writable: true, configurable: true });
    }
  }

  /**
   * How the groups not written out here answer `operationId` (the declaration's): with what
   * `handler` returns or throws (a `TabaError` such as `NotFoundError` reaches the element as the
   * SDK would throw it). Without one, an operation answers a value its response schema accepts
   * (an empty page for a list). Calls are recorded, held and failed like the others, under the
   * operationId.
   */
  answer<Id extends PortalOperationId>(operationId: Id, handler: OperationHandler<Id>): this {
    this.#handlers.set(operationId, handler as (input: never) => unknown);
    return this;
  }

  /** The stand-in `fetch` of the generic groups: a session for the asking, then each call by its declaration. */
  async #serve(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init.method ?? 'GET';
    if (method === portalSessionEndpoints.exchange.method && url.pathname === portalSessionEndpoints.exchange.path) {
      return jsonResponse(200, { ...tokensFixture(), accessTokenExpiresAt: new Date(Date.now() + 24 * 60 * 60_000).toISOString() });
    }
    const found = declarationOf(method, url.pathname);
    // Like an unreachable server (the origin check after a failure lands here too).
    if (!found) throw new TypeError(`PortalApiDouble: no portal declaration for ${method} ${url.pathname}`);
    const { endpoint, params } = found;
    const operationInput = {
      params,
      query: endpoint.query ? Value.Convert(endpoint.query, Object.fromEntries(url.searchParams)) : undefined,
      // A multipart body (an upload) as its parts by name: a file part is the File that was sent.
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : init.body instanceof FormData ? Object.fromEntries(init.body) : undefined,
      ...idempotencyKeyOf(init.headers),
    };
    try {
      await this.#enter(endpoint.operationId as PortalOperationId, [operationInput]);
      const handler = this.#handlers.get(endpoint.operationId);
      const result = handler ? await handler(operationInput as never) : declaredAnswer(endpoint);
      // A file an operation answers (a certificate's PDF) goes out as its bytes, as the server sends it.
      if (result instanceof Blob) return new Response(result, { status: endpoint.status, headers: { 'content-type': result.type } });
      if (endpoint.status !== 204 && !Value.Check(endpoint.response, result)) {
        throw new TypeError(`PortalApiDouble: the answer to ${endpoint.operationId} does not match its declared response`);
      }
      return jsonResponse(endpoint.status, result);
    } catch (error) {
      if (!(error instanceof TabaError) || error.status === 0) throw error;
      const title = error.detail === undefined ? error.message : error.message.slice(0, -(error.detail.length + 2));
      return jsonResponse(error.status, { type: 'about:blank', title, status: error.status, code: error.code, detail: error.detail, errors: error.errors }, 'application/problem+json');
    }
  }

  /** Adds a thread with its messages (oldest first); `unreadCount` and `lastMessageAt` are the thread's own. */
  addThread(thread: PortalThread, messages: PortalMessage[] = []): PortalThread {
    this.threadStore.push(structuredClone(thread));
    this.messageStore.set(thread.id, messages.map((message) => structuredClone(message)));
    return thread;
  }

  /** Adds a project with its comments (oldest first) and shared documents (newest first). */
  addProject(project: PortalProject, { comments = [], documents = [] }: { comments?: PortalComment[]; documents?: PortalDocument[] } = {}): PortalProject {
    this.projectStore.push(structuredClone(project));
    this.commentStore.set(project.id, comments.map((comment) => structuredClone(comment)));
    this.documentStore.push(...documents.map((document) => structuredClone(document)));
    return project;
  }

  readonly projects = {
    list: async (options: ListOptions = {}): Promise<Page<PortalProjectCard>> => {
      await this.#enter('projects.list', [options]);
      const cards = this.projectStore.map(({ id, name, description, documentCount, lastActivityAt }) => ({
        id,
        name,
        description,
        documentCount,
        lastActivityAt,
      }));
      return this.#page(cards, options);
    },
    retrieve: async (projectId: string): Promise<PortalProject> => {
      await this.#enter('projects.retrieve', [projectId]);
      return structuredClone(this.#project(projectId));
    },
  };

  readonly projectComments = {
    /** Oldest first, like the server; the next page is newer. */
    list: async (projectId: string, options: ListOptions = {}): Promise<Page<PortalComment>> => {
      await this.#enter('projectComments.list', [projectId, options]);
      this.#project(projectId);
      return this.#page(this.commentStore.get(projectId) ?? [], options);
    },
    create: async (
      projectId: string,
      input: CreatePortalComment,
      options: { idempotencyKey?: string } = {},
    ): Promise<PortalComment> => {
      await this.#enter('projectComments.create', [projectId, input, options]);
      const project = this.#project(projectId);
      return this.#once('projectComments.create', options.idempotencyKey, { projectId, ...input }, () => {
        // The server's rule: code points after trimming.
        const length = [...input.body.trim()].length;
        if (length === 0 || length > 2000) {
          const code = length === 0 ? 'comment_empty' : 'comment_too_long';
          const detail = length === 0 ? 'Write something before posting.' : `A comment has at most 2,000 characters; this one has ${length}.`;
          throw new ValidationError({ type: 'about:blank', title: 'Invalid comment', status: 422, code, detail });
        }
        const now = new Date().toISOString();
        const comment = commentFixture(projectId, {
          body: input.body.trim(),
          author: { type: 'contact', name: this.profile.contact.displayName, isYou: true },
          createdAt: now,
        });
        this.commentStore.get(projectId)?.push(comment);
        project.lastActivityAt = now;
        return structuredClone(comment);
      });
    },
  };

  readonly documents = {
    list: async (options: PortalDocumentListQuery = {}): Promise<Page<PortalDocument>> => {
      await this.#enter('documents.list', [options]);
      const matching = this.documentStore.filter((document) => !options.projectId || document.projectId === options.projectId);
      return this.#page(matching, options);
    },
    createDownloadLink: async (documentId: string): Promise<DownloadLink> => {
      await this.#enter('documents.createDownloadLink', [documentId]);
      if (!this.documentStore.some((document) => document.id === documentId)) throw this.#notFound('Document not found');
      const number = ++this.downloadLinksMade;
      return {
        url: `https://files.example/${documentId}?link=${number}`,
        expiresAt: new Date(Date.now() + 5 * 60_000).toISOString(),
      };
    },
  };

  readonly threads = {
    list: async (options: PortalThreadListQuery = {}): Promise<Page<PortalThread>> => {
      await this.#enter('threads.list', [options]);
      const matching = this.threadStore
        .filter((thread) => !options.subjectType || thread.subject?.type === options.subjectType)
        .filter((thread) => !options.subjectId || thread.subject?.id === options.subjectId)
        .sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt));
      return this.#page(matching, options);
    },
    retrieve: async (threadId: string): Promise<PortalThread> => {
      await this.#enter('threads.retrieve', [threadId]);
      return structuredClone(this.#thread(threadId));
    },
    create: async (input: CreatePortalThread, options: { idempotencyKey?: string } = {}): Promise<PortalThreadCreated> => {
      await this.#enter('threads.create', [input, options]);
      return this.#once('threads.create', options.idempotencyKey, input, () => {
        const subject = input.subject ?? null;
        const about = subject ? this.proposalStore.find((proposal) => proposal.id === subject.id) : undefined;
        if (subject && !about) throw this.#notFound('Proposal not found');
        const now = new Date().toISOString();
        const thread = threadFixture({ subject, title: input.title ?? about?.title ?? '', createdAt: now, lastMessageAt: now });
        this.addThread(thread);
        return { thread: structuredClone(thread), message: this.#post(thread.id, input.body) };
      });
    },
  };

  readonly messages = {
    /** Newest first, like the server; reading marks the thread read. */
    list: async (threadId: string, options: ListOptions = {}): Promise<Page<PortalMessage>> => {
      await this.#enter('messages.list', [threadId, options]);
      this.#thread(threadId).unreadCount = 0;
      return this.#page([...(this.messageStore.get(threadId) ?? [])].reverse(), options);
    },
    create: async (
      threadId: string,
      input: CreatePortalMessage,
      options: { idempotencyKey?: string } = {},
    ): Promise<PortalMessage> => {
      await this.#enter('messages.create', [threadId, input, options]);
      this.#thread(threadId);
      return this.#once('messages.create', options.idempotencyKey, { threadId, ...input }, () =>
        this.#post(threadId, input.body),
      );
    },
  };

  readonly proposals = {
    list: async (options: ListOptions = {}): Promise<Page<PortalProposal>> => {
      await this.#enter('proposals.list', [options]);
      const start = options.cursor ? Number(options.cursor) : 0;
      const end = start + (options.limit ?? 20);
      return {
        items: this.proposalStore.slice(start, end).map((proposal) => structuredClone(proposal)),
        nextCursor: end < this.proposalStore.length ? String(end) : null,
      };
    },
    retrieve: async (proposalId: string): Promise<PortalProposal> => {
      await this.#enter('proposals.retrieve', [proposalId]);
      return structuredClone(this.#find(proposalId));
    },
    accept: async (proposalId: string): Promise<PortalProposal> => {
      await this.#enter('proposals.accept', [proposalId]);
      return this.#decide(proposalId, { status: 'accepted' });
    },
    decline: async (proposalId: string, input: DeclineProposal = {}): Promise<PortalProposal> => {
      await this.#enter('proposals.decline', [proposalId, input]);
      return this.#decide(proposalId, { status: 'declined', declineReason: input.reason ?? null });
    },
  };

  readonly signIn = {
    request: async (input: RequestSignIn): Promise<SignInRequested> => {
      await this.#enter('signIn.request', [input]);
      return { status: 'sent', expiresInSeconds: 600 };
    },
    verify: async (input: VerifySignIn): Promise<SignInResult> => {
      await this.#enter('signIn.verify', [input]);
      const accepted =
        'code' in input
          ? input.code === this.signInCode
          : 'linkToken' in input
            ? input.linkToken === this.signInLinkToken
            : input.choiceToken === CHOICE_TOKEN && this.customers.some((customer) => customer.id === input.customerId);
      if (!accepted) {
        throw new AuthenticationError({ type: 'about:blank', title: 'Invalid sign-in', status: 401, code: 'invalid_sign_in' });
      }
      if (!('choiceToken' in input) && this.customers.length > 1) {
        return { status: 'choose_customer', choiceToken: CHOICE_TOKEN, customers: structuredClone(this.customers) };
      }
      return { status: 'signed_in', tokens: tokensFixture() };
    },
  };

  async signOut(): Promise<void> {
    await this.#enter('signOut', []);
  }

  async me(): Promise<PortalProfile> {
    await this.#enter('me', []);
    return structuredClone(this.profile);
  }

  /** The next call of `method` throws `error`. */
  failNext(method: Method, error: unknown): void {
    this.#failures.set(method, error);
  }

  /** The next call of `method` does its work, then its answer is lost at the network (as when a connection drops). */
  loseNextAnswer(method: Method): void {
    this.#lostAnswers.add(method);
  }

  /** Calls wait until the returned function is called. */
  hold(): () => void {
    let release!: () => void;
    this.#held = new Promise((resolve) => {
      release = resolve;
    });
    return () => {
      this.#held = undefined;
      release();
    };
  }

  callsOf(method: Method): unknown[][] {
    return this.calls.filter((call) => call.method === method).map((call) => call.args);
  }

  async #enter(method: Method, args: unknown[]): Promise<void> {
    this.calls.push({ method, args });
    await this.#held;
    await Promise.resolve();
    if (this.#failures.has(method)) {
      const error = this.#failures.get(method);
      this.#failures.delete(method);
      throw error;
    }
  }

  #page<T>(items: T[], options: ListOptions): Page<T> {
    const start = options.cursor ? Number(options.cursor) : 0;
    const end = start + (options.limit ?? 20);
    return { items: items.slice(start, end).map((item) => structuredClone(item)), nextCursor: end < items.length ? String(end) : null };
  }

  #thread(threadId: string): PortalThread {
    const thread = this.threadStore.find((candidate) => candidate.id === threadId);
    if (!thread) throw this.#notFound('Thread not found');
    return thread;
  }

  #project(projectId: string): PortalProject {
    const project = this.projectStore.find((candidate) => candidate.id === projectId);
    if (!project) throw this.#notFound('Project not found');
    return project;
  }

  #notFound(title: string): NotFoundError {
    return new NotFoundError({ type: 'about:blank', title, status: 404, code: 'not_found' });
  }

  /** Stores a message from the signed-in contact, trimmed, as the server does. */
  #post(threadId: string, body: string): PortalMessage {
    const now = new Date().toISOString();
    const message = messageFixture(threadId, {
      body: body.trim(),
      author: { type: 'contact', name: this.profile.contact.displayName, isYou: true },
      createdAt: now,
    });
    this.messageStore.get(threadId)?.push(message);
    this.#thread(threadId).lastMessageAt = now;
    return structuredClone(message);
  }

  /** Runs `post` once per Idempotency-Key, answering a retry with the first answer; then maybe loses the answer. */
  #once<T>(method: Method, key: string | undefined, request: unknown, post: () => T): T {
    const seen = key === undefined ? undefined : this.#idempotent.get(key);
    if (seen && seen.request !== JSON.stringify(request)) {
      throw new ConflictError({ type: 'about:blank', title: 'Idempotency key reused', status: 409, code: 'idempotency_key_reused' });
    }
    const answer = seen ? (structuredClone(seen.answer) as T) : post();
    if (!seen && key !== undefined) this.#idempotent.set(key, { request: JSON.stringify(request), answer: structuredClone(answer) });
    if (this.#lostAnswers.delete(method)) {
      throw new ConnectionError({
        type: 'about:blank',
        title: 'Could not reach the portal server',
        status: 0,
        code: 'connection_failed',
        detail: 'No answer from the portal server (Failed to fetch); check the address and the network.',
      });
    }
    return answer;
  }

  #find(proposalId: string): PortalProposal {
    const proposal = this.proposalStore.find((candidate) => candidate.id === proposalId);
    if (!proposal) {
      throw new NotFoundError({ type: 'about:blank', title: 'Proposal not found', status: 404, code: 'not_found' });
    }
    return proposal;
  }

  #decide(proposalId: string, change: Partial<PortalProposal>): PortalProposal {
    const proposal = this.#find(proposalId);
    if (proposal.status !== 'pending') {
      throw new ConflictError({
        type: 'about:blank',
        title: 'Proposal already decided',
        status: 409,
        code: 'proposal_not_pending',
      });
    }
    Object.assign(proposal, { decidedAt: '2026-11-25T12:00:00.000Z' }, change);
    return structuredClone(proposal);
  }
}

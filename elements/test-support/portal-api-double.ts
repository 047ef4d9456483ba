import type { Page } from '../../sdk/contract/common.js';
import type {
  CreatePortalMessage,
  CreatePortalThread,
  PortalMessage,
  PortalThread,
  PortalThreadCreated,
  PortalThreadListQuery,
} from '../../sdk/contract/messages.js';
import type { PortalProfile } from '../../sdk/contract/profile.js';
import type { DeclineProposal, PortalProposal } from '../../sdk/contract/proposals.js';
import type { PortalTokens } from '../../sdk/contract/sessions.js';
import type { CustomerChoice, RequestSignIn, SignInRequested, SignInResult, VerifySignIn } from '../../sdk/contract/sign-in.js';
import { AuthenticationError, ConflictError, ConnectionError, NotFoundError } from '../../sdk/errors.js';
import type { ListOptions } from '../../sdk/portal-client.js';
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
  contact: { id: 'ctc_ada', displayName: 'Ada Lovelace', email: 'ada@example.com', role: 'Finance lead' },
  customer: { id: 'cus_analytical', name: 'Analytical Engines Ltd' },
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

type Method =
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
  | 'signOut';

const CHOICE_TOKEN = 'choice-token';

/**
 * An in-memory `PortalApi` for element tests. It keeps state like the server does (accepting a
 * proposal changes what `list` returns), can fail a call once, and can hold calls to show loading.
 * `PortalApi` is `PortalClient`'s shape, whose methods are typed from the endpoint declarations,
 * so an answer here that the server could not give does not compile.
 */
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
  readonly #failures = new Map<Method, unknown>();
  readonly #lostAnswers = new Set<Method>();
  /** Posts already answered, by Idempotency-Key, like the server keeps them. */
  readonly #idempotent = new Map<string, { request: string; answer: unknown }>();
  #held: Promise<void> | undefined;

  constructor(proposals: PortalProposal[] = []) {
    this.proposalStore = proposals.map((proposal) => structuredClone(proposal));
  }

  /** Adds a thread with its messages (oldest first); `unreadCount` and `lastMessageAt` are the thread's own. */
  addThread(thread: PortalThread, messages: PortalMessage[] = []): PortalThread {
    this.threadStore.push(structuredClone(thread));
    this.messageStore.set(thread.id, messages.map((message) => structuredClone(message)));
    return thread;
  }

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

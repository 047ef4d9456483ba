import type { Page } from '../../sdk/contract/common.js';
import type { PortalProfile } from '../../sdk/contract/profile.js';
import type { DeclineProposal, PortalProposal } from '../../sdk/contract/proposals.js';
import type { PortalTokens } from '../../sdk/contract/sessions.js';
import type { CustomerChoice, RequestSignIn, SignInRequested, SignInResult, VerifySignIn } from '../../sdk/contract/sign-in.js';
import { AuthenticationError, ConflictError, NotFoundError } from '../../sdk/errors.js';
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

type Method =
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
  readonly #failures = new Map<Method, unknown>();
  #held: Promise<void> | undefined;

  constructor(proposals: PortalProposal[] = []) {
    this.proposalStore = proposals.map((proposal) => structuredClone(proposal));
  }

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

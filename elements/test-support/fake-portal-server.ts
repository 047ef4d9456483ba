import type { Problem } from '../../sdk/contract/common.js';
import { endpointKey, type Endpoint, type EndpointResult } from '../../sdk/contract/endpoint.js';
import { portalThreadEndpoints, type PortalThread } from '../../sdk/contract/messages.js';
import { portalProfileEndpoints, type PortalProfile } from '../../sdk/contract/profile.js';
import { portalProposalEndpoints, type PortalProposal } from '../../sdk/contract/proposals.js';
import { portalSessionEndpoints, type PortalTokens } from '../../sdk/contract/sessions.js';
import { portalSignInEndpoints } from '../../sdk/contract/sign-in.js';
import { profileFixture } from './portal-api-double.js';

/** The API base the fake answers for; requests to anything else go to the real `fetch`. */
export const FAKE_API_BASE = 'https://portal.fake.test';

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

/**
 * The portal API's sign-in, session and read routes, answered in the page by a stand-in `fetch`,
 * so that `<taba-portal>` can be tested with the real `PortalClient` it creates itself. Tokens are
 * opaque strings; refresh tokens rotate and signing out revokes both.
 */
export class FakePortalServer {
  /** Every request, in order. */
  readonly requests: RecordedRequest[] = [];
  /** The code the "emailed" challenge accepts, and the token of the emailed link (used once). */
  code = '123456';
  linkToken: string | null = 'link-token';
  /** While false, every route answers 403 `portal_disabled`, like the server when the module is off. */
  portalEnabled = true;
  profile: PortalProfile = profileFixture;
  proposals: PortalProposal[];
  threads: PortalThread[] = [];
  readonly #accessTokens = new Set<string>();
  readonly #refreshTokens = new Set<string>();
  #issued = 0;

  constructor(proposals: PortalProposal[] = []) {
    this.proposals = proposals;
  }

  /** Ends every session, as when the workspace revokes the contact's sessions. */
  revokeSessions(): void {
    this.#accessTokens.clear();
    this.#refreshTokens.clear();
  }

  /** Answers requests to FAKE_API_BASE from now on; call the returned function to stop. */
  install(): () => void {
    const realFetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.origin !== FAKE_API_BASE) return realFetch(input, init);
      return Promise.resolve(this.#answer(url, init ?? {}));
    };
    return () => {
      window.fetch = realFetch;
    };
  }

  pathsRequested(): string[] {
    return this.requests.map((request) => `${request.method} ${request.path}`);
  }

  #answer(url: URL, init: RequestInit): Response {
    const method = init.method ?? 'GET';
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    this.requests.push({ method, path: url.pathname, body });
    if (!this.portalEnabled) return problem(403, 'portal_disabled', 'Customer portal disabled');

    const fields = (body ?? {}) as Record<string, string>;
    // Routes are matched by their declarations, so the fake cannot answer a route the server does not have.
    switch (`${method} ${url.pathname}`) {
      case endpointKey(portalSignInEndpoints.request):
        return answer(portalSignInEndpoints.request, { status: 'sent', expiresInSeconds: 600 });
      case endpointKey(portalSignInEndpoints.verify): {
        const byLink = this.linkToken !== null && fields.linkToken === this.linkToken;
        if (!byLink && (fields.code === undefined || fields.code !== this.code)) {
          return problem(401, 'invalid_sign_in', 'Invalid sign-in');
        }
        if (byLink) this.linkToken = null;
        return answer(portalSignInEndpoints.verify, { status: 'signed_in', tokens: this.#issue() });
      }
      case endpointKey(portalSessionEndpoints.refresh):
        if (!this.#refreshTokens.delete(fields.refreshToken ?? '')) {
          return problem(401, 'invalid_refresh_token', 'Invalid refresh token');
        }
        return answer(portalSessionEndpoints.refresh, this.#issue());
    }

    const token = new Headers(init.headers).get('authorization')?.replace(/^Bearer /, '') ?? '';
    if (!this.#accessTokens.has(token)) return problem(401, 'invalid_token', 'Invalid access token');
    switch (`${method} ${url.pathname}`) {
      case endpointKey(portalSignInEndpoints.signOut):
        this.revokeSessions();
        return answer(portalSignInEndpoints.signOut, undefined);
      case endpointKey(portalProfileEndpoints.retrieve):
        return answer(portalProfileEndpoints.retrieve, this.profile);
      case endpointKey(portalProposalEndpoints.list):
        return answer(portalProposalEndpoints.list, { items: this.proposals, nextCursor: null });
      case endpointKey(portalThreadEndpoints.list):
        return answer(portalThreadEndpoints.list, { items: this.threads, nextCursor: null });
      default:
        return problem(404, 'not_found', 'Not found');
    }
  }

  #issue(): PortalTokens {
    const number = ++this.#issued;
    const now = Date.now();
    const tokens: PortalTokens = {
      tokenType: 'Bearer',
      accessToken: `access-${number}`,
      accessTokenExpiresAt: new Date(now + 15 * 60_000).toISOString(),
      refreshToken: `refresh-${number}`,
      refreshTokenExpiresAt: new Date(now + 24 * 60 * 60_000).toISOString(),
    };
    this.#accessTokens.add(tokens.accessToken);
    this.#refreshTokens.add(tokens.refreshToken);
    return tokens;
  }
}

/** A `Storage` stand-in that also shows what was written. */
export class MemoryStorage {
  readonly items = new Map<string, string>();

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }

  removeItem(key: string): void {
    this.items.delete(key);
  }
}

/** The declared success answer of an endpoint, with the body its declaration types. */
function answer<E extends Endpoint>(endpoint: E, body: EndpointResult<E>): Response {
  if (endpoint.status === 204) return new Response(null, { status: 204 });
  return new Response(JSON.stringify(body), { status: endpoint.status, headers: { 'content-type': 'application/json' } });
}

function problem(status: number, code: string, title: string): Response {
  const body: Problem = { type: 'about:blank', title, status, code, requestId: `req_fake${status}` };
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } });
}

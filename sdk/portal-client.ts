import type { Page } from './contract/common.js';
import type { PortalProfile } from './contract/profile.js';
import type { DeclineProposal, PortalProposal } from './contract/proposals.js';
import type { PortalTokens } from './contract/sessions.js';
import { AuthenticationError } from './errors.js';
import { Transport, type HttpMethod, type RequestOptions } from './transport.js';

export interface PortalClientOptions {
  /** Base URL of the taba-portal server. */
  apiBase: string;
  /** A single-use secret minted by the tenant backend (`POST /v1/workspace/portal-sessions`). */
  clientSecret?: string;
  /** Called whenever a new secret is needed: first use, and when the session has ended. */
  fetchClientSecret?: () => Promise<string>;
  fetch?: typeof fetch;
}

export interface ListOptions {
  limit?: number;
  cursor?: string;
}

/** Refresh this long before the access token expires, so a request never races its expiry. */
const REFRESH_MARGIN_MS = 30_000;

/** What a signed-in portal contact can do. Tokens are obtained and refreshed automatically. */
export class PortalClient {
  readonly #transport: Transport;
  #clientSecret: string | undefined;
  readonly #fetchClientSecret: (() => Promise<string>) | undefined;
  #tokens: PortalTokens | undefined;
  #pending: Promise<PortalTokens> | undefined;

  readonly proposals = {
    list: (options: ListOptions = {}) =>
      this.#call<Page<PortalProposal>>('GET', '/v1/portal/proposals', { query: { ...options } }),
    retrieve: (proposalId: string) =>
      this.#call<PortalProposal>('GET', `/v1/portal/proposals/${encodeURIComponent(proposalId)}`),
    accept: (proposalId: string) =>
      this.#call<PortalProposal>('POST', `/v1/portal/proposals/${encodeURIComponent(proposalId)}/accept`, { body: {} }),
    decline: (proposalId: string, input: DeclineProposal = {}) =>
      this.#call<PortalProposal>('POST', `/v1/portal/proposals/${encodeURIComponent(proposalId)}/decline`, { body: input }),
  };

  constructor(options: PortalClientOptions) {
    if (!options.clientSecret && !options.fetchClientSecret) {
      throw new TypeError('PortalClient needs a clientSecret or a fetchClientSecret callback');
    }
    this.#transport = new Transport({ apiBase: options.apiBase, fetch: options.fetch });
    this.#clientSecret = options.clientSecret;
    this.#fetchClientSecret = options.fetchClientSecret;
  }

  /** The signed-in contact and their customer. */
  me(): Promise<PortalProfile> {
    return this.#call<PortalProfile>('GET', '/v1/portal/me');
  }

  async #call<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    const tokens = await this.#session();
    try {
      return await this.#transport.request<T>(method, path, { ...options, token: tokens.accessToken });
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      // The token may have been revoked or the clock skewed: renew once and retry.
      this.#expire(tokens);
      const renewed = await this.#session();
      return this.#transport.request<T>(method, path, { ...options, token: renewed.accessToken });
    }
  }

  #expire(tokens: PortalTokens): void {
    if (this.#tokens === tokens) this.#tokens = { ...tokens, accessTokenExpiresAt: new Date(0).toISOString() };
  }

  #session(): Promise<PortalTokens> {
    const current = this.#tokens;
    if (current && Date.parse(current.accessTokenExpiresAt) - Date.now() > REFRESH_MARGIN_MS) {
      return Promise.resolve(current);
    }
    this.#pending ??= this.#renew(current).finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #renew(current: PortalTokens | undefined): Promise<PortalTokens> {
    if (current && Date.parse(current.refreshTokenExpiresAt) > Date.now()) {
      try {
        this.#tokens = await this.#transport.request<PortalTokens>('POST', '/v1/portal/sessions/refresh', {
          body: { refreshToken: current.refreshToken },
        });
        return this.#tokens;
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        this.#tokens = undefined;
      }
    }
    const clientSecret = await this.#nextClientSecret();
    this.#tokens = await this.#transport.request<PortalTokens>('POST', '/v1/portal/sessions', {
      body: { clientSecret },
    });
    return this.#tokens;
  }

  async #nextClientSecret(): Promise<string> {
    const secret = this.#clientSecret;
    if (secret) {
      this.#clientSecret = undefined; // single use
      return secret;
    }
    if (this.#fetchClientSecret) return this.#fetchClientSecret();
    throw new AuthenticationError({
      type: 'about:blank',
      title: 'The portal session has ended',
      status: 401,
      code: 'session_ended',
      detail: 'The client secret was already used; provide fetchClientSecret to start a new session.',
    });
  }
}

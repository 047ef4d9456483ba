import type { Page } from './contract/common.js';
import type { CreatePortalContact, PortalContact } from './contract/contacts.js';
import type { CreateCustomer, Customer } from './contract/customers.js';
import type { CreateProposal, Proposal, ProposalListQuery } from './contract/proposals.js';
import type { CreatePortalSession, PortalSessionSecret } from './contract/sessions.js';
import { Transport, type HttpMethod, type RequestOptions } from './transport.js';

export interface WorkspaceClientOptions {
  /** Base URL of the taba-portal server. */
  apiBase: string;
  /** A workspace API key, `sk_…`. Keep it on your server, never in a browser. */
  apiKey: string;
  fetch?: typeof fetch;
}

export interface ListOptions {
  limit?: number;
  cursor?: string;
}

/** What a tenant backend can do with a workspace API key. */
export class WorkspaceClient {
  readonly #transport: Transport;
  readonly #apiKey: string;

  readonly customers = {
    list: (options: ListOptions = {}) =>
      this.#call<Page<Customer>>('GET', '/v1/workspace/customers', { query: { ...options } }),
    create: (input: CreateCustomer) => this.#call<Customer>('POST', '/v1/workspace/customers', { body: input }),
  };

  readonly contacts = {
    list: (customerId: string, options: ListOptions = {}) =>
      this.#call<Page<PortalContact>>('GET', `/v1/workspace/customers/${encodeURIComponent(customerId)}/contacts`, {
        query: { ...options },
      }),
    create: (customerId: string, input: CreatePortalContact) =>
      this.#call<PortalContact>('POST', `/v1/workspace/customers/${encodeURIComponent(customerId)}/contacts`, {
        body: input,
      }),
  };

  readonly proposals = {
    list: (options: ProposalListQuery = {}) =>
      this.#call<Page<Proposal>>('GET', '/v1/workspace/proposals', { query: { ...options } }),
    create: (input: CreateProposal) => this.#call<Proposal>('POST', '/v1/workspace/proposals', { body: input }),
    send: (proposalId: string) =>
      this.#call<Proposal>('POST', `/v1/workspace/proposals/${encodeURIComponent(proposalId)}/send`, { body: {} }),
  };

  readonly portalSessions = {
    /** Mint a single-use client secret for a contact; hand it to `<taba-portal>`. */
    create: (input: CreatePortalSession) =>
      this.#call<PortalSessionSecret>('POST', '/v1/workspace/portal-sessions', { body: input }),
  };

  constructor(options: WorkspaceClientOptions) {
    this.#transport = new Transport({ apiBase: options.apiBase, fetch: options.fetch });
    this.#apiKey = options.apiKey;
  }

  #call<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    return this.#transport.request<T>(method, path, { ...options, token: this.#apiKey });
  }
}

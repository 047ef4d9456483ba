import type { ApiKey, CreateApiKey, CreatedApiKey } from './contract/api-keys.js';
import type { Page } from './contract/common.js';
import type { AuditEvent, AuditEventListQuery } from './contract/audit.js';
import type { CreatePortalContact, PortalContact, RevokedSessions } from './contract/contacts.js';
import type { CreateCustomer, Customer } from './contract/customers.js';
import type { CreateInvitation, GoogleSignInResult, Invitation, Member, MemberSession, MemberSignedIn, UpdateMember } from './contract/members.js';
import type { CreateProposal, Proposal, ProposalListQuery } from './contract/proposals.js';
import type { CreatePortalSession, PortalSessionSecret } from './contract/sessions.js';
import type { UpdateWorkspaceSettings, WorkspaceSettings } from './contract/settings.js';
import { Transport, type HttpMethod, type RequestOptions } from './transport.js';

export interface WorkspaceClientOptions {
  /** Base URL of the taba-portal server. */
  apiBase: string;
  /** A workspace API key, `sk_…`. Keep it on your server, never in a browser. */
  apiKey?: string;
  /**
   * Instead of an API key: a signed-in member's access token (`auth.google`, `auth.onboard`), or a
   * function answering the current one, so an app can refresh it with `auth.refresh`.
   */
  accessToken?: string | (() => string | Promise<string>);
  fetch?: typeof fetch;
}

export interface ListOptions {
  limit?: number;
  cursor?: string;
}

/** What a tenant backend (API key) or a signed-in member (access token) can do in a workspace. */
export class WorkspaceClient {
  readonly #transport: Transport;
  readonly #credential: string | (() => string | Promise<string>) | undefined;

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
    /** Removes a contact; their portal access ends at once. */
    remove: (customerId: string, contactId: string) =>
      this.#call<void>('DELETE', `/v1/workspace/customers/${encodeURIComponent(customerId)}/contacts/${encodeURIComponent(contactId)}`),
    /** Ends every portal session of a contact, e.g. after a link was forwarded by mistake. */
    revokeSessions: (contactId: string) =>
      this.#call<RevokedSessions>('POST', `/v1/workspace/contacts/${encodeURIComponent(contactId)}/revoke-sessions`, { body: {} }),
    create: (customerId: string, input: CreatePortalContact) =>
      this.#call<PortalContact>('POST', `/v1/workspace/customers/${encodeURIComponent(customerId)}/contacts`, {
        body: input,
      }),
  };

  readonly proposals = {
    list: (options: ProposalListQuery = {}) =>
      this.#call<Page<Proposal>>('GET', '/v1/workspace/proposals', { query: { ...options } }),
    create: (input: CreateProposal) => this.#call<Proposal>('POST', '/v1/workspace/proposals', { body: input }),
    retrieve: (proposalId: string) => this.#call<Proposal>('GET', `/v1/workspace/proposals/${encodeURIComponent(proposalId)}`),
    send: (proposalId: string) =>
      this.#call<Proposal>('POST', `/v1/workspace/proposals/${encodeURIComponent(proposalId)}/send`, { body: {} }),
  };

  readonly auditEvents = {
    /** The workspace's hash-chained audit trail, oldest first; `subjectId` narrows it to one object. */
    list: (options: AuditEventListQuery = {}) =>
      this.#call<Page<AuditEvent>>('GET', '/v1/workspace/audit-events', { query: { ...options } }),
  };

  readonly portalSessions = {
    /** Mint a single-use client secret for a contact; hand it to `<taba-portal>`. */
    create: (input: CreatePortalSession) =>
      this.#call<PortalSessionSecret>('POST', '/v1/workspace/portal-sessions', { body: input }),
  };

  /** The workspace's members; people join by accepting an invitation (signing in with Google as the invited email). */
  readonly members = {
    list: (options: ListOptions = {}) => this.#call<Page<Member>>('GET', '/v1/workspace/members', { query: { ...options } }),
    /** Invites by email with a role; the same as `invitations.create`. */
    invite: (input: CreateInvitation) => this.#call<Invitation>('POST', '/v1/workspace/members', { body: input }),
    update: (memberId: string, input: UpdateMember) =>
      this.#call<Member>('PATCH', `/v1/workspace/members/${encodeURIComponent(memberId)}`, { body: input }),
    remove: (memberId: string) => this.#call<void>('DELETE', `/v1/workspace/members/${encodeURIComponent(memberId)}`),
  };

  /** Pending invitations; each holds one of the workspace's seats until accepted or revoked. */
  readonly invitations = {
    list: (options: ListOptions = {}) => this.#call<Page<Invitation>>('GET', '/v1/workspace/invitations', { query: { ...options } }),
    create: (input: CreateInvitation) => this.#call<Invitation>('POST', '/v1/workspace/invitations', { body: input }),
    revoke: (invitationId: string) => this.#call<void>('DELETE', `/v1/workspace/invitations/${encodeURIComponent(invitationId)}`),
  };

  readonly apiKeys = {
    list: (options: ListOptions = {}) => this.#call<Page<ApiKey>>('GET', '/v1/workspace/api-keys', { query: { ...options } }),
    /** The answer holds the key's secret; it is never shown again. */
    create: (input: CreateApiKey) => this.#call<CreatedApiKey>('POST', '/v1/workspace/api-keys', { body: input }),
    revoke: (keyId: string) => this.#call<void>('DELETE', `/v1/workspace/api-keys/${encodeURIComponent(keyId)}`),
  };

  /** The Customer Portal module switch and the allowed embedding origins. */
  readonly settings = {
    retrieve: () => this.#call<WorkspaceSettings>('GET', '/v1/workspace/settings'),
    update: (input: UpdateWorkspaceSettings) => this.#call<WorkspaceSettings>('PATCH', '/v1/workspace/settings', { body: input }),
  };

  /** Member sign-in; these calls need no API key or access token (except `signOut`). */
  readonly auth = {
    /** Exchanges a Google ID token: `signed_in`, `choose_workspace` (call again with `workspaceId`) or `onboarding`. */
    google: (idToken: string, workspaceId?: string) =>
      this.#transport.request<GoogleSignInResult>('POST', '/v1/workspace/auth/google', { body: { idToken, workspaceId } }),
    /** Creates the first workspace of a newly signed-in person, who becomes its owner. */
    onboard: (onboardingToken: string, workspaceName: string) =>
      this.#transport.request<MemberSignedIn>('POST', '/v1/workspace/onboarding', { body: { workspaceName }, token: onboardingToken }),
    /** New tokens for a session; the refresh token passed in stops working. */
    refresh: (refreshToken: string) => this.#transport.request<MemberSession>('POST', '/v1/workspace/auth/refresh', { body: { refreshToken } }),
    /** Ends the session of this client's access token. */
    signOut: () => this.#call<void>('POST', '/v1/workspace/auth/sign-out', { body: {} }),
  };

  constructor(options: WorkspaceClientOptions) {
    if (options.apiKey !== undefined && options.accessToken !== undefined) {
      throw new TypeError('WorkspaceClient takes an apiKey or an accessToken, not both.');
    }
    this.#transport = new Transport({ apiBase: options.apiBase, fetch: options.fetch });
    this.#credential = options.apiKey ?? options.accessToken;
  }

  async #call<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    const token = typeof this.#credential === 'function' ? await this.#credential() : this.#credential;
    return this.#transport.request<T>(method, path, { ...options, token });
  }
}

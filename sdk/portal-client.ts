import { portalAcceptanceEndpoints, type AcceptAcceptance, type PortalAcceptanceListQuery } from './contract/acceptances.js';
import { portalDeliveryEndpoints, type PortalDeliveryListQuery } from './contract/deliveries.js';
import type { Endpoint, EndpointInput, EndpointResult } from './contract/endpoint.js';
import { portalEstimateEndpoints, type ApproveEstimate, type DeclineEstimate, type PortalEstimateListQuery } from './contract/estimates.js';
import { portalInvoiceEndpoints, type PortalInvoiceListQuery } from './contract/invoices.js';
import { portalPaymentProofEndpoints, type PaymentProofInput } from './contract/payment-proofs.js';
import { portalStatementEndpoints, type PortalStatementPageQuery, type PortalStatementQuery } from './contract/statements.js';
import {
  portalMessageEndpoints,
  portalThreadEndpoints,
  type CreatePortalMessage,
  type CreatePortalThread,
  type PortalThreadListQuery,
} from './contract/messages.js';
import { portalDocumentEndpoints, type PortalDocumentListQuery } from './contract/documents.js';
import { originCheckEndpoints, type OriginCheckQuery } from './contract/origin-check.js';
import { portalProjectCommentEndpoints, portalProjectEndpoints, type CreatePortalComment } from './contract/projects.js';
import { portalHomeEndpoints, type PortalHome } from './contract/home.js';
import { portalProfileEndpoints, type PortalBrand, type PortalProfile, type UpdatePortalProfile } from './contract/profile.js';
import { portalProposalEndpoints, type DeclineProposal } from './contract/proposals.js';
import { portalRequestEndpoints, type AnswerRequestItem, type PortalRequestListQuery } from './contract/requests.js';
import { portalSessionEndpoints, type PortalTokens } from './contract/sessions.js';
import { portalSignInEndpoints, type RequestSignIn, type SignInResult, type VerifySignIn } from './contract/sign-in.js';
import { AuthenticationError, ClientSecretError, TabaError } from './errors.js';
import { Transport, type SendOptions, type UploadOptions, type UploadProgress } from './transport.js';

/** Where a signed-in session may be kept across page loads (e.g. `sessionStorage`); memory only when omitted. */
export type SessionStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface PortalClientOptions {
  /** Base URL of the taba-portal server. */
  apiBase: string;
  /** Keeps the refresh token across reloads of the same tab; omit to keep tokens in memory only. */
  storage?: SessionStorage;
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

const STORAGE_KEY = 'taba-portal.session';

/** Refresh this long before the access token expires, so a request never races its expiry. */
const REFRESH_MARGIN_MS = 30_000;

/** What a signed-in portal contact can do. Tokens are obtained and refreshed automatically. */
export class PortalClient {
  readonly #transport: Transport;
  #clientSecret: string | undefined;
  readonly #fetchClientSecret: (() => Promise<string>) | undefined;
  readonly #storage: SessionStorage | undefined;
  #tokens: PortalTokens | undefined;
  #pending: Promise<PortalTokens> | undefined;

  readonly proposals = {
    list: (options: ListOptions = {}) => this.#call(portalProposalEndpoints.list, { query: options }),
    retrieve: (proposalId: string) => this.#call(portalProposalEndpoints.retrieve, { params: { proposalId } }),
    accept: (proposalId: string) => this.#call(portalProposalEndpoints.accept, { params: { proposalId } }),
    decline: (proposalId: string, input: DeclineProposal = {}) =>
      this.#call(portalProposalEndpoints.decline, { params: { proposalId }, body: input }),
  };

  /** Conversations with the team, optionally about a record (`subject`); `unreadCount` counts the team's messages this contact has not read. */
  readonly threads = {
    list: (options: PortalThreadListQuery = {}) => this.#call(portalThreadEndpoints.list, { query: options }),
    retrieve: (threadId: string) => this.#call(portalThreadEndpoints.retrieve, { params: { threadId } }),
    /** Starts a thread with its first message; pass the same `idempotencyKey` when retrying a failed send. */
    create: (input: CreatePortalThread, options: SendOptions = {}) => this.#call(portalThreadEndpoints.create, { body: input }, options),
  };

  readonly messages = {
    /** Newest first; reading marks the thread's messages read for this contact. */
    list: (threadId: string, options: ListOptions = {}) => this.#call(portalMessageEndpoints.list, { params: { threadId }, query: options }),
    /** Pass the same `idempotencyKey` when retrying a failed send: the message is stored once. */
    create: (threadId: string, input: CreatePortalMessage, options: SendOptions = {}) =>
      this.#call(portalMessageEndpoints.create, { params: { threadId }, body: input }, options),
  };

  /** The customer's active projects: hours, tasks (open work first) and, per project, its comments. */
  readonly projects = {
    list: (options: ListOptions = {}) => this.#call(portalProjectEndpoints.list, { query: options }),
    retrieve: (projectId: string) => this.#call(portalProjectEndpoints.retrieve, { params: { projectId } }),
  };

  readonly projectComments = {
    /** Oldest first: a discussion reads top to bottom, the next page is newer. */
    list: (projectId: string, options: ListOptions = {}) => this.#call(portalProjectCommentEndpoints.list, { params: { projectId }, query: options }),
    /** Pass the same `idempotencyKey` when retrying a failed send: the comment is stored once. */
    create: (projectId: string, input: CreatePortalComment, options: SendOptions = {}) =>
      this.#call(portalProjectCommentEndpoints.create, { params: { projectId }, body: input }, options),
  };

  /** Documents the team shared on the customer's projects. */
  readonly documents = {
    /** Newest upload first; `projectId` narrows it to one project. */
    list: (options: PortalDocumentListQuery = {}) => this.#call(portalDocumentEndpoints.list, { query: options }),
    /** A link that downloads the file as an attachment for a few minutes; open it as it is. */
    createDownloadLink: (documentId: string) => this.#call(portalDocumentEndpoints.createDownloadLink, { params: { documentId } }),
  };

  /** Information requests from the team: answer text items, provide files (they go to the team's review, never back as links). */
  readonly requests = {
    /** `tab: 'open'` (default) or `'completed'`; newest sent first. */
    list: (options: PortalRequestListQuery = {}) => this.#call(portalRequestEndpoints.list, { query: options }),
    retrieve: (requestId: string) => this.#call(portalRequestEndpoints.retrieve, { params: { requestId } }),
    /** Pass the same `idempotencyKey` when retrying a failed send: the answer is stored once. */
    answer: (requestId: string, itemId: string, body: AnswerRequestItem, options: SendOptions = {}) =>
      this.#call(portalRequestEndpoints.answer, { params: { requestId, itemId }, body }, options),
    /** `onUploadProgress` is reported in browsers; `filename` names a Blob that has no name of its own. */
    uploadFile: (requestId: string, itemId: string, file: Blob & { name?: string }, options: { onUploadProgress?: UploadProgress; filename?: string } = {}) =>
      this.#call(portalRequestEndpoints.uploadFile, { params: { requestId, itemId }, body: { file: namedFile(file, options.filename) } }, { onUploadProgress: options.onUploadProgress }),
  };

  /** Documents the team sent for formal acceptance: review the exact document, accept with a typed name, download the evidence. */
  readonly acceptances = {
    /** Pending first (soonest expiry first), then the rest newest sent first. */
    list: (options: PortalAcceptanceListQuery = {}) => this.#call(portalAcceptanceEndpoints.list, { query: options }),
    retrieve: (acceptanceId: string) => this.#call(portalAcceptanceEndpoints.retrieve, { params: { acceptanceId } }),
    /** A fresh link to the exact document under acceptance; ask for it when the contact opens it. */
    createDocumentLink: (acceptanceId: string) => this.#call(portalAcceptanceEndpoints.createDocumentLink, { params: { acceptanceId } }),
    /** Idempotent: accepting an accepted acceptance answers it as it is. */
    accept: (acceptanceId: string, body: AcceptAcceptance) => this.#call(portalAcceptanceEndpoints.accept, { params: { acceptanceId }, body }),
    /** The evidence certificate of an accepted acceptance, a PDF. */
    downloadCertificate: (acceptanceId: string) => this.#download(portalAcceptanceEndpoints.downloadCertificate, { params: { acceptanceId } }, 'application/pdf'),
  };

  /** Deliveries to the customer and their tracking timelines. */
  readonly deliveries = {
    /** Newest activity first. */
    list: (options: PortalDeliveryListQuery = {}) => this.#call(portalDeliveryEndpoints.list, { query: options }),
    /** With its events, oldest first. */
    retrieve: (deliveryId: string) => this.#call(portalDeliveryEndpoints.retrieve, { params: { deliveryId } }),
  };

  /** Estimates the team sent: approve one with a typed name (naming the version seen) or decline it with a reason. */
  readonly estimates = {
    /** `tab: 'open'` (default; soonest valid-until first) or `'closed'` (newest sent first). */
    list: (options: PortalEstimateListQuery = {}) => this.#call(portalEstimateEndpoints.list, { query: options }),
    retrieve: (estimateId: string) => this.#call(portalEstimateEndpoints.retrieve, { params: { estimateId } }),
    /** `version` is the one the contact saw; pass the same `idempotencyKey` when retrying. */
    approve: (estimateId: string, body: ApproveEstimate, options: SendOptions = {}) => this.#call(portalEstimateEndpoints.approve, { params: { estimateId }, body }, options),
    /** Pass the same `idempotencyKey` when retrying. */
    decline: (estimateId: string, body: DeclineEstimate, options: SendOptions = {}) => this.#call(portalEstimateEndpoints.decline, { params: { estimateId }, body }, options),
  };

  /** Invoices issued to the customer: outstanding or all, each with its lines, payments and submitted proofs of payment. */
  readonly invoices = {
    /** `tab: 'all'` (default) or `'outstanding'` (open, partially paid, overdue); newest issue date first. */
    list: (options: PortalInvoiceListQuery = {}) => this.#call(portalInvoiceEndpoints.list, { query: options }),
    retrieve: (invoiceId: string) => this.#call(portalInvoiceEndpoints.retrieve, { params: { invoiceId } }),
    /** The invoice as a PDF. */
    pdf: (invoiceId: string) => this.#download(portalInvoiceEndpoints.pdf, { params: { invoiceId } }, 'application/pdf'),
    /**
     * Sends proof of a payment (amount in minor units) with its file; it stays under review until the team accepts it.
     * `onProgress` is reported in browsers; pass the same `idempotencyKey` when retrying.
     */
    submitPaymentProof: (invoiceId: string, input: PaymentProofInput, options: { onProgress?: UploadProgress; idempotencyKey?: string; filename?: string } = {}) =>
      this.#call(
        portalPaymentProofEndpoints.submit,
        { params: { invoiceId }, body: { amount: String(input.amount), paidOn: input.paidOn, method: input.method, reference: input.reference, file: namedFile(input.file, options.filename) } },
        { onUploadProgress: options.onProgress, idempotencyKey: options.idempotencyKey },
      ),
  };

  /** The customer's statement of account: per currency, for a period (default: the last twelve months). */
  readonly statement = {
    /** The period's figures and one page of its entries (`limit`, then `cursor: nextCursor`). */
    retrieve: (query: PortalStatementPageQuery = {}) => this.#call(portalStatementEndpoints.retrieve, { query }),
    /** The same statement as a PDF. */
    pdf: (query: PortalStatementQuery = {}) => this.#download(portalStatementEndpoints.pdf, { query }, 'application/pdf'),
    /** The same statement as CSV (UTF-8). */
    csv: (query: PortalStatementQuery = {}) => this.#download(portalStatementEndpoints.csv, { query }, 'text/csv'),
  };

  /** Sign-in by email for contacts who arrive without a client secret (the hosted page, `<taba-login>`). */
  readonly signIn = {
    /** Emails a one-time link and a 6-digit code; answers alike whether or not the email is known. */
    request: (input: RequestSignIn) => this.#transport.call(portalSignInEndpoints.request, { body: input }),
    /** Exchanges a code, a link token or a customer choice; on `signed_in` this client is signed in. */
    verify: async (input: VerifySignIn): Promise<SignInResult> => {
      const result = await this.#transport.call(portalSignInEndpoints.verify, { body: input });
      if (result.status === 'signed_in') this.#setTokens(result.tokens);
      return result;
    },
  };

  constructor(options: PortalClientOptions) {
    this.#transport = new Transport({ apiBase: options.apiBase, fetch: options.fetch, checkOriginOnFailure: true });
    this.#clientSecret = options.clientSecret;
    this.#fetchClientSecret = options.fetchClientSecret;
    this.#storage = options.storage;
    // A given secret may be another contact's: it replaces whatever session the storage kept.
    if (options.clientSecret) this.#setTokens(undefined);
    else this.#tokens = this.#restore();
  }

  /** True when the client holds a session or can start one without asking the contact. */
  get canAuthenticate(): boolean {
    return this.#tokens !== undefined || this.#clientSecret !== undefined || this.#fetchClientSecret !== undefined;
  }

  /** Ends the session on the server and forgets the tokens here. */
  async signOut(): Promise<void> {
    // A renewal in flight would otherwise store fresh tokens after they were cleared here.
    await this.#pending?.catch(() => undefined);
    const tokens = this.#tokens;
    this.#setTokens(undefined);
    this.#clientSecret = undefined;
    if (!tokens) return;
    const ignoreEnded = (error: unknown) => {
      if (!(error instanceof AuthenticationError)) throw error;
      return undefined;
    };
    let accessToken: string | undefined = Date.parse(tokens.accessTokenExpiresAt) > Date.now() ? tokens.accessToken : undefined;
    if (!accessToken && Date.parse(tokens.refreshTokenExpiresAt) > Date.now()) {
      // A session restored after a reload (or idle past its access token) still lives on the
      // server: renew once so it can be ended there, not just forgotten here.
      const renewed = await this.#transport.call(portalSessionEndpoints.refresh, { body: { refreshToken: tokens.refreshToken } }).catch(ignoreEnded);
      accessToken = renewed?.accessToken;
    }
    if (accessToken) await this.#transport.call(portalSignInEndpoints.signOut, {}, accessToken).catch(ignoreEnded);
  }

  #setTokens(tokens: PortalTokens | undefined): void {
    this.#tokens = tokens;
    if (!this.#storage) return;
    if (tokens) this.#storage.setItem(STORAGE_KEY, JSON.stringify({ refreshToken: tokens.refreshToken, refreshTokenExpiresAt: tokens.refreshTokenExpiresAt }));
    else this.#storage.removeItem(STORAGE_KEY);
  }

  /** A stored refresh token becomes an expired session that the next call refreshes. */
  #restore(): PortalTokens | undefined {
    const saved = this.#storage?.getItem(STORAGE_KEY);
    if (!saved) return undefined;
    try {
      const { refreshToken, refreshTokenExpiresAt } = JSON.parse(saved) as Pick<PortalTokens, 'refreshToken' | 'refreshTokenExpiresAt'>;
      if (typeof refreshToken !== 'string' || !(Date.parse(refreshTokenExpiresAt) > Date.now())) return undefined;
      return { tokenType: 'Bearer', accessToken: '', accessTokenExpiresAt: new Date(0).toISOString(), refreshToken, refreshTokenExpiresAt };
    } catch {
      return undefined;
    }
  }

  /** The signed-in contact and their customer. */
  me(): Promise<PortalProfile> {
    return this.#call(portalProfileEndpoints.retrieve, {});
  }

  /** Changes the signed-in contact's email language (`{ locale: 'de' }`; null: English). */
  updateMe(input: UpdatePortalProfile): Promise<PortalProfile> {
    return this.#call(portalProfileEndpoints.update, { body: input });
  }

  /** What is waiting on the contact across every section, soonest deadline first: the portal's home page. */
  home(): Promise<PortalHome> {
    return this.#call(portalHomeEndpoints.retrieve, {});
  }

  /** A workspace's name, logo and accent colour, for its sign-in page; needs no session. */
  brand(workspace: string): Promise<PortalBrand> {
    return this.#transport.call(portalProfileEndpoints.brand, { query: { workspace } });
  }

  /** Whether this page's origin may use the portal API (of one workspace, or of any); needs no session. */
  checkOrigin(query: OriginCheckQuery = {}) {
    return this.#transport.call(originCheckEndpoints.check, { query });
  }

  /** Calls a portal endpoint with the session's access token, starting or renewing the session as needed. */
  async #call<E extends Endpoint & { surface: 'portal' }>(endpoint: E, input: EndpointInput<E>, options: UploadOptions = {}): Promise<EndpointResult<E>> {
    const tokens = await this.#session();
    try {
      return await this.#transport.call(endpoint, input, tokens.accessToken, options);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      // The token may have been revoked or the clock skewed: renew once and retry.
      this.#expire(tokens);
      const renewed = await this.#session();
      return this.#transport.call(endpoint, input, renewed.accessToken, options);
    }
  }

  /** Calls a portal endpoint that answers a file, as a Blob of the given type. */
  async #download<E extends Endpoint & { surface: 'portal' }>(endpoint: E, input: EndpointInput<E>, type: string): Promise<Blob> {
    const tokens = await this.#session();
    const stream = await this.#transport.stream(endpoint, input, tokens.accessToken, type);
    return new Blob([await new Response(stream).arrayBuffer()], { type });
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
        const refreshed = await this.#transport.call(portalSessionEndpoints.refresh, { body: { refreshToken: current.refreshToken } });
        this.#setTokens(refreshed);
        return refreshed;
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        this.#setTokens(undefined);
      }
    }
    const clientSecret = await this.#nextClientSecret();
    const tokens = await this.#transport.call(portalSessionEndpoints.exchange, { body: { clientSecret } });
    this.#setTokens(tokens);
    return tokens;
  }

  async #nextClientSecret(): Promise<string> {
    const secret = this.#clientSecret;
    if (secret) {
      this.#clientSecret = undefined; // single use
      return secret;
    }
    if (this.#fetchClientSecret) {
      try {
        return await this.#fetchClientSecret();
      } catch (error) {
        // Kept as it is when already ours (e.g. relayed by an SDK call); otherwise its message is what to show.
        throw error instanceof TabaError ? error : new ClientSecretError(error);
      }
    }
    throw new AuthenticationError({
      type: 'about:blank',
      title: 'Not signed in',
      status: 401,
      code: 'not_signed_in',
      detail: 'Sign in by email, or provide a clientSecret or fetchClientSecret.',
    });
  }
}

/** The file as it is, or renamed when a `filename` is given (the multipart part's filename is the name the team sees). */
function namedFile(file: Blob & { name?: string }, filename: string | undefined): Blob {
  return filename === undefined ? file : new File([file], filename, { type: file.type });
}

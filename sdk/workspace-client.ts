import { acceptanceEndpoints, type AcceptanceListQuery, type ResendAcceptance, type SendAcceptance } from './contract/acceptances.js';
import { apiKeyEndpoints, type CreateApiKey } from './contract/api-keys.js';
import { auditEventEndpoints, type AuditEvent, type AuditEventExportQuery, type AuditEventListQuery } from './contract/audit.js';
import { contactEndpoints, type CreatePortalContact, type UpdatePortalContact } from './contract/contacts.js';
import { customerEndpoints, type CreateCustomer } from './contract/customers.js';
import {
  deliveryEndpoints,
  type AppendDeliveryEvents,
  type CreateDelivery,
  type DeliveryListQuery,
  type NewDeliveryEvent,
} from './contract/deliveries.js';
import type { Endpoint, EndpointInput, EndpointResult } from './contract/endpoint.js';
import { estimateEndpoints, type ConvertEstimate, type CreateEstimate, type EstimateListQuery, type UpdateEstimate } from './contract/estimates.js';
import { invoiceEndpoints, type CreateInvoice, type InvoiceListQuery, type RecordPayment, type UpdateInvoice, type VoidInvoice } from './contract/invoices.js';
import { followUpEndpoints, type FollowUpListQuery, type UpdateFollowUp } from './contract/follow-ups.js';
import { invitationEndpoints, memberAuthEndpoints, memberEndpoints, type CreateInvitation, type UpdateMember } from './contract/members.js';
import { messageEndpoints, threadEndpoints, type CreateMessage, type CreateThread, type ThreadListQuery } from './contract/messages.js';
import { documentEndpoints, downloadEndpoints, type DownloadLinkQuery, type UpdateDocument, type UploadDocument } from './contract/documents.js';
import {
  projectCommentEndpoints,
  projectEndpoints,
  taskEndpoints,
  timeEntryEndpoints,
  type CreateComment,
  type CreateProject,
  type CreateTask,
  type CreateTimeEntry,
  type ProjectListQuery,
  type UpdateProject,
  type UpdateTask,
} from './contract/projects.js';
import { proposalEndpoints, type CreateProposal, type ProposalListQuery } from './contract/proposals.js';
import { intakeDownloadEndpoints, intakeEndpoints, type AcceptIntakeItem, type IntakeListQuery, type RejectIntakeItem } from './contract/intake.js';
import { paymentProofEndpoints, type PaymentProofListQuery, type RejectPaymentProof } from './contract/payment-proofs.js';
import { statementEndpoints, type PortalStatementPageQuery } from './contract/statements.js';
import {
  informationRequestEndpoints,
  type CreateInformationRequest,
  type InformationRequestListQuery,
  type ReturnRequestItem,
  type UpdateInformationRequest,
} from './contract/requests.js';
import { portalSessionEndpoints, type CreatePortalSession } from './contract/sessions.js';
import { settingsEndpoints, type UpdateWorkspaceSettings } from './contract/settings.js';
import { deadLetterEndpoints, webhookEndpointEndpoints, type CreateWebhookEndpoint, type UpdateWebhookEndpoint } from './contract/webhooks.js';
import { readJsonLines } from './json-lines.js';
import { Transport, type SendOptions } from './transport.js';

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
    list: (options: ListOptions = {}) => this.#call(customerEndpoints.list, { query: options }),
    create: (input: CreateCustomer) => this.#call(customerEndpoints.create, { body: input }),
  };

  readonly contacts = {
    list: (customerId: string, options: ListOptions = {}) => this.#call(contactEndpoints.list, { params: { customerId }, query: options }),
    /** Removes a contact; their portal access ends at once. */
    remove: (customerId: string, contactId: string) => this.#call(contactEndpoints.remove, { params: { customerId, contactId } }),
    /** Ends every portal session of a contact, e.g. after a link was forwarded by mistake. */
    revokeSessions: (contactId: string) => this.#call(contactEndpoints.revokeSessions, { params: { contactId } }),
    create: (customerId: string, input: CreatePortalContact) => this.#call(contactEndpoints.create, { params: { customerId }, body: input }),
    /** Changes a contact's name, role or email language (`locale: null` clears it). */
    update: (customerId: string, contactId: string, input: UpdatePortalContact) => this.#call(contactEndpoints.update, { params: { customerId, contactId }, body: input }),
  };

  readonly proposals = {
    list: (options: ProposalListQuery = {}) => this.#call(proposalEndpoints.list, { query: options }),
    create: (input: CreateProposal) => this.#call(proposalEndpoints.create, { body: input }),
    retrieve: (proposalId: string) => this.#call(proposalEndpoints.retrieve, { params: { proposalId } }),
    send: (proposalId: string) => this.#call(proposalEndpoints.send, { params: { proposalId } }),
  };

  readonly auditEvents = {
    /** The workspace's hash-chained audit trail, oldest first; `subjectId` narrows it to one object. */
    list: (options: AuditEventListQuery = {}) => this.#call(auditEventEndpoints.list, { query: options }),
    /** Recomputes the hash chain: `intact`, how many events were `checked`, and the first broken one. */
    verify: () => this.#call(auditEventEndpoints.verify, {}),
    /**
     * The trail as it streams from the server (JSON Lines), oldest first, with the list's filters:
     * `for await (const event of await client.auditEvents.export())`. A whole trail never sits in memory.
     */
    export: async (filter: AuditEventExportQuery = {}): Promise<AsyncIterable<AuditEvent>> => {
      const token = typeof this.#credential === 'function' ? await this.#credential() : this.#credential;
      return readJsonLines<AuditEvent>(await this.#transport.stream(auditEventEndpoints.export, { query: filter }, token));
    },
  };

  /** The team's work items that customer actions create; each change is audited. */
  /** Conversations with customers; `unreadCount` counts customer messages no member has read. */
  readonly threads = {
    list: (options: ThreadListQuery = {}) => this.#call(threadEndpoints.list, { query: options }),
    retrieve: (threadId: string) => this.#call(threadEndpoints.retrieve, { params: { threadId } }),
    /** Starts a thread with a customer; its first message is one the customer sees. */
    create: (input: CreateThread, options: SendOptions = {}) => this.#call(threadEndpoints.create, { body: input }, options),
  };

  readonly messages = {
    /** Newest first, internal notes included; a member's read marks the customer's messages read. */
    list: (threadId: string, options: ListOptions = {}) => this.#call(messageEndpoints.list, { params: { threadId }, query: options }),
    /** A reply to the customer, or with `internal: true` a note only the team sees. */
    create: (threadId: string, input: CreateMessage, options: SendOptions = {}) => this.#call(messageEndpoints.create, { params: { threadId }, body: input }, options),
  };

  readonly followUps = {
    /** Newest first, with `counts` by state for the same filters (the `state` filter aside). */
    list: (options: FollowUpListQuery = {}) => this.#call(followUpEndpoints.list, { query: options }),
    retrieve: (followUpId: string) => this.#call(followUpEndpoints.retrieve, { params: { followUpId } }),
    /** Assigns it (a member's id, or null) and sets or clears its due date; a new assignee is emailed. */
    update: (followUpId: string, input: UpdateFollowUp) => this.#call(followUpEndpoints.update, { params: { followUpId }, body: input }),
    complete: (followUpId: string) => this.#call(followUpEndpoints.complete, { params: { followUpId } }),
    reopen: (followUpId: string) => this.#call(followUpEndpoints.reopen, { params: { followUpId } }),
    dismiss: (followUpId: string) => this.#call(followUpEndpoints.dismiss, { params: { followUpId } }),
  };

  /** Customers' projects; an archived one leaves the customer's portal. */
  readonly projects = {
    list: (options: ProjectListQuery = {}) => this.#call(projectEndpoints.list, { query: options }),
    create: (input: CreateProject) => this.#call(projectEndpoints.create, { body: input }),
    retrieve: (projectId: string) => this.#call(projectEndpoints.retrieve, { params: { projectId } }),
    update: (projectId: string, input: UpdateProject) => this.#call(projectEndpoints.update, { params: { projectId }, body: input }),
  };

  readonly tasks = {
    list: (projectId: string, options: ListOptions = {}) => this.#call(taskEndpoints.list, { params: { projectId }, query: options }),
    create: (projectId: string, input: CreateTask) => this.#call(taskEndpoints.create, { params: { projectId }, body: input }),
    update: (taskId: string, input: UpdateTask) => this.#call(taskEndpoints.update, { params: { taskId }, body: input }),
  };

  /** Logged time; rates and costs stay in the workspace, the portal shows hours only. */
  readonly timeEntries = {
    list: (projectId: string, options: ListOptions = {}) => this.#call(timeEntryEndpoints.list, { params: { projectId }, query: options }),
    create: (projectId: string, input: CreateTimeEntry) => this.#call(timeEntryEndpoints.create, { params: { projectId }, body: input }),
  };

  readonly projectComments = {
    /** Oldest first, internal comments included. */
    list: (projectId: string, options: ListOptions = {}) => this.#call(projectCommentEndpoints.list, { params: { projectId }, query: options }),
    /** `visibility: 'customer'` shows in the portal; `'internal'` never does. */
    create: (projectId: string, input: CreateComment, options: SendOptions = {}) =>
      this.#call(projectCommentEndpoints.create, { params: { projectId }, body: input }, options),
  };

  /** Files on projects; `shared` ones are the customer's to download. */
  readonly documents = {
    list: (projectId: string, options: ListOptions = {}) => this.#call(documentEndpoints.list, { params: { projectId }, query: options }),
    /** Uploads a file (a `File` keeps its name) as `multipart/form-data`, streamed by the server. */
    upload: (projectId: string, input: UploadDocument) => this.#call(documentEndpoints.upload, { params: { projectId }, body: input }),
    update: (documentId: string, input: UpdateDocument) => this.#call(documentEndpoints.update, { params: { documentId }, body: input }),
    /** Deletes the document and its stored file. */
    delete: (documentId: string) => this.#call(documentEndpoints.delete, { params: { documentId } }),
    createDownloadLink: (documentId: string) => this.#call(documentEndpoints.createDownloadLink, { params: { documentId } }),
    /** The document's bytes: a fresh download link, followed at once. */
    download: async (documentId: string): Promise<ReadableStream<Uint8Array>> => {
      const link = await this.documents.createDownloadLink(documentId);
      const url = new URL(link.url);
      // The server's own link (local store) is followed through apiBase, which a backend may reach by another address than PUBLIC_URL.
      const local = /^\/v1\/downloads\/([^/]+)\/([^/]+)$/.exec(url.pathname);
      if (local && url.searchParams.has('sig')) {
        const query = Object.fromEntries(url.searchParams) as DownloadLinkQuery;
        return this.downloads.retrieve(decodeURIComponent(local[1]!), decodeURIComponent(local[2]!), query);
      }
      // A presigned URL of the bucket: it needs no credentials, and must not get ours.
      const response = await fetch(link.url);
      if (!response.ok || !response.body) throw new Error(`download failed: HTTP ${response.status}`);
      return response.body;
    },
  };

  /** Project documents sent to the customer for formal acceptance, with the evidence once accepted. */
  readonly acceptances = {
    list: (options: AcceptanceListQuery = {}) => this.#call(acceptanceEndpoints.list, { query: options }),
    retrieve: (acceptanceId: string) => this.#call(acceptanceEndpoints.retrieve, { params: { acceptanceId } }),
    send: (input: SendAcceptance) => this.#call(acceptanceEndpoints.send, { body: input }),
    /** A new acceptance of the document as it is now, with a new expiry; the old one becomes `superseded`. */
    resend: (acceptanceId: string, input: ResendAcceptance) => this.#call(acceptanceEndpoints.resend, { params: { acceptanceId }, body: input }),
    /** The evidence certificate of an accepted acceptance, a PDF. */
    downloadCertificate: async (acceptanceId: string): Promise<Blob> => {
      const token = typeof this.#credential === 'function' ? await this.#credential() : this.#credential;
      const stream = await this.#transport.stream(acceptanceEndpoints.downloadCertificate, { params: { acceptanceId } }, token, 'application/pdf');
      return new Blob([await new Response(stream).arrayBuffer()], { type: 'application/pdf' });
    },
  };

  /** The server's own signed download links (local file store), taken apart: `documents.download` follows them. */
  readonly downloads = {
    retrieve: (workspaceId: string, documentId: string, signature: DownloadLinkQuery) =>
      this.#transport.stream(downloadEndpoints.download, { params: { workspaceId, documentId }, query: signature }, undefined, '*/*'),
  };

  /** Information requests to customers: drafted, sent, then each answer accepted or returned with a reason. */
  readonly requests = {
    /** Newest first; filter by customer, project or status. */
    list: (options: InformationRequestListQuery = {}) => this.#call(informationRequestEndpoints.list, { query: options }),
    /** A draft, numbered `REQ-0001`, `REQ-0002`, … per workspace. */
    create: (input: CreateInformationRequest) => this.#call(informationRequestEndpoints.create, { body: input }),
    retrieve: (requestId: string) => this.#call(informationRequestEndpoints.retrieve, { params: { requestId } }),
    /** Edits a draft; `items` replaces all of them. */
    update: (requestId: string, input: UpdateInformationRequest) => this.#call(informationRequestEndpoints.update, { params: { requestId }, body: input }),
    /** Emails the customer's portal contacts; needs at least one. */
    send: (requestId: string) => this.#call(informationRequestEndpoints.send, { params: { requestId } }),
    cancel: (requestId: string) => this.#call(informationRequestEndpoints.cancel, { params: { requestId } }),
    /** Accepting the last open item completes the request. */
    acceptItem: (requestId: string, itemId: string) => this.#call(informationRequestEndpoints.acceptItem, { params: { requestId, itemId } }),
    /** The contact sees the reason, is emailed it, and answers again. */
    returnItem: (requestId: string, itemId: string, input: ReturnRequestItem) => this.#call(informationRequestEndpoints.returnItem, { params: { requestId, itemId }, body: input }),
  };

  /** Deliveries to customers and their tracking events, as your logistics system reports them. */
  readonly deliveries = {
    /** Newest first; filter by customer or status. */
    list: (options: DeliveryListQuery = {}) => this.#call(deliveryEndpoints.list, { query: options }),
    /** Links an invoice, an estimate or your order reference (at least one); starts `pending`. */
    create: (input: CreateDelivery) => this.#call(deliveryEndpoints.create, { body: input }),
    /** With its events, oldest first. */
    retrieve: (deliveryId: string) => this.#call(deliveryEndpoints.retrieve, { params: { deliveryId } }),
    /** Idempotent by the event's `id`: a repeat answers `result: 'duplicate'`; the same id with other content is a 409. */
    appendEvent: (deliveryId: string, event: NewDeliveryEvent) => this.#call(deliveryEndpoints.appendEvent, { params: { deliveryId }, body: event }),
    /** Up to 500 events of any deliveries; all refused if any is invalid, else each answered stored, duplicate or conflict. */
    appendEvents: (input: AppendDeliveryEvents) => this.#call(deliveryEndpoints.appendEvents, { body: input }),
  };

  /** Estimates to customers: drafted, sent, approved or declined by a contact, then converted into a draft invoice. */
  readonly estimates = {
    /** Newest first; filter by customer or status. */
    list: (options: EstimateListQuery = {}) => this.#call(estimateEndpoints.list, { query: options }),
    /** A draft, numbered `EST-0001`, `EST-0002`, … per workspace; the server computes every amount. */
    create: (input: CreateEstimate) => this.#call(estimateEndpoints.create, { body: input }),
    retrieve: (estimateId: string) => this.#call(estimateEndpoints.retrieve, { params: { estimateId } }),
    /** Edits a draft or sent estimate (a sent one gets a new `version`); `lines` replaces all of them. */
    update: (estimateId: string, input: UpdateEstimate) => this.#call(estimateEndpoints.update, { params: { estimateId }, body: input }),
    /** Emails the customer's portal contacts; needs at least one. */
    send: (estimateId: string) => this.#call(estimateEndpoints.send, { params: { estimateId } }),
    /** An approved estimate becomes a draft invoice (`convertedInvoiceId`). */
    convert: (estimateId: string, input: ConvertEstimate = {}) => this.#call(estimateEndpoints.convert, { params: { estimateId }, body: input }),
  };

  /** Invoices: drafted (numbered `INV-0001`, …), sent to the customer, paid by recorded payments, or voided. */
  readonly invoices = {
    /** Newest first; filter by customer or status. */
    list: (options: InvoiceListQuery = {}) => this.#call(invoiceEndpoints.list, { query: options }),
    /** A draft; the server computes every amount. */
    create: (input: CreateInvoice) => this.#call(invoiceEndpoints.create, { body: input }),
    retrieve: (invoiceId: string) => this.#call(invoiceEndpoints.retrieve, { params: { invoiceId } }),
    /** Edits a draft; `lines` replaces all of them. */
    update: (invoiceId: string, input: UpdateInvoice) => this.#call(invoiceEndpoints.update, { params: { invoiceId }, body: input }),
    /** Issues a draft: the customer sees it and its portal contacts are emailed. */
    send: (invoiceId: string) => this.#call(invoiceEndpoints.send, { params: { invoiceId } }),
    void: (invoiceId: string, input: VoidInvoice) => this.#call(invoiceEndpoints.void, { params: { invoiceId }, body: input }),
    /** At most the amount due; answers the invoice with the payment in it. */
    recordPayment: (invoiceId: string, input: RecordPayment) => this.#call(invoiceEndpoints.recordPayment, { params: { invoiceId }, body: input }),
    /** The invoice as a PDF. */
    pdf: async (invoiceId: string): Promise<Blob> => {
      const token = typeof this.#credential === 'function' ? await this.#credential() : this.#credential;
      const stream = await this.#transport.stream(invoiceEndpoints.pdf, { params: { invoiceId } }, token, 'application/pdf');
      return new Blob([await new Response(stream).arrayBuffer()], { type: 'application/pdf' });
    },
  };

  /** Proofs of payment contacts sent for invoices, under review until a finance reviewer decides. */
  readonly paymentProofs = {
    /** Newest first; filter by status, invoice or customer. */
    list: (options: PaymentProofListQuery = {}) => this.#call(paymentProofEndpoints.list, { query: options }),
    /** With its flags and, for reviewers, a fresh short-lived link to the file. */
    retrieve: (paymentProofId: string) => this.#call(paymentProofEndpoints.retrieve, { params: { paymentProofId } }),
    /** Records the payment on the invoice. */
    accept: (paymentProofId: string) => this.#call(paymentProofEndpoints.accept, { params: { paymentProofId } }),
    /** The contact sees the reason and is emailed it. */
    reject: (paymentProofId: string, input: RejectPaymentProof) => this.#call(paymentProofEndpoints.reject, { params: { paymentProofId }, body: input }),
  };

  /** Customers' statements of account. */
  readonly statements = {
    /** The statement the customer sees in the portal, for a period and currency. */
    retrieve: (customerId: string, query: PortalStatementPageQuery = {}) => this.#call(statementEndpoints.retrieve, { params: { customerId }, query }),
  };

  /** Files contacts provided, in quarantine until a reviewer accepts them. */
  readonly intake = {
    /** Newest first; filter by status, kind or customer. */
    list: (options: IntakeListQuery = {}) => this.#call(intakeEndpoints.list, { query: options }),
    retrieve: (intakeId: string) => this.#call(intakeEndpoints.retrieve, { params: { intakeId } }),
    /** A reviewer's short-lived link to the file, as an attachment. */
    createDownloadLink: (intakeId: string) => this.#call(intakeEndpoints.createDownloadLink, { params: { intakeId } }),
    /** Also accepts the request item; `publishToProjectId` copies the file into a project document. */
    accept: (intakeId: string, input: AcceptIntakeItem = {}) => this.#call(intakeEndpoints.accept, { params: { intakeId }, body: input }),
    /** Also returns the request item to the contact with the reason. */
    reject: (intakeId: string, input: RejectIntakeItem) => this.#call(intakeEndpoints.reject, { params: { intakeId }, body: input }),
    /** The file's bytes: a fresh download link, followed at once. */
    download: async (intakeId: string): Promise<ReadableStream<Uint8Array>> => {
      const link = await this.intake.createDownloadLink(intakeId);
      const url = new URL(link.url);
      // The server's own link (local store) is followed through apiBase, which a backend may reach by another address than PUBLIC_URL.
      const local = /^\/v1\/intake-downloads\/([^/]+)\/([^/]+)$/.exec(url.pathname);
      if (local && url.searchParams.has('sig')) {
        const query = Object.fromEntries(url.searchParams) as DownloadLinkQuery;
        return this.intakeDownloads.retrieve(decodeURIComponent(local[1]!), decodeURIComponent(local[2]!), query);
      }
      // A presigned URL of the bucket: it needs no credentials, and must not get ours.
      const response = await fetch(link.url);
      if (!response.ok || !response.body) throw new Error(`download failed: HTTP ${response.status}`);
      return response.body;
    },
  };

  /** The server's own signed links to intake files (local file store), taken apart: `intake.download` follows them. */
  readonly intakeDownloads = {
    retrieve: (workspaceId: string, intakeId: string, signature: DownloadLinkQuery) =>
      this.#transport.stream(intakeDownloadEndpoints.download, { params: { workspaceId, intakeId }, query: signature }, undefined, '*/*'),
  };

  readonly portalSessions = {
    /** Mint a single-use client secret for a contact; hand it to `<taba-portal>`. */
    create: (input: CreatePortalSession) => this.#call(portalSessionEndpoints.create, { body: input }),
  };

  /** The workspace's members; people join by accepting an invitation (signing in with Google as the invited email). */
  readonly members = {
    list: (options: ListOptions = {}) => this.#call(memberEndpoints.list, { query: options }),
    /** Invites by email with a role; the same as `invitations.create`. */
    invite: (input: CreateInvitation) => this.#call(memberEndpoints.invite, { body: input }),
    update: (memberId: string, input: UpdateMember) => this.#call(memberEndpoints.update, { params: { memberId }, body: input }),
    remove: (memberId: string) => this.#call(memberEndpoints.remove, { params: { memberId } }),
  };

  /** Pending invitations; each holds one of the workspace's seats until accepted or revoked. */
  readonly invitations = {
    list: (options: ListOptions = {}) => this.#call(invitationEndpoints.list, { query: options }),
    create: (input: CreateInvitation) => this.#call(invitationEndpoints.create, { body: input }),
    revoke: (invitationId: string) => this.#call(invitationEndpoints.revoke, { params: { invitationId } }),
  };

  readonly apiKeys = {
    list: (options: ListOptions = {}) => this.#call(apiKeyEndpoints.list, { query: options }),
    /** The answer holds the key's secret; it is never shown again. */
    create: (input: CreateApiKey) => this.#call(apiKeyEndpoints.create, { body: input }),
    revoke: (keyId: string) => this.#call(apiKeyEndpoints.revoke, { params: { keyId } }),
  };

  /** The Customer Portal module switch and the allowed embedding origins. */
  readonly settings = {
    retrieve: () => this.#call(settingsEndpoints.retrieve, {}),
    update: (input: UpdateWorkspaceSettings) => this.#call(settingsEndpoints.update, { body: input }),
  };

  /** Where the workspace's events are sent, signed per Standard Webhooks (docs/webhooks.md). */
  readonly webhookEndpoints = {
    /** The answer holds the endpoint's signing secret (`whsec_…`); it is never shown again. */
    create: (input: CreateWebhookEndpoint) => this.#call(webhookEndpointEndpoints.create, { body: input }),
    list: (options: ListOptions = {}) => this.#call(webhookEndpointEndpoints.list, { query: options }),
    retrieve: (endpointId: string) => this.#call(webhookEndpointEndpoints.retrieve, { params: { endpointId } }),
    update: (endpointId: string, input: UpdateWebhookEndpoint) => this.#call(webhookEndpointEndpoints.update, { params: { endpointId }, body: input }),
    delete: (endpointId: string) => this.#call(webhookEndpointEndpoints.delete, { params: { endpointId } }),
    /** Every attempt to deliver to the endpoint, newest first: status code, duration, error. */
    deliveries: (endpointId: string, options: ListOptions = {}) => this.#call(webhookEndpointEndpoints.deliveries, { params: { endpointId }, query: options }),
  };

  /** Emails and webhook deliveries that ran out of attempts. */
  readonly deadLetters = {
    list: (options: ListOptions = {}) => this.#call(deadLetterEndpoints.list, { query: options }),
    /** Queues it again with a fresh set of attempts and the same Message-ID or webhook-id. */
    redeliver: (messageId: string) => this.#call(deadLetterEndpoints.redeliver, { params: { messageId } }),
  };

  /** Member sign-in; these calls need no API key or access token (except `signOut`). */
  readonly auth = {
    /** Exchanges a Google ID token: `signed_in`, `choose_workspace` (call again with `workspaceId`) or `onboarding`. */
    google: (idToken: string, workspaceId?: string) => this.#transport.call(memberAuthEndpoints.google, { body: { idToken, workspaceId } }),
    /** Creates the first workspace of a newly signed-in person, who becomes its owner. */
    onboard: (onboardingToken: string, workspaceName: string) =>
      this.#transport.call(memberAuthEndpoints.onboard, { body: { workspaceName } }, onboardingToken),
    /** New tokens for a session; the refresh token passed in stops working. */
    refresh: (refreshToken: string) => this.#transport.call(memberAuthEndpoints.refresh, { body: { refreshToken } }),
    /** Ends the session of this client's access token. */
    signOut: () => this.#call(memberAuthEndpoints.signOut, {}),
  };

  constructor(options: WorkspaceClientOptions) {
    if (options.apiKey !== undefined && options.accessToken !== undefined) {
      throw new TypeError('WorkspaceClient takes an apiKey or an accessToken, not both.');
    }
    this.#transport = new Transport({ apiBase: options.apiBase, fetch: options.fetch });
    this.#credential = options.apiKey ?? options.accessToken;
  }

  /** Calls a workspace endpoint with this client's API key or member access token. */
  async #call<E extends Endpoint & { surface: 'workspace' | 'member' }>(endpoint: E, input: EndpointInput<E>, options: SendOptions = {}): Promise<EndpointResult<E>> {
    const token = typeof this.#credential === 'function' ? await this.#credential() : this.#credential;
    return this.#transport.call(endpoint, input, token, options);
  }
}

import type { Generated, Insertable, Selectable } from 'kysely';

/** Times are ISO-8601 UTC strings in both dialects, so they sort and compare as text. */
type Timestamp = string;

export interface WorkspaceTable {
  id: string;
  name: string;
  next_proposal_number: Generated<number>;
  /** 0 or 1: the Customer Portal module is enabled. */
  portal_enabled: Generated<number>;
  /** How the portal presents the workspace; null shows the portal's default. */
  brand_name: string | null;
  brand_logo_url: string | null;
  /** `#rrggbb`, lower case. */
  brand_accent_color: string | null;
  created_at: Timestamp;
}

export interface WorkspaceOriginTable {
  workspace_id: string;
  origin: string;
  created_at: Timestamp;
}

export type WorkspaceRole = 'owner' | 'manager' | 'team_lead' | 'finance_reviewer';
export type ApiKeyScope = 'full' | 'read_only' | 'sessions_only';

export interface PersonTable {
  id: string;
  google_sub: string;
  email: string;
  name: string;
  created_at: Timestamp;
}

export interface MemberTable {
  id: string;
  workspace_id: string;
  person_id: string | null;
  email: string;
  role: WorkspaceRole;
  status: 'invited' | 'active';
  invited_by: string | null;
  created_at: Timestamp;
  joined_at: Timestamp | null;
  /** When a pending invitation stops being accepted; null on invitations made before expiry existed. */
  expires_at: Timestamp | null;
}

export interface MemberSessionTable {
  id: string;
  workspace_id: string;
  member_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface PortalSignInChallengeTable {
  id: string;
  workspace_id: string;
  email: string;
  code_hash: string;
  link_hash: string;
  attempts: Generated<number>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  choice_hash: string | null;
  choice_expires_at: Timestamp | null;
  created_at: Timestamp;
}

export interface RateLimitTable {
  key: string;
  window_start: number;
  count: number;
}

export interface ApiKeyTable {
  id: string;
  workspace_id: string;
  name: string;
  token_prefix: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  scope: Generated<ApiKeyScope>;
}

export interface CustomerTable {
  id: string;
  workspace_id: string;
  name: string;
  created_at: Timestamp;
}

export interface PortalContactTable {
  id: string;
  workspace_id: string;
  customer_id: string;
  display_name: string;
  email: string;
  role: string;
  created_at: Timestamp;
}

/** Stored states; "expired" is derived from `expires_at` when a pending proposal is read. */
export type StoredProposalStatus = 'draft' | 'pending' | 'accepted' | 'declined';

export interface ProposalTable {
  id: string;
  workspace_id: string;
  customer_id: string;
  number: string;
  title: string;
  fee_model: 'fixed_fee' | 'hourly_rate' | 'retainer' | 'milestone';
  fee_amount: number;
  currency: string;
  summary: string;
  internal_notes: string;
  status: StoredProposalStatus;
  sent_at: Timestamp | null;
  expires_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by_contact_id: string | null;
  decline_reason: string | null;
  created_at: Timestamp;
}

export interface PortalSessionSecretTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  secret_hash: string;
  /** The embedding origin the secret was minted for; null for the hosted page. */
  origin: string | null;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

/** One signed-in presence of a contact; its refresh tokens rotate within it. */
export interface PortalSessionTable {
  id: string;
  workspace_id: string;
  customer_id: string;
  contact_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

/**
 * One refresh token of a portal session or of a member session (exactly one of the two is set):
 * spent when used, and a spent one presented again revokes its session (server/lib/refresh-tokens.ts).
 */
export interface RefreshTokenTable {
  token_hash: string;
  portal_session_id: string | null;
  member_session_id: string | null;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface AuditEventTable {
  id: string;
  workspace_id: string;
  seq: number;
  actor_type: 'contact' | 'api_key' | 'member' | 'system';
  actor_id: string;
  action: string;
  subject_type: string;
  subject_id: string;
  customer_id: string | null;
  data: string;
  created_at: Timestamp;
  prev_hash: string;
  hash: string;
}

/** The workspace `start --demo` seeded in this database, and what it prints at every start. */
export interface DemoWorkspaceTable {
  workspace_id: string;
  api_key_id: string;
  /** The demo key in clear (demo only): every start prints it again. */
  api_key: string;
  contact_id: string;
  created_at: Timestamp;
}

export interface ServerSecretTable {
  name: string;
  value: string;
  created_at: Timestamp;
}

export interface WebhookEndpointTable {
  id: string;
  workspace_id: string;
  url: string;
  description: Generated<string>;
  /** JSON array of event types. */
  event_types: string;
  /** 0 or 1. */
  enabled: Generated<number>;
  /** `whsec_…`, kept so deliveries can be signed (Standard Webhooks signs with the secret itself). */
  secret: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type OutboxChannel = 'email' | 'webhook';
export type OutboxStatus = 'pending' | 'delivered' | 'dead';

/** One delivery: an email to one address or an event to one webhook endpoint. */
export interface OutboxMessageTable {
  /** `msg_…`: the Message-ID of an email, the webhook-id of an event; the same on every attempt. */
  id: string;
  workspace_id: string;
  channel: OutboxChannel;
  event_type: string;
  /** JSON: the webhook body, or what the email template renders. */
  payload: string;
  recipient: string | null;
  endpoint_id: string | null;
  dedupe_key: string | null;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  claimed_by: string | null;
  /** The claim's lease: after it a crashed worker's row can be claimed again. */
  claimed_until: Timestamp | null;
  /** What went wrong last, without personal data. */
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  delivered_at: Timestamp | null;
}

export interface WebhookDeliveryTable {
  id: string;
  workspace_id: string;
  endpoint_id: string;
  message_id: string;
  event_type: string;
  attempt: number;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  created_at: Timestamp;
}

export type FollowUpState = 'open' | 'done' | 'dismissed';

/** A work item for the tenant team, made by a customer action (one per source record and kind). */
export interface FollowUpTable {
  id: string;
  workspace_id: string;
  /** What happened, e.g. `proposal.accepted`, `message.received`; `invoice.*` and `payment_proof.*` are finance kinds. */
  kind: string;
  /** The record it is about, e.g. `proposal` + `prop_…`, `thread` + `thr_…`. */
  source_type: string;
  source_id: string;
  customer_id: string;
  contact_id: string | null;
  summary: string;
  state: FollowUpState;
  assignee_member_id: string | null;
  due_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** When it was last completed or dismissed; null while open. */
  closed_at: Timestamp | null;
}

/** A conversation between a customer and the team, optionally about one record. */
export interface ThreadTable {
  id: string;
  workspace_id: string;
  customer_id: string;
  /** The record it is about (`proposal` + `prop_…`), or both null. */
  subject_type: string | null;
  subject_id: string | null;
  title: string;
  /** Every message, internal notes included: the next message's `seq`. */
  message_count: Generated<number>;
  customer_message_count: Generated<number>;
  /** Team messages the customer sees: internal notes are not counted. */
  team_message_count: Generated<number>;
  /** The newest message the customer can see. */
  last_message_at: Timestamp;
  /** The newest message, internal notes included. */
  last_activity_at: Timestamp;
  created_at: Timestamp;
}

export type MessageAuthorType = 'contact' | 'member' | 'api_key';

export interface ThreadMessageTable {
  id: string;
  thread_id: string;
  workspace_id: string;
  /** 1, 2, 3… within the thread, in the order written. */
  seq: number;
  /** Plain text, trimmed. */
  body: string;
  /** 0 or 1: an internal note, never shown in the portal. */
  internal: number;
  author_type: MessageAuthorType;
  author_id: string;
  /** The name the customer sees, as it was when the message was written. */
  author_name: string;
  created_at: Timestamp;
}

/** How many of the other side's messages a reader (a contact id, or `team`) had read. */
export interface ThreadReadMarkerTable {
  thread_id: string;
  reader: string;
  read_count: number;
  updated_at: Timestamp;
}

/** An Idempotency-Key of one caller, kept 24 hours: the request's fingerprint and its answer (JSON). */
export interface IdempotencyKeyTable {
  scope: string;
  key: string;
  fingerprint: string;
  response: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export type ProjectStatus = 'active' | 'archived';
export type TaskStatus = 'open' | 'in_progress' | 'done' | 'cancelled';
export type CommentVisibility = 'customer' | 'internal';

export interface ProjectTable {
  id: string;
  workspace_id: string;
  customer_id: string;
  name: string;
  description: Generated<string>;
  status: Generated<ProjectStatus>;
  /** Every comment, internal ones included: the next comment's `seq`. */
  comment_count: Generated<number>;
  /** The newest change the customer can see. */
  last_activity_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProjectTaskTable {
  id: string;
  workspace_id: string;
  project_id: string;
  name: string;
  status: TaskStatus;
  assignee_member_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Time logged on a project; rate and cost are internal, never shown in the portal. */
export interface TimeEntryTable {
  id: string;
  workspace_id: string;
  project_id: string;
  member_id: string;
  /** The member's name when the time was logged. */
  member_name: string;
  /** YYYY-MM-DD */
  date: string;
  /** Hours × 100, so totals are exact. */
  centi_hours: number;
  /** 0 or 1 */
  billable: number;
  rate_amount: number | null;
  rate_currency: string | null;
  cost_amount: number | null;
  cost_currency: string | null;
  created_at: Timestamp;
}

export interface ProjectCommentTable {
  id: string;
  workspace_id: string;
  project_id: string;
  /** 1, 2, 3… within the project, in the order written. */
  seq: number;
  /** Plain text, trimmed. */
  body: string;
  visibility: CommentVisibility;
  author_type: MessageAuthorType;
  author_id: string;
  author_name: string;
  created_at: Timestamp;
}

export interface DocumentTable {
  id: string;
  workspace_id: string;
  project_id: string;
  customer_id: string;
  name: string;
  size: number;
  content_type: string;
  sha256: string;
  /** The object's key in the file store. */
  storage_key: string;
  /** 0 or 1: whether the customer sees it. */
  shared: Generated<number>;
  uploaded_by_type: 'member' | 'api_key' | 'system';
  uploaded_by_id: string;
  uploaded_at: Timestamp;
  updated_at: Timestamp;
}

export interface DB {
  workspaces: WorkspaceTable;
  api_keys: ApiKeyTable;
  customers: CustomerTable;
  portal_contacts: PortalContactTable;
  proposals: ProposalTable;
  portal_session_secrets: PortalSessionSecretTable;
  portal_sessions: PortalSessionTable;
  refresh_tokens: RefreshTokenTable;
  audit_events: AuditEventTable;
  server_secrets: ServerSecretTable;
  demo_workspace: DemoWorkspaceTable;
  workspace_origins: WorkspaceOriginTable;
  people: PersonTable;
  members: MemberTable;
  member_sessions: MemberSessionTable;
  portal_sign_in_challenges: PortalSignInChallengeTable;
  rate_limits: RateLimitTable;
  webhook_endpoints: WebhookEndpointTable;
  outbox_messages: OutboxMessageTable;
  webhook_deliveries: WebhookDeliveryTable;
  follow_ups: FollowUpTable;
  threads: ThreadTable;
  thread_messages: ThreadMessageTable;
  thread_read_markers: ThreadReadMarkerTable;
  idempotency_keys: IdempotencyKeyTable;
  projects: ProjectTable;
  project_tasks: ProjectTaskTable;
  time_entries: TimeEntryTable;
  project_comments: ProjectCommentTable;
  documents: DocumentTable;
}

export type ProposalRow = Selectable<ProposalTable>;
export type NewProposal = Insertable<ProposalTable>;
export type CustomerRow = Selectable<CustomerTable>;
export type PortalContactRow = Selectable<PortalContactTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type OutboxMessageRow = Selectable<OutboxMessageTable>;
export type WebhookEndpointRow = Selectable<WebhookEndpointTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;
export type FollowUpRow = Selectable<FollowUpTable>;
export type ThreadRow = Selectable<ThreadTable>;
export type ThreadMessageRow = Selectable<ThreadMessageTable>;
export type ProjectRow = Selectable<ProjectTable>;
export type ProjectTaskRow = Selectable<ProjectTaskTable>;
export type TimeEntryRow = Selectable<TimeEntryTable>;
export type ProjectCommentRow = Selectable<ProjectCommentTable>;
export type DocumentRow = Selectable<DocumentTable>;

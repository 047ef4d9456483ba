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
}

export interface MemberSessionTable {
  id: string;
  workspace_id: string;
  member_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  /** Hash of the refresh token that renews this session's access tokens; rotated on each use. */
  refresh_token_hash: string | null;
  /** Hash of the refresh token it replaced: presenting that one again revokes the session. */
  previous_refresh_token_hash: string | null;
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

export interface PortalRefreshTokenTable {
  id: string;
  session_id: string;
  token_hash: string;
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

export interface DB {
  workspaces: WorkspaceTable;
  api_keys: ApiKeyTable;
  customers: CustomerTable;
  portal_contacts: PortalContactTable;
  proposals: ProposalTable;
  portal_session_secrets: PortalSessionSecretTable;
  portal_sessions: PortalSessionTable;
  portal_refresh_tokens: PortalRefreshTokenTable;
  audit_events: AuditEventTable;
  server_secrets: ServerSecretTable;
  demo_workspace: DemoWorkspaceTable;
  workspace_origins: WorkspaceOriginTable;
  people: PersonTable;
  members: MemberTable;
  member_sessions: MemberSessionTable;
  portal_sign_in_challenges: PortalSignInChallengeTable;
  rate_limits: RateLimitTable;
}

export type ProposalRow = Selectable<ProposalTable>;
export type NewProposal = Insertable<ProposalTable>;
export type CustomerRow = Selectable<CustomerTable>;
export type PortalContactRow = Selectable<PortalContactTable>;
export type AuditEventRow = Selectable<AuditEventTable>;

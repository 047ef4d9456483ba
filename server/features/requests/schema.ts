import type { Selectable } from 'kysely';

export type InformationRequestStatus = 'draft' | 'sent' | 'in_progress' | 'completed' | 'cancelled';
export type RequestItemKind = 'text' | 'file';
export type RequestItemState = 'awaiting_response' | 'under_review' | 'accepted' | 'returned';
/** Who reviewed an answer or created a request on the team's side. */
export type TeamActorType = 'member' | 'api_key' | 'system';

export interface InformationRequestCounterTable {
  workspace_id: string;
  /** The number the next request of the workspace gets. */
  next_number: number;
}

export interface InformationRequestTable {
  id: string;
  workspace_id: string;
  customer_id: string;
  project_id: string | null;
  number: string;
  title: string;
  message: string;
  status: InformationRequestStatus;
  item_count: number;
  accepted_count: number;
  created_by_type: TeamActorType;
  created_by_id: string;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
  /** Who sent it ('member' or 'api_key'); null while it is a draft. */
  sent_by_type: TeamActorType | null;
  sent_by_id: string | null;
  completed_at: string | null;
  cancelled_at: string | null;
}

export interface InformationRequestItemTable {
  id: string;
  workspace_id: string;
  request_id: string;
  position: number;
  kind: RequestItemKind;
  prompt: string;
  state: RequestItemState;
  return_reason: string | null;
  answer_text: string | null;
  answer_intake_id: string | null;
  answer_file_name: string | null;
  answer_file_size: number | null;
  answer_file_type: string | null;
  answer_file_sha256: string | null;
  answered_at: string | null;
  answered_by_contact_id: string | null;
  reviewed_by_type: TeamActorType | null;
  reviewed_by_id: string | null;
  reviewed_at: string | null;
  created_at: string;
  updated_at: string;
}

export type InformationRequestRow = Selectable<InformationRequestTable>;
export type InformationRequestItemRow = Selectable<InformationRequestItemTable>;

declare module '../../db/schema.js' {
  interface DB {
    information_request_counters: InformationRequestCounterTable;
    information_requests: InformationRequestTable;
    information_request_items: InformationRequestItemTable;
  }
}

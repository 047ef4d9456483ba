import type { Selectable } from 'kysely';

/** 'pending' | 'accepted' | 'superseded' as stored; Expired is derived when read. */
export type StoredAcceptanceStatus = 'pending' | 'accepted' | 'superseded';

export interface AcceptanceTable {
  id: string;
  workspace_id: string;
  customer_id: string;
  project_id: string;
  document_id: string;
  document_name: string;
  document_size: number;
  document_content_type: string;
  document_sha256: string;
  title: string;
  message: string;
  status: StoredAcceptanceStatus;
  sent_by_type: string;
  sent_by_id: string;
  sent_at: string;
  expires_at: string;
  resend_of: string | null;
  superseded_by: string | null;
  superseded_at: string | null;
  accepted_at: string | null;
  accepted_name: string | null;
  accepted_contact_id: string | null;
  accepted_contact_name: string | null;
  accepted_contact_email: string | null;
  accepted_ip: string | null;
  accepted_user_agent: string | null;
  accepted_document_sha256: string | null;
  expiry_reminded_at: string | null;
  created_at: string;
}

export type AcceptanceRow = Selectable<AcceptanceTable>;

declare module '../../db/schema.js' {
  interface DB {
    acceptances: AcceptanceTable;
  }
}

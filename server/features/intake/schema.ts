import type { Selectable } from 'kysely';
import type { TeamActorType } from '../requests/schema.js';

/** For a payment proof, source_request_id holds the invoice's id and source_item_id the payment proof's. */
export type IntakeKind = 'request_item' | 'payment_proof';
export type IntakeStatus = 'pending' | 'accepted' | 'rejected' | 'superseded';

export interface IntakeItemTable {
  id: string;
  workspace_id: string;
  customer_id: string;
  contact_id: string;
  kind: IntakeKind;
  status: IntakeStatus;
  source_request_id: string;
  source_item_id: string;
  file_name: string;
  file_size: number;
  content_type: string;
  sha256: string;
  storage_key: string;
  reviewed_by_type: TeamActorType | null;
  reviewed_by_id: string | null;
  reviewed_at: string | null;
  reject_reason: string | null;
  published_document_id: string | null;
  created_at: string;
  updated_at: string;
}

export type IntakeItemRow = Selectable<IntakeItemTable>;

declare module '../../db/schema.js' {
  interface DB {
    intake_items: IntakeItemTable;
  }
}

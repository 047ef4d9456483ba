import type { Selectable } from 'kysely';
import type { TeamActorType } from '../requests/schema.js';

/** Dates without a time: `YYYY-MM-DD`. */
type DateOnly = string;

export type FinanceCounterKind = 'estimate' | 'invoice';
export type EstimateStatus = 'draft' | 'sent' | 'approved' | 'declined' | 'converted';
export type InvoiceState = 'draft' | 'issued' | 'void';
export type PaymentMethod = 'bank_transfer' | 'card' | 'cash' | 'cheque' | 'other';
export type PaymentSource = 'team' | 'payment_proof';
export type PaymentProofStatus = 'under_review' | 'accepted' | 'rejected';
export type DeliveryEventType = 'scheduled' | 'dispatched' | 'in_transit' | 'delivered' | 'exception';
export type DeliveryStatus = 'pending' | DeliveryEventType;

export interface FinanceCounterTable {
  workspace_id: string;
  kind: FinanceCounterKind;
  next_number: number;
}

export interface LineColumns {
  workspace_id: string;
  position: number;
  description: string;
  quantity_milli: number;
  unit_amount: number;
  tax_rate_bp: number;
  discount_bp: number;
  gross_amount: number;
  discount_amount: number;
  net_amount: number;
  tax_amount: number;
  total_amount: number;
  unit_cost: number | null;
}

export interface TotalColumns {
  currency: string;
  subtotal: number;
  discount_total: number;
  tax_total: number;
  total: number;
}

export interface EstimateTable extends TotalColumns {
  id: string;
  workspace_id: string;
  customer_id: string;
  project_id: string | null;
  number: string;
  title: string;
  notes: string;
  internal_note: string;
  status: EstimateStatus;
  valid_until: DateOnly;
  version: number;
  sent_at: string | null;
  sent_by_type: TeamActorType | null;
  sent_by_id: string | null;
  approved_at: string | null;
  approved_name: string | null;
  approved_version: number | null;
  approved_contact_id: string | null;
  approved_ip: string | null;
  approved_user_agent: string | null;
  declined_at: string | null;
  declined_reason: string | null;
  declined_contact_id: string | null;
  converted_invoice_id: string | null;
  converted_at: string | null;
  expiry_notified_at: string | null;
  created_by_type: TeamActorType;
  created_by_id: string;
  created_at: string;
  updated_at: string;
}

export interface EstimateLineTable extends LineColumns {
  estimate_id: string;
}

export interface InvoiceTable extends TotalColumns {
  id: string;
  workspace_id: string;
  customer_id: string;
  project_id: string | null;
  estimate_id: string | null;
  number: string;
  notes: string;
  internal_note: string;
  state: InvoiceState;
  issue_date: DateOnly;
  due_date: DateOnly;
  amount_paid: number;
  sent_at: string | null;
  sent_by_type: TeamActorType | null;
  sent_by_id: string | null;
  voided_at: string | null;
  void_reason: string | null;
  overdue_notified_at: string | null;
  paid_at: string | null;
  created_by_type: TeamActorType;
  created_by_id: string;
  created_at: string;
  updated_at: string;
}

export interface InvoiceLineTable extends LineColumns {
  invoice_id: string;
}

export interface PaymentTable {
  id: string;
  workspace_id: string;
  customer_id: string;
  invoice_id: string;
  currency: string;
  amount: number;
  paid_on: DateOnly;
  method: PaymentMethod;
  reference: string;
  source: PaymentSource;
  payment_proof_id: string | null;
  recorded_by_type: TeamActorType;
  recorded_by_id: string;
  created_at: string;
}

export interface PaymentProofTable {
  id: string;
  workspace_id: string;
  customer_id: string;
  invoice_id: string;
  contact_id: string;
  intake_item_id: string;
  currency: string;
  amount: number;
  paid_on: DateOnly;
  method: PaymentMethod;
  reference: string;
  status: PaymentProofStatus;
  exceeds_amount_due: number;
  reference_already_used: number;
  reject_reason: string | null;
  payment_id: string | null;
  reviewed_by_type: TeamActorType | null;
  reviewed_by_id: string | null;
  reviewed_at: string | null;
  submitted_at: string;
  idempotency_key: string | null;
}

export interface DeliveryTable {
  id: string;
  workspace_id: string;
  customer_id: string;
  invoice_id: string | null;
  estimate_id: string | null;
  order_reference: string | null;
  carrier: string;
  tracking_reference: string;
  status: DeliveryStatus;
  last_event_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DeliveryEventTable {
  id: string;
  workspace_id: string;
  delivery_id: string;
  external_id: string;
  type: DeliveryEventType;
  occurred_at: string;
  location: string;
  note: string;
  created_at: string;
}

export type EstimateRow = Selectable<EstimateTable>;
export type InvoiceRow = Selectable<InvoiceTable>;
export type LineRow = Selectable<LineColumns>;
export type PaymentRow = Selectable<PaymentTable>;
export type PaymentProofRow = Selectable<PaymentProofTable>;
export type DeliveryRow = Selectable<DeliveryTable>;
export type DeliveryEventRow = Selectable<DeliveryEventTable>;

declare module '../../db/schema.js' {
  interface DB {
    finance_counters: FinanceCounterTable;
    estimates: EstimateTable;
    estimate_lines: EstimateLineTable;
    invoices: InvoiceTable;
    invoice_lines: InvoiceLineTable;
    payments: PaymentTable;
    payment_proofs: PaymentProofTable;
    deliveries: DeliveryTable;
    delivery_events: DeliveryEventTable;
  }
}

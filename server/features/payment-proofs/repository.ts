import { sql, type Kysely } from 'kysely';
import type { Page } from '../../../sdk/contract/common.js';
import type { PaymentProof, PortalPaymentProof } from '../../../sdk/contract/payment-proofs.js';
import type { DB } from '../../db/schema.js';
import { keysetPage, type PageRequest } from '../../lib/keyset.js';
import type { PaymentProofRow, PaymentProofStatus } from '../finance/schema.js';

/** A proof with its file (from its intake item) and its invoice's number. */
export type PaymentProofJoined = PaymentProofRow & { file_name: string; file_size: number; content_type: string; sha256: string; invoice_number: string };

export function toPortalProof(row: PaymentProofJoined): PortalPaymentProof {
  return {
    id: row.id,
    invoiceId: row.invoice_id,
    amount: Number(row.amount),
    currency: row.currency,
    paidOn: row.paid_on,
    method: row.method,
    reference: row.reference,
    status: row.status,
    rejectReason: row.status === 'rejected' ? row.reject_reason : null,
    fileName: row.file_name,
    submittedAt: row.submitted_at,
  };
}

export function toPaymentProof(row: PaymentProofJoined): PaymentProof {
  return {
    ...toPortalProof(row),
    customerId: row.customer_id,
    contactId: row.contact_id,
    invoiceNumber: row.invoice_number,
    intakeId: row.intake_item_id,
    file: { name: row.file_name, size: Number(row.file_size), contentType: row.content_type, sha256: row.sha256 },
    flags: { exceedsAmountDue: Number(row.exceeds_amount_due) === 1, referenceAlreadyUsed: Number(row.reference_already_used) === 1 },
    paymentId: row.payment_id,
    reviewedBy: row.reviewed_by_id !== null && (row.reviewed_by_type === 'member' || row.reviewed_by_type === 'api_key') ? { type: row.reviewed_by_type, id: row.reviewed_by_id } : null,
    reviewedAt: row.reviewed_at,
  };
}

function joined(db: Kysely<DB>) {
  return db
    .selectFrom('payment_proofs')
    .innerJoin('intake_items', 'intake_items.id', 'payment_proofs.intake_item_id')
    .innerJoin('invoices', 'invoices.id', 'payment_proofs.invoice_id')
    .selectAll('payment_proofs')
    .select(['intake_items.file_name', 'intake_items.file_size', 'intake_items.content_type', 'intake_items.sha256', 'invoices.number as invoice_number']);
}

export function findWorkspaceProof(db: Kysely<DB>, workspaceId: string, proofId: string): Promise<PaymentProofJoined | undefined> {
  return joined(db).where('payment_proofs.id', '=', proofId).where('payment_proofs.workspace_id', '=', workspaceId).executeTakeFirst();
}

export function findCustomerProof(db: Kysely<DB>, customerId: string, proofId: string): Promise<PaymentProofJoined | undefined> {
  return joined(db).where('payment_proofs.id', '=', proofId).where('payment_proofs.customer_id', '=', customerId).executeTakeFirst();
}

export function findContactProofByKey(db: Kysely<DB>, contactId: string, key: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('payment_proofs').select('id').where('contact_id', '=', contactId).where('idempotency_key', '=', key).executeTakeFirst();
}

export interface ProofFilter {
  status?: PaymentProofStatus | undefined;
  invoiceId?: string | undefined;
  customerId?: string | undefined;
}

/** The workspace's proofs, newest first. */
export function listWorkspaceProofs(db: Kysely<DB>, workspaceId: string, filter: ProofFilter, page: PageRequest): Promise<Page<PaymentProof>> {
  let query = joined(db).where('payment_proofs.workspace_id', '=', workspaceId);
  if (filter.status !== undefined) query = query.where('payment_proofs.status', '=', filter.status);
  if (filter.invoiceId !== undefined) query = query.where('payment_proofs.invoice_id', '=', filter.invoiceId);
  if (filter.customerId !== undefined) query = query.where('payment_proofs.customer_id', '=', filter.customerId);
  return keysetPage(query, [['payment_proofs.submitted_at', 'desc'], ['payment_proofs.id', 'desc']], page, toPaymentProof);
}

/**
 * Whether another proof or a payment of the workspace carries this reference, compared trimmed and
 * without case (`TRX-1 ` is `trx-1`). An empty reference is never "already used".
 */
export async function referenceUsed(db: Kysely<DB>, workspaceId: string, reference: string, exceptProofId: string): Promise<boolean> {
  const wanted = reference.trim().toLowerCase();
  if (!wanted) return false;
  const normalised = (column: string) => sql<string>`lower(trim(${sql.ref(column)}))`;
  const proof = await db
    .selectFrom('payment_proofs')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '!=', exceptProofId)
    .where(normalised('reference'), '=', wanted)
    .limit(1)
    .executeTakeFirst();
  if (proof) return true;
  const payment = await db.selectFrom('payments').select('id').where('workspace_id', '=', workspaceId).where(normalised('reference'), '=', wanted).limit(1).executeTakeFirst();
  return payment !== undefined;
}

/**
 * Decides a proof under review, in one statement that is also its lock: of concurrent verdicts on
 * one proof exactly one finds it under review; the others get undefined.
 */
export function decideProof(
  trx: Kysely<DB>,
  workspaceId: string,
  proofId: string,
  verdict: { status: 'accepted' | 'rejected'; reviewer: { type: PaymentProofRow['reviewed_by_type'] & string; id: string }; rejectReason: string | null; paymentId: string | null; at: string },
): Promise<PaymentProofRow | undefined> {
  return trx
    .updateTable('payment_proofs')
    .set({
      status: verdict.status,
      reject_reason: verdict.rejectReason,
      payment_id: verdict.paymentId,
      reviewed_by_type: verdict.reviewer.type,
      reviewed_by_id: verdict.reviewer.id,
      reviewed_at: verdict.at,
    })
    .where('id', '=', proofId)
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'under_review')
    .returningAll()
    .executeTakeFirst();
}

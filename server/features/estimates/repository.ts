import type { Kysely } from 'kysely';
import type { Page } from '../../../sdk/contract/common.js';
import type { Estimate, EstimateStatus, EstimateSummary, PortalEstimate, PortalEstimateCard, PortalEstimateStatus } from '../../../sdk/contract/estimates.js';
import type { LineItem, MoneyTotals, WorkspaceLineItemInput } from '../../../sdk/contract/money.js';
import type { DB } from '../../db/schema.js';
import type { QueryParameters } from '../../lib/compiled-query.js';
import { compiledKeysetList, keysetPage, type PageRequest } from '../../lib/keyset.js';
import { computeDocument } from '../finance/money.js';
import { lineColumns, toLineItem, toTotals, toWorkspaceLineItem } from '../finance/repository.js';
import type { EstimateRow, LineRow } from '../finance/schema.js';

/** What the portal shows: everything but drafts. */
export const PORTAL_STATES = ['sent', 'approved', 'declined', 'converted'] as const satisfies readonly EstimateRow['status'][];

// ---------------------------------------------------------------- status

/** The status as read on `today` (UTC `YYYY-MM-DD`): a sent estimate past its valid-until date is expired. */
export function estimateStatus(row: Pick<EstimateRow, 'status' | 'valid_until'>, today: string): EstimateStatus {
  return row.status === 'sent' && row.valid_until < today ? 'expired' : row.status;
}

function portalStatus(row: Pick<EstimateRow, 'id' | 'status' | 'valid_until'>, today: string): PortalEstimateStatus {
  const status = estimateStatus(row, today);
  if (status === 'draft') throw new Error(`draft estimate ${row.id} reached the portal mapper`);
  return status;
}

// ---------------------------------------------------------------- mappers

type PortalCardRow = Pick<EstimateRow, 'id' | 'number' | 'title' | 'status' | 'project_id' | 'currency' | 'total' | 'valid_until' | 'sent_at' | 'version'> & {
  project_name: string | null;
};

export function toPortalEstimateCard(row: PortalCardRow, today: string): PortalEstimateCard {
  if (row.sent_at === null) throw new Error(`unsent estimate ${row.id} reached the portal mapper`);
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    status: portalStatus(row, today),
    projectId: row.project_id,
    projectName: row.project_name,
    currency: row.currency,
    total: Number(row.total),
    validUntil: row.valid_until,
    sentAt: row.sent_at,
    version: Number(row.version),
  };
}

type PortalRow = PortalCardRow &
  Pick<EstimateRow, 'notes' | 'subtotal' | 'discount_total' | 'tax_total' | 'approved_at' | 'approved_name' | 'declined_at' | 'declined_reason'>;

/** The contact's view: the lines without unit costs, never the internal note or who created it. */
export function toPortalEstimate(row: PortalRow, lines: readonly LineRow[], today: string): PortalEstimate {
  return {
    ...toPortalEstimateCard(row, today),
    notes: row.notes,
    lines: lines.map(toLineItem),
    totals: toTotals(row),
    approvedAt: row.approved_at,
    approvedName: row.approved_name,
    declinedAt: row.declined_at,
    declineReason: row.declined_reason,
  };
}

export function toEstimateSummary(row: EstimateRow, today: string): EstimateSummary {
  return {
    id: row.id,
    number: row.number,
    customerId: row.customer_id,
    projectId: row.project_id,
    title: row.title,
    status: estimateStatus(row, today),
    currency: row.currency,
    total: Number(row.total),
    validUntil: row.valid_until,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
  };
}

export function toEstimate(row: EstimateRow, lineRows: readonly LineRow[], today: string): Estimate {
  const lines = lineRows.map(toWorkspaceLineItem);
  const margins = lines.map((line) => line.marginAmount).filter((margin): margin is number => margin !== null);
  return {
    ...toEstimateSummary(row, today),
    notes: row.notes,
    internalNote: row.internal_note,
    lines,
    totals: toTotals(row),
    marginTotal: margins.length ? margins.reduce((sum, margin) => sum + margin, 0) : null,
    approval:
      row.approved_at !== null && row.approved_name !== null && row.approved_contact_id !== null
        ? {
            name: row.approved_name,
            contactId: row.approved_contact_id,
            approvedAt: row.approved_at,
            ipAddress: row.approved_ip ?? '',
            userAgent: row.approved_user_agent ?? '',
            version: Number(row.approved_version ?? row.version),
          }
        : null,
    decline:
      row.declined_at !== null && row.declined_contact_id !== null
        ? { contactId: row.declined_contact_id, declinedAt: row.declined_at, reason: row.declined_reason ?? '' }
        : null,
    convertedInvoiceId: row.converted_invoice_id,
    convertedAt: row.converted_at,
  };
}

/** A stored line as the input it was made from (to copy it into an invoice, or recompute it). */
export function toLineInput(row: LineRow): WorkspaceLineItemInput {
  const line = toLineItem(row);
  return {
    description: line.description,
    quantity: line.quantity,
    unitAmount: line.unitAmount,
    taxRateBasisPoints: line.taxRateBasisPoints,
    discountBasisPoints: line.discountBasisPoints,
    unitCost: row.unit_cost === null ? null : Number(row.unit_cost),
  };
}

// ---------------------------------------------------------------- writes

export function insertEstimate(trx: Kysely<DB>, row: EstimateRow): Promise<EstimateRow> {
  return trx.insertInto('estimates').values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * Computes the lines by the one rounding rule and replaces the estimate's lines with them;
 * answers the stored lines and the totals (which the caller writes on the estimate).
 */
export async function writeEstimateLines(
  trx: Kysely<DB>,
  estimate: Pick<EstimateRow, 'id' | 'workspace_id'>,
  currency: string,
  inputs: readonly WorkspaceLineItemInput[],
): Promise<{ lines: LineRow[]; totals: MoneyTotals }> {
  const document = computeDocument(currency, inputs);
  await trx.deleteFrom('estimate_lines').where('estimate_id', '=', estimate.id).execute();
  const rows = document.lines.map((line: LineItem, index) => ({ ...lineColumns(estimate.workspace_id, line, { unitCost: inputs[index]!.unitCost ?? null }), estimate_id: estimate.id }));
  await trx.insertInto('estimate_lines').values(rows).execute();
  return { lines: rows, totals: document.totals };
}

export function updateEstimateRow(trx: Kysely<DB>, estimateId: string, changes: Partial<Omit<EstimateRow, 'id' | 'workspace_id' | 'customer_id' | 'number'>>, at: string): Promise<EstimateRow> {
  return trx
    .updateTable('estimates')
    .set({ ...changes, updated_at: at })
    .where('id', '=', estimateId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Takes the estimate's row lock for the rest of the transaction (every team change starts here,
 * so edits, sends, conversions and a contact's decision apply one after the other).
 */
export function lockWorkspaceEstimate(trx: Kysely<DB>, workspaceId: string, estimateId: string, at: string): Promise<EstimateRow | undefined> {
  return trx.updateTable('estimates').set({ updated_at: at }).where('id', '=', estimateId).where('workspace_id', '=', workspaceId).returningAll().executeTakeFirst();
}

/**
 * Records a contact's approval if, as the update runs, the estimate is still sent, still valid on
 * `today` and still the `version` the contact saw: of concurrent decisions exactly one matches.
 */
export function recordApproval(
  trx: Kysely<DB>,
  customerId: string,
  estimateId: string,
  today: string,
  version: number,
  approval: { name: string; contactId: string; ip: string; userAgent: string; at: string },
): Promise<EstimateRow | undefined> {
  return trx
    .updateTable('estimates')
    .set({
      status: 'approved',
      approved_at: approval.at,
      approved_name: approval.name,
      approved_version: version,
      approved_contact_id: approval.contactId,
      approved_ip: approval.ip,
      approved_user_agent: approval.userAgent,
      updated_at: approval.at,
    })
    .where('id', '=', estimateId)
    .where('customer_id', '=', customerId)
    .where('status', '=', 'sent')
    .where('valid_until', '>=', today)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** The same for a decline (any version: a decline is about the estimate, not one version of it). */
export function recordDecline(trx: Kysely<DB>, customerId: string, estimateId: string, today: string, decline: { reason: string; contactId: string; at: string }): Promise<EstimateRow | undefined> {
  return trx
    .updateTable('estimates')
    .set({ status: 'declined', declined_at: decline.at, declined_reason: decline.reason, declined_contact_id: decline.contactId, updated_at: decline.at })
    .where('id', '=', estimateId)
    .where('customer_id', '=', customerId)
    .where('status', '=', 'sent')
    .where('valid_until', '>=', today)
    .returningAll()
    .executeTakeFirst();
}

// ---------------------------------------------------------------- reads

export function findWorkspaceEstimate(db: Kysely<DB>, workspaceId: string, estimateId: string): Promise<EstimateRow | undefined> {
  return db.selectFrom('estimates').selectAll().where('id', '=', estimateId).where('workspace_id', '=', workspaceId).executeTakeFirst();
}

/** The customer's estimate as the portal may see it (never a draft); undefined otherwise. */
export function findCustomerEstimate(db: Kysely<DB>, customerId: string, estimateId: string): Promise<EstimateRow | undefined> {
  return db.selectFrom('estimates').selectAll().where('id', '=', estimateId).where('customer_id', '=', customerId).where('status', 'in', PORTAL_STATES).executeTakeFirst();
}

export function listEstimateLines(db: Kysely<DB>, estimateId: string): Promise<LineRow[]> {
  return db
    .selectFrom('estimate_lines')
    .select([
      'workspace_id',
      'position',
      'description',
      'quantity_milli',
      'unit_amount',
      'tax_rate_bp',
      'discount_bp',
      'gross_amount',
      'discount_amount',
      'net_amount',
      'tax_amount',
      'total_amount',
      'unit_cost',
    ])
    .where('estimate_id', '=', estimateId)
    .orderBy('position')
    .execute();
}

async function projectName(db: Kysely<DB>, projectId: string | null): Promise<string | null> {
  if (projectId === null) return null;
  const row = await db.selectFrom('projects').select('name').where('id', '=', projectId).executeTakeFirst();
  return row?.name ?? null;
}

/** One estimate as the contact sees it; undefined for a draft or another customer's. */
export async function readCustomerEstimate(db: Kysely<DB>, customerId: string, estimateId: string, today: string): Promise<PortalEstimate | undefined> {
  const row = await findCustomerEstimate(db, customerId, estimateId);
  if (!row) return undefined;
  return portalEstimateOf(db, row, today);
}

export async function portalEstimateOf(db: Kysely<DB>, row: EstimateRow, today: string): Promise<PortalEstimate> {
  return toPortalEstimate({ ...row, project_name: await projectName(db, row.project_id) }, await listEstimateLines(db, row.id), today);
}

export async function readWorkspaceEstimate(db: Kysely<DB>, row: EstimateRow, today: string): Promise<Estimate> {
  return toEstimate(row, await listEstimateLines(db, row.id), today);
}

function portalCardColumns(db: Kysely<DB>) {
  return db
    .selectFrom('estimates')
    .leftJoin('projects', 'projects.id', 'estimates.project_id')
    .select([
      'estimates.id',
      'estimates.number',
      'estimates.title',
      'estimates.status',
      'estimates.project_id',
      'estimates.currency',
      'estimates.total',
      'estimates.valid_until',
      'estimates.sent_at',
      'estimates.version',
      'projects.name as project_name',
    ]);
}

/**
 * The portal's two tabs, compiled once each. `open`: sent and still valid today, soonest
 * valid-until first; `closed`: the rest the portal shows (approved, declined, converted, and sent
 * past their valid-until date), newest sent first.
 */
const customerEstimateLists = {
  open: compiledKeysetList(
    (db: Kysely<DB>, p: QueryParameters<{ customerId: string; today: string }>) =>
      portalCardColumns(db).where('estimates.customer_id', '=', p.customerId).where('estimates.status', '=', 'sent').where('estimates.valid_until', '>=', p.today),
    [['estimates.valid_until', 'asc'], ['estimates.id', 'asc']],
  ),
  closed: compiledKeysetList(
    (db: Kysely<DB>, p: QueryParameters<{ customerId: string; today: string }>) =>
      portalCardColumns(db)
        .where('estimates.customer_id', '=', p.customerId)
        .where((eb) =>
          eb.or([eb('estimates.status', 'in', ['approved', 'declined', 'converted']), eb.and([eb('estimates.status', '=', 'sent'), eb('estimates.valid_until', '<', p.today)])]),
        ),
    [['estimates.sent_at', 'desc'], ['estimates.id', 'desc']],
  ),
};

export function listCustomerEstimates(db: Kysely<DB>, customerId: string, tab: 'open' | 'closed', today: string, page: PageRequest): Promise<Page<PortalEstimateCard>> {
  return customerEstimateLists[tab].page(db, { customerId, today }, page, (row) => toPortalEstimateCard(row, today));
}

export interface EstimateFilter {
  customerId?: string | undefined;
  status?: EstimateStatus | undefined;
}

/** The workspace's estimates, newest first; `sent` and `expired` split the stored status by today. */
export function listWorkspaceEstimates(db: Kysely<DB>, workspaceId: string, filter: EstimateFilter, today: string, page: PageRequest): Promise<Page<EstimateSummary>> {
  let query = db.selectFrom('estimates').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.customerId !== undefined) query = query.where('customer_id', '=', filter.customerId);
  if (filter.status === 'expired') query = query.where('status', '=', 'sent').where('valid_until', '<', today);
  else if (filter.status === 'sent') query = query.where('status', '=', 'sent').where('valid_until', '>=', today);
  else if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  return keysetPage(query, [['created_at', 'desc'], ['id', 'desc']], page, (row) => toEstimateSummary(row, today));
}

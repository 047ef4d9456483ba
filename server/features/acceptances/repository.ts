import { sql, type Kysely, type Transaction } from 'kysely';
import type { Acceptance, AcceptanceStatus, PortalAcceptance, PortalAcceptanceCard, PortalAcceptanceStatus } from '../../../sdk/contract/acceptances.js';
import type { Page } from '../../../sdk/contract/common.js';
import type { DB } from '../../db/schema.js';
import { decodeCursor, encodeCursor, invalidCursor } from '../../lib/cursor.js';
import { keysetPage, type PageRequest } from '../../lib/keyset.js';
import { isoNow } from '../../lib/time.js';
import type { AcceptanceRow } from './schema.js';

/** Less than this left on a pending acceptance: the portal shows its expiry in amber. */
export const EXPIRES_SOON_MS = 48 * 60 * 60_000;

/** A pending acceptance past its expiry is Expired; nothing stored changes when the time passes. */
export function acceptanceStatus(row: Pick<AcceptanceRow, 'status' | 'expires_at'>, now = isoNow()): AcceptanceStatus {
  return row.status === 'pending' && row.expires_at <= now ? 'expired' : row.status;
}

/** An acceptance with the name of its project, as every read joins it. */
export type AcceptanceWithProject = AcceptanceRow & { project_name: string };
/** For the team: also the document's sha256 as it is now (null once deleted). */
export type AcceptanceForTeam = AcceptanceWithProject & { current_document_sha256: string | null };

function documentOf(row: AcceptanceRow) {
  return {
    id: row.document_id,
    name: row.document_name,
    size: Number(row.document_size),
    contentType: row.document_content_type,
    sha256: row.document_sha256,
  };
}

/** The columns a portal card shows: a list reads only these (better-sqlite3 pays per value). */
const CARD_COLUMNS = ['id', 'title', 'status', 'document_name', 'sent_at', 'expires_at', 'accepted_at'] as const;
type CardRow = Pick<AcceptanceRow, (typeof CARD_COLUMNS)[number]> & { project_name: string };

export function toPortalAcceptanceCard(row: CardRow, now = isoNow()): PortalAcceptanceCard {
  const status = acceptanceStatus(row, now);
  if (status === 'superseded') throw new Error(`superseded acceptance ${row.id} reached the portal mapper`);
  return {
    id: row.id,
    title: row.title,
    status: status satisfies PortalAcceptanceStatus,
    documentName: row.document_name,
    projectName: row.project_name,
    sentAt: row.sent_at,
    expiresAt: row.expires_at,
    expiresSoon: status === 'pending' && Date.parse(row.expires_at) - Date.parse(now) < EXPIRES_SOON_MS,
    acceptedAt: row.accepted_at,
  };
}

export function toPortalAcceptance(row: AcceptanceWithProject, now = isoNow()): PortalAcceptance {
  return { ...toPortalAcceptanceCard(row, now), message: row.message, document: documentOf(row), acceptedName: row.accepted_name };
}

export function toAcceptance(row: AcceptanceForTeam, now = isoNow()): Acceptance {
  const evidence =
    row.accepted_at !== null && row.accepted_name !== null && row.accepted_contact_id !== null
      ? {
          fullName: row.accepted_name,
          contactId: row.accepted_contact_id,
          contactName: row.accepted_contact_name ?? '',
          contactEmail: row.accepted_contact_email ?? '',
          acceptedAt: row.accepted_at,
          ipAddress: row.accepted_ip ?? '',
          userAgent: row.accepted_user_agent ?? '',
          documentSha256: row.accepted_document_sha256 ?? row.document_sha256,
        }
      : null;
  return {
    id: row.id,
    customerId: row.customer_id,
    projectId: row.project_id,
    projectName: row.project_name,
    title: row.title,
    message: row.message,
    status: acceptanceStatus(row, now),
    document: documentOf(row),
    documentUnchanged: row.current_document_sha256 === row.document_sha256,
    sentAt: row.sent_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    evidence,
    resendOf: row.resend_of,
    supersededBy: row.superseded_by,
  };
}

function withProject(db: Kysely<DB>) {
  return db.selectFrom('acceptances').innerJoin('projects', 'projects.id', 'acceptances.project_id').selectAll('acceptances').select('projects.name as project_name');
}

function forTeam(db: Kysely<DB>) {
  return withProject(db)
    .leftJoin('documents', 'documents.id', 'acceptances.document_id')
    .select('documents.sha256 as current_document_sha256');
}

/** What the customer may see: sent to that customer and not superseded by a re-send. */
function customerAcceptances(db: Kysely<DB>, customerId: string) {
  return withProject(db).where('acceptances.customer_id', '=', customerId).where('acceptances.status', '!=', 'superseded');
}

/** The same, as cards: the columns a card shows and the project's name. */
function customerAcceptanceCards(db: Kysely<DB>, customerId: string) {
  return db
    .selectFrom('acceptances')
    .innerJoin('projects', 'projects.id', 'acceptances.project_id')
    .select(CARD_COLUMNS.map((column) => `acceptances.${column}` as const))
    .select('projects.name as project_name')
    .where('acceptances.customer_id', '=', customerId)
    .where('acceptances.status', '!=', 'superseded');
}

export function findCustomerAcceptance(db: Kysely<DB>, customerId: string, acceptanceId: string): Promise<AcceptanceWithProject | undefined> {
  return customerAcceptances(db, customerId).where('acceptances.id', '=', acceptanceId).executeTakeFirst();
}

export function findWorkspaceAcceptance(db: Kysely<DB>, workspaceId: string, acceptanceId: string): Promise<AcceptanceForTeam | undefined> {
  return forTeam(db).where('acceptances.id', '=', acceptanceId).where('acceptances.workspace_id', '=', workspaceId).executeTakeFirst();
}

/** The document's sha256 as it is now; undefined once it was deleted. */
export async function currentDocumentSha256(db: Kysely<DB>, workspaceId: string, documentId: string): Promise<string | undefined> {
  const row = await db.selectFrom('documents').select('sha256').where('id', '=', documentId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  return row?.sha256;
}

/**
 * Where a portal page starts: pending ones come first, soonest expiry first (`p`, by expires_at
 * ascending), then the rest, newest sent first (`r`, by sent_at descending). `at` is the time the
 * first page was read, carried in the cursor so that every page splits the list at the same time
 * and nothing is skipped or repeated when an acceptance expires between two pages.
 */
interface PortalPosition {
  phase: 'p' | 'r';
  at: string;
  /** The last row's sort value and id; empty at the very start of the `r` part. */
  value: string;
  id: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function readPosition(cursor: string | undefined): PortalPosition | undefined {
  const decoded = decodeCursor(cursor);
  if (!decoded) return undefined;
  const [phase, at, value, ...extra] = decoded.after.split('|');
  if ((phase !== 'p' && phase !== 'r') || at === undefined || !ISO.test(at) || value === undefined || extra.length) throw invalidCursor();
  if (value === '' ? decoded.id !== '' || phase !== 'r' : !ISO.test(value) || decoded.id === '') throw invalidCursor();
  return { phase, at, value, id: decoded.id };
}

function writePosition(position: PortalPosition): string {
  return encodeCursor({ after: `${position.phase}|${position.at}|${position.value}`, id: position.id });
}

/** The portal's list: pending first by soonest expiry, then accepted and expired ones newest sent first. */
export async function listCustomerAcceptances(db: Kysely<DB>, customerId: string, page: PageRequest): Promise<Page<PortalAcceptanceCard>> {
  const position = readPosition(page.cursor);
  const now = isoNow();
  const at = position?.at ?? now;
  const rows: CardRow[] = [];
  if (!position || position.phase === 'p') {
    let pending = customerAcceptanceCards(db, customerId).where('acceptances.status', '=', 'pending').where('acceptances.expires_at', '>', at);
    if (position) pending = pending.where(sql<boolean>`(acceptances.expires_at, acceptances.id) > (${position.value}, ${position.id})`);
    const found = await pending.orderBy('acceptances.expires_at', 'asc').orderBy('acceptances.id', 'asc').limit(sql.lit(page.limit + 1)).execute();
    if (found.length > page.limit) {
      const shown = found.slice(0, page.limit);
      const last = shown[shown.length - 1]!;
      return { items: shown.map((row) => toPortalAcceptanceCard(row, now)), nextCursor: writePosition({ phase: 'p', at, value: last.expires_at, id: last.id }) };
    }
    rows.push(...found);
  }
  const remaining = page.limit - rows.length;
  let rest = customerAcceptanceCards(db, customerId).where((eb) =>
    eb.or([eb('acceptances.status', '=', 'accepted'), eb.and([eb('acceptances.status', '=', 'pending'), eb('acceptances.expires_at', '<=', at)])]),
  );
  if (position?.phase === 'r' && position.value !== '') rest = rest.where(sql<boolean>`(acceptances.sent_at, acceptances.id) < (${position.value}, ${position.id})`);
  const found = await rest.orderBy('acceptances.sent_at', 'desc').orderBy('acceptances.id', 'desc').limit(sql.lit(remaining + 1)).execute();
  const more = found.length > remaining;
  const shown = found.slice(0, remaining);
  rows.push(...shown);
  let nextCursor: string | null = null;
  if (more) {
    const last = shown[shown.length - 1];
    // A page filled by pending ones alone: the next one starts at the beginning of the rest.
    nextCursor = writePosition(last ? { phase: 'r', at, value: last.sent_at, id: last.id } : { phase: 'r', at, value: '', id: '' });
  }
  return { items: rows.map((row) => toPortalAcceptanceCard(row, now)), nextCursor };
}

export interface WorkspaceAcceptanceFilter {
  customerId?: string | undefined;
  status?: AcceptanceStatus | undefined;
}

/** The team's list, newest sent first. */
export function listWorkspaceAcceptances(db: Kysely<DB>, workspaceId: string, filter: WorkspaceAcceptanceFilter, page: PageRequest): Promise<Page<Acceptance>> {
  const now = isoNow();
  let query = forTeam(db).where('acceptances.workspace_id', '=', workspaceId);
  if (filter.customerId) query = query.where('acceptances.customer_id', '=', filter.customerId);
  switch (filter.status) {
    case 'pending':
      query = query.where('acceptances.status', '=', 'pending').where('acceptances.expires_at', '>', now);
      break;
    case 'expired':
      query = query.where('acceptances.status', '=', 'pending').where('acceptances.expires_at', '<=', now);
      break;
    case 'accepted':
    case 'superseded':
      query = query.where('acceptances.status', '=', filter.status);
      break;
  }
  return keysetPage(query, [['acceptances.sent_at', 'desc'], ['acceptances.id', 'desc']], page, (row) => toAcceptance(row, now));
}

export async function insertAcceptance(trx: Transaction<DB>, row: AcceptanceRow): Promise<AcceptanceRow> {
  await trx.insertInto('acceptances').values(row).execute();
  return row;
}

export interface AcceptanceEvidenceInput {
  fullName: string;
  contactId: string;
  contactName: string;
  contactEmail: string;
  at: string;
  ip: string;
  userAgent: string;
  documentSha256: string;
}

/**
 * Records the acceptance on a pending, unexpired one; undefined when another request got there
 * first (or it expired or was superseded meanwhile). The update decides, so of concurrent accepts
 * exactly one writes the evidence.
 */
export function recordAcceptance(trx: Transaction<DB>, acceptanceId: string, evidence: AcceptanceEvidenceInput): Promise<AcceptanceRow | undefined> {
  return trx
    .updateTable('acceptances')
    .set({
      status: 'accepted',
      accepted_at: evidence.at,
      accepted_name: evidence.fullName,
      accepted_contact_id: evidence.contactId,
      accepted_contact_name: evidence.contactName,
      accepted_contact_email: evidence.contactEmail,
      accepted_ip: evidence.ip,
      accepted_user_agent: evidence.userAgent,
      accepted_document_sha256: evidence.documentSha256,
    })
    .where('id', '=', acceptanceId)
    .where('status', '=', 'pending')
    .where('expires_at', '>', evidence.at)
    .returningAll()
    .executeTakeFirst();
}

/** Marks a pending (or expired) acceptance superseded by its re-send; undefined when it was accepted or superseded meanwhile. */
export function supersedeAcceptance(trx: Transaction<DB>, acceptanceId: string, supersededBy: string, at: string): Promise<AcceptanceRow | undefined> {
  return trx
    .updateTable('acceptances')
    .set({ status: 'superseded', superseded_by: supersededBy, superseded_at: at })
    .where('id', '=', acceptanceId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

export function projectName(db: Kysely<DB>, projectId: string): Promise<string> {
  return db
    .selectFrom('projects')
    .select('name')
    .where('id', '=', projectId)
    .executeTakeFirstOrThrow()
    .then((row) => row.name);
}

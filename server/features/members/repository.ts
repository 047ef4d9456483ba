import type { Kysely, Selectable } from 'kysely';
import type { Invitation, Member } from '../../../sdk/contract/members.js';
import type { Dialect } from '../../db/database.js';
import type { DB, MemberTable, WorkspaceRole } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { keysetPage } from '../../lib/keyset.js';
import { isoAfter, isoNow } from '../../lib/time.js';

export type MemberRow = Selectable<MemberTable>;

/** An invitation not accepted within 7 days is refused (it stays listed for the owner to revoke). */
export const INVITATION_VALID_MS = 7 * 24 * 60 * 60_000;

/** The owner plus at most five more; pending invitations hold a seat too. */
export const WORKSPACE_SEATS = 6;

/** Emails are compared in lower case: Google may report the same address with other casing. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function toMember(row: MemberRow & { name: string | null }): Member {
  return {
    id: row.id,
    email: row.email,
    name: row.name ?? row.email,
    role: row.role,
    invitedBy: row.invited_by,
    createdAt: row.created_at,
    joinedAt: row.joined_at ?? row.created_at,
  };
}

export function toInvitation(row: MemberRow): Invitation {
  return { id: row.id, email: row.email, role: row.role, invitedBy: row.invited_by, createdAt: row.created_at };
}

/**
 * Serialises membership changes of one workspace on PostgreSQL, so that two concurrent
 * invitations cannot both take the last seat and two demotions cannot remove both owners.
 * SQLite runs one write transaction at a time already.
 */
export async function lockWorkspace(db: Kysely<DB>, dialect: Dialect, workspaceId: string): Promise<void> {
  if (dialect === 'postgres') await db.selectFrom('workspaces').select('id').where('id', '=', workspaceId).forUpdate().execute();
}

export function listMembers(db: Kysely<DB>, workspaceId: string, limit: number, cursor: string | undefined) {
  const query = db
    .selectFrom('members as m')
    .leftJoin('people as p', 'p.id', 'm.person_id')
    .selectAll('m')
    .select('p.name')
    .where('m.workspace_id', '=', workspaceId)
    .where('m.status', '=', 'active');
  return keysetPage(query, [['m.created_at', 'asc'], ['m.id', 'asc']], { limit, cursor }, toMember);
}

export function listInvitations(db: Kysely<DB>, workspaceId: string, limit: number, cursor: string | undefined) {
  const query = db.selectFrom('members').selectAll().where('workspace_id', '=', workspaceId).where('status', '=', 'invited');
  return keysetPage(query, [['created_at', 'asc'], ['id', 'asc']], { limit, cursor }, toInvitation);
}

/** An active member or a pending invitation of this workspace; another workspace's id finds nothing. */
export function findMembership(db: Kysely<DB>, workspaceId: string, memberId: string, status: MemberRow['status']) {
  return db
    .selectFrom('members as m')
    .leftJoin('people as p', 'p.id', 'm.person_id')
    .selectAll('m')
    .select('p.name')
    .where('m.id', '=', memberId)
    .where('m.workspace_id', '=', workspaceId)
    .where('m.status', '=', status)
    .executeTakeFirst();
}

export function findMembershipByEmail(db: Kysely<DB>, workspaceId: string, email: string): Promise<MemberRow | undefined> {
  return db.selectFrom('members').selectAll().where('workspace_id', '=', workspaceId).where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

/** Seats taken: active members and pending invitations alike. */
export async function countSeats(db: Kysely<DB>, workspaceId: string): Promise<number> {
  const row = await db.selectFrom('members').select((eb) => eb.fn.countAll<number | string>().as('seats')).where('workspace_id', '=', workspaceId).executeTakeFirstOrThrow();
  return Number(row.seats);
}

export async function countActiveOwners(db: Kysely<DB>, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number | string>().as('owners'))
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'active')
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(row.owners);
}

export async function createInvitation(db: Kysely<DB>, workspaceId: string, input: { email: string; role: WorkspaceRole; invitedBy: string | null }): Promise<MemberRow> {
  const row: MemberRow = {
    id: newId('mem'),
    workspace_id: workspaceId,
    person_id: null,
    email: normaliseEmail(input.email),
    role: input.role,
    status: 'invited',
    invited_by: input.invitedBy,
    created_at: isoNow(),
    joined_at: null,
    expires_at: isoAfter(INVITATION_VALID_MS),
  };
  await db.insertInto('members').values(row).execute();
  return row;
}

/** The founder of a workspace joins as its owner without an invitation. */
export async function createOwner(db: Kysely<DB>, workspaceId: string, person: { id: string; email: string }): Promise<MemberRow> {
  const now = isoNow();
  const row: MemberRow = {
    id: newId('mem'),
    workspace_id: workspaceId,
    person_id: person.id,
    email: person.email,
    role: 'owner',
    status: 'active',
    invited_by: null,
    created_at: now,
    joined_at: now,
    expires_at: null,
  };
  await db.insertInto('members').values(row).execute();
  return row;
}

export async function updateMemberRole(db: Kysely<DB>, memberId: string, role: WorkspaceRole): Promise<void> {
  await db.updateTable('members').set({ role }).where('id', '=', memberId).execute();
}

/** Deleting the row also deletes its sessions (foreign key cascade), so access ends with it. */
export async function deleteMembership(db: Kysely<DB>, memberId: string): Promise<boolean> {
  const result = await db.deleteFrom('members').where('id', '=', memberId).executeTakeFirst();
  return result.numDeletedRows === 1n;
}

export interface GoogleIdentity {
  googleSub: string;
  email: string;
  name: string;
}

/** The person behind a Google account, created on first sign-in; email and name follow Google's latest. */
export function upsertPerson(db: Kysely<DB>, identity: GoogleIdentity) {
  const email = normaliseEmail(identity.email);
  return db
    .insertInto('people')
    .values({ id: newId('per'), google_sub: identity.googleSub, email, name: identity.name, created_at: isoNow() })
    .onConflict((conflict) => conflict.column('google_sub').doUpdateSet({ email, name: identity.name }))
    .returning(['id', 'email', 'name'])
    .executeTakeFirstOrThrow();
}

export function findPerson(db: Kysely<DB>, personId: string) {
  return db.selectFrom('people').select(['id', 'email', 'name']).where('id', '=', personId).executeTakeFirst();
}

/**
 * Turns the pending invitations for this person's email into memberships. An invitation in a
 * workspace the person already belongs to stays pending (for the owner to revoke).
 */
export async function acceptInvitations(db: Kysely<DB>, person: { id: string; email: string }): Promise<MemberRow[]> {
  const pending = await db
    .selectFrom('members as m')
    .selectAll('m')
    .where('m.email', '=', person.email)
    .where('m.status', '=', 'invited')
    .where((eb) => eb.or([eb('m.expires_at', 'is', null), eb('m.expires_at', '>', isoNow())]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('members as joined')
            .select('joined.id')
            .whereRef('joined.workspace_id', '=', 'm.workspace_id')
            .where('joined.person_id', '=', person.id)
            .where('joined.status', '=', 'active'),
        ),
      ),
    )
    .execute();
  const accepted: MemberRow[] = [];
  for (const invitation of pending) {
    const joined = await db
      .updateTable('members')
      .set({ status: 'active', person_id: person.id, joined_at: isoNow() })
      .where('id', '=', invitation.id)
      .where('status', '=', 'invited')
      .returningAll()
      .executeTakeFirst();
    if (joined) accepted.push(joined);
  }
  return accepted;
}

/** The workspaces a person can enter, oldest membership first. */
export function listMemberships(db: Kysely<DB>, personId: string) {
  return db
    .selectFrom('members as m')
    .innerJoin('workspaces as w', 'w.id', 'm.workspace_id')
    .select(['m.id as memberId', 'm.role', 'w.id as workspaceId', 'w.name as workspaceName'])
    .where('m.person_id', '=', personId)
    .where('m.status', '=', 'active')
    .orderBy('m.joined_at')
    .orderBy('m.id')
    .execute();
}

import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Who sent a request (a member or an API key; null while it is a draft): the member who sent it is
// told when the contact answers. Requests sent before this column existed take the actor of their
// `request.sent` audit event, which recorded it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('information_requests').addColumn('sent_by_type', 'text').execute();
  await db.schema.alterTable('information_requests').addColumn('sent_by_id', 'text').execute();
  const sentEvent = (column: 'actor_type' | 'actor_id') =>
    sql`(select e.${sql.ref(column)} from audit_events e where e.subject_id = information_requests.id and e.action = 'request.sent' order by e.seq desc limit 1)`;
  await sql`update information_requests set sent_by_type = ${sentEvent('actor_type')}, sent_by_id = ${sentEvent('actor_id')} where sent_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('information_requests').dropColumn('sent_by_id').execute();
  await db.schema.alterTable('information_requests').dropColumn('sent_by_type').execute();
}

import type { DemoSeed } from '../../demo/seed.js';
import { newId } from '../../lib/ids.js';
import { isoNow } from '../../lib/time.js';
import { createProject, createTask, createTimeEntry, postCustomerComment, postTeamComment, updateProject } from './actions.js';

const DAY = 24 * 60 * 60_000;

/** Two people on the team, so tasks have assignees and time has someone who logged it. They sign in with nothing: demo rows only. */
async function demoMembers(demo: DemoSeed): Promise<{ sam: string; priya: string }> {
  const { db } = demo.database;
  const member = async (name: string, email: string) => {
    const personId = newId('per');
    const at = isoNow();
    await db.insertInto('people').values({ id: personId, google_sub: `demo-${personId}`, email, name, created_at: at }).execute();
    const memberId = newId('mem');
    await db
      .insertInto('members')
      .values({ id: memberId, workspace_id: demo.workspaceId, person_id: personId, email, role: 'team_lead', status: 'active', invited_by: null, created_at: at, joined_at: at })
      .execute();
    return memberId;
  };
  return { sam: await member('Sam Rivera', 'sam@northwind.example'), priya: await member('Priya Shah', 'priya@northwind.example') };
}

/**
 * Projects for Acme, through the projects actions so the audit trail, follow-up and activity times
 * are what real use produces: a website redesign with a task in every status, billable and
 * non-billable time, comments for the customer and one internal note, and Ada's question (an open
 * follow-up); a support retainer; an archived project Ada does not see. Globex gets one of its own.
 */
export async function seedProjects(demo: DemoSeed): Promise<void> {
  const { database, team, contact, customers } = demo;
  const members = await demoMembers(demo);
  const day = (daysAgo: number) => new Date(demo.now - daysAgo * DAY).toISOString().slice(0, 10);

  const website = await createProject(database, team, {
    customerId: customers.acme.id,
    name: 'Website redesign',
    description: 'New information architecture, visual design and a rebuilt product catalogue.',
  });
  demo.shared.set('project.website', website.id);
  for (const [name, status, assignee] of [
    ['Wireframes for the catalogue', 'done', members.priya],
    ['Visual design system', 'in_progress', members.priya],
    ['Content migration plan', 'open', members.sam],
    ['Product page templates', 'open', null],
    ['Print stylesheet', 'cancelled', null],
  ] as const) {
    await createTask(database, team, website.id, { name, status, assigneeMemberId: assignee });
  }
  for (const [daysAgo, hours, billable, member] of [
    [12, 3.5, true, members.priya],
    [9, 6, true, members.priya],
    [7, 1.25, false, members.sam],
    [3, 4.75, true, members.sam],
  ] as const) {
    await createTimeEntry(database, team, website.id, {
      date: day(daysAgo),
      hours,
      billable,
      memberId: member,
      hourlyRate: { amount: 12_000, currency: 'USD' },
      hourlyCost: { amount: 5_500, currency: 'USD' },
    });
  }
  await postTeamComment(database, team, website.id, { body: 'The wireframes are approved internally; the design system is next.', visibility: 'customer' }, undefined);
  await postTeamComment(database, team, website.id, { body: 'Keep the catalogue scope fixed: the budget has no room for the print stylesheet.', visibility: 'internal' }, undefined);
  await postCustomerComment(database, contact, website.id, { body: 'Looks great so far. Could we see the product page templates before the holidays?' }, undefined);

  const support = await createProject(database, team, {
    customerId: customers.acme.id,
    name: 'Support retainer 2026',
    description: 'Monthly maintenance, updates and small changes.',
  });
  demo.shared.set('project.support', support.id);
  await createTask(database, team, support.id, { name: 'Monthly dependency updates', status: 'in_progress', assigneeMemberId: members.sam });
  await createTimeEntry(database, team, support.id, { date: day(5), hours: 2, billable: true, memberId: members.sam });

  const archived = await createProject(database, team, { customerId: customers.acme.id, name: 'Brand workshop 2025', description: 'Finished last year.' });
  await updateProject(database, team, archived.id, { status: 'archived' });

  const globex = await createProject(database, team, { customerId: customers.globex.id, name: 'Store rollout', description: 'Point-of-sale setup for the new stores.' });
  await createTask(database, team, globex.id, { name: 'Site survey', status: 'open' });
}

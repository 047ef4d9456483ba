import { defineFeature, type ObjectFactory } from '../../lib/feature.js';

/** An active project of the owner's customer, holding internal comments, documents and rates beside what the customer sees. */
const projectFactory: ObjectFactory = ({ tenant, customerId }) => tenant.project(customerId);

export const projectsFeature = defineFeature({
  name: 'projects',
  actions: {
    'projects.read': { roles: ['owner', 'manager', 'team_lead', 'finance_reviewer'], keys: ['full', 'read_only'] },
    'projects.write': { roles: ['owner', 'manager', 'team_lead'], keys: ['full'] },
  },
  portalRoutes: async () => (await import('./portal-routes.js')).projectPortalRoutes,
  workspaceRoutes: async () => (await import('./workspace-routes.js')).projectWorkspaceRoutes,
  seed: async (demo) => (await import('./demo.js')).seedProjects(demo),
  bench: {
    lists: [{ name: 'projects', path: '/v1/portal/projects?limit=20', handWritten: false }],
    // A full page and a next cursor for every customer, each project with a few tasks and hours.
    rows: ({ sqlite, workspaceId, accounts, id, random, historyStart, historyMs }) => {
      const insertProject = sqlite.prepare(
        `insert into projects (id, workspace_id, customer_id, name, description, status, comment_count, last_activity_at, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
      );
      const insertTask = sqlite.prepare(
        `insert into project_tasks (id, workspace_id, project_id, name, status, assignee_member_id, created_at, updated_at) values (?, ?, ?, ?, ?, null, ?, ?)`,
      );
      const statuses = ['open', 'in_progress', 'done', 'cancelled'];
      for (const account of accounts) {
        for (let i = 0; i < 25; i++) {
          const projectId = id('prj');
          const at = new Date(historyStart + random() * historyMs).toISOString();
          insertProject.run(projectId, workspaceId, account.customerId, `Project ${i + 1}`, 'Scope, milestones and deliverables.', i % 10 === 9 ? 'archived' : 'active', at, at, at);
          for (let j = 0; j < 3; j++) insertTask.run(id('tsk'), workspaceId, projectId, `Task ${j + 1}`, statuses[j % 4], at, at);
        }
      }
    },
  },
  objectFactories: {
    projectId: projectFactory,
    taskId: async (owner) => {
      const projectId = await projectFactory(owner);
      const created = await owner.tenant.asKey('POST', `/v1/workspace/projects/${projectId}/tasks`, { name: 'A task', status: 'in_progress' });
      if (created.statusCode !== 201) throw new Error(`create task: ${created.statusCode} ${created.body}`);
      return created.json<{ id: string }>().id;
    },
  },
});

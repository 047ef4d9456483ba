import { defineFeature } from '../../lib/feature.js';

export const documentsFeature = defineFeature({
  name: 'documents',
  actions: {
    'documents.read': { roles: ['owner', 'manager', 'team_lead', 'finance_reviewer'], keys: ['full', 'read_only'] },
    'documents.write': { roles: ['owner', 'manager', 'team_lead'], keys: ['full'] },
  },
  portalRoutes: async () => (await import('./portal-routes.js')).documentPortalRoutes,
  workspaceRoutes: async () => (await import('./workspace-routes.js')).documentWorkspaceRoutes,
  seed: async (demo) => (await import('./demo.js')).seedDocuments(demo),
  bench: {
    lists: [{ name: 'documents', path: '/v1/portal/documents?limit=20', handWritten: false }],
    // 25 shared documents per customer, spread over the active projects the projects feature loaded.
    rows: ({ sqlite, workspaceId, accounts, id, random, historyStart, historyMs }) => {
      const projectsOf = sqlite.prepare(`select id from projects where customer_id = ? and status = 'active' order by id`);
      const insert = sqlite.prepare(
        `insert into documents (id, workspace_id, project_id, customer_id, name, size, content_type, sha256, storage_key, shared,
           uploaded_by_type, uploaded_by_id, uploaded_at, updated_at)
         values (?, ?, ?, ?, ?, ?, 'application/pdf', ?, ?, ?, 'system', 'bench', ?, ?)`,
      );
      for (const account of accounts) {
        const projects = (projectsOf.all(account.customerId) as { id: string }[]).map((row) => row.id);
        if (!projects.length) continue;
        for (let i = 0; i < 30; i++) {
          const at = new Date(historyStart + random() * historyMs).toISOString();
          const documentId = id('doc');
          // Every sixth stays unshared: the portal's query leaves it out.
          insert.run(documentId, workspaceId, projects[i % projects.length], account.customerId, `Deliverable ${i + 1}.pdf`, 20_000 + Math.floor(random() * 2_000_000), '0'.repeat(64), `${workspaceId}/file_${documentId}`, i % 6 === 5 ? 0 : 1, at, at);
        }
      }
    },
  },
  objectFactories: {
    documentId: async ({ tenant, customerId }) => tenant.document(customerId),
  },
});

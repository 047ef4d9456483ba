import { defineFeature } from '../../lib/feature.js';

export const auditFeature = defineFeature({
  name: 'audit',
  actions: {
    'audit.read': { roles: ['owner', 'manager', 'finance_reviewer'], keys: ['full', 'read_only'] },
  },
  workspaceRoutes: async () => (await import('./workspace-routes.js')).auditWorkspaceRoutes,
});

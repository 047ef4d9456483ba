import { defineFeature } from '../../lib/feature.js';

export const customersFeature = defineFeature({
  name: 'customers',
  actions: {
    'customers.read': { roles: ['owner', 'manager', 'team_lead', 'finance_reviewer'], keys: ['full', 'read_only'] },
    'customers.write': { roles: ['owner', 'manager', 'team_lead'], keys: ['full'] },
  },
  workspaceRoutes: async () => (await import('./workspace-routes.js')).customerWorkspaceRoutes,
  objectFactories: { customerId: async ({ customerId }) => customerId },
});

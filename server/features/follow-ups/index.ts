import { defineFeature } from '../../lib/feature.js';

export const followUpsFeature = defineFeature({
  name: 'follow-ups',
  actions: {
    'follow_ups.read': { roles: ['owner', 'manager', 'team_lead', 'finance_reviewer'], keys: ['full', 'read_only'] },
    'follow_ups.work': { roles: ['owner', 'manager', 'team_lead', 'finance_reviewer'], keys: ['full'] },
    // A finance reviewer's follow-ups are of finance kinds only (invoice.*, payment_proof.*): the repository scopes them.
    'follow_ups.dismiss': { roles: ['owner', 'manager', 'finance_reviewer'], keys: ['full'] },
  },
  workspaceRoutes: async () => (await import('./workspace-routes.js')).followUpWorkspaceRoutes,
  objectFactories: { followUpId: async ({ tenant, customerId }) => tenant.followUp(customerId, await tenant.proposal(customerId)) },
});

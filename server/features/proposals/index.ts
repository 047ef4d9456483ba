import { defineFeature } from '../../lib/feature.js';

export const proposalsFeature = defineFeature({
  name: 'proposals',
  actions: {
    'proposals.read': { roles: ['owner', 'manager', 'team_lead', 'finance_reviewer'], keys: ['full', 'read_only'] },
    'proposals.write': { roles: ['owner', 'manager', 'team_lead'], keys: ['full'] },
    'proposals.send': { roles: ['owner', 'manager', 'team_lead'], keys: ['full'] },
  },
  portalRoutes: async () => (await import('./portal-routes.js')).proposalPortalRoutes,
  workspaceRoutes: async () => (await import('./workspace-routes.js')).proposalWorkspaceRoutes,
  seed: async (demo) => (await import('./demo.js')).seedProposals(demo),
  // Its rows are loaded by bench/dataset.ts itself (the benchmark's main table).
  bench: { lists: [{ name: 'proposals', path: '/v1/portal/proposals?limit=20', handWritten: true }] },
  objectFactories: { proposalId: ({ tenant, customerId }) => tenant.proposal(customerId) },
});

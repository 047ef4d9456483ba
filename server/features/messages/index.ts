import { defineFeature } from '../../lib/feature.js';

export const messagesFeature = defineFeature({
  name: 'messages',
  actions: {
    'messages.read': { roles: ['owner', 'manager', 'team_lead'], keys: ['full', 'read_only'] },
    'messages.write': { roles: ['owner', 'manager', 'team_lead'], keys: ['full'] },
  },
  portalRoutes: async () => (await import('./portal-routes.js')).messagePortalRoutes,
  workspaceRoutes: async () => (await import('./workspace-routes.js')).messageWorkspaceRoutes,
  seed: async (demo) => (await import('./demo.js')).seedMessages(demo),
  // Its rows are loaded by bench/dataset.ts itself.
  bench: { lists: [{ name: 'threads', path: '/v1/portal/threads?limit=20', handWritten: false }] },
  objectFactories: { threadId: ({ tenant, customerId }) => tenant.thread(customerId) },
});

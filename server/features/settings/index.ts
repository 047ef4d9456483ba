import { defineFeature } from '../../lib/feature.js';

/** A full API key manages the portal settings (module, origins, brand), as a payment provider's secret key does. */
export const settingsFeature = defineFeature({
  name: 'settings',
  actions: {
    'settings.read': { roles: ['owner', 'manager', 'team_lead', 'finance_reviewer'], keys: ['full', 'read_only'] },
    'settings.manage': { roles: ['owner', 'manager'], keys: ['full'] },
  },
  workspaceRoutes: async () => (await import('./workspace-routes.js')).settingsWorkspaceRoutes,
});

import { defineFeature } from '../../lib/feature.js';

/** API keys act for a backend, never for a person: no key manages members or keys. */
export const apiKeysFeature = defineFeature({
  name: 'api-keys',
  actions: {
    'api_keys.read': { roles: ['owner', 'manager'], keys: [] },
    'api_keys.manage': { roles: ['owner', 'manager'], keys: [] },
  },
  workspaceRoutes: async () => (await import('./workspace-routes.js')).apiKeyWorkspaceRoutes,
  objectFactories: { keyId: async ({ tenant }) => (await tenant.key('read_only')).id },
});

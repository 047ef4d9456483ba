import { defineFeature } from '../../lib/feature.js';

/** Minting a portal session for a contact; exchanging and refreshing it are public routes, registered in app.ts. */
export const portalSessionsFeature = defineFeature({
  name: 'portal-sessions',
  actions: {
    'portal_sessions.create': { roles: ['owner', 'manager', 'team_lead'], keys: ['full', 'sessions_only'] },
  },
  workspaceRoutes: async () => (await import('./workspace-routes.js')).portalSessionWorkspaceRoutes,
});

import { defineFeature } from '../../lib/feature.js';

/** The signed-in contact and their customer (`GET /v1/portal/me`). */
export const profileFeature = defineFeature({
  name: 'profile',
  portalRoutes: async () => (await import('./portal-routes.js')).profilePortalRoutes,
});

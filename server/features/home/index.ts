import { defineFeature } from '../../lib/feature.js';

/**
 * The portal's home (`GET /v1/portal/home`): what is waiting on the contact across the sections,
 * read from their tables in one query. It has no tables, actions or ids of its own.
 */
export const homeFeature = defineFeature({
  name: 'home',
  portalRoutes: async () => (await import('./portal-routes.js')).homePortalRoutes,
  bench: {
    // One answer rather than a page, so measured as a document (a 200 and a JSON object); the rows it
    // reads are the other features' (pending proposals, open estimates and requests, pending
    // acceptances, unread threads, outstanding invoices of the signed-in customer).
    lists: [{ name: 'home', path: '/v1/portal/home', handWritten: false, document: true }],
  },
});

import { defineFeature } from '../../lib/feature.js';

/** Dead letters: deliveries that ran out of attempts, and redelivering them (under the webhooks actions). */
export const outboxFeature = defineFeature({
  name: 'outbox',
  workspaceRoutes: async () => (await import('./workspace-routes.js')).deadLetterWorkspaceRoutes,
  objectFactories: { messageId: ({ tenant }) => tenant.deadLetter() },
});

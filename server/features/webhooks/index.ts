import { defineFeature, type FeaturePlugin } from '../../lib/feature.js';

/** Webhook endpoints and their deliveries; its actions also cover the outbox's dead letters. */
export const webhooksFeature = defineFeature({
  name: 'webhooks',
  actions: {
    'webhooks.read': { roles: ['owner', 'manager'], keys: ['full', 'read_only'] },
    'webhooks.manage': { roles: ['owner', 'manager'], keys: ['full'] },
  },
  workspaceRoutes: async (): Promise<FeaturePlugin> => {
    const { webhookWorkspaceRoutes } = await import('./workspace-routes.js');
    return async (app, { config }) => {
      await app.register(webhookWorkspaceRoutes, { policy: { allowPrivate: config.outbox.webhookAllowPrivate } });
    };
  },
  objectFactories: { endpointId: ({ tenant }) => tenant.webhookEndpoint() },
});

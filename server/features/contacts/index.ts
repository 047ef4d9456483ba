import { defineFeature } from '../../lib/feature.js';

export const contactsFeature = defineFeature({
  name: 'contacts',
  actions: {
    'contacts.read': { roles: ['owner', 'manager', 'team_lead', 'finance_reviewer'], keys: ['full', 'read_only'] },
    'contacts.write': { roles: ['owner', 'manager', 'team_lead'], keys: ['full'] },
    'contacts.revoke_sessions': { roles: ['owner', 'manager', 'team_lead'], keys: ['full'] },
  },
  workspaceRoutes: async () => (await import('./workspace-routes.js')).contactWorkspaceRoutes,
  objectFactories: { contactId: async ({ tenant, customerId }) => (await tenant.contact(customerId)).id },
});

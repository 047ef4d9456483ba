import { defineFeature } from '../../lib/feature.js';

/** Members and invitations; how a member gets a session (Google sign-in, onboarding, refresh) is registered in app.ts. */
export const membersFeature = defineFeature({
  name: 'members',
  actions: {
    'members.read': { roles: ['owner', 'manager', 'team_lead', 'finance_reviewer'], keys: [] },
    'members.manage': { roles: ['owner', 'manager'], keys: [] },
  },
  workspaceRoutes: async () => (await import('./workspace-routes.js')).memberWorkspaceRoutes,
  objectFactories: {
    memberId: async ({ tenant }) => (await tenant.member('team_lead')).memberId,
    invitationId: ({ tenant }) => tenant.invitation(),
  },
});

import type { ApiKeyScope, WorkspaceRole } from '../db/schema.js';

/** Every action a workspace route can require; each workspace route declares exactly one. */
export const workspaceActions = [
  'customers.read',
  'customers.write',
  'contacts.read',
  'contacts.write',
  'contacts.revoke_sessions',
  'proposals.read',
  'proposals.write',
  'proposals.send',
  'portal_sessions.create',
  'audit.read',
  'follow_ups.read',
  'follow_ups.work',
  'follow_ups.dismiss',
  'messages.read',
  'messages.write',
  'members.read',
  'members.manage',
  'api_keys.read',
  'api_keys.manage',
  'settings.read',
  'settings.manage',
  'webhooks.read',
  'webhooks.manage',
] as const;
export type WorkspaceAction = (typeof workspaceActions)[number];

const everything: readonly WorkspaceAction[] = workspaceActions;
const reading: readonly WorkspaceAction[] = ['customers.read', 'contacts.read', 'proposals.read', 'audit.read', 'members.read', 'settings.read'];
const customerWork: readonly WorkspaceAction[] = [
  'customers.read',
  'customers.write',
  'contacts.read',
  'contacts.write',
  'contacts.revoke_sessions',
  'proposals.read',
  'proposals.write',
  'proposals.send',
  'portal_sessions.create',
  'follow_ups.read',
  'follow_ups.work',
  'messages.read',
  'messages.write',
];

/** The permission table of docs/security.md; the role-matrix test checks every route against it. */
export const rolePermissions: Record<WorkspaceRole, readonly WorkspaceAction[]> = {
  owner: everything,
  manager: everything,
  team_lead: [...customerWork, 'members.read', 'settings.read'],
  // Follow-ups of finance kinds only (invoice.*, payment_proof.*): the repository scopes them.
  finance_reviewer: [...reading, 'follow_ups.read', 'follow_ups.work', 'follow_ups.dismiss'],
};

/**
 * API keys act for a backend, never for a person: no key manages members or keys. A full key
 * manages the portal settings (module, origins, brand) and webhook endpoints, as a payment
 * provider's secret key does.
 */
export const apiKeyPermissions: Record<ApiKeyScope, readonly WorkspaceAction[]> = {
  full: [...customerWork, 'audit.read', 'follow_ups.dismiss', 'settings.read', 'settings.manage', 'webhooks.read', 'webhooks.manage'],
  read_only: ['customers.read', 'contacts.read', 'proposals.read', 'audit.read', 'follow_ups.read', 'messages.read', 'settings.read', 'webhooks.read'],
  sessions_only: ['portal_sessions.create'],
};

export const workspaceRoles: readonly WorkspaceRole[] = ['owner', 'manager', 'team_lead', 'finance_reviewer'];
export const apiKeyScopes: readonly ApiKeyScope[] = ['full', 'read_only', 'sessions_only'];

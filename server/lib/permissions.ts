import type { ApiKeyScope, WorkspaceRole } from '../db/schema.js';
import { features } from '../features/index.js';
import { grantTables, type ActionOf } from './feature.js';

export const workspaceRoles: readonly WorkspaceRole[] = ['owner', 'manager', 'team_lead', 'finance_reviewer'];
export const apiKeyScopes: readonly ApiKeyScope[] = ['full', 'read_only', 'sessions_only'];

/** Every action a workspace route can require (each declares exactly one): those the features declare. */
export type WorkspaceAction = ActionOf<(typeof features)[number]>;

/**
 * The permission table of docs/security.md, derived from each feature's `actions` and their grants
 * (server/features/<x>/index.ts), in registry order; the role-matrix test checks every route against it.
 * Owners and managers hold every action; API keys act for a backend, never for a person, so no key
 * manages members or keys.
 */
const tables = grantTables<WorkspaceAction>(features, workspaceRoles, apiKeyScopes);
export const workspaceActions: readonly WorkspaceAction[] = tables.actions;
export const rolePermissions: Record<WorkspaceRole, readonly WorkspaceAction[]> = tables.roles;
export const apiKeyPermissions: Record<ApiKeyScope, readonly WorkspaceAction[]> = tables.keys;

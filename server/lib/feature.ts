/**
 * What a feature (`server/features/<x>/index.ts`) declares, so that adding one touches its own
 * folder and one line in `server/features/index.ts`: its route plugins, the workspace actions it
 * introduces with who is granted each, its part of the demo, its benchmarked list routes and how
 * the security suite makes an object for each of its `:id` parameters.
 *
 * A feature's index.ts is a manifest: it imports only types and this module, and loads its code
 * (routes, seed) when used. `server/lib/permissions.ts` reads the manifests, and `plugins/auth.ts`
 * reads permissions.ts, so a manifest that imported its routes would import the auth plugin
 * through them: a cycle in which, depending on which module loads first, a table is read before
 * it exists.
 */
import type { Database as SQLiteDatabase } from 'better-sqlite3';
import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.js';
import type { ApiKeyScope, WorkspaceRole } from '../db/schema.js';
import type { DemoSeed } from '../demo/seed.js';
import type { Owner } from '../security/harness.js';

/** Who may perform one workspace action: member roles and API key scopes. */
export interface Grant {
  readonly roles: readonly WorkspaceRole[];
  readonly keys: readonly ApiKeyScope[];
}

/** Route plugins get the server's configuration; most ignore it. */
export interface FeatureRouteOptions {
  config: Config;
}

export type FeaturePlugin = FastifyPluginAsync<FeatureRouteOptions>;

/** A portal list route the benchmark measures (`bench/routes.ts` collects them from the features). */
export interface BenchListRoute {
  /** Shown in the tables. */
  name: string;
  /** Asked for with the signed-in contact's token; it must answer a full page with a next cursor. */
  path: string;
  /** Set for a route that answers one document rather than a page (a statement): checked for a 200 and a JSON object only. */
  document?: true;
  /** bench/targets.ts serves a hand-written version of this route (target B). */
  handWritten: boolean;
}

/** What `bench/dataset.ts` hands a feature to bulk-insert the rows its benchmarked lists read. */
export interface BenchRows {
  /** The throwaway benchmark database, inside the loading transaction (plain SQL, no Kysely). */
  sqlite: SQLiteDatabase;
  workspaceId: string;
  /** Every customer with its one portal contact; the first is the one the benchmark signs in as. */
  accounts: readonly { customerId: string; contactId: string }[];
  /** Ids in the app's format, from pooled randomness. */
  id(prefix: string): string;
  /** Seeded, so every run builds the same shape of data. */
  random(): number;
  /** The data spans [historyStart, historyStart + historyMs). */
  historyStart: number;
  historyMs: number;
}

/** Makes a real object for one id parameter, belonging to `owner` (see server/security/harness.ts). */
export type ObjectFactory = (owner: Owner) => Promise<string>;

export interface Feature<Action extends string = string> {
  /** The folder's name, for messages. */
  readonly name: string;
  /** The workspace actions this feature introduces, each with its grants; the permission table lists them in this order. */
  readonly actions?: { readonly [A in Action]: Grant };
  /** Its signed-in portal routes (under `/v1/portal`, after the portal token check). */
  readonly portalRoutes?: () => Promise<FeaturePlugin>;
  /** Its workspace routes (under `/v1/workspace`, after authentication and the permission check). */
  readonly workspaceRoutes?: () => Promise<FeaturePlugin>;
  /** Its part of the demo workspace, run in registry order after the workspace, its customers and contacts exist. */
  readonly seed?: (demo: DemoSeed) => Promise<void>;
  /** Its portal list routes that `npm run bench` measures, and the rows they read. */
  readonly bench?: { readonly lists: readonly BenchListRoute[]; readonly rows?: (load: BenchRows) => void };
  /** For each `:id` path parameter its routes introduce: how the security suite makes a real one. */
  readonly objectFactories?: Readonly<Record<string, ObjectFactory>>;
}

/** Declares a feature, keeping its action names as literal types (so `WorkspaceAction` is a precise union). */
export function defineFeature<const Action extends string = never>(feature: Feature<Action>): Feature<Action> {
  return feature;
}

/** The actions a feature declares, as a union of string literals. */
export type ActionOf<F> = F extends Feature<infer Action> ? Action : never;

/** The permission tables, derived from the features' declarations. */
export interface GrantTables<Action extends string> {
  actions: readonly Action[];
  roles: Record<WorkspaceRole, readonly Action[]>;
  keys: Record<ApiKeyScope, readonly Action[]>;
}

/** `Action` is the union of the same features' actions (`ActionOf`); the names are read from `features`. */
export function grantTables<Action extends string>(
  features: readonly Feature[],
  roles: readonly WorkspaceRole[],
  scopes: readonly ApiKeyScope[],
): GrantTables<Action> {
  const actions: Action[] = [];
  const byRole = Object.fromEntries(roles.map((role) => [role, [] as Action[]])) as Record<WorkspaceRole, Action[]>;
  const byScope = Object.fromEntries(scopes.map((scope) => [scope, [] as Action[]])) as Record<ApiKeyScope, Action[]>;
  const declaredBy = new Map<string, string>();
  for (const feature of features) {
    for (const [action, grant] of Object.entries(feature.actions ?? {}) as [Action, Grant][]) {
      const other = declaredBy.get(action);
      if (other !== undefined) throw new Error(`workspace action ${action} is declared by both ${other} and ${feature.name}`);
      declaredBy.set(action, feature.name);
      actions.push(action);
      for (const role of grant.roles) byRole[role].push(action);
      for (const scope of grant.keys) byScope[scope].push(action);
    }
  }
  return { actions, roles: byRole, keys: byScope };
}

/** Every feature's object factories in one map; two features naming the same parameter is a mistake. */
export function collectObjectFactories(features: readonly Feature[]): Record<string, ObjectFactory> {
  const factories: Record<string, ObjectFactory> = {};
  const declaredBy = new Map<string, string>();
  for (const feature of features) {
    for (const [param, make] of Object.entries(feature.objectFactories ?? {})) {
      const other = declaredBy.get(param);
      if (other !== undefined) throw new Error(`the id parameter :${param} has object factories in both ${other} and ${feature.name}`);
      declaredBy.set(param, feature.name);
      factories[param] = make;
    }
  }
  return factories;
}

/** The generated sections of docs/security.md, from the code they describe (checked by docs.test.ts). */
import { apiKeyPermissions, apiKeyScopes, rolePermissions, workspaceActions, workspaceRoles } from '../lib/permissions.js';
import { strictLimits } from '../plugins/rate-limit.js';
import { authenticatedRoutes, memberSelfServiceRoutes, type RouteInfo } from './harness.js';

const roleNames: Record<string, string> = { owner: 'owner', manager: 'manager', team_lead: 'team lead', finance_reviewer: 'finance reviewer' };
const scopeNames: Record<string, string> = { full: 'key: full', read_only: 'key: read-only', sessions_only: 'key: sessions-only' };

export function permissionTable(): string {
  const columns = [...workspaceRoles.map((role) => roleNames[role] ?? role), ...apiKeyScopes.map((scope) => scopeNames[scope] ?? scope)];
  const rows = workspaceActions.map((action) => {
    const cells = [...workspaceRoles.map((role) => rolePermissions[role].includes(action)), ...apiKeyScopes.map((scope) => apiKeyPermissions[scope].includes(action))];
    return `| \`${action}\` | ${cells.map((yes) => (yes ? '✓' : '—')).join(' | ')} |`;
  });
  return [`| action | ${columns.join(' | ')} |`, `|---|${columns.map(() => ':-:').join('|')}|`, ...rows].join('\n');
}

export function routesByAction(routes: RouteInfo[]): string {
  const workspace = authenticatedRoutes(routes, 'workspace');
  const lines = workspaceActions.map((action) => {
    const matching = workspace.filter((route) => route.permission === action).map((route) => `\`${route.method} ${route.url.replace('/v1/workspace', '')}\``);
    return `- \`${action}\`: ${matching.length ? matching.join(', ') : '(no route yet)'}`;
  });
  const self = workspace.filter((route) => memberSelfServiceRoutes.has(route.id)).map((route) => `\`${route.method} ${route.url.replace('/v1/workspace', '')}\``);
  if (self.length) lines.push(`- any member, for their own session (no API key): ${self.join(', ')}`);
  return lines.join('\n');
}

export function rateLimitTable(): string {
  return [
    '| route | limit per IP and minute |',
    '|---|--:|',
    ...strictLimits.map((rule) => `| \`${rule.route}\` | ${rule.max} |`),
  ].join('\n');
}

/** The generated sections of docs/security.md, each between `<!-- name:start -->` and `<!-- name:end -->`. */
export function generatedSections(routes: RouteInfo[]): Record<string, string> {
  return { 'permission-table': permissionTable(), 'routes-by-action': routesByAction(routes), 'rate-limits': rateLimitTable() };
}

/** The text of a generated section, or undefined when the page has no such markers. */
export function sectionText(doc: string, name: string): string | undefined {
  const start = doc.indexOf(`<!-- ${name}:start -->`);
  const end = doc.indexOf(`<!-- ${name}:end -->`);
  if (start < 0 || end <= start) return undefined;
  return doc.slice(start + `<!-- ${name}:start -->`.length, end).trim();
}

/** The page with each generated section replaced; the prose around the markers is kept as written. */
export function withSections(doc: string, sections: Record<string, string>): string {
  let result = doc;
  for (const [name, text] of Object.entries(sections)) {
    const start = result.indexOf(`<!-- ${name}:start -->`);
    const end = result.indexOf(`<!-- ${name}:end -->`);
    if (start < 0 || end <= start) throw new Error(`docs/security.md has no ${name} section`);
    result = `${result.slice(0, start)}<!-- ${name}:start -->\n${text}\n${result.slice(end)}`;
  }
  return result;
}

import { defineFeature, type ObjectFactory } from '../../lib/feature.js';
import type { Owner } from '../../security/harness.js';

/**
 * The security suite's victim request: sent to the owner's customer, with a text item and a file
 * item. `:requestId` and `:itemId` sit in the same paths, so both factories hand out the same
 * request of one owner (made once per owner's customer) and `:itemId` its text item.
 */
const suiteRequests = new Map<string, Promise<{ requestId: string; textItemId: string; fileItemId: string }>>();

export function suiteRequest({ tenant, customerId }: Owner): Promise<{ requestId: string; textItemId: string; fileItemId: string }> {
  const key = `${tenant.workspaceId}:${customerId}`;
  let made = suiteRequests.get(key);
  if (!made) {
    made = (async () => {
      const created = await tenant.asKey('POST', '/v1/workspace/requests', {
        customerId,
        title: 'Made by the security suite',
        items: [
          { kind: 'text', prompt: 'A question' },
          { kind: 'file', prompt: 'A file' },
        ],
      });
      if (created.statusCode !== 201) throw new Error(`create request: ${created.statusCode} ${created.body}`);
      const request = created.json<{ id: string; items: { id: string }[] }>();
      const sent = await tenant.asKey('POST', `/v1/workspace/requests/${request.id}/send`);
      if (sent.statusCode !== 200) throw new Error(`send request: ${sent.statusCode} ${sent.body}`);
      return { requestId: request.id, textItemId: request.items[0]!.id, fileItemId: request.items[1]!.id };
    })();
    suiteRequests.set(key, made);
  }
  return made;
}

const requestFactory: ObjectFactory = async (owner) => (await suiteRequest(owner)).requestId;
const itemFactory: ObjectFactory = async (owner) => (await suiteRequest(owner)).textItemId;

export const requestsFeature = defineFeature({
  name: 'requests',
  actions: {
    'requests.read': { roles: ['owner', 'manager', 'team_lead', 'finance_reviewer'], keys: ['full', 'read_only'] },
    'requests.write': { roles: ['owner', 'manager', 'team_lead'], keys: ['full'] },
  },
  portalRoutes: async () => (await import('./portal-routes.js')).requestPortalRoutes,
  workspaceRoutes: async () => (await import('./workspace-routes.js')).requestWorkspaceRoutes,
  seed: async (demo) => (await import('./demo.js')).seedRequests(demo),
  bench: {
    lists: [{ name: 'requests', path: '/v1/portal/requests?limit=20', handWritten: false }],
    // 30 requests per customer, most of them open (the list's default tab), each with a few items.
    rows: ({ sqlite, workspaceId, accounts, id, random, historyStart, historyMs }) => {
      const insertRequest = sqlite.prepare(
        `insert into information_requests (id, workspace_id, customer_id, project_id, number, title, message, status, item_count, accepted_count,
           created_by_type, created_by_id, created_at, updated_at, sent_at, completed_at, cancelled_at)
         values (?, ?, ?, null, ?, ?, '', ?, ?, ?, 'system', 'bench', ?, ?, ?, ?, null)`,
      );
      const insertItem = sqlite.prepare(
        `insert into information_request_items (id, workspace_id, request_id, position, kind, prompt, state, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      let number = 0;
      for (const account of accounts) {
        for (let i = 0; i < 30; i++) {
          const requestId = id('req');
          const at = new Date(historyStart + random() * historyMs).toISOString();
          const completed = i % 6 === 5;
          const items = 3 + (i % 3);
          const accepted = completed ? items : i % items;
          number += 1;
          insertRequest.run(requestId, workspaceId, account.customerId, `REQ-${String(number).padStart(4, '0')}`, `Request ${i + 1}`, completed ? 'completed' : accepted ? 'in_progress' : 'sent', items, accepted, at, at, at, completed ? at : null);
          for (let position = 1; position <= items; position++) {
            insertItem.run(id('rqi'), workspaceId, requestId, position, position % 2 ? 'text' : 'file', `Item ${position}`, position <= accepted ? 'accepted' : 'awaiting_response', at, at);
          }
        }
      }
    },
  },
  objectFactories: {
    requestId: requestFactory,
    itemId: itemFactory,
  },
});

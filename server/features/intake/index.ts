import { defineFeature, type ObjectFactory } from '../../lib/feature.js';
import { suiteRequest } from '../requests/index.js';

/** A file the owner's customer's contact provided for the suite's request: a pending intake item. */
const intakeFactory: ObjectFactory = async (owner) => {
  const { tenant, customerId } = owner;
  const { requestId, fileItemId } = await suiteRequest(owner);
  const contacts = await tenant.asKey('GET', `/v1/workspace/customers/${customerId}/contacts`);
  const contactId = contacts.json<{ items: { id: string }[] }>().items[0]?.id;
  if (!contactId) throw new Error(`list contacts: ${contacts.statusCode} ${contacts.body}`);
  const { multipart, samples } = await import('../../test-support/files.js');
  const form = multipart([{ name: 'file', filename: 'provided.pdf', contentType: 'application/pdf', data: samples.pdf() }]);
  const uploaded = await tenant.app.inject({
    method: 'POST',
    url: `/v1/portal/requests/${requestId}/items/${fileItemId}/file`,
    payload: form.body,
    headers: { 'content-type': form.contentType, authorization: `Bearer ${await tenant.portalToken(contactId)}` },
  });
  if (uploaded.statusCode !== 200) throw new Error(`provide file: ${uploaded.statusCode} ${uploaded.body}`);
  const queue = await tenant.asKey('GET', `/v1/workspace/intake?status=pending&customerId=${customerId}`);
  const intake = queue.json<{ items: { id: string; source: { itemId: string } }[] }>().items.find((item) => item.source.itemId === fileItemId);
  if (!intake) throw new Error(`intake queue: ${queue.statusCode} ${queue.body}`);
  return intake.id;
};

export const intakeFeature = defineFeature({
  name: 'intake',
  actions: {
    'intake.read': { roles: ['owner', 'manager', 'team_lead', 'finance_reviewer'], keys: ['full', 'read_only'] },
    // Finance reviewers review payment proof, which comes through the same queue.
    'intake.review': { roles: ['owner', 'manager', 'team_lead', 'finance_reviewer'], keys: ['full'] },
  },
  workspaceRoutes: async () => (await import('./workspace-routes.js')).intakeWorkspaceRoutes,
  objectFactories: {
    intakeId: intakeFactory,
  },
});

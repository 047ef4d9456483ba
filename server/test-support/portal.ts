import type { FastifyInstance } from 'fastify';
import type { PortalTokens } from '../../sdk/contract/sessions.js';

/** Workspace API call with an API key, through inject. */
export function asWorkspace(app: FastifyInstance, apiKey: string) {
  return (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, payload, headers: { authorization: `Bearer ${apiKey}` } });
}

/** Portal API call with an access token, through inject. */
export function asContact(app: FastifyInstance, accessToken: string) {
  return (method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, payload, headers: { authorization: `Bearer ${accessToken}` } });
}

/** Mints a client secret with the API key and exchanges it, as `<taba-portal>` would. */
export async function signInContact(app: FastifyInstance, apiKey: string, contactId: string): Promise<PortalTokens> {
  const minted = await asWorkspace(app, apiKey)('POST', '/v1/workspace/portal-sessions', { contactId });
  if (minted.statusCode !== 201) throw new Error(`mint failed: ${minted.statusCode} ${minted.body}`);
  const { clientSecret } = minted.json<{ clientSecret: string }>();
  const exchanged = await app.inject({ method: 'POST', url: '/v1/portal/sessions', payload: { clientSecret } });
  if (exchanged.statusCode !== 200) throw new Error(`exchange failed: ${exchanged.statusCode} ${exchanged.body}`);
  return exchanged.json<PortalTokens>();
}

const DAY = 24 * 60 * 60_000;

/** A customer, one contact, and proposals created through the API; `send: false` leaves a draft. */
export async function customerWithContact(app: FastifyInstance, apiKey: string, name = 'Acme') {
  const call = asWorkspace(app, apiKey);
  const customer = (await call('POST', '/v1/workspace/customers', { name })).json<{ id: string }>();
  const contact = (
    await call('POST', `/v1/workspace/customers/${customer.id}/contacts`, {
      displayName: `${name} contact`,
      email: `contact@${name.toLowerCase().replace(/\W/g, '')}.example`,
      role: 'Buyer',
    })
  ).json<{ id: string }>();
  const proposal = async (title: string, options: { send?: boolean; expiresInMs?: number; amount?: number } = {}) => {
    const created = await call('POST', '/v1/workspace/proposals', {
      customerId: customer.id,
      title,
      feeModel: 'fixed_fee',
      fee: { amount: options.amount ?? 100_000, currency: 'USD' },
      summary: `${title} summary`,
      expiresAt: new Date(Date.now() + (options.expiresInMs ?? 30 * DAY)).toISOString(),
      internalNotes: 'INTERNAL margin notes',
    });
    if (created.statusCode !== 201) throw new Error(`create failed: ${created.statusCode} ${created.body}`);
    const draft = created.json<{ id: string }>();
    if (options.send === false) return draft.id;
    const sent = await call('POST', `/v1/workspace/proposals/${draft.id}/send`);
    if (sent.statusCode !== 200) throw new Error(`send failed: ${sent.statusCode} ${sent.body}`);
    return draft.id;
  };
  return { customerId: customer.id, contactId: contact.id, proposal };
}

import type { HomeItemKind } from '../../../sdk/contract/home.js';
import type { Method, Owner } from '../../security/harness.js';

const DAY = 86_400_000;

/** `YYYY-MM-DD`, UTC, `days` from now. */
export const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/**
 * Makes things that wait on the owner's customer, through the team's API as in real use: each
 * answers the new object's id (and what acting on it needs).
 */
export function waitingMakers({ tenant, customerId }: Owner) {
  const call = async <T>(method: Method, url: string, body: object | undefined, status: number): Promise<T> => {
    const answer = await tenant.asKey(method, url, body);
    if (answer.statusCode !== status) throw new Error(`${method} ${url}: ${answer.statusCode} ${answer.body}`);
    return answer.json<T>();
  };
  return {
    /** A sent proposal, pending until it expires. */
    proposal: async (fields: { title?: string; expiresInMs?: number } = {}) => {
      const { id } = await call<{ id: string }>(
        'POST',
        '/v1/workspace/proposals',
        {
          customerId,
          title: fields.title ?? 'Website redesign',
          feeModel: 'fixed_fee',
          fee: { amount: 100_000, currency: 'USD' },
          expiresAt: new Date(Date.now() + (fields.expiresInMs ?? 30 * DAY)).toISOString(),
        },
        201,
      );
      await call('POST', `/v1/workspace/proposals/${id}/send`, undefined, 200);
      return id;
    },

    /** A sent estimate (total 120.00 USD), open until its valid-until date. */
    estimate: async (fields: { title?: string; validUntil?: string } = {}) => {
      const { id } = await call<{ id: string }>(
        'POST',
        '/v1/workspace/estimates',
        { customerId, title: fields.title ?? 'Brochure print run', currency: 'USD', validUntil: fields.validUntil ?? dateIn(20), lines: [{ description: 'Design', quantity: '1', unitAmount: 12_000 }] },
        201,
      );
      await call('POST', `/v1/workspace/estimates/${id}/send`, undefined, 200);
      return id;
    },

    /** A sent request with `items` text items to answer; answers the request and its item ids. */
    request: async (fields: { title?: string; items?: number } = {}) => {
      const prompts = Array.from({ length: fields.items ?? 1 }, (_, index) => ({ kind: 'text', prompt: `Question ${index + 1}` }));
      const created = await call<{ id: string; items: { id: string }[] }>('POST', '/v1/workspace/requests', { customerId, title: fields.title ?? 'Onboarding details', items: prompts }, 201);
      await call('POST', `/v1/workspace/requests/${created.id}/send`, undefined, 200);
      return { id: created.id, itemIds: created.items.map((item) => item.id) };
    },

    /** A document of the customer sent for acceptance; answers its id and the document's sha256 (accepting needs it). */
    acceptance: async (fields: { title?: string; expiresAt?: string } = {}) => {
      const documentId = await tenant.document(customerId);
      const sent = await call<{ id: string; document: { sha256: string } }>(
        'POST',
        '/v1/workspace/acceptances',
        { documentId, title: fields.title ?? 'Statement of work', expiresAt: fields.expiresAt ?? new Date(Date.now() + 7 * DAY).toISOString() },
        201,
      );
      return { id: sent.id, sha256: sent.document.sha256 };
    },

    /** A conversation the team started: one message the customer's contacts have not read. */
    thread: async (fields: { title?: string } = {}) =>
      (await call<{ thread: { id: string } }>('POST', '/v1/workspace/threads', { customerId, title: fields.title ?? 'A question for you', body: 'Could you confirm the delivery address?' }, 201)).thread.id,

    /** An issued invoice of one line (`amount` minor units, USD), nothing paid. */
    invoice: async (fields: { issueDate?: string; dueDate?: string; amount?: number } = {}) => {
      const { id } = await call<{ id: string }>(
        'POST',
        '/v1/workspace/invoices',
        { customerId, currency: 'USD', issueDate: fields.issueDate ?? dateIn(0), dueDate: fields.dueDate ?? dateIn(14), lines: [{ description: 'Design work', quantity: '1', unitAmount: fields.amount ?? 50_000 }] },
        201,
      );
      await call('POST', `/v1/workspace/invoices/${id}/send`, undefined, 200);
      return id;
    },
  };
}

/** For the security suites: one thing of every kind waiting on the owner's customer, by kind. */
export async function waitingOfEveryKind(owner: Owner): Promise<Record<HomeItemKind, string>> {
  const make = waitingMakers(owner);
  return {
    proposal: await make.proposal(),
    estimate: await make.estimate(),
    request: (await make.request()).id,
    acceptance: (await make.acceptance()).id,
    thread: await make.thread(),
    invoice: await make.invoice(),
  };
}

import type { Owner } from '../../security/harness.js';

/**
 * For the security suites: an acceptance of one of the owner's documents, sent by the team and
 * accepted by the customer's first contact, made through the API as in real use.
 */
export async function acceptedAcceptance({ tenant, customerId }: Owner): Promise<string> {
  const documentId = await tenant.document(customerId);
  const sent = await tenant.asKey('POST', '/v1/workspace/acceptances', {
    documentId,
    title: 'Made by the security suite',
    expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  });
  if (sent.statusCode !== 201) throw new Error(`send acceptance: ${sent.statusCode} ${sent.body}`);
  const acceptance = sent.json<{ id: string; document: { sha256: string } }>();
  const contacts = await tenant.asKey('GET', `/v1/workspace/customers/${customerId}/contacts?limit=1`);
  const contactId = contacts.json<{ items: { id: string }[] }>().items[0]?.id;
  if (!contactId) throw new Error(`customer ${customerId} has no contact`);
  const accepted = await (await tenant.asContact(contactId))('POST', `/v1/portal/acceptances/${acceptance.id}/accept`, {
    fullName: 'Security Suite',
    confirmed: true,
    documentSha256: acceptance.document.sha256,
  });
  if (accepted.statusCode !== 200) throw new Error(`accept: ${accepted.statusCode} ${accepted.body}`);
  return acceptance.id;
}


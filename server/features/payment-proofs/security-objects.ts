import type { Owner } from '../../security/harness.js';

/**
 * For the security suites: a proof of payment under review, sent by the owner's customer's contact
 * for an invoice the team issued (the invoices feature's suite invoice), through the portal route
 * as in real use. One per owner, so every workspace route of it has the same real object.
 */
const made = new Map<string, Promise<string>>();

export function suitePaymentProof(owner: Owner): Promise<string> {
  const key = `${owner.tenant.workspaceId}:${owner.customerId}`;
  let proof = made.get(key);
  if (!proof) {
    proof = (async () => {
      const { tenant, customerId } = owner;
      const { issuedInvoice } = await import('../invoices/security-objects.js');
      const invoiceId = await issuedInvoice(owner);
      const contacts = await tenant.asKey('GET', `/v1/workspace/customers/${customerId}/contacts`);
      const contactId = contacts.json<{ items: { id: string }[] }>().items[0]?.id;
      if (!contactId) throw new Error(`list contacts: ${contacts.statusCode} ${contacts.body}`);
      const { multipart, samples } = await import('../../test-support/files.js');
      const form = multipart([
        { name: 'amount', data: '1000' },
        { name: 'paidOn', data: '2026-12-01' },
        { name: 'method', data: 'bank_transfer' },
        { name: 'reference', data: `SUITE-${invoiceId}` },
        { name: 'file', filename: 'remittance.pdf', contentType: 'application/pdf', data: samples.pdf() },
      ]);
      const submitted = await tenant.app.inject({
        method: 'POST',
        url: `/v1/portal/invoices/${invoiceId}/payment-proofs`,
        payload: form.body,
        headers: { 'content-type': form.contentType, authorization: `Bearer ${await tenant.portalToken(contactId)}` },
      });
      if (submitted.statusCode !== 201) throw new Error(`submit payment proof: ${submitted.statusCode} ${submitted.body}`);
      return submitted.json<{ id: string }>().id;
    })();
    made.set(key, proof);
  }
  return proof;
}

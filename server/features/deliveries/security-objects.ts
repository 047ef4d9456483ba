import type { Owner } from '../../security/harness.js';

/**
 * For the security suites: a delivery to the owner's customer with one event, made through the
 * API as a tenant backend makes one.
 */
export async function suiteDelivery({ tenant, customerId }: Owner): Promise<string> {
  const created = await tenant.asKey('POST', '/v1/workspace/deliveries', {
    customerId,
    orderReference: 'Made by the security suite',
    carrier: 'Suite Carrier',
    trackingReference: 'SUITE-0001',
  });
  if (created.statusCode !== 201) throw new Error(`create delivery: ${created.statusCode} ${created.body}`);
  const { id } = created.json<{ id: string }>();
  const event = await tenant.asKey('POST', `/v1/workspace/deliveries/${id}/events`, {
    id: 'suite-1',
    type: 'dispatched',
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
  });
  if (event.statusCode !== 200) throw new Error(`append delivery event: ${event.statusCode} ${event.body}`);
  return id;
}

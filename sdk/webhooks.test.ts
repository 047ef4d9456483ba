import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newWebhookSecret, signWebhook } from '../server/features/webhooks/signing.js';
import { verifyWebhook, WebhookSignatureError } from './webhooks.js';

const body = JSON.stringify({ type: 'proposal.accepted', timestamp: '2026-12-02T15:00:00.000Z', data: { proposalId: 'prop_1' } });

test('verifyWebhook returns the event of a request signed with the endpoint secret', () => {
  const secret = newWebhookSecret();
  const headers = signWebhook(secret, 'msg_1', body);
  const event = verifyWebhook(body, headers, secret);
  assert.deepEqual(event, JSON.parse(body));
  // The same request through fetch's Headers and as bytes, as a tenant backend may hold it.
  assert.deepEqual(verifyWebhook(new TextEncoder().encode(body), new Headers({ ...headers }), secret), JSON.parse(body));
});

test('verifyWebhook refuses another secret, a changed body or id, and an old timestamp', () => {
  const secret = newWebhookSecret();
  const headers = signWebhook(secret, 'msg_1', body);
  assert.throws(() => verifyWebhook(body, headers, newWebhookSecret()), WebhookSignatureError);
  assert.throws(() => verifyWebhook(body.replace('prop_1', 'prop_2'), headers, secret), WebhookSignatureError);
  assert.throws(() => verifyWebhook(body, { ...headers, 'webhook-id': 'msg_2' }, secret), WebhookSignatureError);
  const replayed = signWebhook(secret, 'msg_1', body, new Date(Date.now() - 10 * 60_000));
  assert.throws(() => verifyWebhook(body, replayed, secret), WebhookSignatureError, 'a ten-minute-old request is a replay');
  assert.throws(() => verifyWebhook(body, {}, secret), WebhookSignatureError);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig, type ConfigError } from '../config.js';
import { isPrivateAddress } from '../features/webhooks/private-address.js';
import { retryDelayMs } from './backoff.js';

test('retries wait exponentially longer, with jitter between half and all of the step, never past the maximum', () => {
  const schedule = { baseMs: 30_000, maxMs: 6 * 3_600_000 };
  assert.deepEqual([1, 2, 3, 7].map((attempts) => retryDelayMs(attempts, schedule, () => 1)), [30_000, 60_000, 120_000, 1_920_000]);
  assert.deepEqual([1, 2, 3].map((attempts) => retryDelayMs(attempts, schedule, () => 0)), [15_000, 30_000, 60_000]);
  assert.equal(retryDelayMs(30, schedule, () => 1), schedule.maxMs);
  const jittered = new Set(Array.from({ length: 20 }, () => retryDelayMs(4, schedule)));
  assert.ok(jittered.size > 1, 'two failures at once do not retry at the same moment');
});

test('private, loopback, link-local and reserved addresses are recognised; public ones are not', () => {
  for (const address of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.1.1.1', '192.0.2.10', '198.51.100.7', '203.0.113.99', '2001:db8::1', 'not-an-ip']) {
    assert.equal(isPrivateAddress(address), true, address);
  }
  for (const address of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) {
    assert.equal(isPrivateAddress(address), false, address);
  }
});

test('outbox settings: defaults, overrides, and a bad value names its variable', () => {
  const defaults = loadConfig({}).outbox;
  assert.deepEqual(defaults, {
    runInStart: true,
    pollMs: 1_000,
    leaseMs: 60_000,
    maxAttempts: 8,
    retryBaseMs: 30_000,
    retryMaxMs: 21_600_000,
    webhookTimeoutMs: 10_000,
    webhookAllowPrivate: false,
    reminderScanMs: 60_000,
  });
  const set = loadConfig({ TABA_WEBHOOK_ALLOW_PRIVATE: 'true', TABA_OUTBOX_MAX_ATTEMPTS: '3', TABA_START_WORKER: 'false' }).outbox;
  assert.deepEqual([set.webhookAllowPrivate, set.maxAttempts, set.runInStart], [true, 3, false]);
  assert.throws(() => loadConfig({ TABA_OUTBOX_MAX_ATTEMPTS: '0' }), (error: ConfigError) => error.variable === 'TABA_OUTBOX_MAX_ATTEMPTS');
  assert.throws(() => loadConfig({ TABA_WEBHOOK_ALLOW_PRIVATE: 'yes' }), (error: ConfigError) => error.variable === 'TABA_WEBHOOK_ALLOW_PRIVATE');
});

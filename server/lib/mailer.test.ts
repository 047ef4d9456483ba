import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMailer, type MailMessage } from './mailer.js';

/** Without SMTP_URL (development) messages go to the log: what a developer must read at `info`, the rest at `debug`. */
test('without SMTP_URL a sign-in code is logged at info and a notification at debug', async () => {
  const lines: { level: string; line: string }[] = [];
  const log = {
    info: (line: string) => lines.push({ level: 'info', line }),
    debug: (line: string) => lines.push({ level: 'debug', line }),
    error: (line: string) => lines.push({ level: 'error', line }),
  } as unknown as Parameters<typeof createMailer>[0]['log'];
  const mailer = createMailer({ smtpUrl: undefined, from: 'portal@example.com', log });
  assert.equal(mailer.delivers, false);
  const message = (logLine: string, logLevel: MailMessage['logLevel']): MailMessage => ({ to: 'ada@acme.example', subject: 's', text: 't', logLine, logLevel });
  await mailer.send(message('sign-in for ada@acme.example: code 123456', 'info'));
  await mailer.send(message('invoice.sent (en): INV-0001', 'debug'));
  await mailer.close();
  assert.deepEqual(lines, [
    { level: 'info', line: 'mail not sent (no SMTP_URL): sign-in for ada@acme.example: code 123456' },
    { level: 'debug', line: 'mail not sent (no SMTP_URL): invoice.sent (en): INV-0001' },
  ]);
});

import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Written to the log, as one line, instead of sending when no SMTP server is configured (development). */
  logLine: string;
  /**
   * The level of that line: `info` for what a developer must read to go on (a sign-in code),
   * `debug` for the rest (notifications), so that a first `npm start` is not a wall of them.
   */
  logLevel: 'info' | 'debug';
  /** The HTML alternative of `text`, when the message has one. */
  html?: string;
  /** `<…@…>`: a stable id, so a message sent again after a retry is recognisably the same one. */
  messageId?: string;
}

export interface Mailer {
  /** True when messages really leave the server; false when they only go to the log. */
  readonly delivers: boolean;
  /** Sends after the current request has been answered; a failure is logged, never thrown. */
  sendLater(message: MailMessage): void;
  /** Sends now and rejects when the SMTP server does not take the message (the outbox worker retries it). */
  send(message: MailMessage): Promise<void>;
  /** Waits for messages still on their way, then closes the SMTP transport. */
  close(): Promise<void>;
}

export interface MailerOptions {
  /** `smtp://` or `smtps://` URL; without one, messages are written to the log. */
  smtpUrl: string | undefined;
  from: string;
  /** Any pino-style logger: the server's, or the standalone worker's. */
  log: Pick<FastifyBaseLogger, 'info' | 'debug' | 'error'>;
}

/** Outgoing mail over SMTP through nodemailer, or to the log when SMTP_URL is not set. */
export function createMailer({ smtpUrl, from, log }: MailerOptions): Mailer {
  const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : undefined;
  const pending = new Set<Promise<void>>();

  async function send(message: MailMessage): Promise<void> {
    if (!transport) {
      log[message.logLevel](`mail not sent (no SMTP_URL): ${message.logLine}`);
      return;
    }
    await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, html: message.html, messageId: message.messageId });
  }

  async function deliver(message: MailMessage): Promise<void> {
    try {
      await send(message);
    } catch (error) {
      // The recipient and the message stay out of the log: they may carry a one-time secret.
      log.error({ err: error, subject: message.subject }, 'mail could not be sent');
    }
  }

  return {
    delivers: transport !== undefined,
    send,
    sendLater(message) {
      // setImmediate: the reply is written first, so a caller cannot time whether a message went out.
      const sending = new Promise<void>((resolve) => setImmediate(resolve)).then(() => deliver(message));
      pending.add(sending);
      void sending.finally(() => pending.delete(sending));
    },
    async close() {
      await Promise.allSettled([...pending]);
      transport?.close();
    },
  };
}

import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  /** The decoded text body, as the recipient reads it. */
  text: string;
  /** The decoded HTML alternative, when the message has one. */
  html: string | undefined;
  /** The Message-ID header, e.g. `<msg_…@host>`. */
  messageId: string;
}

export interface Mailbox {
  /** `smtp://127.0.0.1:<port>`, for `config.smtpUrl`. */
  url: string;
  /** Every message received so far for this address. */
  received(to: string): ReceivedMail[];
  /** Resolves once `count` messages for this address have arrived; rejects after a few seconds. */
  waitFor(to: string, count?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 at a free port that keeps what it receives. */
export async function startMailbox(): Promise<Mailbox> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: no certificate for the client to reject.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((address) => address.address.toLowerCase()), ...parseMessage(Buffer.concat(chunks).toString('utf8')) });
        callback();
      });
    },
  });
  // A client that drops its connection mid-session (a worker killed with SIGKILL) is the client's
  // business: a real mail server logs it and carries on, and so does this one.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const received = (to: string) => messages.filter((message) => message.to.includes(to.toLowerCase()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(to, count = 1) {
      const deadline = Date.now() + 5_000;
      while (received(to).length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} message(s) for ${to}, got ${received(to).length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return received(to);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Enough MIME for what the server sends: a single-part text message, or multipart/alternative
 * with a text and an HTML part; each 7bit, quoted-printable or base64.
 */
function parseMessage(raw: string): Pick<ReceivedMail, 'subject' | 'text' | 'html' | 'messageId'> {
  const { header, body, encoded } = parsePart(raw);
  const boundary = /boundary="?([^";]+)"?/i.exec(header('content-type'))?.[1];
  let text = body;
  let html: string | undefined;
  if (boundary) {
    // Each part sits between a boundary line and the line break before the next one.
    const parts = encoded.split(`--${boundary}`).slice(1, -1).map((part) => parsePart(part.replace(/^\r\n/, '').replace(/\r\n$/, '')));
    text = parts.find((part) => part.header('content-type').startsWith('text/plain'))?.body ?? '';
    html = parts.find((part) => part.header('content-type').startsWith('text/html'))?.body;
  }
  return { subject: decodeWords(header('subject')), text, html, messageId: header('message-id') };
}

function parsePart(raw: string): { header: (name: string) => string; body: string; encoded: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const encoding = header('content-transfer-encoding').toLowerCase();
  let decoded = body;
  if (encoding === 'quoted-printable') decoded = quotedPrintable(body.replace(/=\r\n/g, ''));
  else if (encoding === 'base64') decoded = Buffer.from(body, 'base64').toString('utf8');
  return { header, body: decoded.replace(/\r\n/g, '\n'), encoded: body };
}

function quotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '=' ? /^[0-9A-F]{2}/i.exec(text.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words, as nodemailer writes a subject that is not plain ASCII. */
function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_word, kind: string, data: string) =>
    kind.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : quotedPrintable(data.replace(/_/g, ' ')),
  );
}

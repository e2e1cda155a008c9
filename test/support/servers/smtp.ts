/**
 * A real SMTP server for tests: the `smtp-server` package (the whole protocol: EHLO, AUTH, MAIL,
 * RCPT, DATA, with real replies), in the test's own process. It is a library that starts in
 * milliseconds, so each test file starts its own (no server shared by the run, no env var to pass
 * on): its mailbox holds only that file's mail, and the file decides how it answers (reject one
 * recipient for good, another "try later", require a password). What arrives is parsed with
 * `mailparser`, as a mail client would.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpReply {
  code: number;
  message: string;
}

export interface TestSmtpServerOptions {
  /** When set, a client must log in with these (AUTH PLAIN or LOGIN). */
  credentials?: { user: string; pass: string };
  /** The server's answer to RCPT TO for an address: null accepts it. */
  recipientReply?: (address: string) => SmtpReply | null;
}

export interface TestSmtpServer {
  /** `smtp://[user:pass@]127.0.0.1:<port>`, as SMTP_URL takes it. */
  url: string;
  port: number;
  mails: ReceivedMail[];
  /** Mail sent to this address so far. */
  mailTo(address: string): ReceivedMail[];
  /** Waits (bounded) until `count` mails have reached the address, and returns them. */
  waitForMail(address: string, count?: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

function smtpError(reply: SmtpReply): Error {
  return Object.assign(new Error(reply.message), { responseCode: reply.code });
}

export async function startTestSmtpServer(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    // Plain SMTP on loopback: STARTTLS would need a certificate, and the test is about what is sent.
    disabledCommands: options.credentials ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.credentials,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      const ok = options.credentials && auth.username === options.credentials.user && auth.password === options.credentials.pass;
      if (!ok) return callback(smtpError({ code: 535, message: '5.7.8 Authentication credentials invalid' }));
      callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      const reply = options.recipientReply?.(address.address);
      callback(reply ? smtpError(reply) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
            mails.push({ envelope: { from, to: session.envelope.rcptTo.map((r) => r.address) }, raw, parsed });
            callback(null, 'Message queued as test');
          },
          (error: unknown) => callback(error as Error),
        );
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;
  const auth = options.credentials ? `${encodeURIComponent(options.credentials.user)}:${encodeURIComponent(options.credentials.pass)}@` : '';
  const mailTo = (address: string) => mails.filter((m) => m.envelope.to.includes(address));
  return {
    url: `smtp://${auth}127.0.0.1:${port}`,
    port,
    mails,
    mailTo,
    async waitForMail(address, count = 1, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const received = mailTo(address);
        if (received.length >= count) return received;
        await sleep(100);
      }
      throw new Error(`${count} mail(s) to ${address} did not arrive within ${timeoutMs} ms (got ${mailTo(address).length})`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { localWebhookEventSchema, type LocalWebhookEvent } from '../../src/providers/payments/local/local-webhook-event';
import { LOCAL_SIGNATURE_HEADER, verifyLocalWebhook } from '../../src/providers/payments/local/local-webhook-signature';

export interface ReceivedWebhook {
  event: LocalWebhookEvent;
  signatureValid: boolean;
  /** This delivery's number for its event id, from 1. */
  hit: number;
  answered: number;
}

export interface WebhookReceiver {
  /** Use as PUBLIC_BASE_URL: it takes `POST /v1/webhooks/local`. */
  baseUrl: string;
  port: number;
  received: ReceivedWebhook[];
  hitsOf(eventId: string): ReceivedWebhook[];
  close(): Promise<void>;
}

export interface ReceiverOptions {
  secret: string;
  /** Listen here (a port a test kept free until now); default: any free port. */
  port?: number;
  /** The status to answer this delivery of this event with; default 200. */
  answer?: (event: LocalWebhookEvent, hit: number) => number;
  /** Hold each answer this long, so deliveries overlap. */
  delayMs?: number;
}

const bodyOf = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/** A stand-in for the API's webhook route: checks the signature, records every delivery, answers as told. */
export function startWebhookReceiver(options: ReceiverOptions): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const raw = await bodyOf(req);
      if (req.method !== 'POST' || req.url !== '/v1/webhooks/local') {
        res.writeHead(404).end();
        return;
      }
      const event = localWebhookEventSchema.parse(JSON.parse(raw.toString('utf8')));
      const check = verifyLocalWebhook(options.secret, req.headers[LOCAL_SIGNATURE_HEADER.toLowerCase()] as string | undefined, raw, Math.floor(Date.now() / 1000), 300);
      const hit = received.filter((r) => r.event.id === event.id).length + 1;
      const answered = options.answer?.(event, hit) ?? 200;
      received.push({ event, signatureValid: check.ok, hit, answered });
      // Unref'd: a held answer never keeps the test process alive after the receiver closed.
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs).unref());
      res.writeHead(answered, { 'content-type': 'application/json' }).end(JSON.stringify({ received: answered < 300 }));
    })().catch(() => res.writeHead(400).end());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        baseUrl: `http://127.0.0.1:${port}`,
        port,
        received,
        hitsOf: (eventId) => received.filter((r) => r.event.id === eventId),
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

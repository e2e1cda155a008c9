/**
 * A local stand-in for Payrexx's REST API v1.0, written for these tests because no official Payrexx
 * mock exists. It answers the documented request and response shapes of the calls the product makes
 * (Gateway create / retrieve / delete, Transaction retrieve and refund: `{status, data: [...]}`, amounts
 * in cents, form-encoded bodies, `?instance=`), checks the authentication as Payrexx does (the
 * `X-API-KEY` header with the instance's API secret), and keeps state so a story can pay a gateway and
 * read back what was refunded. It also writes webhook bodies the way Payrexx posts them.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeTransaction {
  id: number;
  uuid: string;
  status: string;
  time: string;
  lang: string;
  psp: string;
  amount: number;
  referenceId: string;
  invoice: { referenceId: string; paymentRequestId: number; currency: string; amount: number; purpose: string };
}

export interface FakeGateway {
  id: number;
  hash: string;
  link: string;
  status: string;
  amount: number;
  currency: string;
  purpose: string;
  referenceId: string;
  validity: number;
  createdAt: number;
  fields: Record<string, string>;
  invoices: { referenceId: string; paymentRequestId: number; currency: string; amount: number; transactions: FakeTransaction[] }[];
}

export interface FakePayrexx {
  url: string;
  instance: string;
  apiSecret: string;
  /** Every request that passed authentication: method, path and form body. */
  requests: { method: string; path: string; body: Record<string, string> }[];
  gateway(id: string | number): FakeGateway | undefined;
  /** The customer pays on the gateway's page; returns the new transaction (status `confirmed` unless told). */
  pay(gatewayId: string | number, status?: string): FakeTransaction;
  transaction(id: number): FakeTransaction | undefined;
  /** The body of Payrexx's `transaction` webhook for this transaction, as JSON (the default) or as its PHP-style form post. */
  webhookBody(transaction: FakeTransaction, format?: 'json' | 'form'): { body: string; contentType: string };
  close(): Promise<void>;
}

const ok = (res: ServerResponse, data: unknown[]) => send(res, 200, { status: 'success', data });
const error = (res: ServerResponse, status: number, message: string) => send(res, status, { status: 'error', message });

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function formBody(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

function flatten(prefix: string, value: unknown, out: URLSearchParams): void {
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(prefix ? `${prefix}[${key}]` : key, inner, out);
  } else {
    out.append(prefix, String(value));
  }
}

export async function startFakePayrexx(options: { instance?: string; apiSecret?: string } = {}): Promise<FakePayrexx> {
  const instance = options.instance ?? 'bookings-test';
  const apiSecret = options.apiSecret ?? `secret-${randomBytes(12).toString('hex')}`;
  const gateways = new Map<number, FakeGateway>();
  const transactions = new Map<number, FakeTransaction>();
  const requests: FakePayrexx['requests'] = [];
  let nextId = 1000;

  const refundedOn = (gateway: FakeGateway) =>
    gateway.invoices.flatMap((i) => i.transactions).filter((t) => t.amount < 0).reduce((sum, t) => sum - t.amount, 0);

  function newTransaction(gateway: FakeGateway, amount: number, status: string): FakeTransaction {
    const transaction: FakeTransaction = {
      id: nextId++,
      uuid: randomUUID().slice(0, 8),
      status,
      time: new Date().toISOString(),
      lang: 'en',
      psp: 'Payrexx_Direct',
      amount,
      referenceId: gateway.referenceId,
      invoice: { referenceId: gateway.referenceId, paymentRequestId: gateway.id, currency: gateway.currency, amount: gateway.amount, purpose: gateway.purpose },
    };
    transactions.set(transaction.id, transaction);
    const invoice = gateway.invoices[0] ?? { referenceId: gateway.referenceId, paymentRequestId: gateway.id, currency: gateway.currency, amount: gateway.amount, transactions: [] };
    if (gateway.invoices.length === 0) gateway.invoices.push(invoice);
    invoice.transactions.push(transaction);
    return transaction;
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://payrexx.local');
      if (req.headers['x-api-key'] !== apiSecret || url.searchParams.get('instance') !== instance) {
        error(res, 401, 'The API secret or instance is not valid');
        return;
      }
      const body = req.method === 'POST' ? await formBody(req) : {};
      requests.push({ method: req.method ?? '', path: url.pathname, body });
      const match = /^\/v1\.0\/(Gateway|Transaction)\/(?:(\d+)\/?)?(refund)?\/?$/.exec(url.pathname);
      if (!match) return error(res, 404, 'Unknown endpoint');
      const [, model, id, action] = match;

      if (model === 'Gateway' && req.method === 'POST' && !id) {
        const amount = Number(body.amount);
        if (!Number.isInteger(amount) || amount <= 0 || !/^[A-Z]{3}$/.test(body.currency ?? '')) return error(res, 400, 'amount and currency are required');
        const gatewayId = nextId++;
        const hash = randomBytes(16).toString('hex');
        const gateway: FakeGateway = {
          id: gatewayId,
          hash,
          link: `https://${instance}.payrexx.com/?payment=${hash}`,
          status: 'waiting',
          amount,
          currency: body.currency ?? '',
          purpose: body.purpose ?? '',
          referenceId: body.referenceId ?? '',
          validity: Number(body.validity ?? 0),
          createdAt: Math.floor(Date.now() / 1000),
          fields: Object.fromEntries(Object.entries(body).filter(([k]) => k.startsWith('fields['))),
          invoices: [],
        };
        gateways.set(gatewayId, gateway);
        return ok(res, [gateway]);
      }
      if (model === 'Gateway' && id) {
        const gateway = gateways.get(Number(id));
        if (!gateway) return error(res, 404, 'No Gateway found with id ' + id);
        if (req.method === 'GET') return ok(res, [gateway]);
        if (req.method === 'DELETE') {
          gateways.delete(gateway.id);
          return ok(res, [{ id: gateway.id }]);
        }
      }
      if (model === 'Transaction' && id) {
        const transaction = transactions.get(Number(id));
        if (!transaction) return error(res, 404, 'No Transaction found with id ' + id);
        if (req.method === 'GET' && !action) return ok(res, [transaction]);
        if (req.method === 'POST' && action === 'refund') {
          const gateway = gateways.get(transaction.invoice.paymentRequestId);
          if (!gateway) return error(res, 400, 'The transaction cannot be refunded');
          const amount = Number(body.amount);
          const left = transaction.amount - refundedOn(gateway);
          if (!Number.isInteger(amount) || amount <= 0 || amount > left) return error(res, 400, 'The amount is greater than what can be refunded');
          const refund = newTransaction(gateway, -amount, amount === left ? 'refunded' : 'partially-refunded');
          return ok(res, [refund]);
        }
      }
      return error(res, 405, 'Method not allowed');
    })().catch((err: unknown) => error(res, 500, String(err)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    instance,
    apiSecret,
    requests,
    gateway: (id) => gateways.get(Number(id)),
    transaction: (id) => transactions.get(id),
    pay(gatewayId, status = 'confirmed') {
      const gateway = gateways.get(Number(gatewayId));
      if (!gateway) throw new Error(`no gateway ${gatewayId}`);
      const transaction = newTransaction(gateway, gateway.amount, status);
      if (status === 'confirmed') gateway.status = 'confirmed';
      return transaction;
    },
    webhookBody(transaction, format = 'json') {
      if (format === 'json') return { body: JSON.stringify({ transaction }), contentType: 'application/json' };
      const form = new URLSearchParams();
      flatten('transaction', transaction, form);
      return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

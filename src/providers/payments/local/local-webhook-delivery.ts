import type { Logger } from '../../../logging/logger';
import { localId } from './local-ids';
import type { LocalWebhookEvent } from './local-webhook-event';
import { deliveryVerdict, parseRetryAfterMs } from './local-webhook-retry';
import { LOCAL_SIGNATURE_HEADER, signLocalWebhook } from './local-webhook-signature';

/** Where the local provider sends its events: the API's own public webhook route, as Stripe would. */
export function localWebhookUrl(publicBaseUrl: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/v1/webhooks/local`;
}

export interface PostOptions {
  secret: string;
  timeoutMs?: number;
  /** Aborts the request (a dispatcher that stops); the outcome is then an error without a status. */
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
}

/** One attempt: the HTTP status (null when no answer came), why it failed, and the `Retry-After` asked for. */
export interface PostOutcome {
  status: number | null;
  error: string | null;
  retryAfterMs?: number;
}

/**
 * Signs and POSTs one event body. Signed per attempt, so a retry after a long backoff is not stale.
 * Never throws: a refused connection or a timeout is an outcome like a 503.
 */
export async function postLocalWebhook(url: string, body: string, options: PostOptions): Promise<PostOutcome> {
  const doFetch = options.fetchImpl ?? fetch;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  try {
    const res = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [LOCAL_SIGNATURE_HEADER]: signLocalWebhook(options.secret, body, Math.floor(Date.now() / 1000)) },
      body,
      signal: options.signal ? AbortSignal.any([timeout, options.signal]) : timeout,
    });
    const text = await res.text().catch(() => '');
    if (res.ok) return { status: res.status, error: null };
    const retryAfterMs = parseRetryAfterMs(res.headers.get('retry-after'), new Date());
    return { status: res.status, error: `HTTP ${res.status}: ${text.slice(0, 300)}`, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return { status: null, error: `${err instanceof Error ? err.message : String(err)}${cause}` };
  }
}

export interface WebhookDeliveryDeps {
  publicBaseUrl: string;
  secret: string;
  logger: Logger;
  /** Attempts in all, first included. */
  attempts?: number;
  baseDelayMs?: number;
  fetchImpl?: typeof fetch;
}

export type LocalWebhookData = LocalWebhookEvent['data'];

export interface DeliveryResult {
  delivered: boolean;
  eventId: string;
  attempts: number;
  lastStatus: number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a new event straight to the API, a few attempts and no outbox: what a tool or a test acting
 * as the provider does (a late payment, a replayed event). The checkout itself never uses this; it
 * queues its events in the outbox (local-checkout-completion.ts), which retries until delivered.
 */
export async function deliverLocalWebhook(
  deps: WebhookDeliveryDeps,
  type: LocalWebhookEvent['type'],
  data: LocalWebhookData,
): Promise<DeliveryResult> {
  const attempts = deps.attempts ?? 4;
  const baseDelayMs = deps.baseDelayMs ?? 200;
  const event: LocalWebhookEvent = { id: localId('evt'), type, created: Math.floor(Date.now() / 1000), data };
  const body = JSON.stringify(event);
  const url = localWebhookUrl(deps.publicBaseUrl);
  let lastStatus: number | null = null;
  let made = 0;

  for (let attempt = 1; attempt <= attempts; attempt++) {
    made = attempt;
    const outcome = await postLocalWebhook(url, body, { secret: deps.secret, ...(deps.fetchImpl ? { fetchImpl: deps.fetchImpl } : {}) });
    lastStatus = outcome.status;
    const verdict = deliveryVerdict(outcome.status);
    if (verdict === 'delivered') return { delivered: true, eventId: event.id, attempts: attempt, lastStatus };
    deps.logger.warn('local webhook delivery failed', { eventId: event.id, attempt, error: outcome.error });
    if (verdict === 'refused') break;
    if (attempt < attempts) await sleep(baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
  }
  deps.logger.error('local webhook not delivered', { eventId: event.id, type, lastStatus });
  return { delivered: false, eventId: event.id, attempts: made, lastStatus };
}

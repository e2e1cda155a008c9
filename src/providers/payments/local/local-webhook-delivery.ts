import type { Logger } from '../../../logging/logger';
import { localId } from './local-ids';
import type { LocalWebhookEvent } from './local-webhook-event';
import { LOCAL_SIGNATURE_HEADER, signLocalWebhook } from './local-webhook-signature';

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
 * Sends a signed event to the API's own public webhook URL, as a real provider would: the payment
 * reaches the booking through the same verified path a Stripe event takes. 2xx is delivered; 4xx
 * other than 429 will never succeed, so it is not retried; anything else is retried with backoff.
 */
export async function deliverLocalWebhook(
  deps: WebhookDeliveryDeps,
  type: LocalWebhookEvent['type'],
  data: LocalWebhookData,
): Promise<DeliveryResult> {
  const attempts = deps.attempts ?? 4;
  const baseDelayMs = deps.baseDelayMs ?? 200;
  const doFetch = deps.fetchImpl ?? fetch;
  const event: LocalWebhookEvent = { id: localId('evt'), type, created: Math.floor(Date.now() / 1000), data };
  const body = JSON.stringify(event);
  const url = `${deps.publicBaseUrl.replace(/\/+$/, '')}/v1/webhooks/local`;
  let lastStatus: number | null = null;
  let made = 0;

  for (let attempt = 1; attempt <= attempts; attempt++) {
    made = attempt;
    try {
      // Signed per attempt: a retry after a long backoff must not go stale.
      const signature = signLocalWebhook(deps.secret, body, Math.floor(Date.now() / 1000));
      const res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [LOCAL_SIGNATURE_HEADER]: signature },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      lastStatus = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { delivered: true, eventId: event.id, attempts: attempt, lastStatus };
      if (res.status >= 400 && res.status < 500 && res.status !== 429) break;
    } catch (err) {
      deps.logger.warn('local webhook delivery failed', { eventId: event.id, attempt, err });
    }
    if (attempt < attempts) await sleep(baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
  }
  deps.logger.error('local webhook not delivered', { eventId: event.id, type, lastStatus });
  return { delivered: false, eventId: event.id, attempts: made, lastStatus };
}

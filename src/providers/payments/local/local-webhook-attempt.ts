import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { Logger } from '../../../logging/logger';
import { postLocalWebhook } from './local-webhook-delivery';
import { markLocalWebhookDelivered, rescheduleLocalWebhook, type LocalWebhookOutboxRow } from './local-webhook-outbox.repository';
import { DEFAULT_RETRY_POLICY, DeliveryVerdict, deliveryVerdict, nextAttemptDelayMs, type RetryPolicy } from './local-webhook-retry';

export interface AttemptDeps {
  db: Kysely<Database>;
  secret: string;
  logger: Logger;
  policy?: RetryPolicy;
  /** Longest wait for the API's answer; the claim lease must outlast it. */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/** Longest wait for one answer. */
export const ATTEMPT_TIMEOUT_MS = 10_000;
/** How long a claimed row is the claimer's: one attempt's timeout with room to record the outcome. */
export const CLAIM_LEASE_MS = ATTEMPT_TIMEOUT_MS + 5_000;

/**
 * One delivery attempt of a claimed outbox row, and its outcome recorded: delivered on 2xx, else due
 * again after the retry policy's delay. Never throws. If recording fails (the database went away),
 * the row stays claimed until its lease ends and is then delivered again, which the API's
 * deduplication by event id makes harmless.
 */
export async function attemptLocalWebhook(deps: AttemptDeps, row: LocalWebhookOutboxRow, signal?: AbortSignal): Promise<boolean> {
  const outcome = await postLocalWebhook(row.endpoint_url, JSON.stringify(row.payload), {
    secret: deps.secret,
    timeoutMs: deps.timeoutMs ?? ATTEMPT_TIMEOUT_MS,
    ...(signal ? { signal } : {}),
    ...(deps.fetchImpl ? { fetchImpl: deps.fetchImpl } : {}),
  });
  const verdict = deliveryVerdict(outcome.status);
  const fields = { eventId: row.event_id, type: row.event_type, bookingId: row.booking_id, attempts: row.attempts };
  try {
    if (verdict === DeliveryVerdict.DELIVERED) {
      await markLocalWebhookDelivered(deps.db, row.id);
      return true;
    }
    if (signal?.aborted) {
      // Stopped mid-attempt (shutdown): hand the row straight back instead of waiting out the lease.
      await rescheduleLocalWebhook(deps.db, row.id, 0, 'dispatcher stopped during the attempt');
      return false;
    }
    const delayMs = nextAttemptDelayMs(row.attempts, verdict, deps.policy ?? DEFAULT_RETRY_POLICY, outcome.retryAfterMs === undefined ? {} : { retryAfterMs: outcome.retryAfterMs });
    await rescheduleLocalWebhook(deps.db, row.id, delayMs, outcome.error);
    if (verdict === DeliveryVerdict.REFUSED) {
      deps.logger.error('local webhook refused by the API; retrying, fix the cause (secret, PUBLIC_BASE_URL, schema)', { ...fields, error: outcome.error, retryInMs: delayMs });
    } else {
      deps.logger.warn('local webhook not delivered yet; will retry', { ...fields, error: outcome.error, retryInMs: delayMs });
    }
  } catch (err) {
    deps.logger.error('local webhook outcome not recorded; the row is retried when its claim lapses', { ...fields, delivered: verdict === DeliveryVerdict.DELIVERED, err });
  }
  return verdict === DeliveryVerdict.DELIVERED;
}

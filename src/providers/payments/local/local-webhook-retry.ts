/**
 * When to try a local webhook again. Pure, so the policy is tested without a clock or a network.
 *
 * No answer, a 5xx, 408 and 429 are the API being down or busy: retry with exponential backoff.
 * Any other 4xx means the API refuses this event (a wrong secret, a changed schema): that is a bug
 * to fix, not a reason to drop a payment, so it keeps being retried at the longest delay.
 */
export const DeliveryVerdict = {
  DELIVERED: 'delivered',
  RETRY: 'retry',
  REFUSED: 'refused',
} as const;
export type DeliveryVerdict = (typeof DeliveryVerdict)[keyof typeof DeliveryVerdict];

export interface RetryPolicy {
  /** The delay after the first failed attempt. */
  baseDelayMs: number;
  /** The longest delay; refused events wait this long between attempts. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({ baseDelayMs: 500, maxDelayMs: 60_000 });

/** What an HTTP answer (null: none at all) means for the event. */
export function deliveryVerdict(status: number | null): DeliveryVerdict {
  if (status === null) return DeliveryVerdict.RETRY;
  if (status >= 200 && status < 300) return DeliveryVerdict.DELIVERED;
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) return DeliveryVerdict.REFUSED;
  return DeliveryVerdict.RETRY;
}

/**
 * The wait before the next attempt, after `attempts` attempts have failed. Doubling from the base
 * up to the cap, then "equal jitter" (between half and all of it), so the events a restart left
 * behind do not all come back at the same instant. A `Retry-After` the API sent is honoured up to the cap.
 */
export function nextAttemptDelayMs(
  attempts: number,
  verdict: Exclude<DeliveryVerdict, 'delivered'>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  options: { retryAfterMs?: number; random?: () => number } = {},
): number {
  const random = options.random ?? Math.random;
  const exponent = Math.min(Math.max(attempts, 1) - 1, 30);
  const backoff = verdict === DeliveryVerdict.REFUSED ? policy.maxDelayMs : Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const jittered = backoff / 2 + (backoff / 2) * random();
  const asked = Math.min(options.retryAfterMs ?? 0, policy.maxDelayMs);
  return Math.round(Math.max(jittered, asked));
}

/** `Retry-After` in seconds or as an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | null, now: Date): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/**
 * Stripe's errors in the providers' one vocabulary (ProviderFailure): what the workflow must tell apart
 * is "retrying cannot help" (a declined card, an invalid request, our key refused) from "retry later"
 * (rate limited, Stripe down or unreachable).
 */
import Stripe from 'stripe';
import { ProviderFailure, ProviderFailureKind } from '../../provider-failure';
import { STRIPE_PROVIDER_NAME } from './stripe-names';

/** Refund errors that mean nothing (or not that much) is left to refund. */
const NOTHING_LEFT_CODES = new Set(['charge_already_refunded', 'amount_too_large']);

type StripeError = InstanceType<typeof Stripe.errors.StripeError>;

export function isStripeError(error: unknown): error is StripeError {
  return error instanceof Stripe.errors.StripeError;
}

/** Stripe's `Retry-After` (seconds), when it sent one. */
function retryAfterMs(error: StripeError): number | undefined {
  const header = error.headers?.['retry-after'];
  const seconds = header === undefined ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function kindOf(error: StripeError): ProviderFailureKind {
  const status = error.statusCode;
  if (error.type === 'StripeAuthenticationError' || error.type === 'StripePermissionError' || status === 401 || status === 403) return ProviderFailureKind.AUTH;
  if (error.type === 'StripeRateLimitError' || status === 429) return ProviderFailureKind.RATE_LIMITED;
  if (error.type === 'StripeConnectionError' || error.type === 'StripeAPIError' || (status !== undefined && status >= 500)) return ProviderFailureKind.TRANSIENT;
  if (error.code !== undefined && NOTHING_LEFT_CODES.has(error.code)) return ProviderFailureKind.EXCEEDS_PAYMENT;
  if (status === 404 || error.code === 'resource_missing') return ProviderFailureKind.NOT_FOUND;
  // 409 without an idempotency conflict is a lock Stripe held for a concurrent request on the object.
  if (status === 409 && error.type !== 'StripeIdempotencyError') return ProviderFailureKind.TRANSIENT;
  if (error.type === 'StripeCardError' || error.type === 'StripeInvalidRequestError' || error.type === 'StripeIdempotencyError') return ProviderFailureKind.REFUSED;
  return ProviderFailureKind.TRANSIENT;
}

/** The ProviderFailure for a Stripe error; anything that is not one of Stripe's errors is returned as is (counts as transient). */
export function toProviderFailure(error: unknown): unknown {
  if (!isStripeError(error)) return error;
  const kind = kindOf(error);
  const after = kind === ProviderFailureKind.RATE_LIMITED ? retryAfterMs(error) : undefined;
  return new ProviderFailure(kind, `Stripe: ${error.message}`, {
    provider: STRIPE_PROVIDER_NAME,
    code: error.code ?? error.statusCode ?? error.type,
    cause: error,
    ...(after !== undefined ? { retryAfterMs: after } : {}),
  });
}

/** Runs a Stripe call and translates its failure. */
export async function stripeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toProviderFailure(error);
  }
}

import Stripe from 'stripe';

export interface StripeClientOptions {
  secretKey: string;
  /** `STRIPE_API_URL`: another base URL than Stripe's (stripe-mock in tests, a proxy). */
  apiUrl?: string | undefined;
}

/**
 * The official client, pointed at `STRIPE_API_URL` when set through its own host/port/protocol options.
 * One network retry only: the activity calling it is retried by Temporal (with the same idempotency
 * key), so a long wait inside one attempt would only delay that.
 */
export function createStripeClient({ secretKey, apiUrl }: StripeClientOptions): Stripe {
  const base = apiUrl ? new URL(apiUrl) : null;
  const protocol = base?.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(secretKey, {
    maxNetworkRetries: 1,
    timeout: 20_000,
    telemetry: false,
    ...(base ? { host: base.hostname, port: base.port || (protocol === 'http' ? 80 : 443), protocol } : {}),
  });
}

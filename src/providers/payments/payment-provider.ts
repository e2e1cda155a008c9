/**
 * What the product needs of a payment provider, and nothing more. Stripe (Checkout / PaymentIntents),
 * Payrexx and the local checkout implement it; the workflow never knows which one runs.
 *
 * Failures: methods throw `ProviderFailure` (see ../provider-failure.ts) with `not_found`, `refused`,
 * `exceeds_payment` or `auth` when retrying cannot help, and `transient` / `rate_limited` (or any other
 * error) when it may.
 */
export interface CreateCheckoutInput {
  bookingId: string;
  /** Passed to the provider as its idempotency key: the same key never creates two sessions. */
  idempotencyKey: string;
  amountCents: number;
  currency: string;
  description: string;
  customerEmail: string;
  expiresAt: Date;
  /** `elements`: no hosted page, the frontend confirms a client secret (Stripe Payment Element). */
  mode?: 'checkout' | 'elements';
}

export interface CheckoutSession {
  sessionId: string;
  checkoutUrl: string | null;
  clientSecret?: string | null;
}

export interface SessionRef {
  /** Null when the caller never learned the id; then `idempotencyKey` finds the session. */
  sessionId: string | null;
  idempotencyKey?: string;
  bookingId?: string;
}

/** What expiring a session found: nothing was paid, or a payment that must not be lost. */
export type ExpireCheckoutResult =
  | { outcome: 'expired' }
  | { outcome: 'paid'; paymentId: string; amountCents: number; currency: string };

export interface RefundInput {
  bookingId: string;
  idempotencyKey: string;
  paymentId: string;
  amountCents: number;
  currency: string;
  reason: string;
}

export interface PaymentProvider {
  readonly name: string;
  createCheckout(input: CreateCheckoutInput): Promise<CheckoutSession>;
  /**
   * Makes the session unpayable. Safe on a session that is already expired or that never existed
   * (`expired`). A session that was paid answers `paid` with the payment, so it is never dropped.
   */
  expireCheckout(ref: SessionRef): Promise<ExpireCheckoutResult>;
  /** Refunds part or all of a payment; the same idempotency key never refunds twice. */
  refund(input: RefundInput): Promise<{ refundId: string; amountCents: number }>;
}

/** A provider webhook, verified and normalised; the webhook route turns it into a workflow signal. */
export interface PaymentWebhookEvent {
  provider: string;
  eventId: string;
  type: string;
  kind: 'succeeded' | 'failed' | 'processing' | 'refunded' | 'refund_failed' | 'disputed' | 'ignored';
  bookingId: string | null;
  sessionId: string | null;
  paymentId: string | null;
  amountCents: number;
  currency: string;
  refundedCents?: number;
  reason?: string;
}

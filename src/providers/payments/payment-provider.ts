/**
 * What the product needs of a payment provider, and nothing more. Stripe (Checkout / PaymentIntents),
 * Payrexx and the local checkout implement it; the workflow never knows which one runs.
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
}

export interface CheckoutSession {
  sessionId: string;
  checkoutUrl: string;
}

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
  /** Makes the session unpayable. Safe to call on a session that is already paid, expired or gone. */
  expireCheckout(sessionId: string): Promise<void>;
  /** Refunds part or all of a payment; the same idempotency key never refunds twice. */
  refund(input: RefundInput): Promise<{ refundId: string; amountCents: number }>;
}

/** A provider webhook, verified and normalised; the webhook route turns it into a workflow signal. */
export interface PaymentWebhookEvent {
  provider: string;
  eventId: string;
  type: string;
  kind: 'succeeded' | 'failed' | 'ignored';
  bookingId: string | null;
  sessionId: string | null;
  paymentId: string | null;
  amountCents: number;
  currency: string;
  reason?: string;
}

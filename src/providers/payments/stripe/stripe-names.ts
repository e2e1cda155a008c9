/** Names the Stripe provider shares with its webhook route. */
export const STRIPE_PROVIDER_NAME = 'stripe';

/**
 * Metadata on every Checkout Session, PaymentIntent and refund we create. `session_key` is the payment
 * session's idempotency key (`<booking id>:payment`): it finds a session whose id the workflow never
 * learned, and it tells our payments apart from others on the same Stripe account.
 */
export const Metadata = {
  BOOKING_ID: 'booking_id',
  SESSION_KEY: 'session_key',
  REASON: 'reason',
} as const;

/** The booking id of a payment we made, or null when the metadata is not ours (another app on the account). */
export function ourBookingId(metadata: Record<string, string> | null | undefined): string | null {
  const bookingId = metadata?.[Metadata.BOOKING_ID];
  const sessionKey = metadata?.[Metadata.SESSION_KEY];
  if (!bookingId || !sessionKey?.startsWith(`${bookingId}:`)) return null;
  return bookingId;
}

/**
 * What we send Stripe to open a payment, as pure functions of the booking's input: the Checkout
 * Session (hosted page) and the PaymentIntent (Payment Element). Kept pure so the rules (expiry window,
 * metadata, return URLs) are unit-tested without a network.
 */
import type Stripe from 'stripe';
import type { CreateCheckoutInput } from '../payment-provider';
import { Metadata } from './stripe-names';

const MINUTE_S = 60;
/** Stripe accepts `expires_at` between 30 minutes and 24 hours after the session is created. */
const STRIPE_MIN_EXPIRY_S = 30 * MINUTE_S;
const STRIPE_MAX_EXPIRY_S = 24 * 60 * MINUTE_S;
/**
 * Room for our clock against Stripe's and for the request in flight: a deadline just inside Stripe's
 * window by our clock could be just outside by Stripe's, which would refuse the whole session.
 */
const CLOCK_MARGIN_S = 2 * MINUTE_S;

/**
 * The session's `expires_at`: the payment deadline when Stripe allows it (30 min to 24 h ahead), else
 * null (Stripe's default of 24 h). A deadline under 30 minutes away cannot be set; the workflow then
 * expires the session itself at the deadline (it does so in every case, before it lets the slot go). A
 * deadline over 24 hours away leaves the page open 24 hours; the booking still waits until its deadline.
 */
export function sessionExpiresAt(deadline: Date, now: Date): number | null {
  const deadlineS = Math.floor(deadline.getTime() / 1000);
  const ahead = deadlineS - Math.floor(now.getTime() / 1000);
  if (ahead < STRIPE_MIN_EXPIRY_S + CLOCK_MARGIN_S || ahead > STRIPE_MAX_EXPIRY_S - CLOCK_MARGIN_S) return null;
  return deadlineS;
}

/** Where the payment page sends the customer back, paid or not: the booking's manage page (see build-payment-provider.ts). */
export type ReturnUrl = (bookingId: string) => string;

function metadataOf(input: Pick<CreateCheckoutInput, 'bookingId' | 'idempotencyKey'>): Record<string, string> {
  return { [Metadata.BOOKING_ID]: input.bookingId, [Metadata.SESSION_KEY]: input.idempotencyKey };
}

/** A one-line Checkout Session for the amount due; `expiresAt`: see `sessionExpiresAt`. */
export function checkoutSessionParams(input: CreateCheckoutInput, returnUrl: ReturnUrl, expiresAt: number | null): Stripe.Checkout.SessionCreateParams {
  const metadata = metadataOf(input);
  return {
    mode: 'payment',
    line_items: [{ quantity: 1, price_data: { currency: input.currency.toLowerCase(), unit_amount: input.amountCents, product_data: { name: input.description } } }],
    customer_email: input.customerEmail,
    client_reference_id: input.bookingId,
    metadata,
    // The PaymentIntent Checkout makes carries the booking too: its own events, refunds and disputes name only it.
    payment_intent_data: { metadata, description: input.description },
    // Paid or not, the customer lands on the booking's page, which shows where the booking stands.
    success_url: returnUrl(input.bookingId),
    cancel_url: returnUrl(input.bookingId),
    ...(expiresAt !== null ? { expires_at: expiresAt } : {}),
  };
}

/** A PaymentIntent the frontend confirms with the Payment Element. It never expires by itself: the workflow cancels it at the deadline. */
export function paymentIntentParams(input: CreateCheckoutInput): Stripe.PaymentIntentCreateParams {
  return {
    amount: input.amountCents,
    currency: input.currency.toLowerCase(),
    description: input.description,
    receipt_email: input.customerEmail,
    metadata: metadataOf(input),
    automatic_payment_methods: { enabled: true },
  };
}

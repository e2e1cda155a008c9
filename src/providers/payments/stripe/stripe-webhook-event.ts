/**
 * A verified Stripe event as what the booking must hear (a payment signal) or as nothing to do. Pure:
 * the route verifies, finds the booking when the event names only a payment, and signals.
 *
 * Every event of one payment names it by its PaymentIntent id (`checkout.session.completed` carries
 * `payment_intent`), so the workflow, which keeps one payment per booking, sees a Checkout payment
 * announced twice (`checkout.session.completed` and `payment_intent.succeeded`) as one payment.
 */
import type Stripe from 'stripe';
import type { PaymentSignal, RefundReport, RefundState } from '../../../../workflows/contract';
import { Metadata, ourBookingId } from './stripe-names';

export interface MappedStripeEvent {
  kind: PaymentSignal['kind'];
  /** From our metadata; null when the event names only a payment (the route looks the booking up). */
  bookingId: string | null;
  sessionId: string | null;
  /** The PaymentIntent's id. */
  paymentId: string | null;
  amountCents: number;
  /** Upper case, as the booking keeps it (Stripe writes `chf`). */
  currency: string;
  refundedCents?: number;
  /** `refund.*` names the refund: the route reads this charge's total refunded for `refundedCents`. */
  refundedTotalOfCharge?: string;
  /** `refund.*`: the refund itself, so the booking keeps each refund's own state (a failed one no longer counts). */
  refund?: RefundReport;
  reason?: string;
}

export type StripeEventOutcome = { action: 'signal'; event: MappedStripeEvent } | { action: 'ignore'; why: string };

const idOf = (ref: string | { id: string } | null | undefined): string | null => (ref === null || ref === undefined ? null : typeof ref === 'string' ? ref : ref.id);
const ignore = (why: string): StripeEventOutcome => ({ action: 'ignore', why });
const signal = (event: MappedStripeEvent): StripeEventOutcome => ({ action: 'signal', event });

function fromSession(session: Stripe.Checkout.Session, kind: MappedStripeEvent['kind'], reason?: string): StripeEventOutcome {
  const bookingId = ourBookingId(session.metadata);
  if (!bookingId) return ignore('a Checkout Session that is not one of ours');
  return signal({
    kind,
    bookingId,
    sessionId: session.id,
    paymentId: idOf(session.payment_intent),
    amountCents: session.amount_total ?? 0,
    currency: (session.currency ?? '').toUpperCase(),
    ...(reason !== undefined ? { reason } : {}),
  });
}

function fromIntent(intent: Stripe.PaymentIntent, kind: MappedStripeEvent['kind']): StripeEventOutcome {
  const bookingId = ourBookingId(intent.metadata);
  if (!bookingId) return ignore('a PaymentIntent that is not one of ours');
  const reason = kind === 'failed' ? (intent.last_payment_error?.message ?? 'payment failed') : undefined;
  return signal({
    kind,
    bookingId,
    sessionId: intent.id,
    paymentId: intent.id,
    amountCents: kind === 'succeeded' ? intent.amount_received || intent.amount : intent.amount,
    currency: intent.currency.toUpperCase(),
    ...(reason !== undefined ? { reason } : {}),
  });
}

/** Stripe's refund statuses (`requires_action` waits like `pending`); null: one the bookings do not know. */
export function refundStateOf(status: string | null): RefundState | null {
  switch (status) {
    case 'pending':
    case 'requires_action':
      return 'pending';
    case 'succeeded':
    case 'failed':
    case 'canceled':
      return status;
    default:
      return null;
  }
}

/**
 * `refund.created` / `refund.updated` / `refund.failed`: one refund and its state. A refund that failed or
 * was canceled gave the money back to the merchant (Stripe lowers the charge's `amount_refunded`): the
 * booking shows it no longer and, when the booking made it, makes it again.
 */
function fromRefund(refund: Stripe.Refund): StripeEventOutcome {
  const state = refundStateOf(refund.status);
  if (!state) return ignore(`a refund in state ${refund.status ?? 'none'}`);
  const failed = state === 'failed' || state === 'canceled';
  const chargeId = idOf(refund.charge);
  if (!failed && !chargeId) return ignore('a refund without a charge');
  // Our refunds carry the booking id; one made in the Dashboard does not, and is found by its payment.
  const bookingId = refund.metadata?.[Metadata.BOOKING_ID] ?? null;
  return signal({
    kind: failed ? 'refund_failed' : 'refunded',
    bookingId,
    sessionId: null,
    paymentId: idOf(refund.payment_intent),
    amountCents: refund.amount,
    currency: refund.currency.toUpperCase(),
    refund: { refundId: refund.id, amountCents: refund.amount, state, byBooking: bookingId !== null },
    ...(failed ? { reason: `refund ${refund.id} ${state}: ${refund.failure_reason ?? 'unknown reason'}` } : { refundedTotalOfCharge: chargeId as string }),
  });
}

export function mapStripeEvent(event: Stripe.Event): StripeEventOutcome {
  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object;
      // A delayed method (SEPA debit, bank transfer) completes the page unpaid; its outcome comes later.
      if (session.payment_status === 'unpaid') return fromSession(session, 'processing');
      return fromSession(session, 'succeeded');
    }
    case 'checkout.session.async_payment_succeeded':
      return fromSession(event.data.object, 'succeeded');
    case 'checkout.session.async_payment_failed':
      return fromSession(event.data.object, 'failed', 'the delayed payment failed');
    case 'checkout.session.expired':
      // The booking's own deadline closes it (expiring the session first); Stripe's expiry changes nothing.
      return ignore('session expiry is the booking deadline’s business');
    case 'payment_intent.succeeded':
      return fromIntent(event.data.object, 'succeeded');
    case 'payment_intent.payment_failed':
      return fromIntent(event.data.object, 'failed');
    case 'payment_intent.processing':
      return fromIntent(event.data.object, 'processing');
    case 'charge.refunded': {
      const charge = event.data.object;
      return signal({
        kind: 'refunded',
        bookingId: ourBookingId(charge.metadata),
        sessionId: null,
        paymentId: idOf(charge.payment_intent),
        amountCents: charge.amount,
        currency: charge.currency.toUpperCase(),
        refundedCents: charge.amount_refunded,
      });
    }
    case 'refund.created':
    case 'refund.updated':
    case 'refund.failed':
      return fromRefund(event.data.object);
    case 'charge.dispute.created': {
      const dispute = event.data.object;
      return signal({
        kind: 'disputed',
        bookingId: null,
        sessionId: null,
        paymentId: idOf(dispute.payment_intent),
        amountCents: dispute.amount,
        currency: dispute.currency.toUpperCase(),
        reason: `dispute ${dispute.id}: ${dispute.reason}`,
      });
    }
    default:
      return ignore(`event type ${event.type} is not one the bookings use`);
  }
}

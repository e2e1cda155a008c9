/**
 * Stripe events in Stripe's real shape (the envelope and the objects as Stripe's API reference and a
 * test-mode Dashboard show them, trimmed to what a webhook handler may read), signed the way Stripe
 * signs them, with the `stripe` package's own test-header helper. stripe-mock keeps no state and sends
 * no webhooks, so the webhook stories are told with these.
 */
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

const API_VERSION = '2026-10-28.endive';
const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

export const newPaymentIntentId = () => id('pi');
export const newChargeId = () => id('ch');

export interface StripeEventFixture {
  id: string;
  type: string;
  body: string;
}

function event(type: string, object: Record<string, unknown>): StripeEventFixture {
  const evt = {
    id: id('evt'),
    object: 'event',
    api_version: API_VERSION,
    created: nowSeconds(),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
  return { id: evt.id, type, body: JSON.stringify(evt) };
}

const ourMetadata = (bookingId: string) => ({ booking_id: bookingId, session_key: `${bookingId}:payment` });

export interface PaymentFacts {
  bookingId: string;
  paymentIntentId: string;
  amountCents: number;
  currency?: string;
}

export function checkoutSession(facts: PaymentFacts & { paymentStatus?: 'paid' | 'unpaid'; status?: 'complete' | 'expired' }): Record<string, unknown> {
  const currency = (facts.currency ?? 'eur').toLowerCase();
  return {
    id: id('cs'),
    object: 'checkout.session',
    amount_subtotal: facts.amountCents,
    amount_total: facts.amountCents,
    cancel_url: `http://localhost/manage/${facts.bookingId}?payment=cancelled`,
    client_reference_id: facts.bookingId,
    created: nowSeconds() - 60,
    currency,
    customer: null,
    customer_details: { email: 'jane@example.com', name: 'Jane Doe', phone: null, tax_exempt: 'none', tax_ids: [] },
    customer_email: 'jane@example.com',
    expires_at: nowSeconds() + 3600,
    livemode: false,
    metadata: ourMetadata(facts.bookingId),
    mode: 'payment',
    payment_intent: facts.paymentIntentId,
    payment_method_types: ['card'],
    payment_status: facts.paymentStatus ?? 'paid',
    status: facts.status ?? 'complete',
    success_url: `http://localhost/manage/${facts.bookingId}?payment=paid`,
    url: null,
  };
}

export function paymentIntent(facts: PaymentFacts & { status?: 'succeeded' | 'requires_payment_method' | 'processing'; declineMessage?: string }): Record<string, unknown> {
  const status = facts.status ?? 'succeeded';
  return {
    id: facts.paymentIntentId,
    object: 'payment_intent',
    amount: facts.amountCents,
    amount_capturable: 0,
    amount_received: status === 'succeeded' ? facts.amountCents : 0,
    automatic_payment_methods: { enabled: true },
    capture_method: 'automatic',
    client_secret: `${facts.paymentIntentId}_secret_${randomBytes(8).toString('hex')}`,
    confirmation_method: 'automatic',
    created: nowSeconds() - 60,
    currency: (facts.currency ?? 'eur').toLowerCase(),
    description: 'Consultation',
    last_payment_error: facts.declineMessage ? { code: 'card_declined', decline_code: 'generic_decline', message: facts.declineMessage, type: 'card_error' } : null,
    latest_charge: status === 'succeeded' ? newChargeId() : null,
    livemode: false,
    metadata: ourMetadata(facts.bookingId),
    payment_method: 'pm_card_visa',
    payment_method_types: ['card'],
    receipt_email: 'jane@example.com',
    status,
  };
}

export function charge(facts: Omit<PaymentFacts, 'bookingId'> & { chargeId?: string; refundedCents: number }): Record<string, unknown> {
  return {
    id: facts.chargeId ?? newChargeId(),
    object: 'charge',
    amount: facts.amountCents,
    amount_captured: facts.amountCents,
    amount_refunded: facts.refundedCents,
    captured: true,
    created: nowSeconds() - 60,
    currency: (facts.currency ?? 'eur').toLowerCase(),
    disputed: false,
    livemode: false,
    // Left empty on purpose: the handler must not need the charge's own metadata to find the booking.
    metadata: {},
    paid: true,
    payment_intent: facts.paymentIntentId,
    refunded: facts.refundedCents >= facts.amountCents,
    status: 'succeeded',
  };
}

export function refund(facts: { paymentIntentId: string; chargeId: string; amountCents: number; bookingId?: string; status: 'succeeded' | 'failed' | 'pending'; currency?: string }): Record<string, unknown> {
  return {
    id: id('re'),
    object: 'refund',
    amount: facts.amountCents,
    charge: facts.chargeId,
    created: nowSeconds() - 30,
    currency: (facts.currency ?? 'eur').toLowerCase(),
    failure_reason: facts.status === 'failed' ? 'expired_or_canceled_card' : undefined,
    metadata: facts.bookingId ? { booking_id: facts.bookingId } : {},
    payment_intent: facts.paymentIntentId,
    reason: 'requested_by_customer',
    status: facts.status,
  };
}

export function dispute(facts: { paymentIntentId: string; amountCents: number; currency?: string }): Record<string, unknown> {
  return {
    id: id('dp'),
    object: 'dispute',
    amount: facts.amountCents,
    charge: newChargeId(),
    created: nowSeconds(),
    currency: (facts.currency ?? 'eur').toLowerCase(),
    evidence_details: { due_by: nowSeconds() + 7 * 86_400, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: facts.paymentIntentId,
    reason: 'fraudulent',
    status: 'needs_response',
  };
}

export const stripeEvent = event;

/** The `Stripe-Signature` header Stripe would send for this body, at `timestamp` (unix seconds; default now). */
export function signStripe(body: string, secret: string, timestamp = nowSeconds()): string {
  return Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp });
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkoutSessionParams, paymentIntentParams, sessionExpiresAt } from '../../src/providers/payments/stripe/stripe-checkout-params';

const now = new Date('2026-12-01T09:00:00Z');
const minutesFromNow = (m: number) => new Date(now.getTime() + m * 60_000);
const input = {
  bookingId: 'bk_123',
  idempotencyKey: 'bk_123:payment',
  amountCents: 5000,
  currency: 'CHF',
  description: 'Consultation with Alex, Tue 1 Dec 10:00',
  customerEmail: 'jane@example.com',
  expiresAt: minutesFromNow(60),
};

describe('when a Stripe Checkout Session expires', () => {
  it('expires at the payment deadline when it is between 30 minutes and 24 hours ahead', () => {
    assert.equal(sessionExpiresAt(minutesFromNow(60), now), Math.floor(minutesFromNow(60).getTime() / 1000));
    assert.equal(sessionExpiresAt(minutesFromNow(23 * 60), now), Math.floor(minutesFromNow(23 * 60).getTime() / 1000));
  });

  it('keeps Stripe’s default for a shorter window (the workflow expires it at the deadline) or a longer one', () => {
    assert.equal(sessionExpiresAt(minutesFromNow(15), now), null);
    // Too close to Stripe's 30-minute floor for clocks that disagree a little.
    assert.equal(sessionExpiresAt(minutesFromNow(31), now), null);
    assert.equal(sessionExpiresAt(minutesFromNow(48 * 60), now), null);
  });
});

describe('a Checkout Session for a booking', () => {
  const manage = (bookingId: string) => `https://book.example.com/manage/${bookingId}?token=tok`;

  it('carries the booking in its metadata, client reference and PaymentIntent, and returns to the manage page', () => {
    const params = checkoutSessionParams(input, manage, 1_800_000_000);
    assert.equal(params.mode, 'payment');
    assert.equal(params.client_reference_id, 'bk_123');
    assert.deepEqual(params.metadata, { booking_id: 'bk_123', session_key: 'bk_123:payment' });
    assert.deepEqual(params.payment_intent_data?.metadata, { booking_id: 'bk_123', session_key: 'bk_123:payment' });
    assert.equal(params.customer_email, 'jane@example.com');
    assert.equal(params.success_url, 'https://book.example.com/manage/bk_123?token=tok');
    assert.equal(params.cancel_url, 'https://book.example.com/manage/bk_123?token=tok');
    assert.equal(params.expires_at, 1_800_000_000);
    assert.deepEqual(params.line_items, [{ quantity: 1, price_data: { currency: 'chf', unit_amount: 5000, product_data: { name: input.description } } }]);
  });

  it('leaves expires_at out when Stripe’s default applies', () => {
    assert.equal('expires_at' in checkoutSessionParams(input, manage, null), false);
  });
});

describe('a PaymentIntent for the Payment Element', () => {
  it('asks for the amount due in Stripe’s lower-case currency, with the booking in its metadata', () => {
    const params = paymentIntentParams(input);
    assert.equal(params.amount, 5000);
    assert.equal(params.currency, 'chf');
    assert.equal(params.receipt_email, 'jane@example.com');
    assert.deepEqual(params.metadata, { booking_id: 'bk_123', session_key: 'bk_123:payment' });
    assert.deepEqual(params.automatic_payment_methods, { enabled: true });
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type Stripe from 'stripe';
import { intentOutcome, sessionOutcome } from '../../src/providers/payments/stripe/stripe-payment-provider';
import { checkoutSession, paymentIntent } from '../support/stripe-events';

const facts = { bookingId: 'bk_1', paymentIntentId: 'pi_test_paid', amountCents: 5000, currency: 'chf' };

describe('what closing a Stripe session at the deadline found', () => {
  it('reports a session that completed paid as the payment, named by its PaymentIntent', () => {
    const session = checkoutSession(facts) as unknown as Stripe.Checkout.Session;
    assert.deepEqual(sessionOutcome(session), { outcome: 'paid', paymentId: 'pi_test_paid', amountCents: 5000, currency: 'CHF' });
  });

  it('reports an open, expired or still-unpaid (delayed method) session as expired', () => {
    for (const shape of [{ status: 'expired' as const, paymentStatus: 'unpaid' as const }, { status: 'complete' as const, paymentStatus: 'unpaid' as const }]) {
      assert.deepEqual(sessionOutcome(checkoutSession({ ...facts, ...shape }) as unknown as Stripe.Checkout.Session), { outcome: 'expired' });
    }
  });

  it('reports a PaymentIntent that succeeded as the payment, and any other as expired', () => {
    assert.deepEqual(intentOutcome(paymentIntent(facts) as unknown as Stripe.PaymentIntent), { outcome: 'paid', paymentId: 'pi_test_paid', amountCents: 5000, currency: 'CHF' });
    assert.deepEqual(intentOutcome(paymentIntent({ ...facts, status: 'processing' }) as unknown as Stripe.PaymentIntent), { outcome: 'expired' });
  });
});

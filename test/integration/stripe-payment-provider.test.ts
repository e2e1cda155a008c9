/**
 * The Stripe provider against stripe-mock, Stripe's official API mock: every request is checked
 * against Stripe's OpenAPI spec (a parameter Stripe would refuse fails here too). stripe-mock keeps no
 * state, so what it answers is its fixture, not what we sent: these stories check that our calls are
 * ones Stripe accepts and that we read Stripe's answers right. What Stripe does over time (a session
 * completing, a refund failing later) is told through webhooks in stripe-webhooks.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProviderFailure } from '../../src/providers/provider-failure';
import { createStripeClient } from '../../src/providers/payments/stripe/stripe-client';
import { StripePaymentProvider } from '../../src/providers/payments/stripe/stripe-payment-provider';
import { freePort } from '../support/test-env';
import { stripeMockUrl } from '../support/stripe-mock-env';

const provider = (secretKey = 'sk_test_123', apiUrl = stripeMockUrl()) =>
  new StripePaymentProvider({ stripe: createStripeClient({ secretKey, apiUrl }), returnUrl: (id) => `http://127.0.0.1:3000/manage/${id}?token=t` });

const checkoutInput = (overrides: Partial<Parameters<StripePaymentProvider['createCheckout']>[0]> = {}) => ({
  bookingId: 'bk_stripe_1',
  idempotencyKey: 'bk_stripe_1:payment',
  amountCents: 7500,
  currency: 'EUR',
  description: 'Consultation with Alex, Tue 1 Dec 10:00',
  customerEmail: 'jane@example.com',
  expiresAt: new Date(Date.now() + 2 * 60 * 60_000),
  ...overrides,
});

async function failureOf(call: Promise<unknown>): Promise<ProviderFailure> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof ProviderFailure, `a ProviderFailure, got ${String(error)}`);
    return error;
  }
  assert.fail('the call succeeded');
}

describe('the Stripe provider against stripe-mock', () => {
  it('opens a Checkout Session whose hosted page the customer is sent to', async () => {
    const session = await provider().createCheckout(checkoutInput());
    assert.match(session.sessionId, /^cs_/);
    assert.match(session.checkoutUrl ?? '', /^https:\/\/checkout\.stripe\.com\//);
    assert.equal(session.clientSecret, null);
  });

  it('opens a session with Stripe’s default expiry when the payment window is under 30 minutes', async () => {
    const session = await provider().createCheckout(checkoutInput({ idempotencyKey: 'bk_stripe_2:payment', bookingId: 'bk_stripe_2', expiresAt: new Date(Date.now() + 10 * 60_000) }));
    assert.match(session.sessionId, /^cs_/);
  });

  it('opens a PaymentIntent with a client secret for the Payment Element', async () => {
    const session = await provider().createCheckout(checkoutInput({ idempotencyKey: 'bk_stripe_3:payment', bookingId: 'bk_stripe_3', mode: 'elements' }));
    assert.match(session.sessionId, /^pi_/);
    assert.equal(session.checkoutUrl, null);
    assert.match(session.clientSecret ?? '', /_secret_/);
  });

  it('expires a Checkout Session and cancels a PaymentIntent at the deadline', async () => {
    assert.deepEqual(await provider().expireCheckout({ sessionId: 'cs_test_a1b2c3' }), { outcome: 'expired' });
    assert.deepEqual(await provider().expireCheckout({ sessionId: 'pi_test_a1b2c3' }), { outcome: 'expired' });
  });

  it('looks a session up by its key when the workflow never learned its id, and finds none of ours here', async () => {
    assert.deepEqual(await provider().expireCheckout({ sessionId: null, idempotencyKey: 'bk_never_seen:payment', bookingId: 'bk_never_seen' }), { outcome: 'expired' });
  });

  it('refunds part of a payment under the workflow’s idempotency key', async () => {
    const refund = await provider().refund({
      bookingId: 'bk_stripe_1',
      idempotencyKey: 'bk_stripe_1:refund:cancel',
      paymentId: 'pi_test_paid',
      amountCents: 2500,
      currency: 'EUR',
      reason: 'cancelled two days ahead',
    });
    assert.match(refund.refundId, /^re_/);
    assert.equal(typeof refund.amountCents, 'number');
  });

  it('reports a refused key as an operator’s problem, not something to retry', async () => {
    const failure = await failureOf(provider('sk_live_not_a_test_key_for_the_mock').createCheckout(checkoutInput()));
    assert.equal(failure.kind, 'auth');
    assert.equal(failure.retryable, false);
  });

  it('reports a request Stripe’s spec refuses as refused for good', async () => {
    // Stripe takes amounts in whole minor units; stripe-mock refuses 12.5 as Stripe would.
    const failure = await failureOf(provider().createCheckout(checkoutInput({ idempotencyKey: 'bk_stripe_4:payment', bookingId: 'bk_stripe_4', mode: 'elements', amountCents: 12.5 })));
    assert.equal(failure.kind, 'refused');
  });

  it('reports Stripe out of reach as transient, to be retried', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const failure = await failureOf(provider('sk_test_123', nobody).createCheckout(checkoutInput()));
    assert.equal(failure.kind, 'transient');
    assert.equal(failure.retryable, true);
  });
});

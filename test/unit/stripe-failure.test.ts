import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Stripe from 'stripe';
import { ProviderFailure } from '../../src/providers/provider-failure';
import { toProviderFailure } from '../../src/providers/payments/stripe/stripe-failure';

function failureOf(error: unknown): ProviderFailure {
  const mapped = toProviderFailure(error);
  assert.ok(mapped instanceof ProviderFailure, 'a ProviderFailure');
  return mapped;
}

describe("Stripe's errors as provider failures", () => {
  it('refuses for good a declined card and an invalid request', () => {
    assert.equal(failureOf(new Stripe.errors.StripeCardError({ message: 'Your card was declined.', statusCode: 402, code: 'card_declined' })).kind, 'refused');
    assert.equal(failureOf(new Stripe.errors.StripeInvalidRequestError({ message: 'Invalid currency', statusCode: 400, param: 'currency' })).kind, 'refused');
  });

  it('names a refund of a payment with nothing left and an unknown object', () => {
    assert.equal(failureOf(new Stripe.errors.StripeInvalidRequestError({ message: 'already refunded', statusCode: 400, code: 'charge_already_refunded' })).kind, 'exceeds_payment');
    assert.equal(failureOf(new Stripe.errors.StripeInvalidRequestError({ message: 'No such payment_intent', statusCode: 404, code: 'resource_missing' })).kind, 'not_found');
  });

  it('tells an operator when our key is refused (401/403)', () => {
    assert.equal(failureOf(new Stripe.errors.StripeAuthenticationError({ message: 'Invalid API Key', statusCode: 401 })).kind, 'auth');
    assert.equal(failureOf(new Stripe.errors.StripePermissionError({ message: 'restricted key', statusCode: 403 })).kind, 'auth');
  });

  it('waits as long as Stripe asks when rate limited', () => {
    const failure = failureOf(new Stripe.errors.StripeRateLimitError({ message: 'Too many requests', statusCode: 429, headers: { 'retry-after': '3' } }));
    assert.equal(failure.kind, 'rate_limited');
    assert.equal(failure.retryAfterMs, 3000);
    assert.equal(failure.retryable, true);
  });

  it('retries when Stripe is down or cannot be reached', () => {
    assert.equal(failureOf(new Stripe.errors.StripeAPIError({ message: 'An error occurred', statusCode: 500 })).kind, 'transient');
    assert.equal(failureOf(new Stripe.errors.StripeConnectionError({ message: 'ECONNREFUSED' })).kind, 'transient');
  });

  it('keeps errors that are not Stripe’s as they are', () => {
    const other = new TypeError('boom');
    assert.equal(toProviderFailure(other), other);
  });
});

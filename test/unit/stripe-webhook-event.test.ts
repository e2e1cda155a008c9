import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type Stripe from 'stripe';
import { mapStripeEvent, type MappedStripeEvent } from '../../src/providers/payments/stripe/stripe-webhook-event';
import { charge, checkoutSession, dispute, newChargeId, newPaymentIntentId, paymentIntent, refund, stripeEvent } from '../support/stripe-events';

const asEvent = (fixture: { body: string }) => JSON.parse(fixture.body) as Stripe.Event;

function signalled(fixture: { body: string }): MappedStripeEvent {
  const outcome = mapStripeEvent(asEvent(fixture));
  assert.equal(outcome.action, 'signal', JSON.stringify(outcome));
  return (outcome as { event: MappedStripeEvent }).event;
}

function ignored(fixture: { body: string }): string {
  const outcome = mapStripeEvent(asEvent(fixture));
  assert.equal(outcome.action, 'ignore');
  return (outcome as { why: string }).why;
}

const facts = () => ({ bookingId: 'bk_1', paymentIntentId: newPaymentIntentId(), amountCents: 5000, currency: 'chf' });

describe('Stripe events as booking signals', () => {
  it('names a Checkout payment by its PaymentIntent, as the PaymentIntent’s own event does, so the booking sees one payment', () => {
    const f = facts();
    const fromSession = signalled(stripeEvent('checkout.session.completed', checkoutSession(f)));
    const fromIntent = signalled(stripeEvent('payment_intent.succeeded', paymentIntent(f)));
    assert.equal(fromSession.kind, 'succeeded');
    assert.equal(fromIntent.kind, 'succeeded');
    assert.equal(fromSession.paymentId, f.paymentIntentId);
    assert.equal(fromIntent.paymentId, f.paymentIntentId);
    assert.equal(fromSession.bookingId, 'bk_1');
    assert.equal(fromSession.amountCents, 5000);
    assert.equal(fromSession.currency, 'CHF');
  });

  it('waits on a Checkout completed unpaid (a delayed method), then takes its async outcome', () => {
    const f = facts();
    assert.equal(signalled(stripeEvent('checkout.session.completed', checkoutSession({ ...f, paymentStatus: 'unpaid' }))).kind, 'processing');
    assert.equal(signalled(stripeEvent('checkout.session.async_payment_succeeded', checkoutSession(f))).kind, 'succeeded');
    assert.equal(signalled(stripeEvent('checkout.session.async_payment_failed', checkoutSession({ ...f, paymentStatus: 'unpaid' }))).kind, 'failed');
  });

  it('reports a declined Payment Element payment with Stripe’s reason', () => {
    const failed = signalled(stripeEvent('payment_intent.payment_failed', paymentIntent({ ...facts(), status: 'requires_payment_method', declineMessage: 'Your card was declined.' })));
    assert.equal(failed.kind, 'failed');
    assert.equal(failed.reason, 'Your card was declined.');
  });

  it('reports a charge’s total refunded, for the booking that kept its payment', () => {
    const f = facts();
    const refunded = signalled(stripeEvent('charge.refunded', charge({ ...f, refundedCents: 2000 })));
    assert.deepEqual([refunded.kind, refunded.refundedCents, refunded.paymentId, refunded.bookingId], ['refunded', 2000, f.paymentIntentId, null]);
  });

  it('asks for the charge’s total on a refund update, and flags a refund Stripe reports failed', () => {
    const f = facts();
    const chargeId = newChargeId();
    const updated = signalled(stripeEvent('refund.updated', refund({ ...f, chargeId, status: 'succeeded' })));
    assert.equal(updated.kind, 'refunded');
    assert.equal(updated.refundedTotalOfCharge, chargeId);
    assert.equal(updated.bookingId, 'bk_1');
    const failed = signalled(stripeEvent('refund.updated', refund({ ...f, chargeId, status: 'failed' })));
    assert.equal(failed.kind, 'refund_failed');
    assert.match(failed.reason ?? '', /expired_or_canceled_card/);
  });

  it('names the refund and its state in every refund event, so a failed or canceled one no longer counts as refunded', () => {
    const f = facts();
    const chargeId = newChargeId();
    const created = signalled(stripeEvent('refund.created', refund({ ...f, chargeId, status: 'pending' })));
    assert.deepEqual([created.kind, created.refund?.state, created.refund?.amountCents, created.refund?.byBooking], ['refunded', 'pending', 5000, true]);
    const fixture = refund({ ...f, chargeId, status: 'failed' });
    for (const type of ['refund.updated', 'refund.failed']) {
      const failed = signalled(stripeEvent(type, fixture));
      assert.deepEqual([failed.kind, failed.refund?.refundId, failed.refund?.state, failed.paymentId], ['refund_failed', fixture.id, 'failed', f.paymentIntentId]);
      assert.match(failed.reason ?? '', new RegExp(`${String(fixture.id)} failed: expired_or_canceled_card`));
    }
    const canceled = signalled(stripeEvent('refund.updated', { ...fixture, status: 'canceled', failure_reason: undefined }));
    assert.deepEqual([canceled.kind, canceled.refund?.state], ['refund_failed', 'canceled']);
    const fromDashboard = signalled(stripeEvent('refund.failed', { ...fixture, metadata: {} }));
    assert.deepEqual([fromDashboard.bookingId, fromDashboard.refund?.byBooking], [null, false]);
  });

  it('flags a dispute on the payment for an operator', () => {
    const f = facts();
    const disputed = signalled(stripeEvent('charge.dispute.created', dispute(f)));
    assert.deepEqual([disputed.kind, disputed.paymentId], ['disputed', f.paymentIntentId]);
    assert.match(disputed.reason ?? '', /fraudulent/);
  });

  it('ignores a session’s expiry (the booking’s own deadline governs), unknown types, and payments that are not ours', () => {
    const f = facts();
    ignored(stripeEvent('checkout.session.expired', checkoutSession({ ...f, paymentStatus: 'unpaid', status: 'expired' })));
    ignored(stripeEvent('customer.created', { id: 'cus_1', object: 'customer' }));
    const foreign = { ...paymentIntent(f), metadata: { booking_id: 'bk_1' } };
    assert.match(ignored(stripeEvent('payment_intent.succeeded', foreign)), /not one of ours/);
  });
});

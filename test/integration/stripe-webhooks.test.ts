/**
 * Paying with Stripe, over HTTP against the whole product (real API, worker, Temporal and PostgreSQL)
 * with PAYMENT_PROVIDER=stripe pointed at stripe-mock, Stripe's official API mock. stripe-mock answers
 * every API call the bookings make (sessions, PaymentIntents, expiry, refunds) but keeps no state and
 * sends no webhooks, so Stripe's side of each story is told with events in Stripe's real shape, signed
 * with the `stripe` package's test-header helper (test/support/stripe-events.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Service } from '../../src/catalog/catalog.types';
import { startTestApp, type TestApp } from '../support/app-harness';
import { bearer, bookingRequest, bookOk, eventually, getBooking, offeredSlots, waitForStatus } from '../support/booking-api';
import { http } from '../support/http';
import { charge, checkoutSession, dispute, newChargeId, newPaymentIntentId, paymentIntent, refund, signStripe, stripeEvent, type StripeEventFixture } from '../support/stripe-events';
import { stripeMockUrl } from '../support/stripe-mock-env';

const WEBHOOK_SECRET = 'whsec_test_bookings_0123456789abcdef';

let app: TestApp;
/** Booked first with a one-minute payment window; its story is told last, once it has expired. */
let expiring: { id: string; token: string; bookedAt: number };

before(async () => {
  app = await startTestApp({
    env: { PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_123', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: stripeMockUrl() },
  });
  const booked = await bookSlot({ paymentWindowMinutes: 1 });
  expiring = { id: booked.id, token: booked.token, bookedAt: Date.now() };
});

after(async () => {
  await app?.stop();
});

async function bookSlot(service: Partial<Service> = {}, extra: Record<string, unknown> = {}) {
  const { service: svc, resource } = await app.createServiceAndResource({ service });
  const [slot] = await offeredSlots(app, svc.id, resource.id);
  assert.ok(slot);
  return bookOk(app, { ...bookingRequest(svc.id, resource.id, slot.start), ...extra });
}

function deliver(fixture: StripeEventFixture, signature = signStripe(fixture.body, WEBHOOK_SECRET)) {
  return http(app.baseUrl, '/v1/webhooks/stripe', { method: 'POST', rawBody: fixture.body, headers: { 'content-type': 'application/json', 'stripe-signature': signature } });
}

async function deliverOk(fixture: StripeEventFixture): Promise<Record<string, unknown>> {
  const res = await deliver(fixture);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as unknown as Record<string, unknown>;
}

const adminBooking = (id: string) => http(app.baseUrl, `/v1/admin/bookings/${id}`, { headers: { 'x-api-key': app.adminKey } });
const events = (booking: { history: { event: string }[] }) => booking.history.map((h) => h.event);

/** The customer pays on Stripe's hosted page: Stripe announces it with checkout.session.completed. */
async function payByCheckout(id: string, token: string, amountCents = 7500) {
  const paymentIntentId = newPaymentIntentId();
  await deliverOk(stripeEvent('checkout.session.completed', checkoutSession({ bookingId: id, paymentIntentId, amountCents })));
  const booking = await waitForStatus(app, id, token, 'CONFIRMED');
  return { paymentIntentId, booking };
}

describe('paying on Stripe Checkout', () => {
  it('sends the customer to the hosted page, confirms on checkout.session.completed, and shows who took the payment', async () => {
    const { id, token, checkoutUrl, booking } = await bookSlot();
    assert.match(checkoutUrl ?? '', /^https:\/\/checkout\.stripe\.com\//);
    assert.equal(booking.status, 'AWAITING_PAYMENT');

    const { booking: paid } = await payByCheckout(id, token);
    assert.deepEqual(paid.payment, { provider: 'stripe', status: 'PAID', amountCents: 7500, depositCents: 0, balanceDueCents: 0, priceCents: 7500, refundedCents: 0, currency: 'EUR' });
  });

  it('counts a payment announced twice (the session and its PaymentIntent) once, and acknowledges a repeated delivery', async () => {
    const { id, token } = await bookSlot();
    const paymentIntentId = newPaymentIntentId();
    const completed = stripeEvent('checkout.session.completed', checkoutSession({ bookingId: id, paymentIntentId, amountCents: 7500 }));
    assert.deepEqual(await deliverOk(completed), { received: true });
    await waitForStatus(app, id, token, 'CONFIRMED');
    assert.deepEqual(await deliverOk(stripeEvent('payment_intent.succeeded', paymentIntent({ bookingId: id, paymentIntentId, amountCents: 7500 }))), { received: true });
    assert.deepEqual(await deliverOk(completed), { received: true, duplicate: true });

    const booking = (await getBooking(app, id, token)).body.booking;
    assert.equal(events(booking).filter((e) => e === 'paid').length, 1);
    assert.deepEqual(events(booking).filter((e) => e.endsWith('_refunded')), [], 'nothing refunded as a stray second payment');
    assert.equal(booking.payment.refundedCents, 0);
  });

  it('takes events in any order: a refund report before its payment, and a payment after Stripe expired the session', async () => {
    const { id, token } = await bookSlot();
    const paymentIntentId = newPaymentIntentId();
    // About a payment no booking has kept yet: acknowledged, and it changes nothing.
    assert.equal((await deliverOk(stripeEvent('charge.refunded', charge({ paymentIntentId, amountCents: 7500, refundedCents: 0 })))).received, true);
    assert.deepEqual(await deliverOk(stripeEvent('checkout.session.expired', checkoutSession({ bookingId: id, paymentIntentId, amountCents: 7500, paymentStatus: 'unpaid', status: 'expired' }))), { received: true, ignored: true });
    assert.equal((await getBooking(app, id, token)).body.booking.status, 'AWAITING_PAYMENT');

    await deliverOk(stripeEvent('payment_intent.succeeded', paymentIntent({ bookingId: id, paymentIntentId, amountCents: 7500 })));
    const booking = await waitForStatus(app, id, token, 'CONFIRMED');
    assert.equal(booking.payment.refundedCents, 0);
  });

  it('cancels with a refund Stripe accepts, and keeps what Stripe then reports refunded', async () => {
    const { id, token } = await bookSlot();
    const { paymentIntentId } = await payByCheckout(id, token);

    const cancelled = await http(app.baseUrl, `/v1/bookings/${id}/cancel`, { body: { reason: 'cannot make it' }, headers: bearer(token) });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal(cancelled.body.booking.status, 'CANCELLED');
    assert.equal(cancelled.body.booking.payment.status, 'REFUNDED');
    assert.equal(cancelled.body.booking.payment.refundedCents, 7500);

    await deliverOk(stripeEvent('charge.refunded', charge({ paymentIntentId, amountCents: 7500, refundedCents: 7500 })));
    const booking = (await getBooking(app, id, token)).body.booking;
    assert.deepEqual([booking.payment.status, booking.payment.refundedCents], ['REFUNDED', 7500]);
  });

  it('shows Stripe’s own count when a partial refund is made in the Dashboard', async () => {
    const { id, token } = await bookSlot();
    const { paymentIntentId } = await payByCheckout(id, token);
    await deliverOk(stripeEvent('charge.refunded', charge({ paymentIntentId, amountCents: 7500, refundedCents: 2500 })));
    const booking = await eventually('the partial refund on the booking', async () => {
      const current = (await getBooking(app, id, token)).body.booking;
      return current.payment.refundedCents === 2500 ? current : null;
    });
    assert.equal(booking.payment.status, 'PARTIALLY_REFUNDED');
  });
});

describe('a refund Stripe reports failed', () => {
  it('no longer shows a Dashboard refund that failed as refunded, flags it with Stripe’s reason, and leaves it to the operator who made it', async () => {
    const { id, token } = await bookSlot();
    const { paymentIntentId } = await payByCheckout(id, token);
    const chargeId = newChargeId();
    await deliverOk(stripeEvent('charge.refunded', charge({ paymentIntentId, chargeId, amountCents: 7500, refundedCents: 2500 })));
    await eventually('the partial refund shown', async () => (await getBooking(app, id, token)).body.booking.payment.refundedCents === 2500);

    // Made in the Dashboard (no booking id on it): found by its payment, and failed with an expired card.
    const failed = refund({ paymentIntentId, chargeId, amountCents: 2500, status: 'failed' });
    await deliverOk(stripeEvent('refund.failed', failed));
    const admin = await eventually('the failure on the booking', async () => {
      const booking = (await adminBooking(id)).body.booking as unknown as { attention: string[]; payment: { refundedCents: number; status: string } };
      return booking.attention.includes('refund-failed') ? booking : null;
    });
    assert.deepEqual([admin.payment.refundedCents, admin.payment.status], [0, 'PAID']);
    // The reason is in the booking's audit trail (and the workflow's details in the Temporal Web UI).
    const audit = await app.db.selectFrom('booking_events').select('detail').where('booking_id', '=', id).where('event', '=', 'refund_failed').execute();
    assert.match(audit.map((row) => row.detail).join(), /expired_or_canceled_card/);
    // The older report of the same refund, delivered late, does not count it again.
    await deliverOk(stripeEvent('refund.updated', { ...failed, status: 'succeeded', failure_reason: undefined }));
    await deliverOk(stripeEvent('charge.refunded', charge({ paymentIntentId, chargeId, amountCents: 7500, refundedCents: 2500 })));
    await deliverOk(stripeEvent('charge.dispute.created', dispute({ paymentIntentId, amountCents: 7500 })));
    const later = await eventually('a later change applied', async () => {
      const booking = (await adminBooking(id)).body.booking as unknown as { attention: string[]; payment: { refundedCents: number }; history: { event: string }[] };
      return booking.attention.includes('disputed') ? booking : null;
    });
    assert.equal(later.payment.refundedCents, 0);
    assert.deepEqual(events(later).filter((e) => e === 'refund_remade'), [], 'a Dashboard refund is the operator’s to make again');
  });
});

describe('a deposit', () => {
  it('charges only the deposit, shows the balance due at the appointment, and refunds what was paid on cancel', async () => {
    const { id, token, booking } = await bookSlot({ priceCents: 7500, depositCents: 2000 });
    assert.deepEqual(booking.payment, { provider: 'stripe', status: 'PENDING', amountCents: 2000, depositCents: 2000, balanceDueCents: 5500, priceCents: 7500, refundedCents: 0, currency: 'EUR' });

    const { booking: paid } = await payByCheckout(id, token, 2000);
    assert.deepEqual([paid.payment.status, paid.payment.amountCents, paid.payment.balanceDueCents], ['PAID', 2000, 5500]);

    const cancelled = await http(app.baseUrl, `/v1/bookings/${id}/cancel`, { body: {}, headers: bearer(token) });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.deepEqual([cancelled.body.booking.payment.refundedCents, cancelled.body.booking.payment.balanceDueCents], [2000, 0]);
  });
});

describe('the Payment Element', () => {
  it('answers a client secret instead of a checkout page, and confirms on payment_intent.succeeded', async () => {
    const created = await bookSlot({}, { payment: { mode: 'elements' } });
    assert.equal(created.checkoutUrl, null);
    const res = await getBooking(app, created.id, created.token);
    assert.equal(res.body.booking.status, 'AWAITING_PAYMENT');

    const paymentIntentId = newPaymentIntentId();
    await deliverOk(stripeEvent('payment_intent.succeeded', paymentIntent({ bookingId: created.id, paymentIntentId, amountCents: 7500 })));
    const booking = await waitForStatus(app, created.id, created.token, 'CONFIRMED');
    assert.equal(booking.payment.provider, 'stripe');
  });

  it('gives the client secret in the create answer', async () => {
    const { service, resource } = await app.createServiceAndResource();
    const [slot] = await offeredSlots(app, service.id, resource.id);
    assert.ok(slot);
    const res = await http(app.baseUrl, '/v1/bookings', { body: { ...bookingRequest(service.id, resource.id, slot.start), payment: { mode: 'elements' } } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const body = res.body as unknown as { clientSecret: string | null; checkoutUrl: string | null };
    assert.match(body.clientSecret ?? '', /_secret_/);
    assert.equal(body.checkoutUrl, null);
  });
});

describe('what an operator must see', () => {
  it('flags a refund Stripe reports failed, and a dispute, on the booking', async () => {
    const { id, token } = await bookSlot();
    const { paymentIntentId } = await payByCheckout(id, token);

    await deliverOk(stripeEvent('refund.updated', refund({ paymentIntentId, chargeId: newChargeId(), amountCents: 7500, bookingId: id, status: 'failed' })));
    await eventually('the failed refund flagged', async () => ((await adminBooking(id)).body.booking as unknown as { attention: string[] }).attention.includes('refund-failed'));

    // A dispute names only the payment: the booking that kept it is found by it.
    await deliverOk(stripeEvent('charge.dispute.created', dispute({ paymentIntentId, amountCents: 7500 })));
    const admin = await eventually('the dispute flagged', async () => {
      const booking = (await adminBooking(id)).body.booking as unknown as { attention: string[] };
      return booking.attention.includes('disputed') ? booking : null;
    });
    assert.deepEqual([...admin.attention].sort(), ['disputed', 'refund-failed']);
    const listed = await http(app.baseUrl, '/v1/admin/bookings?attention=true', { headers: { 'x-api-key': app.adminKey } });
    assert.ok(listed.body.bookings.some((b) => b.id === id));
  });
});

describe('webhook signatures', () => {
  it('refuses a stale, a forged, a tampered and a missing signature with 401, and changes nothing', async () => {
    const { id, token } = await bookSlot();
    const fixture = stripeEvent('checkout.session.completed', checkoutSession({ bookingId: id, paymentIntentId: newPaymentIntentId(), amountCents: 7500 }));
    const now = Math.floor(Date.now() / 1000);

    const stale = await deliver(fixture, signStripe(fixture.body, WEBHOOK_SECRET, now - 301));
    assert.equal(stale.status, 401);
    assert.equal(stale.body.error.code, 'UNAUTHORIZED');
    assert.equal((await deliver(fixture, signStripe(fixture.body, 'whsec_someone_else_entirely'))).status, 401);
    const tampered = { ...fixture, body: fixture.body.replace('"amount_total":7500', '"amount_total":1') };
    assert.equal((await deliver(tampered, signStripe(fixture.body, WEBHOOK_SECRET))).status, 401);
    const unsigned = await http(app.baseUrl, '/v1/webhooks/stripe', { method: 'POST', rawBody: fixture.body, headers: { 'content-type': 'application/json' } });
    assert.equal(unsigned.status, 401);

    assert.equal((await getBooking(app, id, token)).body.booking.status, 'AWAITING_PAYMENT');
    // The same event, properly signed, still counts: nothing above was recorded as seen.
    await deliverOk(fixture);
    await waitForStatus(app, id, token, 'CONFIRMED');
  });
});

describe('a payment after the deadline', () => {
  it('expires the booking at its deadline, then refunds the payment that arrives late', async () => {
    const waitMs = Math.max(0, expiring.bookedAt + 60_000 - Date.now()) + 30_000;
    const expired = await waitForStatus(app, expiring.id, expiring.token, 'EXPIRED', waitMs);
    assert.equal(expired.payment.status, 'EXPIRED');

    // The late payment is announced twice, as Stripe does for a Checkout payment: it goes back once.
    const paymentIntentId = newPaymentIntentId();
    await deliverOk(stripeEvent('checkout.session.completed', checkoutSession({ bookingId: expiring.id, paymentIntentId, amountCents: 7500 })));
    const booking = await eventually('the late payment refunded', async () => {
      const current = (await getBooking(app, expiring.id, expiring.token)).body.booking;
      return events(current).includes('late_payment_refunded') ? current : null;
    });
    assert.equal(booking.status, 'EXPIRED');
    await deliverOk(stripeEvent('payment_intent.succeeded', paymentIntent({ bookingId: expiring.id, paymentIntentId, amountCents: 7500 })));
    // A later change of the booking shows the second announcement was applied (or not) by now.
    await deliverOk(stripeEvent('refund.updated', refund({ paymentIntentId, chargeId: newChargeId(), amountCents: 7500, bookingId: expiring.id, status: 'failed' })));
    const flagged = await eventually('the flag raised after the second announcement', async () => {
      const current = (await adminBooking(expiring.id)).body.booking as unknown as { attention: string[]; history: { event: string }[] };
      return current.attention.includes('refund-failed') ? current : null;
    });
    assert.deepEqual(events(flagged).filter((e) => e === 'late_payment_refunded'), ['late_payment_refunded'], 'refunded once, not as a stray second payment');
  });
});

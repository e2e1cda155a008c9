/**
 * Paying with Payrexx. No official Payrexx mock exists, so these stories run against a small local
 * server written for them (test/support/fake-payrexx.ts) that answers Payrexx's documented REST v1.0
 * shapes and checks the `X-API-KEY` authentication. The product runs whole (real API, worker, Temporal,
 * PostgreSQL) with PAYMENT_PROVIDER=payrexx and PAYREXX_API_URL pointed at it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../../src/logging/logger';
import { ProviderFailure } from '../../src/providers/provider-failure';
import { PayrexxApi } from '../../src/providers/payments/payrexx/payrexx-api';
import { PayrexxPaymentProvider } from '../../src/providers/payments/payrexx/payrexx-payment-provider';
import { startTestApp, type TestApp } from '../support/app-harness';
import { uniqueSuffix } from '../support/fixtures';
import { bearer, bookingRequest, bookOk, getBooking, offeredSlots, waitForStatus } from '../support/booking-api';
import { startFakePayrexx, type FakePayrexx, type FakeTransaction } from '../support/fake-payrexx';
import { http } from '../support/http';

let payrexx: FakePayrexx;
let app: TestApp;

before(async () => {
  payrexx = await startFakePayrexx();
  app = await startTestApp({
    env: { PAYMENT_PROVIDER: 'payrexx', PAYREXX_INSTANCE: payrexx.instance, PAYREXX_API_SECRET: payrexx.apiSecret, PAYREXX_API_URL: payrexx.url },
  });
});

after(async () => {
  await app?.stop();
  await payrexx?.close();
});

const provider = (apiSecret = payrexx.apiSecret) =>
  new PayrexxPaymentProvider({ api: new PayrexxApi({ instance: payrexx.instance, apiSecret, baseUrl: payrexx.url }), db: app.db, returnUrl: (id) => `${app.baseUrl}/manage/${id}?token=t`, logger: createLogger('error') });

const checkoutInput = (bookingId: string) => ({
  bookingId,
  idempotencyKey: `${bookingId}:payment`,
  amountCents: 7500,
  currency: 'chf',
  description: 'Consultation with Alex',
  customerEmail: 'jane@example.com',
  expiresAt: new Date(Date.now() + 30 * 60_000),
});

async function bookAndFindGateway() {
  const { service, resource } = await app.createServiceAndResource({ service: { currency: 'CHF' } });
  const [slot] = await offeredSlots(app, service.id, resource.id);
  assert.ok(slot);
  const created = await bookOk(app, bookingRequest(service.id, resource.id, slot.start));
  const row = await app.db.selectFrom('payrexx_gateways').select('gateway_id').where('booking_id', '=', created.id).executeTakeFirstOrThrow();
  assert.ok(row.gateway_id);
  return { ...created, gatewayId: row.gateway_id };
}

function deliver(transaction: FakeTransaction, format: 'json' | 'form' = 'json', override?: (t: FakeTransaction) => FakeTransaction) {
  const { body, contentType } = payrexx.webhookBody(override ? override(transaction) : transaction, format);
  return http(app.baseUrl, '/v1/webhooks/payrexx', { method: 'POST', rawBody: body, headers: { 'content-type': contentType } });
}

describe('the Payrexx provider', () => {
  it('opens one gateway per booking attempt: a retried create finds the first one', async () => {
    const bookingId = `bk_px_${uniqueSuffix()}`;
    const first = await provider().createCheckout(checkoutInput(bookingId));
    const again = await provider().createCheckout(checkoutInput(bookingId));
    assert.deepEqual(again, first);
    assert.match(first.checkoutUrl ?? '', /^https:\/\/bookings-test\.payrexx\.com\/\?payment=/);
    const gateway = payrexx.gateway(first.sessionId);
    assert.ok(gateway);
    assert.deepEqual([gateway.amount, gateway.currency, gateway.referenceId, gateway.fields['fields[email][value]']], [7500, 'CHF', bookingId, 'jane@example.com']);
    assert.equal(payrexx.requests.filter((r) => r.method === 'POST' && r.body.referenceId === bookingId).length, 1);
  });

  it('refuses a wrong API secret as a configuration problem, not something to retry', async () => {
    await assert.rejects(provider('not-the-secret').createCheckout(checkoutInput(`bk_px_${uniqueSuffix()}`)), (error: unknown) => error instanceof ProviderFailure && error.kind === 'auth');
  });

  it('deletes an unpaid gateway at the deadline, and reports a paid one as the payment', async () => {
    const unpaid = await provider().createCheckout(checkoutInput(`bk_px_${uniqueSuffix()}`));
    assert.deepEqual(await provider().expireCheckout({ sessionId: unpaid.sessionId }), { outcome: 'expired' });
    assert.equal(payrexx.gateway(unpaid.sessionId), undefined);

    const bookingId = `bk_px_${uniqueSuffix()}`;
    const paid = await provider().createCheckout(checkoutInput(bookingId));
    const transaction = payrexx.pay(paid.sessionId);
    // The workflow never learned the id: the key finds the gateway.
    assert.deepEqual(await provider().expireCheckout({ sessionId: null, idempotencyKey: `${bookingId}:payment` }), {
      outcome: 'paid',
      paymentId: String(transaction.id),
      amountCents: 7500,
      currency: 'CHF',
    });
  });

  it('refunds part and then the rest, each refund once however often it is retried', async () => {
    const bookingId = `bk_px_${uniqueSuffix()}`;
    const session = await provider().createCheckout(checkoutInput(bookingId));
    const transaction = payrexx.pay(session.sessionId);
    const refund = (key: string, amountCents: number) =>
      provider().refund({ bookingId, idempotencyKey: key, paymentId: String(transaction.id), amountCents, currency: 'CHF', reason: 'cancelled' });

    assert.equal((await refund(`${bookingId}:refund:a`, 2500)).amountCents, 2500);
    assert.equal((await refund(`${bookingId}:refund:a`, 2500)).amountCents, 2500);
    // More than is left refunds what is left.
    assert.equal((await refund(`${bookingId}:refund:b`, 9000)).amountCents, 5000);
    await assert.rejects(refund(`${bookingId}:refund:c`, 100), (error: unknown) => error instanceof ProviderFailure && error.kind === 'exceeds_payment');
    assert.equal(payrexx.requests.filter((r) => r.path === `/v1.0/Transaction/${transaction.id}/refund`).length, 2);
  });
});

describe('paying with Payrexx over HTTP', () => {
  it('sends the customer to the gateway, and confirms once the API confirms the webhook’s transaction', async () => {
    const { id, token, checkoutUrl, gatewayId } = await bookAndFindGateway();
    assert.equal(checkoutUrl, payrexx.gateway(gatewayId)?.link);

    const transaction = payrexx.pay(gatewayId);
    const res = await deliver(transaction);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const booking = await waitForStatus(app, id, token, 'CONFIRMED');
    assert.deepEqual([booking.payment.provider, booking.payment.status, booking.payment.amountCents, booking.payment.currency], ['payrexx', 'PAID', 7500, 'CHF']);

    const again = await deliver(transaction, 'form');
    assert.deepEqual(again.body, { received: true, duplicate: true });
  });

  it('never trusts the payload: a webhook claiming a payment the API does not confirm changes nothing', async () => {
    const { id, token, gatewayId } = await bookAndFindGateway();
    // A bank transfer under way: Payrexx says `waiting`, the forged body says `confirmed` and a larger amount.
    const waiting = payrexx.pay(gatewayId, 'waiting');
    const forged = await deliver(waiting, 'json', (t) => ({ ...t, status: 'confirmed', amount: 1 }));
    assert.equal(forged.status, 200);
    assert.equal((await getBooking(app, id, token)).body.booking.status, 'AWAITING_PAYMENT');

    // A transaction id Payrexx does not know, and one that is not for a gateway of ours: acknowledged, ignored.
    const unknown = await deliver({ ...waiting, id: 999_999 });
    assert.deepEqual(unknown.body, { received: true, ignored: true });
    const garbage = await http(app.baseUrl, '/v1/webhooks/payrexx', { method: 'POST', rawBody: '{"transaction":{}}', headers: { 'content-type': 'application/json' } });
    assert.equal(garbage.status, 400);
  });

  it('cancels with a refund through the transaction refund endpoint, and shows the refund Payrexx reports', async () => {
    const { id, token, gatewayId } = await bookAndFindGateway();
    const transaction = payrexx.pay(gatewayId);
    await deliver(transaction, 'form');
    await waitForStatus(app, id, token, 'CONFIRMED');

    const cancelled = await http(app.baseUrl, `/v1/bookings/${id}/cancel`, { body: {}, headers: bearer(token) });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.deepEqual([cancelled.body.booking.status, cancelled.body.booking.payment.refundedCents], ['CANCELLED', 7500]);
    const refunds = payrexx.requests.filter((r) => r.path === `/v1.0/Transaction/${transaction.id}/refund`);
    assert.deepEqual(refunds.map((r) => r.body.amount), ['7500']);

    // Payrexx's webhook for the refund transaction is reported on the booking's payment, with the gateway's total.
    const refundTx = payrexx.gateway(gatewayId)?.invoices[0]?.transactions.find((t) => t.amount < 0);
    assert.ok(refundTx);
    assert.deepEqual((await deliver(refundTx)).body, { received: true });
    const booking = (await getBooking(app, id, token)).body.booking;
    assert.deepEqual([booking.payment.status, booking.payment.refundedCents], ['REFUNDED', 7500]);
  });
});

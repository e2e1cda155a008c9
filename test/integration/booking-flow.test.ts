/**
 * The booking saga over HTTP, end to end: real Temporal dev server, real worker, real PostgreSQL,
 * the local payment provider and its signed webhooks. Run through `npm test` (or
 * `npx tsx test/support/run-tests.ts test/integration/booking-flow.test.ts`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkflowNotFoundError } from '@temporalio/client';
import { deliverLocalWebhook } from '../../src/providers/payments/local/local-webhook-delivery';
import { signLocalWebhook } from '../../src/providers/payments/local/local-webhook-signature';
import { createLogger } from '../../src/logging/logger';
import { startTestApp, type TestApp } from '../support/app-harness';
import { uniqueSuffix } from '../support/fixtures';
import {
  bearer,
  book,
  bookAndPay,
  bookingRequest,
  bookOk,
  decline,
  eventually,
  getBooking,
  isOffered,
  offeredSlots,
  pay,
  waitForStatus,
} from '../support/booking-api';
import { http } from '../support/http';

let app: TestApp;
/** Started first with a one-minute payment window, checked last: expiry runs while the other stories do. */
let expiring: { id: string; token: string; serviceId: string; resourceId: string; start: string; bookedAt: number };

before(async () => {
  app = await startTestApp();
  const { service, resource } = await app.createServiceAndResource({ service: { paymentWindowMinutes: 1 } });
  const [slot] = await offeredSlots(app, service.id, resource.id);
  assert.ok(slot);
  const created = await bookOk(app, bookingRequest(service.id, resource.id, slot.start));
  expiring = { id: created.id, token: created.token, serviceId: service.id, resourceId: resource.id, start: slot.start, bookedAt: Date.now() };
});

after(async () => {
  await app?.stop();
});

describe('booking an appointment and paying for it', () => {
  it('holds the slot, takes the payment on the local checkout and confirms the booking', async () => {
    const { service, resource } = await app.createServiceAndResource();
    const [slot] = await offeredSlots(app, service.id, resource.id);
    assert.ok(slot);

    const created = await book(app, bookingRequest(service.id, resource.id, slot.start));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const { booking, accessToken, checkoutUrl } = created.body;
    assert.match(booking.id, /^bk_[a-z2-7]{20}$/);
    assert.equal(created.headers.get('location'), `/v1/bookings/${booking.id}`);
    assert.equal(booking.status, 'AWAITING_PAYMENT');
    assert.deepEqual(booking.payment, { provider: 'local', status: 'PENDING', amountCents: 7500, depositCents: 0, balanceDueCents: 0, priceCents: 7500, refundedCents: 0, currency: 'EUR' });
    assert.equal(booking.end, new Date(new Date(slot.start).getTime() + 30 * 60_000).toISOString());
    assert.equal(await isOffered(app, service.id, resource.id, slot.start), false, 'a held slot is not offered');

    const page = await http<string>(checkoutUrl, '', { headers: { accept: 'text/html' } });
    assert.equal(page.status, 200);
    assert.match(page.body, /€75\.00/);
    assert.match(page.body, /action="\/local-checkout\/lcs_[0-9a-f]+\/pay"/);

    const paid = await pay(checkoutUrl);
    assert.equal(paid.status, 200, JSON.stringify(paid.body));
    assert.equal(paid.body.status, 'paid');
    assert.equal(paid.body.webhookDelivered, true);

    const confirmed = await waitForStatus(app, booking.id, accessToken, 'CONFIRMED');
    assert.equal(confirmed.payment.status, 'PAID');
    assert.deepEqual(
      confirmed.history.map((h: { status: string }) => h.status).filter((s: string, i: number, all: string[]) => all.indexOf(s) === i),
      ['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED'],
    );

    const again = await pay(checkoutUrl);
    assert.equal(again.status, 409, 'a checkout is paid once');
    assert.equal(again.body.error.code, 'INVALID_TRANSITION');

    const notifications = await eventually('a confirmation email row', async () => {
      const res = await http(app.baseUrl, `/v1/admin/bookings/${booking.id}/notifications`, { headers: { 'x-api-key': app.adminKey } });
      assert.equal(res.status, 200);
      const rows: { kind: string; channel: string; to: string; status: string; sentAt: string | null }[] = res.body.notifications;
      return rows.some((n) => n.kind.startsWith('confirmation') && n.channel === 'email' && n.status === 'sent') ? rows : null;
    });
    const email = notifications.find((n) => n.kind.startsWith('confirmation') && n.channel === 'email');
    assert.equal(email?.to, 'jane@example.com');
    assert.ok(email?.sentAt);

    const listed = await http(app.baseUrl, `/v1/admin/bookings?resourceId=${resource.id}&status=CONFIRMED`, { headers: { 'x-api-key': app.adminKey } });
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.bookings.map((b: { id: string }) => b.id), [booking.id]);
  });

  it('ends PAYMENT_FAILED after the allowed declined attempts and offers the slot again', async () => {
    const { service, resource } = await app.createServiceAndResource();
    const [slot] = await offeredSlots(app, service.id, resource.id);
    assert.ok(slot);
    const { id, token, checkoutUrl } = await bookOk(app, bookingRequest(service.id, resource.id, slot.start));
    assert.ok(checkoutUrl);

    // A browser posts the page's form and gets a page back; the later attempts come from a JSON client.
    const fromBrowser = await http<string>(checkoutUrl, '/decline', {
      method: 'POST',
      rawBody: '',
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(fromBrowser.status, 200);
    assert.match(fromBrowser.body, /Payment declined/);

    for (let attempt = 2; attempt <= app.config.MAX_PAYMENT_ATTEMPTS; attempt++) {
      const res = await decline(checkoutUrl);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.declinedAttempts, attempt);
      // The webhook has been signalled when decline answers: signals reach the workflow in order.
      assert.equal(res.body.webhookDelivered, true);
    }
    const failed = await waitForStatus(app, id, token, 'PAYMENT_FAILED');
    assert.equal(failed.payment.status, 'FAILED');
    await eventually('the slot to be offered again', () => isOffered(app, service.id, resource.id, slot.start));
  });
});

describe('changing a booking', () => {
  it('cancels a confirmed booking a day ahead with a full refund and offers the slot again', async () => {
    const { service, resource } = await app.createServiceAndResource({ service: { refundWindowHours: 24 } });
    const [slot] = await offeredSlots(app, service.id, resource.id);
    assert.ok(slot);
    const { id, token } = await bookAndPay(app, bookingRequest(service.id, resource.id, slot.start));

    const res = await http(app.baseUrl, `/v1/bookings/${id}/cancel`, { body: { reason: 'Cannot make it' }, headers: bearer(token) });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.booking.status, 'CANCELLED');
    assert.equal(res.body.booking.payment.refundedCents, 7500);
    assert.equal(res.body.booking.payment.status, 'REFUNDED');
    assert.equal(await isOffered(app, service.id, resource.id, slot.start), true);

    const refunds = await app.db.selectFrom('local_refunds').select(['amount_cents']).where('booking_id', '=', id).execute();
    assert.deepEqual(refunds, [{ amount_cents: 7500 }]);

    const asAdmin = await http(app.baseUrl, `/v1/admin/bookings/${id}`, { headers: { 'x-api-key': app.adminKey } });
    assert.equal(asAdmin.status, 200, JSON.stringify(asAdmin.body));
    const adminView = asAdmin.body.booking as typeof asAdmin.body.booking & { pendingUndos: unknown[]; attention: string[] };
    assert.equal(adminView.status, 'CANCELLED');
    assert.deepEqual([adminView.pendingUndos, adminView.attention], [[], []], 'the refund went through: nothing owed, nothing to look at');

    const twice = await http(app.baseUrl, `/v1/bookings/${id}/cancel`, { body: {}, headers: bearer(token) });
    assert.equal(twice.status, 409);
    assert.equal(twice.body.error.code, 'INVALID_TRANSITION');
  });

  it('reschedules to another offered slot, holding the new one and freeing the old one', async () => {
    const { service, resource } = await app.createServiceAndResource();
    const [first, , second] = await offeredSlots(app, service.id, resource.id);
    assert.ok(first && second);
    const { id, token } = await bookAndPay(app, bookingRequest(service.id, resource.id, first.start));

    const res = await http(app.baseUrl, `/v1/bookings/${id}/reschedule`, { body: { start: second.start }, headers: bearer(token) });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.booking.status, 'CONFIRMED');
    assert.equal(new Date(res.body.booking.start).getTime(), new Date(second.start).getTime());
    assert.equal(res.body.booking.end, new Date(new Date(second.start).getTime() + 30 * 60_000).toISOString());
    assert.equal(await isOffered(app, service.id, resource.id, first.start), true, 'old slot offered again');
    assert.equal(await isOffered(app, service.id, resource.id, second.start), false, 'new slot held');

    const offSchedule = new Date(new Date(second.start).getTime() + 7 * 60_000).toISOString();
    const refused = await http(app.baseUrl, `/v1/bookings/${id}/reschedule`, { body: { start: offSchedule }, headers: bearer(token) });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error.code, 'SLOT_NOT_OFFERED');
  });
});

describe('how often a booking may move', () => {
  it('lets the customer reschedule as often as the service allows, answers 409 past it, and lets an admin go further', async () => {
    const { service, resource } = await app.createServiceAndResource({ service: { maxReschedules: 1 } });
    const [first, second, third, fourth] = await offeredSlots(app, service.id, resource.id);
    assert.ok(first && second && third && fourth);
    const { id, token } = await bookAndPay(app, bookingRequest(service.id, resource.id, first.start));

    const moved = await http(app.baseUrl, `/v1/bookings/${id}/reschedule`, { body: { start: second.start }, headers: bearer(token) });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));

    const capped = await http(app.baseUrl, `/v1/bookings/${id}/reschedule`, { body: { start: third.start }, headers: bearer(token) });
    assert.equal(capped.status, 409, JSON.stringify(capped.body));
    assert.equal(capped.body.error.code, 'INVALID_TRANSITION');
    assert.deepEqual(capped.body.error.details, { reason: 'RESCHEDULE_LIMIT_REACHED' });
    assert.match(capped.body.error.message, /resched|mov/i);
    assert.equal(await isOffered(app, service.id, resource.id, third.start), true, 'the refused move holds nothing');

    const byAdmin = await http(app.baseUrl, `/v1/bookings/${id}/reschedule`, { body: { start: fourth.start }, headers: { 'x-api-key': app.adminKey } });
    assert.equal(byAdmin.status, 200, JSON.stringify(byAdmin.body));
    assert.equal(new Date(byAdmin.body.booking.start).getTime(), new Date(fourth.start).getTime());
  });
});

describe('creating bookings safely', () => {
  it('returns the same booking for a repeated Idempotency-Key and refuses the key with another body', async () => {
    const { service, resource } = await app.createServiceAndResource();
    const [slot, other] = await offeredSlots(app, service.id, resource.id);
    assert.ok(slot && other);
    const key = `order-${Date.now()}`;
    const body = bookingRequest(service.id, resource.id, slot.start);

    const first = await book(app, body, key);
    const second = await book(app, { customer: body.customer, start: body.start, resourceId: body.resourceId, serviceId: body.serviceId }, key);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(second.status, 201, JSON.stringify(second.body));
    assert.equal(second.body.booking.id, first.body.booking.id);
    assert.equal(second.body.accessToken, first.body.accessToken);
    assert.equal(second.body.checkoutUrl, first.body.checkoutUrl);

    const reused = await book(app, { ...body, start: other.start }, key);
    assert.equal(reused.status, 422);
    assert.equal(reused.body.error.code, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('answers a repeat after a cancellation with the booking as it is now: CANCELLED, no checkout link, the same token', async () => {
    const { service, resource } = await app.createServiceAndResource();
    const [slot] = await offeredSlots(app, service.id, resource.id);
    assert.ok(slot);
    const key = `cancel-then-repeat-${uniqueSuffix()}`;
    const body = bookingRequest(service.id, resource.id, slot.start);
    const first = await book(app, body, key);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.ok(first.body.checkoutUrl);
    const { id } = first.body.booking;
    const cancelled = await http(app.baseUrl, `/v1/bookings/${id}/cancel`, { body: {}, headers: bearer(first.body.accessToken) });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));

    const repeat = await book(app, body, key);
    assert.equal(repeat.status, 201, JSON.stringify(repeat.body));
    assert.equal(repeat.headers.get('location'), `/v1/bookings/${id}`);
    assert.equal(repeat.headers.get('location'), first.headers.get('location'));
    assert.equal(repeat.body.booking.id, id);
    assert.equal(repeat.body.booking.status, 'CANCELLED');
    assert.equal(repeat.body.checkoutUrl, null);
    assert.equal(repeat.body.accessToken, first.body.accessToken);
    assert.equal(await isOffered(app, service.id, resource.id, slot.start), true, 'the repeat holds nothing');
  });

  it('answers a repeat from the read model once Temporal has dropped the booking, and never starts it again', async () => {
    const { service, resource } = await app.createServiceAndResource();
    const [slot] = await offeredSlots(app, service.id, resource.id);
    assert.ok(slot);
    const key = `after-retention-${uniqueSuffix()}`;
    const body = bookingRequest(service.id, resource.id, slot.start);
    const first = await book(app, body, key);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const { id } = first.body.booking;
    assert.equal((await http(app.baseUrl, `/v1/bookings/${id}/cancel`, { body: {}, headers: bearer(first.body.accessToken) })).status, 200);

    // What Temporal's retention does to a closed run, done now: end the run if it still waits, then delete it.
    const handle = app.client.workflow.getHandle(`booking-${id}`);
    if ((await handle.describe()).status.name === 'RUNNING') await handle.terminate('test: the run is gone, as after retention');
    const isGone = () => handle.describe().then(() => false, (err: unknown) => err instanceof WorkflowNotFoundError);
    // The server deletes in the background and may drop a request that races the termination: ask until it is gone.
    const remove = () =>
      app.client.workflowService
        .deleteWorkflowExecution({ namespace: app.config.TEMPORAL_NAMESPACE, workflowExecution: { workflowId: `booking-${id}` } })
        .catch(() => undefined);
    await eventually('Temporal to forget the booking', async () => (await isGone()) || (await remove(), false), 60_000);

    const repeat = await book(app, body, key);
    assert.equal(repeat.status, 201, JSON.stringify(repeat.body));
    assert.equal(repeat.body.booking.id, id);
    assert.equal(repeat.body.booking.status, 'CANCELLED');
    assert.equal(repeat.body.checkoutUrl, null);
    assert.equal(repeat.body.accessToken, first.body.accessToken);
    assert.equal(await isGone(), true, 'no new run of the booking was started');
    assert.equal(await isOffered(app, service.id, resource.id, slot.start), true, 'and no slot was held');
  });

  it('answers a repeated request for a slot that was taken with 409 again, after its booking has closed', async () => {
    const { service, resource } = await app.createServiceAndResource();
    const [slot] = await offeredSlots(app, service.id, resource.id);
    assert.ok(slot);
    assert.equal((await book(app, bookingRequest(service.id, resource.id, slot.start), `winner-${Date.now()}`)).status, 201);
    const key = `loser-${Date.now()}`;
    const body = bookingRequest(service.id, resource.id, slot.start, 'late@example.com');
    const lost = await book(app, body, key);
    assert.equal(lost.status, 409);
    const bookingId = (await app.db.selectFrom('idempotency_keys').select('booking_id').where('key', '=', key).executeTakeFirstOrThrow()).booking_id;
    await eventually('the rejected booking to close', async () => {
      const description = await app.client.workflow.getHandle(`booking-${bookingId}`).describe();
      return description.status.name !== 'RUNNING';
    });
    const repeated = await book(app, body, key);
    assert.equal(repeated.status, 409);
    assert.equal(repeated.body.error.code, 'SLOT_UNAVAILABLE');

    const adminCancel = await http(app.baseUrl, `/v1/admin/bookings/${bookingId}/cancel`, {
      body: { reason: 'cleanup', refund: 'none' },
      headers: { 'x-api-key': app.adminKey },
    });
    assert.equal(adminCancel.status, 409, 'a closed booking exists but can no longer move');
    assert.equal(adminCancel.body.error.code, 'INVALID_TRANSITION');
  });

  it('gives exactly one of 20 simultaneous requests for one slot the booking and the others 409', async () => {
    const { service, resource } = await app.createServiceAndResource();
    const [slot] = await offeredSlots(app, service.id, resource.id);
    assert.ok(slot);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => book(app, bookingRequest(service.id, resource.id, slot.start, `racer${i}@example.com`))),
    );
    const statuses = answers.map((a) => a.status).sort();
    assert.deepEqual(statuses, [201, ...Array<number>(19).fill(409)], JSON.stringify(answers.filter((a) => a.status !== 409).map((a) => a.body)));
    for (const a of answers.filter((x) => x.status === 409)) assert.equal(a.body.error.code, 'SLOT_UNAVAILABLE');
  });

  it('refuses a start that is not an offered slot, and an unknown service', async () => {
    const { service, resource } = await app.createServiceAndResource();
    const [slot] = await offeredSlots(app, service.id, resource.id);
    assert.ok(slot);
    const offGrid = new Date(new Date(slot.start).getTime() + 10 * 60_000).toISOString();
    const res = await book(app, bookingRequest(service.id, resource.id, offGrid));
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, 'SLOT_NOT_OFFERED');

    const unknown = await book(app, bookingRequest('svc-does-not-exist', resource.id, slot.start));
    assert.equal(unknown.status, 404);
  });
});

describe('who may see a booking', () => {
  it('answers 404 to a token of another booking, to no token and to an unknown id, and 200 to the admin key', async () => {
    const { service, resource } = await app.createServiceAndResource();
    const [a, b] = await offeredSlots(app, service.id, resource.id);
    assert.ok(a && b);
    const mine = await bookOk(app, bookingRequest(service.id, resource.id, a.start));
    const theirs = await bookOk(app, bookingRequest(service.id, resource.id, b.start, 'other@example.com'));

    assert.equal((await getBooking(app, mine.id, mine.token)).status, 200);
    const stolen = await getBooking(app, theirs.id, mine.token);
    assert.equal(stolen.status, 404);
    assert.equal(stolen.body.error.code, 'NOT_FOUND');
    assert.equal((await http(app.baseUrl, `/v1/bookings/${theirs.id}`)).status, 404);
    assert.equal((await http(app.baseUrl, `/v1/bookings/${theirs.id}/cancel`, { body: {}, headers: bearer(mine.token) })).status, 404);
    assert.equal((await getBooking(app, 'bk_aaaaaaaaaaaaaaaaaaaa', mine.token)).status, 404);
    const admin = await http(app.baseUrl, `/v1/bookings/${theirs.id}`, { headers: { 'x-api-key': app.adminKey } });
    assert.equal(admin.status, 200);
    assert.equal(admin.body.booking.customer.email, 'other@example.com');
  });
});

describe('payment webhooks', () => {
  const event = (bookingId: string, sessionId: string, id: string) => ({
    id,
    type: 'payment.succeeded',
    created: Math.floor(Date.now() / 1000),
    data: { sessionId, bookingId, paymentId: `lpay_${id}`, amountCents: 7500, currency: 'EUR' },
  });
  const postSigned = (body: string, signature: string) =>
    http(app.baseUrl, '/v1/webhooks/local', { method: 'POST', rawBody: body, headers: { 'content-type': 'application/json', 'local-signature': signature } });

  it('refuses a bad signature with 401 and a malformed one with 400, and changes nothing', async () => {
    const { service, resource } = await app.createServiceAndResource();
    const [slot] = await offeredSlots(app, service.id, resource.id);
    assert.ok(slot);
    const { id, token, checkoutUrl } = await bookOk(app, bookingRequest(service.id, resource.id, slot.start));
    const sessionId = String(checkoutUrl).split('/').pop() ?? '';
    const body = JSON.stringify(event(id, sessionId, `evt_forged_${id}`));
    const now = Math.floor(Date.now() / 1000);

    const forged = await postSigned(body, signLocalWebhook('not-the-real-secret-at-all', body, now));
    assert.equal(forged.status, 401);
    assert.equal(forged.body.error.code, 'UNAUTHORIZED');
    const stale = await postSigned(body, signLocalWebhook(app.config.LOCAL_WEBHOOK_SECRET ?? '', body, now - app.config.WEBHOOK_TOLERANCE_SECONDS - 5));
    assert.equal(stale.status, 401);
    const malformed = await postSigned(body, 'v1=nonsense');
    assert.equal(malformed.status, 400);
    const unsigned = await http(app.baseUrl, '/v1/webhooks/local', { method: 'POST', rawBody: body, headers: { 'content-type': 'application/json' } });
    assert.equal(unsigned.status, 401);

    assert.equal((await getBooking(app, id, token)).body.booking.status, 'AWAITING_PAYMENT');
  });

  it('acknowledges a duplicate delivery and ignores it', async () => {
    const { service, resource } = await app.createServiceAndResource();
    const [slot] = await offeredSlots(app, service.id, resource.id);
    assert.ok(slot);
    const { id, token, checkoutUrl } = await bookOk(app, bookingRequest(service.id, resource.id, slot.start));
    const sessionId = String(checkoutUrl).split('/').pop() ?? '';
    const body = JSON.stringify(event(id, sessionId, `evt_dup_${id}`));
    const sign = () => signLocalWebhook(app.config.LOCAL_WEBHOOK_SECRET ?? '', body, Math.floor(Date.now() / 1000));

    const first = await postSigned(body, sign());
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual(first.body, { received: true });
    await waitForStatus(app, id, token, 'CONFIRMED');

    const second = await postSigned(body, sign());
    assert.equal(second.status, 200);
    assert.deepEqual(second.body, { received: true, duplicate: true });
    const booking = (await getBooking(app, id, token)).body.booking;
    assert.equal(booking.history.filter((h: { event: string }) => h.event === 'paid').length, 1);
  });

  it('refunds a payment that arrives after the booking was cancelled', async () => {
    const { service, resource } = await app.createServiceAndResource();
    const [slot] = await offeredSlots(app, service.id, resource.id);
    assert.ok(slot);
    const { id, token, checkoutUrl } = await bookOk(app, bookingRequest(service.id, resource.id, slot.start));
    const sessionId = String(checkoutUrl).split('/').pop() ?? '';
    const cancelled = await http(app.baseUrl, `/v1/bookings/${id}/cancel`, { body: {}, headers: bearer(token) });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal(cancelled.body.booking.status, 'CANCELLED');

    // The customer's card was charged just as the booking was cancelled: the provider reports it late.
    const paymentId = `lpay_late_${id}`;
    await app.db.updateTable('local_payment_sessions').set({ status: 'paid', payment_id: paymentId }).where('id', '=', sessionId).execute();
    const delivered = await deliverLocalWebhook(
      { publicBaseUrl: app.baseUrl, secret: app.config.LOCAL_WEBHOOK_SECRET ?? '', logger: createLogger('error') },
      'payment.succeeded',
      { sessionId, bookingId: id, paymentId, amountCents: 7500, currency: 'EUR' },
    );
    assert.equal(delivered.delivered, true);

    const refunds = await eventually('a refund of the late payment', async () => {
      const rows = await app.db.selectFrom('local_refunds').select(['payment_id', 'amount_cents']).where('booking_id', '=', id).execute();
      return rows.length > 0 ? rows : null;
    });
    assert.deepEqual(refunds, [{ payment_id: paymentId, amount_cents: 7500 }]);
    assert.equal((await getBooking(app, id, token)).body.booking.status, 'CANCELLED');
  });
});

describe('an unpaid booking', () => {
  it('expires when its payment window passes, and its slot is offered again', async () => {
    const waitMs = Math.max(0, expiring.bookedAt + 60_000 - Date.now()) + 30_000;
    const expired = await waitForStatus(app, expiring.id, expiring.token, 'EXPIRED', waitMs);
    assert.equal(expired.payment.status, 'EXPIRED');
    assert.equal(await isOffered(app, expiring.serviceId, expiring.resourceId, expiring.start), true);
  });
});

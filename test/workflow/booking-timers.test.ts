/**
 * The timer paths of the booking workflow on the time-skipping test server, over the real activities
 * and the run's PostgreSQL: the payment deadline, reminders, completion and the late-payment window.
 * Signals only: this server does not skip time while an update waits.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bookingWorkflowId, getBookingQuery, latePaymentWorkflowId, messageDeliveryWorkflowId, paymentSignal, type BookingWorkflowInput } from '../../workflows/contract';
import type { bookingWorkflow, latePaymentRefundWorkflow, messageDeliveryWorkflow } from '../../workflows';
import { aBookingInput } from '../support/fixtures';
import { startTimeSkippingWorld, type TimeSkippingWorld } from './time-skipping-world';
import type { ActivitiesWorld } from './activities-world';

const taskQueue = `booking-timers-${process.pid}`;
const MINUTE = 60_000;

describe('booking workflow timers (time-skipping server)', () => {
  let skipping: TimeSkippingWorld;
  let env: TestWorkflowEnvironment;
  let world: ActivitiesWorld;

  before(async () => {
    skipping = await startTimeSkippingWorld(taskQueue);
    ({ env, world } = skipping);
  });

  after(() => skipping?.stop());

  const start = (input: BookingWorkflowInput) =>
    env.client.workflow.start<typeof bookingWorkflow>('bookingWorkflow', { taskQueue, workflowId: bookingWorkflowId(input.bookingId), args: [input] });

  const serverNow = async (): Promise<number> => (await env.currentTimeMs()) as unknown as number;

  /** Messages are delivered by workflows of their own, which may still be at it when the booking closes. */
  const delivered = (bookingId: string, step: string) =>
    env.client.workflow.getHandle<typeof messageDeliveryWorkflow>(messageDeliveryWorkflowId(bookingId, step)).result();

  /** The booking is waiting for its payment (its local checkout session exists). */
  async function awaitingPayment(handle: Awaited<ReturnType<typeof start>>): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
      if ((await handle.query(getBookingQuery)).status === 'AWAITING_PAYMENT') return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.fail('the booking never waited for payment');
  }

  it('expires an unpaid booking at the payment deadline, closing the checkout session before releasing the hold', async () => {
    const input = aBookingInput(await serverNow());
    const final = await (await start(input)).result();

    assert.equal(final.status, 'EXPIRED');
    assert.equal(final.payment.status, 'EXPIRED');
    assert.deepEqual(await world.liveHolds(input.bookingId), []);
    assert.equal(await world.sessionStatus(input.bookingId), 'expired');
    const order = world.callNames(input.bookingId).filter((name) => name === 'expirePaymentSession' || name === 'releaseHold');
    assert.deepEqual(order, ['expirePaymentSession', 'releaseHold']);
    await delivered(input.bookingId, 'expired');
    assert.ok((await world.sentMessages(input.bookingId)).includes('expired'));
    assert.ok(Date.parse(final.history.at(-1)!.at) >= Date.parse(final.createdAt) + 30 * MINUTE, 'expired no earlier than the 30-minute window');
    assert.deepEqual(final.history.map((entry) => entry.status), ['PENDING', 'AWAITING_PAYMENT', 'EXPIRED']);
  });

  it('keeps a payment it finds on the session at the deadline, although its webhook never arrived', async () => {
    const input = aBookingInput(await serverNow(), { service: { reminderOffsetsMinutes: [] } });
    const handle = await start(input);
    await awaitingPayment(handle);
    await world.payLocally(input.bookingId);
    const final = await handle.result();

    assert.equal(final.status, 'COMPLETED');
    assert.equal(final.payment.status, 'PAID');
    assert.deepEqual(final.history.map((entry) => entry.event), ['created', 'payment_requested', 'paid', 'appointment_over']);
    assert.match(final.history[2]!.detail ?? '', /found on the session/);
    assert.deepEqual(await world.refunds(input.bookingId), []);
  });

  it('confirms a free booking at once, sends each reminder on time, and completes it after the end', async () => {
    const input = aBookingInput(await serverNow(), { service: { priceCents: 0 } });
    const final = await (await start(input)).result();

    assert.equal(final.status, 'COMPLETED');
    assert.deepEqual(final.history.map((entry) => entry.event), ['created', 'no_payment_needed', 'appointment_over']);
    const startMs = Date.parse(input.start);
    const reminders = world.callsOf(input.bookingId, 'sendNotification').filter((call) => String(call.input.key).startsWith('reminder-'));
    for (const offset of [1440, 60]) {
      const reminder = reminders.find((call) => call.input.key === `reminder-${offset}m-r0`);
      assert.ok(reminder, `reminder ${offset} minutes ahead was sent`);
      const due = startMs - offset * MINUTE;
      assert.ok(reminder.at >= due && reminder.at < due + MINUTE, `reminder ${offset}m sent at its due time`);
    }
    assert.ok(Date.parse(final.history.at(-1)!.at) >= Date.parse(input.end), 'completed after the end');
    await delivered(input.bookingId, 'reminder-60m-r0');
    assert.deepEqual(await world.sentMessages(input.bookingId), ['confirmation', 'reminder-1440m-r0', 'reminder-60m-r0']);
    assert.deepEqual(await world.liveHolds(input.bookingId), [{ holdKey: `${input.bookingId}:hold:a1`, status: 'booked' }]);
  });

  it('confirms a paid booking when the payment signal arrives, once for a repeated event', async () => {
    const input = aBookingInput(await serverNow());
    const handle = await start(input);
    await awaitingPayment(handle);
    const paid = await world.payLocally(input.bookingId);
    await handle.signal(paymentSignal, paid);
    await handle.signal(paymentSignal, { ...paid, eventId: `${paid.eventId}-again` });
    const final = await handle.result();

    assert.equal(final.status, 'COMPLETED');
    assert.deepEqual([final.payment.status, final.payment.paymentId], ['PAID', paid.paymentId]);
    assert.deepEqual(final.history.map((entry) => entry.status), ['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED', 'COMPLETED']);
    assert.deepEqual(await world.refunds(input.bookingId), [], 'the second announcement of the same payment changed nothing');
    assert.equal(world.callsOf(input.bookingId, 'expirePaymentSession').length, 0);
  });

  it('refunds a payment that arrives after the booking expired', async () => {
    const input = aBookingInput(await serverNow());
    const handle = await start(input);
    await env.sleep(31 * MINUTE);
    assert.equal((await handle.query(getBookingQuery)).status, 'EXPIRED');

    const late = await world.payLocally(input.bookingId);
    await handle.signal(paymentSignal, late);
    const final = await handle.result();

    assert.equal(final.status, 'EXPIRED');
    assert.deepEqual(await world.refunds(input.bookingId), [{ idempotencyKey: `${input.bookingId}:refund:late:${late.paymentId}`, amountCents: 5000 }]);
    assert.equal(final.history.at(-1)!.event, 'late_payment_refunded');
  });

  it('refunds a payment of the wrong amount and still confirms when the right one follows', async () => {
    const input = aBookingInput(await serverNow());
    const handle = await start(input);
    await awaitingPayment(handle);
    const paid = await world.payLocally(input.bookingId);
    await handle.signal(paymentSignal, { ...paid, eventId: 'evt-short', paymentId: `${paid.paymentId}`, amountCents: 100 });
    await handle.signal(paymentSignal, { ...paid, eventId: 'evt-right', paymentId: `${paid.paymentId}-2` });
    const final = await handle.result();

    assert.equal(final.status, 'COMPLETED');
    assert.equal(final.payment.paymentId, `${paid.paymentId}-2`);
    assert.deepEqual((await world.refunds(input.bookingId)).map((refund) => refund.amountCents), [100]);
    assert.deepEqual(
      final.history.slice(0, 4).map((entry) => [entry.status, entry.event]),
      [
        ['PENDING', 'created'],
        ['AWAITING_PAYMENT', 'payment_requested'],
        ['AWAITING_PAYMENT', 'unmatched_payment_refunded'],
        ['CONFIRMED', 'paid'],
      ],
    );
  });

  it('refunds a payment for a closed booking in its own workflow, keyed like the booking would', async () => {
    const booking = aBookingInput(await serverNow(), { latePaymentGraceMinutes: 0 });
    const closed = await (await start(booking)).result();
    assert.equal(closed.status, 'EXPIRED');
    const paid = await world.payLocally(booking.bookingId);
    const input = { bookingId: booking.bookingId, provider: 'local', paymentId: paid.paymentId!, amountCents: 5000, currency: 'CHF' };
    const refund = await env.client.workflow.execute<typeof latePaymentRefundWorkflow>('latePaymentRefundWorkflow', {
      taskQueue,
      workflowId: latePaymentWorkflowId(input.provider, input.paymentId),
      args: [input],
    });
    assert.equal(refund.amountCents, 5000);
    assert.deepEqual(await world.refunds(booking.bookingId), [{ idempotencyKey: `${booking.bookingId}:refund:late:${paid.paymentId}`, amountCents: 5000 }]);
  });

  it('ends PAYMENT_FAILED after three declined attempts and frees the slot', async () => {
    // No late-payment window to wait out: the test server stops skipping time for a workflow that started
    // a child (its message's delivery workflow) from a signal (temporalio/sdk-java#1618).
    const input = aBookingInput(await serverNow(), { latePaymentGraceMinutes: 0 });
    const handle = await start(input);
    await awaitingPayment(handle);
    for (const attempt of [1, 2, 3]) {
      await handle.signal(paymentSignal, { eventId: `decline-${attempt}`, kind: 'failed', provider: 'local', sessionId: null, paymentId: null, amountCents: 5000, currency: 'CHF', reason: 'card declined' });
    }
    const final = await handle.result();
    assert.equal(final.status, 'PAYMENT_FAILED');
    assert.equal(final.payment.failedAttempts, 3);
    assert.deepEqual(await world.liveHolds(input.bookingId), []);
    assert.equal(await world.sessionStatus(input.bookingId), 'expired');
  });
});

/**
 * Provider webhooks come in any order and more than once (issue 6): the booking workflow on the dev
 * server, over the real activities and local providers, told the provider's side with payment signals
 * as the webhook routes send them.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '@temporalio/client';
import { cancelBookingUpdate, getBookingQuery, paymentSignal, type BookingSnapshot, type PaymentSignal } from '../../workflows/contract';
import { aBookingInput } from '../support/fixtures';
import { startBooking, type BookingHandle } from '../support/start-booking';
import { startDevServerWorld, type DevServerWorld } from './dev-server-world';
import type { ActivitiesWorld } from './activities-world';

const taskQueue = `payment-event-order-${process.pid}-${Date.now()}`;

describe('payment events in any order', () => {
  let dev: DevServerWorld;
  let client: Client;
  let world: ActivitiesWorld;

  before(async () => {
    dev = await startDevServerWorld(taskQueue);
    ({ client, world } = dev);
  });

  after(() => dev?.stop());

  async function book() {
    const input = aBookingInput(Date.now());
    const { handle } = await startBooking(client, taskQueue, input);
    dev.track(handle);
    return { input, handle };
  }

  async function eventually(what: string, check: (state: BookingSnapshot) => boolean, handle: BookingHandle): Promise<BookingSnapshot> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const state = await handle.query(getBookingQuery);
      if (check(state)) return state;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail(`never: ${what}`);
  }

  const refundReport = (paid: PaymentSignal, refundedCents: number, eventId: string): PaymentSignal => ({ ...paid, eventId, kind: 'refunded', refundedCents });

  it('keeps a refund reported before its payment, and shows it once the booking keeps that payment', async () => {
    const { input, handle } = await book();
    const paid = await world.payLocally(input.bookingId);
    // Refunded in the provider's dashboard; its report overtook the payment's own event.
    await handle.signal(paymentSignal, refundReport(paid, 2000, `${paid.eventId}-refund`));
    await handle.signal(paymentSignal, paid);

    const state = await eventually('the early refund on the kept payment', (s) => s.status === 'CONFIRMED' && s.payment.refundedCents === 2000, handle);
    assert.equal(state.payment.status, 'PARTIALLY_REFUNDED');
    assert.equal(state.payment.paymentId, paid.paymentId);
  });

  it('lets an older refund total delivered late change nothing', async () => {
    const { input, handle } = await book();
    const paid = await world.payLocally(input.bookingId);
    await handle.signal(paymentSignal, paid);
    await handle.signal(paymentSignal, refundReport(paid, 5000, `${paid.eventId}-refund-2`));
    await handle.signal(paymentSignal, refundReport(paid, 2000, `${paid.eventId}-refund-1`));
    await eventually('the full refund shown', (s) => s.payment.refundedCents === 5000, handle);
    // A later change proves the older total was handled by now.
    await handle.signal(paymentSignal, { ...paid, eventId: `${paid.eventId}-dispute`, kind: 'disputed' });
    const state = await eventually('the dispute flagged', (s) => s.attention.includes('disputed'), handle);
    assert.deepEqual([state.payment.refundedCents, state.payment.status], [5000, 'REFUNDED']);
  });

  it('gives a payment that comes after a cancellation back once, however many events announce it', async () => {
    const { input, handle } = await book();
    await handle.executeUpdate(cancelBookingUpdate, { args: [{ reason: 'changed my mind', actor: 'customer', refund: 'policy' }] });
    const paid = await world.payLocally(input.bookingId);
    await handle.signal(paymentSignal, paid);
    await handle.signal(paymentSignal, { ...paid, eventId: `${paid.eventId}-again` });
    await handle.signal(paymentSignal, { ...paid, eventId: `${paid.eventId}-dispute`, kind: 'disputed' });
    await eventually('the dispute flagged', (s) => s.attention.includes('disputed'), handle);

    assert.deepEqual(await world.refunds(input.bookingId), [{ idempotencyKey: `${input.bookingId}:refund:late:${paid.paymentId}`, amountCents: paid.amountCents }]);
    const events = await world.recordedEvents(input.bookingId);
    assert.equal(events.filter((e) => e === 'late_payment_refunded').length, 1, events.join(', '));
  });

  /** The booking is paid, then cancelled with a full refund, which the provider later reports failed. */
  async function cancelledWithRefund() {
    const { input, handle } = await book();
    const paid = await world.payLocally(input.bookingId);
    await handle.signal(paymentSignal, paid);
    await eventually('paid', (s) => s.status === 'CONFIRMED', handle);
    await handle.executeUpdate(cancelBookingUpdate, { args: [{ reason: 'changed my mind', actor: 'customer', refund: 'policy' }] });
    const cancelKey = `${input.bookingId}:refund:cancel`;
    const failed = await world.failRefund(cancelKey);
    const report = (state: 'succeeded' | 'failed', eventId: string): PaymentSignal => ({
      ...paid,
      eventId,
      kind: state === 'failed' ? 'refund_failed' : 'refunded',
      amountCents: failed.amountCents,
      refund: { refundId: failed.refundId, amountCents: failed.amountCents, state, byBooking: true },
      ...(state === 'failed' ? { reason: `refund ${failed.refundId} failed: expired_or_canceled_card` } : {}),
    });
    return { input, handle, paid, failed, cancelKey, report };
  }

  async function refundMadeAgain(story: Awaited<ReturnType<typeof cancelledWithRefund>>) {
    const { input, handle, failed, cancelKey } = story;
    const againKey = `${input.bookingId}:refund:again:${failed.refundId}`;
    const made = () => world.callsOf(input.bookingId, 'refundPayment').some((call) => call.input.idempotencyKey === againKey);
    const state = await eventually('the failed refund made again', (s) => made() && s.payment.status === 'REFUNDED', handle);
    assert.equal(state.payment.refundedCents, failed.amountCents);
    assert.ok(state.attention.includes('refund-failed'), state.attention.join(', '));
    const notes = await world.db.selectFrom('booking_events').select(['event', 'detail']).where('booking_id', '=', input.bookingId).where('event', 'in', ['refund_failed', 'refund_remade']).orderBy('seq').execute();
    assert.deepEqual(notes.map((note) => note.event), ['refund_failed', 'refund_remade']);
    assert.match(notes[0]?.detail ?? '', /expired_or_canceled_card/);
    const keys = world.callsOf(input.bookingId, 'refundPayment').map((call) => call.input.idempotencyKey);
    assert.deepEqual([...new Set(keys)], [cancelKey, againKey]);
    assert.deepEqual(await world.refunds(input.bookingId), [{ idempotencyKey: againKey, amountCents: failed.amountCents }]);
    return state;
  }

  it('shows a refund reported succeeded, then failed, as given back, flags it, and makes it again under a new key', async () => {
    const story = await cancelledWithRefund();
    await story.handle.signal(paymentSignal, story.report('succeeded', `${story.paid.eventId}-refund-ok`));
    await story.handle.signal(paymentSignal, story.report('failed', `${story.paid.eventId}-refund-failed`));
    await refundMadeAgain(story);
  });

  it('takes the failure reported before the success: the late success does not count the failed refund again', async () => {
    const story = await cancelledWithRefund();
    await story.handle.signal(paymentSignal, story.report('failed', `${story.paid.eventId}-refund-failed`));
    await story.handle.signal(paymentSignal, story.report('succeeded', `${story.paid.eventId}-refund-ok`));
    // The same failure told once more (Stripe's refund.failed beside refund.updated) is one failure.
    await story.handle.signal(paymentSignal, { ...story.report('failed', `${story.paid.eventId}-refund-failed-again`) });
    await refundMadeAgain(story);
    // A later change proves the late reports were handled by now.
    await story.handle.signal(paymentSignal, { ...story.paid, eventId: `${story.paid.eventId}-dispute`, kind: 'disputed' });
    const state = await eventually('the dispute flagged', (s) => s.attention.includes('disputed'), story.handle);
    assert.deepEqual([state.payment.refundedCents, state.payment.status], [story.failed.amountCents, 'REFUNDED']);
    assert.equal((await world.recordedEvents(story.input.bookingId)).filter((event) => event === 'refund_failed').length, 1);
    assert.equal(world.callsOf(story.input.bookingId, 'refundPayment').length, 2);
  });
});

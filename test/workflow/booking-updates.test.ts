/**
 * Updates and update-with-start on the local dev server (the time-skipping server does not skip
 * time while an update waits), over the real activities and the run's PostgreSQL: create, cancel,
 * reschedule and no-show with their validators, and the saga under failing steps and undos.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  type Client,
  WithStartWorkflowOperation,
  WorkflowFailedError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import type { bookingWorkflow, closedBookingRefundFailedWorkflow, messageDeliveryWorkflow } from '../../workflows';
import { BookingAttentionAttribute, BookingResourceIdAttribute, BookingStartAttribute, BookingStatusAttribute, bookingWorkflowId, cancelBookingUpdate, closedBookingRefundFailedWorkflowId, createBookingUpdate, getBookingQuery, markNoShowUpdate, messageDeliveryWorkflowId, paymentSignal, rescheduleBookingUpdate, type BookingSnapshot, type BookingWorkflowInput, type ClosedBookingRefundFailedInput } from '../../workflows/contract';
import { aBookingInput } from '../support/fixtures';
import { startBooking, type BookingHandle } from '../support/start-booking';
import { startDevServerWorld, type DevServerWorld } from './dev-server-world';
import type { ActivitiesWorld, ActivityName } from './activities-world';

const taskQueue = `booking-updates-${process.pid}-${Date.now()}`;
const HOUR = 60 * 60 * 1000;


describe('booking workflow updates (dev server)', () => {
  let dev: DevServerWorld;
  let client: Client;
  let world: ActivitiesWorld;

  before(async () => {
    dev = await startDevServerWorld(taskQueue);
    ({ client, world } = dev);
  });

  after(() => dev?.stop());

  async function create(input: BookingWorkflowInput) {
    const started = await startBooking(client, taskQueue, input);
    dev.track(started.handle);
    return started;
  }

  /** Messages are delivered by workflows of their own, after the update answered. */
  const delivered = (bookingId: string, step: string) =>
    client.workflow.getHandle<typeof messageDeliveryWorkflow>(messageDeliveryWorkflowId(bookingId, step)).result();

  async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
    const error = await promise.then(
      () => assert.fail('expected the update to fail'),
      (err: unknown) => err,
    );
    assert.ok(error instanceof WorkflowUpdateFailedError, `expected WorkflowUpdateFailedError, got ${String(error)}`);
    assert.ok(error.cause instanceof ApplicationFailure, 'the update failed with an ApplicationFailure');
    return error.cause;
  }

  async function waitForStatus(handle: BookingHandle, status: BookingSnapshot['status']): Promise<BookingSnapshot> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const state = await handle.query(getBookingQuery);
      if (state.status === status) return state;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail(`booking never reached ${status}`);
  }

  /** Books and pays on the local checkout; returns once CONFIRMED and in the calendar. */
  async function bookAndPay(input: BookingWorkflowInput): Promise<BookingHandle> {
    const { handle } = await create(input);
    await handle.signal(paymentSignal, await world.payLocally(input.bookingId));
    await waitForStatus(handle, 'CONFIRMED');
    await waitForCall(world, input.bookingId, 'createCalendarEvent');
    return handle;
  }

  const slotAfter = (input: BookingWorkflowInput, hours: number, actor: 'customer' | 'admin' = 'customer') => {
    const start = Date.parse(input.start) + hours * HOUR;
    return { start: new Date(start).toISOString(), end: new Date(start + HOUR).toISOString(), actor };
  };

  const holdKeys = (input: BookingWorkflowInput, ...attempts: number[]) => attempts.map((attempt) => `${input.bookingId}:hold:a${attempt}`);

  it('creates a booking with update-with-start and answers with the checkout URL, the same on a repeat', async () => {
    const input = aBookingInput(Date.now());
    const first = await create(input);
    assert.equal(first.result.booking.status, 'AWAITING_PAYMENT');
    assert.match(first.result.checkoutUrl ?? '', /\/local-checkout\/lcs_/);

    const second = await create(input);
    assert.equal(second.handle.workflowId, first.handle.workflowId);
    assert.deepEqual([second.result.booking.id, second.result.booking.status], [input.bookingId, 'AWAITING_PAYMENT']);
    assert.equal(second.result.checkoutUrl, first.result.checkoutUrl);
    assert.equal(world.callsOf(input.bookingId, 'holdSlot').length, 1, 'the repeat held nothing new');

    const { typedSearchAttributes } = await first.handle.describe();
    assert.equal(typedSearchAttributes.get(BookingStatusAttribute), 'AWAITING_PAYMENT');
    assert.equal(typedSearchAttributes.get(BookingResourceIdAttribute), input.resource.id);
    assert.equal(typedSearchAttributes.get(BookingStartAttribute)?.toISOString(), input.start);
    assert.deepEqual(await world.recordedEvents(input.bookingId), ['created', 'payment_requested']);
  });

  it('refuses a slot another booking holds with SLOT_UNAVAILABLE and ends the booking REJECTED', async () => {
    const taken = aBookingInput(Date.now());
    await create(taken);
    const late = aBookingInput(Date.now(), { resourceId: taken.resource.id });

    const startWorkflowOperation = new WithStartWorkflowOperation<typeof bookingWorkflow>('bookingWorkflow', {
      workflowId: bookingWorkflowId(late.bookingId),
      taskQueue,
      args: [late],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    const failure = await failureOf(client.workflow.executeUpdateWithStart(createBookingUpdate, { startWorkflowOperation }));
    assert.equal(failure.type, 'SLOT_UNAVAILABLE');

    const final = await (await startWorkflowOperation.workflowHandle()).result();
    assert.equal(final.status, 'REJECTED');
    assert.deepEqual(await world.liveHolds(late.bookingId), []);
  });

  it('refunds in full when a paid booking is cancelled more than the refund window ahead, undoing newest first', async () => {
    const input = aBookingInput(Date.now(), { hoursAhead: 72 });
    const handle = await bookAndPay(input);

    const cancelled = await handle.executeUpdate(cancelBookingUpdate, { args: [{ reason: 'cannot make it', actor: 'customer', refund: 'policy' }] });

    assert.equal(cancelled.status, 'CANCELLED');
    assert.equal(cancelled.cancellationReason, 'cannot make it');
    assert.deepEqual([cancelled.payment.status, cancelled.payment.refundedCents], ['REFUNDED', 5000]);
    assert.equal('history' in cancelled, false, 'the update answers a slim snapshot');
    assert.deepEqual(await world.refunds(input.bookingId), [{ idempotencyKey: `${input.bookingId}:refund:cancel`, amountCents: 5000 }]);
    const undoOrder = world.callNames(input.bookingId).filter((name) => ['deleteCalendarEvent', 'refundPayment', 'releaseHold'].includes(name));
    assert.deepEqual(undoOrder, ['deleteCalendarEvent', 'refundPayment', 'releaseHold']);
    assert.deepEqual((await world.calendarEvents(input.bookingId)).map((event) => event.status), ['cancelled']);
    await delivered(input.bookingId, 'cancellation');
    assert.ok((await world.sentMessages(input.bookingId)).includes('cancellation'));
    assert.equal((await handle.describe()).typedSearchAttributes.get(BookingStatusAttribute), 'CANCELLED');
  });

  it('makes a cancellation refund again when the provider reports it failed after the booking closed, and leaves a fourth failure to an operator', async () => {
    const input = aBookingInput(Date.now(), { hoursAhead: 72, latePaymentGraceMinutes: 0 });
    const handle = await bookAndPay(input);
    await handle.executeUpdate(cancelBookingUpdate, { args: [{ reason: 'cannot make it', actor: 'customer', refund: 'policy' }] });
    assert.equal((await handle.result()).status, 'CANCELLED', 'the booking’s workflow has closed');

    // The card was closed: each refund comes back failed, days after the booking's workflow ended.
    const refundAgain = async (failedKey: string) => {
      const failed = await world.failRefund(failedKey);
      const args: [ClosedBookingRefundFailedInput] = [{ bookingId: input.bookingId, provider: 'local', paymentId: failed.paymentId, failedRefundId: failed.refundId, amountCents: failed.amountCents, currency: 'CHF', reason: 'expired_or_canceled_card' }];
      const workflowId = closedBookingRefundFailedWorkflowId('local', failed.refundId);
      const result = await client.workflow.execute<typeof closedBookingRefundFailedWorkflow>('closedBookingRefundFailedWorkflow', { taskQueue, workflowId, args });
      return { failed, result };
    };
    let key = `${input.bookingId}:refund:cancel`;
    for (let failures = 1; failures <= 3; failures++) {
      const { failed, result } = await refundAgain(key);
      key = `${input.bookingId}:refund:again:${failed.refundId}`;
      assert.ok(result.refundId, `failure ${failures} is made again`);
      assert.deepEqual(await world.refunds(input.bookingId), [{ idempotencyKey: key, amountCents: 5000 }]);
    }
    const { result } = await refundAgain(key);
    assert.equal(result.refundId, null, 'a fourth failure is left to an operator');
    assert.deepEqual(await world.refunds(input.bookingId), []);

    const events = await world.recordedEvents(input.bookingId);
    assert.equal(events.filter((event) => event === 'refund_failed').length, 5, 'four failures, and the note that the last is left to an operator');
    assert.equal(events.filter((event) => event === 'refund_remade').length, 3);
    const row = await world.db.selectFrom('bookings').select(['attention', 'status']).where('id', '=', input.bookingId).executeTakeFirstOrThrow();
    assert.deepEqual(row, { attention: ['refund-failed'], status: 'CANCELLED' });
  });

  it('refunds nothing under the policy when cancelled inside the refund window', async () => {
    const input = aBookingInput(Date.now(), { hoursAhead: 2 });
    const handle = await bookAndPay(input);

    const cancelled = await handle.executeUpdate(cancelBookingUpdate, { args: [{ reason: null, actor: 'customer', refund: 'policy' }] });
    assert.equal(cancelled.status, 'CANCELLED');
    assert.equal(cancelled.payment.refundedCents, 0);
    assert.deepEqual(await world.refunds(input.bookingId), []);
    assert.deepEqual(await world.liveHolds(input.bookingId), []);
  });

  it('does not open the refund window again when a booking inside it is moved to next week', async () => {
    const input = aBookingInput(Date.now(), { hoursAhead: 2 });
    const handle = await bookAndPay(input);
    const closedAt = (await handle.query(getBookingQuery)).refundableUntil;

    const moved = await handle.executeUpdate(rescheduleBookingUpdate, { args: [slotAfter(input, 7 * 24)] });
    assert.equal(moved.refundableUntil, closedAt, 'the deadline that already passed stays');
    const cancelled = await handle.executeUpdate(cancelBookingUpdate, { args: [{ reason: null, actor: 'customer', refund: 'policy' }] });

    assert.deepEqual([cancelled.status, cancelled.payment.refundedCents], ['CANCELLED', 0]);
    assert.deepEqual(await world.refunds(input.bookingId), []);
  });

  it('moves the refund deadline with the appointment while the window is still open', async () => {
    const input = aBookingInput(Date.now(), { hoursAhead: 72 });
    const handle = await bookAndPay(input);
    const moved = await handle.executeUpdate(rescheduleBookingUpdate, { args: [slotAfter(input, 24)] });
    assert.equal(Date.parse(moved.refundableUntil), Date.parse(moved.start) - 24 * HOUR);
    await handle.terminate('test done');
  });

  it('rejects cancelling an expired booking with INVALID_TRANSITION', async () => {
    const input = aBookingInput(Date.now(), { service: { paymentWindowMinutes: 0.02 } });
    const { handle } = await create(input);
    await waitForStatus(handle, 'EXPIRED');

    const failure = await failureOf(handle.executeUpdate(cancelBookingUpdate, { args: [{ reason: null, actor: 'customer', refund: 'policy' }] }));
    assert.equal(failure.type, 'INVALID_TRANSITION');
    assert.equal((await handle.query(getBookingQuery)).status, 'EXPIRED');
    await handle.terminate('test done');
  });

  it('lets an admin mark a completed booking as a no-show, and refuses to cancel it', async () => {
    const start = Date.now() + 1500;
    const input: BookingWorkflowInput = {
      ...aBookingInput(Date.now(), { service: { priceCents: 0 }, noShowGraceMinutes: 5 }),
      start: new Date(start).toISOString(),
      end: new Date(start + 1500).toISOString(),
    };
    const { handle } = await create(input);
    const early = await failureOf(handle.executeUpdate(markNoShowUpdate, { args: [{ actor: 'admin' }] }));
    assert.equal(early.type, 'INVALID_TRANSITION', 'no no-show before the appointment starts');

    await waitForStatus(handle, 'COMPLETED');
    const refused = await failureOf(handle.executeUpdate(cancelBookingUpdate, { args: [{ reason: null, actor: 'customer', refund: 'policy' }] }));
    assert.equal(refused.type, 'INVALID_TRANSITION');

    const noShow = await handle.executeUpdate(markNoShowUpdate, { args: [{ actor: 'admin' }] });
    assert.equal(noShow.status, 'NO_SHOW');
    const final = await handle.result();
    assert.deepEqual([final.status, final.history.at(-1)?.actor], ['NO_SHOW', 'admin']);
    assert.ok((await world.recordedEvents(input.bookingId)).includes('marked_no_show'));
  });

  it('reschedules by holding the new slot under its own key before releasing the old one', async () => {
    const input = aBookingInput(Date.now(), { service: { priceCents: 0 } });
    const { handle } = await create(input);
    await waitForCall(world, input.bookingId, 'createCalendarEvent');

    const moved = await handle.executeUpdate(rescheduleBookingUpdate, { args: [slotAfter(input, 24)] });

    assert.deepEqual([moved.status, moved.revision, moved.start], ['CONFIRMED', 1, slotAfter(input, 24).start]);
    const steps = world.calls
      .filter((call) => call.bookingId === input.bookingId && ['holdSlot', 'confirmHold', 'moveCalendarEvent', 'releaseHold'].includes(call.name))
      .map((call) => `${call.name}${String(call.input.holdKey ?? '').replace(`${input.bookingId}:hold:`, ' ')}`.trim());
    assert.deepEqual(steps, ['holdSlot a1', 'confirmHold a1', 'holdSlot a2', 'confirmHold a2', 'moveCalendarEvent', 'releaseHold a1']);
    assert.deepEqual(await world.liveHolds(input.bookingId), [{ holdKey: holdKeys(input, 2)[0], status: 'booked' }]);
    assert.deepEqual((await world.calendarEvents(input.bookingId)).map((event) => event.start.toISOString()), [slotAfter(input, 24).start]);
    await delivered(input.bookingId, 'rescheduled-r1');
    assert.ok((await world.sentMessages(input.bookingId)).includes('rescheduled-r1'));
    assert.equal((await handle.describe()).typedSearchAttributes.get(BookingStartAttribute)?.toISOString(), slotAfter(input, 24).start);
    await handle.terminate('test done');
  });

  it('keeps the booking and its old hold when the calendar cannot move, and the next reschedule still holds anew', async () => {
    const input = aBookingInput(Date.now(), { service: { priceCents: 0 } });
    const { handle } = await create(input);
    await waitForCall(world, input.bookingId, 'createCalendarEvent');
    const calendarDown = world.failWhen({ when: (call) => call.bookingId === input.bookingId && call.name === 'moveCalendarEvent', nonRetryableType: 'PROVIDER_REFUSED' });

    const failure = await failureOf(handle.executeUpdate(rescheduleBookingUpdate, { args: [slotAfter(input, 24)] }));
    calendarDown();
    assert.equal(failure.type, 'PROVIDER_REFUSED');
    const after = await handle.query(getBookingQuery);
    assert.deepEqual([after.start, after.revision, after.holdKey], [input.start, 0, holdKeys(input, 1)[0]]);
    assert.deepEqual(await world.liveHolds(input.bookingId), [{ holdKey: holdKeys(input, 1)[0], status: 'booked' }], 'the new hold was released');

    // Before v2 this second attempt reused the first one's key, found its released row and "held" nothing.
    const moved = await handle.executeUpdate(rescheduleBookingUpdate, { args: [slotAfter(input, 24)] });
    assert.equal(moved.revision, 1);
    assert.deepEqual(await world.liveHolds(input.bookingId), [{ holdKey: holdKeys(input, 3)[0], status: 'booked' }]);
    await handle.terminate('test done');
  });

  it('releases a new hold whose activity inserted it and then failed', async () => {
    const input = aBookingInput(Date.now(), { service: { priceCents: 0 } });
    const { handle } = await create(input);
    await waitForCall(world, input.bookingId, 'createCalendarEvent');
    const lostAnswer = world.failWhen({
      when: (call) => call.bookingId === input.bookingId && call.name === 'holdSlot' && call.input.holdKey === holdKeys(input, 2)[0],
      afterRunning: true,
      nonRetryableType: 'TIMEOUT_LIKE',
    });

    await failureOf(handle.executeUpdate(rescheduleBookingUpdate, { args: [slotAfter(input, 24)] }));
    lostAnswer();
    assert.deepEqual(await world.liveHolds(input.bookingId), [{ holdKey: holdKeys(input, 1)[0], status: 'booked' }]);
    await handle.terminate('test done');
  });

  it('moves an unpaid booking without confirming the new hold, and cancelling it expires the checkout', async () => {
    const input = aBookingInput(Date.now());
    const { handle } = await create(input);

    const moved = await handle.executeUpdate(rescheduleBookingUpdate, { args: [slotAfter(input, 2)] });
    assert.deepEqual([moved.status, moved.revision], ['AWAITING_PAYMENT', 1]);
    assert.equal(world.callsOf(input.bookingId, 'confirmHold').length, 0);

    const cancelled = await handle.executeUpdate(cancelBookingUpdate, { args: [{ reason: null, actor: 'customer', refund: 'policy' }] });
    assert.deepEqual([cancelled.status, cancelled.payment.status], ['CANCELLED', 'EXPIRED']);
    assert.equal(await world.sessionStatus(input.bookingId), 'expired');
    assert.deepEqual(await world.refunds(input.bookingId), []);
    assert.deepEqual(await world.liveHolds(input.bookingId), []);
  });

  it('leaves the booking unchanged when the new slot is taken', async () => {
    const input = aBookingInput(Date.now(), { service: { priceCents: 0 } });
    const { handle } = await create(input);
    const other = aBookingInput(Date.now(), { hoursAhead: 96, resourceId: input.resource.id, service: { priceCents: 0 } });
    await create(other);
    const before = await handle.query(getBookingQuery);

    const failure = await failureOf(handle.executeUpdate(rescheduleBookingUpdate, { args: [{ start: other.start, end: other.end, actor: 'customer' }] }));

    assert.equal(failure.type, 'SLOT_UNAVAILABLE');
    const after = await handle.query(getBookingQuery);
    assert.deepEqual([after.start, after.revision, after.history.length], [before.start, before.revision, before.history.length]);
    assert.deepEqual((await world.liveHolds(input.bookingId)).map((hold) => hold.holdKey), holdKeys(input, 1));
    await Promise.all([handle.terminate('test done'), client.workflow.getHandle(bookingWorkflowId(other.bookingId)).terminate('test done')]);
  });

  it('caps a customer at the service’s reschedules, but lets an admin move the booking further', async () => {
    const input = aBookingInput(Date.now(), { service: { priceCents: 0, maxReschedules: 2 } });
    const { handle } = await create(input);
    await handle.executeUpdate(rescheduleBookingUpdate, { args: [slotAfter(input, 24)] });
    await handle.executeUpdate(rescheduleBookingUpdate, { args: [slotAfter(input, 48)] });

    const capped = await failureOf(handle.executeUpdate(rescheduleBookingUpdate, { args: [slotAfter(input, 72)] }));
    assert.equal(capped.type, 'RESCHEDULE_LIMIT_REACHED');
    const byAdmin = await handle.executeUpdate(rescheduleBookingUpdate, { args: [slotAfter(input, 72, 'admin')] });
    assert.equal(byAdmin.revision, 3);
    await handle.terminate('test done');
  });

  it('continues as new when its history grows long, carrying the booking, its holds and its undos', async () => {
    const input = aBookingInput(Date.now(), { hoursAhead: 72, continueAsNewAfterEvents: 60, service: { maxReschedules: 20 } });
    const handle = await bookAndPay(input);
    const firstRun = (await handle.describe()).runId;
    for (let move = 1; move <= 8; move++) {
      await handle.executeUpdate(rescheduleBookingUpdate, { args: [slotAfter(input, move % 2 === 0 ? 0 : 24)] });
    }
    await waitFor('a new run', async () => (await handle.describe()).runId !== firstRun);

    const carried = await handle.query(getBookingQuery);
    assert.deepEqual([carried.status, carried.revision, carried.payment.status], ['CONFIRMED', 8, 'PAID']);
    assert.equal((await world.liveHolds(input.bookingId)).length, 1);
    const cancelled = await client.workflow.getHandle(bookingWorkflowId(input.bookingId)).executeUpdate(cancelBookingUpdate, {
      args: [{ reason: null, actor: 'customer', refund: 'policy' }],
    });
    assert.deepEqual([cancelled.status, cancelled.payment.refundedCents], ['CANCELLED', 5000]);
    assert.deepEqual(await world.liveHolds(input.bookingId), [], 'the carried compensation stack released the hold');
    assert.deepEqual((await world.calendarEvents(input.bookingId)).map((event) => event.status), ['cancelled']);
  });

  it('keeps retrying a refund whose provider is down, shows it to operators, and finishes it when the provider returns', async () => {
    const input = aBookingInput(Date.now(), { hoursAhead: 72, latePaymentGraceMinutes: 0 });
    const handle = await bookAndPay(input);
    const providerDown = world.failWhen({ when: (call) => call.bookingId === input.bookingId && call.name === 'refundPayment' });

    const cancelled = await handle.executeUpdate(cancelBookingUpdate, { args: [{ reason: null, actor: 'customer', refund: 'policy' }] });
    assert.deepEqual([cancelled.status, cancelled.payment.status, cancelled.payment.refundedCents], ['CANCELLED', 'REFUND_PENDING', 0]);
    assert.deepEqual(cancelled.pendingUndos.map((pending) => [pending.name, pending.amountCents]), [['refund', 5000]]);
    assert.deepEqual(cancelled.attention, ['compensation-failing']);
    assert.deepEqual((await handle.describe()).typedSearchAttributes.get(BookingAttentionAttribute), ['compensation-failing']);
    assert.deepEqual(await world.liveHolds(input.bookingId), [], 'the undos after the failing one still ran');
    await waitFor('a retry', async () => world.callsOf(input.bookingId, 'refundPayment').length > 3);
    assert.equal((await handle.query(getBookingQuery)).status, 'CANCELLED');

    providerDown();
    const final = await handle.result();
    assert.deepEqual([final.payment.status, final.payment.refundedCents, final.pendingUndos, final.attention], ['REFUNDED', 5000, [], []]);
    assert.deepEqual((await world.refunds(input.bookingId)).map((refund) => refund.amountCents), [5000]);
    assert.ok(final.history.some((entry) => entry.event === 'compensation_failing'));
    assert.equal(final.history.at(-1)?.event, 'compensation_done');
  });

  it('refunds in full and ends CANCELLED when an operator cancels the workflow', async () => {
    const input = aBookingInput(Date.now(), { hoursAhead: 2 });
    const handle = await bookAndPay(input);

    await handle.cancel();
    const error = await handle.result().then(() => assert.fail('expected the workflow to end cancelled'), (err: unknown) => err);
    assert.ok(error instanceof WorkflowFailedError && error.cause instanceof CancelledFailure);
    assert.equal((await world.recordedEvents(input.bookingId)).at(-1), 'cancelled');
    assert.deepEqual((await world.refunds(input.bookingId)).map((refund) => refund.amountCents), [5000], 'in full, although inside the refund window');
    assert.deepEqual(await world.liveHolds(input.bookingId), []);
  });

  it('gives everything back when the booking cannot be confirmed, deleting by key an event whose creation was never reported', async () => {
    const input = aBookingInput(Date.now());
    const calendarLost = world.failWhen({
      when: (call) => call.bookingId === input.bookingId && call.name === 'createCalendarEvent',
      afterRunning: true,
      nonRetryableType: 'PROVIDER_REFUSED',
    });
    const { handle } = await create(input);
    await handle.signal(paymentSignal, await world.payLocally(input.bookingId));
    const cancelled = await waitForStatus(handle, 'CANCELLED');
    calendarLost();

    assert.equal(cancelled.calendarEventId, null);
    assert.deepEqual([cancelled.payment.refundedCents, cancelled.payment.status], [5000, 'REFUNDED']);
    assert.equal((await handle.query(getBookingQuery)).history.at(-1)?.event, 'confirmation_failed');
    assert.deepEqual(await world.liveHolds(input.bookingId), []);
    assert.deepEqual((await world.calendarEvents(input.bookingId)).map((event) => event.status), ['cancelled'], 'the event the provider made is gone');
  });

  it('closes by key a payment session whose creation was never reported, when the booking cannot be set up', async () => {
    const input = aBookingInput(Date.now());
    const lost = world.failWhen({
      when: (call) => call.bookingId === input.bookingId && call.name === 'createPaymentSession',
      afterRunning: true,
      nonRetryableType: 'PAYMENT_PROVIDER_REJECTED',
    });
    const failure = await failureOf(create(input));
    lost();

    assert.equal(failure.type, 'PAYMENT_PROVIDER_REJECTED');
    assert.equal(await world.sessionStatus(input.bookingId), 'expired');
    assert.deepEqual(await world.liveHolds(input.bookingId), []);
  });

  it('rejects a reschedule to a start in the past', async () => {
    const input = aBookingInput(Date.now());
    const { handle } = await create(input);
    const failure = await failureOf(handle.executeUpdate(rescheduleBookingUpdate, { args: [slotAfter(input, -100)] }));
    assert.equal(failure.type, 'INVALID_TRANSITION');
    await handle.terminate('test done');
  });
});

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`timed out waiting for ${what}`);
}

function waitForCall(world: ActivitiesWorld, bookingId: string, name: ActivityName): Promise<void> {
  return waitFor(`${name} to be called`, async () => world.callsOf(bookingId, name).length > 0, 10_000);
}

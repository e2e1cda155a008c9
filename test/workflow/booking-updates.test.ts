/**
 * Updates and update-with-start on the local dev server (the time-skipping server does not skip
 * time while an update waits): create, cancel, reschedule and no-show, with their validators.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client,
  Connection,
  WithStartWorkflowOperation,
  WorkflowFailedError,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import type { bookingWorkflow } from '../../workflows';
import { BookingResourceIdAttribute, BookingStartAttribute, BookingStatusAttribute, bookingWorkflowId, cancelBookingUpdate, createBookingUpdate, getBookingQuery, markNoShowUpdate, paymentSignal, rescheduleBookingUpdate, type BookingState, type BookingWorkflowInput } from '../../workflows/contract';
import { testEnv } from '../support/test-env';
import { bookingInput, newBookingId, paymentSucceeded } from './booking-fixtures';
import { createInMemoryWorld, type InMemoryWorld } from './in-memory-activities';
import { quietLogger } from './quiet-logger';

const taskQueue = `booking-updates-${process.pid}-${Date.now()}`;
const HOUR = 60 * 60 * 1000;

type BookingHandle = WorkflowHandle<typeof bookingWorkflow>;

describe('booking workflow updates (dev server)', () => {
  let client: Client;
  let connection: Connection;
  let nativeConnection: NativeConnection;
  let world: InMemoryWorld;
  let worker: Worker;
  let running: Promise<void>;
  const started: BookingHandle[] = [];

  before(async () => {
    const { temporalAddress } = testEnv();
    connection = await Connection.connect({ address: temporalAddress });
    client = new Client({ connection });
    nativeConnection = await NativeConnection.connect({ address: temporalAddress });
    world = createInMemoryWorld({ failCalendarFor: (bookingId) => bookingId.startsWith('calendar-down') });
    const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietLogger });
    worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle, activities: world.activities });
    running = worker.run();
  });

  after(async () => {
    // Bookings still waiting on timers would otherwise stay open on the shared server.
    await Promise.all(started.map((handle) => handle.terminate('test file done').catch(() => undefined)));
    worker?.shutdown();
    await running;
    await nativeConnection?.close();
    await connection?.close();
  });

  async function create(input: BookingWorkflowInput) {
    const startWorkflowOperation = new WithStartWorkflowOperation<typeof bookingWorkflow>('bookingWorkflow', {
      workflowId: bookingWorkflowId(input.bookingId),
      taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    const result = await client.workflow.executeUpdateWithStart(createBookingUpdate, { startWorkflowOperation });
    const handle: BookingHandle = await startWorkflowOperation.workflowHandle();
    started.push(handle);
    return { result, handle };
  }

  async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
    const error = await promise.then(
      () => assert.fail('expected the update to fail'),
      (err: unknown) => err,
    );
    assert.ok(error instanceof WorkflowUpdateFailedError, `expected WorkflowUpdateFailedError, got ${String(error)}`);
    assert.ok(error.cause instanceof ApplicationFailure, 'the update failed with an ApplicationFailure');
    return error.cause;
  }

  async function waitForStatus(handle: BookingHandle, status: BookingState['status']): Promise<BookingState> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const state = await handle.query(getBookingQuery);
      if (state.status === status) return state;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail(`booking never reached ${status}`);
  }

  it('creates a booking with update-with-start and answers with the checkout URL, the same on a repeat', async () => {
    const input = bookingInput(Date.now());
    const first = await create(input);
    assert.equal(first.result.booking.status, 'AWAITING_PAYMENT');
    assert.equal(first.result.checkoutUrl, `http://checkout.test/cs_${input.bookingId}`);

    const second = await create(input);
    assert.equal(second.handle.workflowId, first.handle.workflowId);
    assert.equal(second.result.booking.id, input.bookingId);
    assert.equal(second.result.booking.status, 'AWAITING_PAYMENT');
    assert.equal(second.result.checkoutUrl, first.result.checkoutUrl);
    assert.equal(world.callsOf(input.bookingId, 'holdSlot').length, 1, 'the repeat held nothing new');

    const { typedSearchAttributes } = await first.handle.describe();
    assert.equal(typedSearchAttributes.get(BookingStatusAttribute), 'AWAITING_PAYMENT');
    assert.equal(typedSearchAttributes.get(BookingResourceIdAttribute), input.resource.id);
    assert.equal(typedSearchAttributes.get(BookingStartAttribute)?.toISOString(), input.start);
    const recorded = world.transitions.filter((t) => t.booking.id === input.bookingId).map((t) => [t.seq, t.entry.event]);
    assert.deepEqual(recorded, [[0, 'created'], [1, 'payment_requested']]);
  });

  it('refuses a slot another booking holds with SLOT_UNAVAILABLE and ends the booking REJECTED', async () => {
    const taken = bookingInput(Date.now());
    await create(taken);
    const late = bookingInput(Date.now(), { resourceId: taken.resource.id });

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
    assert.deepEqual(world.activeHolds(late.bookingId), []);
  });

  it('refunds in full when a paid booking is cancelled more than the refund window ahead', async () => {
    const input = bookingInput(Date.now(), { hoursAhead: 72 });
    const { handle } = await create(input);
    await handle.signal(paymentSignal, paymentSucceeded(input.bookingId));
    await waitForStatus(handle, 'CONFIRMED');
    await waitForCall(world, input.bookingId, 'createCalendarEvent');

    const cancelled = await handle.executeUpdate(cancelBookingUpdate, {
      args: [{ reason: 'cannot make it', actor: 'customer', refund: 'policy' }],
    });

    assert.equal(cancelled.status, 'CANCELLED');
    assert.equal(cancelled.cancellationReason, 'cannot make it');
    assert.deepEqual([cancelled.payment.status, cancelled.payment.refundedCents], ['REFUNDED', 5000]);
    const [refund] = world.callsOf(input.bookingId, 'refundPayment');
    assert.equal((refund?.input as { idempotencyKey: string }).idempotencyKey, `${input.bookingId}:refund:cancel`);
    const undoOrder = world
      .callNames(input.bookingId)
      .filter((name) => ['deleteCalendarEvent', 'refundPayment', 'releaseHold'].includes(name));
    assert.deepEqual(undoOrder, ['deleteCalendarEvent', 'refundPayment', 'releaseHold']);
    assert.ok(world.notifications.has(`${input.bookingId}:cancellation`));
    assert.equal((await handle.describe()).typedSearchAttributes.get(BookingStatusAttribute), 'CANCELLED');
  });

  it('refunds nothing under the policy when cancelled inside the refund window', async () => {
    const input = bookingInput(Date.now(), { hoursAhead: 2 });
    const { handle } = await create(input);
    await handle.signal(paymentSignal, paymentSucceeded(input.bookingId));
    await waitForStatus(handle, 'CONFIRMED');

    const cancelled = await handle.executeUpdate(cancelBookingUpdate, { args: [{ reason: null, actor: 'customer', refund: 'policy' }] });
    assert.equal(cancelled.status, 'CANCELLED');
    assert.equal(cancelled.payment.refundedCents, 0);
    assert.equal(world.callsOf(input.bookingId, 'refundPayment').length, 0);
    assert.deepEqual(world.activeHolds(input.bookingId), []);
  });

  it('rejects cancelling an expired booking with INVALID_TRANSITION', async () => {
    const input = bookingInput(Date.now(), { service: { paymentWindowMinutes: 0.02 } });
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
      ...bookingInput(Date.now(), { service: { priceCents: 0 }, noShowGraceMinutes: 5 }),
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
    assert.equal(noShow.history.at(-1)?.actor, 'admin');
    const final = await handle.result();
    assert.equal(final.status, 'NO_SHOW');
    assert.ok(world.transitions.some((t) => t.booking.id === input.bookingId && t.entry.event === 'marked_no_show'));
  });

  it('reschedules by holding the new slot before releasing the old one', async () => {
    const input = bookingInput(Date.now(), { service: { priceCents: 0 } });
    const { handle } = await create(input);
    await waitForCall(world, input.bookingId, 'createCalendarEvent');
    const newStart = Date.parse(input.start) + 24 * HOUR;

    const moved = await handle.executeUpdate(rescheduleBookingUpdate, {
      args: [{ start: new Date(newStart).toISOString(), end: new Date(newStart + HOUR).toISOString(), actor: 'customer' }],
    });

    assert.deepEqual([moved.status, moved.revision, moved.start], ['CONFIRMED', 1, new Date(newStart).toISOString()]);
    assert.equal(moved.history.at(-1)?.event, 'rescheduled');
    const steps = world.calls
      .filter((call) => call.bookingId === input.bookingId && ['holdSlot', 'confirmHold', 'moveCalendarEvent', 'releaseHold'].includes(call.name))
      .map((call) => `${call.name}${(call.input as { holdKey?: string }).holdKey?.replace(`${input.bookingId}:hold:`, ' ') ?? ''}`);
    assert.deepEqual(steps, ['holdSlot r0', 'confirmHold r0', 'holdSlot r1', 'confirmHold r1', 'moveCalendarEvent', 'releaseHold r0']);
    assert.deepEqual(world.activeHolds(input.bookingId).map((hold) => hold.holdKey), [`${input.bookingId}:hold:r1`]);
    assert.ok(world.notifications.has(`${input.bookingId}:rescheduled-r1`));
    assert.equal((await handle.describe()).typedSearchAttributes.get(BookingStartAttribute)?.getTime(), newStart);
    await handle.terminate('test done');
  });

  it('moves an unpaid booking without confirming the new hold, and cancelling it expires the checkout', async () => {
    const input = bookingInput(Date.now());
    const { handle } = await create(input);
    const newStart = Date.parse(input.start) + 2 * HOUR;

    const moved = await handle.executeUpdate(rescheduleBookingUpdate, {
      args: [{ start: new Date(newStart).toISOString(), end: new Date(newStart + HOUR).toISOString(), actor: 'customer' }],
    });
    assert.deepEqual([moved.status, moved.revision], ['AWAITING_PAYMENT', 1]);
    assert.equal(world.callsOf(input.bookingId, 'confirmHold').length, 0);

    const cancelled = await handle.executeUpdate(cancelBookingUpdate, { args: [{ reason: null, actor: 'customer', refund: 'policy' }] });
    assert.deepEqual([cancelled.status, cancelled.payment.status], ['CANCELLED', 'EXPIRED']);
    assert.equal(world.callsOf(input.bookingId, 'expirePaymentSession').length, 1);
    assert.equal(world.callsOf(input.bookingId, 'refundPayment').length, 0);
    assert.deepEqual(world.activeHolds(input.bookingId), []);
  });

  it('leaves the booking unchanged when the new slot is taken', async () => {
    const input = bookingInput(Date.now(), { service: { priceCents: 0 } });
    const { handle } = await create(input);
    const other = bookingInput(Date.now(), { hoursAhead: 96, resourceId: input.resource.id, service: { priceCents: 0 } });
    await create(other);
    const before = await handle.query(getBookingQuery);

    const failure = await failureOf(
      handle.executeUpdate(rescheduleBookingUpdate, { args: [{ start: other.start, end: other.end, actor: 'customer' }] }),
    );

    assert.equal(failure.type, 'SLOT_UNAVAILABLE');
    const after = await handle.query(getBookingQuery);
    assert.deepEqual([after.start, after.revision, after.history.length], [before.start, before.revision, before.history.length]);
    assert.deepEqual(world.activeHolds(input.bookingId).map((hold) => hold.holdKey), [`${input.bookingId}:hold:r0`]);
    await Promise.all([handle.terminate('test done'), client.workflow.getHandle(bookingWorkflowId(other.bookingId)).terminate('test done')]);
  });

  it('refunds in full and ends CANCELLED when an operator cancels the workflow', async () => {
    const input = bookingInput(Date.now(), { hoursAhead: 2 });
    const { handle } = await create(input);
    await handle.signal(paymentSignal, paymentSucceeded(input.bookingId));
    await waitForStatus(handle, 'CONFIRMED');
    await waitForCall(world, input.bookingId, 'createCalendarEvent');

    await handle.cancel();
    const error = await handle.result().then(() => assert.fail('expected the workflow to end cancelled'), (err: unknown) => err);
    assert.ok(error instanceof WorkflowFailedError && error.cause instanceof CancelledFailure);
    const last = world.transitions.filter((t) => t.booking.id === input.bookingId).at(-1);
    assert.deepEqual([last?.entry.status, last?.entry.actor], ['CANCELLED', 'operator']);
    assert.equal(last?.booking.payment.refundedCents, 5000, 'in full, although inside the refund window');
    assert.deepEqual(world.activeHolds(input.bookingId), []);
  });

  it('gives everything back when the booking cannot be confirmed', async () => {
    const input = bookingInput(Date.now(), { id: newBookingId('calendar-down') });
    const { handle } = await create(input);
    await handle.signal(paymentSignal, paymentSucceeded(input.bookingId));
    const cancelled = await waitForStatus(handle, 'CANCELLED');

    assert.equal(cancelled.history.at(-1)?.event, 'confirmation_failed');
    assert.equal(cancelled.payment.refundedCents, 5000);
    assert.deepEqual(world.activeHolds(input.bookingId), []);
  });

  it('rejects a reschedule to a start in the past', async () => {
    const input = bookingInput(Date.now());
    const { handle } = await create(input);
    const past = Date.now() - HOUR;
    const failure = await failureOf(
      handle.executeUpdate(rescheduleBookingUpdate, {
        args: [{ start: new Date(past).toISOString(), end: new Date(past + HOUR).toISOString(), actor: 'customer' }],
      }),
    );
    assert.equal(failure.type, 'INVALID_TRANSITION');
    await handle.terminate('test done');
  });
});

async function waitForCall(world: InMemoryWorld, bookingId: string, name: Parameters<InMemoryWorld['callsOf']>[1]): Promise<void> {
  for (let attempt = 0; attempt < 100 && world.callsOf(bookingId, name).length === 0; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(world.callsOf(bookingId, name).length > 0, `${name} was called`);
}

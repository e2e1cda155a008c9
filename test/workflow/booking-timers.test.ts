/**
 * The timer paths of the booking workflow on the time-skipping test server: the payment deadline,
 * reminders, completion and the late-payment window. Signals only: this server does not skip time
 * while an update waits.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap, Worker } from '@temporalio/worker';
import { BOOKING_SEARCH_ATTRIBUTES, bookingWorkflowId, getBookingQuery, latePaymentWorkflowId, paymentSignal, type BookingWorkflowInput } from '../../workflows/contract';
import type { bookingWorkflow, latePaymentRefundWorkflow } from '../../workflows';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { bookingInput, paymentSucceeded } from './booking-fixtures';
import { createInMemoryWorld, type InMemoryWorld } from './in-memory-activities';
import { quietLogger } from './quiet-logger';
import { testEnv } from '../support/test-env';

const taskQueue = `booking-timers-${process.pid}`;
const MINUTE = 60_000;

describe('booking workflow timers (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let world: InMemoryWorld;
  let worker: Worker;
  let running: Promise<void>;

  before(async () => {
    const path = testEnv().testServerPath;
    env = await TestWorkflowEnvironment.createTimeSkipping(
      path ? { server: { executable: { type: 'existing-path', path } } } : {},
    );
    // The test server knows no custom search attributes until told, and fails every upsert of one.
    await env.connection.operatorService.addSearchAttributes({
      namespace: env.namespace ?? 'default',
      searchAttributes: Object.fromEntries(
        BOOKING_SEARCH_ATTRIBUTES.map(({ name, type }) => [name, encodeSearchAttributeIndexedValueType(type)!]),
      ),
    });
    const bundle: WorkflowBundleWithSourceMap = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietLogger });
    world = createInMemoryWorld();
    worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: world.activities });
    running = worker.run();
  });

  after(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  const start = (input: BookingWorkflowInput) =>
    env.client.workflow.start<typeof bookingWorkflow>('bookingWorkflow', { taskQueue, workflowId: bookingWorkflowId(input.bookingId), args: [input] });

  const serverNow = async (): Promise<number> => (await env.currentTimeMs()) as unknown as number;

  it('expires an unpaid booking at the payment deadline, releasing the hold and the checkout session', async () => {
    const input = bookingInput(await serverNow());
    const handle = await start(input);
    const final = await handle.result();

    assert.equal(final.status, 'EXPIRED');
    assert.equal(final.payment.status, 'EXPIRED');
    assert.deepEqual(world.activeHolds(input.bookingId), []);
    assert.equal(world.callsOf(input.bookingId, 'expirePaymentSession').length, 1);
    assert.ok(world.notifications.has(`${input.bookingId}:expired`));
    const expiredAt = Date.parse(final.history.at(-1)!.at);
    assert.ok(expiredAt >= Date.parse(final.createdAt) + 30 * MINUTE, 'expired no earlier than the 30-minute window');
    assert.deepEqual(final.history.map((entry) => entry.status), ['PENDING', 'AWAITING_PAYMENT', 'EXPIRED']);
  });

  it('confirms a free booking at once, sends each reminder on time, and completes it after the end', async () => {
    const input = bookingInput(await serverNow(), { service: { priceCents: 0 } });
    const handle = await start(input);
    const final = await handle.result();

    assert.equal(final.status, 'COMPLETED');
    assert.deepEqual(final.history.map((entry) => entry.event), ['created', 'no_payment_needed', 'appointment_over']);
    const startMs = Date.parse(input.start);
    for (const offset of [1440, 60]) {
      const reminder = world.notifications.get(`${input.bookingId}:reminder-${offset}m-r0`);
      assert.ok(reminder, `reminder ${offset} minutes ahead was sent`);
      const due = startMs - offset * MINUTE;
      assert.ok(reminder.at >= due && reminder.at < due + MINUTE, `reminder ${offset}m sent at its due time`);
    }
    assert.ok(Date.parse(final.history.at(-1)!.at) >= Date.parse(input.end), 'completed after the end');
    assert.ok(world.notifications.has(`${input.bookingId}:confirmation`));
    assert.equal(world.callsOf(input.bookingId, 'confirmHold').length, 1);
    assert.equal(world.callsOf(input.bookingId, 'createCalendarEvent').length, 1);
  });

  it('confirms a paid booking when the payment signal arrives, then reminds and completes', async () => {
    const input = bookingInput(await serverNow());
    const handle = await start(input);
    await handle.signal(paymentSignal, paymentSucceeded(input.bookingId));
    await handle.signal(paymentSignal, paymentSucceeded(input.bookingId));
    const final = await handle.result();

    assert.equal(final.status, 'COMPLETED');
    assert.equal(final.payment.status, 'PAID');
    assert.equal(final.payment.paymentId, `pi_${input.bookingId}`);
    assert.deepEqual(final.history.map((entry) => entry.status), ['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED', 'COMPLETED']);
    assert.ok(world.notifications.has(`${input.bookingId}:reminder-1440m-r0`));
    assert.ok(world.notifications.has(`${input.bookingId}:reminder-60m-r0`));
    assert.equal(world.callsOf(input.bookingId, 'refundPayment').length, 0, 'the duplicate event changed nothing');
    assert.equal(world.callsOf(input.bookingId, 'expirePaymentSession').length, 0);
  });

  it('refunds a payment that arrives after the booking expired', async () => {
    const input = bookingInput(await serverNow());
    const handle = await start(input);
    await env.sleep(31 * MINUTE);
    assert.equal((await handle.query(getBookingQuery)).status, 'EXPIRED');

    await handle.signal(paymentSignal, paymentSucceeded(input.bookingId, 'pi_late'));
    const final = await handle.result();

    assert.equal(final.status, 'EXPIRED');
    const [refund] = world.callsOf(input.bookingId, 'refundPayment');
    assert.deepEqual(
      { key: (refund?.input as { idempotencyKey: string }).idempotencyKey, amount: (refund?.input as { amountCents: number }).amountCents },
      { key: `${input.bookingId}:refund:late:pi_late`, amount: 5000 },
    );
    assert.equal(final.history.at(-1)!.event, 'late_payment_refunded');
  });

  it('refunds a payment of the wrong amount and still confirms when the right one follows', async () => {
    const input = bookingInput(await serverNow());
    const handle = await start(input);
    await handle.signal(paymentSignal, { ...paymentSucceeded(input.bookingId, 'pi_short'), amountCents: 100 });
    await handle.signal(paymentSignal, paymentSucceeded(input.bookingId, 'pi_right'));
    const final = await handle.result();

    assert.equal(final.status, 'COMPLETED');
    assert.equal(final.payment.paymentId, 'pi_right');
    const refunds = world.callsOf(input.bookingId, 'refundPayment').map((c) => c.input as { paymentId: string; amountCents: number });
    assert.deepEqual(refunds.map(({ paymentId, amountCents }) => ({ paymentId, amountCents })), [{ paymentId: 'pi_short', amountCents: 100 }]);
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
    const input = { bookingId: 'closed-booking', provider: 'local', paymentId: 'pi_after_close', amountCents: 5000, currency: 'CHF' };
    const refund = await env.client.workflow.execute<typeof latePaymentRefundWorkflow>('latePaymentRefundWorkflow', {
      taskQueue,
      workflowId: latePaymentWorkflowId(input.provider, input.paymentId),
      args: [input],
    });
    assert.equal(refund.amountCents, 5000);
    const [call] = world.callsOf(input.bookingId, 'refundPayment');
    assert.equal((call?.input as { idempotencyKey: string }).idempotencyKey, 'closed-booking:refund:late:pi_after_close');
  });

  it('ends PAYMENT_FAILED after three declined attempts and frees the slot', async () => {
    const input = bookingInput(await serverNow());
    const handle = await start(input);
    for (const attempt of [1, 2, 3]) {
      await handle.signal(paymentSignal, { ...paymentSucceeded(input.bookingId), kind: 'failed', paymentId: null, eventId: `decline-${attempt}` });
    }
    const final = await handle.result();
    assert.equal(final.status, 'PAYMENT_FAILED');
    assert.equal(final.payment.failedAttempts, 3);
    assert.deepEqual(world.activeHolds(input.bookingId), []);
    assert.equal(world.callsOf(input.bookingId, 'expirePaymentSession').length, 1);
  });
});

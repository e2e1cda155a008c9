/**
 * Messages are delivered off the booking's path, by a delivery workflow of their own, over the real
 * activities and the run's PostgreSQL: a provider outage longer than any fixed retry budget delays a
 * message but never loses it or sends it twice, and never holds up the booking.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { bookingWorkflow, messageDeliveryWorkflow } from '../../workflows';
import {
  bookingWorkflowId,
  cancelBookingUpdate,
  getBookingQuery,
  MessageStep,
  messageDeliveryWorkflowId,
  paymentSignal,
  type BookingWorkflowInput,
} from '../../workflows/contract';
import { aBookingInput } from '../support/fixtures';
import { startBooking, type BookingHandle } from '../support/start-booking';
import { startDevServerWorld, type DevServerWorld } from './dev-server-world';
import { startTimeSkippingWorld, type TimeSkippingWorld } from './time-skipping-world';
import type { ActivitiesWorld, RecordedCall } from './activities-world';

/** The message step's attempts of sendNotification for a booking. */
const isSendOf = (bookingId: string, step: string) => (call: RecordedCall) =>
  call.bookingId === bookingId && call.name === 'sendNotification' && call.input.key === step;

const countOf = (values: string[], value: string) => values.filter((candidate) => candidate === value).length;

describe('message delivery through a long provider outage (time-skipping server)', () => {
  const taskQueue = `message-outage-${process.pid}`;
  let skipping: TimeSkippingWorld;
  let env: TestWorkflowEnvironment;
  let world: ActivitiesWorld;

  before(async () => {
    skipping = await startTimeSkippingWorld(taskQueue);
    ({ env, world } = skipping);
  });

  after(() => skipping?.stop());

  it('delivers the confirmation once after 15 failed attempts, while the booking went on to its reminders and completion', async () => {
    const input = aBookingInput((await env.currentTimeMs()) as unknown as number, { service: { priceCents: 0 } });
    const step = MessageStep.confirmation();
    // The mail provider is down for the confirmation's first 15 attempts: more than the old 10-attempt budget, and over half an hour of backoff.
    let failures = 0;
    world.failWhen({ when: (call) => isSendOf(input.bookingId, step)(call) && failures++ < 15 });

    const booking = await env.client.workflow.start<typeof bookingWorkflow>('bookingWorkflow', {
      taskQueue,
      workflowId: bookingWorkflowId(input.bookingId),
      args: [input],
    });
    const final = await booking.result();
    assert.equal(final.status, 'COMPLETED');
    await waitFor('the confirmation to go out', async () => (await world.sentMessages(input.bookingId)).includes(step), 30_000);

    const sent = await world.sentMessages(input.bookingId);
    assert.equal(countOf(sent, step), 1, 'the confirmation went out exactly once');
    assert.ok(sent.includes('reminder-60m-r0'), 'the reminders went out meanwhile');
    assert.equal(world.calls.filter(isSendOf(input.bookingId, step)).length, 16, '15 failed attempts, then the one that went out');
    const delivery = await env.client.workflow.getHandle<typeof messageDeliveryWorkflow>(messageDeliveryWorkflowId(input.bookingId, step)).result();
    assert.deepEqual([delivery.outcome, delivery.sent], ['sent', ['email']]);
  });
});

describe('message delivery off the booking’s path (dev server)', () => {
  const taskQueue = `message-delivery-${process.pid}-${Date.now()}`;
  let dev: DevServerWorld;
  let client: Client;
  let world: ActivitiesWorld;

  before(async () => {
    dev = await startDevServerWorld(taskQueue);
    ({ client, world } = dev);
  });

  after(() => dev?.stop());

  async function bookAndPay(input: BookingWorkflowInput): Promise<BookingHandle> {
    const { handle } = await startBooking(client, taskQueue, input);
    dev.track(handle);
    await handle.signal(paymentSignal, await world.payLocally(input.bookingId));
    await waitFor('the confirmation', async () => (await world.sentMessages(input.bookingId)).includes(MessageStep.confirmation()));
    assert.equal((await handle.query(getBookingQuery)).status, 'CONFIRMED');
    return handle;
  }

  it('answers a cancellation while the mail provider is down, and sends the cancellation once it is back', async () => {
    const input = aBookingInput(Date.now(), { hoursAhead: 72, latePaymentGraceMinutes: 0 });
    const handle = await bookAndPay(input);
    const step = MessageStep.cancellation();
    const providerDown = world.failWhen({ when: isSendOf(input.bookingId, step) });

    // The provider comes back only after the update answered: the answer cannot have waited for it.
    const cancelled = await handle.executeUpdate(cancelBookingUpdate, { args: [{ reason: 'cannot make it', actor: 'customer', refund: 'policy' }] });
    assert.deepEqual([cancelled.status, cancelled.payment.refundedCents], ['CANCELLED', 5000]);
    await waitFor('a retried attempt', async () => world.calls.filter(isSendOf(input.bookingId, step)).length >= 2);
    assert.equal(countOf(await world.sentMessages(input.bookingId), step), 0, 'not sent while the provider is down');
    assert.equal((await handle.result()).status, 'CANCELLED', 'the booking closed without waiting for its message');

    providerDown();
    await waitFor('the cancellation to go out', async () => (await world.sentMessages(input.bookingId)).includes(step), 20_000);
    const delivery = await client.workflow.getHandle<typeof messageDeliveryWorkflow>(messageDeliveryWorkflowId(input.bookingId, step)).result();
    assert.deepEqual([delivery.outcome, delivery.sent], ['sent', ['email']]);
    assert.equal(countOf(await world.sentMessages(input.bookingId), step), 1, 'the cancellation went out exactly once');
  });

  it('does not send a delayed confirmation once the booking was cancelled, and still sends the cancellation', async () => {
    const input = aBookingInput(Date.now(), { hoursAhead: 72, service: { priceCents: 0 } });
    const confirmation = MessageStep.confirmation();
    const providerDown = world.failWhen({ when: isSendOf(input.bookingId, confirmation) });
    const { handle } = await startBooking(client, taskQueue, input);
    dev.track(handle);
    await waitFor('a failed confirmation attempt', async () => world.calls.some(isSendOf(input.bookingId, confirmation)));

    const cancelled = await handle.executeUpdate(cancelBookingUpdate, { args: [{ reason: null, actor: 'customer', refund: 'policy' }] });
    assert.equal(cancelled.status, 'CANCELLED');
    providerDown();
    const delivery = await client.workflow.getHandle<typeof messageDeliveryWorkflow>(messageDeliveryWorkflowId(input.bookingId, confirmation)).result();

    assert.equal(delivery.outcome, 'superseded');
    await waitFor('the cancellation', async () => (await world.sentMessages(input.bookingId)).includes(MessageStep.cancellation()));
    assert.deepEqual(await world.sentMessages(input.bookingId), [MessageStep.cancellation()]);
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

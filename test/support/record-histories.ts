/**
 * Records the histories that test/workflow/replay.test.ts replays: representative bookings run against
 * a dev server and PostgreSQL started here, on the real activities. Histories already in
 * test/histories/ are the running bookings of our users: this script never overwrites one. It writes
 * only the scenarios whose file does not exist yet, so a release adds its histories next to the old.
 */
import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { createStopStack } from '../../src/dev/stop-stack';
import { createLogger } from '../../src/logging/logger';
import {
  cancelBookingUpdate,
  paymentSignal,
  rescheduleBookingUpdate,
  type BookingWorkflowInput,
} from '../../workflows/contract';
import { createActivitiesWorld, type ActivitiesWorld } from '../workflow/activities-world';
import { aBookingInput } from './fixtures';
import { startBooking } from './start-booking';
import { startTestServers } from './test-servers';

const HISTORY_DIR = join(__dirname, '..', 'histories');
const taskQueue = `record-histories-${process.pid}`;
const SECOND = 1000;
const HOUR = 3600 * SECOND;
// Grace periods in seconds, written as minutes: the recorded bookings finish in a few seconds.
const seconds = (value: number) => value / 60;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `id` makes a booking id unique per run; returns the workflow id and, for a continued booking, the run to record. */
type Scenario = (client: Client, world: ActivitiesWorld, id: (base: string) => string) => Promise<{ workflowId: string; runId?: string }>;

async function createBooking(client: Client, input: BookingWorkflowInput) {
  return (await startBooking(client, taskQueue, input)).handle;
}

const slotAfter = (input: BookingWorkflowInput, hours: number, actor: 'customer' | 'admin' = 'customer') => {
  const start = Date.parse(input.start) + hours * HOUR;
  return { start: new Date(start).toISOString(), end: new Date(start + HOUR).toISOString(), actor };
};

const scenarios: Record<string, Scenario> = {
  // Paid, reminded 3 s ahead, completed at its end, and closed after the no-show grace period.
  'v2-paid-confirmed-completed': async (client, world, id) => {
    const start = Date.now() + 6 * SECOND;
    const input: BookingWorkflowInput = {
      ...aBookingInput(Date.now(), { id: id('history-v2-paid'), service: { reminderOffsetsMinutes: [seconds(3)] }, noShowGraceMinutes: seconds(2) }),
      start: new Date(start).toISOString(),
      end: new Date(start + 2 * SECOND).toISOString(),
    };
    const handle = await createBooking(client, input);
    await handle.signal(paymentSignal, await world.payLocally(input.bookingId));
    await handle.result();
    return { workflowId: handle.workflowId };
  },
  // Unpaid at the deadline; a payment arriving afterwards is refunded.
  'v2-expired-late-payment': async (client, world, id) => {
    const input = aBookingInput(Date.now(), { id: id('history-v2-expired'), service: { paymentWindowMinutes: seconds(2) }, latePaymentGraceMinutes: seconds(3) });
    const handle = await createBooking(client, input);
    await pause(3 * SECOND);
    await handle.signal(paymentSignal, await world.payLocally(input.bookingId));
    await handle.result();
    return { workflowId: handle.workflowId };
  },
  // The webhook never arrived: the deadline finds the session paid and keeps the booking; then cancelled.
  'v2-paid-found-at-deadline': async (client, world, id) => {
    const input = aBookingInput(Date.now(), { id: id('history-v2-found'), hoursAhead: 72, service: { paymentWindowMinutes: seconds(2) }, latePaymentGraceMinutes: 0 });
    const handle = await createBooking(client, input);
    await world.payLocally(input.bookingId);
    await pause(4 * SECOND);
    await handle.executeUpdate(cancelBookingUpdate, { args: [{ reason: null, actor: 'customer', refund: 'policy' }] });
    await handle.result();
    return { workflowId: handle.workflowId };
  },
  'v2-cancelled-with-refund': async (client, world, id) => {
    const input = aBookingInput(Date.now(), { id: id('history-v2-cancelled'), hoursAhead: 72, latePaymentGraceMinutes: seconds(1) });
    const handle = await createBooking(client, input);
    await handle.signal(paymentSignal, await world.payLocally(input.bookingId));
    await pause(2 * SECOND);
    await handle.executeUpdate(cancelBookingUpdate, { args: [{ reason: 'cannot make it', actor: 'customer', refund: 'policy' }] });
    await handle.result();
    return { workflowId: handle.workflowId };
  },
  // Cancelled with a refund that the provider then reports failed (and, late, succeeded): made again under a new key (patch refund-ledger).
  'v2-refund-failed-remade': async (client, world, id) => {
    const input = aBookingInput(Date.now(), { id: id('history-v2-refund-failed'), hoursAhead: 72, latePaymentGraceMinutes: seconds(3) });
    const handle = await createBooking(client, input);
    await handle.signal(paymentSignal, await world.payLocally(input.bookingId));
    await pause(2 * SECOND);
    await handle.executeUpdate(cancelBookingUpdate, { args: [{ reason: 'cannot make it', actor: 'customer', refund: 'policy' }] });
    const failed = await world.failRefund(`${input.bookingId}:refund:cancel`);
    const report = (state: 'failed' | 'succeeded', eventId: string) => ({
      eventId,
      kind: state === 'failed' ? ('refund_failed' as const) : ('refunded' as const),
      provider: 'local',
      sessionId: null,
      paymentId: failed.paymentId,
      amountCents: failed.amountCents,
      currency: 'CHF',
      refund: { refundId: failed.refundId, amountCents: failed.amountCents, state, byBooking: true },
      ...(state === 'failed' ? { reason: 'expired_or_canceled_card' } : {}),
    });
    await handle.signal(paymentSignal, report('failed', `evt_${failed.refundId}_failed`));
    await handle.signal(paymentSignal, report('succeeded', `evt_${failed.refundId}_stale`));
    await handle.result();
    return { workflowId: handle.workflowId };
  },
  // A reschedule whose calendar move fails (the booking stays), one that succeeds, then an admin cancels.
  'v2-rescheduled': async (client, world, id) => {
    const input = aBookingInput(Date.now(), { id: id('history-v2-rescheduled'), service: { priceCents: 0 }, latePaymentGraceMinutes: seconds(1) });
    const handle = await createBooking(client, input);
    await pause(SECOND);
    const calendarDown = world.failWhen({ when: (call) => call.bookingId === input.bookingId && call.name === 'moveCalendarEvent', nonRetryableType: 'PROVIDER_REFUSED' });
    await handle.executeUpdate(rescheduleBookingUpdate, { args: [slotAfter(input, 24)] }).catch(() => undefined);
    calendarDown();
    await handle.executeUpdate(rescheduleBookingUpdate, { args: [slotAfter(input, 24)] });
    await handle.executeUpdate(cancelBookingUpdate, { args: [{ reason: null, actor: 'admin', refund: 'none' }] });
    await handle.result();
    return { workflowId: handle.workflowId };
  },
  // The refund provider is down at the cancellation: the refund stays pending, is retried, and succeeds.
  'v2-refund-retried': async (client, world, id) => {
    const input = aBookingInput(Date.now(), { id: id('history-v2-retried'), hoursAhead: 72, latePaymentGraceMinutes: 0 });
    const handle = await createBooking(client, input);
    await handle.signal(paymentSignal, await world.payLocally(input.bookingId));
    await pause(2 * SECOND);
    const providerDown = world.failWhen({ when: (call) => call.bookingId === input.bookingId && call.name === 'refundPayment' });
    await handle.executeUpdate(cancelBookingUpdate, { args: [{ reason: null, actor: 'customer', refund: 'policy' }] });
    await pause(6 * SECOND);
    providerDown();
    await handle.result();
    return { workflowId: handle.workflowId };
  },
  // Messages handed to delivery workflows (patch message-delivery-workflow): confirmed, rescheduled, then
  // cancelled while the mail provider is down; the cancellation answers at once and its message goes out later.
  'v2-messages-by-workflow': async (client, world, id) => {
    const input = aBookingInput(Date.now(), { id: id('history-v2-messages'), hoursAhead: 72, latePaymentGraceMinutes: seconds(1) });
    const handle = await createBooking(client, input);
    await handle.signal(paymentSignal, await world.payLocally(input.bookingId));
    await pause(2 * SECOND);
    await handle.executeUpdate(rescheduleBookingUpdate, { args: [slotAfter(input, 24)] });
    const mailDown = world.failWhen({ when: (call) => call.bookingId === input.bookingId && call.name === 'sendNotification' && call.input.key === 'cancellation' });
    await handle.executeUpdate(cancelBookingUpdate, { args: [{ reason: null, actor: 'customer', refund: 'policy' }] });
    await pause(3 * SECOND);
    mailDown();
    await handle.result();
    return { workflowId: handle.workflowId };
  },
  // A booking whose history grew past its limit: the first run, which ends by continuing as new.
  'v2-continued-as-new': async (client, world, id) => {
    const input = aBookingInput(Date.now(), { id: id('history-v2-continued'), hoursAhead: 72, continueAsNewAfterEvents: 40, service: { priceCents: 0, maxReschedules: 10 } });
    const handle = await createBooking(client, input);
    const firstRun = (await handle.describe()).runId;
    for (let move = 1; move <= 5; move++) await handle.executeUpdate(rescheduleBookingUpdate, { args: [slotAfter(input, move % 2 === 0 ? 0 : 24)] });
    await pause(2 * SECOND);
    await client.workflow.getHandle(handle.workflowId).terminate('recorded');
    return { workflowId: handle.workflowId, runId: firstRun };
  },
};

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}

async function main(): Promise<void> {
  const logger = createLogger('warn');
  const stack = createStopStack(logger);
  try {
    Object.assign(process.env, await startTestServers(stack, logger));
    const address = process.env.TEST_TEMPORAL_ADDRESS as string;
    const connection = await Connection.connect({ address });
    stack.push('client connection', () => connection.close());
    const nativeConnection = await NativeConnection.connect({ address });
    stack.push('worker connection', () => nativeConnection.close());
    const client = new Client({ connection });
    const world = createActivitiesWorld();
    stack.push('activities world', () => world.close());
    const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows') });
    const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle, activities: world.activities });
    const suffix = `-${Date.now().toString(36)}`;
    await mkdir(HISTORY_DIR, { recursive: true });
    const todo: Array<[string, Scenario]> = [];
    for (const [name, scenario] of Object.entries(scenarios)) {
      if (await exists(join(HISTORY_DIR, `${name}.json`))) console.log(`kept ${name}.json: a committed history is never re-recorded`);
      else todo.push([name, scenario]);
    }
    await worker.runUntil(
      Promise.all(
        todo.map(async ([name, scenario]) => {
          const { workflowId, runId } = await scenario(client, world, (base) => `${base}${suffix}`);
          const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
          // The SDK's proto JSON: the format `temporal workflow show -o json` and the Web UI export too.
          await writeFile(join(HISTORY_DIR, `${name}.json`), `${historyToJSON(history)}\n`);
          console.log(`recorded ${name} (${history.events?.length ?? 0} events) from ${workflowId}`);
        }),
      ),
    );
  } finally {
    await stack.stopAll();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

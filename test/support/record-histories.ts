/**
 * Records the histories that test/workflow/replay.test.ts replays: a few representative bookings run
 * against a dev server (TEST_TEMPORAL_ADDRESS, or one started here) with in-memory activities.
 * Re-run (`npm run history:record`) only for a deliberate, `patched()` change of the workflow.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { resolveTemporalCli } from '../../src/dev/binaries/temporal-binaries';
import { startTemporalDevServer } from '../../src/dev/temporal-dev-server';
import { createLogger } from '../../src/logging/logger';
import type { bookingWorkflow } from '../../workflows';
import { bookingWorkflowId, cancelBookingUpdate, createBookingUpdate, paymentSignal, rescheduleBookingUpdate, type BookingWorkflowInput } from '../../workflows/contract';
import { bookingInput, paymentSucceeded } from '../workflow/booking-fixtures';
import { createInMemoryWorld } from '../workflow/in-memory-activities';
import { freePort } from './test-env';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

const HISTORY_DIR = join(__dirname, '..', 'histories');
const taskQueue = `record-histories-${process.pid}`;
const SECOND = 1000;
const HOUR = 3600 * SECOND;
// Grace periods in seconds, written as minutes: the recorded bookings finish in a few seconds.
const seconds = (value: number) => value / 60;

/** `id` makes a booking id unique per run, so recording twice against one server never reuses a workflow id. */
type Scenario = (client: Client, id: (base: string) => string) => Promise<string>;

async function createBooking(client: Client, input: BookingWorkflowInput) {
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof bookingWorkflow>('bookingWorkflow', {
    workflowId: bookingWorkflowId(input.bookingId),
    taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  await client.workflow.executeUpdateWithStart(createBookingUpdate, { startWorkflowOperation });
  return startWorkflowOperation.workflowHandle();
}

const scenarios: Record<string, Scenario> = {
  // Paid, reminded 3 s ahead, completed at its end, and closed after the no-show grace period.
  'paid-confirmed-completed': async (client, id) => {
    const start = Date.now() + 6 * SECOND;
    const input: BookingWorkflowInput = {
      ...bookingInput(Date.now(), { id: id('history-paid'), service: { reminderOffsetsMinutes: [seconds(3)] }, noShowGraceMinutes: seconds(2) }),
      start: new Date(start).toISOString(),
      end: new Date(start + 2 * SECOND).toISOString(),
    };
    const handle = await createBooking(client, input);
    await handle.signal(paymentSignal, paymentSucceeded(input.bookingId));
    await handle.result();
    return handle.workflowId;
  },
  // Unpaid at the deadline; a payment arriving afterwards is refunded.
  expired: async (client, id) => {
    const input = bookingInput(Date.now(), {
      id: id('history-expired'),
      service: { paymentWindowMinutes: seconds(2) },
      latePaymentGraceMinutes: seconds(3),
    });
    const handle = await createBooking(client, input);
    await new Promise((resolve) => setTimeout(resolve, 3 * SECOND));
    await handle.signal(paymentSignal, paymentSucceeded(input.bookingId, 'pi_late'));
    await handle.result();
    return handle.workflowId;
  },
  'cancelled-with-refund': async (client, id) => {
    const input = bookingInput(Date.now(), { id: id('history-cancelled'), hoursAhead: 72, latePaymentGraceMinutes: seconds(1) });
    const handle = await createBooking(client, input);
    await handle.signal(paymentSignal, paymentSucceeded(input.bookingId));
    await new Promise((resolve) => setTimeout(resolve, 2 * SECOND));
    await handle.executeUpdate(cancelBookingUpdate, { args: [{ reason: 'cannot make it', actor: 'customer', refund: 'policy' }] });
    await handle.result();
    return handle.workflowId;
  },
  // Rescheduled a day later (new hold before the old is released), then cancelled by an admin.
  rescheduled: async (client, id) => {
    const input = bookingInput(Date.now(), { id: id('history-rescheduled'), service: { priceCents: 0 }, latePaymentGraceMinutes: seconds(1) });
    const handle = await createBooking(client, input);
    const newStart = Date.parse(input.start) + 24 * HOUR;
    await handle.executeUpdate(rescheduleBookingUpdate, {
      args: [{ start: new Date(newStart).toISOString(), end: new Date(newStart + HOUR).toISOString(), actor: 'customer' }],
    });
    await handle.executeUpdate(cancelBookingUpdate, { args: [{ reason: null, actor: 'admin', refund: 'none' }] });
    await handle.result();
    return handle.workflowId;
  },
};

async function main(): Promise<void> {
  const logger = createLogger('warn');
  let address = process.env.TEST_TEMPORAL_ADDRESS;
  let stopServer = async (): Promise<void> => undefined;
  if (!address) {
    const server = await startTemporalDevServer({ cli: await resolveTemporalCli(), logger, port: await freePort() });
    address = server.address;
    stopServer = () => server.stop();
  }
  const connection = await Connection.connect({ address });
  const nativeConnection = await NativeConnection.connect({ address });
  const client = new Client({ connection });
  const world = createInMemoryWorld();
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows') });
  const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle, activities: world.activities });
  const suffix = `-${Date.now().toString(36)}`;
  try {
    await worker.runUntil(async () => {
      await mkdir(HISTORY_DIR, { recursive: true });
      await Promise.all(
        Object.entries(scenarios).map(async ([name, scenario]) => {
          const workflowId = await scenario(client, (base) => `${base}${suffix}`);
          const history = await client.workflow.getHandle(workflowId).fetchHistory();
          // The SDK's proto JSON: the format `temporal workflow show -o json` and the Web UI export too.
          await writeFile(join(HISTORY_DIR, `${name}.json`), `${historyToJSON(history)}\n`);
          console.log(`recorded ${name} (${history.events?.length ?? 0} events) from ${workflowId}`);
        }),
      );
    });
  } finally {
    await nativeConnection.close();
    await connection.close();
    await stopServer();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

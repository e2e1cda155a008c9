import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type NativeConnection, type WorkflowBundle, type WorkflowBundleOption } from '@temporalio/worker';
import type { Duration } from '@temporalio/common';
import type { BookingActivities } from '../workflows/contract';
import type { Logger } from '../src/logging/logger';

export interface BookingWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: BookingActivities;
  /** How long in-flight activities may finish after shutdown() before they are cancelled. */
  shutdownGraceTime?: Duration;
  /** A bundle made ahead (the test run bundles once for all its workers); bundled here when omitted. */
  workflowBundle?: WorkflowBundleOption;
}

let bundle: Promise<WorkflowBundle> | undefined;

/**
 * Webpack-bundles the workflow code once per process: every worker made here (the app's one, or one
 * per test file) reuses it, which turns seconds per worker into milliseconds.
 */
export function workflowBundle(): Promise<WorkflowBundle> {
  // Webpack's progress and stats are noise on every start; only its warnings and errors are kept.
  bundle ??= bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: new DefaultLogger('WARN') });
  return bundle;
}

export async function createBookingWorker(options: BookingWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: options.workflowBundle ?? (await workflowBundle()),
    activities: { ...options.activities },
    shutdownGraceTime: options.shutdownGraceTime ?? '10s',
  });
}

/**
 * Call once, before the first connection, in entry points that own their shutdown order: the SDK
 * would otherwise stop workers on its own SIGINT handler, racing ours. SDK warnings go to our logger.
 */
export function installWorkerRuntime(logger: Logger): void {
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger('WARN', (entry) => {
      const at = entry.level === 'ERROR' ? 'error' : 'warn';
      // The SDK puts the failure under `error`; our logger expands an Error only under `err`.
      const { error, ...meta } = entry.meta ?? {};
      logger[at](entry.message, { source: 'temporal-sdk', ...meta, ...(error !== undefined ? { err: error } : {}) });
    }),
  });
}

import type { Duration } from '@temporalio/common';
import type { Worker, WorkflowBundleOption } from '@temporalio/worker';
import { createBookingActivities } from '../../activities/booking.activities';
import { createCalendlyActivities } from '../../activities/calendly.activities';
import { createBookingWorker } from '../../workers/create-worker';
import type { StopStack } from '../dev/stop-stack';
import { connectWorker } from '../temporal/worker-connection';
import type { AppDependencies } from './app-dependencies';

export interface RunningWorker {
  worker: Worker;
  /** Settles when the worker stops: resolves after a shutdown, rejects if it fails on its own. */
  running: Promise<void>;
}

export interface WorkerOptions {
  /** Task queue; the configured one when omitted. */
  taskQueue?: string;
  /** How long in-flight activities may finish after shutdown. */
  shutdownGraceTime?: Duration;
  /** A workflow bundle made ahead; bundled on first use when omitted. */
  workflowBundle?: WorkflowBundleOption;
}

/** The booking worker over the app's dependencies: its own connection, the real activities, running. */
export async function startBookingWorker(app: AppDependencies, stack: StopStack, options: WorkerOptions = {}): Promise<RunningWorker> {
  const connection = await connectWorker(app.temporalOptions);
  stack.push('worker connection', () => connection.close());
  const worker = await createBookingWorker({
    connection,
    namespace: app.temporalOptions.namespace,
    taskQueue: options.taskQueue ?? app.config.TEMPORAL_TASK_QUEUE,
    activities: {
      ...createBookingActivities({
        db: app.db,
        providers: app.providers,
        logger: app.logger.child({ component: 'activities' }),
        ...(app.config.BOOKING_TOKEN_SECRET ? { bookingTokenSecret: app.config.BOOKING_TOKEN_SECRET } : {}),
      }),
      // Issue 7: the Calendly intake's follow-up workflows (cancel a refused event, settle a reschedule).
      ...createCalendlyActivities({ db: app.db, config: app.config, logger: app.logger.child({ component: 'calendly' }) }),
    },
    ...(options.shutdownGraceTime !== undefined ? { shutdownGraceTime: options.shutdownGraceTime } : {}),
    ...(options.workflowBundle !== undefined ? { workflowBundle: options.workflowBundle } : {}),
  });
  const running = worker.run();
  stack.push('worker', async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
  });
  return { worker, running };
}

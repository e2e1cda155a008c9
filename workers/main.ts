import { createAppDependencies } from '../src/composition/app-dependencies';
import { loadClusterSettings } from '../src/composition/app-settings';
import { startBookingWorker } from '../src/composition/worker-dependencies';
import { ConfigError } from '../src/config/load-config';
import { onShutdownSignal } from '../src/dev/shutdown-signals';
import { createStopStack } from '../src/dev/stop-stack';
import { createLogger } from '../src/logging/logger';
import { installWorkerRuntime } from './create-worker';

/** `npm run worker`: one worker process against configured servers (production, or beside `npm run api`). */
async function main(): Promise<number> {
  const settings = loadClusterSettings(process.env, 'worker');
  const logger = createLogger(settings.config.LOG_LEVEL).child({ component: 'worker' });
  installWorkerRuntime(logger);
  const stack = createStopStack(logger);
  onShutdownSignal(async (signal) => {
    logger.info('stopping worker', { signal });
    await stack.stopAll();
  });
  try {
    const { running } = await startBookingWorker(await createAppDependencies(settings, { logger, stack }), stack);
    logger.info('worker running', { taskQueue: settings.config.TEMPORAL_TASK_QUEUE, namespace: settings.temporal.namespace, address: settings.temporal.address });
    await running;
  } catch (error) {
    await stack.stopAll();
    throw error;
  }
  const { failed } = await stack.stopAll();
  logger.info('worker stopped', failed.length > 0 ? { failed } : {});
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      createLogger('error').error('worker failed', { err: error });
    }
    process.exit(1);
  },
);

import { NativeConnection } from '@temporalio/worker';
import { createBookingActivities } from '../activities/booking.activities';
import { ConfigError, loadConfig } from '../src/config/load-config';
import { createDb } from '../src/db/connection';
import { onShutdownSignal } from '../src/dev/shutdown-signals';
import { createLogger } from '../src/logging/logger';
import { buildProviders } from '../src/providers/build-providers';
import { createBookingWorker, installWorkerRuntime } from './create-worker';

/** `npm run worker`: one worker process against configured servers (production, or beside `npm run api`). */
async function main(): Promise<void> {
  const config = loadConfig(process.env, 'worker');
  const logger = createLogger(config.LOG_LEVEL).child({ component: 'worker' });
  installWorkerRuntime(logger);

  const db = createDb(config.DATABASE_URL as string);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS as string });
  const providers = buildProviders(config, db, logger);
  const worker = await createBookingWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities: createBookingActivities({ db, providers, logger }),
  });
  onShutdownSignal(async (signal) => {
    logger.info('stopping worker', { signal });
    worker.shutdown();
  });
  logger.info('worker running', { taskQueue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE });
  try {
    await worker.run();
  } finally {
    await connection.close();
    await db.destroy();
    logger.info('worker stopped');
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    createLogger('error').error('worker failed', { err: error });
  }
  process.exit(1);
});

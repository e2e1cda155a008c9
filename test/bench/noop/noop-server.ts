/**
 * The no-op's server process, started by the bench (`noop-stack.ts`) beside the product's: its own
 * workflow bundle, task queue and worker on the product's Temporal server, and its HTTP front, in one
 * Node process as `npm start` runs the product's API and worker in one. Prints `No-op API: <url>`
 * when ready; SIGINT or SIGTERM stops it.
 *
 * Environment: NOOP_TEMPORAL_ADDRESS (required), NOOP_NAMESPACE (default `default`),
 * NOOP_TASK_QUEUE (default `bench-noop`).
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { onShutdownSignal } from '../../../src/dev/shutdown-signals';
import { startNoopService } from './noop-service';

async function main(): Promise<void> {
  const address = process.env.NOOP_TEMPORAL_ADDRESS;
  if (!address) throw new Error('NOOP_TEMPORAL_ADDRESS is not set');
  Runtime.install({ shutdownSignals: [], logger: new DefaultLogger('WARN') });
  const service = await startNoopService({
    address,
    namespace: process.env.NOOP_NAMESPACE || 'default',
    taskQueue: process.env.NOOP_TASK_QUEUE || 'bench-noop',
  });
  onShutdownSignal(async () => {
    await service.stop();
    process.exit(0);
  });
  service.running.catch((error: unknown) => {
    console.error('no-op worker stopped:', error);
    process.exit(1);
  });
  console.log(`No-op API: ${service.baseUrl}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

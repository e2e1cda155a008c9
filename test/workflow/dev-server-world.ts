/**
 * What every dev-server workflow test file starts once: a client, and a worker on its own task queue
 * over the shared workflow bundle and the real activities (activities-world.ts). Bookings a file
 * leaves waiting on timers are terminated when it stops, so they do not stay open on the shared server.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { BookingHandle } from '../support/start-booking';
import { testEnv } from '../support/test-env';
import { sharedWorkflowBundle } from '../support/workflow-bundle';
import { createActivitiesWorld, type ActivitiesWorld } from './activities-world';
import { installQuietRuntime } from './quiet-logger';

export interface DevServerWorld {
  client: Client;
  world: ActivitiesWorld;
  /** A booking the file started: terminated at `stop` if still open. */
  track(handle: BookingHandle): BookingHandle;
  stop(): Promise<void>;
}

export async function startDevServerWorld(taskQueue: string): Promise<DevServerWorld> {
  installQuietRuntime();
  const { temporalAddress } = testEnv();
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection });
  const nativeConnection = await NativeConnection.connect({ address: temporalAddress });
  const world = createActivitiesWorld();
  const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle: await sharedWorkflowBundle(), activities: world.activities });
  const running = worker.run();
  const handles: BookingHandle[] = [];
  return {
    client,
    world,
    track(handle) {
      handles.push(handle);
      return handle;
    },
    async stop() {
      await Promise.all(handles.map((handle) => handle.terminate('test file done').catch(() => undefined)));
      worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
      await world.close();
    },
  };
}

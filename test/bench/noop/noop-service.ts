/**
 * The no-op's worker and HTTP front on one Temporal server: what `noop-server.ts` runs as the
 * bench's child process, and what the no-op's own test starts in-process.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import { createNoopActivities, type NoopReadModel } from './noop-activities';
import { createNoopApp } from './noop-app';

export interface NoopService {
  baseUrl: string;
  temporal: Client;
  stop(): Promise<void>;
  /** Settles when the worker stops, rejecting if it failed. */
  running: Promise<void>;
}

/** The no-op's own bundle: its workflow file alone, never the product's workflows. */
export function noopWorkflowBundle(): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ workflowsPath: require.resolve('./noop-booking.workflow'), logger: new DefaultLogger('WARN') });
}

export async function startNoopService(options: { address: string; namespace: string; taskQueue: string }): Promise<NoopService> {
  const { address, namespace, taskQueue } = options;
  const workflowBundle = await noopWorkflowBundle();
  const readModel: NoopReadModel = new Map();
  const workerConnection = await NativeConnection.connect({ address });
  const clientConnection = await Connection.connect({ address });
  const temporal = new Client({ connection: clientConnection, namespace });

  const server = createNoopApp({ temporal, taskQueue, readModel, publicBaseUrl: 'http://127.0.0.1' }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The product worker's options (workers/create-worker.ts): only the bundle and the activities differ.
  const worker = await Worker.create({
    connection: workerConnection,
    namespace,
    taskQueue,
    workflowBundle,
    activities: createNoopActivities(readModel, baseUrl),
    shutdownGraceTime: '10s',
  });
  const running = worker.run();
  return {
    baseUrl,
    temporal,
    running,
    async stop() {
      server.close();
      server.closeAllConnections();
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await clientConnection.close();
      await workerConnection.close();
    },
  };
}

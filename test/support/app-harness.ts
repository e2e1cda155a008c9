/**
 * The whole product in this process, against the run's real servers: a booking worker (real
 * activities over real PostgreSQL and the local providers) and the HTTP API on a free port.
 * Each harness has its own task queue, so test files never pick up each other's workflows.
 */
import type { Client } from '@temporalio/client';
import { Runtime, DefaultLogger } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';
import type { Resource, Service } from '../../src/catalog/catalog.types';
import { createResource } from '../../src/catalog/resources.repository';
import { createService } from '../../src/catalog/services.repository';
import { createAppDependencies } from '../../src/composition/app-dependencies';
import { startBookingApi } from '../../src/composition/api-server';
import { localServerSettings } from '../../src/composition/app-settings';
import { startBookingWorker } from '../../src/composition/worker-dependencies';
import { configSchema, type Config } from '../../src/config/config.schema';
import type { Database } from '../../src/db/schema';
import { createStopStack } from '../../src/dev/stop-stack';
import { createLogger } from '../../src/logging/logger';
import { aResource, aService, uniqueSuffix } from './fixtures';
import { freePort, testEnv } from './test-env';
import { sharedWorkflowBundle } from './workflow-bundle';

export interface TestApp {
  baseUrl: string;
  config: Config;
  db: Kysely<Database>;
  client: Client;
  adminKey: string;
  /** A fresh active service and a resource offering it, with unique ids. */
  createServiceAndResource(overrides?: { service?: Partial<Service>; resource?: Partial<Resource> }): Promise<{ service: Service; resource: Resource }>;
  stop(): Promise<void>;
}

const secret = () => randomBytes(24).toString('base64url');

let runtimeInstalled = false;
/** The SDK's default runtime logs every worker event at INFO; tests want errors only (a refused hold is logged as a failed activity). */
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // Already installed by another harness or helper in this process: keep that one.
  }
}

export async function startTestApp(options: { taskQueue?: string; env?: Record<string, string> } = {}): Promise<TestApp> {
  const env = testEnv();
  quietRuntime();
  const port = await freePort();
  const adminKey = secret();
  const config = Object.freeze(
    configSchema.parse({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      TEMPORAL_ADDRESS: env.temporalAddress,
      DATABASE_URL: env.databaseUrl,
      TEMPORAL_TASK_QUEUE: options.taskQueue ?? `bookings-test-${uniqueSuffix()}`,
      ADMIN_API_KEY: adminKey,
      BOOKING_TOKEN_SECRET: secret(),
      LOCAL_WEBHOOK_SECRET: secret(),
      RATE_LIMIT_PER_MINUTE: '0',
      // Extra settings of one test file (a calendar provider, Calendly), over the defaults above.
      ...options.env,
    }),
  );
  const logger = createLogger(config.LOG_LEVEL);
  // The same composition as `npm start`, over the run's servers (which this process did not start,
  // but which are local and plain: no profile from this machine's temporal.toml applies).
  const stack = createStopStack(logger);
  const stopAll = async () => {
    const { failed } = await stack.stopAll();
    if (failed.length > 0) throw new Error(`stopping the test app failed: ${failed.join(', ')}`);
  };
  let app: Awaited<ReturnType<typeof createAppDependencies>>;
  let baseUrl: string;
  try {
    app = await createAppDependencies(localServerSettings(config), { logger, stack, dbPoolSize: 20 });
    await startBookingWorker(app, stack, { shutdownGraceTime: '2s', workflowBundle: await sharedWorkflowBundle() });
    baseUrl = (await startBookingApi(app, stack)).url;
  } catch (err) {
    await stack.stopAll();
    throw err;
  }
  const { db } = app;

  return {
    baseUrl,
    config,
    db,
    client: app.temporal.client,
    adminKey,
    async createServiceAndResource(overrides = {}) {
      const service = await createService(db, aService(overrides.service));
      const resource = await createResource(db, aResource([service.id], overrides.resource));
      return { service, resource };
    },
    stop: stopAll,
  };
}

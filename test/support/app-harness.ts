/**
 * The whole product in this process, against the run's real servers: a booking worker (real
 * activities over real PostgreSQL and the local providers) and the HTTP API on a free port.
 * Each harness has its own task queue, so test files never pick up each other's workflows.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, DefaultLogger, type Worker } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';
import { createBookingActivities } from '../../activities/booking.activities';
import { startApiServer, type RunningApiServer } from '../../src/api/server';
import type { Resource, Service } from '../../src/catalog/catalog.types';
import { createResource } from '../../src/catalog/resources.repository';
import { createService } from '../../src/catalog/services.repository';
import { configSchema, type Config } from '../../src/config/config.schema';
import { createDb } from '../../src/db/connection';
import type { Database } from '../../src/db/schema';
import { createLogger } from '../../src/logging/logger';
import { buildProviders } from '../../src/providers/build-providers';
import { createBookingWorker } from '../../workers/create-worker';
import { freePort, testEnv } from './test-env';

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
export const uniqueSuffix = () => randomBytes(5).toString('hex');

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

/** 08:00–20:00 every day in Europe/Berlin: slots tomorrow are always open whenever the test runs. */
export function serviceFixture(overrides: Partial<Service> = {}): Service {
  return {
    id: `svc-${uniqueSuffix()}`,
    name: 'Consultation',
    durationMinutes: 30,
    priceCents: 7500,
    currency: 'EUR',
    depositCents: 0,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 0,
    maxAdvanceDays: 60,
    slotStepMinutes: 30,
    paymentWindowMinutes: 30,
    refundWindowHours: 24,
    reminderOffsetsMinutes: [1440, 60],
    maxReschedules: 3,
    active: true,
    ...overrides,
  };
}

export function resourceFixture(serviceIds: string[], overrides: Partial<Resource> = {}): Resource {
  const day = [{ start: '08:00', end: '20:00' }];
  return {
    id: `res-${uniqueSuffix()}`,
    name: 'Alex',
    timeZone: 'Europe/Berlin',
    weeklyHours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
    dateOverrides: {},
    serviceIds,
    active: true,
    ...overrides,
  };
}

export async function startTestApp(options: { taskQueue?: string } = {}): Promise<TestApp> {
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
    }),
  );
  const logger = createLogger(config.LOG_LEVEL);
  const db = createDb(env.databaseUrl, { max: 20 });
  const providers = buildProviders(config, db, logger);

  const workerConnection = await NativeConnection.connect({ address: env.temporalAddress });
  const worker: Worker = await createBookingWorker({
    connection: workerConnection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities: createBookingActivities({ db, providers, logger }),
    shutdownGraceTime: '2s',
  });
  const workerRun = worker.run();

  const connection = await Connection.connect({ address: env.temporalAddress });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  let api: RunningApiServer;
  try {
    api = await startApiServer({ config, db, temporal: client, providers, logger });
  } catch (err) {
    worker.shutdown();
    await workerRun;
    throw err;
  }

  return {
    baseUrl: api.url,
    config,
    db,
    client,
    adminKey,
    async createServiceAndResource(overrides = {}) {
      const service = await createService(db, serviceFixture(overrides.service));
      const resource = await createResource(db, resourceFixture([service.id], overrides.resource));
      return { service, resource };
    },
    async stop() {
      await api.close();
      worker.shutdown();
      await workerRun;
      await connection.close();
      await workerConnection.close();
      await db.destroy();
    },
  };
}

import { NativeConnection } from '@temporalio/worker';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createBookingActivities } from '../../activities/booking.activities';
import { createBookingWorker, installWorkerRuntime } from '../../workers/create-worker';
import { startApiServer } from '../api/server';
import { configSchema } from '../config/config.schema';
import { ConfigError, loadConfig } from '../config/load-config';
import { createDb } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { seedDemoData } from '../db/seed-demo';
import { BinaryNotFoundError } from '../dev/binaries/resolve-binary';
import { resolveTemporalCli } from '../dev/binaries/temporal-binaries';
import { startEmbeddedPostgres } from '../dev/embedded-postgres';
import { ensureSearchAttributes } from '../dev/search-attributes';
import { fillGeneratedSecrets } from '../dev/secrets';
import { onShutdownSignal } from '../dev/shutdown-signals';
import { createStopStack, type StopStack } from '../dev/stop-stack';
import { startTemporalDevServer } from '../dev/temporal-dev-server';
import { createLogger, type Logger } from '../logging/logger';
import { buildProviders } from '../providers/build-providers';
import { closeTemporal, connectTemporal } from '../temporal/temporal-client';
import { configUsage, describeConfigIssues } from './config-usage';

const USAGE = `Usage: npm start

Runs the whole booking backend on this machine: the Temporal dev server with its Web UI and
embedded PostgreSQL (both keep their files under DATA_DIR), migrations, demo data, the worker
and the API. Set TEMPORAL_ADDRESS and/or DATABASE_URL to use existing servers instead.
Ctrl-C stops everything it started.

Environment variables (name, default, meaning):
${configUsage()}`;

interface Embedded {
  env: NodeJS.ProcessEnv;
  uiUrl: string | null;
}

/** Starts what is not configured: the Temporal dev server and PostgreSQL, side by side. */
async function startEmbeddedServers(env: NodeJS.ProcessEnv, dataDir: string, stack: StopStack, logger: Logger): Promise<Embedded> {
  const base = configSchema.parse(env);
  const filled: NodeJS.ProcessEnv = { ...env };
  let uiUrl: string | null = null;
  const temporal = async () => {
    if (base.TEMPORAL_ADDRESS) return;
    const server = await startTemporalDevServer({
      cli: await resolveTemporalCli(env),
      logger,
      port: base.TEMPORAL_PORT,
      uiPort: base.TEMPORAL_UI_PORT,
      dbFilename: join(dataDir, 'temporal.db'),
      namespace: base.TEMPORAL_NAMESPACE,
    });
    stack.push('Temporal dev server', server.stop);
    filled.TEMPORAL_ADDRESS = server.address;
    uiUrl = server.uiUrl;
  };
  const postgres = async () => {
    if (base.DATABASE_URL) return;
    const pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), port: base.EMBEDDED_POSTGRES_PORT, logger });
    stack.push('PostgreSQL', pg.stop);
    filled.DATABASE_URL = pg.url;
  };
  const results = await Promise.allSettled([temporal(), postgres()]);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  return { env: filled, uiUrl };
}

async function start(stack: StopStack): Promise<void> {
  const base = configSchema.safeParse(process.env);
  if (!base.success) throw new ConfigError(describeConfigIssues(base.error.issues));
  const logger = createLogger(base.data.LOG_LEVEL);
  const dataDir = resolve(base.data.DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  installWorkerRuntime(logger);

  const embedded = await startEmbeddedServers(process.env, dataDir, stack, logger);
  const { env } = await fillGeneratedSecrets(embedded.env, dataDir);
  const config = loadConfig(env);

  const db = createDb(config.DATABASE_URL as string);
  stack.push('database pool', () => db.destroy());
  await migrateToLatest(db);
  const { seeded } = await seedDemoData(db);
  if (seeded) logger.info('seeded the demo service and resource');

  const temporal = await connectTemporal(config);
  stack.push('Temporal client', () => closeTemporal(temporal));
  if (base.data.TEMPORAL_ADDRESS) await ensureSearchAttributes(temporal.connection, config.TEMPORAL_NAMESPACE);

  const providers = buildProviders(config, db, logger);
  const workerConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS as string });
  stack.push('worker connection', () => workerConnection.close());
  const worker = await createBookingWorker({
    connection: workerConnection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities: createBookingActivities({ db, providers, logger: logger.child({ component: 'activities' }) }),
  });
  const running = worker.run();
  stack.push('worker', async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
  });
  running.catch((error: unknown) => {
    logger.error('worker stopped unexpectedly; shutting down', { err: error });
    process.kill(process.pid, 'SIGTERM');
  });

  const api = await startApiServer({ config, db, temporal: temporal.client, providers, logger: logger.child({ component: 'api' }) });
  stack.push('API', () => api.close());

  console.log(
    [
      '',
      'Booking backend is running.',
      `  API:        ${api.url}`,
      `  API docs:   ${api.url}/docs`,
      ...(embedded.uiUrl ? [`  Web UI:     ${embedded.uiUrl}`] : [`  Temporal:   ${config.TEMPORAL_ADDRESS} (namespace ${config.TEMPORAL_NAMESPACE})`]),
      `  DATA_DIR:   ${dataDir}`,
      `  Admin key:  ${config.ADMIN_API_KEY}`,
      '',
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
}

function main(): void {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const stack = createStopStack(createLogger('info'));
  const stopAndExit = async (code: number) => {
    const { failed } = await stack.stopAll();
    process.exit(failed.length > 0 ? 1 : code);
  };
  onShutdownSignal(async () => {
    console.log('\nStopping...');
    await stopAndExit(0);
  });
  start(stack).catch(async (error: unknown) => {
    if (error instanceof ConfigError || error instanceof BinaryNotFoundError) console.error(error.message);
    else console.error('Start-up failed:', error);
    await stopAndExit(1);
  });
}

main();

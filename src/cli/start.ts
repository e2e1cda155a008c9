import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { installWorkerRuntime } from '../../workers/create-worker';
import { type AppDependencies, createAppDependencies } from '../composition/app-dependencies';
import { startBookingApi } from '../composition/api-server';
import { localServerSettings } from '../composition/app-settings';
import { startBookingWorker } from '../composition/worker-dependencies';
import { configSchema } from '../config/config.schema';
import { ConfigError, loadConfig } from '../config/load-config';
import { migrateToLatest } from '../db/migrate';
import { seedDemoData } from '../db/seed-demo';
import { BinaryNotFoundError } from '../dev/binaries/resolve-binary';
import { claimDataDir, DataDirInUseError } from '../dev/data-dir-claim';
import { startEmbeddedServers } from '../dev/embedded-servers';
import { ensureSearchAttributes } from '../dev/search-attributes';
import { fillGeneratedSecrets } from '../dev/secrets';
import { onShutdownSignal } from '../dev/shutdown-signals';
import { createStopStack, type StopStack } from '../dev/stop-stack';
import { createLogger } from '../logging/logger';
import { temporalConnectOptions } from '../temporal/temporal-connect-options';
import { readTemporalProfile, withProfileDefaults } from '../temporal/temporal-profile';
import { configUsage, describeConfigIssues } from './config-usage';

const USAGE = `Usage: npm start

Runs the whole booking backend on this machine: the Temporal dev server with its Web UI and
embedded PostgreSQL (both keep their files under DATA_DIR), migrations, demo data, the worker
and the API. Set TEMPORAL_ADDRESS and/or DATABASE_URL to use existing servers instead (TLS and
API key for them: the Temporal SDK's TEMPORAL_API_KEY, TEMPORAL_TLS_*, TEMPORAL_PROFILE).
Ctrl-C stops everything it started; after a crash, the next start stops what the last run left.

Environment variables (name, default, meaning):
${configUsage()}`;

/** A configured Temporal server may lack the booking search attributes (Temporal Cloud: add them there). */
async function registerSearchAttributes({ temporal, temporalOptions, logger }: AppDependencies): Promise<void> {
  try {
    await ensureSearchAttributes(temporal.connection, temporalOptions.namespace);
  } catch (error) {
    logger.warn(
      'could not register the booking search attributes on this Temporal server; add them with your tooling ' +
        '(Temporal Cloud: tcld or the Cloud UI), or bookings will fail to update them',
      { err: error, namespace: temporalOptions.namespace },
    );
  }
}

async function start(stack: StopStack): Promise<void> {
  const base = configSchema.safeParse(process.env);
  if (!base.success) throw new ConfigError(describeConfigIssues(base.error.issues));
  const logger = createLogger(base.data.LOG_LEVEL);
  const dataDir = resolve(base.data.DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  stack.push('DATA_DIR claim', await claimDataDir(dataDir, logger));
  installWorkerRuntime(logger);

  // A configured server gets the SDK's profile (TLS, API key); the dev server started here never does.
  const profile = base.data.TEMPORAL_ADDRESS ? readTemporalProfile(process.env) : undefined;
  const embedded = await startEmbeddedServers(profile ? withProfileDefaults(process.env, profile) : process.env, dataDir, stack, logger);
  const { env } = await fillGeneratedSecrets(embedded.env, dataDir);
  const config = loadConfig(env);
  const settings = profile ? { config, temporal: temporalConnectOptions(config, profile) } : localServerSettings(config);

  const app = await createAppDependencies(settings, { logger, stack });
  await migrateToLatest(app.db);
  const { seeded } = await seedDemoData(app.db);
  if (seeded) logger.info('seeded the demo service and resource');
  if (!embedded.startedTemporal) await registerSearchAttributes(app);

  const { running } = await startBookingWorker(app, stack);
  running.catch((error: unknown) => {
    logger.error('worker stopped unexpectedly; shutting down', { err: error });
    process.kill(process.pid, 'SIGTERM');
  });
  const api = await startBookingApi(app, stack);

  console.log(
    [
      '',
      'Booking backend is running.',
      `  API:        ${api.url}`,
      `  API docs:   ${api.url}/docs`,
      ...(embedded.uiUrl ? [`  Web UI:     ${embedded.uiUrl}`] : [`  Temporal:   ${settings.temporal.address} (namespace ${settings.temporal.namespace})`]),
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
    if (error instanceof ConfigError || error instanceof BinaryNotFoundError || error instanceof DataDirInUseError) console.error(error.message);
    else console.error('Start-up failed:', error);
    await stopAndExit(1);
  });
}

main();

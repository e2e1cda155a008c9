import { createAppDependencies } from '../composition/app-dependencies';
import { startBookingApi } from '../composition/api-server';
import { loadClusterSettings } from '../composition/app-settings';
import { ConfigError } from '../config/load-config';
import { onShutdownSignal } from '../dev/shutdown-signals';
import { createStopStack } from '../dev/stop-stack';
import { createLogger } from '../logging/logger';
import { configUsage } from './config-usage';

const USAGE = `Usage: npm run api

Runs only the HTTP API against configured servers (TEMPORAL_ADDRESS, DATABASE_URL, secrets
required); run workers with \`npm run worker\`. Migrations: \`npm run migrate\`. TLS and API key
for Temporal come from the SDK's variables (TEMPORAL_API_KEY, TEMPORAL_TLS_*, TEMPORAL_PROFILE).

Environment variables (name, default, meaning):
${configUsage()}`;

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const settings = loadClusterSettings(process.env, 'api');
  const logger = createLogger(settings.config.LOG_LEVEL);
  const stack = createStopStack(logger);
  onShutdownSignal(async () => {
    const { failed } = await stack.stopAll();
    process.exit(failed.length > 0 ? 1 : 0);
  });
  try {
    await startBookingApi(await createAppDependencies(settings, { logger, stack }), stack);
  } catch (error) {
    await stack.stopAll();
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('API failed to start:', error);
  process.exit(1);
});

import { startApiServer } from '../api/server';
import { ConfigError, loadConfig } from '../config/load-config';
import { createDb } from '../db/connection';
import { onShutdownSignal } from '../dev/shutdown-signals';
import { createStopStack } from '../dev/stop-stack';
import { createLogger } from '../logging/logger';
import { buildProviders } from '../providers/build-providers';
import { closeTemporal, connectTemporal } from '../temporal/temporal-client';
import { configUsage } from './config-usage';

const USAGE = `Usage: npm run api

Runs only the HTTP API against configured servers (TEMPORAL_ADDRESS, DATABASE_URL, secrets
required); run workers with \`npm run worker\`. Migrations: \`npm run migrate\`.

Environment variables (name, default, meaning):
${configUsage()}`;

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig(process.env, 'api');
  const logger = createLogger(config.LOG_LEVEL).child({ component: 'api' });
  const stack = createStopStack(logger);
  onShutdownSignal(async () => {
    const { failed } = await stack.stopAll();
    process.exit(failed.length > 0 ? 1 : 0);
  });
  try {
    const db = createDb(config.DATABASE_URL as string);
    stack.push('database pool', () => db.destroy());
    const temporal = await connectTemporal(config);
    stack.push('Temporal client', () => closeTemporal(temporal));
    const api = await startApiServer({ config, db, temporal: temporal.client, providers: buildProviders(config, db, logger), logger });
    stack.push('API', () => api.close());
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

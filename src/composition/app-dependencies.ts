import type { Kysely } from 'kysely';
import type { Config } from '../config/config.schema';
import { createDb } from '../db/connection';
import type { Database } from '../db/schema';
import type { StopStack } from '../dev/stop-stack';
import type { Logger } from '../logging/logger';
import { buildProviders } from '../providers/build-providers';
import type { Providers } from '../providers/providers';
import { closeTemporal, connectTemporal, type TemporalHandle } from '../temporal/temporal-client';
import type { TemporalConnectOptions } from '../temporal/temporal-connect-options';
import type { AppSettings } from './app-settings';

/** What the API and the worker are built from, made once per process in this order. */
export interface AppDependencies {
  config: Config;
  logger: Logger;
  db: Kysely<Database>;
  providers: Providers;
  temporal: TemporalHandle;
  /** For the worker's own connection: the same address, TLS, API key and namespace as the client's. */
  temporalOptions: TemporalConnectOptions;
}

export interface AppDependencyOptions {
  logger: Logger;
  /** Everything opened here is pushed on it, so stopping the stack closes it in reverse order. */
  stack: StopStack;
  /** Database pool size (default 10). */
  dbPoolSize?: number;
}

/** config → database → providers → Temporal client. */
export async function createAppDependencies(settings: AppSettings, options: AppDependencyOptions): Promise<AppDependencies> {
  const { config, temporal: temporalOptions } = settings;
  const { logger, stack } = options;
  const db = createDb(config.DATABASE_URL as string, { logger, ...(options.dbPoolSize ? { max: options.dbPoolSize } : {}) });
  stack.push('database pool', () => db.destroy());
  const providers = buildProviders(config, db, logger);
  const temporal = await connectTemporal(temporalOptions);
  stack.push('Temporal client', () => closeTemporal(temporal));
  return { config, logger, db, providers, temporal, temporalOptions };
}

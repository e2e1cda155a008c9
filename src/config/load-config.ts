import { configSchema, type Config } from './config.schema';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Which secrets a process needs depends on what it runs. */
export type ConfigRole = 'api' | 'worker' | 'all';

/**
 * Reads the environment once. A bad or missing value throws a ConfigError whose message names the
 * variable; entry points print it and exit. Values are never logged (they include secrets).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, role: ConfigRole = 'all'): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  const missing: string[] = [];
  if (role !== 'worker') {
    if (!config.ADMIN_API_KEY) missing.push('ADMIN_API_KEY');
    if (!config.BOOKING_TOKEN_SECRET) missing.push('BOOKING_TOKEN_SECRET');
  }
  if (config.PAYMENT_PROVIDER === 'local' && !config.LOCAL_WEBHOOK_SECRET) missing.push('LOCAL_WEBHOOK_SECRET');
  if (!config.DATABASE_URL) missing.push('DATABASE_URL');
  if (!config.TEMPORAL_ADDRESS) missing.push('TEMPORAL_ADDRESS');
  if (missing.length > 0) {
    throw new ConfigError(
      `Invalid configuration:\n${missing.map((m) => `  ${m}: required`).join('\n')}\n` +
        '(`npm start` fills these in for the embedded default; `npm run api` and `npm run worker` need them set.)',
    );
  }
  return Object.freeze(config);
}

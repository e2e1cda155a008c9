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
  // Issue 6: a real payment provider needs its account; the API also needs the secret that verifies Stripe's webhooks.
  if (config.PAYMENT_PROVIDER === 'stripe') {
    if (!config.STRIPE_SECRET_KEY) missing.push('STRIPE_SECRET_KEY');
    if (role !== 'worker' && !config.STRIPE_WEBHOOK_SECRET) missing.push('STRIPE_WEBHOOK_SECRET');
  }
  if (config.PAYMENT_PROVIDER === 'payrexx') {
    for (const name of ['PAYREXX_INSTANCE', 'PAYREXX_API_SECRET'] as const) if (!config[name]) missing.push(name);
  }
  // Issue 7: a real calendar provider needs its account; Calendly intake needs the API to cancel what it refuses.
  if (config.CALENDAR_PROVIDER === 'google' && !config.GOOGLE_SERVICE_ACCOUNT_KEY_FILE) missing.push('GOOGLE_SERVICE_ACCOUNT_KEY_FILE');
  if (config.CALENDAR_PROVIDER === 'caldav') {
    for (const name of ['CALDAV_URL', 'CALDAV_USERNAME', 'CALDAV_PASSWORD'] as const) if (!config[name]) missing.push(name);
  }
  if (config.CALENDLY_WEBHOOK_SIGNING_KEY && !config.CALENDLY_API_TOKEN) missing.push('CALENDLY_API_TOKEN');
  // Issue 8: the worker signs the manage link every message carries; a real channel needs its account.
  // Twilio signs status callbacks with the account's auth token, even when messages go out with an API key.
  if (role === 'worker' && !config.BOOKING_TOKEN_SECRET) missing.push('BOOKING_TOKEN_SECRET');
  if (config.EMAIL_PROVIDER === 'smtp') {
    for (const name of ['SMTP_URL', 'EMAIL_FROM'] as const) if (!config[name]) missing.push(name);
  }
  if (config.SMS_PROVIDER === 'twilio') {
    if (!config.TWILIO_ACCOUNT_SID) missing.push('TWILIO_ACCOUNT_SID');
    const keyPair = Boolean(config.TWILIO_API_KEY_SID && config.TWILIO_API_KEY_SECRET);
    if (!config.TWILIO_AUTH_TOKEN && !keyPair) missing.push(config.TWILIO_API_KEY_SID ? 'TWILIO_API_KEY_SECRET' : 'TWILIO_AUTH_TOKEN (or TWILIO_API_KEY_SID + TWILIO_API_KEY_SECRET)');
    if (role !== 'worker' && !config.TWILIO_AUTH_TOKEN && keyPair) missing.push('TWILIO_AUTH_TOKEN (verifies status callbacks)');
    if (!config.TWILIO_FROM && !config.TWILIO_MESSAGING_SERVICE_SID) missing.push('TWILIO_FROM (or TWILIO_MESSAGING_SERVICE_SID)');
  }
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

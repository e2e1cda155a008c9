import { z } from 'zod';
import { BOOKING_TASK_QUEUE } from '../../workflows/contract';

const port = z.coerce.number().int().min(0).max(65535);
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/**
 * Every setting the product reads, in one schema. The fixed names (PORT, TEMPORAL_*, DATABASE_URL,
 * DATA_DIR, ADMIN_API_KEY, PUBLIC_BASE_URL) are used by operators' scripts: never rename them.
 */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    PORT: port.default(3000),
    HOST: z.string().default('0.0.0.0'),
    PUBLIC_BASE_URL: z.string().url().optional(),

    TEMPORAL_ADDRESS: optionalString,
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_PORT: port.default(7233),
    TEMPORAL_UI_PORT: port.default(8233),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default(BOOKING_TASK_QUEUE),
    TEMPORAL_CLI_PATH: optionalString,
    TEMPORAL_TEST_SERVER_PATH: optionalString,

    DATABASE_URL: optionalString,
    EMBEDDED_POSTGRES_PORT: port.default(5433),
    DATA_DIR: z.string().min(1).default('./.data'),

    ADMIN_API_KEY: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    BOOKING_TOKEN_SECRET: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),

    LOCAL_WEBHOOK_SECRET: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(1).default(300),

    // Issue 7: calendars (each resource names its own; one without uses the local calendar) and Calendly intake.
    CALENDAR_PROVIDER: z.enum(['local', 'google', 'caldav']).default('local'),
    GOOGLE_SERVICE_ACCOUNT_KEY_FILE: optionalString,
    GOOGLE_IMPERSONATE_USER: optionalString,
    GOOGLE_API_URL: optionalString.pipe(z.string().url().optional()),
    CALDAV_URL: optionalString.pipe(z.string().url().optional()),
    CALDAV_USERNAME: optionalString,
    CALDAV_PASSWORD: optionalString,
    /** How long a calendar's busy times are reused before it is asked again. */
    CALENDAR_BUSY_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
    CALENDLY_WEBHOOK_SIGNING_KEY: optionalString,
    CALENDLY_API_TOKEN: optionalString,
    CALENDLY_API_URL: z.string().url().default('https://api.calendly.com'),
    /** How long a Calendly cancellation marked `rescheduled` waits for its new invitee before it counts as a cancellation. */
    CALENDLY_RESCHEDULE_WAIT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),

    // Issue 6: payments. `local` is the embedded checkout page; Stripe and Payrexx take real money.
    PAYMENT_PROVIDER: z.enum(['local', 'stripe', 'payrexx']).default('local'),
    STRIPE_SECRET_KEY: optionalString,
    STRIPE_WEBHOOK_SECRET: optionalString,
    /** Stripe's API base URL: stripe-mock in tests, a proxy. Unset: Stripe itself. */
    STRIPE_API_URL: optionalString.pipe(z.string().url().optional()),
    PAYREXX_INSTANCE: optionalString,
    PAYREXX_API_SECRET: optionalString,
    /** Payrexx's API base URL (tests, proxies). Unset: Payrexx itself. */
    PAYREXX_API_URL: optionalString.pipe(z.string().url().optional()),

    // Issue 8: messages, one provider per channel. MESSAGE_PROVIDER (deprecated) is the default of both.
    MESSAGE_PROVIDER: z.enum(['local']).optional(),
    EMAIL_PROVIDER: z.enum(['local', 'smtp']).optional(),
    SMS_PROVIDER: z.enum(['local', 'twilio']).optional(),
    /** nodemailer's connection URL: `smtps://user:pass@smtp.example.com:465`, `smtp://host:587` (STARTTLS when offered). */
    SMTP_URL: optionalString.pipe(z.string().regex(/^smtps?:\/\/[^/]/, 'must be smtp://... or smtps://...').optional()),
    /** `"Acme Bookings" <bookings@acme.example>` or an address; also the ORGANIZER of calendar invites. */
    EMAIL_FROM: optionalString.pipe(z.string().regex(/[^\s<>@]+@[^\s<>@]+/, 'must hold an email address').optional()),
    TWILIO_ACCOUNT_SID: optionalString.pipe(z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be AC followed by 32 hex digits').optional()),
    TWILIO_AUTH_TOKEN: optionalString,
    TWILIO_API_KEY_SID: optionalString.pipe(z.string().regex(/^SK[0-9a-fA-F]{32}$/, 'must be SK followed by 32 hex digits').optional()),
    TWILIO_API_KEY_SECRET: optionalString,
    TWILIO_FROM: optionalString,
    TWILIO_MESSAGING_SERVICE_SID: optionalString.pipe(z.string().regex(/^MG[0-9a-fA-F]{32}$/, 'must be MG followed by 32 hex digits').optional()),
    /** Twilio's API base URL (tests, proxies). Unset: https://api.twilio.com. */
    TWILIO_API_URL: optionalString.pipe(z.string().url().optional()),

    MAX_PAYMENT_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
    NO_SHOW_GRACE_MINUTES: z.coerce.number().int().min(0).default(1440),
    LATE_PAYMENT_GRACE_MINUTES: z.coerce.number().int().min(0).default(60),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  })
  .transform((c) => ({
    ...c,
    PUBLIC_BASE_URL: (c.PUBLIC_BASE_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ''),
    // Issue 8: each channel's provider, defaulting to the deprecated MESSAGE_PROVIDER.
    EMAIL_PROVIDER: c.EMAIL_PROVIDER ?? c.MESSAGE_PROVIDER ?? 'local',
    SMS_PROVIDER: c.SMS_PROVIDER ?? c.MESSAGE_PROVIDER ?? 'local',
  }));

export type Config = Readonly<z.output<typeof configSchema>>;

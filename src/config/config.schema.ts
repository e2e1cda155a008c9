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

    PAYMENT_PROVIDER: z.enum(['local']).default('local'),
    CALENDAR_PROVIDER: z.enum(['local']).default('local'),
    MESSAGE_PROVIDER: z.enum(['local']).default('local'),
    LOCAL_WEBHOOK_SECRET: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(1).default(300),

    MAX_PAYMENT_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
    NO_SHOW_GRACE_MINUTES: z.coerce.number().int().min(0).default(1440),
    LATE_PAYMENT_GRACE_MINUTES: z.coerce.number().int().min(0).default(60),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  })
  .transform((c) => ({ ...c, PUBLIC_BASE_URL: (c.PUBLIC_BASE_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, '') }));

export type Config = Readonly<z.output<typeof configSchema>>;

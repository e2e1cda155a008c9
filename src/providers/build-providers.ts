import type { Kysely } from 'kysely';
import type { Config } from '../config/config.schema';
import type { Database } from '../db/schema';
import { type Logger, logger as defaultLogger } from '../logging/logger';
import { buildCalendar } from './calendar/build-calendar';
import { buildMessageSenders } from './messages/build-message-senders';
import { buildPaymentProvider } from './payments/build-payment-provider';
import type { Providers } from './providers';

/** Builds the providers the configuration selects. Each choice is an exhaustive switch, so a new provider is a compile error until it is wired here. */
export function buildProviders(config: Config, db: Kysely<Database>, logger: Logger = defaultLogger): Providers {
  // Issue 6: local, Stripe or Payrexx (PAYMENT_PROVIDER), each case in its own factory.
  const payments = buildPaymentProvider(config, db, logger);
  // Issue 7: routes each resource to the calendar it names (google / caldav), the local calendar otherwise.
  const calendar = buildCalendar(config, db, logger);
  // Issue 8: one sender per channel (EMAIL_PROVIDER, SMS_PROVIDER), each with its own switch.
  const messages = buildMessageSenders(config, logger);
  return { payments, calendar, messages };
}

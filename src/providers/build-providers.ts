import type { Kysely } from 'kysely';
import type { Config } from '../config/config.schema';
import type { Database } from '../db/schema';
import { type Logger, logger as defaultLogger } from '../logging/logger';
import { LocalCalendar } from './calendar/local-calendar';
import { LocalMessageSender } from './messages/local-message-sender';
import { LocalPaymentProvider } from './payments/local/local-payment-provider';
import type { Providers } from './providers';

/** Builds the providers the configuration selects. Each choice is an exhaustive switch, so a new provider is a compile error until it is wired here. */
export function buildProviders(config: Config, db: Kysely<Database>, logger: Logger = defaultLogger): Providers {
  const payments = (() => {
    switch (config.PAYMENT_PROVIDER) {
      case 'local':
        return new LocalPaymentProvider({ db, publicBaseUrl: config.PUBLIC_BASE_URL });
    }
  })();
  const calendar = (() => {
    switch (config.CALENDAR_PROVIDER) {
      case 'local':
        return new LocalCalendar(db);
    }
  })();
  const messages = (() => {
    switch (config.MESSAGE_PROVIDER) {
      case 'local':
        return [new LocalMessageSender('email', logger.child({ provider: 'local-email' })), new LocalMessageSender('sms', logger.child({ provider: 'local-sms' }))];
    }
  })();
  return { payments, calendar, messages };
}

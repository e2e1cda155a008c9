import type { Kysely } from 'kysely';
import type { Config } from '../../config/config.schema';
import type { Database } from '../../db/schema';
import type { Logger } from '../../logging/logger';
import { managePath, manageUrl } from '../../notifications/manage-link';
import { LocalPaymentProvider } from './local/local-payment-provider';
import type { PaymentProvider } from './payment-provider';
import { PayrexxApi } from './payrexx/payrexx-api';
import { PayrexxPaymentProvider } from './payrexx/payrexx-payment-provider';
import { createStripeClient } from './stripe/stripe-client';
import { StripePaymentProvider } from './stripe/stripe-payment-provider';

/** Issue 6: the payment provider PAYMENT_PROVIDER names. load-config.ts has already refused a missing key. */
export function buildPaymentProvider(config: Config, db: Kysely<Database>, logger: Logger): PaymentProvider {
  // The hosted page sends the customer back to the booking's manage page (issue 8), token and all, as the
  // link in every message does. Every process that runs the worker has the token secret.
  const secret = config.BOOKING_TOKEN_SECRET;
  const returnUrl = (bookingId: string) => (secret ? manageUrl(config.PUBLIC_BASE_URL, secret, bookingId) : `${config.PUBLIC_BASE_URL}${managePath(bookingId)}`);
  switch (config.PAYMENT_PROVIDER) {
    case 'local':
      return new LocalPaymentProvider({ db, publicBaseUrl: config.PUBLIC_BASE_URL });
    case 'stripe':
      return new StripePaymentProvider({
        stripe: createStripeClient({ secretKey: required(config.STRIPE_SECRET_KEY, 'STRIPE_SECRET_KEY'), apiUrl: config.STRIPE_API_URL }),
        returnUrl,
      });
    case 'payrexx':
      return new PayrexxPaymentProvider({
        api: new PayrexxApi({
          instance: required(config.PAYREXX_INSTANCE, 'PAYREXX_INSTANCE'),
          apiSecret: required(config.PAYREXX_API_SECRET, 'PAYREXX_API_SECRET'),
          ...(config.PAYREXX_API_URL ? { baseUrl: config.PAYREXX_API_URL } : {}),
        }),
        db,
        returnUrl,
        logger: logger.child({ provider: 'payrexx' }),
      });
  }
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is required with PAYMENT_PROVIDER set to a real provider`);
  return value;
}

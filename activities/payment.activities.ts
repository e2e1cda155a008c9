import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '../workflows/failure-types';
import type { PaymentProvider } from '../src/providers/payments/payment-provider';
import { RefundExceedsPaymentError } from '../src/providers/payments/local/local-payment-provider';
import type { BookingActivities } from './booking-activities.types';
import { type ActivityDeps, activityLogger } from './activity-deps';

type PaymentActivities = Pick<BookingActivities, 'createPaymentSession' | 'expirePaymentSession' | 'refundPayment'>;

export function createPaymentActivities({ providers, logger }: ActivityDeps): PaymentActivities {
  /** A session is handled by the provider that made it; a booking outliving a provider switch cannot be served by retrying. */
  const providerNamed = (name: string): PaymentProvider => {
    if (providers.payments.name === name) return providers.payments;
    throw ApplicationFailure.nonRetryable(
      `payment provider "${name}" is not configured (configured: "${providers.payments.name}")`,
      FailureType.PAYMENT_PROVIDER_REJECTED,
    );
  };

  return {
    async createPaymentSession(input) {
      const payments = providers.payments;
      const session = await payments.createCheckout({
        bookingId: input.bookingId,
        idempotencyKey: input.idempotencyKey,
        amountCents: input.amountCents,
        currency: input.currency,
        description: input.description,
        customerEmail: input.customerEmail,
        expiresAt: new Date(input.expiresAt),
      });
      activityLogger(logger).info('payment session created', { bookingId: input.bookingId, sessionId: session.sessionId });
      return { provider: payments.name, sessionId: session.sessionId, checkoutUrl: session.checkoutUrl };
    },

    async expirePaymentSession(input) {
      await providerNamed(input.provider).expireCheckout(input.sessionId);
    },

    async refundPayment(input) {
      try {
        const refund = await providerNamed(input.provider).refund({
          bookingId: input.bookingId,
          idempotencyKey: input.idempotencyKey,
          paymentId: input.paymentId,
          amountCents: input.amountCents,
          currency: input.currency,
          reason: input.reason,
        });
        activityLogger(logger).info('payment refunded', { bookingId: input.bookingId, refundId: refund.refundId, amountCents: refund.amountCents });
        return refund;
      } catch (err) {
        if (err instanceof RefundExceedsPaymentError) throw ApplicationFailure.nonRetryable(err.message, FailureType.PAYMENT_PROVIDER_REJECTED);
        throw err;
      }
    },
  };
}

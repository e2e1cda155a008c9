import { ApplicationFailure } from '@temporalio/common';
import { FailureType, type BookingActivities } from '../workflows/contract';
import type { PaymentProvider } from '../src/providers/payments/payment-provider';
import { providerCall } from './activity-failure';
import { type ActivityDeps, activityLogger } from './activity-deps';

type PaymentActivities = Pick<BookingActivities, 'createPaymentSession' | 'expirePaymentSession' | 'refundPayment'>;

export function createPaymentActivities({ providers, logger }: ActivityDeps): PaymentActivities {
  /** A session is handled by the provider that made it; a booking outliving a provider switch cannot be served by retrying. */
  const providerNamed = (name: string | null): PaymentProvider => {
    // No name: the workflow never heard back from createPaymentSession, which used the configured provider.
    if (name === null || providers.payments.name === name) return providers.payments;
    throw ApplicationFailure.nonRetryable(
      `payment provider "${name}" is not configured (configured: "${providers.payments.name}")`,
      FailureType.PAYMENT_PROVIDER_REJECTED,
    );
  };

  return {
    async createPaymentSession(input) {
      const payments = providers.payments;
      const session = await providerCall(() =>
        payments.createCheckout({
          bookingId: input.bookingId,
          idempotencyKey: input.idempotencyKey,
          amountCents: input.amountCents,
          currency: input.currency,
          description: input.description,
          customerEmail: input.customerEmail,
          expiresAt: new Date(input.expiresAt),
          ...(input.mode ? { mode: input.mode } : {}),
        }),
      );
      activityLogger(logger).info('payment session created', { bookingId: input.bookingId, sessionId: session.sessionId });
      return { provider: payments.name, sessionId: session.sessionId, checkoutUrl: session.checkoutUrl, clientSecret: session.clientSecret ?? null };
    },

    async expirePaymentSession(input) {
      const provider = providerNamed(input.provider);
      const result = await providerCall(() =>
        provider.expireCheckout({
          sessionId: input.sessionId,
          ...(input.idempotencyKey !== undefined ? { idempotencyKey: input.idempotencyKey } : {}),
          ...(input.bookingId !== undefined ? { bookingId: input.bookingId } : {}),
        }),
      );
      activityLogger(logger).info('payment session closed', { sessionId: input.sessionId, outcome: result.outcome });
      return result;
    },

    async refundPayment(input) {
      const refund = await providerCall(() =>
        providerNamed(input.provider).refund({
          bookingId: input.bookingId,
          idempotencyKey: input.idempotencyKey,
          paymentId: input.paymentId,
          amountCents: input.amountCents,
          currency: input.currency,
          reason: input.reason,
        }),
      );
      activityLogger(logger).info('payment refunded', { bookingId: input.bookingId, refundId: refund.refundId, amountCents: refund.amountCents });
      return refund;
    },
  };
}

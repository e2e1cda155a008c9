import { proxyActivities } from '@temporalio/workflow';
import type { BookingActivities } from './contract/activities';
import type { LatePaymentRefundInput } from './contract/booking-types';
import { NON_RETRYABLE_FAILURES } from './contract/failure-types';
import { unkeptPaymentRefundKey } from './contract/idempotency-keys';

const { refundPayment } = proxyActivities<Pick<BookingActivities, 'refundPayment'>>({
  startToCloseTimeout: '30 seconds',
  // No attempt limit: a payment whose booking is gone must go back, however long the provider is down.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURES] },
});

/**
 * Refunds a payment whose booking workflow had already closed. Same idempotency key as the booking
 * workflow's own refund of an unkept payment, so the two can never both refund one payment.
 */
export async function latePaymentRefundWorkflow(input: LatePaymentRefundInput): Promise<{ refundId: string; amountCents: number }> {
  return refundPayment({
    bookingId: input.bookingId,
    idempotencyKey: unkeptPaymentRefundKey(input.bookingId, input.paymentId),
    provider: input.provider,
    paymentId: input.paymentId,
    amountCents: input.amountCents,
    currency: input.currency,
    reason: 'payment arrived after the booking was closed',
  });
}

import { proxyActivities } from '@temporalio/workflow';
import type { BookingActivities } from '../activities/booking-activities.types';
import type { LatePaymentRefundInput } from './booking.types';

const { refundPayment } = proxyActivities<Pick<BookingActivities, 'refundPayment'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Refunds a payment whose booking workflow had already closed. Same idempotency key as the booking
 * workflow's own late refund, so the two can never both refund one payment.
 */
export async function latePaymentRefundWorkflow(input: LatePaymentRefundInput): Promise<{ refundId: string; amountCents: number }> {
  return refundPayment({
    bookingId: input.bookingId,
    idempotencyKey: `${input.bookingId}:refund:late:${input.paymentId}`,
    provider: input.provider,
    paymentId: input.paymentId,
    amountCents: input.amountCents,
    currency: input.currency,
    reason: 'payment arrived after the booking was closed',
  });
}

import { proxyActivities } from '@temporalio/workflow';
import type { BookingActivities } from './contract/activities';
import type { ClosedBookingRefundFailedInput, ClosedBookingRefundFailedResult } from './contract/booking-types';
import { NON_RETRYABLE_FAILURES } from './contract/failure-types';
import { failedRefundRetryKey } from './contract/idempotency-keys';
import { Actor, BookingEvent } from './contract/statuses';
import { MAX_REFUND_REMAKES } from './state/refund-ledger';
import { REFUND_FAILED_FLAG } from './handlers/refund-failed.handler';

const { refundPayment, noteOnClosedBooking } = proxyActivities<Pick<BookingActivities, 'refundPayment' | 'noteOnClosedBooking'>>({
  startToCloseTimeout: '30 seconds',
  // No attempt limit, as for a late payment: money the customer is owed goes back however long the provider is down.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURES] },
});

const money = (cents: number, currency: string): string => `${(cents / 100).toFixed(2)} ${currency}`;

/**
 * A refund the booking made that the provider reports failed (Stripe: days later, e.g. the card was
 * closed; the money is back on the merchant's balance) after the booking's workflow had closed, so
 * nothing is left to hear it. The booking would have made it again itself (handlers/refund-failed):
 * this does the same from outside, under the same key, so the two can never both make it again. The
 * booking is flagged for an operator and the failure and the new refund go into its audit trail; after
 * MAX_REFUND_REMAKES failures it is left to the operator, as the booking itself does.
 */
export async function closedBookingRefundFailedWorkflow(input: ClosedBookingRefundFailedInput): Promise<ClosedBookingRefundFailedResult> {
  const what = `refund ${input.failedRefundId} of ${money(input.amountCents, input.currency)} on payment ${input.paymentId}`;
  const noted = await noteOnClosedBooking({
    bookingId: input.bookingId,
    event: BookingEvent.REFUND_FAILED,
    actor: Actor.PROVIDER,
    detail: `${what} failed after the booking closed: ${input.reason ?? 'no reason given'}`,
    attention: REFUND_FAILED_FLAG,
  });
  if (!noted.known) return { refundId: null };
  if (noted.earlier >= MAX_REFUND_REMAKES) {
    await noteOnClosedBooking({
      bookingId: input.bookingId,
      event: BookingEvent.REFUND_FAILED,
      actor: Actor.SYSTEM,
      detail: `${what} not made again (${noted.earlier + 1} refunds failed): refund it another way`,
    });
    return { refundId: null };
  }
  const refund = await refundPayment({
    bookingId: input.bookingId,
    idempotencyKey: failedRefundRetryKey(input.bookingId, input.failedRefundId),
    provider: input.provider,
    paymentId: input.paymentId,
    amountCents: input.amountCents,
    currency: input.currency,
    reason: `refund ${input.failedRefundId} failed, made again`,
  });
  await noteOnClosedBooking({
    bookingId: input.bookingId,
    event: BookingEvent.REFUND_REMADE,
    actor: Actor.SYSTEM,
    detail: `refund ${input.failedRefundId} made again: ${money(refund.amountCents, input.currency)} (${refund.refundId})`,
  });
  return { refundId: refund.refundId };
}

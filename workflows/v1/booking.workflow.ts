import { allHandlersFinished, CancellationScope, condition, isCancellation, sleep } from '@temporalio/workflow';
import { BookingStatus } from './booking-status';
import type { BookingState, BookingWorkflowInput } from './booking.types';
import { cancelByOperator } from './booking-cancel';
import { runConfirmedPhase } from './booking-confirmed-phase';
import { registerBookingHandlers } from './booking-handlers';
import { runInitialPhase } from './booking-initial-phase';
import { runPaymentPhase } from './booking-payment-phase';
import { createBookingRun } from './booking-run';

/** Ends in which a payment may still arrive (the customer paid just too late) and must be refunded. */
const LATE_PAYMENT_STATUSES: readonly BookingStatus[] = [
  BookingStatus.EXPIRED,
  BookingStatus.CANCELLED,
  BookingStatus.PAYMENT_FAILED,
];

/**
 * One booking from "customer picked a slot" to "appointment done" (ARCHITECTURE.md). Phases run in
 * order; each ends early when a handler (cancel, payment, no-show) moved the booking on.
 */
export async function bookingWorkflowV1(input: BookingWorkflowInput): Promise<BookingState> {
  const run = createBookingRun(input);
  registerBookingHandlers(run);
  try {
    await runInitialPhase(run);
    if (run.state.status === BookingStatus.AWAITING_PAYMENT) await runPaymentPhase(run);
    if (run.state.status === BookingStatus.CONFIRMED) await runConfirmedPhase(run);
    if (LATE_PAYMENT_STATUSES.includes(run.state.status)) await sleep(run.latePaymentGraceMinutes * 60_000);
    await condition(allHandlersFinished);
  } catch (error) {
    if (isCancellation(error)) await CancellationScope.nonCancellable(() => cancelByOperator(run));
    throw error;
  }
  return run.state;
}

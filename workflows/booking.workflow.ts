/**
 * One booking, from "customer picked a slot" to "appointment done" (ARCHITECTURE.md). The story:
 *
 *   initial phase   (phases/initial.phase.ts)   hold the slot; open the payment session, or confirm a free booking
 *   payment phase   (phases/payment.phase.ts)   wait for the payment signal or the deadline; at the deadline
 *                                               close the session first, a payment found there is kept
 *   confirmed phase (phases/confirmed.phase.ts) book the hold, write the calendar event, confirm, remind, complete
 *   closing         (below)                     refund late payments for a while; finish every pending undo
 *
 * Updates and the payment signal (handlers/) may move the booking at any time: cancel (phases/cancel.phase.ts
 * unwinds the compensation stack), reschedule, no-show, payment. Each saga step sits beside its undo
 * in steps/; the pure rules (state machine, guards, refund policy, reminders) are in state/; the
 * contract every process shares is contract/. See workflows/README.md for the map.
 */
import { allHandlersFinished, CancellationScope, isCancellation, patched } from '@temporalio/workflow';
import type { BookingState, BookingWorkflowInput } from './contract/booking-types';
import { BookingStatus } from './contract/statuses';
import { registerBookingHandlers } from './handlers/register-handlers';
import { cancelByOperator } from './handlers/cancel.handler';
import { runConfirmedPhase } from './phases/confirmed.phase';
import { runInitialPhase } from './phases/initial.phase';
import { runPaymentPhase } from './phases/payment.phase';
import { type BookingRun, createBookingRun } from './runtime/booking-run';
import { keepRetryingPendingUndos } from './runtime/compensations';
import { waitOrContinueAsNew } from './runtime/continue-as-new';
import { bookingWorkflowV1 } from './v1/booking.workflow';

/** The patch that separates bookings started on this workflow from those started on v1. */
export const SAGA_CORE_V2 = 'saga-core-v2';

/** Ends in which a payment may still arrive (the customer paid just too late) and must be refunded. */
const LATE_PAYMENT_STATUSES: readonly BookingStatus[] = [BookingStatus.EXPIRED, BookingStatus.CANCELLED, BookingStatus.PAYMENT_FAILED];

export async function bookingWorkflow(input: BookingWorkflowInput): Promise<BookingState> {
  // Bookings started before v2 keep running on the code they started with (workflows/v1).
  if (!patched(SAGA_CORE_V2)) return bookingWorkflowV1(input) as unknown as Promise<BookingState>;
  const run = createBookingRun(input);
  registerBookingHandlers(run);
  void keepRetryingPendingUndos(run);
  try {
    // A run continued from an earlier one is past its initial phase.
    if (run.initialPhase.kind === 'running') await runInitialPhase(run);
    if (run.state.status === BookingStatus.AWAITING_PAYMENT) await runPaymentPhase(run);
    if (run.state.status === BookingStatus.CONFIRMED) await runConfirmedPhase(run);
    await close(run);
  } catch (error) {
    if (!isCancellation(error)) throw error;
    await CancellationScope.nonCancellable(async () => {
      await cancelByOperator(run);
      await waitOrContinueAsNew(run, () => undosSettled(run));
    });
    throw error;
  }
  return run.state;
}

const undosSettled = (run: BookingRun): boolean => run.state.pendingUndos.length === 0 && allHandlersFinished();

/** A closed booking stays open for a while to refund a late payment itself, and until every undo it owes is done. */
async function close(run: BookingRun): Promise<void> {
  if (LATE_PAYMENT_STATUSES.includes(run.state.status) && run.latePaymentGraceMinutes > 0) {
    const graceEnds = Date.parse(run.state.updatedAt) + run.latePaymentGraceMinutes * 60_000;
    await waitOrContinueAsNew(run, () => false, Math.max(1, graceEnds - Date.now()));
  }
  await waitOrContinueAsNew(run, () => undosSettled(run));
}

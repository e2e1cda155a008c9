import { BookingEvent } from './booking-status';
import type { Actor } from './booking-status';
import type { BookingState, RefundChoice } from './booking.types';
import { invalidTransition } from './booking-failures';
import { cancelRefusal } from './booking-guards';
import { notify } from './booking-notify';
import type { BookingRun } from './booking-run';
import { transition } from './booking-transition';

export interface CancelRequest {
  reason: string | null;
  actor: Actor;
  refund: RefundChoice;
  event?: typeof BookingEvent.CANCELLED | typeof BookingEvent.CONFIRMATION_FAILED;
  detail?: string;
}

/**
 * Undoes everything the booking did, newest first (calendar event, refund per `refund`, hold,
 * payment session), tells the customer, and ends CANCELLED. Caller holds the lock.
 */
export async function compensateAndCancel(run: BookingRun, request: CancelRequest): Promise<void> {
  const reason = request.reason ?? `cancelled by ${request.actor}`;
  run.refundChoice = request.refund;
  run.state = { ...run.state, cancellationReason: reason };
  const failures = await run.compensations.unwind();
  const payment = run.state.payment;
  await notify(run, 'cancellation', 'cancellation', {
    reason,
    amountCents: payment.amountCents,
    refundedCents: payment.refundedCents,
  });
  const notes = [
    request.detail,
    payment.refundedCents > 0 ? `refunded ${payment.refundedCents} ${payment.currency}` : undefined,
    failures.length > 0 ? `failed compensations: ${failures.map((f) => f.name).join(', ')}` : undefined,
  ].filter((note): note is string => note !== undefined);
  await transition(run, request.event ?? BookingEvent.CANCELLED, request.actor, {
    ...(notes.length > 0 ? { detail: notes.join('; ') } : {}),
  });
}

/** The cancelBooking update, after its validator passed: re-checked under the lock. */
export async function cancelBooking(run: BookingRun, request: CancelRequest): Promise<BookingState> {
  return run.mutex.runExclusive(async () => {
    const refusal = cancelRefusal(run.state);
    if (refusal) throw invalidTransition(refusal);
    await compensateAndCancel(run, request);
    return run.state;
  });
}

/** The workflow was cancelled (e.g. from the Web UI): give everything back, refund in full. */
export async function cancelByOperator(run: BookingRun): Promise<void> {
  await run.mutex.runExclusive(async () => {
    if (cancelRefusal(run.state)) return;
    await compensateAndCancel(run, { reason: 'cancelled by an operator', actor: 'operator', refund: 'full' });
  });
}

import { type Actor, BookingEvent } from '../contract/statuses';
import { MessageStep } from '../contract/idempotency-keys';
import type { RefundChoice } from '../contract/booking-types';
import type { BookingRun } from '../runtime/booking-run';
import { unwind } from '../runtime/compensations';
import { transition } from '../runtime/record';
import { notify } from '../steps/notify.step';

export interface CancelRequest {
  reason: string | null;
  actor: Actor;
  refund: RefundChoice;
  event?: typeof BookingEvent.CANCELLED | typeof BookingEvent.CONFIRMATION_FAILED;
  detail?: string;
}

/**
 * Undoes everything the booking did, newest first (calendar event, refund per `refund`, hold,
 * payment session), tells the customer, and ends CANCELLED. An undo that keeps failing stays pending
 * (retried, shown to operators); the cancellation itself is not held up by it. Caller holds the lock.
 */
export async function compensateAndCancel(run: BookingRun, request: CancelRequest): Promise<void> {
  const reason = request.reason ?? `cancelled by ${request.actor}`;
  run.refundChoice = request.refund;
  run.state = { ...run.state, cancellationReason: reason };
  await unwind(run);
  const payment = run.state.payment;
  const refundPending = run.state.pendingUndos.find((pending) => pending.undo.step === 'payment');
  await notify(run, 'cancellation', MessageStep.cancellation(), {
    reason,
    amountCents: payment.amountCents,
    refundedCents: payment.refundedCents + (refundPending?.amountCents ?? 0),
  });
  const notes = [
    request.detail,
    payment.refundedCents > 0 ? `refunded ${payment.refundedCents} ${payment.currency}` : undefined,
    refundPending ? `refund of ${refundPending.amountCents ?? 0} ${payment.currency} pending` : undefined,
  ].filter((note): note is string => note !== undefined);
  await transition(run, request.event ?? BookingEvent.CANCELLED, request.actor, {
    ...(notes.length > 0 ? { detail: notes.join('; ') } : {}),
  });
}

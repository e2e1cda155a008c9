import type { BookingSnapshot, CancelBookingInput } from '../contract/booking-types';
import { FailureType } from '../contract/failure-types';
import type { BookingRun } from '../runtime/booking-run';
import { refuseWith } from '../runtime/failures';
import { cancelRefusal } from '../state/booking-guards';
import { snapshotOf } from '../state/booking-state';
import { compensateAndCancel } from '../phases/cancel.phase';

/** The cancelBooking update, after its validator passed: re-checked under the lock. */
export async function cancelBooking(run: BookingRun, request: CancelBookingInput): Promise<BookingSnapshot> {
  return run.mutex.runExclusive(async () => {
    refuseWith(FailureType.INVALID_TRANSITION, cancelRefusal(run.state));
    await compensateAndCancel(run, { reason: request.reason, actor: request.actor, refund: request.refund });
    return snapshotOf(run.state);
  });
}

/** The workflow was cancelled (e.g. from the Web UI): give everything back, refund in full. */
export async function cancelByOperator(run: BookingRun): Promise<void> {
  await run.mutex.runExclusive(async () => {
    if (cancelRefusal(run.state)) return;
    await compensateAndCancel(run, { reason: 'cancelled by an operator', actor: 'operator', refund: 'full' });
  });
}

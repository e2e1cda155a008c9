import { ApplicationFailure, isCancellation } from '@temporalio/workflow';
import type { BookingSnapshot, RescheduleBookingInput } from '../contract/booking-types';
import { FailureType } from '../contract/failure-types';
import { MessageStep, holdKey } from '../contract/idempotency-keys';
import { BookingEvent, BookingStatus } from '../contract/statuses';
import type { BookingRun } from '../runtime/booking-run';
import { attemptUndo } from '../runtime/compensations';
import { applicationFailureOf, errorMessage, isFailureOfType, refuseWith, slotUnavailable } from '../runtime/failures';
import { transition } from '../runtime/record';
import { rescheduleLimitRefusal, rescheduleRefusal } from '../state/booking-guards';
import { snapshotOf } from '../state/booking-state';
import { isHoldUndo } from '../state/compensation-stack';
import { refundableUntilAfterMove } from '../state/refund-policy';
import { moveCalendarEvent } from '../steps/calendar-event.step';
import { confirmHold, holdSlot } from '../steps/hold-slot.step';
import { notify } from '../steps/notify.step';

/** The reschedule update's checks, for its validator and again under the lock. */
export function refuseReschedule(run: BookingRun, request: RescheduleBookingInput): void {
  refuseWith(FailureType.INVALID_TRANSITION, rescheduleRefusal(run.state, request, Date.now()));
  refuseWith(FailureType.RESCHEDULE_LIMIT_REACHED, rescheduleLimitRefusal(run.state, request, run.input.service));
}

/**
 * Moves the booking to a new slot: the new slot is held FIRST (its undo pushed before the call), so a
 * taken slot or any later failure leaves the booking exactly as it was, with the new hold released;
 * only then does the calendar move and the old hold go.
 */
export async function rescheduleBooking(run: BookingRun, request: RescheduleBookingInput): Promise<BookingSnapshot> {
  return run.mutex.runExclusive(async () => {
    refuseReschedule(run, request);
    const oldHoldKey = run.state.holdKey;
    const slot = { start: request.start, end: request.end };
    let newHoldKey: string;
    try {
      newHoldKey = await holdSlot(run, slot);
      if (run.state.status === BookingStatus.CONFIRMED) {
        await confirmHold(run, newHoldKey, { untilDone: false });
        await moveCalendarEvent(run, slot);
      }
    } catch (error) {
      // Give the new slot back (whatever the hold attempt did) and keep the old one.
      const attempted = holdKey(run.state.id, run.state.holdAttempts);
      run.compensations.drop(isHoldUndo(attempted));
      await attemptUndo(run, { step: 'hold', holdKey: attempted });
      if (isFailureOfType(error, FailureType.SLOT_UNAVAILABLE)) throw slotUnavailable(errorMessage(error));
      throw asUpdateFailure(error);
    }

    if (oldHoldKey) {
      run.compensations.drop(isHoldUndo(oldHoldKey));
      // One that fails stays pending and is retried: the old time is freed as soon as it can be.
      await attemptUndo(run, { step: 'hold', holdKey: oldHoldKey });
    }

    const from = run.state.start;
    const revision = run.state.revision + 1;
    await transition(run, BookingEvent.RESCHEDULED, request.actor, {
      detail: `from ${from} to ${request.start}`,
      changes: {
        start: request.start,
        end: request.end,
        revision,
        holdKey: newHoldKey,
        refundableUntil: refundableUntilAfterMove(run.state.refundableUntil, request.start, run.input.service.refundWindowHours, Date.now()),
      },
    });
    await notify(run, 'rescheduled', MessageStep.rescheduled(revision));
    return snapshotOf(run.state);
  });
}

/** Update handlers fail their caller only with an ApplicationFailure. */
function asUpdateFailure(error: unknown): unknown {
  if (isCancellation(error)) return error;
  const failure = applicationFailureOf(error);
  return ApplicationFailure.create({
    type: failure?.type ?? FailureType.RESCHEDULE_FAILED,
    message: `The booking could not be rescheduled: ${errorMessage(error)}`,
    nonRetryable: true,
  });
}

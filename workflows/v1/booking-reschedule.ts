import { ApplicationFailure, CancellationScope, isCancellation, log } from '@temporalio/workflow';
import { BookingEvent, BookingStatus } from './booking-status';
import type { BookingState, RescheduleBookingInput } from './booking.types';
import { bookingActivities, quickActivities } from './booking-activities';
import { pushReleaseHold, releaseHoldUndoName } from './booking-compensations';
import { applicationFailureOf, errorMessage, invalidTransition, isFailureOfType, slotUnavailable } from './booking-failures';
import { rescheduleRefusal } from './booking-guards';
import { notify } from './booking-notify';
import { type BookingRun, holdKeyFor } from './booking-run';
import { transition } from './booking-transition';
import { FailureType } from './failure-types';

/**
 * Moves the booking to a new slot: the new slot is held FIRST, so a taken slot leaves the booking
 * exactly as it was; only then the calendar moves and the old hold is released.
 */
export async function rescheduleBooking(run: BookingRun, request: RescheduleBookingInput): Promise<BookingState> {
  return run.mutex.runExclusive(async () => {
    const refusal = rescheduleRefusal(run.state, request, Date.now());
    if (refusal) throw invalidTransition(refusal);
    const { id: bookingId } = run.state;
    const oldHoldKey = holdKeyFor(bookingId, run.state.revision);
    const revision = run.state.revision + 1;
    const newHoldKey = holdKeyFor(bookingId, revision);

    try {
      await quickActivities.holdSlot({
        bookingId,
        holdKey: newHoldKey,
        resourceId: run.state.resourceId,
        start: request.start,
        end: request.end,
        bufferBeforeMinutes: run.input.service.bufferBeforeMinutes,
        bufferAfterMinutes: run.input.service.bufferAfterMinutes,
      });
    } catch (error) {
      if (isFailureOfType(error, FailureType.SLOT_UNAVAILABLE)) throw slotUnavailable(errorMessage(error));
      throw asUpdateFailure(error);
    }
    pushReleaseHold(run, newHoldKey);

    try {
      if (run.state.status === BookingStatus.CONFIRMED) {
        await quickActivities.confirmHold({ bookingId, holdKey: newHoldKey });
        const eventId = run.state.calendarEventId;
        if (eventId) {
          await bookingActivities.moveCalendarEvent({ eventId, resourceId: run.state.resourceId, start: request.start, end: request.end });
        }
      }
    } catch (error) {
      // Give the new slot back and keep the old one: the booking stays as it was.
      run.compensations.drop(releaseHoldUndoName(newHoldKey));
      await CancellationScope.nonCancellable(() => quickActivities.releaseHold({ bookingId, holdKey: newHoldKey }));
      throw asUpdateFailure(error);
    }

    try {
      await quickActivities.releaseHold({ bookingId, holdKey: oldHoldKey });
      run.compensations.drop(releaseHoldUndoName(oldHoldKey));
    } catch (error) {
      if (isCancellation(error)) throw error;
      // Its undo stays on the stack, so a later cancellation tries again.
      log.error('Old hold not released after reschedule', { holdKey: oldHoldKey, error: errorMessage(error) });
    }

    const from = run.state.start;
    await transition(run, BookingEvent.RESCHEDULED, request.actor, {
      detail: `from ${from} to ${request.start}`,
      changes: { start: request.start, end: request.end, revision },
    });
    await notify(run, 'rescheduled', `rescheduled-r${revision}`);
    return run.state;
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

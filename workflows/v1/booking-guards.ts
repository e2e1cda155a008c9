/**
 * Why an update may not run right now (or null when it may). Pure, shared by the update validators
 * (which reject the call before it is recorded) and the handlers (which re-check once they hold the lock).
 */
import { canApply } from './booking-state-machine';
import { BookingEvent, BookingStatus } from './booking-status';
import type { BookingState, RescheduleBookingInput } from './booking.types';

export function cancelRefusal(state: BookingState): string | null {
  return canApply(state.status, BookingEvent.CANCELLED) ? null : `A ${state.status} booking cannot be cancelled`;
}

export function rescheduleRefusal(state: BookingState, input: RescheduleBookingInput, now: number): string | null {
  if (!canApply(state.status, BookingEvent.RESCHEDULED)) return `A ${state.status} booking cannot be rescheduled`;
  const start = Date.parse(input.start);
  const end = Date.parse(input.end);
  if (Number.isNaN(start) || Number.isNaN(end)) return 'The new start and end must be ISO 8601 instants';
  if (end <= start) return 'The new end must be after the new start';
  if (start <= now) return 'The new start must be in the future';
  if (Date.parse(state.start) <= now) return 'The appointment has already started';
  return null;
}

export function noShowRefusal(state: BookingState, now: number, graceMinutes: number): string | null {
  if (!canApply(state.status, BookingEvent.MARKED_NO_SHOW)) return `A ${state.status} booking cannot be marked as a no-show`;
  if (state.status === BookingStatus.CONFIRMED && now < Date.parse(state.start)) {
    return 'The appointment has not started yet';
  }
  if (state.status === BookingStatus.COMPLETED && now > Date.parse(state.end) + graceMinutes * 60_000) {
    return `A booking can be marked as a no-show only within ${graceMinutes} minutes after its end`;
  }
  return null;
}

/**
 * Why an update may not run right now (or null when it may). Pure, shared by the update validators
 * (which reject the call before it is recorded) and the handlers (which re-check once they hold the lock).
 */
import { canApply } from './booking-state-machine';
import { Actor, BookingEvent, BookingStatus } from '../contract/statuses';
import type { BookingState, RescheduleBookingInput } from '../contract/booking-types';

export function cancelRefusal(state: BookingState): string | null {
  return canApply(state.status, BookingEvent.CANCELLED) ? null : `A ${state.status} booking cannot be cancelled`;
}

export interface RescheduleLimits {
  maxReschedules: number;
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

/** The cap on reschedules: a customer may move a booking `maxReschedules` times; an admin or operator may go past it. */
export function rescheduleLimitRefusal(state: BookingState, input: RescheduleBookingInput, limits: RescheduleLimits): string | null {
  if (input.actor !== Actor.CUSTOMER) return null;
  if (state.revision < limits.maxReschedules) return null;
  return limits.maxReschedules === 0
    ? 'This booking cannot be rescheduled'
    : `This booking was already rescheduled ${state.revision} times, the most its service allows`;
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

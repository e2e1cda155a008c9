import { SlotUnavailableError } from '../bookings/booking-errors';
import type { Service } from '../catalog/catalog.types';
import type { CalendarProvider, Interval } from '../providers/calendar/calendar-provider';

const MINUTE_MS = 60_000;

/** What is left of a busy block once a known interval (a booking's own event) is taken out of it. */
function without(block: Interval, own: Interval | undefined): Interval[] {
  if (!own || own.end <= block.start || block.end <= own.start) return [block];
  const left = own.start > block.start ? [{ start: block.start, end: own.start }] : [];
  const right = own.end < block.end ? [{ start: own.end, end: block.end }] : [];
  return [...left, ...right];
}

/**
 * Refuses a start the resource's own calendar shows as taken (a meeting put there outside this
 * product), asking the calendar afresh rather than from the availability cache: the page the customer
 * picked from may be minutes old. The hold that follows stays the guard against our own bookings.
 *
 * `ownEvent` is the time of the booking's own event when it is being moved: Google's free/busy counts
 * that event (and joins it with a meeting next to it), so a move by a few minutes must not be refused
 * for overlapping the booking's current self.
 */
export async function assertFreeInCalendar(
  calendar: CalendarProvider,
  service: Pick<Service, 'durationMinutes' | 'bufferBeforeMinutes' | 'bufferAfterMinutes'>,
  resourceId: string,
  start: Date,
  ownEvent?: Interval,
): Promise<void> {
  const from = new Date(start.getTime() - service.bufferBeforeMinutes * MINUTE_MS);
  const to = new Date(start.getTime() + (service.durationMinutes + service.bufferAfterMinutes) * MINUTE_MS);
  const busy = (await calendar.busy({ resourceId, from, to, fresh: true })).flatMap((block) => without(block, ownEvent));
  if (busy.some((b) => b.start < to && from < b.end)) {
    throw new SlotUnavailableError("The requested slot is no longer available: the resource's calendar has another appointment then.");
  }
}

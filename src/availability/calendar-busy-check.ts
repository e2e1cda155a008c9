import { SlotUnavailableError } from '../bookings/booking-errors';
import type { Service } from '../catalog/catalog.types';
import type { CalendarProvider } from '../providers/calendar/calendar-provider';

const MINUTE_MS = 60_000;

/**
 * Refuses a start the resource's own calendar shows as taken (a meeting put there outside this
 * product), asking the calendar afresh rather than from the availability cache: the page the customer
 * picked from may be minutes old. The hold that follows stays the guard against our own bookings.
 */
export async function assertFreeInCalendar(
  calendar: CalendarProvider,
  service: Pick<Service, 'durationMinutes' | 'bufferBeforeMinutes' | 'bufferAfterMinutes'>,
  resourceId: string,
  start: Date,
): Promise<void> {
  const from = new Date(start.getTime() - service.bufferBeforeMinutes * MINUTE_MS);
  const to = new Date(start.getTime() + (service.durationMinutes + service.bufferAfterMinutes) * MINUTE_MS);
  const busy = await calendar.busy({ resourceId, from, to, fresh: true });
  if (busy.some((b) => b.start < to && from < b.end)) {
    throw new SlotUnavailableError("The requested slot is no longer available: the resource's calendar has another appointment then.");
  }
}

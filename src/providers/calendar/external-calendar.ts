import type { CalendarEventRef, CalendarEventSpec, Interval } from './calendar-provider';

/**
 * A calendar service that holds many calendars (Google Calendar, a CalDAV server): the same calls as
 * `CalendarProvider`, addressed to the calendar a resource names. `ResourceCalendarRouter` picks the
 * calendar; the adapters only talk to it. Failures are `ProviderFailure`s, as in the contract.
 */
export interface ExternalCalendar {
  readonly name: string;
  createEvent(calendarId: string, spec: CalendarEventSpec): Promise<{ eventId: string }>;
  moveEvent(calendarId: string, ref: CalendarEventRef & { start: Date; end: Date }): Promise<void>;
  deleteEvent(calendarId: string, ref: CalendarEventRef): Promise<void>;
  busy(calendarId: string, from: Date, to: Date): Promise<Interval[]>;
}

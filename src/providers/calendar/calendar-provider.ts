/**
 * The calendar a resource's appointments are written to. Google Calendar, CalDAV and the local
 * provider (events in PostgreSQL) implement it. Double booking is prevented by `slot_holds` whatever
 * the provider; `busy` only adds time the resource is taken outside this product.
 *
 * Failures: `ProviderFailure` (../provider-failure.ts) with `not_found` (move of a vanished event),
 * `auth` or `refused` when retrying cannot help; `rate_limited` / `transient` (or any other error) when it may.
 */
export interface Interval {
  start: Date;
  end: Date;
}

export interface CalendarEventSpec {
  bookingId: string;
  idempotencyKey: string;
  resourceId: string;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  attendeeEmail: string;
  attendeeName?: string;
  timeZone?: string;
}

/** An event, by the id the provider gave it or, when the caller never learned it, by its idempotency key. */
export interface CalendarEventRef {
  eventId: string | null;
  idempotencyKey?: string;
  resourceId: string;
}

export interface BusyQuery {
  resourceId: string;
  from: Date;
  to: Date;
  fresh?: boolean;
}

export interface CalendarProvider {
  readonly name: string;
  /** Returns the existing event when one was made with the same idempotency key. */
  createEvent(spec: CalendarEventSpec): Promise<{ eventId: string }>;
  /** Throws `ProviderFailure('not_found')` when the event is gone. */
  moveEvent(input: CalendarEventRef & { start: Date; end: Date }): Promise<void>;
  /** Safe to call on an event that is already deleted or was never made. */
  deleteEvent(input: CalendarEventRef): Promise<void>;
  /**
   * Time the resource is busy outside this product's own bookings. Real calendars answer from a short
   * cache unless `fresh` asks for the calendar's word now (a booking about to hold its slot).
   */
  busy(input: BusyQuery): Promise<Interval[]>;
}

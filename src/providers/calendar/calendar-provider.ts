/**
 * The calendar a resource's appointments are written to. Google Calendar implements it with events and
 * freeBusy; the local provider keeps events in PostgreSQL. Double booking is prevented by `slot_holds`
 * whatever the provider; `busy` only adds time the resource is taken outside this product.
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
}

export interface CalendarProvider {
  readonly name: string;
  /** Returns the existing event when one was made with the same idempotency key. */
  createEvent(spec: CalendarEventSpec): Promise<{ eventId: string }>;
  moveEvent(input: { eventId: string; resourceId: string; start: Date; end: Date }): Promise<void>;
  /** Safe to call on an event that is already deleted. */
  deleteEvent(input: { eventId: string; resourceId: string }): Promise<void>;
  /** Time the resource is busy outside this product's own bookings. */
  busy(input: { resourceId: string; from: Date; to: Date }): Promise<Interval[]>;
}

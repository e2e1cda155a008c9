import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

/**
 * The calendar invitation of a booking as an iTIP message (RFC 5546) over iCalendar (RFC 5545),
 * built with ical-generator (folding, escaping and property order are its job, not ours).
 *
 * - One UID per booking, so every message about it updates the same event in the customer's calendar.
 * - SEQUENCE grows with every change: a calendar applies a message only if it is newer than what it
 *   holds, so a cancellation must outrank the last invitation the customer received.
 * - Times in UTC (no VTIMEZONE to get wrong); the resource's zone is named in X-WR-TIMEZONE and in
 *   the description, next to the local time.
 */
export interface InviteEvent {
  bookingId: string;
  /** REQUEST adds or updates the event in the attendee's calendar; CANCEL removes it. */
  method: 'REQUEST' | 'CANCEL';
  sequence: number;
  start: Date;
  end: Date;
  /** The resource's IANA zone, e.g. Europe/Berlin. */
  timeZone: string;
  summary: string;
  description: string;
  location?: string | null;
  organizer: { email: string; name?: string };
  attendee: { email: string; name?: string | null };
  now: Date;
}

const UID_DOMAIN = 'booking-saga-engine';

/** The event's UID: stable for the booking's whole life. */
export function inviteUid(bookingId: string): string {
  return `${bookingId}@${UID_DOMAIN}`;
}

export function buildInvite(event: InviteEvent): string {
  const cancel = event.method === 'CANCEL';
  const calendar = ical({
    prodId: { company: UID_DOMAIN, product: 'bookings', language: 'EN' },
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.x('X-WR-TIMEZONE', event.timeZone);
  calendar.createEvent({
    id: inviteUid(event.bookingId),
    sequence: event.sequence,
    stamp: event.now,
    start: event.start,
    end: event.end,
    summary: event.summary,
    description: event.description,
    ...(event.location ? { location: event.location } : {}),
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { email: event.organizer.email, name: event.organizer.name ?? event.organizer.email },
    attendees: [
      {
        email: event.attendee.email,
        ...(event.attendee.name ? { name: event.attendee.name } : {}),
        role: ICalAttendeeRole.REQ,
        // The customer booked it themselves: nothing to accept or decline.
        status: ICalAttendeeStatus.ACCEPTED,
        rsvp: false,
      },
    ],
  });
  // RFC 5545 ends every content line, the last one too, with CRLF; ical-generator leaves the last one bare.
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

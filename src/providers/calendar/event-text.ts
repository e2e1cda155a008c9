import type { CalendarEventSpec } from './calendar-provider';

/**
 * The event's description in the resource's calendar: the customer's notes, who booked, and the link an
 * operator opens the booking with. The same text for every real calendar.
 */
export function eventDescription(spec: CalendarEventSpec, publicBaseUrl: string): string {
  const who = spec.attendeeName ? `${spec.attendeeName} <${spec.attendeeEmail}>` : spec.attendeeEmail;
  const lines = [spec.description.trim(), `Booked by ${who}.`, `Booking ${spec.bookingId}: ${publicBaseUrl}/v1/admin/bookings/${spec.bookingId}`];
  return lines.filter((line) => line !== '').join('\n\n');
}

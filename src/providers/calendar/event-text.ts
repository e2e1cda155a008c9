import { manageUrl } from '../../notifications/manage-link';
import type { CalendarEventSpec } from './calendar-provider';

export interface EventLinks {
  publicBaseUrl: string;
  /** BOOKING_TOKEN_SECRET: signs the manage link. Without it the event names the admin API's URL instead. */
  bookingTokenSecret?: string | undefined;
}

/**
 * The event's description in the resource's calendar: the customer's notes, who booked, and the
 * booking's manage link (the one every message to the customer carries), so whoever opens the event
 * (the consultant, or the customer as an invited attendee) can see, cancel or move the booking.
 * The same text for every real calendar.
 */
export function eventDescription(spec: CalendarEventSpec, links: EventLinks): string {
  const who = spec.attendeeName ? `${spec.attendeeName} <${spec.attendeeEmail}>` : spec.attendeeEmail;
  const link = links.bookingTokenSecret
    ? `Manage booking ${spec.bookingId}: ${manageUrl(links.publicBaseUrl, links.bookingTokenSecret, spec.bookingId)}`
    : `Booking ${spec.bookingId}: ${links.publicBaseUrl.replace(/\/+$/, '')}/v1/admin/bookings/${spec.bookingId}`;
  const lines = [spec.description.trim(), `Booked by ${who}.`, link];
  return lines.filter((line) => line !== '').join('\n\n');
}

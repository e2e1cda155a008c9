import { bookingAccessToken } from '../bookings/booking-token';

/** The path of the customer's manage page: GET shows the booking, with cancel and reschedule (src/api/routes/manage-booking.routes.ts). */
export function managePath(bookingId: string): string {
  return `/manage/${encodeURIComponent(bookingId)}`;
}

/**
 * The link every message carries: the booking's own page with its access token, so a customer who
 * lost the API answer can still see, cancel or reschedule it.
 */
export function manageUrl(publicBaseUrl: string, secret: string, bookingId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${managePath(bookingId)}?token=${encodeURIComponent(bookingAccessToken(secret, bookingId))}`;
}

import type { Request } from 'express';
import type { Config } from '../../config/config.schema';
import { isBookingId } from '../../bookings/booking-id';
import { isValidBookingToken } from '../../bookings/booking-token';
import { Actor } from '../../../workflows/contract';
import { ApiError } from '../errors/api-error';
import { hasAdminKey } from './admin-auth';

export type BookingCaller = typeof Actor.CUSTOMER | typeof Actor.ADMIN;

function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Who may act on this booking: its token holder (the customer) or an admin. Anything else answers
 * the same 404 as a booking that does not exist, never 401, so booking ids cannot be probed.
 */
export function authorizeBooking(
  req: Request,
  config: Pick<Config, 'ADMIN_API_KEY' | 'BOOKING_TOKEN_SECRET'>,
  bookingId: string,
): BookingCaller {
  if (hasAdminKey(req, config)) return Actor.ADMIN;
  const token = bearerToken(req);
  const secret = config.BOOKING_TOKEN_SECRET;
  if (token && secret && isBookingId(bookingId) && isValidBookingToken(secret, bookingId, token)) return Actor.CUSTOMER;
  throw ApiError.notFound('Booking');
}

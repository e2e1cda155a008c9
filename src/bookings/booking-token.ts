import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The booking access token is derived from the booking id with a server secret, so it never needs
 * storing and an idempotent repeat of a create returns the very same token.
 */
export function bookingAccessToken(secret: string, bookingId: string): string {
  return createHmac('sha256', secret).update(bookingId).digest('base64url');
}

/** Constant-time check, so the token cannot be guessed byte by byte from response times. */
export function isValidBookingToken(secret: string, bookingId: string, token: string): boolean {
  const expected = Buffer.from(bookingAccessToken(secret, bookingId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

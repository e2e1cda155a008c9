import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const RANDOM_CHARS = 20;

/** `bk_` + 20 base32 characters (100 bits): unguessable, URL-safe, and easy to read aloud. */
export const BOOKING_ID_PATTERN = /^bk_[a-z2-7]{20}$/;

export function newBookingId(): string {
  // 32 divides 256, so taking each byte modulo 32 keeps every character equally likely.
  const bytes = randomBytes(RANDOM_CHARS);
  let id = 'bk_';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

export function isBookingId(value: string): boolean {
  return BOOKING_ID_PATTERN.test(value);
}

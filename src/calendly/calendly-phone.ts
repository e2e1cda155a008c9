import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Calendly hands over the invitee's SMS number as they typed it ("+1 505-398-1234"). Our own API
 * only takes E.164, and Twilio refuses anything else, so it is normalised here; a number that is not
 * a valid international one is dropped (the customer still gets every message by email) rather than
 * refusing a booking Calendly has already made.
 */
export function calendlySmsNumber(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  const parsed = parsePhoneNumberFromString(raw.trim());
  return parsed?.isValid() ? parsed.number : undefined;
}

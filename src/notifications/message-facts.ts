import { DateTime } from 'luxon';
import type { SendNotificationInput } from '../../workflows/contract';

/** What a message may say: what the workflow passed, plus the manage link the activity signs. */
export type MessageFacts = Omit<SendNotificationInput, 'bookingId' | 'key'> & {
  /** The customer's manage page with their token; null only when the worker has no token secret. */
  manageUrl?: string | null;
};

/** "Monday, 7 December 2026, 09:00 (Europe/Berlin)": the resource's local time, where the appointment happens. */
export function formatAppointmentTime(instant: string, timeZone: string): string {
  const local = DateTime.fromISO(instant, { zone: timeZone }).setLocale('en-GB');
  return `${local.toFormat('cccc, d LLLL yyyy, HH:mm')} (${timeZone})`;
}

/** Integer minor units shown in the currency's own precision: 5000 EUR → "EUR 50.00", 5000 JPY → "JPY 5,000". */
export function formatMoney(minorUnits: number, currency: string): string {
  const format = new Intl.NumberFormat('en-GB', { style: 'currency', currency, currencyDisplay: 'code' });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorUnits / 10 ** digits).replace(/\u00a0/g, ' ');
}

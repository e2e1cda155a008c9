import { DateTime } from 'luxon';
import type { NotificationKind, SendNotificationInput } from '../../workflows/contract';
import type { Channel } from '../providers/messages/message-sender';

export interface RenderedMessage {
  /** Null for SMS. */
  subject: string | null;
  body: string;
}

type MessageFacts = Omit<SendNotificationInput, 'bookingId' | 'key'>;

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

interface Parts {
  subject: string;
  /** The one sentence that says what happened; SMS sends just this line. */
  headline: string;
  /** Extra lines for email. */
  details: string[];
}

function partsFor(kind: NotificationKind, f: MessageFacts): Parts {
  const when = formatAppointmentTime(f.start, f.timeZone);
  const what = `${f.serviceName} with ${f.resourceName}`;
  const money = (cents: number | undefined) => formatMoney(cents ?? 0, f.currency ?? 'EUR');
  const reason = f.reason ? [`Reason: ${f.reason}`] : [];
  switch (kind) {
    case 'confirmation':
      return { subject: `Confirmed: ${f.serviceName} on ${when}`, headline: `Your ${what} is confirmed for ${when}.`, details: ['The attached invitation adds it to your calendar.'] };
    case 'reminder':
      return { subject: `Reminder: ${f.serviceName} on ${when}`, headline: `Reminder: your ${what} is on ${when}.`, details: [] };
    case 'rescheduled':
      return { subject: `Moved: ${f.serviceName} is now on ${when}`, headline: `Your ${what} has moved to ${when}.`, details: ['The attached invitation updates your calendar.'] };
    case 'cancellation':
      return {
        subject: `Cancelled: ${f.serviceName} on ${when}`,
        headline: `Your ${what} on ${when} is cancelled.`,
        details: [...reason, ...(f.refundedCents ? [`We are refunding ${money(f.refundedCents)}.`] : [])],
      };
    case 'expired':
      return {
        subject: `Not booked: ${f.serviceName} on ${when}`,
        headline: `We did not receive payment in time, so your ${what} on ${when} was not booked.`,
        details: ['The time is free again; you are welcome to book anew.'],
      };
    case 'payment_failed':
      return {
        subject: `Payment failed: ${f.serviceName} on ${when}`,
        headline: `Your payment for the ${what} on ${when} did not go through, so it was not booked.`,
        details: reason,
      };
    case 'payment_requested':
      return {
        subject: `Payment due: ${f.serviceName} on ${when}`,
        headline: `Your ${what} on ${when} is held for you until you pay ${money(f.amountCents)}.`,
        details: f.checkoutUrl ? [`Pay here: ${f.checkoutUrl}`] : [],
      };
    case 'refund':
      return {
        subject: `Refund: ${money(f.refundedCents ?? f.amountCents)}`,
        headline: `We are refunding ${money(f.refundedCents ?? f.amountCents)} for your ${what} on ${when}.`,
        details: [...reason, 'It reaches your account in a few days, depending on your bank.'],
      };
  }
}

/** The subject and text of one message, per kind and channel. */
export function renderMessage(kind: NotificationKind, channel: Channel, facts: MessageFacts): RenderedMessage {
  const parts = partsFor(kind, facts);
  if (channel === 'sms') return { subject: null, body: parts.headline };
  const lines = [`Hello ${facts.customer.name},`, '', parts.headline, ...parts.details];
  lines.push('', 'See you soon.');
  return { subject: parts.subject, body: lines.join('\n') };
}

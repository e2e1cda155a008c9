import type { NotificationKind } from '../../workflows/contract';
import { formatAppointmentTime, formatMoney, type MessageFacts } from './message-facts';

/** One message's words, before it is laid out as an email (text and HTML) or an SMS. */
export interface MessageContent {
  subject: string;
  /** The one sentence that says what happened; an SMS is this line and its links. */
  headline: string;
  /** Further lines for email. */
  details: string[];
  /** The one thing to do, when there is one (pay). */
  action?: { label: string; url: string };
}

/**
 * Every message the customer receives, as a plain function of the booking: one place for all the
 * wording. Times are the resource's local time with the zone named, money in the currency's own
 * precision.
 */
export function messageContent(kind: NotificationKind, f: MessageFacts): MessageContent {
  const when = formatAppointmentTime(f.start, f.timeZone);
  const what = `${f.serviceName} with ${f.resourceName}`;
  const money = (cents: number | undefined) => formatMoney(cents ?? 0, f.currency ?? 'EUR');
  const reason = f.reason ? [`Reason: ${f.reason}`] : [];
  switch (kind) {
    case 'confirmation':
      return {
        subject: `Confirmed: ${f.serviceName} on ${when}`,
        headline: `Your ${what} is confirmed for ${when}.`,
        details: ['The attached invitation adds it to your calendar.'],
      };
    case 'reminder':
      return { subject: `Reminder: ${f.serviceName} on ${when}`, headline: `Reminder: your ${what} is on ${when}.`, details: [] };
    case 'rescheduled':
      return {
        subject: `Moved: ${f.serviceName} is now on ${when}`,
        headline: `Your ${what} has moved to ${when}.`,
        details: ['The attached invitation updates your calendar.'],
      };
    case 'cancellation':
      return {
        subject: `Cancelled: ${f.serviceName} on ${when}`,
        headline: `Your ${what} on ${when} is cancelled.`,
        details: [
          ...reason,
          ...(f.refundedCents ? [`We are refunding ${money(f.refundedCents)} to the card or account you paid with.`] : []),
          ...(f.confirmed === false ? [] : ['The attached cancellation removes it from your calendar.']),
        ],
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
        details: ['Once paid, you will receive the confirmation and a calendar invitation.'],
        ...(f.checkoutUrl ? { action: { label: `Pay ${money(f.amountCents)}`, url: f.checkoutUrl } } : {}),
      };
    case 'refund':
      return {
        subject: `Refund: ${money(f.refundedCents ?? f.amountCents)}`,
        headline: `We are refunding ${money(f.refundedCents ?? f.amountCents)} for your ${what} on ${when}.`,
        details: [...reason, 'It reaches your account in a few days, depending on your bank.'],
      };
  }
}

export interface SmsFallbackFacts {
  phone: string;
  /** The text message that did not arrive. */
  smsText: string;
  /** Why, as the provider put it (e.g. "Unreachable destination handset"). */
  reason: string | null;
}

/** The email that stands in for a text message the phone never got (undelivered, failed, refused). */
export function smsFallbackContent(f: SmsFallbackFacts): MessageContent {
  // The SMS's own "Manage: <url>" is dropped: the email carries the manage link itself.
  const text = f.smsText.replace(/\s*Manage: \S+$/, '');
  return {
    subject: 'About your booking: our text message did not reach you',
    headline: `We could not deliver our text message to ${f.phone}${f.reason ? ` (${f.reason})` : ''}, so here it is by email:`,
    details: [text, 'If that number is wrong, please tell us when you next book.'],
  };
}

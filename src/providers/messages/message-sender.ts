/**
 * One channel of outgoing messages. SMTP email and Twilio SMS implement it; the local sender writes
 * to the log.
 *
 * Failures: `ProviderFailure` (../provider-failure.ts) with `refused` (an invalid or unsubscribed
 * recipient, a message the server will never take: fails without retries, its code kept for
 * operators), `auth`, `rate_limited` or `transient` (retried); or `MessageOutcomeUnknown` when the
 * message may have left before the failure (never sent again: a message goes out at most once).
 */
export type Channel = 'email' | 'sms';

export interface Mailbox {
  address: string;
  name?: string;
}

export interface Attachment {
  filename: string;
  contentType: string;
  content: string;
}

/** An iTIP calendar message (RFC 5546): senders that can, send it as `text/calendar; method=...`. */
export interface CalendarInvite {
  method: 'REQUEST' | 'CANCEL';
  /** The iCalendar text. */
  content: string;
  filename: string;
}

export interface OutgoingMessage {
  to: string;
  /** The recipient's name, for the email's To header. */
  toName?: string;
  subject: string | null;
  /** Plain text. */
  body: string;
  /** The same message as HTML, for email. */
  html?: string;
  attachments: Attachment[];
  calendar?: CalendarInvite;
  /** Stable per booking, step and channel: providers that support it drop a duplicate; email uses it for the Message-ID. */
  idempotencyKey: string;
}

/** What the provider said when it took the message. */
export interface SendReceipt {
  providerMessageId: string;
  /** The provider's first word on delivery: Twilio's `queued`/`accepted`, an SMTP server's `accepted`. */
  deliveryStatus?: string;
  /** E.g. the SMTP server's reply (`250 2.0.0 OK queued as ...`). */
  detail?: string;
}

export interface MessageSender {
  readonly provider: string;
  readonly channel: Channel;
  /** Email senders: the From mailbox, which is also the ORGANIZER of the calendar invites they carry. */
  readonly from?: Mailbox;
  send(message: OutgoingMessage): Promise<SendReceipt>;
}

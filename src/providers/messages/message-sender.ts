/**
 * One channel of outgoing messages. SMTP email and Twilio SMS implement it; the local sender writes
 * to the log.
 *
 * Failures: `ProviderFailure` (../provider-failure.ts) with `refused` (an invalid or unsubscribed
 * recipient: the message fails without retries, its code kept for operators) or `auth`; anything
 * else is retried.
 */
export type Channel = 'email' | 'sms';

export interface Attachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface OutgoingMessage {
  to: string;
  subject: string | null;
  /** Plain text. */
  body: string;
  /** The same message as HTML, for email. */
  html?: string;
  attachments: Attachment[];
  /** Providers that support it get this to drop a duplicate send. */
  idempotencyKey: string;
}

export interface MessageSender {
  readonly provider: string;
  readonly channel: Channel;
  send(message: OutgoingMessage): Promise<{ providerMessageId: string }>;
}

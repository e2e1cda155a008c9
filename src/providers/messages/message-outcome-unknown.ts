/**
 * The connection broke after the message may have been handed over (no answer to the final SMTP
 * `DATA`, a reset while Twilio was answering): it may or may not have gone out. Sending it again
 * could message the customer twice, so the notification is recorded as failed with this outcome and
 * never retried; an operator can see it and decide.
 */
export class MessageOutcomeUnknown extends Error {
  override readonly name = 'MessageOutcomeUnknown';

  constructor(
    readonly provider: string,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}

export function isMessageOutcomeUnknown(error: unknown): error is MessageOutcomeUnknown {
  return error instanceof MessageOutcomeUnknown;
}

/**
 * Every idempotency key of the booking saga, built from the booking id and the step, never from
 * randomness. Providers receive them (Stripe's Idempotency-Key, Google's event id, our unique columns),
 * so a retried activity or a crashed worker finds what the first attempt made instead of making a second.
 */

/** One key per hold attempt: a failed attempt's released row is never mistaken for a new hold. */
export function holdKey(bookingId: string, attempt: number): string {
  return `${bookingId}:hold:a${attempt}`;
}

/** One payment session per booking. */
export function paymentSessionKey(bookingId: string): string {
  return `${bookingId}:payment`;
}

/** One calendar event per booking; a reschedule moves it. */
export function calendarEventKey(bookingId: string): string {
  return `${bookingId}:calendar`;
}

/** The refund of a cancellation: a booking is cancelled once. */
export function cancellationRefundKey(bookingId: string): string {
  return `${bookingId}:refund:cancel`;
}

/** The refund of a payment the booking could not keep; shared with the late-payment workflow so only one of them refunds it. */
export function unkeptPaymentRefundKey(bookingId: string, paymentId: string): string {
  return `${bookingId}:refund:late:${paymentId}`;
}

/** Message steps. A step of a given revision is sent once per channel; a reschedule starts a new revision. */
export const MessageStep = {
  confirmation: (): string => 'confirmation',
  cancellation: (): string => 'cancellation',
  expired: (): string => 'expired',
  paymentFailed: (): string => 'payment-failed',
  rescheduled: (revision: number): string => `rescheduled-r${revision}`,
  reminder: (offsetMinutes: number, revision: number): string => `reminder-${offsetMinutes}m-r${revision}`,
  unkeptPaymentRefunded: (paymentId: string): string => `refund-late-${paymentId}`,
} as const;

/** The key a message provider gets for one message of one channel. */
export function messageKey(bookingId: string, step: string, channel: string): string {
  return `${bookingId}:${step}:${channel}`;
}

/**
 * The workflow that delivers one message step (all its channels) off the booking's path. Derived from
 * the step, so the booking starts it once: a second start is refused as already started.
 */
export function messageDeliveryWorkflowId(bookingId: string, step: string): string {
  return `message:${bookingId}:${step}`;
}

/** A refund made again after the provider reported `failedRefundId` failed: a failed refund's key cannot be used again. */
export function failedRefundRetryKey(bookingId: string, failedRefundId: string): string {
  return `${bookingId}:refund:again:${failedRefundId}`;
}

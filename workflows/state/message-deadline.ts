import { NotificationKind } from '../contract/activities';
import type { Instant } from '../contract/booking-types';

/** How long a message other than a reminder is still worth sending: a generous bound for a long provider outage. */
export const MESSAGE_DELIVERY_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * Until when a message is retried. A reminder is pointless once the appointment has started; any
 * other message (confirmation, cancellation with its refund, reschedule...) is worth sending for
 * `MESSAGE_DELIVERY_WINDOW_MS` after the booking handed it over.
 */
export function messageDeliverBy(kind: NotificationKind, appointmentStart: Instant, nowMs: number): Instant {
  const window = nowMs + MESSAGE_DELIVERY_WINDOW_MS;
  const until = kind === NotificationKind.REMINDER ? Math.min(Date.parse(appointmentStart), window) : window;
  return new Date(until).toISOString();
}

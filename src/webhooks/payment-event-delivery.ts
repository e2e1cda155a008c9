/**
 * Hands a verified payment provider event to its booking, once: the webhook routes of real providers
 * (Stripe, Payrexx) check `isWebhookEventRecorded` first, then call this. The signal goes first and the
 * event is recorded after, so the route answers 2xx only once Temporal has accepted the signal; if the
 * signal fails the provider retries and the event is still new, and if a retry races past the check the
 * workflow itself ignores an event id it has seen.
 */
import type { Kysely } from 'kysely';
import type { PaymentDelivery } from '../bookings/booking-client';
import type { Database } from '../db/schema';
import type { PaymentSignal } from '../../workflows/contract';
import { recordWebhookEvent } from './webhook-events.repository';

export interface PaymentEventDeliveryDeps {
  db: Kysely<Database>;
  bookings: { signalPayment(bookingId: string, signal: PaymentSignal): Promise<PaymentDelivery> };
}

export interface VerifiedPaymentEvent {
  provider: string;
  eventType: string;
  /** Null: the event concerns nothing of ours and is only remembered, so a repeat is a cheap duplicate. */
  bookingId: string | null;
  signal: PaymentSignal | null;
  payload: Record<string, unknown>;
}

export async function deliverPaymentEvent(deps: PaymentEventDeliveryDeps, event: VerifiedPaymentEvent & { eventId: string }): Promise<PaymentDelivery> {
  const outcome = event.bookingId !== null && event.signal !== null ? await deps.bookings.signalPayment(event.bookingId, event.signal) : 'ignored';
  await recordWebhookEvent(deps.db, {
    provider: event.provider,
    eventId: event.eventId,
    eventType: event.eventType,
    bookingId: event.bookingId,
    payload: event.payload,
  });
  return outcome;
}

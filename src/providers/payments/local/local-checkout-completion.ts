import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { markLocalSessionPaid, recordLocalSessionDecline, type LocalPaymentSession } from './local-payment-sessions.repository';
import type { LocalWebhookEvent } from './local-webhook-event';
import { enqueueLocalWebhook, type LocalWebhookOutboxRow } from './local-webhook-outbox.repository';

export interface CompleteInput {
  sessionId: string;
  /** The new event's id (`evt_…`); the API deduplicates deliveries by it. */
  eventId: string;
  now: Date;
  /** The webhook URL the event goes to. */
  endpointUrl: string;
  /** Queue the event claimed by the caller for this long, because it delivers it right away. */
  claimForMs?: number;
}

export interface Completed {
  session: LocalPaymentSession;
  event: LocalWebhookEvent;
  outbox: LocalWebhookOutboxRow;
}

function eventOf(session: LocalPaymentSession, input: CompleteInput, type: LocalWebhookEvent['type']): LocalWebhookEvent {
  return {
    id: input.eventId,
    type,
    created: Math.floor(input.now.getTime() / 1000),
    data: {
      sessionId: session.id,
      bookingId: session.booking_id,
      paymentId: type === 'payment.succeeded' ? session.payment_id : null,
      amountCents: session.amount_cents,
      currency: session.currency,
      ...(type === 'payment.failed' ? { reason: 'card_declined' } : {}),
    },
  };
}

/**
 * Pays an open session and queues its `payment.succeeded` event in one transaction: a paid session
 * always has its event on the way to the booking, however the delivery then fares. Null when the
 * session cannot be paid (unknown, paid already, expired).
 */
export async function payLocalCheckout(db: Kysely<Database>, input: CompleteInput & { paymentId: string }): Promise<Completed | null> {
  return db.transaction().execute(async (trx) => {
    const session = await markLocalSessionPaid(trx, input.sessionId, input.paymentId, input.now);
    if (!session) return null;
    const event = eventOf(session, input, 'payment.succeeded');
    const outbox = await enqueueLocalWebhook(trx, event, { endpointUrl: input.endpointUrl, ...claim(input) });
    return { session, event, outbox };
  });
}

/** Counts a declined attempt and queues its `payment.failed` event in one transaction; null when the session cannot take one. */
export async function declineLocalCheckout(db: Kysely<Database>, input: CompleteInput): Promise<Completed | null> {
  return db.transaction().execute(async (trx) => {
    const session = await recordLocalSessionDecline(trx, input.sessionId, input.now);
    if (!session) return null;
    const event = eventOf(session, input, 'payment.failed');
    const outbox = await enqueueLocalWebhook(trx, event, { endpointUrl: input.endpointUrl, ...claim(input) });
    return { session, event, outbox };
  });
}

const claim = (input: CompleteInput) => (input.claimForMs === undefined ? {} : { claimForMs: input.claimForMs });

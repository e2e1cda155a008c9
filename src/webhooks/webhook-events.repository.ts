import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

export interface WebhookEventInput {
  provider: string;
  eventId: string;
  eventType: string;
  bookingId: string | null;
  payload: Record<string, unknown>;
}

/** Remembers a provider event; a second delivery of the same (provider, event id) is a duplicate. */
export async function recordWebhookEvent(db: Db, event: WebhookEventInput): Promise<'new' | 'duplicate'> {
  const inserted = await db
    .insertInto('webhook_events')
    .values({
      provider: event.provider,
      event_id: event.eventId,
      event_type: event.eventType,
      booking_id: event.bookingId,
      payload: JSON.stringify(event.payload),
    })
    .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return inserted ? 'new' : 'duplicate';
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** Whether this provider event was already handled; the webhook route checks before it acts and records after. */
export async function isWebhookEventRecorded(db: Kysely<Database>, provider: string, eventId: string): Promise<boolean> {
  const row = await db
    .selectFrom('webhook_events')
    .select('event_id')
    .where('provider', '=', provider)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return row !== undefined;
}

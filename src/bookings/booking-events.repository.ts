import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Actor, BookingEvent, BookingStatus, HistoryEntry } from '../../workflows/contract';

type Db = Kysely<Database>;

export interface BookingEventRecord {
  bookingId: string;
  seq: number;
  status: BookingStatus;
  event: BookingEvent;
  actor: Actor;
  detail: string | null;
  at: string;
}

/** Inserts the audit row for one history entry; returns false when (booking, seq) was already recorded. */
export async function insertBookingEvent(db: Db, bookingId: string, seq: number, entry: HistoryEntry): Promise<boolean> {
  const inserted = await db
    .insertInto('booking_events')
    .values({
      booking_id: bookingId,
      seq,
      status: entry.status,
      event: entry.event,
      actor: entry.actor,
      detail: entry.detail ?? null,
      at: entry.at,
    })
    .onConflict((oc) => oc.columns(['booking_id', 'seq']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { NoteOnClosedBookingInput, NoteOnClosedBookingResult } from '../../workflows/contract';

/**
 * Writes what happened to a booking whose workflow has closed (nothing else will record it): one audit
 * row after the last one, and the attention flag on the read model. Safe to repeat: an activity retried
 * after its commit finds its own row (same event and detail) and writes nothing again.
 */
export async function noteOnClosedBooking(db: Kysely<Database>, note: NoteOnClosedBookingInput, at: Date): Promise<NoteOnClosedBookingResult> {
  return db.transaction().execute(async (trx) => {
    // Locks the booking's row, so two notes never take the same audit position.
    const booking = await trx.selectFrom('bookings').select(['status', 'attention']).where('id', '=', note.bookingId).forUpdate().executeTakeFirst();
    if (!booking) return { known: false, earlier: 0 };
    const rows = await trx.selectFrom('booking_events').select(['seq', 'event', 'detail']).where('booking_id', '=', note.bookingId).execute();
    const same = rows.filter((row) => row.event === note.event);
    const repeat = same.some((row) => row.detail === note.detail);
    if (!repeat) {
      const seq = rows.reduce((last, row) => Math.max(last, row.seq), -1) + 1;
      await trx
        .insertInto('booking_events')
        .values({ booking_id: note.bookingId, seq, status: booking.status, event: note.event, actor: note.actor, detail: note.detail, at: at.toISOString() })
        .execute();
    }
    if (note.attention && !booking.attention.includes(note.attention)) {
      await trx
        .updateTable('bookings')
        .set({ attention: sql`attention || ${JSON.stringify([note.attention])}::jsonb` })
        .where('id', '=', note.bookingId)
        .execute();
    }
    return { known: true, earlier: same.length - (repeat ? 1 : 0) };
  });
}

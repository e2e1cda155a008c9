import { BookingEvent, type BookingActivities } from '../workflows/contract';
import { insertBookingEvent } from '../src/bookings/booking-events.repository';
import { upsertBookingFromState } from '../src/bookings/bookings.repository';
import { upsertCustomer } from '../src/customers/customers.repository';
import type { ActivityDeps } from './activity-deps';

export function createRecordTransitionActivity({ db }: ActivityDeps): Pick<BookingActivities, 'recordTransition'> {
  return {
    async recordTransition({ booking, entry, seq }) {
      await db.transaction().execute(async (trx) => {
        // The (booking, seq) row is the once-only gate: counters move only with the first write of this entry.
        const firstTime = await insertBookingEvent(trx, booking.id, seq, entry);
        const customer = await upsertCustomer(trx, booking.customer, {
          bookings: firstTime && entry.event === BookingEvent.CREATED ? 1 : 0,
          noShows: firstTime && entry.event === BookingEvent.MARKED_NO_SHOW ? 1 : 0,
        });
        // Written even on a repeat: it is a projection of the latest state, and the repository ignores
        // a state older than the stored one.
        await upsertBookingFromState(trx, booking, customer.id);
      });
    },
  };
}

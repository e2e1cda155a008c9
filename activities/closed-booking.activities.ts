import type { BookingActivities } from '../workflows/contract';
import { noteOnClosedBooking } from '../src/bookings/closed-booking-notes.repository';
import type { ActivityDeps } from './activity-deps';

export function createClosedBookingActivities({ db }: ActivityDeps): Pick<BookingActivities, 'noteOnClosedBooking'> {
  return {
    noteOnClosedBooking: (note) => noteOnClosedBooking(db, note, new Date()),
  };
}

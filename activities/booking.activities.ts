import type { BookingActivities, MessageDeliveryActivities } from '../workflows/contract';
import type { ActivityDeps } from './activity-deps';
import { createCalendarActivities } from './calendar.activities';
import { createClosedBookingActivities } from './closed-booking.activities';
import { createNotificationActivities } from './notification.activities';
import { createPaymentActivities } from './payment.activities';
import { createRecordTransitionActivity } from './record-transition.activity';
import { createSlotHoldActivities } from './slot-holds.activities';

export type { ActivityDeps } from './activity-deps';

/** Every activity the booking workflow calls (and the SMS fallback workflow's), over the given database, providers and logger. */
export function createBookingActivities(deps: ActivityDeps): BookingActivities & MessageDeliveryActivities {
  return {
    ...createSlotHoldActivities(deps),
    ...createPaymentActivities(deps),
    ...createCalendarActivities(deps),
    ...createNotificationActivities(deps),
    ...createRecordTransitionActivity(deps),
    ...createClosedBookingActivities(deps),
  };
}

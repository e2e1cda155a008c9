import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '../workflows/failure-types';
import { SlotUnavailableError, confirmHold, insertHold, releaseHold } from '../src/holds/slot-holds.repository';
import type { BookingActivities } from './booking-activities.types';
import { type ActivityDeps, activityLogger } from './activity-deps';

export function createSlotHoldActivities({ db, logger }: ActivityDeps): Pick<BookingActivities, 'holdSlot' | 'releaseHold' | 'confirmHold'> {
  return {
    async holdSlot(input) {
      try {
        const hold = await insertHold(db, {
          bookingId: input.bookingId,
          holdKey: input.holdKey,
          resourceId: input.resourceId,
          start: new Date(input.start),
          end: new Date(input.end),
          bufferBeforeMinutes: input.bufferBeforeMinutes,
          bufferAfterMinutes: input.bufferAfterMinutes,
        });
        activityLogger(logger).info('slot held', { bookingId: input.bookingId, holdKey: input.holdKey, holdId: hold.id });
        return { holdId: hold.id };
      } catch (err) {
        // Retrying cannot free time another booking holds: the workflow must hear it at once.
        if (err instanceof SlotUnavailableError) throw ApplicationFailure.nonRetryable(err.message, FailureType.SLOT_UNAVAILABLE);
        throw err;
      }
    },

    async releaseHold(input) {
      await releaseHold(db, input.holdKey);
      activityLogger(logger).info('hold released', { bookingId: input.bookingId, holdKey: input.holdKey });
    },

    async confirmHold(input) {
      await confirmHold(db, input.holdKey);
    },
  };
}

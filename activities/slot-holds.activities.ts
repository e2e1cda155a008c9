import { ApplicationFailure } from '@temporalio/common';
import { FailureType, type BookingActivities } from '../workflows/contract';
import { HoldKeyConflictError, HoldNotLiveError, SlotUnavailableError, confirmHold, insertHold, releaseHold } from '../src/holds/slot-holds.repository';
import { type ActivityDeps, activityLogger } from './activity-deps';

/** Hold failures no retry can change, raised at once so the workflow hears them. */
function asHoldFailure(err: unknown): unknown {
  if (err instanceof SlotUnavailableError) return ApplicationFailure.nonRetryable(err.message, FailureType.SLOT_UNAVAILABLE);
  if (err instanceof HoldKeyConflictError) return ApplicationFailure.nonRetryable(err.message, FailureType.HOLD_KEY_CONFLICT);
  if (err instanceof HoldNotLiveError) return ApplicationFailure.nonRetryable(err.message, FailureType.HOLD_NOT_LIVE);
  return err;
}

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
        throw asHoldFailure(err);
      }
    },

    async releaseHold(input) {
      await releaseHold(db, input.holdKey);
      activityLogger(logger).info('hold released', { bookingId: input.bookingId, holdKey: input.holdKey });
    },

    async confirmHold(input) {
      try {
        await confirmHold(db, input.bookingId, input.holdKey);
      } catch (err) {
        throw asHoldFailure(err);
      }
    },
  };
}

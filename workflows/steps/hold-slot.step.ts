/** Step: hold the slot in `slot_holds` (the exclusion constraint refuses overlaps). Undo: release it. */
import { holdKey } from '../contract/idempotency-keys';
import type { Instant } from '../contract/booking-types';
import { confirmQuickActivities, quickActivities, undoActivities } from '../runtime/activities';
import type { BookingRun } from '../runtime/booking-run';

/**
 * Holds [start, end) plus the service's buffers under a key of its own (one per attempt, so a failed
 * attempt's released row can never be mistaken for this one). The undo is pushed first: an activity
 * that inserted the row and then timed out is still released.
 */
export async function holdSlot(run: BookingRun, slot: { start: Instant; end: Instant }): Promise<string> {
  const attempt = run.state.holdAttempts + 1;
  const key = holdKey(run.state.id, attempt);
  run.state = { ...run.state, holdAttempts: attempt };
  run.compensations.push({ step: 'hold', holdKey: key });
  await quickActivities.holdSlot({
    bookingId: run.state.id,
    holdKey: key,
    resourceId: run.state.resourceId,
    start: slot.start,
    end: slot.end,
    bufferBeforeMinutes: run.input.service.bufferBeforeMinutes,
    bufferAfterMinutes: run.input.service.bufferAfterMinutes,
  });
  return key;
}

/**
 * The hold becomes the booking: it keeps the time until released. Fails loudly (HOLD_NOT_LIVE) if it
 * is not live. After a payment it is retried until the database answers (`untilDone`); inside a
 * reschedule, whose caller waits, a few attempts.
 */
export async function confirmHold(run: BookingRun, key: string, options: { untilDone: boolean }): Promise<void> {
  const activities = options.untilDone ? confirmQuickActivities : quickActivities;
  await activities.confirmHold({ bookingId: run.state.id, holdKey: key });
}

/** Undo: frees the time. Safe when the hold is already released or was never made. */
export async function releaseHold(run: BookingRun, key: string): Promise<void> {
  await undoActivities.releaseHold({ bookingId: run.state.id, holdKey: key });
  if (run.state.holdKey === key) run.state = { ...run.state, holdKey: null };
}

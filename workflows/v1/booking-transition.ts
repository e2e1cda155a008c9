import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import { BookingResourceIdAttribute, BookingStartAttribute, BookingStatusAttribute } from './booking.contract';
import type { Actor, BookingEvent } from './booking-status';
import type { BookingState } from './booking.types';
import { recordActivities } from './booking-activities';
import { bookingDetailsMarkdown } from './booking-details';
import { type BookingRun, nowIso } from './booking-run';
import { applyTransition } from './booking-state';

/** Keeps what an operator sees in the Web UI (search attributes, details) in step with the state. */
export function publishBooking(run: BookingRun): void {
  upsertSearchAttributes([
    { key: BookingStatusAttribute, value: run.state.status },
    { key: BookingResourceIdAttribute, value: run.state.resourceId },
    { key: BookingStartAttribute, value: new Date(run.state.start) },
  ]);
  setCurrentDetails(bookingDetailsMarkdown(run.state, run.input));
}

/** Records an entry already in the history (the initial `created` one) in the read model. */
export async function recordHistoryEntry(run: BookingRun, seq: number): Promise<void> {
  const entry = run.state.history[seq];
  if (!entry) return;
  await recordActivities.recordTransition({ booking: run.state, entry, seq });
}

/**
 * The one way the workflow changes a booking's status: through the state machine, then the search
 * attributes and details, then the read model and audit trail.
 */
export async function transition(
  run: BookingRun,
  event: BookingEvent,
  actor: Actor,
  options: { detail?: string; changes?: Partial<Omit<BookingState, 'status' | 'history'>> } = {},
): Promise<void> {
  const applied = applyTransition(run.state, event, actor, nowIso(), options);
  run.state = applied.state;
  publishBooking(run);
  await recordActivities.recordTransition({ booking: applied.state, entry: applied.entry, seq: applied.seq });
}

import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import {
  BookingAttentionAttribute,
  BookingResourceIdAttribute,
  BookingStartAttribute,
  BookingStatusAttribute,
} from '../contract/search-attributes';
import type { Actor, BookingEvent } from '../contract/statuses';
import { recordActivities } from './activities';
import { bookingDetailsMarkdown } from '../state/booking-details';
import { type BookingRun, nowIso } from './booking-run';
import { applyTransition, type StateChanges } from '../state/booking-state';

/** Keeps what an operator sees in the Web UI (search attributes, details) in step with the state. */
export function publishBooking(run: BookingRun): void {
  const attention = run.state.attention.join(',');
  upsertSearchAttributes([
    { key: BookingStatusAttribute, value: run.state.status },
    { key: BookingResourceIdAttribute, value: run.state.resourceId },
    { key: BookingStartAttribute, value: new Date(run.state.start) },
    // Only when it changes: most bookings never need attention, and their histories stay as they were.
    ...(attention !== run.publishedAttention
      ? [{ key: BookingAttentionAttribute, value: run.state.attention.length > 0 ? [...run.state.attention] : null }]
      : []),
  ]);
  run.publishedAttention = attention;
  setCurrentDetails(bookingDetailsMarkdown(run.state, run.input));
}

/** Records an entry already in the history (the initial `created` one, or the last one again to project a change) in the read model. */
export async function recordHistoryEntry(run: BookingRun, seq: number): Promise<void> {
  const entry = run.state.history[seq];
  if (!entry) return;
  await recordActivities.recordTransition({ booking: run.state, entry, seq });
}

/** Publishes and projects a change that is not a transition (a payment attempt counted, refunds reported). */
export async function recordChange(run: BookingRun, changes: StateChanges): Promise<void> {
  run.state = { ...run.state, ...changes, updatedAt: nowIso() };
  publishBooking(run);
  await recordHistoryEntry(run, run.state.history.length - 1);
}

/**
 * The one way the workflow changes a booking's status: through the state machine, then the search
 * attributes and details, then the read model and audit trail.
 */
export async function transition(
  run: BookingRun,
  event: BookingEvent,
  actor: Actor,
  options: { detail?: string; changes?: StateChanges } = {},
): Promise<void> {
  const applied = applyTransition(run.state, event, actor, nowIso(), options);
  run.state = applied.state;
  publishBooking(run);
  await recordActivities.recordTransition({ booking: applied.state, entry: applied.entry, seq: applied.seq });
}

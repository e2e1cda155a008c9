import { nextStatus } from './booking-state-machine';
import { BookingEvent, BookingStatus, PaymentStatus, type Actor } from '../contract/statuses';
import type { BookingSnapshot, BookingState, BookingWorkflowInput, HistoryEntry, Instant } from '../contract/booking-types';
import { amountDueAtBooking } from './payment-amount';
import { refundWindowCloses } from './refund-policy';

/** The booking as it is when its workflow starts: PENDING, created by the customer. */
export function initialBookingState(input: BookingWorkflowInput, now: Instant): BookingState {
  const amountCents = amountDueAtBooking(input.service);
  return {
    id: input.bookingId,
    status: BookingStatus.PENDING,
    serviceId: input.service.id,
    resourceId: input.resource.id,
    start: input.start,
    end: input.end,
    customer: input.customer,
    notes: input.notes,
    payment: {
      status: amountCents > 0 ? PaymentStatus.PENDING : PaymentStatus.NOT_REQUIRED,
      amountCents,
      priceCents: input.service.priceCents,
      depositCents: amountCents < input.service.priceCents ? amountCents : 0,
      currency: input.service.currency.toUpperCase(),
      refundedCents: 0,
      provider: null,
      sessionId: null,
      checkoutUrl: null,
      clientSecret: null,
      paymentId: null,
      failedAttempts: 0,
    },
    history: [{ status: BookingStatus.PENDING, event: BookingEvent.CREATED, at: now, actor: 'customer' }],
    revision: 0,
    holdAttempts: 0,
    holdKey: null,
    refundableUntil: refundWindowCloses(input.start, input.service.refundWindowHours),
    calendarEventId: null,
    cancellationReason: null,
    pendingUndos: [],
    attention: [],
    createdAt: now,
    updatedAt: now,
  };
}

/** The booking without its history: what updates answer. */
export function snapshotOf(state: BookingState): BookingSnapshot {
  const { history: _history, ...snapshot } = state;
  return snapshot;
}

export type StateChanges = Partial<Omit<BookingState, 'status' | 'history'>>;

export interface AppliedTransition {
  state: BookingState;
  entry: HistoryEntry;
  /** Index of `entry` in the new state's history. */
  seq: number;
}

/**
 * Moves the booking through the state machine (throws InvalidTransitionError when it may not) and
 * appends the history entry. Returns a new state; `changes` are applied in the same step so the
 * recorded entry and the state never disagree.
 */
export function applyTransition(
  state: BookingState,
  event: BookingEvent,
  actor: Actor,
  now: Instant,
  options: { detail?: string; changes?: StateChanges } = {},
): AppliedTransition {
  const status = nextStatus(state.status, event);
  const entry: HistoryEntry = { status, event, at: now, actor };
  if (options.detail !== undefined) entry.detail = options.detail;
  const next: BookingState = {
    ...state,
    ...options.changes,
    status,
    history: [...state.history, entry],
    updatedAt: now,
  };
  return { state: next, entry, seq: next.history.length - 1 };
}

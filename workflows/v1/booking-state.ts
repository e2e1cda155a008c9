import { nextStatus } from './booking-state-machine';
import { BookingEvent, BookingStatus, PaymentStatus, type Actor } from './booking-status';
import type { BookingState, BookingWorkflowInput, HistoryEntry, Instant } from './booking.types';
import { amountDueAtBooking } from './payment-amount';

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
      currency: input.service.currency,
      refundedCents: 0,
      provider: null,
      sessionId: null,
      checkoutUrl: null,
      paymentId: null,
      failedAttempts: 0,
    },
    history: [{ status: BookingStatus.PENDING, event: BookingEvent.CREATED, at: now, actor: 'customer' }],
    revision: 0,
    calendarEventId: null,
    cancellationReason: null,
    createdAt: now,
    updatedAt: now,
  };
}

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
  options: { detail?: string; changes?: Partial<Omit<BookingState, 'status' | 'history'>> } = {},
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

/**
 * The no-op booking's state: the contract's `BookingState`, built and moved the way the real workflow
 * does it (a new object per transition, the history growing by one entry), so the query answer, the
 * update result and every `recordTransition` payload weigh what the product's do. No state machine:
 * the no-op only ever walks the happy path.
 */
import {
  BookingEvent,
  BookingStatus,
  PaymentStatus,
  type Actor,
  type BookingState,
  type BookingWorkflowInput,
  type HistoryEntry,
} from '../../../workflows/contract';

export function initialNoopState(input: BookingWorkflowInput, now: string): BookingState {
  const { service } = input;
  const amountCents = service.depositCents > 0 ? service.depositCents : service.priceCents;
  return {
    id: input.bookingId,
    status: BookingStatus.PENDING,
    serviceId: service.id,
    resourceId: input.resource.id,
    start: input.start,
    end: input.end,
    customer: input.customer,
    notes: input.notes,
    payment: {
      status: PaymentStatus.PENDING,
      amountCents,
      priceCents: service.priceCents,
      depositCents: service.depositCents,
      currency: service.currency,
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
    refundableUntil: new Date(Date.parse(input.start) - service.refundWindowHours * 3_600_000).toISOString(),
    calendarEventId: null,
    cancellationReason: null,
    pendingUndos: [],
    attention: [],
    createdAt: now,
    updatedAt: now,
  };
}

export interface NoopTransition {
  state: BookingState;
  entry: HistoryEntry;
  seq: number;
}

export function moveNoopState(
  state: BookingState,
  status: BookingStatus,
  event: BookingEvent,
  actor: Actor,
  now: string,
  changes: Partial<Omit<BookingState, 'status' | 'history'>> = {},
): NoopTransition {
  const entry: HistoryEntry = { status, event, at: now, actor };
  const next: BookingState = { ...state, ...changes, status, history: [...state.history, entry], updatedAt: now };
  return { state: next, entry, seq: next.history.length - 1 };
}

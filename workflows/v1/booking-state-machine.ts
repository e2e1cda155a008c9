/**
 * The booking state machine (ARCHITECTURE.md): the one table every status change goes through.
 * Pure: no workflow APIs, so the API can use `canApply` too and unit tests cover every edge.
 */
import { BookingEvent, BookingStatus } from './booking-status';

type Transitions = Partial<Record<BookingEvent, BookingStatus>>;

const S = BookingStatus;
const E = BookingEvent;

// LATE_PAYMENT_REFUNDED is a note, not a move: a payment that arrived for a booking no longer waiting
// for one was refunded; it keeps the status and is recorded in the history like any other event.
// UNMATCHED_PAYMENT_REFUNDED likewise: a payment of the wrong amount went back while payment is due.
const TABLE: Record<BookingStatus, Transitions> = {
  [S.PENDING]: {
    [E.PAYMENT_REQUESTED]: S.AWAITING_PAYMENT,
    [E.NO_PAYMENT_NEEDED]: S.CONFIRMED,
    [E.SLOT_TAKEN]: S.REJECTED,
    // The booking could not be set up (payment provider refused) or an operator cancelled it.
    [E.CONFIRMATION_FAILED]: S.CANCELLED,
    [E.CANCELLED]: S.CANCELLED,
  },
  [S.AWAITING_PAYMENT]: {
    [E.PAID]: S.CONFIRMED,
    [E.PAYMENT_DEADLINE_PASSED]: S.EXPIRED,
    [E.CANCELLED]: S.CANCELLED,
    [E.PAYMENT_FAILED]: S.PAYMENT_FAILED,
    [E.RESCHEDULED]: S.AWAITING_PAYMENT,
    [E.UNMATCHED_PAYMENT_REFUNDED]: S.AWAITING_PAYMENT,
  },
  [S.CONFIRMED]: {
    [E.APPOINTMENT_OVER]: S.COMPLETED,
    [E.MARKED_NO_SHOW]: S.NO_SHOW,
    [E.CANCELLED]: S.CANCELLED,
    [E.RESCHEDULED]: S.CONFIRMED,
    [E.CONFIRMATION_FAILED]: S.CANCELLED,
    [E.LATE_PAYMENT_REFUNDED]: S.CONFIRMED,
  },
  [S.COMPLETED]: { [E.MARKED_NO_SHOW]: S.NO_SHOW, [E.LATE_PAYMENT_REFUNDED]: S.COMPLETED },
  [S.NO_SHOW]: { [E.LATE_PAYMENT_REFUNDED]: S.NO_SHOW },
  [S.CANCELLED]: { [E.LATE_PAYMENT_REFUNDED]: S.CANCELLED },
  [S.EXPIRED]: { [E.LATE_PAYMENT_REFUNDED]: S.EXPIRED },
  [S.REJECTED]: { [E.LATE_PAYMENT_REFUNDED]: S.REJECTED },
  [S.PAYMENT_FAILED]: { [E.LATE_PAYMENT_REFUNDED]: S.PAYMENT_FAILED },
};

export type TransitionResult =
  | { ok: true; status: BookingStatus }
  | { ok: false; type: 'INVALID_TRANSITION'; message: string };

export function transitionFor(status: BookingStatus, event: BookingEvent): TransitionResult {
  const to = TABLE[status][event];
  if (to === undefined) {
    return { ok: false, type: 'INVALID_TRANSITION', message: `A ${status} booking cannot take the event '${event}'` };
  }
  return { ok: true, status: to };
}

export function canApply(status: BookingStatus, event: BookingEvent): boolean {
  return transitionFor(status, event).ok;
}

export class InvalidTransitionError extends Error {
  readonly type = 'INVALID_TRANSITION';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTransitionError';
  }
}

/** The new status, or an InvalidTransitionError (its `type` matches FailureType.INVALID_TRANSITION). */
export function nextStatus(status: BookingStatus, event: BookingEvent): BookingStatus {
  const result = transitionFor(status, event);
  if (!result.ok) throw new InvalidTransitionError(result.message);
  return result.status;
}

/** Every (from, event, to) the table allows: for tests and documentation. */
export function allowedTransitions(): Array<{ from: BookingStatus; event: BookingEvent; to: BookingStatus }> {
  return (Object.keys(TABLE) as BookingStatus[]).flatMap((from) =>
    (Object.entries(TABLE[from]) as Array<[BookingEvent, BookingStatus]>).map(([event, to]) => ({ from, event, to })),
  );
}

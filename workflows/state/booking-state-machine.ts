/**
 * The booking state machine (ARCHITECTURE.md): the one table every status change goes through.
 * Pure: no workflow APIs, so the API can use `canApply` too and unit tests cover every edge.
 */
import { BookingEvent, BookingStatus, NOTE_EVENTS } from '../contract/statuses';

type Transitions = Partial<Record<BookingEvent, BookingStatus>>;

const S = BookingStatus;
const E = BookingEvent;

// Note events (late payment refunded, compensation failing / done) never move the status and are
// allowed in every status: they record what happened to the booking's money or undos.
// UNMATCHED_PAYMENT_REFUNDED likewise keeps the booking waiting for the right payment.
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
  },
  [S.COMPLETED]: { [E.MARKED_NO_SHOW]: S.NO_SHOW },
  [S.NO_SHOW]: {},
  [S.CANCELLED]: {},
  [S.EXPIRED]: {},
  [S.REJECTED]: {},
  [S.PAYMENT_FAILED]: {},
};

export type TransitionResult =
  | { ok: true; status: BookingStatus }
  | { ok: false; type: 'INVALID_TRANSITION'; message: string };

export function transitionFor(status: BookingStatus, event: BookingEvent): TransitionResult {
  if (NOTE_EVENTS.includes(event)) return { ok: true, status };
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

/** Every (from, event, to) the table allows, note events left out: for tests and documentation. */
export function allowedTransitions(): Array<{ from: BookingStatus; event: BookingEvent; to: BookingStatus }> {
  return (Object.keys(TABLE) as BookingStatus[]).flatMap((from) =>
    (Object.entries(TABLE[from]) as Array<[BookingEvent, BookingStatus]>).map(([event, to]) => ({ from, event, to })),
  );
}

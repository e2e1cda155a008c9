import type { CompensationStack } from './compensation-stack';
import type { BookingState, BookingWorkflowInput, RefundChoice } from './booking.types';
import { initialBookingState } from './booking-state';
import { workflowCompensationStack } from './workflow-compensation-stack';
import { WorkflowMutex } from './workflow-mutex';

export const DEFAULT_MAX_PAYMENT_ATTEMPTS = 3;
export const DEFAULT_NO_SHOW_GRACE_MINUTES = 1440;
export const DEFAULT_LATE_PAYMENT_GRACE_MINUTES = 60;

export type InitialPhase =
  | { kind: 'running' }
  | { kind: 'done' }
  | { kind: 'failed'; type: string; message: string };

/** Everything one booking workflow run holds, shared by its phases and handlers. */
export interface BookingRun {
  readonly input: BookingWorkflowInput;
  state: BookingState;
  readonly compensations: CompensationStack;
  /** Held by every step that changes the booking, so handlers and timers never interleave. */
  readonly mutex: WorkflowMutex;
  initialPhase: InitialPhase;
  readonly seenPaymentEvents: Set<string>;
  readonly sentReminderKeys: Set<string>;
  /** Read by the refund undo when the stack unwinds. */
  refundChoice: RefundChoice;
  readonly maxPaymentAttempts: number;
  readonly noShowGraceMinutes: number;
  readonly latePaymentGraceMinutes: number;
}

export function createBookingRun(input: BookingWorkflowInput): BookingRun {
  return {
    input,
    state: initialBookingState(input, new Date().toISOString()),
    compensations: workflowCompensationStack(),
    mutex: new WorkflowMutex(),
    initialPhase: { kind: 'running' },
    seenPaymentEvents: new Set(),
    sentReminderKeys: new Set(),
    refundChoice: 'policy',
    maxPaymentAttempts: input.maxPaymentAttempts ?? DEFAULT_MAX_PAYMENT_ATTEMPTS,
    noShowGraceMinutes: input.noShowGraceMinutes ?? DEFAULT_NO_SHOW_GRACE_MINUTES,
    latePaymentGraceMinutes: input.latePaymentGraceMinutes ?? DEFAULT_LATE_PAYMENT_GRACE_MINUTES,
  };
}

export function holdKeyFor(bookingId: string, revision: number): string {
  return `${bookingId}:hold:r${revision}`;
}

export function currentHoldKey(run: BookingRun): string {
  return holdKeyFor(run.state.id, run.state.revision);
}

export function nowIso(): string {
  return new Date().toISOString();
}

import { workflowInfo } from '@temporalio/workflow';
import type { BookingState, BookingWorkflowInput, RefundChoice, RefundLedger } from '../contract/booking-types';
import { CompensationStack } from '../state/compensation-stack';
import { initialBookingState } from '../state/booking-state';
import { WorkflowMutex } from './mutex';

export const DEFAULT_MAX_PAYMENT_ATTEMPTS = 3;
export const DEFAULT_NO_SHOW_GRACE_MINUTES = 1440;
export const DEFAULT_LATE_PAYMENT_GRACE_MINUTES = 60;

export type InitialPhase =
  | { kind: 'running' }
  | { kind: 'done' }
  | { kind: 'failed'; type: string; message: string };

/** Everything one booking workflow run holds, shared by its phases, steps and handlers. */
export interface BookingRun {
  readonly input: BookingWorkflowInput;
  state: BookingState;
  readonly compensations: CompensationStack;
  /** Held by every step that changes the booking, so handlers and timers never interleave. */
  readonly mutex: WorkflowMutex;
  initialPhase: InitialPhase;
  /** Whether the confirmation step (hold booked, calendar event, message) has run. */
  confirmed: boolean;
  readonly seenPaymentEvents: Set<string>;
  /** Refund reports that arrived before their payment was kept (webhooks come in any order), by payment id. */
  readonly refundReports: Map<string, number>;
  /** What the provider reported refunded, refund by refund, on each payment the booking knows (issue 6). */
  readonly refundLedgers: Map<string, RefundLedger>;
  /** Payments given back already, so a second event announcing one does not refund (and record) it again. */
  readonly unkeptPayments: Set<string>;
  readonly sentReminderKeys: Set<string>;
  /** A pending undo is being retried right now (continue-as-new waits for it to finish). */
  undoInFlight: boolean;
  /** Read by the refund undo when the stack unwinds. */
  refundChoice: RefundChoice;
  /** The attention flags last sent as a search attribute, so it is only upserted when it changes. */
  publishedAttention: string;
  readonly maxPaymentAttempts: number;
  readonly noShowGraceMinutes: number;
  readonly latePaymentGraceMinutes: number;
}

/** A new run: the booking as it starts, or as the previous run handed it over (continue-as-new). */
export function createBookingRun(input: BookingWorkflowInput): BookingRun {
  const carried = input.carried;
  return {
    input,
    state: carried ? carried.state : initialBookingState(input, new Date().toISOString()),
    compensations: new CompensationStack(carried?.compensations ?? []),
    mutex: new WorkflowMutex(),
    initialPhase: carried ? { kind: 'done' } : { kind: 'running' },
    confirmed: carried?.confirmed ?? false,
    seenPaymentEvents: new Set(carried?.seenPaymentEvents ?? []),
    refundReports: new Map(Object.entries(carried?.refundReports ?? {})),
    refundLedgers: new Map(Object.entries(carried?.refundLedgers ?? {})),
    unkeptPayments: new Set(carried?.unkeptPayments ?? []),
    sentReminderKeys: new Set(carried?.sentReminderKeys ?? []),
    undoInFlight: false,
    refundChoice: 'policy',
    publishedAttention: '',
    maxPaymentAttempts: input.maxPaymentAttempts ?? DEFAULT_MAX_PAYMENT_ATTEMPTS,
    noShowGraceMinutes: input.noShowGraceMinutes ?? DEFAULT_NO_SHOW_GRACE_MINUTES,
    latePaymentGraceMinutes: input.latePaymentGraceMinutes ?? DEFAULT_LATE_PAYMENT_GRACE_MINUTES,
  };
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** Whether this run's history should end here and the booking go on in a new run. */
export function historyIsLong(run: BookingRun): boolean {
  const info = workflowInfo();
  const limit = run.input.continueAsNewAfterEvents;
  return info.continueAsNewSuggested || (limit !== undefined && info.historyLength >= limit);
}

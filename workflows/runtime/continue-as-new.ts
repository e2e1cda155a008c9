import { allHandlersFinished, condition, continueAsNew } from '@temporalio/workflow';
import type { BookingState, BookingWorkflowInput } from '../contract/booking-types';
import { type BookingRun, historyIsLong } from './booking-run';

type BookingWorkflowFunction = (input: BookingWorkflowInput) => Promise<BookingState>;

/**
 * Waits for `done` like `condition`, but hands the booking to a new run first when the history has
 * grown long (Temporal's suggestion, or `continueAsNewAfterEvents`). Every long wait of the booking
 * goes through here, so no booking can reach Temporal's history limit, where the server would
 * terminate it with its hold live and its payment unrefunded.
 */
export async function waitOrContinueAsNew(run: BookingRun, done: () => boolean, timeoutMs?: number): Promise<boolean> {
  const finished =
    timeoutMs === undefined
      ? await condition(() => done() || historyIsLong(run)).then(() => true)
      : await condition(() => done() || historyIsLong(run), timeoutMs);
  if (done() || !finished) return done();
  await continueAsNewNow(run);
  return false;
}

/**
 * Continue-as-new carrying everything the booking knows as data: its state, the payment events it
 * has seen, the reminders it sent and the compensation stack. Waits until no handler or undo is
 * running, so nothing is cut off halfway.
 */
export async function continueAsNewNow(run: BookingRun): Promise<never> {
  await condition(() => allHandlersFinished() && !run.undoInFlight);
  const next: BookingWorkflowInput = {
    ...run.input,
    carried: {
      state: run.state,
      seenPaymentEvents: [...run.seenPaymentEvents],
      refundReports: Object.fromEntries(run.refundReports),
      refundLedgers: Object.fromEntries(run.refundLedgers),
      unkeptPayments: [...run.unkeptPayments],
      sentReminderKeys: [...run.sentReminderKeys],
      compensations: run.compensations.toArray(),
      confirmed: run.confirmed,
    },
  };
  return continueAsNew<BookingWorkflowFunction>(next);
}

/**
 * Running the saga's undos. `unwind` pops the compensation stack newest first and runs each undo;
 * one that still fails after its quick attempts is not dropped but becomes a pending undo: shown to
 * operators (history, details, the `BookingAttention` search attribute, the read model) and retried
 * on durable timers until it succeeds (`keepRetryingPendingUndos`). Nothing is recorded as done
 * before it is.
 */
import { CancellationScope, condition, sleep } from '@temporalio/workflow';
import type { PendingUndo, Undo } from '../contract/booking-types';
import { BookingEvent, PaymentStatus } from '../contract/statuses';
import { releaseHold } from '../steps/hold-slot.step';
import { expirePaymentSession } from '../steps/payment-session.step';
import { cancellationRefundAmount, type FailedRefund, refundAgain, refundForCancellation, refundUnkeptPayment, type UnkeptPayment } from '../steps/payment.step';
import { deleteCalendarEvent } from '../steps/calendar-event.step';
import { undoRetryDelayMs } from '../state/undo-retry-schedule';
import type { BookingRun } from './booking-run';
import { errorMessage, isStepFailure } from './failures';
import { nowIso } from './booking-run';
import { recordChange, transition } from './record';

export const COMPENSATION_FAILING = 'compensation-failing';

const UNDO_NAMES: Record<Undo['step'], string> = {
  hold: 'release-hold',
  'payment-session': 'expire-payment-session',
  payment: 'refund',
  'calendar-event': 'delete-calendar-event',
  'unkept-payment': 'refund-unkept-payment',
  'failed-refund': 'refund-again',
};

/** Runs every undo on the stack, newest first, shielded from cancellation. */
export function unwind(run: BookingRun): Promise<void> {
  return CancellationScope.nonCancellable(async () => {
    for (let undo = run.compensations.pop(); undo !== undefined; undo = run.compensations.pop()) {
      await attemptUndo(run, undo);
    }
  });
}

/** Runs one undo now; on failure it joins the pending undos. True when it is done. */
export async function attemptUndo(run: BookingRun, undo: Undo): Promise<boolean> {
  const amountCents = undo.step === 'payment' ? cancellationRefundAmount(run) : undefined;
  if (amountCents === 0) return true;
  try {
    await runUndo(run, undo, amountCents);
    return true;
  } catch (error) {
    if (!isStepFailure(error)) throw error;
    await addPendingUndo(run, {
      name: UNDO_NAMES[undo.step],
      undo,
      ...(amountCents !== undefined ? { amountCents } : {}),
      attempts: 1,
      lastError: errorMessage(error),
      since: nowIso(),
    });
    return false;
  }
}

async function runUndo(run: BookingRun, undo: Undo, amountCents: number | undefined): Promise<void> {
  switch (undo.step) {
    case 'hold':
      return releaseHold(run, undo.holdKey);
    case 'payment-session': {
      const closed = await expirePaymentSession(run, { atDeadline: false });
      // Paid while the booking was ending: the booking cannot keep it, so it goes back in full.
      if (closed.outcome === 'paid') {
        await attemptUndo(run, {
          step: 'unkept-payment',
          provider: run.state.payment.provider ?? '',
          paymentId: closed.paymentId,
          amountCents: closed.amountCents,
          currency: closed.currency,
          reason: `payment ${closed.paymentId} arrived on a session the booking was closing`,
        });
      }
      return;
    }
    case 'payment':
      return refundForCancellation(run, amountCents ?? 0);
    case 'calendar-event':
      return deleteCalendarEvent(run, undo.eventKey);
    case 'unkept-payment':
      await refundUnkeptPayment(run, undo as UnkeptPayment);
      return;
    case 'failed-refund':
      await refundAgain(run, undo as FailedRefund);
      return;
  }
}

async function addPendingUndo(run: BookingRun, pending: PendingUndo): Promise<void> {
  const attention = run.state.attention.includes(COMPENSATION_FAILING) ? run.state.attention : [...run.state.attention, COMPENSATION_FAILING];
  const owesOnPayment = pending.undo.step === 'payment' || (pending.undo.step === 'failed-refund' && pending.undo.paymentId === run.state.payment.paymentId);
  const payment = owesOnPayment ? { ...run.state.payment, status: PaymentStatus.REFUND_PENDING } : run.state.payment;
  await transition(run, BookingEvent.COMPENSATION_FAILING, 'system', {
    detail: `${pending.name} failed, retrying: ${pending.lastError}`,
    changes: { pendingUndos: [...run.state.pendingUndos, pending], attention, payment },
  });
}

/**
 * Runs for the whole life of the booking: whenever undos are pending, waits (5 s, doubling, at most
 * 10 minutes) and tries each again. Never gives up; never cancelled, so an operator's cancellation of
 * the workflow cannot strand a refund either.
 */
export function keepRetryingPendingUndos(run: BookingRun): Promise<void> {
  return CancellationScope.nonCancellable(async () => {
    for (;;) {
      await condition(() => run.state.pendingUndos.length > 0);
      const fewestAttempts = Math.min(...run.state.pendingUndos.map((pending) => pending.attempts));
      await sleep(undoRetryDelayMs(fewestAttempts));
      await run.mutex.runExclusive(() => retryPendingUndos(run));
    }
  });
}

async function retryPendingUndos(run: BookingRun): Promise<void> {
  for (const pending of [...run.state.pendingUndos]) {
    run.undoInFlight = true;
    try {
      await runUndo(run, pending.undo, pending.amountCents);
      const rest = run.state.pendingUndos.filter((other) => other !== pending);
      await transition(run, BookingEvent.COMPENSATION_DONE, 'system', {
        detail: `${pending.name} succeeded after ${pending.attempts + 1} attempts`,
        changes: {
          pendingUndos: rest,
          attention: rest.length > 0 ? run.state.attention : run.state.attention.filter((flag) => flag !== COMPENSATION_FAILING),
        },
      });
    } catch (error) {
      if (!isStepFailure(error)) throw error;
      const updated: PendingUndo = { ...pending, attempts: pending.attempts + 1, lastError: errorMessage(error) };
      await recordChange(run, { pendingUndos: run.state.pendingUndos.map((other) => (other === pending ? updated : other)) });
    } finally {
      run.undoInFlight = false;
    }
  }
}

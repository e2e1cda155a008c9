import { condition, isCancellation, log } from '@temporalio/workflow';
import { BookingEvent, PaymentStatus } from './booking-status';
import type { PaymentSignal } from './booking.types';
import { bookingActivities } from './booking-activities';
import { EXPIRE_SESSION, pushRefund } from './booking-compensations';
import { errorMessage } from './booking-failures';
import { isAwaitingPayment, paymentDeadline } from './booking-initial-phase';
import { notify } from './booking-notify';
import type { BookingRun } from './booking-run';
import { publishBooking, transition } from './booking-transition';

/** AWAITING_PAYMENT: wait for the payment signal (handled below) or the deadline timer. */
export async function runPaymentPhase(run: BookingRun): Promise<void> {
  const settled = await condition(() => !isAwaitingPayment(run), Math.max(1, paymentDeadline(run) - Date.now()));
  if (settled) return;
  await run.mutex.runExclusive(async () => {
    if (!isAwaitingPayment(run)) return;
    await run.compensations.unwind();
    await notify(run, 'expired', 'expired', { amountCents: run.state.payment.amountCents });
    await transition(run, BookingEvent.PAYMENT_DEADLINE_PASSED, 'system', {
      changes: { payment: { ...run.state.payment, status: PaymentStatus.EXPIRED } },
    });
  });
}

/** The `payment` signal: one provider event, applied once (by event id) under the booking's lock. */
export async function handlePaymentSignal(run: BookingRun, signal: PaymentSignal): Promise<void> {
  if (run.seenPaymentEvents.has(signal.eventId)) return;
  run.seenPaymentEvents.add(signal.eventId);
  await run.mutex.runExclusive(() =>
    signal.kind === 'succeeded' ? onPaymentSucceeded(run, signal) : onPaymentFailed(run, signal),
  );
}

async function onPaymentSucceeded(run: BookingRun, signal: PaymentSignal): Promise<void> {
  const paymentId = signal.paymentId ?? signal.sessionId ?? signal.eventId;
  // The same payment reported by a second provider event (a different event id).
  if (run.state.payment.paymentId === paymentId) return;
  if (!isAwaitingPayment(run)) {
    await refundUnkeptPayment(run, signal, paymentId, BookingEvent.LATE_PAYMENT_REFUNDED, `payment arrived for a ${run.state.status} booking`);
    return;
  }
  // A payment that does not cover what is due (another amount or currency) does not confirm the
  // booking: it goes back, and the customer may still pay the right amount before the deadline.
  if (!coversAmountDue(run, signal)) {
    await refundUnkeptPayment(
      run,
      signal,
      paymentId,
      BookingEvent.UNMATCHED_PAYMENT_REFUNDED,
      `payment of ${signal.amountCents} ${signal.currency} does not match ${run.state.payment.amountCents} ${run.state.payment.currency} due`,
    );
    return;
  }
  // The session is used up: from now on a cancellation refunds instead of expiring it.
  run.compensations.drop(EXPIRE_SESSION);
  pushRefund(run);
  await transition(run, BookingEvent.PAID, 'customer', {
    detail: `payment ${paymentId}`,
    changes: {
      payment: { ...run.state.payment, status: PaymentStatus.PAID, provider: signal.provider, paymentId },
    },
  });
}

async function onPaymentFailed(run: BookingRun, signal: PaymentSignal): Promise<void> {
  // A decline for a booking no longer waiting for payment changes nothing.
  if (!isAwaitingPayment(run)) return;
  const failedAttempts = run.state.payment.failedAttempts + 1;
  run.state = { ...run.state, payment: { ...run.state.payment, failedAttempts } };
  if (failedAttempts < run.maxPaymentAttempts) {
    publishBooking(run);
    return;
  }
  await run.compensations.unwind();
  const reason = signal.reason ?? 'payment declined';
  await notify(run, 'payment_failed', 'payment-failed', { reason, amountCents: run.state.payment.amountCents });
  await transition(run, BookingEvent.PAYMENT_FAILED, 'system', {
    detail: `${failedAttempts} declined attempts, last: ${reason}`,
    changes: { payment: { ...run.state.payment, status: PaymentStatus.FAILED } },
  });
}

function coversAmountDue(run: BookingRun, signal: PaymentSignal): boolean {
  return (
    signal.currency.toUpperCase() === run.state.payment.currency.toUpperCase() &&
    signal.amountCents === run.state.payment.amountCents
  );
}

/** A payment the booking cannot keep (it no longer waits for one, or the amount is wrong) goes back. */
async function refundUnkeptPayment(
  run: BookingRun,
  signal: PaymentSignal,
  paymentId: string,
  event: typeof BookingEvent.LATE_PAYMENT_REFUNDED | typeof BookingEvent.UNMATCHED_PAYMENT_REFUNDED,
  reason: string,
): Promise<void> {
  try {
    const refund = await bookingActivities.refundPayment({
      bookingId: run.state.id,
      idempotencyKey: `${run.state.id}:refund:late:${paymentId}`,
      provider: signal.provider,
      paymentId,
      amountCents: signal.amountCents,
      currency: signal.currency,
      reason,
    });
    await transition(run, event, 'system', {
      detail: `refunded payment ${paymentId}: ${refund.amountCents} ${signal.currency} (refund ${refund.refundId}): ${reason}`,
    });
    await notify(run, 'refund', `refund-late-${paymentId}`, {
      amountCents: signal.amountCents,
      refundedCents: refund.amountCents,
    });
  } catch (error) {
    if (isCancellation(error)) throw error;
    // A signal handler must not fail the workflow; the payment id is in the log for an operator.
    log.error('Late payment could not be refunded', { paymentId, error: errorMessage(error) });
  }
}

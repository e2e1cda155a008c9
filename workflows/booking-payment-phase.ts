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
    await refundLatePayment(run, signal, paymentId);
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

/** A payment for a booking that no longer waits for one (expired, cancelled, already paid) goes back. */
async function refundLatePayment(run: BookingRun, signal: PaymentSignal, paymentId: string): Promise<void> {
  try {
    const refund = await bookingActivities.refundPayment({
      bookingId: run.state.id,
      idempotencyKey: `${run.state.id}:refund:late:${paymentId}`,
      provider: signal.provider,
      paymentId,
      amountCents: signal.amountCents,
      currency: signal.currency,
      reason: `payment arrived for a ${run.state.status} booking`,
    });
    await transition(run, BookingEvent.LATE_PAYMENT_REFUNDED, 'system', {
      detail: `refunded late payment ${paymentId}: ${refund.amountCents} ${signal.currency} (refund ${refund.refundId})`,
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

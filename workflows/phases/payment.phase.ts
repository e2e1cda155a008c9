import { BookingEvent, BookingStatus, PaymentStatus } from '../contract/statuses';
import { MessageStep } from '../contract/idempotency-keys';
import type { BookingRun } from '../runtime/booking-run';
import { unwind } from '../runtime/compensations';
import { waitOrContinueAsNew } from '../runtime/continue-as-new';
import { transition } from '../runtime/record';
import { isStep } from '../state/compensation-stack';
import { notify } from '../steps/notify.step';
import { expirePaymentSession, paymentDeadline } from '../steps/payment-session.step';
import { acceptPayment } from '../steps/payment.step';

export const isAwaitingPayment = (run: BookingRun): boolean => run.state.status === BookingStatus.AWAITING_PAYMENT;

/** AWAITING_PAYMENT: wait for the payment signal (handlers/payment-signal.ts) or the deadline timer. */
export async function runPaymentPhase(run: BookingRun): Promise<void> {
  const settled = await waitOrContinueAsNew(run, () => !isAwaitingPayment(run), Math.max(1, paymentDeadline(run) - Date.now()));
  if (settled) return;
  await run.mutex.runExclusive(async () => {
    if (!isAwaitingPayment(run)) return;
    await closeAtDeadline(run);
  });
}

/**
 * The deadline: close the payment session BEFORE letting the slot go. A session that turns out to be
 * paid (the customer paid as the clock ran out, or its webhook never arrived) is the payment: the
 * hold is still live, so the booking is kept.
 */
async function closeAtDeadline(run: BookingRun): Promise<void> {
  const closed = await expirePaymentSession(run, { atDeadline: true });
  run.compensations.drop(isStep('payment-session'));
  if (closed.outcome === 'paid' && closed.amountCents === run.state.payment.amountCents) {
    await acceptPayment(run, {
      provider: run.state.payment.provider ?? '',
      paymentId: closed.paymentId,
      actor: 'system',
      detail: `payment ${closed.paymentId} found on the session when it was closed at the deadline`,
    });
    return;
  }
  if (closed.outcome === 'paid') {
    // Paid, but not what is due: it goes back with the rest of the booking (and not again when its webhook comes).
    run.unkeptPayments.add(closed.paymentId);
    run.compensations.push({
      step: 'unkept-payment',
      provider: run.state.payment.provider ?? '',
      paymentId: closed.paymentId,
      amountCents: closed.amountCents,
      currency: closed.currency,
      reason: `payment of ${closed.amountCents} ${closed.currency} does not match the ${run.state.payment.amountCents} ${run.state.payment.currency} due`,
    });
  }
  await unwind(run);
  await notify(run, 'expired', MessageStep.expired(), { amountCents: run.state.payment.amountCents });
  await transition(run, BookingEvent.PAYMENT_DEADLINE_PASSED, 'system', {
    changes: { payment: { ...run.state.payment, status: PaymentStatus.EXPIRED } },
  });
}

import { log, patched } from '@temporalio/workflow';
import type { PaymentSignal } from '../contract/booking-types';
import { MessageStep } from '../contract/idempotency-keys';
import { BookingEvent, PaymentStatus } from '../contract/statuses';
import type { BookingRun } from '../runtime/booking-run';
import { recordChange, transition } from '../runtime/record';
import { attemptUndo, unwind } from '../runtime/compensations';
import { isAwaitingPayment } from '../phases/payment.phase';
import { notify } from '../steps/notify.step';
import { acceptPayment, type UnkeptPayment } from '../steps/payment.step';
import { applyRefundReport, REFUND_LEDGER } from '../steps/refund-report.step';
import { remakeFailedRefunds } from './refund-failed.handler';

/** Histories from before this change refunded (keyed, so at most once) and recorded a repeat again; replay keeps that. */
const ONE_REFUND_PER_UNKEPT_PAYMENT = 'one-refund-per-unkept-payment';

/** The `payment` signal: one provider event, applied once (by event id) under the booking's lock. */
export async function handlePaymentSignal(run: BookingRun, signal: PaymentSignal): Promise<void> {
  if (run.seenPaymentEvents.has(signal.eventId)) return;
  run.seenPaymentEvents.add(signal.eventId);
  await run.mutex.runExclusive(async () => {
    switch (signal.kind) {
      case 'succeeded':
        return onPaymentSucceeded(run, signal);
      case 'failed':
        return onPaymentFailed(run, signal);
      case 'refunded':
      case 'refund_failed':
        // Since `refund-ledger`: refunds by id, a failed one lowers the total and is made again.
        if (signal.paymentId !== null && patched(REFUND_LEDGER)) return remakeFailedRefunds(run, signal, signal.paymentId);
        return signal.kind === 'refunded' ? onRefundReported(run, signal) : flagForOperator(run, signal);
      case 'disputed':
        return flagForOperator(run, signal);
      case 'processing':
        // A delayed method (bank debit) started: the booking keeps waiting for its outcome.
        log.info('Payment processing', { paymentId: signal.paymentId });
        return;
    }
  });
}

async function onPaymentSucceeded(run: BookingRun, signal: PaymentSignal): Promise<void> {
  const paymentId = signal.paymentId ?? signal.sessionId ?? signal.eventId;
  // The same payment announced by a second provider event (a different event id) is one payment.
  if (run.state.payment.paymentId === paymentId) return;
  if (!isAwaitingPayment(run)) {
    await giveBack(run, signal, paymentId, BookingEvent.LATE_PAYMENT_REFUNDED, `payment arrived for a ${run.state.status} booking`);
    return;
  }
  // A payment that does not cover what is due (another amount or currency) does not confirm the
  // booking: it goes back, and the customer may still pay the right amount before the deadline.
  if (!coversAmountDue(run, signal)) {
    await giveBack(
      run,
      signal,
      paymentId,
      BookingEvent.UNMATCHED_PAYMENT_REFUNDED,
      `payment of ${signal.amountCents} ${signal.currency} does not match ${run.state.payment.amountCents} ${run.state.payment.currency} due`,
    );
    return;
  }
  await acceptPayment(run, { provider: signal.provider, paymentId, actor: 'customer', detail: `payment ${paymentId}` });
}

async function onPaymentFailed(run: BookingRun, signal: PaymentSignal): Promise<void> {
  // A decline for a booking no longer waiting for payment changes nothing.
  if (!isAwaitingPayment(run)) return;
  const failedAttempts = run.state.payment.failedAttempts + 1;
  if (failedAttempts < run.maxPaymentAttempts) {
    await recordChange(run, { payment: { ...run.state.payment, failedAttempts } });
    return;
  }
  run.state = { ...run.state, payment: { ...run.state.payment, failedAttempts } };
  await unwind(run);
  const reason = signal.reason ?? 'payment declined';
  await notify(run, 'payment_failed', MessageStep.paymentFailed(), { reason, amountCents: run.state.payment.amountCents });
  await transition(run, BookingEvent.PAYMENT_FAILED, 'system', {
    detail: `${failedAttempts} declined attempts, last: ${reason}`,
    changes: { payment: { ...run.state.payment, status: PaymentStatus.FAILED } },
  });
}

/** Before `refund-ledger`: the provider's largest total refunded on the booking's payment is what the booking shows. */
async function onRefundReported(run: BookingRun, signal: PaymentSignal): Promise<void> {
  if (signal.refundedCents === undefined) return;
  await applyRefundReport(run, signal.paymentId, signal.refundedCents);
}

async function flagForOperator(run: BookingRun, signal: PaymentSignal): Promise<void> {
  const flag = signal.kind === 'disputed' ? 'disputed' : 'refund-failed';
  if (run.state.attention.includes(flag)) return;
  log.warn('Payment needs an operator', { flag, paymentId: signal.paymentId, reason: signal.reason });
  await recordChange(run, { attention: [...run.state.attention, flag] });
}

function coversAmountDue(run: BookingRun, signal: PaymentSignal): boolean {
  return (
    signal.currency.toUpperCase() === run.state.payment.currency.toUpperCase() &&
    signal.amountCents === run.state.payment.amountCents
  );
}

/** A payment the booking cannot keep (it no longer waits for one, or the amount is wrong) goes back in full. */
async function giveBack(
  run: BookingRun,
  signal: PaymentSignal,
  paymentId: string,
  event: typeof BookingEvent.LATE_PAYMENT_REFUNDED | typeof BookingEvent.UNMATCHED_PAYMENT_REFUNDED,
  reason: string,
): Promise<void> {
  // The same payment announced again (Checkout's session event, then its PaymentIntent's) goes back once.
  if (run.unkeptPayments.has(paymentId) && patched(ONE_REFUND_PER_UNKEPT_PAYMENT)) return;
  run.unkeptPayments.add(paymentId);
  const unkept: UnkeptPayment = { step: 'unkept-payment', provider: signal.provider, paymentId, amountCents: signal.amountCents, currency: signal.currency, reason };
  // One that fails is not forgotten: it stays pending, retried until it succeeds and shown to operators.
  if (!(await attemptUndo(run, unkept))) return;
  await transition(run, event, 'system', { detail: `refunded payment ${paymentId}: ${signal.amountCents} ${signal.currency}: ${reason}` });
  await notify(run, 'refund', MessageStep.unkeptPaymentRefunded(paymentId), { amountCents: signal.amountCents, refundedCents: signal.amountCents });
}

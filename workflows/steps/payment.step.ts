/**
 * Step: keep the customer's payment (the booking is paid). Undo: refund what the refund policy allows.
 * Beside them, the full refund of a payment the booking cannot keep. Refunds are keyed, so a retry
 * never refunds twice.
 */
import { patched } from '@temporalio/workflow';
import type { Undo } from '../contract/booking-types';
import { cancellationRefundKey, failedRefundRetryKey, unkeptPaymentRefundKey } from '../contract/idempotency-keys';
import { type Actor, BookingEvent, PaymentStatus } from '../contract/statuses';
import { undoActivities } from '../runtime/activities';
import type { BookingRun } from '../runtime/booking-run';
import { transition } from '../runtime/record';
import { isStep } from '../state/compensation-stack';
import { refundAmount } from '../state/refund-policy';
import { applyEarlyRefundReport, noteOwnRefund, REFUND_LEDGER } from './refund-report.step';

export interface KeptPayment {
  provider: string;
  paymentId: string;
  actor: Actor;
  detail: string;
}

/** The booking is paid: the session is used up (a cancellation now refunds instead of expiring it). */
export async function acceptPayment(run: BookingRun, payment: KeptPayment): Promise<void> {
  run.compensations.drop(isStep('payment-session'));
  run.compensations.push({ step: 'payment' });
  await transition(run, BookingEvent.PAID, payment.actor, {
    detail: payment.detail,
    changes: {
      payment: { ...run.state.payment, status: PaymentStatus.PAID, provider: payment.provider, paymentId: payment.paymentId },
    },
  });
  await applyEarlyRefundReport(run);
}

/** What the cancellation refunds now, by `run.refundChoice` and the booking's refund deadline. 0: nothing to do. */
export function cancellationRefundAmount(run: BookingRun): number {
  const payment = run.state.payment;
  if (!payment.provider || !payment.paymentId) return 0;
  return refundAmount({
    paidCents: payment.amountCents,
    refundedCents: payment.refundedCents,
    refundableUntil: run.state.refundableUntil,
    now: new Date(),
    choice: run.refundChoice,
  });
}

export async function refundForCancellation(run: BookingRun, amountCents: number): Promise<void> {
  const payment = run.state.payment;
  if (amountCents <= 0 || !payment.provider || !payment.paymentId) return;
  const refund = await undoActivities.refundPayment({
    bookingId: run.state.id,
    idempotencyKey: cancellationRefundKey(run.state.id),
    provider: payment.provider,
    paymentId: payment.paymentId,
    amountCents,
    currency: payment.currency,
    reason: run.state.cancellationReason ?? 'booking cancelled',
  });
  // Known by its id, so the provider's later report of it (succeeded, or failed) is told apart from others.
  if (patched(REFUND_LEDGER)) {
    noteOwnRefund(run, payment.paymentId, refund);
    return;
  }
  const refundedCents = payment.refundedCents + refund.amountCents;
  run.state = {
    ...run.state,
    payment: {
      ...run.state.payment,
      refundedCents,
      status: refundedCents >= payment.amountCents ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED,
    },
  };
}

export type UnkeptPayment = Extract<Undo, { step: 'unkept-payment' }>;

/** Gives a payment the booking cannot keep back in full. Returns the refund's id. */
export async function refundUnkeptPayment(run: BookingRun, payment: UnkeptPayment): Promise<string> {
  const refund = await refundInFull(run, unkeptPaymentRefundKey(run.state.id, payment.paymentId), payment);
  return refund.refundId;
}

/** The whole of what an undo owes on one payment, back under its own key. */
function refundInFull(run: BookingRun, idempotencyKey: string, owed: UnkeptPayment | FailedRefund) {
  return undoActivities.refundPayment({
    bookingId: run.state.id,
    idempotencyKey,
    provider: owed.provider,
    paymentId: owed.paymentId,
    amountCents: owed.amountCents,
    currency: owed.currency,
    reason: owed.reason,
  });
}

export type FailedRefund = Extract<Undo, { step: 'failed-refund' }>;

/**
 * Makes a refund the provider reported failed again: the money went back to the merchant, the customer
 * is still owed it. A failed refund's key cannot be used again, so this one has its own.
 */
export async function refundAgain(run: BookingRun, failed: FailedRefund): Promise<string> {
  const refund = await refundInFull(run, failedRefundRetryKey(run.state.id, failed.failedRefundId), failed);
  noteOwnRefund(run, failed.paymentId, refund);
  return refund.refundId;
}

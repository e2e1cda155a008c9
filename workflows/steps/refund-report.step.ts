/**
 * The provider's own count of what it refunded on the booking's payment (Stripe's `charge.refunded`,
 * `refund.updated`; Payrexx's refunded total) is what the booking shows. Webhooks come in any order, so
 * a report can arrive before the event of the payment it concerns: it is kept, and applied when the
 * booking keeps that payment, instead of being dropped for a payment the booking does not know yet.
 */
import { patched } from '@temporalio/workflow';
import { PaymentStatus } from '../contract/statuses';
import type { BookingRun } from '../runtime/booking-run';
import { recordChange } from '../runtime/record';

/** Histories from before this change dropped an early report; replaying them must still do so. */
const KEEP_EARLY_REFUND_REPORTS = 'keep-early-refund-reports';

export async function applyRefundReport(run: BookingRun, paymentId: string | null, reportedCents: number): Promise<void> {
  const payment = run.state.payment;
  if (paymentId === null) return;
  if (paymentId !== payment.paymentId) {
    if (reportedCents > 0 && patched(KEEP_EARLY_REFUND_REPORTS)) {
      run.refundReports.set(paymentId, Math.max(run.refundReports.get(paymentId) ?? 0, reportedCents));
    }
    return;
  }
  // A total never goes down: an older report delivered late changes nothing.
  const refundedCents = Math.max(payment.refundedCents, reportedCents);
  if (refundedCents === payment.refundedCents) return;
  const status = refundedCents >= payment.amountCents ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
  await recordChange(run, { payment: { ...payment, refundedCents, status } });
}

/** Once the booking keeps a payment: a refund reported for it before is applied now. */
export async function applyEarlyRefundReport(run: BookingRun): Promise<void> {
  const paymentId = run.state.payment.paymentId;
  const reported = paymentId === null ? undefined : run.refundReports.get(paymentId);
  if (reported === undefined || paymentId === null) return;
  run.refundReports.delete(paymentId);
  await applyRefundReport(run, paymentId, reported);
}

/**
 * The provider's own count of what it refunded on the booking's payment (Stripe's `charge.refunded`,
 * `refund.updated`, `refund.failed`; Payrexx's refunded total) is what the booking shows. Webhooks come
 * in any order, so a report can arrive before the event of the payment it concerns: it is kept, and
 * applied when the booking keeps that payment, instead of being dropped for a payment the booking does
 * not know yet.
 *
 * Since `refund-ledger` each payment has a ledger (state/refund-ledger.ts): refunds by id in their
 * furthest reported state, so a refund reported failed lowers the total, and a stale report cannot
 * raise it again. Before it, the booking kept the largest total ever reported.
 */
import { patched } from '@temporalio/workflow';
import type { PaymentSignal, PaymentState, RefundLedger } from '../contract/booking-types';
import { PaymentStatus } from '../contract/statuses';
import type { BookingRun } from '../runtime/booking-run';
import { recordChange } from '../runtime/record';
import { emptyRefundLedger, refundedPaymentStatus, refundedTotal, withOwnRefund, withRefundReport, withReportedTotal } from '../state/refund-ledger';

/** Histories from before this change dropped an early report; replaying them must still do so. */
const KEEP_EARLY_REFUND_REPORTS = 'keep-early-refund-reports';

/** Histories from before this change kept the largest refunded total reported, which never went down (issue 6). */
export const REFUND_LEDGER = 'refund-ledger';

/** The ledger of a payment: the one kept, or one started from what the booking showed before it had ledgers. */
export function ledgerOf(run: BookingRun, paymentId: string): RefundLedger {
  const kept = run.state.payment.paymentId === paymentId ? run.state.payment.refundedCents : 0;
  return run.refundLedgers.get(paymentId) ?? emptyRefundLedger(Math.max(kept, run.refundReports.get(paymentId) ?? 0));
}

/** The booking's payment as its ledger shows it; unchanged when the ledger is about another payment. */
function paymentShowing(run: BookingRun, paymentId: string): PaymentState {
  const payment = run.state.payment;
  if (payment.paymentId !== paymentId) return payment;
  const refundedCents = refundedTotal(ledgerOf(run, paymentId));
  if (refundedCents === payment.refundedCents) return payment;
  return { ...payment, refundedCents, status: refundedPaymentStatus(refundedCents, payment.amountCents) };
}

/**
 * A provider's refund report, into the payment's ledger; the booking's payment shows the result. Returns
 * the ledger before the report, so the caller sees what changed (a refund newly failed).
 */
export async function applyRefundSignal(run: BookingRun, signal: PaymentSignal, paymentId: string): Promise<RefundLedger> {
  const before = ledgerOf(run, paymentId);
  let ledger = signal.refundedCents !== undefined ? withReportedTotal(before, signal.refundedCents) : before;
  if (signal.refund) ledger = withRefundReport(ledger, signal.refund);
  run.refundLedgers.set(paymentId, ledger);
  const payment = paymentShowing(run, paymentId);
  if (payment !== run.state.payment) await recordChange(run, { payment });
  return before;
}

/** A refund the booking just made, in its payment's ledger and on the booking's payment (recorded by the caller). */
export function noteOwnRefund(run: BookingRun, paymentId: string, refund: { refundId: string; amountCents: number }): void {
  run.refundLedgers.set(paymentId, withOwnRefund(ledgerOf(run, paymentId), refund.refundId, refund.amountCents));
  run.state = { ...run.state, payment: paymentShowing(run, paymentId) };
}

/** Before `refund-ledger`: a reported total, kept when it is larger than the one shown. */
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
  // Only bookings on `refund-ledger` have ledgers: what was reported for this payment shows now.
  if (paymentId !== null && run.refundLedgers.has(paymentId)) {
    const payment = paymentShowing(run, paymentId);
    if (payment !== run.state.payment) await recordChange(run, { payment });
    return;
  }
  const reported = paymentId === null ? undefined : run.refundReports.get(paymentId);
  if (reported === undefined || paymentId === null) return;
  run.refundReports.delete(paymentId);
  await applyRefundReport(run, paymentId, reported);
}

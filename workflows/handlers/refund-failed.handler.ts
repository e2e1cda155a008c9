/**
 * A provider's refund report (issue 6, since `refund-ledger`): the payment's ledger takes it and the
 * booking shows what the provider reports refunded. A refund reported failed (the money went back to
 * the merchant) lowers that total, flags the booking for an operator with the provider's reason, and,
 * when the booking made that refund, is made again under a new key: through the undo machinery, so a
 * refund that cannot be made now becomes a pending undo retried on durable timers and shown to operators.
 * A refund someone made in the provider's dashboard is left to them: flagged, not made again.
 */
import { log } from '@temporalio/workflow';
import type { PaymentSignal } from '../contract/booking-types';
import { BookingEvent } from '../contract/statuses';
import type { BookingRun } from '../runtime/booking-run';
import { attemptUndo } from '../runtime/compensations';
import { transition } from '../runtime/record';
import { isFailed, markRemade, MAX_REFUND_REMAKES, refundsLeftToOperator, refundsToRemake } from '../state/refund-ledger';
import type { FailedRefund } from '../steps/payment.step';
import { applyRefundSignal, ledgerOf } from '../steps/refund-report.step';

export const REFUND_FAILED_FLAG = 'refund-failed';

function money(cents: number, currency: string): string {
  return `${(cents / 100).toFixed(2)} ${currency}`;
}

export async function remakeFailedRefunds(run: BookingRun, signal: PaymentSignal, paymentId: string): Promise<void> {
  const before = await applyRefundSignal(run, signal, paymentId);
  const report = signal.refund;
  const wasFailed = report !== undefined && before.refunds[report.refundId] !== undefined && isFailed(before.refunds[report.refundId]!);
  // The same failure told twice (`refund.updated` and `refund.failed`) is one failure.
  if (signal.kind !== 'refund_failed' || wasFailed) return;
  await flagRefundFailed(run, signal, paymentId);

  const owesOnPayment = paymentId === run.state.payment.paymentId || run.unkeptPayments.has(paymentId);
  if (!owesOnPayment) return;
  for (const failed of refundsToRemake(ledgerOf(run, paymentId))) {
    run.refundLedgers.set(paymentId, markRemade(ledgerOf(run, paymentId), failed.refundId));
    const kept = paymentId === run.state.payment.paymentId;
    const undo: FailedRefund = {
      step: 'failed-refund',
      provider: (kept ? run.state.payment.provider : null) ?? signal.provider,
      paymentId,
      failedRefundId: failed.refundId,
      amountCents: failed.amountCents,
      currency: kept ? run.state.payment.currency : signal.currency,
      reason: `refund ${failed.refundId} failed, made again`,
    };
    // One that cannot be made now is not lost: it stays pending, retried until it succeeds.
    if (!(await attemptUndo(run, undo))) continue;
    await transition(run, BookingEvent.REFUND_REMADE, 'system', { detail: `refund ${failed.refundId} made again: ${money(failed.amountCents, undo.currency)}` });
  }
}

async function flagRefundFailed(run: BookingRun, signal: PaymentSignal, paymentId: string): Promise<void> {
  const attention = run.state.attention.includes(REFUND_FAILED_FLAG) ? run.state.attention : [...run.state.attention, REFUND_FAILED_FLAG];
  const leftToOperator = refundsLeftToOperator(ledgerOf(run, paymentId));
  const what = signal.refund ? `refund ${signal.refund.refundId} of ${money(signal.refund.amountCents, signal.currency)}` : 'a refund';
  const detail =
    `${what} on payment ${paymentId} failed: ${signal.reason ?? 'no reason given'}` +
    (leftToOperator.length > 0 ? `; not made again (${MAX_REFUND_REMAKES} made again already): refund ${leftToOperator.join(', ')} another way` : '');
  log.warn('Refund failed', { paymentId, refundId: signal.refund?.refundId, reason: signal.reason });
  await transition(run, BookingEvent.REFUND_FAILED, 'provider', { detail, changes: { attention } });
}

/** Step: open the payment session (checkout page or Payment Element). Undo: close it, and find out whether it was paid. */
import type { ExpirePaymentSessionResult, PaymentSessionRef } from '../contract/activities';
import { paymentSessionKey } from '../contract/idempotency-keys';
import { PaymentStatus } from '../contract/statuses';
import { appointmentTimeText } from '../state/appointment-time';
import { deadlineActivities, quickActivities, undoActivities } from '../runtime/activities';
import type { BookingRun } from '../runtime/booking-run';

export function paymentDeadline(run: BookingRun): number {
  return Date.parse(run.state.createdAt) + run.input.service.paymentWindowMinutes * 60_000;
}

export async function openPaymentSession(run: BookingRun): Promise<PaymentSessionRef> {
  const { input, state } = run;
  const sessionKey = paymentSessionKey(state.id);
  run.compensations.push({ step: 'payment-session', sessionKey });
  return quickActivities.createPaymentSession({
    bookingId: state.id,
    idempotencyKey: sessionKey,
    amountCents: state.payment.amountCents,
    currency: state.payment.currency,
    description: `${input.service.name} with ${input.resource.name}, ${appointmentTimeText(state.start, input.resource.timeZone)}`,
    customerEmail: state.customer.email,
    expiresAt: new Date(paymentDeadline(run)).toISOString(),
    ...(input.paymentMode ? { mode: input.paymentMode } : {}),
  });
}

/**
 * Closes the session by its id or, when the workflow never learned the id, by its key. `paid` means
 * the customer paid before it closed: the caller must keep or refund that payment, never drop it.
 * At the deadline this is retried until the provider answers; as an undo it gets a few attempts and
 * then joins the pending undos.
 */
export async function expirePaymentSession(run: BookingRun, options: { atDeadline: boolean }): Promise<ExpirePaymentSessionResult> {
  const activities = options.atDeadline ? deadlineActivities : undoActivities;
  const result = await activities.expirePaymentSession({
    provider: run.state.payment.provider,
    sessionId: run.state.payment.sessionId,
    idempotencyKey: paymentSessionKey(run.state.id),
    bookingId: run.state.id,
  });
  if (result.outcome === 'expired' && run.state.payment.status === PaymentStatus.PENDING) {
    run.state = { ...run.state, payment: { ...run.state.payment, status: PaymentStatus.EXPIRED } };
  }
  return result;
}

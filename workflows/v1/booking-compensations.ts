/**
 * The undos of the booking saga, pushed before their forward steps. Each reads the booking as it is
 * when the stack unwinds, so it undoes exactly what happened (and nothing when nothing did).
 */
import { PaymentStatus } from './booking-status';
import { bookingActivities, quickActivities } from './booking-activities';
import type { BookingRun } from './booking-run';
import { refundAmount } from './refund-policy';

export const EXPIRE_SESSION = 'expire payment session';
export const REFUND_PAYMENT = 'refund payment';
export const DELETE_CALENDAR_EVENT = 'delete calendar event';

export function releaseHoldUndoName(holdKey: string): string {
  return `release hold ${holdKey}`;
}

export function pushReleaseHold(run: BookingRun, holdKey: string): void {
  run.compensations.push(releaseHoldUndoName(holdKey), () =>
    quickActivities.releaseHold({ bookingId: run.state.id, holdKey }),
  );
}

export function pushExpireSession(run: BookingRun): void {
  run.compensations.push(EXPIRE_SESSION, async () => {
    const { provider, sessionId, status } = run.state.payment;
    if (!provider || !sessionId || status !== PaymentStatus.PENDING) return;
    await bookingActivities.expirePaymentSession({ provider, sessionId });
    run.state = { ...run.state, payment: { ...run.state.payment, status: PaymentStatus.EXPIRED } };
  });
}

/** Refunds what `run.refundChoice` allows of the captured payment; records the refunded amount on the state. */
export function pushRefund(run: BookingRun): void {
  run.compensations.push(REFUND_PAYMENT, async () => {
    const payment = run.state.payment;
    if (!payment.provider || !payment.paymentId) return;
    const amountCents = refundAmount({
      paidCents: payment.amountCents,
      refundedCents: payment.refundedCents,
      start: run.state.start,
      now: new Date(),
      refundWindowHours: run.input.service.refundWindowHours,
      choice: run.refundChoice,
    });
    if (amountCents <= 0) return;
    const refund = await bookingActivities.refundPayment({
      bookingId: run.state.id,
      idempotencyKey: `${run.state.id}:refund:cancel`,
      provider: payment.provider,
      paymentId: payment.paymentId,
      amountCents,
      currency: payment.currency,
      reason: run.state.cancellationReason ?? 'booking cancelled',
    });
    const refundedCents = payment.refundedCents + refund.amountCents;
    run.state = {
      ...run.state,
      payment: {
        ...payment,
        refundedCents,
        status: refundedCents >= payment.amountCents ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED,
      },
    };
  });
}

export function pushDeleteCalendarEvent(run: BookingRun): void {
  run.compensations.push(DELETE_CALENDAR_EVENT, async () => {
    const eventId = run.state.calendarEventId;
    if (!eventId) return;
    await bookingActivities.deleteCalendarEvent({ eventId, resourceId: run.state.resourceId });
    run.state = { ...run.state, calendarEventId: null };
  });
}

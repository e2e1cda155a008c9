import { ActivityFailure, isCancellation, log } from '@temporalio/workflow';
import { BookingEvent, BookingStatus, PaymentStatus } from './booking-status';
import { appointmentTimeText } from './appointment-time';
import { quickActivities } from './booking-activities';
import { pushExpireSession, pushReleaseHold } from './booking-compensations';
import { errorMessage, isFailureOfType, applicationFailureOf } from './booking-failures';
import { type BookingRun, currentHoldKey } from './booking-run';
import { publishBooking, recordHistoryEntry, transition } from './booking-transition';
import { FailureType } from './failure-types';

/**
 * PENDING: hold the slot, then either confirm (free) or open a payment session. Ends with
 * `run.initialPhase` settled, which is what the createBooking update waits for.
 */
export async function runInitialPhase(run: BookingRun): Promise<void> {
  // Taken before the first await: no handler may touch the booking before it is held.
  await run.mutex.runExclusive(async () => {
    publishBooking(run);
    await recordHistoryEntry(run, 0);
    try {
      await holdAndRequestPayment(run);
      run.initialPhase = { kind: 'done' };
    } catch (error) {
      if (isFailureOfType(error, FailureType.SLOT_UNAVAILABLE)) {
        await run.compensations.unwind();
        await transition(run, BookingEvent.SLOT_TAKEN, 'system', { detail: errorMessage(error) });
        run.initialPhase = { kind: 'failed', type: FailureType.SLOT_UNAVAILABLE, message: errorMessage(error) };
        return;
      }
      // A bug in workflow code or a cancellation is not a refusal: let it surface.
      if (isCancellation(error) || !(error instanceof ActivityFailure)) throw error;
      // The payment provider (or the database, after every retry) refused: give the slot back.
      log.error('Booking could not be set up', { error: errorMessage(error) });
      await run.compensations.unwind();
      await transition(run, BookingEvent.CONFIRMATION_FAILED, 'system', {
        detail: errorMessage(error),
        changes: { cancellationReason: 'booking could not be set up' },
      });
      run.initialPhase = {
        kind: 'failed',
        type: applicationFailureOf(error)?.type ?? FailureType.PAYMENT_PROVIDER_REJECTED,
        message: errorMessage(error),
      };
    }
  });
}

async function holdAndRequestPayment(run: BookingRun): Promise<void> {
  const { input } = run;
  const holdKey = currentHoldKey(run);
  pushReleaseHold(run, holdKey);
  await quickActivities.holdSlot({
    bookingId: run.state.id,
    holdKey,
    resourceId: run.state.resourceId,
    start: run.state.start,
    end: run.state.end,
    bufferBeforeMinutes: input.service.bufferBeforeMinutes,
    bufferAfterMinutes: input.service.bufferAfterMinutes,
  });

  if (run.state.payment.amountCents <= 0) {
    await transition(run, BookingEvent.NO_PAYMENT_NEEDED, 'system');
    return;
  }

  pushExpireSession(run);
  const expiresAt = new Date(paymentDeadline(run)).toISOString();
  const session = await quickActivities.createPaymentSession({
    bookingId: run.state.id,
    idempotencyKey: `${run.state.id}:payment`,
    amountCents: run.state.payment.amountCents,
    currency: run.state.payment.currency,
    description: `${input.service.name} with ${input.resource.name}, ${appointmentTimeText(run.state.start, input.resource.timeZone)}`,
    customerEmail: run.state.customer.email,
    expiresAt,
  });
  await transition(run, BookingEvent.PAYMENT_REQUESTED, 'system', {
    detail: `payment due by ${expiresAt}`,
    changes: {
      payment: {
        ...run.state.payment,
        status: PaymentStatus.PENDING,
        provider: session.provider,
        sessionId: session.sessionId,
        checkoutUrl: session.checkoutUrl,
      },
    },
  });
}

export function paymentDeadline(run: BookingRun): number {
  return Date.parse(run.state.createdAt) + run.input.service.paymentWindowMinutes * 60_000;
}

export function isAwaitingPayment(run: BookingRun): boolean {
  return run.state.status === BookingStatus.AWAITING_PAYMENT;
}

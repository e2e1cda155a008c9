import { log } from '@temporalio/workflow';
import { FailureType } from '../contract/failure-types';
import { BookingEvent, PaymentStatus } from '../contract/statuses';
import type { BookingRun } from '../runtime/booking-run';
import { unwind } from '../runtime/compensations';
import { applicationFailureOf, errorMessage, isFailureOfType, isStepFailure } from '../runtime/failures';
import { publishBooking, recordHistoryEntry, transition } from '../runtime/record';
import { holdSlot } from '../steps/hold-slot.step';
import { openPaymentSession, paymentDeadline } from '../steps/payment-session.step';

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
        await unwind(run);
        await transition(run, BookingEvent.SLOT_TAKEN, 'system', { detail: errorMessage(error) });
        run.initialPhase = { kind: 'failed', type: FailureType.SLOT_UNAVAILABLE, message: errorMessage(error) };
        return;
      }
      // A bug in workflow code or a cancellation is not a refusal: let it surface.
      if (!isStepFailure(error)) throw error;
      // The payment provider (or the database, after every retry) refused: give the slot back.
      log.error('Booking could not be set up', { error: errorMessage(error) });
      await unwind(run);
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
  const key = await holdSlot(run, { start: run.state.start, end: run.state.end });
  run.state = { ...run.state, holdKey: key };

  if (run.state.payment.amountCents <= 0) {
    await transition(run, BookingEvent.NO_PAYMENT_NEEDED, 'system');
    return;
  }

  const session = await openPaymentSession(run);
  await transition(run, BookingEvent.PAYMENT_REQUESTED, 'system', {
    detail: `payment due by ${new Date(paymentDeadline(run)).toISOString()}`,
    changes: {
      payment: {
        ...run.state.payment,
        status: PaymentStatus.PENDING,
        provider: session.provider,
        sessionId: session.sessionId,
        checkoutUrl: session.checkoutUrl,
        clientSecret: session.clientSecret ?? null,
      },
    },
  });
}

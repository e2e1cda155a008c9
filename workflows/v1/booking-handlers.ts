import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import {
  cancelBookingUpdate,
  createBookingUpdate,
  getBookingQuery,
  markNoShowUpdate,
  paymentSignal,
  rescheduleBookingUpdate,
} from './booking.contract';
import { BookingEvent } from './booking-status';
import type { CreateBookingResult } from './booking.types';
import { cancelBooking } from './booking-cancel';
import { invalidTransition } from './booking-failures';
import { cancelRefusal, noShowRefusal, rescheduleRefusal } from './booking-guards';
import { handlePaymentSignal } from './booking-payment-phase';
import { rescheduleBooking } from './booking-reschedule';
import type { BookingRun } from './booking-run';
import { transition } from './booking-transition';

const initialPhaseSettled = (run: BookingRun) => () => run.initialPhase.kind !== 'running';

/** Registered before the workflow's first await, so update-with-start finds its handler. */
export function registerBookingHandlers(run: BookingRun): void {
  setHandler(getBookingQuery, () => run.state);

  setHandler(paymentSignal, async (signal) => {
    await condition(initialPhaseSettled(run));
    await handlePaymentSignal(run, signal);
  });

  setHandler(createBookingUpdate, async (): Promise<CreateBookingResult> => {
    await condition(initialPhaseSettled(run));
    const phase = run.initialPhase;
    if (phase.kind === 'failed') {
      throw ApplicationFailure.create({ type: phase.type, message: phase.message, nonRetryable: true });
    }
    return { booking: run.state, checkoutUrl: run.state.payment.checkoutUrl };
  });

  setHandler(
    cancelBookingUpdate,
    async (request) => {
      await condition(initialPhaseSettled(run));
      return cancelBooking(run, { reason: request.reason, actor: request.actor, refund: request.refund });
    },
    { validator: (_request) => refuseWith(cancelRefusal(run.state)) },
  );

  setHandler(
    rescheduleBookingUpdate,
    async (request) => {
      await condition(initialPhaseSettled(run));
      return rescheduleBooking(run, request);
    },
    { validator: (request) => refuseWith(rescheduleRefusal(run.state, request, Date.now())) },
  );

  setHandler(
    markNoShowUpdate,
    async (request) => {
      await condition(initialPhaseSettled(run));
      return run.mutex.runExclusive(async () => {
        refuseWith(noShowRefusal(run.state, Date.now(), run.noShowGraceMinutes));
        await transition(run, BookingEvent.MARKED_NO_SHOW, request.actor);
        return run.state;
      });
    },
    { validator: (_request) => refuseWith(noShowRefusal(run.state, Date.now(), run.noShowGraceMinutes)) },
  );
}

function refuseWith(refusal: string | null): void {
  if (refusal) throw invalidTransition(refusal);
}

import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import type { CreateBookingResult } from '../contract/booking-types';
import { FailureType } from '../contract/failure-types';
import {
  cancelBookingUpdate,
  createBookingUpdate,
  getBookingQuery,
  markNoShowUpdate,
  paymentSignal,
  rescheduleBookingUpdate,
} from '../contract/messages';
import { BookingEvent } from '../contract/statuses';
import type { BookingRun } from '../runtime/booking-run';
import { refuseWith } from '../runtime/failures';
import { transition } from '../runtime/record';
import { cancelRefusal, noShowRefusal } from '../state/booking-guards';
import { snapshotOf } from '../state/booking-state';
import { cancelBooking } from './cancel.handler';
import { handlePaymentSignal } from './payment-signal.handler';
import { refuseReschedule, rescheduleBooking } from './reschedule.handler';

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
    return { booking: run.state, checkoutUrl: run.state.payment.checkoutUrl, clientSecret: run.state.payment.clientSecret };
  });

  setHandler(
    cancelBookingUpdate,
    async (request) => {
      await condition(initialPhaseSettled(run));
      return cancelBooking(run, request);
    },
    { validator: (_request) => refuseWith(FailureType.INVALID_TRANSITION, cancelRefusal(run.state)) },
  );

  setHandler(
    rescheduleBookingUpdate,
    async (request) => {
      await condition(initialPhaseSettled(run));
      return rescheduleBooking(run, request);
    },
    { validator: (request) => refuseReschedule(run, request) },
  );

  setHandler(
    markNoShowUpdate,
    async (request) => {
      await condition(initialPhaseSettled(run));
      return run.mutex.runExclusive(async () => {
        refuseWith(FailureType.INVALID_TRANSITION, noShowRefusal(run.state, Date.now(), run.noShowGraceMinutes));
        await transition(run, BookingEvent.MARKED_NO_SHOW, request.actor);
        return snapshotOf(run.state);
      });
    },
    { validator: (_request) => refuseWith(FailureType.INVALID_TRANSITION, noShowRefusal(run.state, Date.now(), run.noShowGraceMinutes)) },
  );
}

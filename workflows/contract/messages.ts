/** Signals, queries and updates of the booking workflow: defined once, used by the workflow and the API. */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  BookingSnapshot,
  BookingState,
  CancelBookingInput,
  CreateBookingResult,
  MarkNoShowInput,
  PaymentSignal,
  RescheduleBookingInput,
} from './booking-types';

/** Sent with update-with-start: waits for the hold (and payment session) and answers the caller. */
export const createBookingUpdate = defineUpdate<CreateBookingResult, []>('createBooking');
export const cancelBookingUpdate = defineUpdate<BookingSnapshot, [CancelBookingInput]>('cancelBooking');
export const rescheduleBookingUpdate = defineUpdate<BookingSnapshot, [RescheduleBookingInput]>('rescheduleBooking');
export const markNoShowUpdate = defineUpdate<BookingSnapshot, [MarkNoShowInput]>('markNoShow');

export const paymentSignal = defineSignal<[PaymentSignal]>('payment');

/** The whole booking, history included. */
export const getBookingQuery = defineQuery<BookingState>('getBooking');

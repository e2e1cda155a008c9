/**
 * The booking workflow's contract: ids, task queue, signals, queries, updates and search attributes.
 * Imported by the workflow and by the API, so both sides always agree on names and types.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { SearchAttributeKey } from '@temporalio/common/lib/search-attributes';
import type {
  BookingState,
  CancelBookingInput,
  CreateBookingResult,
  MarkNoShowInput,
  PaymentSignal,
  RescheduleBookingInput,
} from './booking.types';

export const BOOKING_TASK_QUEUE = 'bookings';
export const BOOKING_WORKFLOW_TYPE = 'bookingWorkflow';
export const LATE_PAYMENT_WORKFLOW_TYPE = 'latePaymentRefundWorkflow';

const WORKFLOW_ID_PREFIX = 'booking-';

/** One place derives the workflow id from the booking id (and back), so a repeated request reaches the same booking. */
export function bookingWorkflowId(bookingId: string): string {
  return `${WORKFLOW_ID_PREFIX}${bookingId}`;
}

export function bookingIdFromWorkflowId(workflowId: string): string | null {
  return workflowId.startsWith(WORKFLOW_ID_PREFIX) ? workflowId.slice(WORKFLOW_ID_PREFIX.length) : null;
}

export function latePaymentWorkflowId(provider: string, paymentId: string): string {
  return `late-payment-${provider}-${paymentId}`;
}

/** Sent with update-with-start: waits for the hold (and payment session) and answers the caller. */
export const createBookingUpdate = defineUpdate<CreateBookingResult, []>('createBooking');
export const cancelBookingUpdate = defineUpdate<BookingState, [CancelBookingInput]>('cancelBooking');
export const rescheduleBookingUpdate = defineUpdate<BookingState, [RescheduleBookingInput]>('rescheduleBooking');
export const markNoShowUpdate = defineUpdate<BookingState, [MarkNoShowInput]>('markNoShow');

export const paymentSignal = defineSignal<[PaymentSignal]>('payment');

export const getBookingQuery = defineQuery<BookingState>('getBooking');

// Plain objects of the SDK's key shape: `defineSearchAttributeKey` lives in @temporalio/common, which
// workflow code does not import at runtime.
export const BookingStatusAttribute: SearchAttributeKey<'KEYWORD'> = { name: 'BookingStatus', type: 'KEYWORD' };
export const BookingResourceIdAttribute: SearchAttributeKey<'KEYWORD'> = { name: 'BookingResourceId', type: 'KEYWORD' };
export const BookingStartAttribute: SearchAttributeKey<'DATETIME'> = { name: 'BookingStart', type: 'DATETIME' };

/** Registered on every Temporal server the project starts or documents (dev server, compose, tests). */
export const BOOKING_SEARCH_ATTRIBUTES = [BookingStatusAttribute, BookingResourceIdAttribute, BookingStartAttribute] as const;

/** Names every process agrees on: the task queue, the workflow types, and workflow ids from business keys. */
export const BOOKING_TASK_QUEUE = 'bookings';
export const BOOKING_WORKFLOW_TYPE = 'bookingWorkflow';
export const LATE_PAYMENT_WORKFLOW_TYPE = 'latePaymentRefundWorkflow';
export const CLOSED_BOOKING_REFUND_FAILED_WORKFLOW_TYPE = 'closedBookingRefundFailedWorkflow';

const WORKFLOW_ID_PREFIX = 'booking-';

/** One place derives the workflow id from the booking id (and back), so a repeated request reaches the same booking. */
export function bookingWorkflowId(bookingId: string): string {
  return `${WORKFLOW_ID_PREFIX}${bookingId}`;
}

export function bookingIdFromWorkflowId(workflowId: string): string | null {
  return workflowId.startsWith(WORKFLOW_ID_PREFIX) ? workflowId.slice(WORKFLOW_ID_PREFIX.length) : null;
}

/** One refund workflow per provider payment: a second delivery of the same late payment finds the first. */
export function latePaymentWorkflowId(provider: string, paymentId: string): string {
  return `late-payment-${provider}-${paymentId}`;
}

/** One workflow per failed refund of a closed booking: the same failure announced twice (`refund.updated`, `refund.failed`) finds the first. */
export function closedBookingRefundFailedWorkflowId(provider: string, failedRefundId: string): string {
  return `refund-failed-${provider}-${failedRefundId}`;
}

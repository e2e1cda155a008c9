/** The workflows the worker bundles (its `workflowsPath`). */
export { bookingWorkflow } from './booking.workflow';
export { latePaymentRefundWorkflow } from './late-payment-refund.workflow';
export { closedBookingRefundFailedWorkflow } from './closed-booking-refund-failed.workflow';
export { smsFallbackWorkflow } from './sms-fallback.workflow';
export * from './calendly';
export { messageDeliveryWorkflow } from './message-delivery.workflow';

/** Issue 7: the Calendly intake's small workflows. */
export { calendlyCancelEventWorkflow } from './calendly-cancel-event.workflow';
export { calendlyRescheduleWaitWorkflow } from './calendly-reschedule-wait.workflow';
export { paymentRequestWorkflow } from './payment-request.workflow';

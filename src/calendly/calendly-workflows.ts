import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  CALENDLY_CANCEL_EVENT_WORKFLOW_TYPE,
  CALENDLY_RESCHEDULE_WAIT_WORKFLOW_TYPE,
  PAYMENT_REQUEST_WORKFLOW_TYPE,
  type CancelCalendlyEventInput,
  type PaymentRequestInput,
  type RescheduleWaitInput,
  calendlyCancelEventWorkflowId,
  calendlyRescheduleWaitWorkflowId,
  paymentRequestWorkflowId,
} from '../../workflows/contract';

/** The durable follow-ups of the Calendly intake, each started at most once (by a workflow id from what it is about). */
export interface CalendlyFollowUps {
  cancelCalendlyEvent(input: CancelCalendlyEventInput): Promise<void>;
  awaitReschedulePartner(input: RescheduleWaitInput): Promise<void>;
  requestPayment(input: PaymentRequestInput): Promise<void>;
}

export function temporalFollowUps(temporal: Client, taskQueue: string): CalendlyFollowUps {
  const start = async (type: string, workflowId: string, input: unknown, summary: string) => {
    try {
      await temporal.workflow.start(type, {
        workflowId,
        taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        staticSummary: summary,
      });
    } catch (error) {
      // Started by an earlier delivery: once is enough.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  };
  return {
    cancelCalendlyEvent: (input) => start(CALENDLY_CANCEL_EVENT_WORKFLOW_TYPE, calendlyCancelEventWorkflowId(input.scheduledEventUri), input, `Cancel Calendly event ${input.scheduledEventUri}`),
    awaitReschedulePartner: (input) =>
      start(CALENDLY_RESCHEDULE_WAIT_WORKFLOW_TYPE, calendlyRescheduleWaitWorkflowId(input.inviteeUri), input, `Wait for the new invitee of ${input.inviteeUri}`),
    requestPayment: (input) => start(PAYMENT_REQUEST_WORKFLOW_TYPE, paymentRequestWorkflowId(input.bookingId), input, `Payment request for booking ${input.bookingId}`),
  };
}

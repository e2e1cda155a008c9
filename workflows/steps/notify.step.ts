import { CancellationScope, isCancellation, log, patched, startChild } from '@temporalio/workflow';
import type { NotificationKind, SendNotificationInput } from '../contract/activities';
import { messageDeliveryWorkflowId } from '../contract/idempotency-keys';
import { MESSAGE_DELIVERY_WORKFLOW_TYPE } from '../contract/message-delivery';
import type { messageDeliveryWorkflow } from '../message-delivery.workflow';
import { stepActivities } from '../runtime/activities';
import type { BookingRun } from '../runtime/booking-run';
import { errorMessage } from '../runtime/failures';
import { messageDeliverBy } from '../state/message-deadline';

/**
 * The patch that hands each message to its own delivery workflow instead of sending it inline.
 * Bookings whose history has sent messages inline replay on the inline path.
 */
export const MESSAGE_DELIVERY_WORKFLOW = 'message-delivery-workflow';

type Extra = Pick<SendNotificationInput, 'amountCents' | 'refundedCents' | 'checkoutUrl' | 'reason'>;

/**
 * Sends a message about the booking (no undo: a message cannot be taken back). The message goes to a
 * delivery workflow of its own (message-delivery.workflow.ts), started as an abandoned child: the
 * booking waits only for the start, never for the provider, so an SMTP or Twilio outage neither holds
 * up a cancellation nor loses the message; it is retried until delivered or pointless. Returns whether
 * the message was handed over (old path: whether it was sent); a failure is logged, not fatal.
 */
export async function notify(run: BookingRun, kind: NotificationKind, step: string, extra: Extra = {}): Promise<boolean> {
  const { state, input } = run;
  const message: SendNotificationInput = {
    bookingId: state.id,
    kind,
    key: step,
    revision: state.revision,
    customer: state.customer,
    serviceName: input.service.name,
    resourceName: input.resource.name,
    timeZone: input.resource.timeZone,
    start: state.start,
    end: state.end,
    currency: state.payment.currency,
    publicBaseUrl: input.publicBaseUrl,
    confirmed: run.confirmed,
    ...extra,
  };
  try {
    if (patched(MESSAGE_DELIVERY_WORKFLOW)) await startDelivery(message);
    else await stepActivities.sendNotification(message);
    return true;
  } catch (error) {
    if (isCancellation(error)) throw error;
    log.warn('Notification not sent', { kind, step, error: errorMessage(error) });
    return false;
  }
}

/**
 * Starts the message's delivery workflow and waits only until it has started: a start still pending
 * when the booking closes or continues as new would be dropped by the server, and an update handler
 * (or continue-as-new, which waits for `allHandlersFinished`) thus never leaves one half-started.
 * Neither the booking closing (parentClosePolicy) nor its cancellation (cancellationType) stops it.
 */
async function startDelivery(message: SendNotificationInput): Promise<void> {
  try {
    await CancellationScope.nonCancellable(() =>
      startChild<typeof messageDeliveryWorkflow>(MESSAGE_DELIVERY_WORKFLOW_TYPE, {
        workflowId: messageDeliveryWorkflowId(message.bookingId, message.key),
        args: [{ message, deliverBy: messageDeliverBy(message.kind, message.start, Date.now()) }],
        parentClosePolicy: 'ABANDON',
        cancellationType: 'ABANDON',
        staticSummary: `${message.kind} message of booking ${message.bookingId}`,
      }),
    );
  } catch (error) {
    // Started before (by an earlier run of this booking): it is being, or has been, delivered. (The SDK
    // exports this error class from @temporalio/common only, which workflow code does not import.)
    if (error instanceof Error && error.name === 'WorkflowExecutionAlreadyStartedError') return;
    throw error;
  }
}

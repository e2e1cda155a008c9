import { ActivityFailure, log, proxyActivities, TimeoutFailure } from '@temporalio/workflow';
import type { BookingActivities } from './contract/activities';
import { NON_RETRYABLE_FAILURES } from './contract/failure-types';
import type { MessageDeliveryInput, MessageDeliveryResult } from './contract/message-delivery';
import { errorMessage } from './runtime/failures';

/**
 * Delivers one message of a booking off the booking's path (see contract/message-delivery.ts). The
 * send is retried with bounded backoff (1 s doubling, at most every 5 minutes) and no attempt limit
 * until `deliverBy`; a permanent refusal (NON_RETRYABLE_FAILURES, MESSAGE_NOT_SENT) fails at once. The
 * `notifications` row (booking × step × channel) still keeps any channel from going out twice.
 */
export async function messageDeliveryWorkflow(input: MessageDeliveryInput): Promise<MessageDeliveryResult> {
  const budgetMs = Date.parse(input.deliverBy) - Date.now();
  const about = { bookingId: input.message.bookingId, step: input.message.key, deliverBy: input.deliverBy };
  if (budgetMs <= 0) {
    log.warn('Message not sent: it makes no sense any more', about);
    return { outcome: 'too-late', sent: [] };
  }
  const { sendNotification } = proxyActivities<Pick<BookingActivities, 'sendNotification'>>({
    startToCloseTimeout: '30 seconds',
    scheduleToCloseTimeout: budgetMs,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes', nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURES] },
  });
  try {
    const result = await sendNotification({ ...input.message, skipIfSuperseded: true });
    if (result.superseded) return { outcome: 'superseded', sent: [], superseded: result.superseded };
    return { outcome: 'sent', sent: result.sent };
  } catch (error) {
    // The workflow fails (visible in the Web UI beside the failed notifications row); the log says why.
    const gaveUp = error instanceof ActivityFailure && error.cause instanceof TimeoutFailure;
    log.warn(gaveUp ? 'Message given up: still failing at its deadline' : 'Message refused', { ...about, error: errorMessage(error) });
    throw error;
  }
}

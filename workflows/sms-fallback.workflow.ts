import { proxyActivities } from '@temporalio/workflow';
import { NON_RETRYABLE_FAILURES } from './contract/failure-types';
import type { MessageDeliveryActivities, SmsFallbackInput, SmsFallbackResult } from './contract/message-delivery';

const { sendSmsFallback } = proxyActivities<MessageDeliveryActivities>({
  startToCloseTimeout: '30 seconds',
  // A day of bounded backoff: an SMTP outage delays the fallback, it does not lose it.
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURES] },
});

/** Emails the customer a text message their phone never got (see contract/message-delivery.ts). */
export async function smsFallbackWorkflow(input: SmsFallbackInput): Promise<SmsFallbackResult> {
  return sendSmsFallback(input);
}

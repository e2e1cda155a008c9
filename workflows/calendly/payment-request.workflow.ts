import { proxyActivities } from '@temporalio/workflow';
import type { BookingActivities } from '../contract/activities';
import type { PaymentRequestInput } from '../contract/calendly';
import { NON_RETRYABLE_FAILURES } from '../contract/failure-types';

const { sendNotification } = proxyActivities<Pick<BookingActivities, 'sendNotification'>>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '1 hour',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURES] },
});

/**
 * Sends the customer the checkout link of a booking that came in without a page to show it on (a
 * Calendly invitee), through the booking's own message path: one message per booking, kind and channel.
 */
export async function paymentRequestWorkflow(input: PaymentRequestInput): Promise<void> {
  await sendNotification(input);
}

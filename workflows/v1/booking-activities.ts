import { proxyActivities, proxyLocalActivities, type RetryPolicy } from '@temporalio/workflow';
import type { BookingActivities } from './booking-activities.types';
import { FailureType } from './failure-types';

// Failures that retrying cannot fix: the activity raises them as non-retryable, listed here as well
// so a provider error surfacing with one of these types is not retried either.
const NON_RETRYABLE = [FailureType.SLOT_UNAVAILABLE, FailureType.PAYMENT_PROVIDER_REJECTED, FailureType.VALIDATION_FAILED];

const STEP_RETRY: RetryPolicy = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '30 seconds',
  maximumAttempts: 10,
  nonRetryableErrorTypes: NON_RETRYABLE,
};

/** Steps of the booking: bounded retries, so a step that keeps failing reaches its compensation. */
export const bookingActivities = proxyActivities<BookingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: STEP_RETRY,
});

/**
 * Short steps a caller waits for (holding, confirming and releasing slots in our own database, and
 * opening the payment session `POST /v1/bookings` answers with) run as local activities: in the
 * worker, inside the same workflow task, without a server round trip each, which was most of a
 * booking request's latency and of the Temporal server's load. They are short and idempotent by key,
 * as local activities must be. Calls to outside systems that may be slow stay regular activities.
 */
export const quickActivities = proxyLocalActivities<
  Pick<BookingActivities, 'holdSlot' | 'releaseHold' | 'confirmHold' | 'createPaymentSession'>
>({
  startToCloseTimeout: '15 seconds',
  retry: STEP_RETRY,
});

/**
 * The read model write: retried until it lands, because the API lists bookings from it. A local
 * activity (one short database transaction) so that recording a transition does not add a server
 * round trip to every step.
 */
export const recordActivities = proxyLocalActivities<Pick<BookingActivities, 'recordTransition'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

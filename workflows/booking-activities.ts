import { proxyActivities } from '@temporalio/workflow';
import type { BookingActivities } from '../activities/booking-activities.types';
import { FailureType } from './failure-types';

// Failures that retrying cannot fix: the activity raises them as non-retryable, listed here as well
// so a provider error surfacing with one of these types is not retried either.
const NON_RETRYABLE = [FailureType.SLOT_UNAVAILABLE, FailureType.PAYMENT_PROVIDER_REJECTED, FailureType.VALIDATION_FAILED];

/** Steps of the booking: bounded retries, so a step that keeps failing reaches its compensation. */
export const bookingActivities = proxyActivities<BookingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    maximumAttempts: 10,
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
});

/** The read model write: retried until it lands, because the API lists bookings from it. */
export const recordActivities = proxyActivities<Pick<BookingActivities, 'recordTransition'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

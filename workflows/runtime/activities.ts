import { proxyActivities, proxyLocalActivities, type RetryPolicy } from '@temporalio/workflow';
import type { BookingActivities } from '../contract/activities';
import { NON_RETRYABLE_FAILURES } from '../contract/failure-types';

const nonRetryableErrorTypes = [...NON_RETRYABLE_FAILURES];

/** Forward steps: bounded retries, so a step that keeps failing reaches its compensation. */
const STEP_RETRY: RetryPolicy = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '30 seconds',
  maximumAttempts: 10,
  nonRetryableErrorTypes,
};

export const stepActivities = proxyActivities<BookingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: STEP_RETRY,
});

/**
 * Short steps a caller waits for (holding and confirming slots in our own database, opening the
 * payment session `POST /v1/bookings` answers with) run as local activities: in the worker, inside
 * the same workflow task, without a server round trip each. They are short and idempotent by key, as
 * local activities must be. Fewer attempts: the customer is waiting for the answer.
 */
export const quickActivities = proxyLocalActivities<Pick<BookingActivities, 'holdSlot' | 'confirmHold' | 'createPaymentSession'>>({
  startToCloseTimeout: '15 seconds',
  retry: { ...STEP_RETRY, maximumAttempts: 5 },
});

/**
 * The steps after the customer paid (book the hold, write the calendar event). A transient failure
 * (our database or the calendar provider down) must never cancel a paid booking, so they are retried
 * until it passes, with bounded backoff; only a refusal (HOLD_NOT_LIVE, PROVIDER_AUTH_FAILED,
 * PROVIDER_REFUSED...) fails them and sends the booking back with a full refund. The Web UI shows the
 * pending activity and its last failure meanwhile.
 */
export const confirmActivities = proxyActivities<Pick<BookingActivities, 'createCalendarEvent'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes', nonRetryableErrorTypes },
});

export const confirmQuickActivities = proxyLocalActivities<Pick<BookingActivities, 'confirmHold'>>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes },
});

/**
 * Undos (release, expire, refund, delete) get a few quick attempts here; one that still fails is not
 * dropped but kept on the booking's pending undos and retried on durable timers until it succeeds
 * (runtime/compensations.ts), so a cancellation answers its caller within seconds even while a
 * provider is down.
 */
export const undoActivities = proxyActivities<
  Pick<BookingActivities, 'releaseHold' | 'expirePaymentSession' | 'refundPayment' | 'deleteCalendarEvent'>
>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 seconds', maximumAttempts: 3, nonRetryableErrorTypes },
});

/**
 * Closing the payment session at the deadline must know whether it was paid before the slot is let
 * go, so it is retried until the provider answers (bounded backoff, no attempt limit): a payment is
 * never lost to an outage.
 */
export const deadlineActivities = proxyActivities<Pick<BookingActivities, 'expirePaymentSession'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes },
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

/**
 * Failure `type`s carried on ApplicationFailure. Shared by workflow, activities and API: `instanceof`
 * of our own classes does not survive the workflow sandbox or the wire, a string type does.
 */
export const FailureType = {
  SLOT_UNAVAILABLE: 'SLOT_UNAVAILABLE',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  /** The payment provider refused the request for good (bad amount, account, unknown payment). */
  PAYMENT_PROVIDER_REJECTED: 'PAYMENT_PROVIDER_REJECTED',
  /** A refund larger than what is left of the payment. */
  REFUND_EXCEEDS_PAYMENT: 'REFUND_EXCEEDS_PAYMENT',
  /** A provider refused our credentials (401/403): retrying cannot help, an operator must. */
  PROVIDER_AUTH_FAILED: 'PROVIDER_AUTH_FAILED',
  /** A provider refused the request for good (invalid recipient, invalid calendar...). */
  PROVIDER_REFUSED: 'PROVIDER_REFUSED',
  /** A hold to confirm or move is released or belongs to another booking. */
  HOLD_NOT_LIVE: 'HOLD_NOT_LIVE',
  /** A hold key already names a different hold. */
  HOLD_KEY_CONFLICT: 'HOLD_KEY_CONFLICT',
  /** A reschedule step failed for a reason other than a taken slot, after its retries. */
  RESCHEDULE_FAILED: 'RESCHEDULE_FAILED',
  /** The booking was rescheduled as often as its service allows. */
  RESCHEDULE_LIMIT_REACHED: 'RESCHEDULE_LIMIT_REACHED',
  NOT_FOUND: 'NOT_FOUND',
  VALIDATION_FAILED: 'VALIDATION_FAILED',
} as const;
export type FailureType = (typeof FailureType)[keyof typeof FailureType];

/** Failures no retry can fix: activities raise them non-retryable, and the workflow's retry policies list them too. */
export const NON_RETRYABLE_FAILURES: readonly FailureType[] = [
  FailureType.SLOT_UNAVAILABLE,
  FailureType.PAYMENT_PROVIDER_REJECTED,
  FailureType.REFUND_EXCEEDS_PAYMENT,
  FailureType.PROVIDER_AUTH_FAILED,
  FailureType.PROVIDER_REFUSED,
  FailureType.HOLD_NOT_LIVE,
  FailureType.HOLD_KEY_CONFLICT,
  FailureType.NOT_FOUND,
  FailureType.VALIDATION_FAILED,
];

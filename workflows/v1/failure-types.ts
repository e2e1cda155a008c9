/**
 * Failure `type`s carried on ApplicationFailure. Shared by workflow, activities and API: `instanceof`
 * of our own classes does not survive the workflow sandbox or the wire, a string type does.
 */
export const FailureType = {
  SLOT_UNAVAILABLE: 'SLOT_UNAVAILABLE',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  PAYMENT_PROVIDER_REJECTED: 'PAYMENT_PROVIDER_REJECTED',
  /** A reschedule step failed for a reason other than a taken slot, after its retries. */
  RESCHEDULE_FAILED: 'RESCHEDULE_FAILED',
  NOT_FOUND: 'NOT_FOUND',
  VALIDATION_FAILED: 'VALIDATION_FAILED',
} as const;
export type FailureType = (typeof FailureType)[keyof typeof FailureType];

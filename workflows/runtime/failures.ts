import { ActivityFailure, ApplicationFailure, isCancellation } from '@temporalio/workflow';
import { FailureType } from '../contract/failure-types';

/** The ApplicationFailure behind an activity failure (or the failure itself), if any. */
export function applicationFailureOf(error: unknown): ApplicationFailure | undefined {
  if (error instanceof ApplicationFailure) return error;
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) return error.cause;
  return undefined;
}

export function isFailureOfType(error: unknown, type: FailureType): boolean {
  return applicationFailureOf(error)?.type === type;
}

/**
 * An activity's failure the saga handles (compensate, report); anything else is a bug or a
 * cancellation and propagates. A local activity that fails for good surfaces as its bare
 * ApplicationFailure, not wrapped in an ActivityFailure.
 */
export function isStepFailure(error: unknown): boolean {
  return (error instanceof ActivityFailure || error instanceof ApplicationFailure) && !isCancellation(error);
}

export function errorMessage(error: unknown): string {
  const failure = applicationFailureOf(error);
  if (failure) return failure.message;
  return error instanceof Error ? error.message : String(error);
}

export function slotUnavailable(message = 'The requested slot is no longer available'): ApplicationFailure {
  return ApplicationFailure.create({ type: FailureType.SLOT_UNAVAILABLE, message, nonRetryable: true });
}

export function invalidTransition(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: FailureType.INVALID_TRANSITION, message, nonRetryable: true });
}

export function refuseWith(type: FailureType, refusal: string | null): void {
  if (refusal) throw ApplicationFailure.create({ type, message: refusal, nonRetryable: true });
}

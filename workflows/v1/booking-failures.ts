import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { FailureType } from './failure-types';

/** The ApplicationFailure behind an activity failure (or the failure itself), if any. */
export function applicationFailureOf(error: unknown): ApplicationFailure | undefined {
  if (error instanceof ApplicationFailure) return error;
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) return error.cause;
  return undefined;
}

export function isFailureOfType(error: unknown, type: FailureType): boolean {
  return applicationFailureOf(error)?.type === type;
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

/**
 * Turns what the Temporal client throws into API errors. Workflows fail updates with an
 * ApplicationFailure whose string `type` (workflows/failure-types.ts) says why; the client wraps it
 * (WorkflowUpdateFailedError, WorkflowFailedError), so the whole `cause` chain is searched.
 */
import { ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError, isGrpcServiceError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { FailureType } from '../../../workflows/contract';
import { ApiError } from './api-error';
import { ErrorCode } from './error-codes';

const GRPC_NOT_FOUND = 5;
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

const CODE_BY_FAILURE_TYPE: Partial<Record<string, ErrorCode>> = {
  [FailureType.SLOT_UNAVAILABLE]: ErrorCode.SLOT_UNAVAILABLE,
  [FailureType.INVALID_TRANSITION]: ErrorCode.INVALID_TRANSITION,
  [FailureType.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [FailureType.VALIDATION_FAILED]: ErrorCode.VALIDATION_FAILED,
  // An outside system (payment provider, calendar) kept failing: nothing is wrong with the request,
  // and the booking itself was left as it was (or its hold given back), so the caller may try again.
  [FailureType.PAYMENT_PROVIDER_REJECTED]: ErrorCode.UNAVAILABLE,
  [FailureType.RESCHEDULE_FAILED]: ErrorCode.UNAVAILABLE,
};

const DEFAULT_MESSAGES: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.SLOT_UNAVAILABLE]: 'The requested slot is no longer available.',
  [ErrorCode.INVALID_TRANSITION]: 'The booking cannot make this change in its current state.',
  [ErrorCode.NOT_FOUND]: 'Booking not found.',
  [ErrorCode.UNAVAILABLE]: 'A provider the booking depends on is unavailable; try again shortly.',
};

const UNAVAILABLE_MESSAGE = 'The workflow service is unavailable; try again shortly.';

function causeChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = err;
  while (current !== undefined && current !== null && chain.length < 10 && !chain.includes(current)) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

function fromApplicationFailure(failure: ApplicationFailure): ApiError | undefined {
  const code = failure.type ? CODE_BY_FAILURE_TYPE[failure.type] : undefined;
  if (!code) return undefined;
  // A provider's own error text is for the logs, not for the booking's customer.
  const message = code === ErrorCode.UNAVAILABLE ? DEFAULT_MESSAGES[code] : failure.message || DEFAULT_MESSAGES[code];
  return new ApiError(code, message ?? code);
}

function isUnavailableGrpc(err: unknown): boolean {
  return isGrpcServiceError(err) && (err.code === GRPC_UNAVAILABLE || err.code === GRPC_DEADLINE_EXCEEDED);
}

/** The API error for a Temporal client error, or undefined when the error is not one we recognise. */
export function mapTemporalError(err: unknown): ApiError | undefined {
  if (err instanceof WorkflowNotFoundError) return ApiError.notFound('Booking');
  for (const link of causeChain(err)) {
    if (link instanceof ApplicationFailure) {
      const mapped = fromApplicationFailure(link);
      if (mapped) return mapped;
    }
  }
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return new ApiError(ErrorCode.UNAVAILABLE, UNAVAILABLE_MESSAGE);
  if (err instanceof ServiceError) {
    if (isGrpcServiceError(err.cause) && err.cause.code === GRPC_NOT_FOUND) return ApiError.notFound('Booking');
    return new ApiError(ErrorCode.UNAVAILABLE, UNAVAILABLE_MESSAGE);
  }
  if (isUnavailableGrpc(err)) return new ApiError(ErrorCode.UNAVAILABLE, UNAVAILABLE_MESSAGE);
  // Anything else (an update or workflow failing for a reason with no API meaning) is a server fault.
  return undefined;
}

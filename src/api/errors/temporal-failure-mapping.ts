/**
 * Turns what the Temporal client throws into API errors. Workflows fail updates with an
 * ApplicationFailure whose string `type` (the contract's FailureType) says why; the client wraps it
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

interface FailureAnswer {
  code: ErrorCode;
  /** Said instead of the failure's own message: a provider's wording is for the logs, not for the customer. */
  message?: string;
}

const PROVIDER_UNAVAILABLE = 'A provider the booking depends on is unavailable; try again shortly.';

/** Every failure type of the contract, and what the API answers when an update or start fails with it. */
const ANSWER_BY_FAILURE_TYPE: Record<FailureType, FailureAnswer> = {
  [FailureType.SLOT_UNAVAILABLE]: { code: ErrorCode.SLOT_UNAVAILABLE },
  [FailureType.INVALID_TRANSITION]: { code: ErrorCode.INVALID_TRANSITION },
  [FailureType.RESCHEDULE_LIMIT_REACHED]: { code: ErrorCode.INVALID_TRANSITION },
  // The booking no longer holds the time it would confirm or move (its deadline passed meanwhile).
  [FailureType.HOLD_NOT_LIVE]: { code: ErrorCode.INVALID_TRANSITION, message: 'The booking no longer holds its slot, so it cannot make this change.' },
  [FailureType.REFUND_EXCEEDS_PAYMENT]: { code: ErrorCode.INVALID_TRANSITION, message: 'The refund is larger than what is left of the payment.' },
  [FailureType.NOT_FOUND]: { code: ErrorCode.NOT_FOUND },
  [FailureType.VALIDATION_FAILED]: { code: ErrorCode.VALIDATION_FAILED },
  // An outside system (payment provider, calendar) refused or kept failing: nothing is wrong with the
  // request, and the booking was left as it was (or its hold given back), so the caller may try again
  // once an operator has looked (auth, refusals) or the provider is back.
  [FailureType.PAYMENT_PROVIDER_REJECTED]: { code: ErrorCode.UNAVAILABLE, message: PROVIDER_UNAVAILABLE },
  [FailureType.PROVIDER_AUTH_FAILED]: { code: ErrorCode.UNAVAILABLE, message: PROVIDER_UNAVAILABLE },
  [FailureType.PROVIDER_REFUSED]: { code: ErrorCode.UNAVAILABLE, message: 'A provider the booking depends on refused the change; the booking was left as it was.' },
  [FailureType.RESCHEDULE_FAILED]: { code: ErrorCode.UNAVAILABLE, message: 'The booking could not be moved right now and was left as it was; try again shortly.' },
  // Two holds under one key is a fault of ours, never of the request: a 500, logged.
  [FailureType.HOLD_KEY_CONFLICT]: { code: ErrorCode.INTERNAL, message: 'Something went wrong on our side; the error was logged.' },
};

const DEFAULT_MESSAGES: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.SLOT_UNAVAILABLE]: 'The requested slot is no longer available.',
  [ErrorCode.INVALID_TRANSITION]: 'The booking cannot make this change in its current state.',
  [ErrorCode.NOT_FOUND]: 'Booking not found.',
  [ErrorCode.VALIDATION_FAILED]: 'The request is invalid.',
};

const RESCHEDULE_LIMIT_MESSAGE = 'This booking has been rescheduled as often as its service allows.';

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

function isFailureType(type: string | undefined | null): type is FailureType {
  return typeof type === 'string' && Object.hasOwn(ANSWER_BY_FAILURE_TYPE, type);
}

function fromApplicationFailure(failure: ApplicationFailure): ApiError | undefined {
  if (!isFailureType(failure.type)) return undefined;
  const answer = ANSWER_BY_FAILURE_TYPE[failure.type];
  const fallback = failure.type === FailureType.RESCHEDULE_LIMIT_REACHED ? RESCHEDULE_LIMIT_MESSAGE : DEFAULT_MESSAGES[answer.code];
  const message = answer.message ?? (failure.message || fallback) ?? answer.code;
  // The reason a client can switch on when one code covers several refusals (INVALID_TRANSITION).
  const details = failure.type === answer.code || answer.code === ErrorCode.UNAVAILABLE || answer.code === ErrorCode.INTERNAL ? undefined : { reason: failure.type };
  return new ApiError(answer.code, message, details);
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

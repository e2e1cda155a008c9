/**
 * The domain's typed errors (src/bookings, src/catalog, src/providers) as API errors. Domain code
 * never names a status code; this table is where a refusal gets its HTTP meaning.
 */
import { BookingClosedError, BookingNotFoundError, IdempotencyKeyReusedError, SlotNotOfferedError, SlotUnavailableError } from '../../bookings/booking-errors';
import { ResourceNotFoundError, ServiceNotFoundError } from '../../catalog/catalog-errors';
import { DurationNotOfferedError } from '../../pricing/pricing-errors';
import { ProviderFailure, ProviderFailureKind } from '../../providers/provider-failure';
import { ApiError } from './api-error';
import { ErrorCode } from './error-codes';

const PROVIDER_UNAVAILABLE = 'A provider the booking depends on is unavailable; try again shortly.';

/** The API error for a domain error, or undefined when the error is not one of the domain's. */
export function mapDomainError(err: unknown): ApiError | undefined {
  if (err instanceof BookingNotFoundError) return ApiError.notFound('Booking');
  if (err instanceof ServiceNotFoundError) return ApiError.notFound('Service');
  if (err instanceof ResourceNotFoundError) return ApiError.notFound('Resource');
  if (err instanceof BookingClosedError) return new ApiError(ErrorCode.INVALID_TRANSITION, err.message, { status: err.status });
  if (err instanceof SlotUnavailableError) return new ApiError(ErrorCode.SLOT_UNAVAILABLE, err.message);
  if (err instanceof SlotNotOfferedError) return new ApiError(ErrorCode.SLOT_NOT_OFFERED, err.message, { reason: err.reason });
  if (err instanceof DurationNotOfferedError) {
    return new ApiError(ErrorCode.SLOT_NOT_OFFERED, err.message, { reason: 'DURATION_NOT_OFFERED', offeredDurations: err.offeredDurations });
  }
  if (err instanceof IdempotencyKeyReusedError) return new ApiError(ErrorCode.IDEMPOTENCY_KEY_REUSED, err.message);
  // A provider called while answering (calendar busy times for availability): the request is fine, the
  // provider is not. Its own wording is for the logs.
  if (err instanceof ProviderFailure && err.kind !== ProviderFailureKind.NOT_FOUND) return new ApiError(ErrorCode.UNAVAILABLE, PROVIDER_UNAVAILABLE);
  return undefined;
}

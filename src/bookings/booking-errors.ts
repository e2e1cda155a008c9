/**
 * What the booking domain refuses, as typed errors. Domain code never knows HTTP: only src/api turns
 * these into answers (src/api/errors/domain-error-mapping.ts), in one place.
 */
import type { BookingStatus } from '../../workflows/contract';
import type { SlotRefusal } from '../availability/is-slot-offered';

/** No such booking, or one the caller may not see (the API answers both the same). */
export class BookingNotFoundError extends Error {
  override readonly name = 'BookingNotFoundError';
  constructor(readonly bookingId: string) {
    super(`Booking ${bookingId} not found.`);
  }
}

/** The booking exists but its workflow has closed: it can no longer change. */
export class BookingClosedError extends Error {
  override readonly name = 'BookingClosedError';
  constructor(
    readonly bookingId: string,
    readonly status: BookingStatus,
  ) {
    super(`Booking is ${status} and can no longer change.`);
  }
}

/** Another booking holds the time (the hold was refused, now or when this request was first made). */
export class SlotUnavailableError extends Error {
  override readonly name = 'SlotUnavailableError';
  constructor(message = 'The requested slot is no longer available.') {
    super(message);
  }
}

/** Why a start cannot be booked before any workflow starts: not on the schedule, or the resource does not offer the service. */
export type SlotNotOfferedReason = SlotRefusal | 'SERVICE_NOT_OFFERED';

export class SlotNotOfferedError extends Error {
  override readonly name = 'SlotNotOfferedError';
  constructor(
    readonly reason: SlotNotOfferedReason,
    message: string,
  ) {
    super(message);
  }
}

/** An Idempotency-Key that was first used with another request body. */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor(readonly key: string) {
    super('This Idempotency-Key was used with a different request body.');
  }
}

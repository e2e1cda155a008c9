import type { Instant, RefundChoice } from '../contract/booking-types';

const HOUR_MS = 60 * 60 * 1000;

/** The last instant a cancellation is refunded under the policy, for an appointment starting at `start`. */
export function refundWindowCloses(start: Instant, refundWindowHours: number): Instant {
  return new Date(Date.parse(start) - refundWindowHours * HOUR_MS).toISOString();
}

/**
 * The refund deadline after the appointment moves to `newStart`. While the window is still open it
 * follows the new start; once it has closed it stays closed: otherwise a customer could move an
 * appointment two hours away to next week and cancel that for a full refund.
 */
export function refundableUntilAfterMove(current: Instant, newStart: Instant, refundWindowHours: number, now: number): Instant {
  if (now > Date.parse(current)) return current;
  return refundWindowCloses(newStart, refundWindowHours);
}

export interface RefundAmountInput {
  paidCents: number;
  refundedCents: number;
  /** The booking's refund deadline (`refundableUntil`). */
  refundableUntil: Instant;
  now: Instant | Date;
  choice: RefundChoice;
}

/**
 * How much to give back on cancellation. `policy`: everything not yet refunded when cancelled at or
 * before the refund deadline, nothing after; `full` and `none` are an admin's override.
 */
export function refundAmount(input: RefundAmountInput): number {
  const refundable = Math.max(0, input.paidCents - input.refundedCents);
  switch (input.choice) {
    case 'none':
      return 0;
    case 'full':
      return refundable;
    case 'policy': {
      const now = typeof input.now === 'string' ? Date.parse(input.now) : input.now.getTime();
      return now <= Date.parse(input.refundableUntil) ? refundable : 0;
    }
  }
}

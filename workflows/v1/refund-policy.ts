import type { Instant, RefundChoice } from './booking.types';

export interface RefundAmountInput {
  paidCents: number;
  refundedCents: number;
  start: Instant;
  now: Instant | Date;
  refundWindowHours: number;
  choice: RefundChoice;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * How much to give back on cancellation. `policy`: everything not yet refunded when cancelled at or
 * before `refundWindowHours` ahead of the start, nothing after; `full` and `none` are an admin's override.
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
      const windowOpensAt = Date.parse(input.start) - input.refundWindowHours * HOUR_MS;
      return now <= windowOpensAt ? refundable : 0;
    }
  }
}

/**
 * What a booking's customer still owes at the appointment: with a deposit taken when booking, the rest
 * of the price. Pure, so the read model's view and the workflow's own state answer the same.
 */
import { BookingStatus } from '../../workflows/contract';

/** Bookings whose appointment is still ahead of them; only these have a balance to settle. */
const OPEN_STATUSES: readonly BookingStatus[] = [BookingStatus.PENDING, BookingStatus.AWAITING_PAYMENT, BookingStatus.CONFIRMED];

export interface BalanceInput {
  status: BookingStatus;
  /** The full price of this booking (its duration's tier). */
  priceCents: number;
  /** What is charged when booking (the deposit, or the price). */
  amountCents: number;
}

/**
 * The price less what is charged when booking, while the appointment is ahead. A cancelled, expired
 * or failed booking owes nothing more; after the appointment the balance was settled on the spot, which
 * this backend does not see, so it is shown as 0 there too.
 */
export function balanceDueCents({ status, priceCents, amountCents }: BalanceInput): number {
  if (!OPEN_STATUSES.includes(status)) return 0;
  return Math.max(0, priceCents - amountCents);
}

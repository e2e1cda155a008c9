import type { ServiceTerms } from '../contract/booking-types';

/** What the customer pays to book: the deposit when the service takes one (less than the price), else the price. */
export function amountDueAtBooking(service: Pick<ServiceTerms, 'priceCents' | 'depositCents'>): number {
  const { priceCents, depositCents } = service;
  return depositCents > 0 && depositCents < priceCents ? depositCents : priceCents;
}

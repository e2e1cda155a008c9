/**
 * Prices by duration (a 30-minute consultation at 50.00, a 60-minute one at 90.00). A service always
 * offers its own duration at its own price; `priceTiers` add the other durations it may be booked for.
 * Pure functions: the API, availability and the booking input all ask here which tier applies.
 */
import { DurationNotOfferedError } from './pricing-errors';

export interface PriceTier {
  durationMinutes: number;
  priceCents: number;
}

/** What pricing needs of a service: its own duration and price, and its extra tiers. */
export interface TieredPricing {
  durationMinutes: number;
  priceCents: number;
  priceTiers?: readonly PriceTier[] | undefined;
}

/**
 * Every duration the service can be booked for with its price, shortest first. The service's own
 * duration comes with the service's own price, even if a tier repeats it (the schema refuses a tier
 * that contradicts it, so this only matters for rows written before that rule).
 */
export function offeredTiers(service: TieredPricing): PriceTier[] {
  const byDuration = new Map<number, PriceTier>([[service.durationMinutes, { durationMinutes: service.durationMinutes, priceCents: service.priceCents }]]);
  for (const tier of service.priceTiers ?? []) {
    if (!byDuration.has(tier.durationMinutes)) byDuration.set(tier.durationMinutes, { durationMinutes: tier.durationMinutes, priceCents: tier.priceCents });
  }
  return [...byDuration.values()].sort((a, b) => a.durationMinutes - b.durationMinutes);
}

export function offeredDurations(service: TieredPricing): number[] {
  return offeredTiers(service).map((t) => t.durationMinutes);
}

/** The tier of the asked duration (unset: the service's own). A duration the service does not offer is refused, naming those it does. */
export function tierFor(service: TieredPricing, durationMinutes?: number): PriceTier {
  const wanted = durationMinutes ?? service.durationMinutes;
  const tier = offeredTiers(service).find((t) => t.durationMinutes === wanted);
  if (!tier) throw new DurationNotOfferedError(wanted, offeredDurations(service));
  return tier;
}

/**
 * The service as one booking of the asked duration sees it: that duration and that price. Everything
 * that follows (slot check, hold, end time, amount charged, calendar event, refund) reads these two
 * fields, so it follows the tier without knowing tiers exist.
 */
export function atDuration<S extends TieredPricing>(service: S, durationMinutes?: number): S {
  const tier = tierFor(service, durationMinutes);
  return { ...service, durationMinutes: tier.durationMinutes, priceCents: tier.priceCents };
}

/** Why a service's tiers are inconsistent (empty when they are fine): for the catalog's validation. */
export function tierConflicts(service: TieredPricing): { index: number; message: string }[] {
  const conflicts: { index: number; message: string }[] = [];
  const seen = new Set<number>();
  (service.priceTiers ?? []).forEach((tier, index) => {
    if (seen.has(tier.durationMinutes)) conflicts.push({ index, message: `duration ${tier.durationMinutes} is listed twice` });
    seen.add(tier.durationMinutes);
    if (tier.durationMinutes === service.durationMinutes && tier.priceCents !== service.priceCents) {
      conflicts.push({ index, message: `the service's own ${service.durationMinutes} minutes cost priceCents (${service.priceCents}), not ${tier.priceCents}` });
    }
  });
  return conflicts;
}

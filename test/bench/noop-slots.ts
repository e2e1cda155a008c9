/** Slots for the no-op, which checks none: distinct quarter hours from tomorrow on, like the product's. */
import type { Slot } from './booking-journey';

export function noopSlots(count: number, from = Date.now()): Slot[] {
  const first = Math.ceil((from + 24 * 3_600_000) / 900_000) * 900_000;
  return Array.from({ length: count }, (_, i) => ({ start: new Date(first + i * 900_000).toISOString(), resourceId: 'res_bench_noop' }));
}

import type { IANAZone } from 'luxon';

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;
const MAX_ENTRIES = 20_000;

/** Offsets by zone and day: time zone rules do not change while the process runs. */
const cache = new Map<string, number | null>();

/**
 * The zone's UTC offset (minutes) for the whole local day that starts at `naiveDay` (that date's
 * midnight as if it were UTC), or null when the offset changes within reach of that day (a DST day,
 * or its neighbour): then each wall time is resolved on its own. Offsets lie within ±14 hours, so the
 * day's real instants all fall between the two probes.
 */
export function dayOffsetMinutes(zone: IANAZone, naiveDay: number): number | null {
  const key = `${zone.name}|${naiveDay}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const before = zone.offset(naiveDay - 14 * HOUR_MS);
  const middle = zone.offset(naiveDay + 12 * HOUR_MS);
  const after = zone.offset(naiveDay + DAY_MS + 14 * HOUR_MS);
  const offset = before === middle && middle === after ? before : null;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, offset);
  return offset;
}

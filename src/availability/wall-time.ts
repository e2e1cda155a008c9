import type { IANAZone } from 'luxon';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

/**
 * The instant a wall clock in `zone` shows `minutesOfDay` on `date`.
 * - Ambiguous (fall-back: the hour happens twice): the earlier instant.
 * - Non-existent (spring-forward: the clock jumps over it): the instant of the jump, i.e. the first
 *   moment the clock shows a time at or after it. So "02:30" on a 02:00→03:00 day is 03:00 local.
 */
export function wallTimeToInstant(date: LocalDate, minutesOfDay: number, zone: IANAZone): Date {
  const naive = Date.UTC(date.year, date.month - 1, date.day) + minutesOfDay * MINUTE_MS;
  // A day holds at most one offset change, so the offsets a day either side bracket every answer.
  const offsets = [...new Set([zone.offset(naive - DAY_MS), zone.offset(naive + DAY_MS), zone.offset(naive)])];
  const valid = offsets.map((o) => naive - o * MINUTE_MS).filter((t) => zone.offset(t) * MINUTE_MS === naive - t);
  if (valid.length > 0) return new Date(Math.min(...valid));

  // In the gap: find the transition between the two candidate instants (to the minute).
  const candidates = offsets.map((o) => naive - o * MINUTE_MS);
  let lo = Math.min(...candidates);
  let hi = Math.max(...candidates);
  const before = zone.offset(lo);
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (zone.offset(mid) === before) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

/** "09:00" → 540; "24:00" is allowed as the end of the day. Throws on anything else. */
export function parseClock(clock: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(clock);
  if (!match) throw new Error(`invalid time of day "${clock}" (expected HH:MM)`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes > 24 * 60) throw new Error(`invalid time of day "${clock}"`);
  return minutes;
}

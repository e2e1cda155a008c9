import { IANAZone } from 'luxon';
import type { DateOverrides, TimeRange, Weekday, WeeklyHours } from '../db/schema';
import type { Interval } from '../providers/calendar/calendar-provider';
import { dayOffsetMinutes } from './day-offsets';
import { parseClock, wallTimeToInstant } from './wall-time';

export interface Schedule {
  timeZone: string;
  weeklyHours: WeeklyHours;
  dateOverrides: DateOverrides;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** `Date.getUTCDay()` order (Sunday first) of a naive day's weekday. */
const BY_UTC_DAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

type Minutes = readonly (readonly [number, number])[];

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

function minutesOf(ranges: TimeRange[] | undefined): Minutes {
  return (ranges ?? []).map((r) => [parseClock(r.start), parseClock(r.end)] as const);
}

/**
 * The resource's working windows that overlap [from, to), as a flat, sorted list of instants
 * `[start0, end0, start1, end1, ...]` in epoch milliseconds. Hours are wall-clock times in the
 * resource's zone, so "09:00" is 09:00 local on both sides of a DST change; see `wallTimeToInstant`
 * for times the change skips or repeats. Windows are not clipped to [from, to): slot starts are
 * counted from the window start, and clipping would shift them.
 *
 * Fast path: each day's zone offset is looked up once (and shared across resources in the zone);
 * only a day that holds an offset change resolves its times one by one.
 */
export function workingWindowMillis(schedule: Schedule, from: Date, to: Date): number[] {
  const zone = IANAZone.create(schedule.timeZone);
  if (!zone.isValid) throw new Error(`unknown time zone "${schedule.timeZone}"`);
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (toMs <= fromMs) return [];

  const weekly = new Map<Weekday, Minutes>(BY_UTC_DAY.map((d) => [d, minutesOf(schedule.weeklyHours[d])]));
  const hasOverrides = Object.keys(schedule.dateOverrides).length > 0;
  // One local day of margin either side catches windows that start the day before `from`.
  const firstDay = Math.floor((fromMs + zone.offset(fromMs) * MINUTE_MS) / DAY_MS) * DAY_MS - DAY_MS;
  const lastDay = Math.floor((toMs + zone.offset(toMs) * MINUTE_MS) / DAY_MS) * DAY_MS + DAY_MS;

  const out: number[] = [];
  for (let naiveDay = firstDay; naiveDay <= lastDay; naiveDay += DAY_MS) {
    const date = new Date(naiveDay);
    let ranges: Minutes | undefined;
    if (hasOverrides) {
      const iso = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
      const override = schedule.dateOverrides[iso];
      if (override) ranges = minutesOf(override);
    }
    ranges ??= weekly.get(BY_UTC_DAY[date.getUTCDay()] as Weekday) ?? [];
    if (ranges.length === 0) continue;
    const offset = dayOffsetMinutes(zone, naiveDay);
    const local = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
    for (const [startMin, endMin] of ranges) {
      // A day without an offset change maps every wall time with that day's one offset.
      const start = offset === null ? wallTimeToInstant(local, startMin, zone).getTime() : naiveDay + (startMin - offset) * MINUTE_MS;
      const end = offset === null ? wallTimeToInstant(local, endMin, zone).getTime() : naiveDay + (endMin - offset) * MINUTE_MS;
      if (end <= start || end <= fromMs || start >= toMs) continue;
      out.push(start, end);
    }
  }
  return sortPairs(out);
}

/** Days come in order, but a day's ranges need not; most lists are already sorted and pass untouched. */
function sortPairs(flat: number[]): number[] {
  for (let i = 2; i < flat.length; i += 2) {
    if ((flat[i] as number) < (flat[i - 2] as number)) {
      const pairs: [number, number][] = [];
      for (let j = 0; j < flat.length; j += 2) pairs.push([flat[j] as number, flat[j + 1] as number]);
      return pairs.sort((a, b) => a[0] - b[0]).flat();
    }
  }
  return flat;
}

/** The same windows as intervals. */
export function workingWindows(schedule: Schedule, from: Date, to: Date): Interval[] {
  const flat = workingWindowMillis(schedule, from, to);
  const windows: Interval[] = [];
  for (let i = 0; i < flat.length; i += 2) windows.push({ start: new Date(flat[i] as number), end: new Date(flat[i + 1] as number) });
  return windows;
}

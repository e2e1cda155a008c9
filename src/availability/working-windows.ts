import { DateTime, IANAZone } from 'luxon';
import type { DateOverrides, TimeRange, Weekday, WeeklyHours } from '../db/schema';
import type { Interval } from '../providers/calendar/calendar-provider';
import { type LocalDate, parseClock, wallTimeToInstant } from './wall-time';

export interface Schedule {
  timeZone: string;
  weeklyHours: WeeklyHours;
  dateOverrides: DateOverrides;
}

const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function hoursOn(schedule: Schedule, isoDate: string, weekday: Weekday): TimeRange[] {
  // An override replaces the whole day; an empty list closes it.
  return schedule.dateOverrides[isoDate] ?? schedule.weeklyHours[weekday] ?? [];
}

/**
 * The resource's working windows that overlap [from, to), as instants. Hours are wall-clock times in
 * the resource's zone, so "09:00" is 09:00 local on both sides of a DST change; see `wallTimeToInstant`
 * for times the change skips or repeats. Windows are not clipped to [from, to): slot starts are
 * counted from the window start, and clipping would shift them.
 */
export function workingWindows(schedule: Schedule, from: Date, to: Date): Interval[] {
  const zone = IANAZone.create(schedule.timeZone);
  if (!zone.isValid) throw new Error(`unknown time zone "${schedule.timeZone}"`);
  if (to.getTime() <= from.getTime()) return [];

  // One local day of margin either side catches windows that start the day before `from`.
  const firstDay = DateTime.fromJSDate(from, { zone }).startOf('day').minus({ days: 1 });
  const lastDay = DateTime.fromJSDate(to, { zone }).startOf('day').plus({ days: 1 });
  const windows: Interval[] = [];
  for (let day = firstDay.setZone('UTC', { keepLocalTime: true }); day <= lastDay.setZone('UTC', { keepLocalTime: true }); day = day.plus({ days: 1 })) {
    const date: LocalDate = { year: day.year, month: day.month, day: day.day };
    const isoDate = day.toISODate() ?? '';
    const weekday = WEEKDAYS[day.weekday - 1] as Weekday;
    for (const range of hoursOn(schedule, isoDate, weekday)) {
      const start = wallTimeToInstant(date, parseClock(range.start), zone);
      const end = wallTimeToInstant(date, parseClock(range.end), zone);
      if (end.getTime() <= start.getTime()) continue;
      if (end.getTime() <= from.getTime() || start.getTime() >= to.getTime()) continue;
      windows.push({ start, end });
    }
  }
  return windows.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/**
 * The availability computation as it was before issue 7's sweep (kept verbatim in spirit: a luxon day
 * loop with three zone lookups per wall time, a Set of candidates, a scan of every busy interval per
 * candidate, ISO strings compared with localeCompare): the baseline `npm run bench:slots` measures the
 * product against, in the same run. Not used by the product.
 */
import { DateTime, IANAZone } from 'luxon';
import type { Slot } from '../../src/catalog/catalog.types';
import type { Resource, Service } from '../../src/catalog/catalog.types';
import type { TimeRange, Weekday } from '../../src/db/schema';
import type { Interval } from '../../src/providers/calendar/calendar-provider';
import { parseClock, wallTimeToInstant, type LocalDate } from '../../src/availability/wall-time';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function baselineWindows(resource: Resource, from: Date, to: Date): Interval[] {
  const zone = IANAZone.create(resource.timeZone);
  const firstDay = DateTime.fromJSDate(from, { zone }).startOf('day').minus({ days: 1 });
  const lastDay = DateTime.fromJSDate(to, { zone }).startOf('day').plus({ days: 1 });
  const windows: Interval[] = [];
  for (let day = firstDay.setZone('UTC', { keepLocalTime: true }); day <= lastDay.setZone('UTC', { keepLocalTime: true }); day = day.plus({ days: 1 })) {
    const date: LocalDate = { year: day.year, month: day.month, day: day.day };
    const isoDate = day.toISODate() ?? '';
    const weekday = WEEKDAYS[day.weekday - 1] as Weekday;
    const ranges: TimeRange[] = resource.dateOverrides[isoDate] ?? resource.weeklyHours[weekday] ?? [];
    for (const range of ranges) {
      const start = wallTimeToInstant(date, parseClock(range.start), zone);
      const end = wallTimeToInstant(date, parseClock(range.end), zone);
      if (end.getTime() <= start.getTime()) continue;
      if (end.getTime() <= from.getTime() || start.getTime() >= to.getTime()) continue;
      windows.push({ start, end });
    }
  }
  return windows.sort((a, b) => a.start.getTime() - b.start.getTime());
}

function baselineResourceSlots(resourceId: string, windows: Interval[], service: Service, from: Date, to: Date, now: Date, busyIntervals: Interval[]): Slot[] {
  const durationMs = service.durationMinutes * MINUTE_MS;
  const stepMs = service.slotStepMinutes * MINUTE_MS;
  const starts = new Set<number>();
  for (const window of windows) {
    for (let t = window.start.getTime(); t + durationMs <= window.end.getTime(); t += stepMs) starts.add(t);
  }
  const busy = busyIntervals.map((b) => [b.start.getTime(), b.end.getTime()] as const);
  const slots: Slot[] = [];
  for (const start of [...starts].sort((a, b) => a - b)) {
    if (start < from.getTime() || start >= to.getTime()) continue;
    if (start < now.getTime() + service.minNoticeMinutes * MINUTE_MS || start > now.getTime() + service.maxAdvanceDays * DAY_MS) continue;
    const takenFrom = start - service.bufferBeforeMinutes * MINUTE_MS;
    const takenTo = start + durationMs + service.bufferAfterMinutes * MINUTE_MS;
    if (busy.some(([s, e]) => s < takenTo && takenFrom < e)) continue;
    slots.push({ start: new Date(start).toISOString(), end: new Date(start + durationMs).toISOString(), resourceId });
  }
  return slots;
}

/** What `listAvailableSlots` computed after its reads, before the sweep. */
export function baselineSlots(service: Service, resources: Resource[], busyByResource: Map<string, Interval[]>, from: Date, to: Date, now: Date): Slot[] {
  const slots = resources.flatMap((resource) =>
    baselineResourceSlots(resource.id, baselineWindows(resource, from, to), service, from, to, now, busyByResource.get(resource.id) ?? []),
  );
  return slots.sort((a, b) => a.start.localeCompare(b.start) || a.resourceId.localeCompare(b.resourceId));
}

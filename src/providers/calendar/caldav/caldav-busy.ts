import type { Interval } from '../calendar-provider';
import { OWN_UID_SUFFIX } from './caldav-event';
import { type ContentLine, vevents } from './ical-lines';
import { busyIntervalOf, isKnownZone } from './ical-times';

/** One calendar object of a REPORT's answer: its href as the server wrote it, and its iCalendar text. */
export interface CalendarObject {
  href: string;
  data: string;
}

const REPEATS = new Set(['RRULE', 'RDATE', 'EXRULE', 'RECURRENCE-ID']);

/** A DTSTART/DTEND we read exactly as the server would: UTC, or a wall time in an IANA zone. */
function readsAlike(line: ContentLine): boolean {
  if (line.name !== 'DTSTART' && line.name !== 'DTEND') return true;
  return /T\d{6}Z$/.test(line.value.trim()) || (/T\d{6}$/.test(line.value.trim()) && isKnownZone(line.params.TZID));
}

/**
 * Whether only the server can say when this object is busy: it repeats (or overrides an instance of
 * a series), or a time is floating, a date, or in a zone only its VTIMEZONE defines. Anything else
 * is one stretch of time that reads the same stored as expanded, so the server need not expand it.
 */
export function needsExpansion(data: string): boolean {
  return vevents(data).some((event) => event.some((line) => REPEATS.has(line.name) || !readsAlike(line)));
}

/**
 * The busy time in the objects over [from, to), sorted: our own bookings' events left out (their time
 * is already taken in slot_holds), transparent and cancelled events too (busyIntervalOf).
 */
export function busyIn(objects: string[], from: Date, to: Date): Interval[] {
  const intervals: Interval[] = [];
  for (const data of objects) {
    for (const event of vevents(data)) {
      if (event.find((line) => line.name === 'UID')?.value.endsWith(OWN_UID_SUFFIX)) continue;
      const interval = busyIntervalOf(event);
      if (interval && interval.start < to && from < interval.end) intervals.push(interval);
    }
  }
  return intervals.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** tsdav hands calendar-data as text, or as `{ _cdata }` / `{ _text }` depending on the server's XML. */
export function calendarData(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as { _cdata?: unknown; _text?: unknown };
    if (typeof v._cdata === 'string') return v._cdata;
    if (typeof v._text === 'string') return v._text;
  }
  return null;
}

import { DateTime, Duration } from 'luxon';
import type { Interval } from '../calendar-provider';
import type { ContentLine } from './ical-lines';

/** An IANA zone name luxon can resolve (`Europe/Berlin`), not a Windows name (`W. Europe Standard Time`). */
export function isKnownZone(name: string | undefined): name is string {
  return name !== undefined && DateTime.local().setZone(name).isValid;
}

/**
 * The instant of a DTSTART/DTEND: UTC (`…Z`), a named zone (`TZID=Europe/Berlin`), floating (read as
 * UTC: nothing better is known here), or a date (`VALUE=DATE`, midnight of that day in the zone).
 * A zone name that is not an IANA name (some Windows clients) is read as UTC.
 */
export function instantOf(line: ContentLine): { at: Date; isDate: boolean } | null {
  const value = line.value.trim();
  const date = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  const dateTime = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(value);
  const zone = isKnownZone(line.params.TZID) ? line.params.TZID : 'UTC';
  if (date) {
    const at = DateTime.fromObject({ year: Number(date[1]), month: Number(date[2]), day: Number(date[3]) }, { zone });
    return at.isValid ? { at: at.toJSDate(), isDate: true } : null;
  }
  if (!dateTime) return null;
  const [, y, mo, d, h, mi, s, utc] = dateTime;
  const at = DateTime.fromObject(
    { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s) },
    { zone: utc ? 'UTC' : zone },
  );
  return at.isValid ? { at: at.toJSDate(), isDate: false } : null;
}

/**
 * The time one VEVENT takes, or null when it takes none: cancelled, transparent (marked free), or
 * without a usable start. The end is DTEND, else DTSTART + DURATION, else one day for a date and
 * nothing for an instant (RFC 5545 3.6.1).
 */
export function busyIntervalOf(event: ContentLine[]): Interval | null {
  const prop = (name: string) => event.find((line) => line.name === name);
  if (prop('STATUS')?.value.toUpperCase() === 'CANCELLED') return null;
  if (prop('TRANSP')?.value.toUpperCase() === 'TRANSPARENT') return null;
  const startLine = prop('DTSTART');
  const start = startLine ? instantOf(startLine) : null;
  if (!start) return null;
  const endLine = prop('DTEND');
  const durationLine = prop('DURATION');
  let end = endLine ? instantOf(endLine)?.at : undefined;
  if (!end && durationLine) {
    const duration = Duration.fromISO(durationLine.value.trim().replace(/^\+/, ''));
    if (duration.isValid) end = new Date(start.at.getTime() + duration.toMillis());
  }
  end ??= start.isDate ? new Date(start.at.getTime() + 24 * 60 * 60_000) : start.at;
  return end.getTime() > start.at.getTime() ? { start: start.at, end } : null;
}

import { escapeText, foldLine, icsDateTime, paramValue } from './ical-format';
import type { CalendarEventSpec } from '../calendar-provider';
import { parseLine, unfold } from './ical-lines';

const CRLF = '\r\n';
const PRODUCT_ID = '-//booking-saga-engine//calendar//EN';
/** Our events' UIDs end with this: busy time skips them (their time is already held in slot_holds). */
export const OWN_UID_SUFFIX = '@booking-saga-engine.calendar';

/** The UID and the object's file name, both from the booking's idempotency key, so a retry writes the same object. */
export function calDavUid(idempotencyKey: string): string {
  return `${idempotencyKey}${OWN_UID_SUFFIX}`;
}

export function calDavFileName(idempotencyKey: string): string {
  return `${idempotencyKey.replace(/[^A-Za-z0-9_-]/g, '-')}.ics`;
}

/**
 * The booking as a VEVENT for the resource's calendar. The customer is an ATTENDEE with
 * SCHEDULE-AGENT=CLIENT (RFC 6638), which tells a scheduling server (Nextcloud, iCloud) not to send
 * its own invitation: the product's confirmation already carries one.
 */
export function buildCalDavEvent(spec: CalendarEventSpec, description: string, now: Date): string {
  const cn = spec.attendeeName ? `;CN=${paramValue(spec.attendeeName)}` : '';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODUCT_ID}`,
    'CALSCALE:GREGORIAN',
    'BEGIN:VEVENT',
    `UID:${calDavUid(spec.idempotencyKey)}`,
    `DTSTAMP:${icsDateTime(now)}`,
    `DTSTART:${icsDateTime(spec.start)}`,
    `DTEND:${icsDateTime(spec.end)}`,
    'SEQUENCE:0',
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    `SUMMARY:${escapeText(spec.summary)}`,
    `DESCRIPTION:${escapeText(description)}`,
    `ATTENDEE${cn};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;SCHEDULE-AGENT=CLIENT:mailto:${spec.attendeeEmail}`,
    `X-BOOKING-ID:${escapeText(spec.bookingId)}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/**
 * The same event at a new time: DTSTART/DTEND replaced (in UTC), SEQUENCE raised and DTSTAMP renewed, so
 * calendar clients take the new version; every other line (edits made in the calendar) is kept.
 */
export function retimeCalDavEvent(ics: string, start: Date, end: Date, now: Date): string {
  const out: string[] = [];
  let inEvent = false;
  for (const raw of unfold(ics)) {
    const line = parseLine(raw);
    if (line.name === 'BEGIN' && line.value.toUpperCase() === 'VEVENT') inEvent = true;
    if (line.name === 'END' && line.value.toUpperCase() === 'VEVENT') inEvent = false;
    if (inEvent && line.name === 'DTSTART') out.push(`DTSTART:${icsDateTime(start)}`);
    else if (inEvent && line.name === 'DTEND') out.push(`DTEND:${icsDateTime(end)}`);
    else if (inEvent && line.name === 'DURATION') continue;
    else if (inEvent && line.name === 'DTSTAMP') out.push(`DTSTAMP:${icsDateTime(now)}`);
    else if (inEvent && line.name === 'SEQUENCE') out.push(`SEQUENCE:${(Number.parseInt(line.value, 10) || 0) + 1}`);
    else out.push(raw);
  }
  return out.map(foldLine).join(CRLF) + CRLF;
}

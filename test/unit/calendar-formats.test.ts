import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildCalDavEvent, retimeCalDavEvent } from '../../src/providers/calendar/caldav/caldav-event';
import { vevents } from '../../src/providers/calendar/caldav/ical-lines';
import { busyIntervalOf } from '../../src/providers/calendar/caldav/ical-times';
import { eventDescription } from '../../src/providers/calendar/event-text';
import { googleEventId } from '../../src/providers/calendar/google/google-event-id';
import { bookingAccessToken } from '../../src/bookings/booking-token';
import { signCalendlyWebhook, verifyCalendlyWebhook } from '../../src/calendly/calendly-signature';

const event = (...lines: string[]) => `BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n${lines.join('\r\n')}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
const busyOf = (ics: string) => vevents(ics).map(busyIntervalOf).map((i) => (i ? `${i.start.toISOString()}/${i.end.toISOString()}` : null));

describe('Google event ids', () => {
  it('are the booking key in base32hex (RFC 4648 test vector "foobar" → cpnmuoj1e8)', () => {
    assert.equal(googleEventId('foobar'), 'cpnmuoj1e8');
    assert.match(googleEventId('bk_01HV7:calendar'), /^[a-v0-9]{5,1024}$/);
    assert.notEqual(googleEventId('bk_1:calendar'), googleEventId('bk_2:calendar'));
  });
});

describe('busy time from iCalendar events', () => {
  it('reads a zoned start and end, a duration, an all-day date, and skips free and cancelled events', () => {
    assert.deepEqual(busyOf(event('DTSTART;TZID=Europe/Berlin:20260707T090000', 'DTEND;TZID=Europe/Berlin:20260707T100000')), ['2026-07-07T07:00:00.000Z/2026-07-07T08:00:00.000Z']);
    assert.deepEqual(busyOf(event('DTSTART:20261207T090000Z', 'DURATION:PT1H30M')), ['2026-12-07T09:00:00.000Z/2026-12-07T10:30:00.000Z']);
    assert.deepEqual(busyOf(event('DTSTART;VALUE=DATE:20261207')), ['2026-12-07T00:00:00.000Z/2026-12-08T00:00:00.000Z']);
    assert.deepEqual(busyOf(event('DTSTART:20261207T090000Z', 'DTEND:20261207T100000Z', 'TRANSP:TRANSPARENT')), [null]);
    assert.deepEqual(busyOf(event('DTSTART:20261207T090000Z', 'DTEND:20261207T100000Z', 'STATUS:CANCELLED')), [null]);
  });

  it('ignores the times of an alarm inside the event', () => {
    assert.deepEqual(busyOf(event('DTSTART:20261207T090000Z', 'BEGIN:VALARM', 'TRIGGER:-PT15M', 'DTSTART:20200101T000000Z', 'END:VALARM', 'DTEND:20261207T100000Z')), ['2026-12-07T09:00:00.000Z/2026-12-07T10:00:00.000Z']);
  });
});

describe('the CalDAV event of a booking', () => {
  const spec = { bookingId: 'bk_1', idempotencyKey: 'bk_1:calendar', resourceId: 'r', start: new Date('2026-12-07T09:00:00Z'), end: new Date('2026-12-07T09:30:00Z'), summary: 'Consultation; Jane, Doe', description: 'line one\nline two', attendeeEmail: 'jane@example.com', attendeeName: 'Doe, Jane' };

  it('escapes text, folds long lines and names the customer without letting the server invite them', () => {
    const ics = buildCalDavEvent(spec, 'x'.repeat(200), new Date('2026-12-01T00:00:00Z'));
    assert.match(ics, /SUMMARY:Consultation\\; Jane\\, Doe/);
    assert.ok(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75));
    assert.match(ics.replace(/\r\n /g, ''), /ATTENDEE;CN="Doe, Jane";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;SCHEDULE-AGENT=CLIENT:mailto:jane@example.com/);
  });

  it('moves to a new time with a higher SEQUENCE and keeps everything else', () => {
    const moved = retimeCalDavEvent(buildCalDavEvent(spec, 'd', new Date('2026-12-01T00:00:00Z')).replace('SEQUENCE:0', 'SEQUENCE:4'), new Date('2026-12-08T10:00:00Z'), new Date('2026-12-08T10:30:00Z'), new Date('2026-12-02T00:00:00Z'));
    assert.match(moved, /DTSTART:20261208T100000Z/);
    assert.match(moved, /DTEND:20261208T103000Z/);
    assert.match(moved, /SEQUENCE:5/);
    assert.match(moved, /DTSTAMP:20261202T000000Z/);
    assert.match(moved, /UID:bk_1:calendar@booking-saga-engine\.calendar/);
  });
});

describe('the description of a booking’s calendar event', () => {
  const spec = { bookingId: 'bk_1', idempotencyKey: 'bk_1:calendar', resourceId: 'r', start: new Date(0), end: new Date(1), summary: 's', description: ' Bring the contract. ', attendeeEmail: 'jane@example.com', attendeeName: 'Jane Doe' };

  it('carries the notes, who booked, and the manage link the customer’s messages carry', () => {
    const text = eventDescription(spec, { publicBaseUrl: 'https://book.example.com/', bookingTokenSecret: 'a-secret-of-sixteen+' });
    assert.equal(text, `Bring the contract.\n\nBooked by Jane Doe <jane@example.com>.\n\nManage booking bk_1: https://book.example.com/manage/bk_1?token=${encodeURIComponent(bookingAccessToken('a-secret-of-sixteen+', 'bk_1'))}`);
  });

  it('names the admin API’s booking URL when no token secret is configured to sign a manage link', () => {
    const text = eventDescription({ ...spec, description: '', attendeeName: undefined }, { publicBaseUrl: 'https://book.example.com' });
    assert.equal(text, 'Booked by jane@example.com.\n\nBooking bk_1: https://book.example.com/v1/admin/bookings/bk_1');
  });
});

describe('Calendly webhook signatures', () => {
  const key = 'signing-key';
  const body = '{"event":"invitee.created"}';
  it('accepts what Calendly signs and refuses another key, another body, an old timestamp and a malformed header', () => {
    const header = signCalendlyWebhook(key, body, 1_700_000_000);
    assert.deepEqual(verifyCalendlyWebhook(key, header, body, 1_700_000_060, 180), { ok: true, timestamp: 1_700_000_000 });
    assert.deepEqual(verifyCalendlyWebhook('other', header, body, 1_700_000_060, 180), { ok: false, failure: 'mismatch' });
    assert.deepEqual(verifyCalendlyWebhook(key, header, `${body} `, 1_700_000_060, 180), { ok: false, failure: 'mismatch' });
    assert.deepEqual(verifyCalendlyWebhook(key, header, body, 1_700_001_000, 180), { ok: false, failure: 'stale' });
    assert.deepEqual(verifyCalendlyWebhook(key, 'v1=zz', body, 1_700_000_060, 180), { ok: false, failure: 'malformed' });
    assert.deepEqual(verifyCalendlyWebhook(key, undefined, body, 1_700_000_060, 180), { ok: false, failure: 'missing' });
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ICAL from 'ical.js';
import { buildInvite, inviteUid, type InviteEvent } from '../../src/notifications/ics';

function event(overrides: Partial<InviteEvent> = {}): InviteEvent {
  return {
    bookingId: 'bk_123',
    method: 'REQUEST',
    sequence: 0,
    start: new Date('2026-12-07T08:00:00Z'),
    end: new Date('2026-12-07T08:30:00Z'),
    timeZone: 'Europe/Berlin',
    summary: 'Consultation with Alex',
    description: 'Monday, 7 December 2026, 09:00 (Europe/Berlin)',
    organizer: { email: 'bookings@acme.example', name: 'Acme Bookings' },
    attendee: { email: 'ada@example.com', name: 'Ada Lovelace' },
    now: new Date('2026-12-01T10:11:12.345Z'),
    ...overrides,
  };
}

/** Parsed the way a calendar client would, with ical.js (Mozilla's iCalendar parser). */
function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent');
  assert.ok(vevent, 'one VEVENT');
  return { calendar, vevent };
}

describe('the calendar invitation (iTIP over iCalendar)', () => {
  it('invites with METHOD:REQUEST, a UID stable for the booking, the revision as SEQUENCE and UTC times', () => {
    const { calendar, vevent } = parse(buildInvite(event({ sequence: 2 })));
    assert.equal(calendar.getFirstPropertyValue('method'), 'REQUEST');
    assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
    assert.equal(vevent.getFirstPropertyValue('uid'), 'bk_123@booking-saga-engine');
    assert.equal(inviteUid('bk_123'), 'bk_123@booking-saga-engine');
    assert.equal(vevent.getFirstPropertyValue('sequence'), 2);
    const start = vevent.getFirstPropertyValue('dtstart') as ICAL.Time;
    const end = vevent.getFirstPropertyValue('dtend') as ICAL.Time;
    assert.equal(start.zone?.tzid, 'UTC');
    assert.equal(start.toJSDate().toISOString(), '2026-12-07T08:00:00.000Z');
    assert.equal(end.toJSDate().toISOString(), '2026-12-07T08:30:00.000Z');
    assert.equal(vevent.getFirstPropertyValue('status'), 'CONFIRMED');
  });

  it('names the resource’s time zone beside the UTC times', () => {
    const { calendar, vevent } = parse(buildInvite(event()));
    assert.equal(calendar.getFirstPropertyValue('x-wr-timezone'), 'Europe/Berlin');
    assert.match(String(vevent.getFirstPropertyValue('description')), /09:00 \(Europe\/Berlin\)/);
  });

  it('names the organizer and the customer as attendee, who has nothing to accept', () => {
    const { vevent } = parse(buildInvite(event()));
    const organizer = vevent.getFirstProperty('organizer');
    assert.equal(String(organizer?.getFirstValue()).toLowerCase(), 'mailto:bookings@acme.example');
    assert.equal(organizer?.getParameter('cn'), 'Acme Bookings');
    const attendee = vevent.getFirstProperty('attendee');
    assert.equal(String(attendee?.getFirstValue()).toLowerCase(), 'mailto:ada@example.com');
    assert.equal(attendee?.getParameter('cn'), 'Ada Lovelace');
    assert.equal(attendee?.getParameter('partstat'), 'ACCEPTED');
  });

  it('cancels with METHOD:CANCEL and STATUS:CANCELLED under the same UID, outranking the invite it withdraws', () => {
    const invite = parse(buildInvite(event({ sequence: 2 }))).vevent;
    const { calendar, vevent } = parse(buildInvite(event({ method: 'CANCEL', sequence: 3 })));
    assert.equal(calendar.getFirstPropertyValue('method'), 'CANCEL');
    assert.equal(vevent.getFirstPropertyValue('status'), 'CANCELLED');
    assert.equal(vevent.getFirstPropertyValue('uid'), invite.getFirstPropertyValue('uid'));
    assert.ok(Number(vevent.getFirstPropertyValue('sequence')) > Number(invite.getFirstPropertyValue('sequence')));
  });

  it('ends every line, the last one too, with CRLF and folds long lines', () => {
    const ics = buildInvite(event({ description: `${'Grüße aus Köln – '.repeat(12)}\nline two` }));
    assert.ok(ics.endsWith('\r\n'));
    assert.equal(/[^\r]\n/.test(ics), false);
    for (const line of ics.split('\r\n')) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line of ${Buffer.byteLength(line, 'utf8')} octets`);
    assert.equal(parse(ics).vevent.getFirstPropertyValue('description'), `${'Grüße aus Köln – '.repeat(12)}\nline two`);
  });

  it('keeps commas, semicolons and quotes in names and text intact', () => {
    const { vevent } = parse(buildInvite(event({ summary: 'Cut, colour; style', attendee: { email: 'ada@example.com', name: 'Lovelace, Ada' } })));
    assert.equal(vevent.getFirstPropertyValue('summary'), 'Cut, colour; style');
    assert.equal(vevent.getFirstProperty('attendee')?.getParameter('cn'), 'Lovelace, Ada');
  });
});

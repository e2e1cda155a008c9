import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { busyIn, needsExpansion } from '../../src/providers/calendar/caldav/caldav-busy';

const event = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:m-1', ...lines, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

describe('which CalDAV objects the server has to expand', () => {
  it('reads a one-off meeting in UTC or in an IANA zone itself', () => {
    assert.equal(needsExpansion(event('DTSTART:20261207T090000Z', 'DTEND:20261207T100000Z')), false);
    assert.equal(needsExpansion(event('DTSTART;TZID=Europe/Berlin:20261207T090000', 'DURATION:PT1H')), false);
  });

  it('leaves repeating meetings, moved occurrences, dates, floating times and Windows zones to the server', () => {
    assert.equal(needsExpansion(event('DTSTART:20261207T090000Z', 'DTEND:20261207T100000Z', 'RRULE:FREQ=DAILY;COUNT=3')), true);
    assert.equal(needsExpansion(event('DTSTART:20261207T090000Z', 'DTEND:20261207T100000Z', 'RDATE:20261209T090000Z')), true);
    assert.equal(needsExpansion(event('RECURRENCE-ID:20261208T090000Z', 'DTSTART:20261208T140000Z', 'DTEND:20261208T150000Z')), true);
    assert.equal(needsExpansion(event('DTSTART;VALUE=DATE:20261207', 'DTEND;VALUE=DATE:20261208')), true);
    assert.equal(needsExpansion(event('DTSTART:20261207T090000', 'DTEND:20261207T100000')), true);
    assert.equal(needsExpansion(event('DTSTART;TZID=W. Europe Standard Time:20261207T090000', 'DTEND;TZID=W. Europe Standard Time:20261207T100000')), true);
  });

  it('counts the meetings in the range, sorted, and leaves out our own bookings and free time', () => {
    const busy = busyIn(
      [
        event('DTSTART:20261207T140000Z', 'DTEND:20261207T150000Z'),
        event('DTSTART;TZID=Europe/Berlin:20261207T090000', 'DTEND;TZID=Europe/Berlin:20261207T100000'),
        event('DTSTART:20261207T110000Z', 'DTEND:20261207T120000Z', 'TRANSP:TRANSPARENT'),
        event('DTSTART:20261210T110000Z', 'DTEND:20261210T120000Z'),
        event('DTSTART:20261207T120000Z', 'DTEND:20261207T123000Z').replace('UID:m-1', 'UID:bk_1:calendar@booking-saga-engine.calendar'),
      ],
      new Date('2026-12-07T00:00:00Z'),
      new Date('2026-12-08T00:00:00Z'),
    );
    assert.deepEqual(busy.map((b) => `${b.start.toISOString()}/${b.end.toISOString()}`), ['2026-12-07T08:00:00.000Z/2026-12-07T09:00:00.000Z', '2026-12-07T14:00:00.000Z/2026-12-07T15:00:00.000Z']);
  });
});

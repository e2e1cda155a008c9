import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildIcs, escapeText, foldLine, type IcsEvent } from '../../src/notifications/ics';

function event(overrides: Partial<IcsEvent> = {}): IcsEvent {
  return {
    bookingId: 'bk_123',
    method: 'REQUEST',
    sequence: 0,
    start: new Date('2026-12-07T08:00:00Z'),
    end: new Date('2026-12-07T08:30:00Z'),
    summary: 'Consultation with Alex',
    description: 'Booking bk_123',
    attendeeEmail: 'ada@example.com',
    attendeeName: 'Ada Lovelace',
    now: new Date('2026-12-01T10:11:12.345Z'),
    ...overrides,
  };
}

/** Undoes RFC 5545 folding and splits into content lines. */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n');
}

describe('calendar invitation (.ics)', () => {
  it('describes one event with a stable UID, UTC times and the booking revision as SEQUENCE', () => {
    const lines = unfold(buildIcs(event({ sequence: 2 })));
    assert.equal(lines[0], 'BEGIN:VCALENDAR');
    assert.ok(lines.includes('VERSION:2.0'));
    assert.ok(lines.includes('METHOD:REQUEST'));
    assert.ok(lines.includes('UID:bk_123@booking-saga-engine'));
    assert.ok(lines.includes('DTSTAMP:20261201T101112Z'));
    assert.ok(lines.includes('DTSTART:20261207T080000Z'));
    assert.ok(lines.includes('DTEND:20261207T083000Z'));
    assert.ok(lines.includes('SEQUENCE:2'));
    assert.ok(lines.includes('STATUS:CONFIRMED'));
    assert.ok(lines.includes('ATTENDEE;CN=Ada Lovelace;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:ada@example.com'));
    assert.deepEqual(lines.slice(-3), ['END:VEVENT', 'END:VCALENDAR', '']);
  });

  it('cancels with METHOD:CANCEL and STATUS:CANCELLED under the same UID', () => {
    const lines = unfold(buildIcs(event({ method: 'CANCEL', sequence: 3 })));
    assert.ok(lines.includes('METHOD:CANCEL'));
    assert.ok(lines.includes('STATUS:CANCELLED'));
    assert.ok(lines.includes('UID:bk_123@booking-saga-engine'));
    assert.ok(lines.includes('SEQUENCE:3'));
  });

  it('ends every line with CRLF and never a bare LF', () => {
    const ics = buildIcs(event({ description: 'line one\nline two' }));
    assert.ok(ics.endsWith('\r\n'));
    assert.equal(/[^\r]\n/.test(ics), false);
  });

  it('escapes commas, semicolons, backslashes and newlines in text', () => {
    assert.equal(escapeText('a, b; c\\d\ne'), 'a\\, b\\; c\\\\d\\ne');
    assert.ok(unfold(buildIcs(event({ summary: 'Cut, colour; style' }))).includes('SUMMARY:Cut\\, colour\\; style'));
  });

  it('quotes an attendee name that holds a separator', () => {
    assert.ok(unfold(buildIcs(event({ attendeeName: 'Lovelace, Ada' }))).some((l) => l.startsWith('ATTENDEE;CN="Lovelace, Ada";')));
  });

  it('folds long lines at 75 octets without splitting a multi-byte character', () => {
    const long = `DESCRIPTION:${'Grüße aus Köln – '.repeat(12)}`;
    const folded = foldLine(long);
    const physical = folded.split('\r\n');
    assert.ok(physical.length > 1);
    for (const line of physical) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line of ${Buffer.byteLength(line, 'utf8')} octets`);
    for (const line of physical.slice(1)) assert.ok(line.startsWith(' '));
    assert.equal(physical.map((l, i) => (i === 0 ? l : l.slice(1))).join(''), long);
    assert.equal(folded.includes('\uFFFD'), false);
  });

  it('leaves a short line alone', () => {
    assert.equal(foldLine('SUMMARY:Consultation'), 'SUMMARY:Consultation');
  });
});

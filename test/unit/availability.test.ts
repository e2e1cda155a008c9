import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeSlots, type SlotRules } from '../../src/availability/compute-slots';
import { isSlotOffered, slotRefusal } from '../../src/availability/is-slot-offered';
import { type Schedule, workingWindows } from '../../src/availability/working-windows';
import type { TimeRange, WeeklyHours } from '../../src/db/schema';

const hours = (start: string, end: string): TimeRange[] => [{ start, end }];
const everyDay = (start: string, end: string): WeeklyHours => ({
  mon: hours(start, end),
  tue: hours(start, end),
  wed: hours(start, end),
  thu: hours(start, end),
  fri: hours(start, end),
  sat: hours(start, end),
  sun: hours(start, end),
});
const weekdays = (start: string, end: string): WeeklyHours => ({ ...everyDay(start, end), sat: [], sun: [] });

function schedule(timeZone: string, weeklyHours: WeeklyHours, dateOverrides: Schedule['dateOverrides'] = {}): Schedule {
  return { timeZone, weeklyHours, dateOverrides };
}

function rules(overrides: Partial<SlotRules> = {}): SlotRules {
  return { durationMinutes: 60, bufferBeforeMinutes: 0, bufferAfterMinutes: 0, minNoticeMinutes: 0, maxAdvanceDays: 365, slotStepMinutes: 60, ...overrides };
}

const at = (iso: string) => new Date(iso);
const LONG_AGO = at('2026-01-01T00:00:00Z');

/** Slot starts (ISO, UTC) for one local day of the schedule. */
function startsOn(s: Schedule, r: SlotRules, dayFromUtc: string, dayToUtc: string, opts: { now?: Date; busy?: { start: Date; end: Date }[] } = {}): string[] {
  const from = at(dayFromUtc);
  const to = at(dayToUtc);
  return computeSlots({ resourceId: 'res_1', windows: workingWindows(s, from, to), rules: r, from, to, now: opts.now ?? LONG_AGO, busy: opts.busy ?? [] }).map((slot) => slot.start);
}

function windowsOn(s: Schedule, fromUtc: string, toUtc: string): string[] {
  return workingWindows(s, at(fromUtc), at(toUtc)).map((w) => `${w.start.toISOString()}/${w.end.toISOString()}`);
}

describe('working windows', () => {
  it('turns a normal Berlin Monday 09:00–17:00 into 08:00–16:00 UTC (winter time)', () => {
    assert.deepEqual(windowsOn(schedule('Europe/Berlin', weekdays('09:00', '17:00')), '2026-12-07T00:00:00Z', '2026-12-07T23:00:00Z'), [
      '2026-12-07T08:00:00.000Z/2026-12-07T16:00:00.000Z',
    ]);
  });

  it('keeps 09:00 local on both sides of a change: New York, the Friday before and the Monday after spring-forward', () => {
    const s = schedule('America/New_York', weekdays('09:00', '17:00'));
    assert.deepEqual(windowsOn(s, '2026-03-06T00:00:00Z', '2026-03-10T00:00:00Z'), [
      '2026-03-06T14:00:00.000Z/2026-03-06T22:00:00.000Z',
      '2026-03-09T13:00:00.000Z/2026-03-09T21:00:00.000Z',
    ]);
  });

  it('closes a day with an empty date override and reshapes another', () => {
    const s = schedule('Europe/Berlin', weekdays('09:00', '17:00'), { '2026-12-07': [], '2026-12-08': hours('13:00', '15:00') });
    assert.deepEqual(windowsOn(s, '2026-12-07T00:00:00Z', '2026-12-09T00:00:00Z'), ['2026-12-08T12:00:00.000Z/2026-12-08T14:00:00.000Z']);
  });

  it('opens a weekend day by override', () => {
    const s = schedule('Europe/Berlin', weekdays('09:00', '17:00'), { '2026-12-12': hours('10:00', '12:00') });
    assert.deepEqual(windowsOn(s, '2026-12-12T00:00:00Z', '2026-12-13T23:00:00Z'), ['2026-12-12T09:00:00.000Z/2026-12-12T11:00:00.000Z']);
  });

  it('rejects an unknown time zone instead of guessing one', () => {
    assert.throws(() => workingWindows(schedule('Mars/Olympus', everyDay('09:00', '17:00')), LONG_AGO, at('2026-01-02T00:00:00Z')), /unknown time zone/);
  });
});

describe('slots across daylight-saving changes', () => {
  describe('America/New_York, spring-forward on 2026-03-08 (02:00 EST → 03:00 EDT)', () => {
    const day = ['2026-03-08T04:00:00Z', '2026-03-09T04:00:00Z'] as const;

    it('offers 01:00–04:00 as two real hours: 01:00 EST and 03:00 EDT (02:00 does not exist)', () => {
      const s = schedule('America/New_York', everyDay('01:00', '04:00'));
      assert.deepEqual(windowsOn(s, ...day), ['2026-03-08T06:00:00.000Z/2026-03-08T08:00:00.000Z']);
      assert.deepEqual(startsOn(s, rules(), ...day), ['2026-03-08T06:00:00.000Z', '2026-03-08T07:00:00.000Z']);
    });

    it('starts hours that begin inside the gap (02:30) at the jump, 03:00 EDT', () => {
      const s = schedule('America/New_York', everyDay('02:30', '05:00'));
      assert.deepEqual(windowsOn(s, ...day), ['2026-03-08T07:00:00.000Z/2026-03-08T09:00:00.000Z']);
    });

    it('offers 09:00–17:00 in daylight time, 13:00–21:00 UTC', () => {
      const starts = startsOn(schedule('America/New_York', everyDay('09:00', '17:00')), rules(), ...day);
      assert.equal(starts.length, 8);
      assert.equal(starts[0], '2026-03-08T13:00:00.000Z');
      assert.equal(starts.at(-1), '2026-03-08T20:00:00.000Z');
    });
  });

  describe('America/New_York, fall-back on 2026-11-01 (02:00 EDT → 01:00 EST)', () => {
    const day = ['2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z'] as const;

    it('reads the ambiguous 01:00 as the earlier one (EDT) and works four real hours until 04:00 EST', () => {
      const s = schedule('America/New_York', everyDay('01:00', '04:00'));
      assert.deepEqual(windowsOn(s, ...day), ['2026-11-01T05:00:00.000Z/2026-11-01T09:00:00.000Z']);
      assert.deepEqual(startsOn(s, rules(), ...day), [
        '2026-11-01T05:00:00.000Z', // 01:00 EDT
        '2026-11-01T06:00:00.000Z', // 01:00 EST, the repeated hour
        '2026-11-01T07:00:00.000Z', // 02:00 EST
        '2026-11-01T08:00:00.000Z', // 03:00 EST
      ]);
    });

    it('offers 09:00–17:00 in standard time, 14:00–22:00 UTC', () => {
      const starts = startsOn(schedule('America/New_York', everyDay('09:00', '17:00')), rules(), ...day);
      assert.equal(starts.length, 8);
      assert.equal(starts[0], '2026-11-01T14:00:00.000Z');
      assert.equal(starts.at(-1), '2026-11-01T21:00:00.000Z');
    });
  });

  describe('Europe/Berlin, spring-forward on 2026-03-29 (02:00 CET → 03:00 CEST)', () => {
    const day = ['2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z'] as const;

    it('offers 01:00–04:00 as two real hours: 01:00 CET and 03:00 CEST', () => {
      const s = schedule('Europe/Berlin', everyDay('01:00', '04:00'));
      assert.deepEqual(startsOn(s, rules(), ...day), ['2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z']);
    });

    it('offers 09:00–17:00 as 07:00–15:00 UTC, with 30-minute slots on a 30-minute step', () => {
      const starts = startsOn(schedule('Europe/Berlin', everyDay('09:00', '17:00')), rules({ durationMinutes: 30, slotStepMinutes: 30 }), ...day);
      assert.equal(starts.length, 16);
      assert.equal(starts[0], '2026-03-29T07:00:00.000Z');
      assert.equal(starts.at(-1), '2026-03-29T14:30:00.000Z');
    });
  });

  describe('Europe/Berlin, fall-back on 2026-10-25 (03:00 CEST → 02:00 CET)', () => {
    const day = ['2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z'] as const;

    it('offers 01:00–04:00 as four real hours, the repeated 02:00 twice', () => {
      const s = schedule('Europe/Berlin', everyDay('01:00', '04:00'));
      assert.deepEqual(startsOn(s, rules(), ...day), [
        '2026-10-24T23:00:00.000Z', // 01:00 CEST
        '2026-10-25T00:00:00.000Z', // 02:00 CEST
        '2026-10-25T01:00:00.000Z', // 02:00 CET
        '2026-10-25T02:00:00.000Z', // 03:00 CET
      ]);
    });

    it('reads an ambiguous window start (02:30) as the earlier instant, 02:30 CEST', () => {
      assert.deepEqual(windowsOn(schedule('Europe/Berlin', everyDay('02:30', '05:00')), ...day), ['2026-10-25T00:30:00.000Z/2026-10-25T04:00:00.000Z']);
    });

    it('offers 09:00–17:00 as 08:00–16:00 UTC', () => {
      const starts = startsOn(schedule('Europe/Berlin', everyDay('09:00', '17:00')), rules(), ...day);
      assert.deepEqual([starts[0], starts.at(-1), starts.length], ['2026-10-25T08:00:00.000Z', '2026-10-25T15:00:00.000Z', 8]);
    });
  });
});

describe('a working day that ends at midnight ("24:00")', () => {
  const halfHours = rules({ durationMinutes: 30, slotStepMinutes: 30 });
  const evenings = (timeZone: string) => schedule(timeZone, everyDay('20:00', '24:00'));

  it('offers 23:30 as the last 30-minute slot of a 20:00–24:00 winter evening in Berlin', () => {
    assert.deepEqual(windowsOn(evenings('Europe/Berlin'), '2026-12-07T00:00:00Z', '2026-12-07T23:00:00Z'), ['2026-12-07T19:00:00.000Z/2026-12-07T23:00:00.000Z']);
    const starts = startsOn(evenings('Europe/Berlin'), halfHours, '2026-12-07T00:00:00Z', '2026-12-07T23:00:00Z');
    assert.deepEqual([starts[0], starts.at(-1), starts.length], ['2026-12-07T19:00:00.000Z', '2026-12-07T22:30:00.000Z', 8]);
  });

  it('ends the evening at the next local midnight on the spring-forward day (2026-03-29, CEST): 23:30 is 21:30 UTC', () => {
    const starts = startsOn(evenings('Europe/Berlin'), halfHours, '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z');
    assert.deepEqual([starts[0], starts.at(-1), starts.length], ['2026-03-29T18:00:00.000Z', '2026-03-29T21:30:00.000Z', 8]);
  });

  it('ends the evening at the next local midnight on the fall-back day (2026-10-25, CET): 23:30 is 22:30 UTC', () => {
    const starts = startsOn(evenings('Europe/Berlin'), halfHours, '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z');
    assert.deepEqual([starts[0], starts.at(-1), starts.length], ['2026-10-25T19:00:00.000Z', '2026-10-25T22:30:00.000Z', 8]);
  });

  it('counts a whole 00:00–24:00 day by its real length: 23 hours in spring, 25 in autumn', () => {
    const hourly = rules({ durationMinutes: 60, slotStepMinutes: 60 });
    const allDay = schedule('Europe/Berlin', everyDay('00:00', '24:00'));
    assert.equal(startsOn(allDay, hourly, '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z').length, 23);
    assert.equal(startsOn(allDay, hourly, '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z').length, 25);
  });

  it('takes "24:00" in a date override too, and joins a late evening to the early hours of the next day', () => {
    const s = schedule('Europe/Berlin', weekdays('09:00', '17:00'), { '2026-12-12': hours('22:00', '24:00'), '2026-12-13': hours('00:00', '01:00') });
    assert.deepEqual(startsOn(s, rules(), '2026-12-12T00:00:00Z', '2026-12-14T00:00:00Z'), ['2026-12-12T21:00:00.000Z', '2026-12-12T22:00:00.000Z', '2026-12-12T23:00:00.000Z']);
  });

  it('accepts 23:30 as a booking start and refuses a start that would run past midnight', () => {
    const r = rules({ durationMinutes: 30, slotStepMinutes: 15 });
    const now = at('2026-03-01T00:00:00Z');
    assert.equal(slotRefusal(evenings('Europe/Berlin'), r, at('2026-03-29T21:30:00Z'), now), null);
    assert.equal(slotRefusal(evenings('Europe/Berlin'), r, at('2026-03-29T21:45:00Z'), now), 'NOT_ON_SCHEDULE');
  });
});

describe('slot rules', () => {
  const berlin = schedule('Europe/Berlin', weekdays('09:00', '12:00'));
  const monday = ['2026-12-07T00:00:00Z', '2026-12-08T00:00:00Z'] as const;

  it('drops a start whose appointment would run past the end of the window', () => {
    assert.deepEqual(startsOn(berlin, rules({ durationMinutes: 90, slotStepMinutes: 60 }), ...monday), ['2026-12-07T08:00:00.000Z', '2026-12-07T09:00:00.000Z']);
  });

  it('drops starts inside the minimum notice', () => {
    const now = at('2026-12-07T08:10:00Z');
    assert.deepEqual(startsOn(berlin, rules({ minNoticeMinutes: 60 }), ...monday, { now }), ['2026-12-07T10:00:00.000Z']);
  });

  it('drops starts beyond the booking horizon', () => {
    const now = at('2026-12-05T09:00:00Z');
    assert.deepEqual(startsOn(berlin, rules({ maxAdvanceDays: 2 }), ...monday, { now }), ['2026-12-07T08:00:00.000Z', '2026-12-07T09:00:00.000Z']);
  });

  it('drops a slot that overlaps busy time, and keeps the one that only touches it', () => {
    const busy = [{ start: at('2026-12-07T09:00:00Z'), end: at('2026-12-07T10:00:00Z') }];
    assert.deepEqual(startsOn(berlin, rules(), ...monday, { busy }), ['2026-12-07T08:00:00.000Z', '2026-12-07T10:00:00.000Z']);
  });

  it('counts the buffers as taken time: a 15-minute buffer after reaches into the busy hour', () => {
    const busy = [{ start: at('2026-12-07T10:00:00Z'), end: at('2026-12-07T11:00:00Z') }];
    assert.deepEqual(startsOn(berlin, rules({ bufferAfterMinutes: 15 }), ...monday, { busy }), ['2026-12-07T08:00:00.000Z']);
    assert.deepEqual(startsOn(berlin, rules({ bufferBeforeMinutes: 15 }), ...monday, { busy: [{ start: at('2026-12-07T08:00:00Z'), end: at('2026-12-07T08:50:00Z') }] }), [
      '2026-12-07T10:00:00.000Z',
    ]);
  });

  it('returns only starts inside the asked range, sorted', () => {
    assert.deepEqual(startsOn(berlin, rules(), '2026-12-07T09:00:00Z', '2026-12-07T10:00:00Z'), ['2026-12-07T09:00:00.000Z']);
  });
});

describe('is a start offered', () => {
  const berlin = schedule('Europe/Berlin', weekdays('09:00', '17:00'));
  const r = rules({ durationMinutes: 30, slotStepMinutes: 30, minNoticeMinutes: 60, maxAdvanceDays: 60 });
  const now = at('2026-12-01T08:00:00Z');

  it('accepts a start on the grid inside the hours', () => {
    assert.equal(isSlotOffered(berlin, r, at('2026-12-07T08:30:00Z'), now), true);
  });

  it('refuses a start off the step grid, outside the hours, or on a closed day', () => {
    assert.equal(slotRefusal(berlin, r, at('2026-12-07T08:10:00Z'), now), 'NOT_ON_SCHEDULE');
    assert.equal(slotRefusal(berlin, r, at('2026-12-07T16:00:00Z'), now), 'NOT_ON_SCHEDULE');
    assert.equal(slotRefusal(berlin, r, at('2026-12-06T10:00:00Z'), now), 'NOT_ON_SCHEDULE');
  });

  it('refuses a start inside the notice period or past the horizon', () => {
    assert.equal(slotRefusal(berlin, r, at('2026-12-01T08:30:00Z'), now), 'TOO_SOON');
    assert.equal(slotRefusal(berlin, r, at('2027-02-01T09:00:00Z'), now), 'TOO_FAR_AHEAD');
  });
});

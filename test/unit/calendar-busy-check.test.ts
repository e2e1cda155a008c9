import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFreeInCalendar } from '../../src/availability/calendar-busy-check';
import { SlotUnavailableError } from '../../src/bookings/booking-errors';
import type { BusyQuery, CalendarProvider, Interval } from '../../src/providers/calendar/calendar-provider';

const at = (hhmm: string) => new Date(`2026-12-07T${hhmm}:00Z`);

/** A calendar whose free/busy answer is fixed, as Google's is: merged blocks, the product's own events included. */
function calendarAnswering(blocks: Interval[], asked: BusyQuery[] = []): CalendarProvider {
  return {
    name: 'google',
    createEvent: () => Promise.reject(new Error('not used')),
    moveEvent: () => Promise.reject(new Error('not used')),
    deleteEvent: () => Promise.reject(new Error('not used')),
    busy: (query) => {
      asked.push(query);
      return Promise.resolve(blocks.filter((b) => b.start < query.to && query.from < b.end));
    },
  };
}

const service = { durationMinutes: 30, bufferBeforeMinutes: 0, bufferAfterMinutes: 10 };
const own = { start: at('09:00'), end: at('09:30') };

describe('the booking-time check of the resource’s calendar', () => {
  it('asks the calendar afresh for the slot and its buffers, and refuses a start a meeting overlaps', async () => {
    const asked: BusyQuery[] = [];
    const calendar = calendarAnswering([{ start: at('11:00'), end: at('12:00') }], asked);
    await assertFreeInCalendar(calendar, service, 'res_1', at('10:00'));
    assert.deepEqual(asked, [{ resourceId: 'res_1', from: at('10:00'), to: at('10:40'), fresh: true }]);
    // 10:30 + 30 minutes + a 10-minute buffer reaches into the 11:00 meeting.
    await assert.rejects(assertFreeInCalendar(calendar, service, 'res_1', at('10:30')), SlotUnavailableError);
  });

  it('lets a booking move across its own event, which Google counts as busy, but not into a meeting joined to it', async () => {
    await assertFreeInCalendar(calendarAnswering([own]), service, 'res_1', at('09:15'), own);
    await assert.rejects(assertFreeInCalendar(calendarAnswering([own]), service, 'res_1', at('09:15')), SlotUnavailableError);
    // Google joins the booking and the meeting right after it into one block, 09:00–11:00.
    const joined = calendarAnswering([{ start: at('09:00'), end: at('11:00') }]);
    await assertFreeInCalendar(joined, { ...service, bufferAfterMinutes: 0 }, 'res_1', at('09:00'), own);
    await assert.rejects(assertFreeInCalendar(joined, service, 'res_1', at('09:15'), own), SlotUnavailableError);
    await assert.rejects(assertFreeInCalendar(joined, service, 'res_1', at('10:15'), own), SlotUnavailableError);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cancelRefusal, noShowRefusal, rescheduleLimitRefusal, rescheduleRefusal } from '../../workflows/state/booking-guards';
import { initialBookingState } from '../../workflows/state/booking-state';
import type { BookingStatus, BookingState } from '../../workflows/contract';
import { aBookingInput } from '../support/fixtures';

const HOUR = 3_600_000;
const now = Date.parse('2026-12-01T10:00:00.000Z');

function booking(status: BookingStatus, hoursAhead = 48): BookingState {
  return { ...initialBookingState(aBookingInput(now, { hoursAhead }), new Date(now).toISOString()), status };
}

const slot = (hoursAhead: number) => ({
  start: new Date(now + hoursAhead * HOUR).toISOString(),
  end: new Date(now + (hoursAhead + 1) * HOUR).toISOString(),
  actor: 'customer' as const,
});

describe('update guards', () => {
  it('lets a confirmed or unpaid booking be cancelled, not a finished one', () => {
    assert.equal(cancelRefusal(booking('CONFIRMED')), null);
    assert.equal(cancelRefusal(booking('AWAITING_PAYMENT')), null);
    assert.match(cancelRefusal(booking('COMPLETED')) ?? '', /COMPLETED booking cannot be cancelled/);
    assert.match(cancelRefusal(booking('EXPIRED')) ?? '', /cannot be cancelled/);
  });

  it('reschedules only to a future slot, before the appointment starts', () => {
    assert.equal(rescheduleRefusal(booking('CONFIRMED'), slot(72), now), null);
    assert.match(rescheduleRefusal(booking('CONFIRMED'), slot(-2), now) ?? '', /in the future/);
    assert.match(rescheduleRefusal(booking('CONFIRMED'), { ...slot(72), end: slot(71).start }, now) ?? '', /end must be after/);
    assert.match(rescheduleRefusal(booking('CONFIRMED', -1), slot(72), now) ?? '', /already started/);
    assert.match(rescheduleRefusal(booking('CANCELLED'), slot(72), now) ?? '', /cannot be rescheduled/);
    assert.match(rescheduleRefusal(booking('CONFIRMED'), { ...slot(72), start: 'tomorrow' }, now) ?? '', /ISO 8601/);
  });

  it('lets a customer reschedule as often as the service allows, and an admin or operator beyond it', () => {
    const movedTwice = { ...booking('CONFIRMED'), revision: 2 };
    assert.equal(rescheduleLimitRefusal(booking('CONFIRMED'), slot(72), { maxReschedules: 2 }), null);
    assert.match(rescheduleLimitRefusal(movedTwice, slot(72), { maxReschedules: 2 }) ?? '', /already rescheduled 2 times/);
    assert.equal(rescheduleLimitRefusal(movedTwice, { ...slot(72), actor: 'admin' }, { maxReschedules: 2 }), null);
    assert.equal(rescheduleLimitRefusal(movedTwice, { ...slot(72), actor: 'operator' }, { maxReschedules: 2 }), null);
    assert.match(rescheduleLimitRefusal(booking('CONFIRMED'), slot(72), { maxReschedules: 0 }) ?? '', /cannot be rescheduled/);
  });

  it('marks a no-show only once the appointment started, and within the grace period after a completion', () => {
    const grace = 1440;
    assert.match(noShowRefusal(booking('CONFIRMED', 2), now, grace) ?? '', /not started/);
    assert.equal(noShowRefusal(booking('CONFIRMED', 0), now, grace), null);
    const completed = booking('COMPLETED', -3);
    assert.equal(noShowRefusal(completed, now, grace), null);
    assert.match(noShowRefusal(completed, Date.parse(completed.end) + grace * 60_000 + 1, grace) ?? '', /within 1440 minutes/);
    assert.match(noShowRefusal(booking('AWAITING_PAYMENT', -1), now, grace) ?? '', /cannot be marked/);
  });
});

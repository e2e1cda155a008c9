import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { refundAmount, refundableUntilAfterMove, refundWindowCloses } from '../../workflows/state/refund-policy';

const HOUR = 3_600_000;
const start = '2026-12-10T09:00:00.000Z';
const hoursBefore = (hours: number) => new Date(Date.parse(start) - hours * HOUR);
const paid = { paidCents: 5000, refundedCents: 0, refundableUntil: refundWindowCloses(start, 24) };

describe('refund policy', () => {
  it('closes the refund window the given hours before the start', () => {
    assert.equal(refundWindowCloses(start, 24), '2026-12-09T09:00:00.000Z');
    assert.equal(refundWindowCloses(start, 0), start);
  });

  it('refunds everything when the customer cancels 48 hours ahead of a 24-hour window', () => {
    assert.equal(refundAmount({ ...paid, now: hoursBefore(48), choice: 'policy' }), 5000);
  });

  it('refunds nothing when the customer cancels one hour ahead', () => {
    assert.equal(refundAmount({ ...paid, now: hoursBefore(1), choice: 'policy' }), 0);
  });

  it('still refunds in full when cancelled exactly at the window', () => {
    assert.equal(refundAmount({ ...paid, now: hoursBefore(24), choice: 'policy' }), 5000);
    assert.equal(refundAmount({ ...paid, now: new Date(hoursBefore(24).getTime() + 1), choice: 'policy' }), 0);
  });

  it('accepts the current time as an ISO instant too', () => {
    assert.equal(refundAmount({ ...paid, now: hoursBefore(30).toISOString(), choice: 'policy' }), 5000);
  });

  it("refunds in full on an admin's 'full' choice, even inside the window", () => {
    assert.equal(refundAmount({ ...paid, now: hoursBefore(1), choice: 'full' }), 5000);
  });

  it("refunds nothing on an admin's 'none' choice, even well ahead", () => {
    assert.equal(refundAmount({ ...paid, now: hoursBefore(100), choice: 'none' }), 0);
  });

  it('refunds only what was not refunded already', () => {
    assert.equal(refundAmount({ ...paid, refundedCents: 2000, now: hoursBefore(48), choice: 'policy' }), 3000);
    assert.equal(refundAmount({ ...paid, refundedCents: 2000, now: hoursBefore(1), choice: 'full' }), 3000);
    assert.equal(refundAmount({ ...paid, refundedCents: 5000, now: hoursBefore(48), choice: 'full' }), 0);
  });

  it('refunds nothing for a free booking', () => {
    assert.equal(refundAmount({ ...paid, paidCents: 0, now: hoursBefore(48), choice: 'full' }), 0);
  });
});

describe('refund deadline when the appointment moves', () => {
  const deadline = refundWindowCloses(start, 24);
  const nextWeek = new Date(Date.parse(start) + 7 * 24 * HOUR).toISOString();

  it('follows the new start while the window is still open', () => {
    assert.equal(refundableUntilAfterMove(deadline, nextWeek, 24, hoursBefore(48).getTime()), refundWindowCloses(nextWeek, 24));
  });

  it('stays closed once it has passed: moving an appointment two hours away to next week does not make it refundable', () => {
    const twoHoursBefore = hoursBefore(2).getTime();
    const kept = refundableUntilAfterMove(deadline, nextWeek, 24, twoHoursBefore);
    assert.equal(kept, deadline);
    assert.equal(refundAmount({ paidCents: 5000, refundedCents: 0, refundableUntil: kept, now: new Date(twoHoursBefore + HOUR), choice: 'policy' }), 0);
  });

  it('closes at once when moved earlier than the window allows', () => {
    const soon = new Date(Date.parse(start) - 47 * HOUR).toISOString();
    const moved = refundableUntilAfterMove(deadline, soon, 24, hoursBefore(48).getTime());
    assert.equal(refundAmount({ paidCents: 5000, refundedCents: 0, refundableUntil: moved, now: hoursBefore(48), choice: 'policy' }), 0);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { refundAmount } from '../../workflows/refund-policy';

const start = '2026-12-10T09:00:00.000Z';
const hoursBefore = (hours: number) => new Date(Date.parse(start) - hours * 3_600_000);
const paid = { paidCents: 5000, refundedCents: 0, start, refundWindowHours: 24 };

describe('refund policy', () => {
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

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidTransitionError } from '../../workflows/state/booking-state-machine';
import { applyTransition, initialBookingState, snapshotOf } from '../../workflows/state/booking-state';
import { aBookingInput } from '../support/fixtures';

const now = '2026-12-01T10:00:00.000Z';

describe('booking state', () => {
  it('starts PENDING with the amount due and a created entry', () => {
    const state = initialBookingState(aBookingInput(Date.parse(now), { service: { priceCents: 5000, depositCents: 1500 } }), now);
    assert.equal(state.status, 'PENDING');
    assert.deepEqual([state.payment.status, state.payment.amountCents, state.payment.currency], ['PENDING', 1500, 'CHF']);
    assert.deepEqual(state.history, [{ status: 'PENDING', event: 'created', at: now, actor: 'customer' }]);
    assert.equal(state.revision, 0);
    assert.deepEqual([state.holdKey, state.holdAttempts, state.pendingUndos, state.attention], [null, 0, [], []]);
  });

  it('closes the refund window refundWindowHours before the start', () => {
    const input = aBookingInput(Date.parse(now), { service: { refundWindowHours: 24 } });
    const state = initialBookingState(input, now);
    assert.equal(Date.parse(state.refundableUntil), Date.parse(input.start) - 24 * 3_600_000);
  });

  it('answers updates with a snapshot that leaves the history out', () => {
    const snapshot = snapshotOf(initialBookingState(aBookingInput(Date.parse(now)), now));
    assert.equal('history' in snapshot, false);
    assert.equal(snapshot.status, 'PENDING');
  });

  it('needs no payment for a free service', () => {
    const state = initialBookingState(aBookingInput(Date.parse(now), { service: { priceCents: 0 } }), now);
    assert.equal(state.payment.status, 'NOT_REQUIRED');
  });

  it('appends the history entry with the new status, event, time, actor and detail', () => {
    const state = initialBookingState(aBookingInput(Date.parse(now)), now);
    const later = '2026-12-01T10:00:05.000Z';
    const applied = applyTransition(state, 'payment_requested', 'system', later, { detail: 'due by noon', changes: { calendarEventId: 'x' } });

    assert.equal(applied.state.status, 'AWAITING_PAYMENT');
    assert.deepEqual(applied.entry, { status: 'AWAITING_PAYMENT', event: 'payment_requested', at: later, actor: 'system', detail: 'due by noon' });
    assert.equal(applied.seq, 1);
    assert.equal(applied.state.history[1], applied.entry);
    assert.equal(applied.state.updatedAt, later);
    assert.equal(applied.state.calendarEventId, 'x');
    assert.equal(state.history.length, 1, 'the previous state is left untouched');
  });

  it('records a note (a failing undo) without moving the status', () => {
    const state = initialBookingState(aBookingInput(Date.parse(now)), now);
    const noted = applyTransition(state, 'compensation_failing', 'system', now, { detail: 'refund failed, retrying' });
    assert.deepEqual([noted.state.status, noted.entry.event], ['PENDING', 'compensation_failing']);
  });

  it('refuses a move the state machine forbids', () => {
    const state = initialBookingState(aBookingInput(Date.parse(now)), now);
    assert.throws(() => applyTransition(state, 'paid', 'customer', now), InvalidTransitionError);
  });
});

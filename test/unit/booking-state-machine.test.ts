import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allowedTransitions, canApply, InvalidTransitionError, nextStatus, transitionFor } from '../../workflows/state/booking-state-machine';
import { BookingEvent, BookingStatus, TERMINAL_STATUSES } from '../../workflows/contract';

const S = BookingStatus;
const E = BookingEvent;

describe('booking state machine', () => {
  const allowed: Array<[BookingStatus, BookingEvent, BookingStatus]> = [
    [S.PENDING, E.PAYMENT_REQUESTED, S.AWAITING_PAYMENT],
    [S.PENDING, E.NO_PAYMENT_NEEDED, S.CONFIRMED],
    [S.PENDING, E.SLOT_TAKEN, S.REJECTED],
    [S.PENDING, E.CONFIRMATION_FAILED, S.CANCELLED],
    [S.PENDING, E.CANCELLED, S.CANCELLED],
    [S.AWAITING_PAYMENT, E.PAID, S.CONFIRMED],
    [S.AWAITING_PAYMENT, E.PAYMENT_DEADLINE_PASSED, S.EXPIRED],
    [S.AWAITING_PAYMENT, E.CANCELLED, S.CANCELLED],
    [S.AWAITING_PAYMENT, E.PAYMENT_FAILED, S.PAYMENT_FAILED],
    [S.AWAITING_PAYMENT, E.RESCHEDULED, S.AWAITING_PAYMENT],
    [S.AWAITING_PAYMENT, E.UNMATCHED_PAYMENT_REFUNDED, S.AWAITING_PAYMENT],
    [S.CONFIRMED, E.APPOINTMENT_OVER, S.COMPLETED],
    [S.CONFIRMED, E.MARKED_NO_SHOW, S.NO_SHOW],
    [S.CONFIRMED, E.CANCELLED, S.CANCELLED],
    [S.CONFIRMED, E.RESCHEDULED, S.CONFIRMED],
    [S.CONFIRMED, E.CONFIRMATION_FAILED, S.CANCELLED],
    [S.COMPLETED, E.MARKED_NO_SHOW, S.NO_SHOW],
  ];

  for (const [from, event, to] of allowed) {
    it(`moves a ${from} booking to ${to} on '${event}'`, () => {
      assert.equal(nextStatus(from, event), to);
      assert.equal(canApply(from, event), true);
    });
  }

  it('allows exactly the moves above', () => {
    assert.deepEqual(
      allowedTransitions().map((t) => `${t.from} ${t.event} ${t.to}`).sort(),
      allowed.map(([from, event, to]) => `${from} ${event} ${to}`).sort(),
    );
  });

  it('takes a note (late payment refunded, an undo failing or done) in every status, keeping it', () => {
    for (const status of Object.values(S)) {
      for (const note of [E.LATE_PAYMENT_REFUNDED, E.COMPENSATION_FAILING, E.COMPENSATION_DONE]) {
        assert.equal(nextStatus(status, note), status, `${note} keeps ${status}`);
      }
    }
  });

  const forbidden: Array<[BookingStatus, BookingEvent]> = [
    [S.COMPLETED, E.CANCELLED],
    [S.EXPIRED, E.CANCELLED],
    [S.CANCELLED, E.CANCELLED],
    [S.REJECTED, E.PAID],
    [S.PENDING, E.PAID],
    [S.PENDING, E.RESCHEDULED],
    [S.EXPIRED, E.PAID],
    [S.CONFIRMED, E.PAID],
    [S.AWAITING_PAYMENT, E.MARKED_NO_SHOW],
    [S.AWAITING_PAYMENT, E.APPOINTMENT_OVER],
    [S.NO_SHOW, E.MARKED_NO_SHOW],
    [S.COMPLETED, E.RESCHEDULED],
    [S.PAYMENT_FAILED, E.RESCHEDULED],
  ];

  for (const [from, event] of forbidden) {
    it(`refuses '${event}' for a ${from} booking with INVALID_TRANSITION`, () => {
      assert.equal(canApply(from, event), false);
      assert.throws(() => nextStatus(from, event), (error: unknown) => {
        assert.ok(error instanceof InvalidTransitionError);
        assert.equal(error.type, 'INVALID_TRANSITION');
        return true;
      });
      const result = transitionFor(from, event);
      assert.equal(result.ok, false);
    });
  }

  it('lets no terminal booking move again except a completed one marked as a no-show', () => {
    for (const status of TERMINAL_STATUSES) {
      const moves = allowedTransitions().filter((t) => t.from === status && t.to !== status);
      const expected = status === S.COMPLETED ? [`${E.MARKED_NO_SHOW} ${S.NO_SHOW}`] : [];
      assert.deepEqual(moves.map((t) => `${t.event} ${t.to}`), expected, status);
    }
  });
});

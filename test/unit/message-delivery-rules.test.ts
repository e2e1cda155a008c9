import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { messageSuperseded } from '../../src/notifications/message-superseded';
import { MESSAGE_DELIVERY_WINDOW_MS, messageDeliverBy } from '../../workflows/state/message-deadline';

const now = Date.parse('2026-12-07T08:00:00.000Z');

describe('how long a message is worth delivering', () => {
  it('gives a reminder until the appointment starts', () => {
    assert.equal(messageDeliverBy('reminder', '2026-12-07T09:00:00.000Z', now), '2026-12-07T09:00:00.000Z');
  });

  it('gives a confirmation or a cancellation two days, whenever the appointment is', () => {
    const twoDays = new Date(now + MESSAGE_DELIVERY_WINDOW_MS).toISOString();
    assert.equal(messageDeliverBy('confirmation', '2026-12-07T09:00:00.000Z', now), twoDays);
    assert.equal(messageDeliverBy('cancellation', '2026-12-06T09:00:00.000Z', now), twoDays);
  });
});

describe('a delayed message the booking moved past', () => {
  it('drops a confirmation or reminder of a booking cancelled meanwhile', () => {
    assert.match(messageSuperseded({ kind: 'confirmation', revision: 0 }, { status: 'CANCELLED', revision: 0 }) ?? '', /CANCELLED/);
    assert.match(messageSuperseded({ kind: 'reminder', revision: 0 }, { status: 'EXPIRED', revision: 0 }) ?? '', /EXPIRED/);
  });

  it('drops a reminder or reschedule notice of a time since moved again', () => {
    assert.match(messageSuperseded({ kind: 'reminder', revision: 0 }, { status: 'CONFIRMED', revision: 1 }) ?? '', /rescheduled/);
    assert.match(messageSuperseded({ kind: 'rescheduled', revision: 1 }, { status: 'CONFIRMED', revision: 2 }) ?? '', /rescheduled/);
  });

  it('always sends what stays true: the cancellation, a refund, and a current confirmation', () => {
    assert.equal(messageSuperseded({ kind: 'cancellation', revision: 0 }, { status: 'CANCELLED', revision: 0 }), null);
    assert.equal(messageSuperseded({ kind: 'refund', revision: 0 }, { status: 'EXPIRED', revision: 0 }), null);
    assert.equal(messageSuperseded({ kind: 'confirmation', revision: 1 }, { status: 'CONFIRMED', revision: 1 }), null);
  });
});

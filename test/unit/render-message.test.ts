import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NotificationKind } from '../../workflows/contract';
import { formatAppointmentTime, formatMoney, renderMessage } from '../../src/notifications/render-message';

function facts(overrides: Partial<Parameters<typeof renderMessage>[2]> = {}): Parameters<typeof renderMessage>[2] {
  return {
    kind: 'confirmation',
    customer: { name: 'Ada', email: 'ada@example.com', phone: '+491701234567' },
    serviceName: 'Consultation',
    resourceName: 'Alex',
    timeZone: 'Europe/Berlin',
    start: '2026-12-07T08:00:00.000Z',
    end: '2026-12-07T08:30:00.000Z',
    amountCents: 5000,
    currency: 'EUR',
    ...overrides,
  };
}

const ALL_KINDS: NotificationKind[] = ['confirmation', 'reminder', 'cancellation', 'rescheduled', 'expired', 'payment_failed', 'refund'];

describe('rendering a message', () => {
  it("shows the appointment in the resource's time zone, not UTC", () => {
    assert.equal(formatAppointmentTime('2026-12-07T08:00:00.000Z', 'Europe/Berlin'), 'Monday, 7 December 2026, 09:00 (Europe/Berlin)');
    assert.equal(formatAppointmentTime('2026-07-06T13:30:00.000Z', 'America/New_York'), 'Monday, 6 July 2026, 09:30 (America/New_York)');
  });

  it('shows money in the currency’s own minor units', () => {
    assert.equal(formatMoney(5000, 'EUR'), 'EUR 50.00');
    assert.equal(formatMoney(5000, 'JPY'), 'JPY 5,000');
  });

  it('greets by name and says the booking is confirmed, in an email with a subject', () => {
    const message = renderMessage('confirmation', 'email', facts());
    assert.equal(message.subject, 'Confirmed: Consultation on Monday, 7 December 2026, 09:00 (Europe/Berlin)');
    assert.match(message.body, /^Hello Ada,/);
    assert.match(message.body, /Your Consultation with Alex is confirmed for Monday, 7 December 2026, 09:00 \(Europe\/Berlin\)\./);
  });

  it('sends one short line without a subject by SMS', () => {
    const message = renderMessage('reminder', 'sms', facts());
    assert.equal(message.subject, null);
    assert.equal(message.body, 'Reminder: your Consultation with Alex is on Monday, 7 December 2026, 09:00 (Europe/Berlin).');
  });

  it('tells the customer the refund and the reason when a booking is cancelled', () => {
    const message = renderMessage('cancellation', 'email', facts({ refundedCents: 5000, reason: 'Alex is ill' }));
    assert.match(message.body, /is cancelled\./);
    assert.match(message.body, /Reason: Alex is ill/);
    assert.match(message.body, /We are refunding EUR 50\.00\./);
  });

  it('says nothing about a refund when none is made', () => {
    assert.doesNotMatch(renderMessage('cancellation', 'email', facts({ refundedCents: 0 })).body, /refund/i);
  });

  it('renders a distinct subject for every kind', () => {
    const subjects = ALL_KINDS.map((kind) => renderMessage(kind, 'email', facts({ kind, refundedCents: 2500 })).subject);
    assert.equal(new Set(subjects).size, ALL_KINDS.length);
    for (const subject of subjects) assert.ok(subject && subject.length > 0);
  });
});

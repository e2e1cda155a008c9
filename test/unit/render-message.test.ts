import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NotificationKind } from '../../workflows/contract';
import { smsFallbackContent } from '../../src/notifications/message-templates';
import { emailFrom, formatAppointmentTime, formatMoney, renderMessage, type MessageFacts } from '../../src/notifications/render-message';

const MANAGE = 'https://book.example/manage/bk_1?token=tok';

function facts(overrides: Partial<MessageFacts> = {}): MessageFacts {
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
    manageUrl: MANAGE,
    ...overrides,
  };
}

const ALL_KINDS: NotificationKind[] = ['confirmation', 'reminder', 'cancellation', 'rescheduled', 'expired', 'payment_failed', 'payment_requested', 'refund'];

describe('rendering a message', () => {
  it("shows the appointment in the resource's time zone, not UTC, and names the zone", () => {
    assert.equal(formatAppointmentTime('2026-12-07T08:00:00.000Z', 'Europe/Berlin'), 'Monday, 7 December 2026, 09:00 (Europe/Berlin)');
    assert.equal(formatAppointmentTime('2026-07-06T13:30:00.000Z', 'America/New_York'), 'Monday, 6 July 2026, 09:30 (America/New_York)');
  });

  it('shows money in the currency’s own minor units', () => {
    assert.equal(formatMoney(5000, 'EUR'), 'EUR 50.00');
    assert.equal(formatMoney(5000, 'JPY'), 'JPY 5,000');
  });

  it('greets by name and says the booking is confirmed, in an email with a subject, a text and an HTML part', () => {
    const message = renderMessage('confirmation', 'email', facts());
    assert.equal(message.subject, 'Confirmed: Consultation on Monday, 7 December 2026, 09:00 (Europe/Berlin)');
    assert.match(message.body, /^Hello Ada,/);
    assert.match(message.body, /Your Consultation with Alex is confirmed for Monday, 7 December 2026, 09:00 \(Europe\/Berlin\)\./);
    assert.ok(message.html);
    assert.match(message.html, /Your Consultation with Alex is confirmed for Monday, 7 December 2026, 09:00 \(Europe\/Berlin\)\./);
  });

  it('puts the manage link in every message of every kind, on both channels', () => {
    for (const kind of ALL_KINDS) {
      const email = renderMessage(kind, 'email', facts({ kind, refundedCents: 2500, checkoutUrl: 'https://pay.example/s_1' }));
      const sms = renderMessage(kind, 'sms', facts({ kind, refundedCents: 2500, checkoutUrl: 'https://pay.example/s_1' }));
      assert.ok(email.body.includes(MANAGE), `${kind} email text`);
      assert.ok(email.html?.includes('href="https://book.example/manage/bk_1?token=tok"'), `${kind} email HTML`);
      assert.ok(sms.body.includes(`Manage: ${MANAGE}`), `${kind} SMS`);
    }
  });

  it('sends one short line and its link without a subject or HTML by SMS', () => {
    const message = renderMessage('reminder', 'sms', facts());
    assert.equal(message.subject, null);
    assert.equal(message.html, undefined);
    assert.equal(message.body, `Reminder: your Consultation with Alex is on Monday, 7 December 2026, 09:00 (Europe/Berlin). Manage: ${MANAGE}`);
  });

  it('asks a customer who booked outside a browser to pay, with the amount and the payment link', () => {
    const f = facts({ kind: 'payment_requested', amountCents: 7500, checkoutUrl: 'https://pay.example/s_1' });
    const email = renderMessage('payment_requested', 'email', f);
    assert.equal(email.subject, 'Payment due: Consultation on Monday, 7 December 2026, 09:00 (Europe/Berlin)');
    assert.match(email.body, /held for you until you pay EUR 75\.00/);
    assert.match(email.body, /Pay EUR 75\.00: https:\/\/pay\.example\/s_1/);
    assert.ok(email.html?.includes('href="https://pay.example/s_1"'));
    assert.match(renderMessage('payment_requested', 'sms', f).body, /Pay: https:\/\/pay\.example\/s_1 Manage: /);
  });

  it('tells the customer the refund amount and the reason when a booking is cancelled', () => {
    const message = renderMessage('cancellation', 'email', facts({ refundedCents: 5000, reason: 'Alex is ill' }));
    assert.match(message.body, /is cancelled\./);
    assert.match(message.body, /Reason: Alex is ill/);
    assert.match(message.body, /We are refunding EUR 50\.00/);
    assert.match(message.html ?? '', /We are refunding EUR 50\.00/);
  });

  it('says nothing about a refund when none is made', () => {
    assert.doesNotMatch(renderMessage('cancellation', 'email', facts({ refundedCents: 0 })).body, /refund/i);
  });

  it('mentions the calendar only when the booking had been confirmed (so there is an invite to withdraw)', () => {
    assert.match(renderMessage('cancellation', 'email', facts({ confirmed: true })).body, /removes it from your calendar/);
    assert.doesNotMatch(renderMessage('cancellation', 'email', facts({ confirmed: false })).body, /calendar/);
  });

  it('escapes what people typed in the HTML part', () => {
    const message = renderMessage('cancellation', 'email', facts({ customer: { name: '<b>Ada</b>', email: 'a@example.com', phone: null }, reason: 'a & b' }));
    assert.ok(message.html?.includes('Hello &lt;b&gt;Ada&lt;/b&gt;,'));
    assert.ok(message.html?.includes('Reason: a &amp; b'));
    assert.equal(message.html?.includes('<b>Ada</b>'), false);
  });

  it('renders a distinct subject for every kind', () => {
    const subjects = ALL_KINDS.map((kind) => renderMessage(kind, 'email', facts({ kind, refundedCents: 2500 })).subject);
    assert.equal(new Set(subjects).size, ALL_KINDS.length);
    for (const subject of subjects) assert.ok(subject && subject.length > 0);
  });

  it('tells the customer by email what a text message could not, and why', () => {
    const sms = renderMessage('reminder', 'sms', facts()).body;
    const email = emailFrom(smsFallbackContent({ phone: '+491701234567', smsText: sms, reason: 'Unreachable destination handset' }), 'Ada', MANAGE);
    assert.match(email.subject ?? '', /text message did not reach you/);
    assert.match(email.body, /We could not deliver our text message to \+491701234567 \(Unreachable destination handset\)/);
    assert.match(email.body, /Reminder: your Consultation with Alex is on Monday, 7 December 2026, 09:00 \(Europe\/Berlin\)\./);
    // The manage link once, as the email's own, not also as the SMS's trailing "Manage:".
    assert.equal(email.body.split(MANAGE).length - 1, 1);
  });
});

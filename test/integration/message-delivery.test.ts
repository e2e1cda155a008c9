/**
 * A message goes out at most once per booking, step and channel, whatever retries or crashes happen:
 * the `notifications` row is claimed and marked `sending` before the provider is called (real
 * PostgreSQL; senders that record what they were asked to send).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { createBookingActivities } from '../../activities/booking.activities';
import { createDb } from '../../src/db/connection';
import type { Database } from '../../src/db/schema';
import { createLogger } from '../../src/logging/logger';
import { ABANDONED_AFTER_MS, deliverMessage, type MessageToDeliver } from '../../src/notifications/deliver-message';
import { listNotifications } from '../../src/notifications/notifications.repository';
import { LocalCalendar } from '../../src/providers/calendar/local-calendar';
import { MessageOutcomeUnknown } from '../../src/providers/messages/message-outcome-unknown';
import type { Channel, MessageSender, OutgoingMessage, SendReceipt } from '../../src/providers/messages/message-sender';
import { LocalPaymentProvider } from '../../src/providers/payments/local/local-payment-provider';
import { ProviderFailure, isProviderFailure } from '../../src/providers/provider-failure';
import type { SendNotificationInput } from '../../workflows/contract';
import { testEnv } from '../support/test-env';

const logger = createLogger('error');

/** A sender that records each call and answers from a script (a receipt, or a failure to throw). */
function scriptedSender(channel: Channel, script: ((message: OutgoingMessage) => SendReceipt)[] = []): MessageSender & { calls: OutgoingMessage[] } {
  const calls: OutgoingMessage[] = [];
  return {
    provider: 'scripted',
    channel,
    calls,
    send(message) {
      calls.push(message);
      const step = script.shift();
      try {
        return Promise.resolve(step ? step(message) : { providerMessageId: `${channel}_${calls.length}` });
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

describe('delivering a message at most once', () => {
  let db: Kysely<Database>;
  before(() => {
    db = createDb(testEnv().databaseUrl, { max: 2 });
  });
  after(() => db.destroy());

  const message = (sender: MessageSender, bookingId = `bk_${randomUUID()}`): MessageToDeliver => ({
    bookingId,
    kind: 'confirmation',
    sender,
    to: sender.channel === 'email' ? 'ada@example.com' : '+4915112345678',
    rendered: { subject: 'Confirmed', body: 'Your booking is confirmed.' },
    idempotencyKey: `${bookingId}:confirmation:${sender.channel}`,
  });

  it('never sends again once the provider took it', async () => {
    const sender = scriptedSender('email');
    const first = await deliverMessage({ db, logger }, message(sender));
    const again = await deliverMessage({ db, logger }, { ...message(sender, first.notification.bookingId) });
    assert.deepEqual([first.outcome, again.outcome, sender.calls.length], ['sent', 'already-sent', 1]);
  });

  it('sends again after a failure the provider reports as "try later", recording the attempts', async () => {
    const sender = scriptedSender('sms', [
      () => {
        throw new ProviderFailure('rate_limited', 'Twilio 429 (20429): Too Many Requests', { provider: 'twilio', code: 20429 });
      },
    ]);
    const first = message(sender);
    await assert.rejects(deliverMessage({ db, logger }, first), (error: unknown) => isProviderFailure(error, 'rate_limited'));
    const [failed] = await listNotifications(db, first.bookingId);
    assert.deepEqual([failed?.status, failed?.failureKind, failed?.errorCode], ['failed', 'rate_limited', '20429']);
    assert.equal((await deliverMessage({ db, logger }, first)).outcome, 'sent');
    const [sent] = await listNotifications(db, first.bookingId);
    assert.deepEqual([sent?.status, sent?.attempts, sender.calls.length], ['sent', 2, 2]);
  });

  it('does not send a second copy when a worker died mid-send: the outcome is unknown, and said so', async () => {
    const sender = scriptedSender('email');
    const crashed = message(sender);
    // The first attempt claimed the row and marked it sending, then its worker died.
    await db
      .insertInto('notifications')
      .values({ booking_id: crashed.bookingId, kind: 'confirmation', channel: 'email', recipient: 'ada@example.com', status: 'sending', provider: 'scripted', subject: 'Confirmed', body: 'x', sending_since: new Date(Date.now() - ABANDONED_AFTER_MS - 1000), attempts: 1 })
      .execute();
    const retry = await deliverMessage({ db, logger }, crashed);
    assert.equal(retry.outcome, 'final-failure');
    assert.equal(sender.calls.length, 0);
    const [row] = await listNotifications(db, crashed.bookingId);
    assert.deepEqual([row?.status, row?.failureKind, row?.errorCode], ['failed', 'outcome_unknown', 'OUTCOME_UNKNOWN']);
    // And it stays closed for any later attempt.
    assert.equal((await deliverMessage({ db, logger }, crashed)).outcome, 'final-failure');
    assert.equal(sender.calls.length, 0);
  });

  it('waits for an attempt still in flight instead of sending beside it', async () => {
    const sender = scriptedSender('sms');
    const inFlight = message(sender);
    await db
      .insertInto('notifications')
      .values({ booking_id: inFlight.bookingId, kind: 'confirmation', channel: 'sms', recipient: '+4915112345678', status: 'sending', provider: 'scripted', subject: null, body: 'x', sending_since: new Date(), attempts: 1 })
      .execute();
    await assert.rejects(deliverMessage({ db, logger }, inFlight), (error: unknown) => isProviderFailure(error, 'transient') && /still sending/.test(error.message));
    assert.equal(sender.calls.length, 0);
  });

  it('closes a message whose connection broke after it was handed over, instead of risking a duplicate', async () => {
    const sender = scriptedSender('email', [
      () => {
        throw new MessageOutcomeUnknown('smtp', 'SMTP: Connection closed unexpectedly');
      },
    ]);
    const broken = message(sender);
    assert.equal((await deliverMessage({ db, logger }, broken)).outcome, 'final-failure');
    assert.equal((await deliverMessage({ db, logger }, broken)).outcome, 'final-failure');
    assert.equal(sender.calls.length, 1);
  });

  it('tries every channel before failing, and emails once what a refused SMS said', async () => {
    const email = scriptedSender('email');
    const sms = scriptedSender('sms', [
      () => {
        throw new ProviderFailure('refused', "Twilio 400 (21610): Attempt to send to unsubscribed recipient", { provider: 'twilio', code: 21610 });
      },
    ]);
    const activities = createBookingActivities({
      db,
      logger,
      bookingTokenSecret: 'a-token-secret-of-some-length',
      providers: { payments: new LocalPaymentProvider({ db, publicBaseUrl: 'http://localhost:0' }), calendar: new LocalCalendar(db), messages: [email, sms] },
    });
    const input: SendNotificationInput = {
      bookingId: `bk_${randomUUID()}`,
      kind: 'reminder',
      key: 'reminder-60m-r0',
      revision: 0,
      customer: { name: 'Ada', email: 'ada@example.com', phone: '+4915112345678' },
      serviceName: 'Consultation',
      resourceName: 'Alex',
      timeZone: 'Europe/Berlin',
      start: '2030-06-03T08:00:00.000Z',
      end: '2030-06-03T08:30:00.000Z',
      publicBaseUrl: 'https://book.example',
    };
    for (let run = 0; run < 2; run++) {
      await assert.rejects(activities.sendNotification(input), (error: unknown) => {
        assert.ok(error instanceof Error && 'nonRetryable' in error && error.nonRetryable === true, String(error));
        return true;
      });
    }
    assert.deepEqual(
      email.calls.map((m) => m.subject?.split(':')[0]),
      ['Reminder', 'About your booking'],
    );
    assert.match(email.calls[1]?.body ?? '', /\+4915112345678 \(The recipient replied STOP \(unsubscribed\)\)/);
    assert.ok(email.calls.every((m) => m.body.includes('https://book.example/manage/')));
    assert.equal(sms.calls.length, 1);
  });
});

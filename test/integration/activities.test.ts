/**
 * The booking activities against a real PostgreSQL (TEST_DATABASE_URL), with the real local providers:
 * the database, not the code, must make double booking, double messages and double counts impossible.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import { createBookingActivities } from '../../activities/booking.activities';
import { aBookingState } from '../support/fixtures';
import { type BookingActivities, type HoldSlotInput, type SendNotificationInput, type BookingState, type HistoryEntry, FailureType } from '../../workflows/contract';
import { listAvailableSlots } from '../../src/availability/availability.service';
import type { Resource, Service } from '../../src/catalog/catalog.types';
import { createDb } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrate';
import type { Database } from '../../src/db/schema';
import { getBooking } from '../../src/bookings/bookings.repository';
import { getCustomerByEmail } from '../../src/customers/customers.repository';
import { listNotifications } from '../../src/notifications/notifications.repository';
import { createLogger } from '../../src/logging/logger';
import { LocalCalendar } from '../../src/providers/calendar/local-calendar';
import { LocalMessageSender } from '../../src/providers/messages/local-message-sender';
import type { MessageSender, OutgoingMessage } from '../../src/providers/messages/message-sender';
import { LocalPaymentProvider } from '../../src/providers/payments/local/local-payment-provider';

const unique = (prefix: string) => `${prefix}_${randomUUID().slice(0, 8)}`;

let db: Kysely<Database>;
let activities: BookingActivities;
let calendar: LocalCalendar;
const logLines: string[] = [];

before(async () => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run through test/support/run-tests.ts, which starts PostgreSQL');
  db = createDb(url, { max: 25 });
  await migrateToLatest(db);
  const logger = createLogger('debug', {}, (line) => {
    logLines.push(line);
    return true;
  });
  calendar = new LocalCalendar(db);
  activities = createBookingActivities({
    db,
    logger,
    providers: {
      payments: new LocalPaymentProvider({ db, publicBaseUrl: 'http://localhost:0' }),
      calendar,
      messages: [new LocalMessageSender('email', logger), new LocalMessageSender('sms', logger)],
    },
  });
});

after(async () => {
  await db?.destroy();
});

function holdInput(overrides: Partial<HoldSlotInput> & { resourceId: string }): HoldSlotInput {
  const bookingId = overrides.bookingId ?? unique('bk');
  return {
    bookingId,
    holdKey: `${bookingId}:hold:a1`,
    start: '2030-06-03T08:00:00.000Z',
    end: '2030-06-03T08:30:00.000Z',
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ApplicationFailure, `expected an ApplicationFailure, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}

async function activeHolds(resourceId: string) {
  return db.selectFrom('slot_holds').selectAll().where('resource_id', '=', resourceId).where('released_at', 'is', null).execute();
}

describe('holding a slot', () => {
  it('holds once for one key, however often the activity runs', async () => {
    const input = holdInput({ resourceId: unique('res') });
    const first = await activities.holdSlot(input);
    const second = await activities.holdSlot(input);
    assert.equal(second.holdId, first.holdId);
    assert.equal((await activeHolds(input.resourceId)).length, 1);
  });

  it('refuses overlapping time to another booking, as a non-retryable SLOT_UNAVAILABLE', async () => {
    const resourceId = unique('res');
    await activities.holdSlot(holdInput({ resourceId }));
    const failure = await rejection(activities.holdSlot(holdInput({ resourceId, start: '2030-06-03T08:15:00.000Z', end: '2030-06-03T08:45:00.000Z' })));
    assert.equal(failure.type, FailureType.SLOT_UNAVAILABLE);
    assert.equal(failure.nonRetryable, true);
  });

  it('lets a booking hold a new slot that overlaps its own current one (a reschedule by 15 minutes)', async () => {
    const resourceId = unique('res');
    const first = holdInput({ resourceId });
    await activities.holdSlot(first);
    await activities.holdSlot({ ...first, holdKey: `${first.bookingId}:hold:a2`, start: '2030-06-03T08:15:00.000Z', end: '2030-06-03T08:45:00.000Z' });
    await activities.releaseHold({ bookingId: first.bookingId, holdKey: first.holdKey });
    const holds = await activeHolds(resourceId);
    assert.deepEqual(holds.map((h) => h.hold_key), [`${first.bookingId}:hold:a2`]);
  });

  it('counts buffers: a 10-minute buffer after blocks the next half hour, and the time after it is free', async () => {
    const resourceId = unique('res');
    await activities.holdSlot(holdInput({ resourceId, bufferAfterMinutes: 10 }));
    const touching = holdInput({ resourceId, start: '2030-06-03T08:30:00.000Z', end: '2030-06-03T09:00:00.000Z' });
    assert.equal((await rejection(activities.holdSlot(touching))).type, FailureType.SLOT_UNAVAILABLE);
    await activities.holdSlot(holdInput({ resourceId, start: '2030-06-03T08:40:00.000Z', end: '2030-06-03T09:10:00.000Z' }));
  });

  it('frees the time when the hold is released, and releasing again changes nothing', async () => {
    const resourceId = unique('res');
    const first = holdInput({ resourceId });
    await activities.holdSlot(first);
    await activities.releaseHold({ bookingId: first.bookingId, holdKey: first.holdKey });
    await activities.releaseHold({ bookingId: first.bookingId, holdKey: first.holdKey });
    await activities.releaseHold({ bookingId: first.bookingId, holdKey: 'no-such-hold' });
    await activities.holdSlot(holdInput({ resourceId }));
    assert.equal((await activeHolds(resourceId)).length, 1);
  });

  it('refuses, loudly, a key that already names a released hold: a retry never mistakes it for a new hold', async () => {
    const resourceId = unique('res');
    const first = holdInput({ resourceId });
    await activities.holdSlot(first);
    await activities.releaseHold({ bookingId: first.bookingId, holdKey: first.holdKey });

    const again = await rejection(activities.holdSlot(first));
    assert.deepEqual([again.type, again.nonRetryable], [FailureType.HOLD_KEY_CONFLICT, true]);
    assert.match(again.message, /released/);
    assert.equal((await activeHolds(resourceId)).length, 0, 'nothing was held');
  });

  it('refuses a key that names another slot or another booking', async () => {
    const resourceId = unique('res');
    const first = holdInput({ resourceId });
    await activities.holdSlot(first);
    const elsewhere = await rejection(activities.holdSlot({ ...first, start: '2030-06-03T10:00:00.000Z', end: '2030-06-03T10:30:00.000Z' }));
    assert.equal(elsewhere.type, FailureType.HOLD_KEY_CONFLICT);
    const otherBooking = await rejection(activities.holdSlot({ ...first, bookingId: unique('bk') }));
    assert.equal(otherBooking.type, FailureType.HOLD_KEY_CONFLICT);
  });

  it('fails to confirm a hold that is released, absent, or another booking’s, instead of confirming nothing', async () => {
    const input = holdInput({ resourceId: unique('res') });
    await activities.holdSlot(input);
    const foreign = await rejection(activities.confirmHold({ bookingId: unique('bk'), holdKey: input.holdKey }));
    assert.deepEqual([foreign.type, foreign.nonRetryable], [FailureType.HOLD_NOT_LIVE, true]);
    await activities.releaseHold({ bookingId: input.bookingId, holdKey: input.holdKey });
    assert.equal((await rejection(activities.confirmHold({ bookingId: input.bookingId, holdKey: input.holdKey }))).type, FailureType.HOLD_NOT_LIVE);
    assert.equal((await rejection(activities.confirmHold({ bookingId: input.bookingId, holdKey: 'no-such-hold' }))).type, FailureType.HOLD_NOT_LIVE);
  });

  it('keeps a confirmed hold booked', async () => {
    const input = holdInput({ resourceId: unique('res') });
    await activities.holdSlot(input);
    await activities.confirmHold({ bookingId: input.bookingId, holdKey: input.holdKey });
    const [hold] = await activeHolds(input.resourceId);
    assert.equal(hold?.status, 'booked');
  });

  it('gives one slot to exactly one of 20 bookings asking at the same moment', async () => {
    const resourceId = unique('res');
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => activities.holdSlot(holdInput({ resourceId }))));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(won.length, 1);
    assert.equal(lost.length, 19);
    for (const r of lost) assert.equal((r.reason as ApplicationFailure).type, FailureType.SLOT_UNAVAILABLE);
    assert.equal((await activeHolds(resourceId)).length, 1);
  });
});

describe('availability over real holds', () => {
  const service: Service = {
    id: 'svc_it_availability',
    name: 'Consultation',
    durationMinutes: 30,
    priceCents: 0,
    currency: 'EUR',
    depositCents: 0,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 10,
    minNoticeMinutes: 0,
    maxAdvanceDays: 10_000,
    slotStepMinutes: 30,
    paymentWindowMinutes: 15,
    refundWindowHours: 24,
    reminderOffsetsMinutes: [],
    maxReschedules: 3,
    active: true,
  };
  const day = { mon: [{ start: '10:00', end: '12:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

  it('leaves out a held slot and the one its buffer reaches, and offers them again once released', async () => {
    const resource: Resource = { id: unique('res'), name: 'Alex', timeZone: 'Europe/Berlin', weeklyHours: day, dateOverrides: {}, serviceIds: [service.id], active: true };
    const query = { service, resources: [resource], from: new Date('2030-06-03T00:00:00Z'), to: new Date('2030-06-04T00:00:00Z'), now: new Date('2030-01-01T00:00:00Z') };
    const starts = async () => (await listAvailableSlots({ db, calendar }, query)).map((s) => s.start);
    assert.deepEqual(await starts(), ['2030-06-03T08:00:00.000Z', '2030-06-03T08:30:00.000Z', '2030-06-03T09:00:00.000Z', '2030-06-03T09:30:00.000Z']);

    const hold = holdInput({ resourceId: resource.id, start: '2030-06-03T08:00:00.000Z', end: '2030-06-03T08:30:00.000Z', bufferAfterMinutes: 10 });
    await activities.holdSlot(hold);
    // The hold takes 08:00–08:40; a slot at 08:30 would overlap it.
    assert.deepEqual(await starts(), ['2030-06-03T09:00:00.000Z', '2030-06-03T09:30:00.000Z']);

    await activities.releaseHold({ bookingId: hold.bookingId, holdKey: hold.holdKey });
    assert.equal((await starts()).length, 4);
  });
});

function notification(overrides: Partial<SendNotificationInput> = {}): SendNotificationInput {
  return {
    bookingId: unique('bk'),
    kind: 'confirmation',
    key: 'confirmation-r0',
    customer: { name: 'Ada', email: `${unique('ada')}@example.com`, phone: `+4917${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}` },
    serviceName: 'Consultation',
    resourceName: 'Alex',
    timeZone: 'Europe/Berlin',
    start: '2030-06-03T08:00:00.000Z',
    end: '2030-06-03T08:30:00.000Z',
    ...overrides,
  };
}

const sendsTo = (recipient: string) =>
  logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((r) => r.msg === 'message sent' && r.to === recipient);

describe('sending a notification', () => {
  it('sends each channel once and keeps one row per channel, however often it runs', async () => {
    const input = notification();
    assert.deepEqual((await activities.sendNotification(input)).sent.sort(), ['email', 'sms']);
    assert.deepEqual((await activities.sendNotification(input)).sent, []);
    const rows = await listNotifications(db, input.bookingId);
    assert.deepEqual(rows.map((r) => [r.kind, r.channel, r.status]).sort(), [
      ['confirmation-r0', 'email', 'sent'],
      ['confirmation-r0', 'sms', 'sent'],
    ]);
    assert.equal(sendsTo(input.customer.email).length, 1);
    assert.equal(sendsTo(input.customer.phone ?? '').length, 1);
  });

  it('attaches the calendar invitation to the confirmation email only', async () => {
    const input = notification();
    await activities.sendNotification(input);
    const [email] = sendsTo(input.customer.email);
    assert.deepEqual(email?.attachments, ['appointment.ics']);
  });

  it('emails a customer without a phone, and sends no SMS', async () => {
    const input = notification({ kind: 'reminder', key: 'reminder-60m-r0', customer: { name: 'Bo', email: `${unique('bo')}@example.com`, phone: null } });
    assert.deepEqual((await activities.sendNotification(input)).sent, ['email']);
    assert.deepEqual((await listNotifications(db, input.bookingId)).map((r) => r.channel), ['email']);
  });
});

describe('the calendar invite of a cancellation', () => {
  it('outranks every invite before it, however often the booking was rescheduled', async () => {
    // A sender that keeps what it was given: the invite is checked as the customer's mailbox would get it.
    const sent: OutgoingMessage[] = [];
    const mailbox: MessageSender = {
      provider: 'mailbox',
      channel: 'email',
      send: (message) => {
        sent.push(message);
        return Promise.resolve({ providerMessageId: `msg_${sent.length}` });
      },
    };
    const mailing = createBookingActivities({
      db,
      logger: createLogger('error'),
      providers: { payments: new LocalPaymentProvider({ db, publicBaseUrl: 'http://localhost:0' }), calendar, messages: [mailbox] },
    });
    const base = notification({ customer: { name: 'Di', email: `${unique('di')}@example.com`, phone: null } });
    await mailing.sendNotification({ ...base, kind: 'confirmation', key: 'confirmation', revision: 0 });
    await mailing.sendNotification({ ...base, kind: 'rescheduled', key: 'rescheduled-r1', revision: 1 });
    await mailing.sendNotification({ ...base, kind: 'rescheduled', key: 'rescheduled-r2', revision: 2 });
    await mailing.sendNotification({ ...base, kind: 'cancellation', key: 'cancellation', revision: 2 });

    const invites = sent.map((message) => message.calendar?.content ?? '');
    assert.deepEqual(invites.map((ics) => Number(/SEQUENCE:(\d+)/.exec(ics)?.[1])), [0, 1, 2, 3]);
    assert.match(invites[3] ?? '', /METHOD:CANCEL/);
  });
});

function bookingState(id: string, email: string, history: HistoryEntry[]): BookingState {
  const last = history.at(-1);
  return aBookingState(Date.parse('2030-01-01T00:00:00.000Z'), {
    id,
    status: last?.status ?? 'PENDING',
    serviceId: 'svc_it',
    resourceId: 'res_it',
    customer: { name: 'Cy', email, phone: null },
    history,
    updatedAt: last?.at ?? '2030-01-01T00:00:00.000Z',
  });
}

describe('recording transitions', () => {
  const created: HistoryEntry = { status: 'PENDING', event: 'created', at: '2030-01-01T00:00:00.000Z', actor: 'customer' };
  const confirmed: HistoryEntry = { status: 'CONFIRMED', event: 'no_payment_needed', at: '2030-01-01T00:00:01.000Z', actor: 'system' };
  const completed: HistoryEntry = { status: 'COMPLETED', event: 'appointment_over', at: '2030-06-03T08:30:00.000Z', actor: 'system' };
  const noShow: HistoryEntry = { status: 'NO_SHOW', event: 'marked_no_show', at: '2030-06-03T09:00:00.000Z', actor: 'admin' };

  it('writes one audit row and counts the booking once, however often it runs', async () => {
    const id = unique('bk');
    const email = `${unique('cy')}@example.com`;
    const state = bookingState(id, email, [created]);
    await activities.recordTransition({ booking: state, entry: created, seq: 0 });
    await activities.recordTransition({ booking: state, entry: created, seq: 0 });
    const events = await db.selectFrom('booking_events').selectAll().where('booking_id', '=', id).execute();
    assert.equal(events.length, 1);
    assert.equal((await getCustomerByEmail(db, email))?.bookingCount, 1);
    assert.equal((await getBooking(db, id))?.status, 'PENDING');
  });

  it('counts a no-show on the customer once', async () => {
    const id = unique('bk');
    const email = `${unique('cy')}@example.com`;
    const history = [created, confirmed, completed, noShow];
    for (let seq = 0; seq < history.length; seq++) {
      await activities.recordTransition({ booking: bookingState(id, email, history.slice(0, seq + 1)), entry: history[seq]!, seq });
    }
    await activities.recordTransition({ booking: bookingState(id, email, history), entry: noShow, seq: 3 });
    const customer = await getCustomerByEmail(db, email);
    assert.deepEqual([customer?.bookingCount, customer?.noShowCount], [1, 1]);
    const booking = await getBooking(db, id);
    assert.equal(booking?.status, 'NO_SHOW');
    assert.equal(booking?.customerId, customer?.id);
  });

  it('never lets a late, older write move the read model back', async () => {
    const id = unique('bk');
    const email = `${unique('cy')}@example.com`;
    await activities.recordTransition({ booking: bookingState(id, email, [created, confirmed]), entry: confirmed, seq: 1 });
    await activities.recordTransition({ booking: bookingState(id, email, [created]), entry: created, seq: 0 });
    const booking = await getBooking(db, id);
    assert.equal(booking?.status, 'CONFIRMED');
    assert.equal(booking?.history.length, 2);
    const events = await db.selectFrom('booking_events').select('seq').where('booking_id', '=', id).orderBy('seq').execute();
    assert.deepEqual(events.map((e) => e.seq), [0, 1]);
  });
});

describe('the local calendar', () => {
  it('creates one event per idempotency key, moves it, and cancels it (twice is fine)', async () => {
    const bookingId = unique('bk');
    const input = {
      bookingId,
      idempotencyKey: `${bookingId}:calendar:r0`,
      resourceId: unique('res'),
      start: '2030-06-03T08:00:00.000Z',
      end: '2030-06-03T08:30:00.000Z',
      summary: 'Consultation',
      description: 'Booking',
      attendeeEmail: 'ada@example.com',
    };
    const first = await activities.createCalendarEvent(input);
    assert.deepEqual(await activities.createCalendarEvent(input), first);
    await activities.moveCalendarEvent({ ...first, start: '2030-06-03T09:00:00.000Z', end: '2030-06-03T09:30:00.000Z' });
    await activities.deleteCalendarEvent(first);
    await activities.deleteCalendarEvent(first);
    const row = await db.selectFrom('local_calendar_events').selectAll().where('id', '=', first.eventId).executeTakeFirstOrThrow();
    assert.deepEqual([row.start_at.toISOString(), row.status], ['2030-06-03T09:00:00.000Z', 'cancelled']);
  });
});

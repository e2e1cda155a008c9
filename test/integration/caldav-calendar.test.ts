/**
 * CalDAV against a real CalDAV server: the run's Radicale (test/support/servers/radicale.ts), installed
 * and started by the project itself. First the provider on its own, then the whole product with
 * CALENDAR_PROVIDER=caldav: a booking appears, moves and disappears in the resource's calendar, and a
 * meeting put into that calendar by hand removes its slots.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { listAvailableSlots } from '../../src/availability/availability.service';
import { bookingAccessToken } from '../../src/bookings/booking-token';
import { createResource } from '../../src/catalog/resources.repository';
import { createLogger } from '../../src/logging/logger';
import { CalDavCalendar } from '../../src/providers/calendar/caldav/caldav-calendar';
import { LocalCalendar } from '../../src/providers/calendar/local-calendar';
import { ResourceCalendarRouter } from '../../src/providers/calendar/resource-calendar-router';
import { isProviderFailure } from '../../src/providers/provider-failure';
import { type TestApp, startTestApp } from '../support/app-harness';
import { bearer, bookOk, bookingRequest, eventually, offeredSlots, waitForStatus } from '../support/booking-api';
import { aResource } from '../support/fixtures';
import { http } from '../support/http';
import { startCalDavStandIn } from '../support/servers/caldav-stand-in';
import { calDavTestServer } from '../support/test-env';

const server = calDavTestServer();
const auth = { authorization: `Basic ${Buffer.from(`${server.username}:${server.password}`).toString('base64')}` };

async function newCalendar(): Promise<string> {
  const url = `${server.url}/${server.username}/cal-${randomBytes(4).toString('hex')}/`;
  const made = await fetch(url, { method: 'MKCALENDAR', headers: auth });
  assert.equal(made.status, 201);
  return url;
}

async function objectsIn(calendarUrl: string): Promise<string[]> {
  const res = await fetch(calendarUrl, { method: 'PROPFIND', headers: { ...auth, depth: '1' } });
  const xml = await res.text();
  return [...xml.matchAll(/<[^>]*href>([^<]+\.ics)<\/[^>]*href>/g)].map((m) => m[1] as string);
}

async function readObject(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { headers: auth });
  return { status: res.status, text: await res.text() };
}

/** A meeting the consultant put into the calendar themselves, in their own zone, repeating daily. */
function handMadeMeeting(uid: string, localStart: string, localEnd: string, rrule?: string): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//Hand//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20261101T000000Z',
    `DTSTART;TZID=Europe/Berlin:${localStart}`,
    `DTEND;TZID=Europe/Berlin:${localEnd}`,
    ...(rrule ? [`RRULE:${rrule}`] : []),
    'SUMMARY:Dentist',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

async function putByHand(calendarUrl: string, name: string, ics: string): Promise<void> {
  const res = await fetch(`${calendarUrl}${name}.ics`, { method: 'PUT', headers: { ...auth, 'content-type': 'text/calendar' }, body: ics });
  assert.ok(res.status === 201 || res.status === 204, `PUT answered ${res.status}`);
}

const spec = (key: string, start: string, end: string) => ({
  bookingId: key.split(':')[0] as string,
  idempotencyKey: key,
  resourceId: 'res_caldav',
  start: new Date(start),
  end: new Date(end),
  summary: 'Consultation: Jane Doe',
  description: 'Please bring the contract.',
  attendeeEmail: 'jane@example.com',
  attendeeName: 'Doe, Jane',
  timeZone: 'Europe/Berlin',
});

describe('the CalDAV provider against Radicale', () => {
  const tokenSecret = 'caldav-test-booking-token-secret';
  const calendar = new CalDavCalendar({ serverUrl: server.url, username: server.username, password: server.password, publicBaseUrl: 'https://bookings.example.com', bookingTokenSecret: tokenSecret });

  it('writes one event per booking however often the create is retried, and names the customer and the booking', async () => {
    const cal = await newCalendar();
    const first = await calendar.createEvent(cal, spec('bk_retry:calendar', '2026-12-07T09:00:00Z', '2026-12-07T09:30:00Z'));
    const again = await calendar.createEvent(cal, spec('bk_retry:calendar', '2026-12-07T09:00:00Z', '2026-12-07T09:30:00Z'));
    assert.equal(again.eventId, first.eventId);
    assert.equal((await objectsIn(cal)).length, 1);
    const stored = (await readObject(first.eventId)).text.replace(/\r\n /g, '');
    assert.match(stored, /UID:bk_retry:calendar@booking-saga-engine\.calendar/);
    assert.match(stored, /DTSTART:20261207T090000Z/);
    assert.match(stored, /SUMMARY:Consultation: Jane Doe/);
    assert.match(stored, /SCHEDULE-AGENT=CLIENT:mailto:jane@example\.com/);
    // The manage link the customer's messages carry (its token unescaped: base64url needs no escaping in TEXT).
    assert.ok(stored.includes(`DESCRIPTION:Please bring the contract.\\n\\nBooked by Doe\\, Jane <jane@example.com>.\\n\\nManage booking bk_retry: https://bookings.example.com/manage/bk_retry?token=${bookingAccessToken(tokenSecret, 'bk_retry')}`), stored);
  });

  it('moves the event on reschedule, found by its key when the id was never learned, and raises its SEQUENCE', async () => {
    const cal = await newCalendar();
    const { eventId } = await calendar.createEvent(cal, spec('bk_move:calendar', '2026-12-07T09:00:00Z', '2026-12-07T09:30:00Z'));
    await calendar.moveEvent(cal, { eventId: null, idempotencyKey: 'bk_move:calendar', resourceId: 'res_caldav', start: new Date('2026-12-08T13:00:00Z'), end: new Date('2026-12-08T13:30:00Z') });
    const stored = (await readObject(eventId)).text;
    assert.match(stored, /DTSTART:20261208T130000Z/);
    assert.match(stored, /DTEND:20261208T133000Z/);
    assert.match(stored, /SEQUENCE:1/);
  });

  it('deletes the event on cancel, twice without complaint, and reports a move of a vanished event as not found', async () => {
    const cal = await newCalendar();
    const { eventId } = await calendar.createEvent(cal, spec('bk_gone:calendar', '2026-12-07T09:00:00Z', '2026-12-07T09:30:00Z'));
    await calendar.deleteEvent(cal, { eventId, resourceId: 'res_caldav' });
    await calendar.deleteEvent(cal, { eventId: null, idempotencyKey: 'bk_gone:calendar', resourceId: 'res_caldav' });
    assert.equal((await readObject(eventId)).status, 404);
    await assert.rejects(
      calendar.moveEvent(cal, { eventId, resourceId: 'res_caldav', start: new Date('2026-12-08T13:00:00Z'), end: new Date('2026-12-08T13:30:00Z') }),
      (error) => isProviderFailure(error, 'not_found'),
    );
  });

  it('reads busy time from a calendar-query REPORT, with a repeating meeting expanded in its own zone and our own events left out', async () => {
    const cal = await newCalendar();
    await putByHand(cal, 'dentist', handMadeMeeting('dentist-1', '20261207T120000', '20261207T130000', 'FREQ=DAILY;COUNT=3'));
    await putByHand(cal, 'free', handMadeMeeting('free-1', '20261207T150000', '20261207T160000').replace('SUMMARY:Dentist', 'TRANSP:TRANSPARENT'));
    await calendar.createEvent(cal, spec('bk_own:calendar', '2026-12-07T09:00:00Z', '2026-12-07T09:30:00Z'));
    const busy = await calendar.busy(cal, new Date('2026-12-06T00:00:00Z'), new Date('2026-12-09T00:00:00Z'));
    // 12:00 Berlin is 11:00 UTC in December; the third day (9 Dec) lies outside the range.
    assert.deepEqual(
      busy.map((b) => `${b.start.toISOString()}/${b.end.toISOString()}`),
      ['2026-12-07T11:00:00.000Z/2026-12-07T12:00:00.000Z', '2026-12-08T11:00:00.000Z/2026-12-08T12:00:00.000Z'],
    );
  });

  it('reads a moved occurrence of a series, a meeting in UTC and one in the consultant’s zone alike, each where it really is', async () => {
    const cal = await newCalendar();
    const series = handMadeMeeting('standup-1', '20261207T090000', '20261207T093000', 'FREQ=DAILY;COUNT=3').replace(
      'END:VEVENT\r\nEND:VCALENDAR',
      // The second day's stand-up moved to 14:00 Berlin.
      'END:VEVENT\r\nBEGIN:VEVENT\r\nUID:standup-1\r\nDTSTAMP:20261101T000000Z\r\nRECURRENCE-ID;TZID=Europe/Berlin:20261208T090000\r\nDTSTART;TZID=Europe/Berlin:20261208T140000\r\nDTEND;TZID=Europe/Berlin:20261208T143000\r\nSUMMARY:Stand-up\r\nEND:VEVENT\r\nEND:VCALENDAR',
    );
    await putByHand(cal, 'standup', series);
    await putByHand(cal, 'call', handMadeMeeting('call-1', 'X', 'Y').replace('DTSTART;TZID=Europe/Berlin:X', 'DTSTART:20261207T160000Z').replace('DTEND;TZID=Europe/Berlin:Y', 'DTEND:20261207T170000Z'));
    await putByHand(cal, 'lunch', handMadeMeeting('lunch-1', '20261208T120000', '20261208T130000'));
    await putByHand(cal, 'last-week', handMadeMeeting('old-1', '20261130T120000', '20261130T130000'));
    const busy = await calendar.busy(cal, new Date('2026-12-06T00:00:00Z'), new Date('2026-12-09T00:00:00Z'));
    assert.deepEqual(
      busy.map((b) => `${b.start.toISOString()}/${b.end.toISOString()}`),
      [
        '2026-12-07T08:00:00.000Z/2026-12-07T08:30:00.000Z',
        '2026-12-07T16:00:00.000Z/2026-12-07T17:00:00.000Z',
        '2026-12-08T11:00:00.000Z/2026-12-08T12:00:00.000Z',
        '2026-12-08T13:00:00.000Z/2026-12-08T13:30:00.000Z',
      ],
    );
  });

  it('reports wrong credentials as an auth failure and an unknown calendar as refused, so no retry hides them', async () => {
    const cal = await newCalendar();
    const wrong = new CalDavCalendar({ serverUrl: server.url, username: server.username, password: 'not-the-password', publicBaseUrl: 'https://x' });
    await assert.rejects(wrong.busy(cal, new Date('2026-12-06T00:00:00Z'), new Date('2026-12-09T00:00:00Z')), (e) => isProviderFailure(e, 'auth'));
    await assert.rejects(wrong.createEvent(cal, spec('bk_auth:calendar', '2026-12-07T09:00:00Z', '2026-12-07T09:30:00Z')), (e) => isProviderFailure(e, 'auth'));
    await assert.rejects(
      calendar.createEvent(`${server.url}/${server.username}/no-such-calendar/`, spec('bk_missing:calendar', '2026-12-07T09:00:00Z', '2026-12-07T09:30:00Z')),
      (e) => isProviderFailure(e) && !e.retryable,
    );
  });
});

describe('booking with CALENDAR_PROVIDER=caldav', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp({
      env: { CALENDAR_PROVIDER: 'caldav', CALDAV_URL: server.url, CALDAV_USERNAME: server.username, CALDAV_PASSWORD: server.password, CALENDAR_BUSY_CACHE_SECONDS: '0' },
    });
  });
  after(() => app.stop());

  it('puts a free booking into the resource’s calendar, moves it on reschedule (never into a meeting there) and removes it on cancel', async () => {
    const cal = await newCalendar();
    const { service, resource } = await app.createServiceAndResource({ service: { priceCents: 0 }, resource: { calendarId: cal } });
    const [first, , blocked, later] = await offeredSlots(app, service.id, resource.id);
    assert.ok(first && blocked && later);
    const booking = await bookOk(app, bookingRequest(service.id, resource.id, first.start));
    await waitForStatus(app, booking.id, booking.token, 'CONFIRMED');
    const eventUrl = `${cal}${booking.id}-calendar.ics`;
    const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    // CONFIRMED is answered as soon as the payment (here: none) is in; the event is written just after.
    const written = await eventually('the event in the resource’s calendar', async () => {
      const object = await readObject(eventUrl);
      return object.status === 200 ? object : null;
    });
    assert.match(written.text, new RegExp(`DTSTART:${compact(first.start)}`));

    // A meeting the consultant put in by hand refuses a move into it, as it refuses a new booking.
    await putByHand(cal, 'meeting', handMadeMeeting('meeting-2', 'X', 'Y').replace('DTSTART;TZID=Europe/Berlin:X', `DTSTART:${compact(blocked.start)}`).replace('DTEND;TZID=Europe/Berlin:Y', `DTEND:${compact(blocked.end)}`));
    const refused = await http(app.baseUrl, `/v1/bookings/${booking.id}/reschedule`, { body: { start: blocked.start }, headers: bearer(booking.token) });
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'SLOT_UNAVAILABLE');
    assert.match((await readObject(eventUrl)).text, new RegExp(`DTSTART:${compact(first.start)}`));

    const moved = await http(app.baseUrl, `/v1/bookings/${booking.id}/reschedule`, { body: { start: later.start }, headers: bearer(booking.token) });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.match((await readObject(eventUrl)).text, new RegExp(`DTSTART:${compact(later.start)}`));

    const cancelled = await http(app.baseUrl, `/v1/bookings/${booking.id}/cancel`, { body: { reason: 'cannot make it' }, headers: bearer(booking.token) });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal((await readObject(eventUrl)).status, 404);
  });

  it('writes to the calendar an admin names through the admin API, and back to the local calendar once it is unset', async () => {
    const cal = await newCalendar();
    const { service, resource } = await app.createServiceAndResource({ service: { priceCents: 0 } });
    const admin = { 'x-api-key': app.adminKey };
    const bound = await http(app.baseUrl, `/v1/admin/resources/${resource.id}`, { method: 'PATCH', body: { calendarId: cal }, headers: admin });
    assert.equal(bound.status, 200, JSON.stringify(bound.body));
    assert.equal((await http<{ resource: { calendarId: string | null } }>(app.baseUrl, `/v1/admin/resources/${resource.id}`, { headers: admin })).body.resource.calendarId, cal);

    const [first, second] = await offeredSlots(app, service.id, resource.id);
    assert.ok(first && second);
    const booked = await bookOk(app, bookingRequest(service.id, resource.id, first.start));
    await waitForStatus(app, booked.id, booked.token, 'CONFIRMED');
    const objects = await eventually('the event in the calendar the admin named', async () => {
      const found = await objectsIn(cal);
      return found.length > 0 ? found : null;
    });
    assert.deepEqual(objects, [`${new URL(cal).pathname}${booked.id}-calendar.ics`]);

    const unbound = await http(app.baseUrl, `/v1/admin/resources/${resource.id}`, { method: 'PATCH', body: { calendarId: null }, headers: admin });
    assert.equal(unbound.status, 200, JSON.stringify(unbound.body));
    const local = await bookOk(app, bookingRequest(service.id, resource.id, second.start));
    await waitForStatus(app, local.id, local.token, 'CONFIRMED');
    const row = await eventually('the event in the local calendar', () =>
      app.db.selectFrom('local_calendar_events').select('booking_id').where('booking_id', '=', local.id).executeTakeFirst(),
    );
    assert.equal(row.booking_id, local.id);
    assert.equal((await objectsIn(cal)).length, 1, 'the second booking went to the local calendar');
  });

  it('closes only the resource whose calendar does not answer in time, and still offers the others', async () => {
    const silent = await startCalDavStandIn();
    try {
      const cal = await newCalendar();
      const { service, resource: answering } = await app.createServiceAndResource();
      const stuck = await createResource(app.db, aResource([service.id]));
      const calendarOf = new Map([
        [answering.id, cal],
        [stuck.id, `${silent.url}/silent/${server.username}/calendar/`],
      ]);
      const calendar = new ResourceCalendarRouter({
        local: new LocalCalendar(app.db),
        external: new CalDavCalendar({ serverUrl: server.url, username: server.username, password: server.password, publicBaseUrl: 'https://x', timeoutMs: 1_000 }),
        calendarIdOf: (resourceId) => Promise.resolve(calendarOf.get(resourceId) ?? null),
        logger: createLogger('error'),
        busyTtlMs: 0,
      });
      const from = new Date(Date.now() + 26 * 60 * 60_000);
      const slots = await listAvailableSlots({ db: app.db, calendar }, { service, resources: [answering, stuck], from, to: new Date(from.getTime() + 72 * 60 * 60_000), now: new Date() });
      assert.ok(slots.some((s) => s.resourceId === answering.id), 'the resource whose calendar answered is offered');
      assert.equal(slots.filter((s) => s.resourceId === stuck.id).length, 0, 'the resource whose calendar is silent offers nothing');
      assert.equal(silent.requests, 1);
    } finally {
      await silent.close();
    }
  });

  it('stops offering the slots a meeting put into the calendar by hand overlaps, and refuses to book one of them', async () => {
    const cal = await newCalendar();
    const { service, resource } = await app.createServiceAndResource({ resource: { calendarId: cal } });
    const before = await offeredSlots(app, service.id, resource.id);
    const target = before[4];
    assert.ok(target);
    // A one-hour meeting starting at the target slot, written as the consultant's client would (UTC).
    const start = new Date(target.start);
    const end = new Date(start.getTime() + 60 * 60_000);
    const utc = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    await putByHand(cal, 'meeting', handMadeMeeting('meeting-1', 'X', 'Y').replace('DTSTART;TZID=Europe/Berlin:X', `DTSTART:${utc(start)}`).replace('DTEND;TZID=Europe/Berlin:Y', `DTEND:${utc(end)}`));

    const afterwards = await offeredSlots(app, service.id, resource.id);
    const overlaps = (s: { start: string; end: string }) => new Date(s.start) < end && start < new Date(s.end);
    assert.ok(before.some(overlaps));
    assert.equal(afterwards.filter(overlaps).length, 0);
    assert.equal(afterwards.length, before.filter((s) => !overlaps(s)).length);

    const refused = await http(app.baseUrl, '/v1/bookings', { body: bookingRequest(service.id, resource.id, target.start) });
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'SLOT_UNAVAILABLE');
  });
});

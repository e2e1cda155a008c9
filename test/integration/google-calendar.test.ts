/**
 * The Google Calendar provider through the real `googleapis` client, against a LOCAL STAND-IN for
 * Google (test/support/servers/fake-google-calendar.ts): Google has no local emulator, so a small
 * server in the test answers Calendar API v3's documented shapes (events insert/get/patch/delete,
 * freeBusy.query) and the OAuth token endpoint, verifies the service account's signed assertion and
 * checks the bearer token on every call. What only a real Google account shows (sharing, delegation,
 * quotas) is listed in the README.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { asActivityFailure } from '../../activities/activity-failure';
import { bookingAccessToken } from '../../src/bookings/booking-token';
import { configSchema } from '../../src/config/config.schema';
import { buildExternalCalendar } from '../../src/providers/calendar/build-calendar';
import type { ExternalCalendar } from '../../src/providers/calendar/external-calendar';
import { googleEventId } from '../../src/providers/calendar/google/google-event-id';
import { isProviderFailure } from '../../src/providers/provider-failure';
import { type TestApp, startTestApp } from '../support/app-harness';
import { bookOk, bookingRequest, eventually, offeredSlots, waitForStatus } from '../support/booking-api';
import { http } from '../support/http';
import { type FakeGoogle, startFakeGoogle } from '../support/servers/fake-google-calendar';

const CALENDAR = 'alex@example.com';
const TOKEN_SECRET = 'google-test-booking-token-secret';

const spec = (key: string, start = '2026-12-07T09:00:00Z', end = '2026-12-07T09:30:00Z') => ({
  bookingId: key.split(':')[0] as string,
  idempotencyKey: key,
  resourceId: 'res_google',
  start: new Date(start),
  end: new Date(end),
  summary: 'Consultation: Jane Doe',
  description: 'Please bring the contract.',
  attendeeEmail: 'jane@example.com',
  attendeeName: 'Jane Doe',
  timeZone: 'Europe/Berlin',
});

let google: FakeGoogle;
let keyDir: string;
let keyFile: string;

function providerFor(extra: Record<string, string> = {}): ExternalCalendar {
  const config = configSchema.parse({ CALENDAR_PROVIDER: 'google', GOOGLE_SERVICE_ACCOUNT_KEY_FILE: keyFile, GOOGLE_API_URL: google.url, PUBLIC_BASE_URL: 'https://bookings.example.com', BOOKING_TOKEN_SECRET: TOKEN_SECRET, ...extra });
  const calendar = buildExternalCalendar(config);
  assert.ok(calendar);
  return calendar;
}

before(async () => {
  google = await startFakeGoogle();
  keyDir = await mkdtemp(join(tmpdir(), 'bookings-google-key-'));
  keyFile = join(keyDir, 'service-account.json');
  await writeFile(keyFile, JSON.stringify(google.serviceAccountKey));
});
after(async () => {
  await google.close();
  await rm(keyDir, { recursive: true, force: true });
});

describe('the Google Calendar provider', () => {
  beforeEach(() => {
    google.calendars.clear();
    google.foreignBusy.clear();
  });

  it('signs in as the service account at GOOGLE_API_URL’s token endpoint, not the key file’s, and reuses its token', async () => {
    const before = google.tokenRequests.length;
    const calendar = providerFor();
    await calendar.createEvent(CALENDAR, spec('bk_token:calendar'));
    await calendar.busy(CALENDAR, new Date('2026-12-07T00:00:00Z'), new Date('2026-12-08T00:00:00Z'));
    const requests = google.tokenRequests.slice(before);
    assert.equal(requests.length, 1);
    assert.deepEqual(requests[0], { scope: 'https://www.googleapis.com/auth/calendar', aud: `${google.url}/token` });
  });

  it('acts as GOOGLE_IMPERSONATE_USER and invites the customer only then', async () => {
    const calendar = providerFor({ GOOGLE_IMPERSONATE_USER: 'alex@example.com' });
    await calendar.createEvent(CALENDAR, spec('bk_dwd:calendar'));
    assert.equal(google.tokenRequests.at(-1)?.sub, 'alex@example.com');
    assert.deepEqual(google.calendars.get(CALENDAR)?.get(googleEventId('bk_dwd:calendar'))?.attendees, [{ email: 'jane@example.com', displayName: 'Jane Doe' }]);

    await providerFor().createEvent(CALENDAR, spec('bk_plain:calendar'));
    assert.equal(google.calendars.get(CALENDAR)?.get(googleEventId('bk_plain:calendar'))?.attendees, undefined);
  });

  it('writes the event under an id derived from the booking, so a retried insert finds it (409) and there is one event', async () => {
    const calendar = providerFor();
    const first = await calendar.createEvent(CALENDAR, spec('bk_retry:calendar'));
    const again = await calendar.createEvent(CALENDAR, spec('bk_retry:calendar'));
    assert.equal(first.eventId, googleEventId('bk_retry:calendar'));
    assert.match(first.eventId, /^[a-v0-9]{5,1024}$/);
    assert.equal(again.eventId, first.eventId);
    const events = [...(google.calendars.get(CALENDAR)?.values() ?? [])];
    assert.equal(events.length, 1);
    assert.equal(events[0]?.start.timeZone, 'Europe/Berlin');
    assert.equal(events[0]?.extendedProperties?.private?.bookingId, 'bk_retry');
    assert.equal(events[0]?.summary, 'Consultation: Jane Doe');
    // The customer's notes, who booked, and the same manage link the customer's messages carry.
    const manage = `https://bookings.example.com/manage/bk_retry?token=${bookingAccessToken(TOKEN_SECRET, 'bk_retry')}`;
    assert.equal(events[0]?.description, `Please bring the contract.\n\nBooked by Jane Doe <jane@example.com>.\n\nManage booking bk_retry: ${manage}`);
  });

  it('moves the event with a patch, by its key when the id was never learned, and reports a deleted event as not found', async () => {
    const calendar = providerFor();
    await calendar.createEvent(CALENDAR, spec('bk_move:calendar'));
    await calendar.moveEvent(CALENDAR, { eventId: null, idempotencyKey: 'bk_move:calendar', resourceId: 'res_google', start: new Date('2026-12-08T13:00:00Z'), end: new Date('2026-12-08T13:30:00Z') });
    const moved = google.calendars.get(CALENDAR)?.get(googleEventId('bk_move:calendar'));
    assert.equal(moved?.start.dateTime, '2026-12-08T13:00:00.000Z');
    assert.ok(google.calls.includes(`PATCH /calendar/v3/calendars/${encodeURIComponent(CALENDAR)}/events/${googleEventId('bk_move:calendar')}`));

    await calendar.deleteEvent(CALENDAR, { eventId: googleEventId('bk_move:calendar'), resourceId: 'res_google' });
    await assert.rejects(
      calendar.moveEvent(CALENDAR, { eventId: googleEventId('bk_move:calendar'), resourceId: 'res_google', start: new Date('2026-12-09T13:00:00Z'), end: new Date('2026-12-09T13:30:00Z') }),
      (e) => isProviderFailure(e, 'not_found'),
    );
    await assert.rejects(
      calendar.moveEvent(CALENDAR, { eventId: null, idempotencyKey: 'bk_never:calendar', resourceId: 'res_google', start: new Date(), end: new Date() }),
      (e) => isProviderFailure(e, 'not_found'),
    );
  });

  it('deletes the event on cancel, and takes an event already gone (404) or deleted before (410) as done', async () => {
    const calendar = providerFor();
    await calendar.createEvent(CALENDAR, spec('bk_delete:calendar'));
    await calendar.deleteEvent(CALENDAR, { eventId: null, idempotencyKey: 'bk_delete:calendar', resourceId: 'res_google' });
    assert.equal(google.calendars.get(CALENDAR)?.get(googleEventId('bk_delete:calendar'))?.status, 'cancelled');
    await calendar.deleteEvent(CALENDAR, { eventId: null, idempotencyKey: 'bk_delete:calendar', resourceId: 'res_google' });
    await calendar.deleteEvent(CALENDAR, { eventId: null, idempotencyKey: 'bk_never:calendar', resourceId: 'res_google' });
  });

  it('reads busy time with freebusy.query, and a calendar not shared with the service account as an auth failure', async () => {
    google.foreignBusy.set(CALENDAR, [{ start: '2026-12-07T11:00:00Z', end: '2026-12-07T12:00:00Z' }]);
    const calendar = providerFor();
    const busy = await calendar.busy(CALENDAR, new Date('2026-12-07T00:00:00Z'), new Date('2026-12-08T00:00:00Z'));
    assert.deepEqual(busy, [{ start: new Date('2026-12-07T11:00:00Z'), end: new Date('2026-12-07T12:00:00Z') }]);
    await assert.rejects(calendar.busy('not-shared@example.com', new Date('2026-12-07T00:00:00Z'), new Date('2026-12-08T00:00:00Z')), (e) => isProviderFailure(e, 'auth'));
  });

  it('turns 401/403 into auth failures that no retry hides, and 429 or rateLimitExceeded into waits', async () => {
    const calendar = providerFor();
    google.failNext({ status: 403, reason: 'forbidden', message: 'The caller does not have permission' });
    const forbidden = await calendar.createEvent(CALENDAR, spec('bk_forbidden:calendar')).catch((e: unknown) => e);
    assert.ok(isProviderFailure(forbidden, 'auth') && !forbidden.retryable && /permission/.test(forbidden.message));
    // What Temporal and the operator see: non-retryable, typed, with Google's reason in the message and details.
    const stopped = asActivityFailure(forbidden);
    assert.ok(stopped instanceof ApplicationFailure);
    assert.equal(stopped.type, 'PROVIDER_AUTH_FAILED');
    assert.equal(stopped.nonRetryable, true);
    assert.match(stopped.message, /permission \(forbidden\)/);
    assert.deepEqual(stopped.details, [{ provider: 'google', kind: 'auth', code: 'forbidden' }]);

    google.failNext({ status: 401, reason: 'authError', message: 'Invalid Credentials' });
    await assert.rejects(calendar.createEvent(CALENDAR, spec('bk_401:calendar')), (e) => isProviderFailure(e, 'auth') && !e.retryable);
    google.failNext({ status: 403, reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' });
    await assert.rejects(calendar.createEvent(CALENDAR, spec('bk_limit:calendar')), (e) => isProviderFailure(e, 'rate_limited') && e.retryable);
    google.failNext({ status: 429, reason: 'rateLimitExceeded', message: 'Too Many Requests', headers: { 'retry-after': '7' } });
    const limited = await calendar.busy(CALENDAR, new Date('2026-12-07T00:00:00Z'), new Date('2026-12-08T00:00:00Z')).catch((e: unknown) => e);
    assert.ok(isProviderFailure(limited, 'rate_limited') && limited.retryAfterMs === 7000);
    // Retried by the activity's retry policy, after the wait Google asked for.
    const waits = asActivityFailure(limited);
    assert.ok(waits instanceof ApplicationFailure);
    assert.equal(waits.nonRetryable, false);
    assert.equal(waits.nextRetryDelay, 7000);
    google.failNext({ status: 503, reason: 'backendError', message: 'Backend Error' });
    await assert.rejects(calendar.deleteEvent(CALENDAR, { eventId: null, idempotencyKey: 'bk_x:calendar', resourceId: 'res_google' }), (e) => isProviderFailure(e, 'transient'));
  });

  it('reports a user the service account may not act as (delegation refused) as an auth failure', async () => {
    const calendar = providerFor({ GOOGLE_IMPERSONATE_USER: 'stranger@example.com' });
    await assert.rejects(calendar.busy(CALENDAR, new Date('2026-12-07T00:00:00Z'), new Date('2026-12-08T00:00:00Z')), (e) => isProviderFailure(e, 'auth'));
  });
});

describe('booking with CALENDAR_PROVIDER=google', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp({ env: { CALENDAR_PROVIDER: 'google', GOOGLE_SERVICE_ACCOUNT_KEY_FILE: keyFile, GOOGLE_API_URL: google.url, CALENDAR_BUSY_CACHE_SECONDS: '0' } });
  });
  after(() => app.stop());

  it('leaves out the slots a meeting in the consultant’s Google calendar overlaps, and writes a confirmed booking there', async () => {
    const calendarId = `consultant-${Date.now()}@example.com`;
    const { service, resource } = await app.createServiceAndResource({ service: { priceCents: 0 }, resource: { calendarId } });
    const before = await offeredSlots(app, service.id, resource.id);
    const meeting = before[2];
    assert.ok(meeting);
    google.foreignBusy.set(calendarId, [{ start: meeting.start, end: meeting.end }]);
    const afterwards = await offeredSlots(app, service.id, resource.id);
    assert.equal(afterwards.some((s) => s.start === meeting.start), false);
    assert.equal(afterwards.length, before.length - 1);

    const refused = await http(app.baseUrl, '/v1/bookings', { body: bookingRequest(service.id, resource.id, meeting.start) });
    assert.equal(refused.status, 409);

    const free = afterwards[5];
    assert.ok(free);
    const booking = await bookOk(app, bookingRequest(service.id, resource.id, free.start));
    await waitForStatus(app, booking.id, booking.token, 'CONFIRMED');
    // The event is written just after the booking is CONFIRMED.
    const event = await eventually('the event in Google', async () => google.calendars.get(calendarId)?.get(googleEventId(`${booking.id}:calendar`)));
    assert.equal(event.status, 'confirmed');
    assert.equal(new Date(event.start.dateTime ?? '').toISOString(), free.start);
  });
});

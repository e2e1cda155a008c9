/**
 * Prices by duration (seed 003), over HTTP against the whole product with the local payment provider:
 * a 30-minute consultation at 50.00 and a 60-minute one at 90.00. The duration asked for sets the
 * slots offered, the hold, the end, the amount charged, the calendar event and the refund.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app-harness';
import { bearer, bookingRequest, eventually, offeredSlots, pay, waitForStatus } from '../support/booking-api';
import { http } from '../support/http';

const HOUR_MS = 60 * 60_000;
let app: TestApp;

before(async () => {
  app = await startTestApp();
});

after(async () => {
  await app?.stop();
});

const consultation = { durationMinutes: 30, priceCents: 5000, priceTiers: [{ durationMinutes: 60, priceCents: 9000 }] };

function availability(serviceId: string, resourceId: string, durationMinutes?: number) {
  const query = new URLSearchParams({
    serviceId,
    resourceId,
    from: new Date(Date.now() + 26 * HOUR_MS).toISOString(),
    to: new Date(Date.now() + 50 * HOUR_MS).toISOString(),
    ...(durationMinutes !== undefined ? { durationMinutes: String(durationMinutes) } : {}),
  });
  return http(app.baseUrl, `/v1/availability?${query}`);
}

const minutesOf = (slot: { start: string; end: string }) => (Date.parse(slot.end) - Date.parse(slot.start)) / 60_000;

describe('a service offered for several durations', () => {
  it('is created with its tiers, and offers slots as long as the duration asked for', async () => {
    const created = await http(app.baseUrl, '/v1/admin/services', {
      body: { name: 'Consultation', currency: 'chf', minNoticeMinutes: 0, ...consultation },
      headers: { 'x-api-key': app.adminKey },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const service = (created.body as unknown as { service: { id: string; priceTiers: unknown } }).service;
    assert.deepEqual(service.priceTiers, [{ durationMinutes: 60, priceCents: 9000 }]);
    const { resource } = await app.createServiceAndResource();
    await http(app.baseUrl, `/v1/admin/resources/${resource.id}`, { method: 'PATCH', body: { serviceIds: [service.id] }, headers: { 'x-api-key': app.adminKey } });

    const short = await availability(service.id, resource.id);
    assert.equal(short.status, 200, JSON.stringify(short.body));
    assert.ok(short.body.slots.length > 0);
    assert.ok(short.body.slots.every((s) => minutesOf(s) === 30));
    const long = await availability(service.id, resource.id, 60);
    assert.ok(long.body.slots.length > 0);
    assert.ok(long.body.slots.every((s) => minutesOf(s) === 60));
  });

  it('refuses a duration it has no price for with 422, naming the durations on offer', async () => {
    const { service, resource } = await app.createServiceAndResource({ service: consultation });
    const res = await availability(service.id, resource.id, 45);
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, 'SLOT_NOT_OFFERED');
    assert.deepEqual(res.body.error.details, { reason: 'DURATION_NOT_OFFERED', offeredDurations: [30, 60] });
    assert.match(res.body.error.message, /30, 60/);

    const [slot] = await offeredSlots(app, service.id, resource.id);
    assert.ok(slot);
    const booked = await http(app.baseUrl, '/v1/bookings', { body: { ...bookingRequest(service.id, resource.id, slot.start), durationMinutes: 45 } });
    assert.equal(booked.status, 422);
    assert.deepEqual(booked.body.error.details, { reason: 'DURATION_NOT_OFFERED', offeredDurations: [30, 60] });
  });

  it('books the longer tier at its price: the hold, the end, the charge, the calendar event and the refund follow it', async () => {
    const { service, resource } = await app.createServiceAndResource({ service: consultation });
    const [slot] = (await availability(service.id, resource.id, 60)).body.slots;
    assert.ok(slot);
    const created = await http(app.baseUrl, '/v1/bookings', { body: { ...bookingRequest(service.id, resource.id, slot.start), durationMinutes: 60 } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const { booking, accessToken: token, checkoutUrl } = created.body;
    assert.equal(minutesOf(booking), 60);
    assert.deepEqual([booking.payment.amountCents, booking.payment.priceCents], [9000, 9000]);

    // The hour is held: a 30-minute slot in its second half is not offered any more.
    const halfHourLater = new Date(Date.parse(slot.start) + 30 * 60_000).getTime();
    const shortSlots = (await availability(service.id, resource.id)).body.slots;
    assert.equal(shortSlots.some((s) => Date.parse(s.start) === halfHourLater), false);

    assert.equal((await pay(checkoutUrl)).status, 200);
    await waitForStatus(app, booking.id, token, 'CONFIRMED');
    const event = await eventually('the calendar event', () => app.db.selectFrom('local_calendar_events').select(['start_at', 'end_at']).where('booking_id', '=', booking.id).executeTakeFirst());
    assert.equal((event.end_at.getTime() - event.start_at.getTime()) / 60_000, 60);

    const cancelled = await http(app.baseUrl, `/v1/bookings/${booking.id}/cancel`, { body: {}, headers: bearer(token) });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal(cancelled.body.booking.payment.refundedCents, 9000);
  });

  it('refuses tiers that list a duration twice or price the service’s own duration differently', async () => {
    const res = await http(app.baseUrl, '/v1/admin/services', {
      body: { name: 'Broken', currency: 'CHF', ...consultation, priceTiers: [{ durationMinutes: 30, priceCents: 4000 }, { durationMinutes: 60, priceCents: 9000 }, { durationMinutes: 60, priceCents: 8000 }] },
      headers: { 'x-api-key': app.adminKey },
    });
    assert.equal(res.status, 400);
    const paths = (res.body.error.details as { path: string }[]).map((d) => d.path);
    assert.deepEqual(paths.sort(), ['priceTiers.0', 'priceTiers.2']);
  });
});

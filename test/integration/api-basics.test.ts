import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/api/app';
import { startApiServer, type RunningApiServer } from '../../src/api/server';
import { newBookingId } from '../../src/bookings/booking-id';
import { upsertBookingFromState } from '../../src/bookings/bookings.repository';
import { configSchema } from '../../src/config/config.schema';
import { createDb } from '../../src/db/connection';
import type { Database } from '../../src/db/schema';
import { createLogger } from '../../src/logging/logger';
import { buildProviders } from '../../src/providers/build-providers';
import { freePort, testEnv } from '../support/test-env';
import type { BookingState } from '../../workflows/contract';

const ADMIN_KEY = `admin-${randomUUID()}`;
// A Monday in winter: Zurich is UTC+1, so 09:00 there is 08:00Z.
const NOW = new Date('2030-01-06T12:00:00Z');

const uniqueId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

const serviceBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Haircut',
  durationMinutes: 60,
  priceCents: 7500,
  currency: 'CHF',
  depositCents: 2000,
  minNoticeMinutes: 0,
  slotStepMinutes: 60,
  ...overrides,
});

const resourceBody = (serviceIds: string[], overrides: Record<string, unknown> = {}) => ({
  name: 'Chair 1',
  timeZone: 'Europe/Zurich',
  weeklyHours: { mon: [{ start: '09:00', end: '12:00' }] },
  serviceIds,
  ...overrides,
});

/** A booking as the read model holds it after its workflow recorded a transition. */
function aRecordedBooking(resourceId: string, overrides: Partial<BookingState> = {}): BookingState {
  return {
    id: newBookingId(),
    status: 'CONFIRMED',
    serviceId: 'svc-any',
    resourceId,
    start: '2030-01-07T08:00:00.000Z',
    end: '2030-01-07T09:00:00.000Z',
    customer: { name: 'Jane Doe', email: 'jane@example.com', phone: null },
    notes: null,
    payment: {
      status: 'PAID',
      amountCents: 7500,
      priceCents: 7500,
      depositCents: 0,
      currency: 'CHF',
      refundedCents: 0,
      provider: 'local',
      sessionId: null,
      checkoutUrl: null,
      clientSecret: null,
      paymentId: 'lpay_1',
      failedAttempts: 0,
    },
    history: [{ status: 'PENDING', event: 'created', at: '2030-01-06T09:00:00.000Z', actor: 'customer' }],
    revision: 0,
    holdAttempts: 1,
    holdKey: null,
    refundableUntil: '2030-01-06T08:00:00.000Z',
    calendarEventId: null,
    cancellationReason: null,
    pendingUndos: [],
    attention: [],
    createdAt: '2030-01-06T09:00:00.000Z',
    updatedAt: '2030-01-06T09:00:00.000Z',
    ...overrides,
  };
}

describe('the API basics over HTTP', () => {
  let server: RunningApiServer;
  let db: Kysely<Database>;
  let connection: Connection;

  before(async () => {
    const env = testEnv();
    const config = {
      ...configSchema.parse({
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
        ADMIN_API_KEY: ADMIN_KEY,
        BOOKING_TOKEN_SECRET: randomUUID(),
        LOCAL_WEBHOOK_SECRET: randomUUID(),
        DATABASE_URL: env.databaseUrl,
        TEMPORAL_ADDRESS: env.temporalAddress,
      }),
      PORT: 0,
    };
    const logger = createLogger('error');
    db = createDb(env.databaseUrl, { max: 4 });
    connection = await Connection.connect({ address: env.temporalAddress });
    const temporal = new Client({ connection });
    server = await startApiServer({ config, db, temporal, providers: buildProviders(config, db, logger), logger, now: () => NOW });
  });

  after(async () => {
    await server?.close();
    await connection?.close();
    await db?.destroy();
  });

  const call = (path: string, init: RequestInit & { admin?: boolean | string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.admin) headers.set('X-Api-Key', init.admin === true ? ADMIN_KEY : init.admin);
    return fetch(`${server.url}${path}`, { ...init, headers });
  };
  const postJson = (path: string, body: unknown, admin: boolean | string = true) =>
    call(path, { method: 'POST', admin, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; details?: { path: string; message: string }[] } }).error;

  it('reports healthy when PostgreSQL and Temporal both answer', async () => {
    const res = await call('/healthz');
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok', checks: { database: 'ok', temporal: 'ok' } });
  });

  it('reports unavailable, naming the failing check, when Temporal cannot be reached', async () => {
    const config = { ...configSchema.parse({ HOST: '127.0.0.1', ADMIN_API_KEY: ADMIN_KEY, BOOKING_TOKEN_SECRET: randomUUID(), LOCAL_WEBHOOK_SECRET: randomUUID() }), PORT: 0 };
    const logger = createLogger('error');
    // Nothing listens there: the port was free a moment ago and nobody was given it.
    const nowhere = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}` }) });
    const lonely = await startApiServer({ config, db, temporal: nowhere, providers: buildProviders(config, db, logger), logger });
    try {
      const res = await fetch(`${lonely.url}/healthz`);
      assert.equal(res.status, 503);
      const body = (await res.json()) as { status: string; checks: { database: string; temporal: string } };
      assert.equal(body.status, 'unavailable');
      assert.equal(body.checks.database, 'ok');
      assert.match(body.checks.temporal, /^error: .+/);
    } finally {
      await lonely.close();
    }
  });

  it('refuses malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await call('/v1/admin/services', { method: 'POST', admin: true, headers: { 'content-type': 'application/json' }, body: '{"name": "Hair' });
    assert.equal(res.status, 400);
    assert.equal((await errorOf(res)).code, 'MALFORMED_JSON');
  });

  it('refuses an unknown field with 400 VALIDATION_FAILED naming it', async () => {
    const res = await postJson('/v1/admin/services', serviceBody({ colour: 'red' }));
    assert.equal(res.status, 400);
    const error = await errorOf(res);
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.deepEqual(error.details, [{ path: 'colour', message: 'Unknown field.' }]);
  });

  it('refuses a body over 100 kB with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await postJson('/v1/admin/services', serviceBody({ name: 'x'.repeat(101 * 1024) }));
    assert.equal(res.status, 413);
    assert.equal((await errorOf(res)).code, 'PAYLOAD_TOO_LARGE');
  });

  it('refuses a text/plain body with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await call('/v1/admin/services', { method: 'POST', admin: true, headers: { 'content-type': 'text/plain' }, body: JSON.stringify(serviceBody()) });
    assert.equal(res.status, 415);
    assert.equal((await errorOf(res)).code, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('keeps the admin routes shut without the right X-Api-Key', async () => {
    const missing = await call('/v1/admin/services');
    const wrong = await call('/v1/admin/services', { admin: `${ADMIN_KEY}x` });
    const wrongOnWrite = await postJson('/v1/admin/services', serviceBody(), 'not-the-key');
    for (const res of [missing, wrong, wrongOnWrite]) {
      assert.equal(res.status, 401);
      assert.equal((await errorOf(res)).code, 'UNAUTHORIZED');
    }
  });

  it('lets an admin open a service and a resource that the public can then see and book slots of', async () => {
    const serviceId = uniqueId('cut');
    const createdService = await postJson('/v1/admin/services', serviceBody({ id: serviceId }));
    assert.equal(createdService.status, 201);
    assert.equal(createdService.headers.get('location'), `/v1/admin/services/${serviceId}`);
    const { service } = (await createdService.json()) as { service: Record<string, unknown> };
    assert.equal(service.id, serviceId);
    assert.equal(service.active, true);

    const createdResource = await postJson('/v1/admin/resources', resourceBody([serviceId]));
    assert.equal(createdResource.status, 201);
    const { resource } = (await createdResource.json()) as { resource: { id: string; serviceIds: string[] } };
    assert.match(resource.id, /^res_[0-9a-f]+$/);
    assert.equal(createdResource.headers.get('location'), `/v1/admin/resources/${resource.id}`);
    assert.deepEqual(resource.serviceIds, [serviceId]);

    const services = (await (await call('/v1/services')).json()) as { services: { id: string }[] };
    const resources = (await (await call('/v1/resources')).json()) as { resources: { id: string }[] };
    assert.ok(services.services.some((s) => s.id === serviceId));
    assert.ok(resources.resources.some((r) => r.id === resource.id));

    const query = `serviceId=${serviceId}&from=2030-01-07T00:00:00Z&to=2030-01-08T00:00:00Z`;
    const expected = ['08:00', '09:00', '10:00'].map((t) => ({ start: `2030-01-07T${t}:00.000Z`, resourceId: resource.id }));
    for (const path of [`/v1/availability?${query}`, `/v1/availability?${query}&resourceId=${resource.id}`]) {
      const res = await call(path);
      assert.equal(res.status, 200, path);
      const { slots } = (await res.json()) as { slots: { start: string; end: string; resourceId: string }[] };
      assert.deepEqual(slots.map(({ start, resourceId }) => ({ start, resourceId })), expected, path);
    }
  });

  it('hides a service from the public once an admin deactivates it', async () => {
    const serviceId = uniqueId('gone');
    assert.equal((await postJson('/v1/admin/services', serviceBody({ id: serviceId }))).status, 201);
    const patched = await call(`/v1/admin/services/${serviceId}`, { method: 'PATCH', admin: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ active: false }) });
    assert.equal(patched.status, 200);
    assert.equal(((await patched.json()) as { service: { active: boolean } }).service.active, false);
    const services = (await (await call('/v1/services')).json()) as { services: { id: string }[] };
    assert.ok(!services.services.some((s) => s.id === serviceId));
    const availability = await call(`/v1/availability?serviceId=${serviceId}&from=2030-01-07T00:00:00Z&to=2030-01-08T00:00:00Z`);
    assert.equal(availability.status, 404);
  });

  it('refuses a resource in a time zone that does not exist, or offering an unknown service', async () => {
    const badZone = await postJson('/v1/admin/resources', resourceBody([], { timeZone: 'Europe/Atlantis' }));
    assert.equal(badZone.status, 400);
    assert.deepEqual((await errorOf(badZone)).details?.map((d) => d.path), ['timeZone']);
    const unknownService = await postJson('/v1/admin/resources', resourceBody([uniqueId('nope')]));
    assert.equal(unknownService.status, 400);
    assert.deepEqual((await errorOf(unknownService)).details?.map((d) => d.path), ['serviceIds.0']);
  });

  it('refuses a deposit above the price, on creation and by a later change, and overlapping opening hours', async () => {
    const deposit = await postJson('/v1/admin/services', serviceBody({ depositCents: 9000 }));
    assert.equal(deposit.status, 400);
    assert.deepEqual((await errorOf(deposit)).details?.map((d) => d.path), ['depositCents']);
    const serviceId = uniqueId('cheap');
    assert.equal((await postJson('/v1/admin/services', serviceBody({ id: serviceId }))).status, 201);
    const cheaper = await call(`/v1/admin/services/${serviceId}`, { method: 'PATCH', admin: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ priceCents: 1000 }) });
    assert.equal(cheaper.status, 400);
    assert.deepEqual((await errorOf(cheaper)).details?.map((d) => d.path), ['depositCents']);
    const overlap = await postJson('/v1/admin/resources', resourceBody([], { weeklyHours: { tue: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }] } }));
    assert.equal(overlap.status, 400);
    assert.deepEqual((await errorOf(overlap)).details?.map((d) => d.path), ['weeklyHours.tue']);
  });

  it('takes a currency in lower case, as Stripe writes it, and stores and answers it in upper case', async () => {
    const serviceId = uniqueId('lower');
    const created = await postJson('/v1/admin/services', serviceBody({ id: serviceId, currency: 'chf' }));
    assert.equal(created.status, 201);
    assert.equal(((await created.json()) as { service: { currency: string } }).service.currency, 'CHF');
    const patched = await call(`/v1/admin/services/${serviceId}`, { method: 'PATCH', admin: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ currency: 'eUr' }) });
    assert.equal(((await patched.json()) as { service: { currency: string } }).service.currency, 'EUR');
    const stored = await db.selectFrom('services').select('currency').where('id', '=', serviceId).executeTakeFirstOrThrow();
    assert.equal(stored.currency, 'EUR');
    const notACode = await postJson('/v1/admin/services', serviceBody({ currency: 'eu1' }));
    assert.equal(notACode.status, 400);
    assert.deepEqual((await errorOf(notACode)).details?.map((d) => d.path), ['currency']);
  });

  it('caps reschedules at 3 unless an admin sets another maxReschedules, and shows it to the public', async () => {
    const serviceId = uniqueId('cap');
    const created = await postJson('/v1/admin/services', serviceBody({ id: serviceId }));
    assert.equal(((await created.json()) as { service: { maxReschedules: number } }).service.maxReschedules, 3);
    const patched = await call(`/v1/admin/services/${serviceId}`, { method: 'PATCH', admin: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ maxReschedules: 0 }) });
    assert.equal(((await patched.json()) as { service: { maxReschedules: number } }).service.maxReschedules, 0);
    const services = (await (await call('/v1/services')).json()) as { services: { id: string; maxReschedules: number }[] };
    assert.equal(services.services.find((s) => s.id === serviceId)?.maxReschedules, 0);
    const negative = await postJson('/v1/admin/services', serviceBody({ maxReschedules: -1 }));
    assert.equal(negative.status, 400);
  });

  it('offers 23:30 as the last slot of an evening that works until "24:00", and refuses "24:00" as a start', async () => {
    const serviceId = uniqueId('late');
    assert.equal((await postJson('/v1/admin/services', serviceBody({ id: serviceId, durationMinutes: 30, slotStepMinutes: 30, depositCents: 0 }))).status, 201);
    const evening = [{ start: '20:00', end: '24:00' }];
    const created = await postJson('/v1/admin/resources', resourceBody([serviceId], { weeklyHours: { mon: evening }, dateOverrides: { '2030-01-08': evening } }));
    assert.equal(created.status, 201, JSON.stringify(await created.clone().json()));
    const { resource } = (await created.json()) as { resource: { id: string; weeklyHours: { mon: unknown } } };
    assert.deepEqual(resource.weeklyHours.mon, evening);

    // Monday 2030-01-07 and the Tuesday override, in Zurich (UTC+1): 20:00–24:00 is 19:00–23:00Z.
    const res = await call(`/v1/availability?serviceId=${serviceId}&resourceId=${resource.id}&from=2030-01-07T00:00:00Z&to=2030-01-09T00:00:00Z`);
    const { slots } = (await res.json()) as { slots: { start: string; end: string }[] };
    assert.equal(slots.length, 16);
    assert.deepEqual(slots.filter((s) => s.start.endsWith('22:30:00.000Z')), [
      { start: '2030-01-07T22:30:00.000Z', end: '2030-01-07T23:00:00.000Z', resourceId: resource.id },
      { start: '2030-01-08T22:30:00.000Z', end: '2030-01-08T23:00:00.000Z', resourceId: resource.id },
    ]);

    const midnightStart = await postJson('/v1/admin/resources', resourceBody([], { weeklyHours: { mon: [{ start: '24:00', end: '24:00' }] } }));
    assert.equal(midnightStart.status, 400);
    assert.ok((await errorOf(midnightStart)).details?.some((d) => d.path === 'weeklyHours.mon.0.start'));
  });

  it('shows operators the undos a booking still owes, and lists the bookings that need them', async () => {
    const resourceId = uniqueId('res');
    const troubled = aRecordedBooking(resourceId, {
      status: 'CANCELLED',
      payment: { ...aRecordedBooking(resourceId).payment, status: 'REFUND_PENDING' },
      pendingUndos: [{ name: 'refund', undo: { step: 'payment' }, amountCents: 7500, attempts: 12, lastError: 'provider unavailable', since: '2030-01-06T10:00:00.000Z' }],
      attention: ['compensation-failing'],
    });
    const calm = aRecordedBooking(resourceId);
    for (const state of [troubled, calm]) await upsertBookingFromState(db, state, null);

    const one = await call(`/v1/admin/bookings/${troubled.id}`, { admin: true });
    assert.equal(one.status, 200);
    const { booking } = (await one.json()) as { booking: Record<string, unknown> };
    assert.equal(booking.status, 'CANCELLED');
    assert.deepEqual(booking.pendingUndos, [{ name: 'refund', attempts: 12, lastError: 'provider unavailable', since: '2030-01-06T10:00:00.000Z' }]);
    assert.deepEqual(booking.attention, ['compensation-failing']);

    const needing = (await (await call(`/v1/admin/bookings?resourceId=${resourceId}&attention=true`, { admin: true })).json()) as { bookings: { id: string }[] };
    assert.deepEqual(needing.bookings.map((b) => b.id), [troubled.id]);
    const others = (await (await call(`/v1/admin/bookings?resourceId=${resourceId}&attention=false`, { admin: true })).json()) as { bookings: { id: string }[] };
    assert.deepEqual(others.bookings.map((b) => b.id), [calm.id]);

    assert.equal((await call(`/v1/admin/bookings/${newBookingId()}`, { admin: true })).status, 404);
    assert.equal((await call(`/v1/admin/bookings/${troubled.id}`)).status, 401);
  });

  it('answers 503 UNAVAILABLE, never 500, while PostgreSQL cannot be reached, and keeps serving', async () => {
    const config = { ...configSchema.parse({ HOST: '127.0.0.1', ADMIN_API_KEY: ADMIN_KEY, BOOKING_TOKEN_SECRET: randomUUID(), LOCAL_WEBHOOK_SECRET: randomUUID() }), PORT: 0 };
    const logger = createLogger('error');
    // Nothing listens there: the port was free a moment ago and nobody was given it.
    const deadDb = createDb(`postgres://nobody@127.0.0.1:${await freePort()}/none`, { max: 2 });
    const temporal = new Client({ connection });
    const server = createApp({ config, db: deadDb, temporal, providers: buildProviders(config, deadDb, logger), logger }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const path of ['/v1/services', `/v1/availability?serviceId=x&from=2030-01-07T00:00:00Z&to=2030-01-08T00:00:00Z`, '/v1/services']) {
        const res = await fetch(`${url}${path}`);
        assert.equal(res.status, 503, path);
        assert.deepEqual(await res.json(), { error: { code: 'UNAVAILABLE', message: 'The database is unavailable right now; try again shortly.' } });
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await deadDb.destroy();
    }
  });

  it('answers 404 for availability of a service that does not exist, and 400 for a range without offsets', async () => {
    const unknown = await call(`/v1/availability?serviceId=${uniqueId('ghost')}&from=2030-01-07T00:00:00Z&to=2030-01-08T00:00:00Z`);
    assert.equal(unknown.status, 404);
    assert.equal((await errorOf(unknown)).code, 'NOT_FOUND');
    const noOffset = await call(`/v1/availability?serviceId=x&from=2030-01-07T00:00:00&to=2030-01-08T00:00:00Z`);
    assert.equal(noOffset.status, 400);
    assert.deepEqual((await errorOf(noOffset)).details?.map((d) => d.path), ['from']);
  });

  it('lets webhooks (raw, any type) and the checkout form (urlencoded) past the JSON-only rule', async () => {
    const webhook = await call('/v1/webhooks/local', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'not json' });
    assert.notEqual(webhook.status, 415);
    assert.equal((await errorOf(webhook)).code, 'UNAUTHORIZED');
    const form = await call(`/local-checkout/${uniqueId('cs')}/pay`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'confirm=1' });
    assert.notEqual(form.status, 415);
    const formElsewhere = await call('/v1/admin/services', { method: 'POST', admin: true, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=x' });
    assert.equal(formElsewhere.status, 415);
  });

  it('answers an unknown route with 404 in the error shape, without advertising Express', async () => {
    const res = await call('/v1/nothing-here');
    assert.equal(res.status, 404);
    assert.equal((await errorOf(res)).code, 'NOT_FOUND');
    assert.equal(res.headers.get('x-powered-by'), null);
    assert.ok(res.headers.get('x-request-id'));
  });

  it('serves the OpenAPI document and a docs page whose assets come from the server itself', async () => {
    const openapi = await call('/openapi.json');
    assert.equal(openapi.status, 200);
    const doc = (await openapi.json()) as { openapi: string; paths: Record<string, unknown> };
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/v1/availability']);
    const page = await call('/docs');
    const html = await page.text();
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    for (const asset of [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)) {
      assert.ok(asset.startsWith('/'), `${asset} is served locally`);
      assert.equal((await call(asset)).status, 200, asset);
    }
  });
});

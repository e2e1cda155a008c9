/**
 * Calendly intake over HTTP against the running product. Calendly itself has no local server, so
 * this file runs a LOCAL STAND-IN for Calendly's API (only `POST /scheduled_events/{uuid}/cancellation`,
 * answering 201 with Calendly's documented `resource` shape and checking the bearer token) and sends
 * webhooks shaped and signed as Calendly documents them (`Calendly-Webhook-Signature: t=…,v1=…`,
 * HMAC-SHA256 of "t.body"; payloads of API v2 `invitee.created` / `invitee.canceled`).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { BookingClient } from '../../src/bookings/booking-client';
import { settleCalendlyInvitee } from '../../src/calendly/calendly-settle';
import { signCalendlyWebhook } from '../../src/calendly/calendly-signature';
import { createLogger } from '../../src/logging/logger';
import { type TestApp, startTestApp } from '../support/app-harness';
import { uniqueSuffix } from '../support/fixtures';
import { bookOk, bookingRequest, eventually, offeredSlots, waitForStatus } from '../support/booking-api';
import { http } from '../support/http';

const SIGNING_KEY = randomBytes(24).toString('base64url');
const API_TOKEN = `calendly-pat-${randomBytes(8).toString('hex')}`;
const CALENDLY = 'https://api.calendly.com';

interface FakeCalendly {
  url: string;
  cancellations: { uuid: string; reason: string }[];
  close(): Promise<void>;
}

async function startFakeCalendly(): Promise<FakeCalendly> {
  const cancellations: FakeCalendly['cancellations'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const match = /^\/scheduled_events\/([^/]+)\/cancellation$/.exec(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      if (req.headers.authorization !== `Bearer ${API_TOKEN}`) {
        res.writeHead(401).end(JSON.stringify({ title: 'Unauthenticated', message: 'The access token is invalid' }));
        return;
      }
      if (req.method !== 'POST' || !match) {
        res.writeHead(404).end(JSON.stringify({ title: 'Resource Not Found', message: 'The server could not find the requested resource.' }));
        return;
      }
      const reason = (JSON.parse(body || '{}') as { reason?: string }).reason ?? '';
      cancellations.push({ uuid: match[1] as string, reason });
      res.writeHead(201).end(JSON.stringify({ resource: { canceled_by: 'Alex', reason, canceler_type: 'host', created_at: new Date().toISOString() } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, cancellations, close: () => new Promise((r) => server.close(() => r())) };
}

/** An invitee as Calendly's webhook payload carries it. */
function invitee(opts: { eventUuid: string; inviteeUuid: string; eventTypeUri: string; userUri: string; start: string; end: string; status?: 'active' | 'canceled'; rescheduled?: boolean; oldInvitee?: string | null; newInvitee?: string | null; cancellation?: { canceler_type: 'invitee' | 'host'; reason: string } }) {
  const eventUri = `${CALENDLY}/scheduled_events/${opts.eventUuid}`;
  return {
    uri: `${eventUri}/invitees/${opts.inviteeUuid}`,
    email: 'jane@example.com',
    name: 'Jane Doe',
    first_name: null,
    last_name: null,
    status: opts.status ?? 'active',
    timezone: 'Europe/Berlin',
    event: eventUri,
    // As the invitee typed it: the booking gets it in E.164.
    text_reminder_number: '+49 151 1234 5678',
    rescheduled: opts.rescheduled ?? false,
    old_invitee: opts.oldInvitee ?? null,
    new_invitee: opts.newInvitee ?? null,
    cancel_url: `https://calendly.com/cancellations/${opts.inviteeUuid}`,
    reschedule_url: `https://calendly.com/reschedulings/${opts.inviteeUuid}`,
    questions_and_answers: [],
    tracking: { utm_campaign: null, utm_source: null, utm_medium: null, utm_content: null, utm_term: null, salesforce_uuid: null },
    cancellation: opts.cancellation ? { ...opts.cancellation, canceled_by: 'Jane Doe', created_at: new Date().toISOString() } : null,
    payment: null,
    no_show: null,
    reconfirmation: null,
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
    scheduled_event: {
      uri: eventUri,
      name: 'Consultation',
      status: opts.status ?? 'active',
      start_time: opts.start,
      end_time: opts.end,
      event_type: opts.eventTypeUri,
      location: { type: 'physical', location: 'Office' },
      invitees_counter: { total: 1, active: 1, limit: 1 },
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
      event_memberships: [{ user: opts.userUri, user_email: 'alex@example.com', user_name: 'Alex' }],
      event_guests: [],
    },
  };
}

let app: TestApp;
let calendly: FakeCalendly;

interface CalendlyAnswer {
  received?: boolean;
  duplicate?: boolean;
  outcome?: string;
}

function deliver(kind: 'invitee.created' | 'invitee.canceled', payload: unknown, signature?: (body: string) => string) {
  const body = JSON.stringify({ event: kind, created_at: new Date().toISOString(), created_by: `${CALENDLY}/users/ALEX`, payload });
  const header = signature ? signature(body) : signCalendlyWebhook(SIGNING_KEY, body, Math.floor(Date.now() / 1000));
  return http<CalendlyAnswer>(app.baseUrl, '/v1/webhooks/calendly', { rawBody: body, headers: { 'calendly-webhook-signature': header, 'content-type': 'application/json' } });
}

const adminGet = (path: string) => http(app.baseUrl, path, { headers: { 'x-api-key': app.adminKey } });

/** A service and resource bound to a Calendly event type and user through the admin API. */
async function boundPair(priceCents = 0) {
  const { service, resource } = await app.createServiceAndResource({ service: { priceCents } });
  const eventTypeUri = `${CALENDLY}/event_types/ET-${uniqueSuffix()}`;
  const userUri = `${CALENDLY}/users/U-${uniqueSuffix()}`;
  const s = await http(app.baseUrl, `/v1/admin/services/${service.id}`, { method: 'PATCH', body: { calendlyEventTypeUri: eventTypeUri }, headers: { 'x-api-key': app.adminKey } });
  assert.equal(s.status, 200, JSON.stringify(s.body));
  assert.equal((s.body as { service?: { calendlyEventTypeUri?: string } }).service?.calendlyEventTypeUri, eventTypeUri);
  const r = await http(app.baseUrl, `/v1/admin/resources/${resource.id}`, { method: 'PATCH', body: { calendlyUserUri: userUri }, headers: { 'x-api-key': app.adminKey } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const slots = await offeredSlots(app, service.id, resource.id);
  return { service, resource, eventTypeUri, userUri, slots };
}

async function bookingOf(inviteeUri: string): Promise<string> {
  return eventually(`a booking for ${inviteeUri}`, async () => (await app.db.selectFrom('calendly_invitees').select('booking_id').where('invitee_uri', '=', inviteeUri).executeTakeFirst())?.booking_id ?? null);
}

before(async () => {
  calendly = await startFakeCalendly();
  app = await startTestApp({ env: { CALENDLY_WEBHOOK_SIGNING_KEY: SIGNING_KEY, CALENDLY_API_TOKEN: API_TOKEN, CALENDLY_API_URL: calendly.url, CALENDLY_RESCHEDULE_WAIT_MINUTES: '30' } });
});
after(async () => {
  await app.stop();
  await calendly.close();
});

describe('Calendly intake', () => {
  it('turns invitee.created into a held booking waiting for payment, and messages the checkout link', async () => {
    const { eventTypeUri, userUri, slots, service, resource } = await boundPair(5000);
    const slot = slots[1];
    assert.ok(slot);
    const payload = invitee({ eventUuid: `E-${uniqueSuffix()}`, inviteeUuid: `I-${uniqueSuffix()}`, eventTypeUri, userUri, start: slot.start, end: slot.end });
    const res = await deliver('invitee.created', payload);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.outcome, 'booked');

    const id = await bookingOf(payload.uri);
    const booking = (await adminGet(`/v1/bookings/${id}`)).body.booking;
    assert.equal(booking.status, 'AWAITING_PAYMENT');
    assert.equal(booking.start, slot.start);
    assert.equal(booking.customer.phone, '+4915112345678');
    assert.equal((await offeredSlots(app, service.id, resource.id)).some((s) => s.start === slot.start), false, 'the slot is held');
    const messages = await eventually('the payment request message', async () => {
      const list = (await adminGet(`/v1/admin/bookings/${id}/notifications`)).body.notifications as { kind: string; channel: string }[];
      return list.some((n) => n.kind === 'payment-requested' && n.channel === 'email') ? list : null;
    });
    assert.ok(messages.length >= 1);
    // The message carries the booking's own checkout link: Calendly has no page to show it on.
    const session = await app.db.selectFrom('bookings').select('checkout_url').where('id', '=', id).executeTakeFirstOrThrow();
    const sent = await app.db.selectFrom('notifications').select('body').where('booking_id', '=', id).where('kind', '=', 'payment-requested').where('channel', '=', 'email').executeTakeFirstOrThrow();
    assert.ok(session.checkout_url && sent.body.includes(session.checkout_url), sent.body);

    const again = await deliver('invitee.created', payload);
    assert.deepEqual(again.body, { received: true, duplicate: true });
  });

  it('refuses a delivery without a valid, fresh signature', async () => {
    const payload = { uri: `${CALENDLY}/scheduled_events/X/invitees/Y` };
    assert.equal((await deliver('invitee.created', payload, () => '')).status, 401);
    assert.equal((await deliver('invitee.created', payload, (b) => signCalendlyWebhook('another-key', b, Math.floor(Date.now() / 1000)))).status, 401);
    assert.equal((await deliver('invitee.created', payload, (b) => signCalendlyWebhook(SIGNING_KEY, b, Math.floor(Date.now() / 1000) - 3600))).status, 401);
    assert.equal((await deliver('invitee.created', payload, () => 'v1=abc')).status, 400);
  });

  it('rejects an invitee whose slot is already taken here, and cancels the Calendly event with the reason', async () => {
    const { eventTypeUri, userUri, slots, service, resource } = await boundPair();
    const slot = slots[2];
    assert.ok(slot);
    const first = await bookOk(app, bookingRequest(service.id, resource.id, slot.start, 'first@example.com'));
    await waitForStatus(app, first.id, first.token, 'CONFIRMED');
    const eventUuid = `E-${uniqueSuffix()}`;
    const res = await deliver('invitee.created', invitee({ eventUuid, inviteeUuid: `I-${uniqueSuffix()}`, eventTypeUri, userUri, start: slot.start, end: slot.end }));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.outcome, 'rejected');
    const cancelled = await eventually('the Calendly cancellation', async () => calendly.cancellations.find((c) => c.uuid === eventUuid));
    assert.match(cancelled.reason, /no longer available|just booked/i);
    const rejected = await app.db.selectFrom('bookings').select('status').where('customer_email', '=', 'jane@example.com').where('start_at', '=', new Date(slot.start)).where('resource_id', '=', resource.id).execute();
    assert.deepEqual(rejected.map((r) => r.status), ['REJECTED']);
  });

  it('cancels the booking when the invitee cancels in Calendly', async () => {
    const { eventTypeUri, userUri, slots } = await boundPair();
    const slot = slots[3];
    assert.ok(slot);
    const ids = { eventUuid: `E-${uniqueSuffix()}`, inviteeUuid: `I-${uniqueSuffix()}`, eventTypeUri, userUri, start: slot.start, end: slot.end };
    await deliver('invitee.created', invitee(ids));
    const id = await bookingOf(invitee(ids).uri);
    await eventually('confirmed', async () => (await adminGet(`/v1/bookings/${id}`)).body.booking.status === 'CONFIRMED');
    const res = await deliver('invitee.canceled', invitee({ ...ids, status: 'canceled', cancellation: { canceler_type: 'invitee', reason: 'Something came up' } }));
    assert.equal(res.body.outcome, 'cancelled');
    assert.equal((await adminGet(`/v1/bookings/${id}`)).body.booking.status, 'CANCELLED');
  });

  for (const order of ['created first', 'canceled first'] as const) {
    it(`makes a Calendly reschedule one reschedule of the same booking (${order})`, async () => {
      const { eventTypeUri, userUri, slots } = await boundPair();
      const [from, to] = [slots[4], slots[9]];
      assert.ok(from && to);
      const old = { eventUuid: `E-${uniqueSuffix()}`, inviteeUuid: `I-${uniqueSuffix()}`, eventTypeUri, userUri, start: from.start, end: from.end };
      await deliver('invitee.created', invitee(old));
      const id = await bookingOf(invitee(old).uri);
      await eventually('confirmed', async () => (await adminGet(`/v1/bookings/${id}`)).body.booking.status === 'CONFIRMED');

      const moved = { eventUuid: `E-${uniqueSuffix()}`, inviteeUuid: `I-${uniqueSuffix()}`, eventTypeUri, userUri, start: to.start, end: to.end };
      const created = () => deliver('invitee.created', invitee({ ...moved, oldInvitee: invitee(old).uri }));
      const canceled = () => deliver('invitee.canceled', invitee({ ...old, status: 'canceled', rescheduled: true, newInvitee: invitee(moved).uri, cancellation: { canceler_type: 'invitee', reason: '' } }));
      const outcomes = order === 'created first' ? [(await created()).body.outcome, (await canceled()).body.outcome] : [(await canceled()).body.outcome, (await created()).body.outcome];
      assert.deepEqual(outcomes, order === 'created first' ? ['rescheduled', 'already-handled'] : ['awaiting-partner', 'rescheduled']);

      const booking = (await adminGet(`/v1/bookings/${id}`)).body.booking;
      assert.equal(booking.status, 'CONFIRMED');
      assert.equal(booking.start, to.start);
      assert.equal(booking.history.filter((h: { event: string }) => h.event === 'rescheduled').length, 1);
      assert.equal(await bookingOf(invitee(moved).uri), id);
    });
  }

  it('cancels the booking when a reschedule’s new invitee never arrives (the end of the wait)', async () => {
    const { eventTypeUri, userUri, slots } = await boundPair();
    const slot = slots[6];
    assert.ok(slot);
    const old = { eventUuid: `E-${uniqueSuffix()}`, inviteeUuid: `I-${uniqueSuffix()}`, eventTypeUri, userUri, start: slot.start, end: slot.end };
    await deliver('invitee.created', invitee(old));
    const id = await bookingOf(invitee(old).uri);
    await eventually('confirmed', async () => (await adminGet(`/v1/bookings/${id}`)).body.booking.status === 'CONFIRMED');
    const res = await deliver('invitee.canceled', invitee({ ...old, status: 'canceled', rescheduled: true, newInvitee: `${CALENDLY}/scheduled_events/NEVER/invitees/NEVER` }));
    assert.equal(res.body.outcome, 'awaiting-partner');
    assert.equal((await adminGet(`/v1/bookings/${id}`)).body.booking.status, 'CONFIRMED');

    // What the wait workflow's activity does when its timer fires (30 minutes here, not waited for).
    const bookings = new BookingClient({ temporal: app.client, db: app.db, config: app.config, logger: createLogger('error') });
    assert.equal(await settleCalendlyInvitee({ db: app.db, bookings, logger: createLogger('error') }, invitee(old).uri), 'cancelled');
    assert.equal((await adminGet(`/v1/bookings/${id}`)).body.booking.status, 'CANCELLED');
  });
});

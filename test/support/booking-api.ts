/** What a frontend does with the booking API, as small helpers for the integration stories. */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BookingView } from '../../src/bookings/booking-view';
import type { TestApp } from './app-harness';
import { http, type HttpAnswer } from './http';

const HOUR_MS = 60 * 60_000;

export interface SlotDto {
  start: string;
  end: string;
  resourceId: string;
}

/** Free slots of the resource, starting a bit over a day ahead (outside a 24 h refund window) for three days. */
export async function offeredSlots(
  app: TestApp,
  serviceId: string,
  resourceId: string,
  range = { from: new Date(Date.now() + 26 * HOUR_MS), to: new Date(Date.now() + 98 * HOUR_MS) },
): Promise<SlotDto[]> {
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  const res = await http(app.baseUrl, `/v1/availability?${new URLSearchParams({ serviceId, resourceId, from, to })}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.slots;
}

/**
 * Asks about the hours around `start` itself: a window that moves with the clock would lose a slot
 * near its edge while a test waits (the expiry story waits over a minute).
 */
export async function isOffered(app: TestApp, serviceId: string, resourceId: string, start: string): Promise<boolean> {
  const at = new Date(start).getTime();
  const slots = await offeredSlots(app, serviceId, resourceId, { from: new Date(at - HOUR_MS), to: new Date(at + HOUR_MS) });
  return slots.some((s) => new Date(s.start).getTime() === new Date(start).getTime());
}

export function bookingRequest(serviceId: string, resourceId: string, start: string, email = 'jane@example.com') {
  return { serviceId, resourceId, start, customer: { name: 'Jane Doe', email, phone: '+4915112345678' } };
}

export function book(app: TestApp, body: unknown, idempotencyKey?: string): Promise<HttpAnswer> {
  return http(app.baseUrl, '/v1/bookings', { body, headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {} });
}

/** Books and insists it worked: the held booking, its token and its checkout URL. */
export async function bookOk(app: TestApp, body: unknown): Promise<{ id: string; token: string; checkoutUrl: string | null; booking: BookingView }> {
  const res = await book(app, body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { id: res.body.booking.id, token: res.body.accessToken, checkoutUrl: res.body.checkoutUrl, booking: res.body.booking };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export function getBooking(app: TestApp, id: string, token: string): Promise<HttpAnswer> {
  return http(app.baseUrl, `/v1/bookings/${id}`, { headers: bearer(token) });
}

/** Polls until the booking reaches the status (bounded): workflows move asynchronously after a payment. */
export async function waitForStatus(app: TestApp, id: string, token: string, status: string, timeoutMs = 20_000): Promise<BookingView> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const res = await getBooking(app, id, token);
    if (res.status === 200 && res.body.booking.status === status) return res.body.booking;
    last = res.body;
    await sleep(150);
  }
  assert.fail(`booking ${id} did not become ${status} within ${timeoutMs} ms; last answer: ${JSON.stringify(last)}`);
}

/** Polls a condition until it holds (bounded). */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await sleep(150);
  }
  assert.fail(`timed out after ${timeoutMs} ms waiting for: ${what}`);
}

/** The customer presses "Pay" on the local checkout page (a JSON client, like curl with Accept: application/json). */
export function pay(checkoutUrl: string): Promise<HttpAnswer> {
  return http(checkoutUrl, '/pay', { method: 'POST' });
}

export function decline(checkoutUrl: string): Promise<HttpAnswer> {
  return http(checkoutUrl, '/decline', { method: 'POST' });
}

/** Book and pay; returns once the booking is CONFIRMED. */
export async function bookAndPay(app: TestApp, body: unknown): Promise<{ id: string; token: string; booking: BookingView }> {
  const created = await bookOk(app, body);
  assert.ok(created.checkoutUrl, 'a paid service answers with a checkout URL');
  const paid = await pay(created.checkoutUrl);
  assert.equal(paid.status, 200, JSON.stringify(paid.body));
  const booking = await waitForStatus(app, created.id, created.token, 'CONFIRMED');
  return { id: created.id, token: created.token, booking };
}
